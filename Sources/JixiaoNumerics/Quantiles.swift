/// Sample quantiles by the nine definitions of Hyndman & Fan (1996),
/// "Sample quantiles in statistical packages", The American Statistician
/// 50(4):361–365, numbered as there (and as R's `quantile(type =)`).
///
/// For sorted values x₁ ≤ … ≤ xₙ and a probability p, each type picks
/// m, then j = ⌊np + m⌋, g = np + m − j (with R's allowance of a few ulps
/// for the rounding of np + m) and
///
///     Q(p) = (1 − γ) · x_j + γ · x_{j+1}    (x₀ = x₁, x_{n+1} = xₙ)
///
/// | type | m | γ |
/// |---|---|---|
/// | 1 (inverse of the empirical CDF) | 0 | 1 if g > 0, else 0 |
/// | 2 (as 1, averaging at jumps) | 0 | 1 if g > 0, else ½ |
/// | 3 (nearest even order statistic) | −½ | 0 if g = 0 and j is even, else 1 |
/// | 4 | 0 | g |
/// | 5 | ½ | g |
/// | 6 (Weibull; SPSS, Minitab) | p | g |
/// | 7 (R, NumPy and Excel's default) | 1 − p | g |
/// | 8 (median-unbiased, recommended by Hyndman & Fan) | (p + 1) / 3 | g |
/// | 9 (normal-unbiased) | p / 4 + 3/8 | g |
public enum QuantileDefinition: Int, Sendable, CaseIterable, Codable {
  case type1 = 1, type2, type3, type4, type5, type6, type7, type8, type9

  /// Type 7, the default of R, NumPy and spreadsheets.
  public static let standard = QuantileDefinition.type7

  /// The p-quantile of `sorted` (ascending, not empty, p in [0, 1]).
  public func quantile(_ sorted: UnsafeBufferPointer<Double>, _ p: Double)
    -> Double
  {
    precondition(!sorted.isEmpty, "a quantile needs at least one value")
    precondition((0...1).contains(p), "p must be within 0 and 1")
    let n = Double(sorted.count)
    let m: Double
    switch self {
    case .type1, .type2, .type4: m = 0
    case .type3: m = -0.5
    case .type5: m = 0.5
    case .type6: m = p
    case .type7: m = 1 - p
    case .type8: m = (p + 1) / 3
    case .type9: m = p / 4 + 3.0 / 8
    }
    // As R does, a position within a few ulps of a whole number is that
    // number: 0.8 × 6 + 0.2 is 5.000000000000001 in binary, and without
    // the fuzz the 80th percentile of six values would not be the fifth.
    let fuzz = 4 * Double.ulpOfOne * max(1, n)
    let position = n * p + m
    let j = (position + fuzz).rounded(.down)
    var g = position - j
    if abs(g) < fuzz { g = 0 }
    let gamma: Double
    switch self {
    case .type1: gamma = g > 0 ? 1 : 0
    case .type2: gamma = g > 0 ? 1 : 0.5
    case .type3:
      gamma = g == 0 && Int(j) % 2 == 0 ? 0 : 1
    default: gamma = g
    }
    // Order statistics are 1-based; clamp to x₁ … xₙ.
    func x(_ k: Double) -> Double {
      let index = min(max(Int(k), 1), sorted.count) - 1
      return sorted[index]
    }
    let low = x(j)
    let high = x(j + 1)
    return gamma == 0 ? low : gamma == 1 ? high : low + gamma * (high - low)
  }

  public func quantile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.withUnsafeBufferPointer { quantile($0, p) }
  }
}

/// Robust and classical summaries of a sorted sample.
public enum Summary {
  /// The median (type 7, which for p = ½ agrees with types 5 to 9).
  public static func median(_ sorted: UnsafeBufferPointer<Double>) -> Double {
    QuantileDefinition.type7.quantile(sorted, 0.5)
  }

  public static func mean(_ values: UnsafeBufferPointer<Double>) -> Double {
    // Two-pass: the mean of the deviations from a first estimate corrects
    // the rounding of a plain sum of many values.
    var sum = 0.0
    for v in values { sum += v }
    let first = sum / Double(values.count)
    var correction = 0.0
    for v in values { correction += v - first }
    return first + correction / Double(values.count)
  }

  /// The mean of what remains after ⌊n·α⌋ values are cut from each end
  /// (α in [0, ½)).
  public static func trimmedMean(
    _ sorted: UnsafeBufferPointer<Double>, cut alpha: Double
  ) -> Double {
    precondition((0..<0.5).contains(alpha), "cut each end by less than half")
    let k = Int((Double(sorted.count) * alpha).rounded(.down))
    return mean(UnsafeBufferPointer(rebasing: sorted[k..<(sorted.count - k)]))
  }

  /// The median absolute deviation from the median, unscaled:
  /// median |xᵢ − median(x)|. Multiply by 1.4826 (`normalScale`) for a
  /// consistent estimate of σ under normality.
  public static func medianAbsoluteDeviation(
    _ sorted: UnsafeBufferPointer<Double>
  ) -> Double {
    let center = median(sorted)
    var deviations = sorted.map { abs($0 - center) }
    deviations.sort()
    return deviations.withUnsafeBufferPointer { median($0) }
  }

  /// 1 / Φ⁻¹(¾): MAD × 1.4826 estimates σ for normal data.
  public static let normalScale = 1.482_602_218_505_602
}
