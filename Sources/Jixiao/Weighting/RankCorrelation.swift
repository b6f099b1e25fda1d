import Foundation

/// Coefficients that say how alike two rankings are. Rankings are
/// positions, 1 the best, ties given the average of their positions
/// (`Ranking.positions`).
public enum RankCorrelation {
  /// Spearman's ρ: Pearson's correlation of the two rankings (with ties,
  /// of their average ranks); 1 when they agree.
  public static func spearman(_ x: [Double], _ y: [Double])
    throws(WeightingError)
    -> Double
  {
    try check(x, y)
    let r = ObjectiveWeights.correlation(x, y)
    guard r.isFinite else {
      throw .degenerate("a ranking with every position tied has no correlation")
    }
    return r
  }

  /// The weighted rank correlation r_W of Pinto da Costa & Soares (2005),
  /// which counts disagreements near the top more:
  /// r_W = 1 − 6 Σ (xᵢ − yᵢ)² ((N − xᵢ + 1) + (N − yᵢ + 1)) / (N⁴ + N³ − N² − N).
  public static func weightedSpearman(_ x: [Double], _ y: [Double])
    throws(WeightingError) -> Double
  {
    try check(x, y)
    let n = Double(x.count)
    var sum = 0.0
    for i in x.indices {
      let d = x[i] - y[i]
      sum += d * d * ((n - x[i] + 1) + (n - y[i] + 1))
    }
    return 1 - 6 * sum / (n * n * n * n + n * n * n - n * n - n)
  }

  /// The WS similarity coefficient of Sałabun & Urbaniak (2020), with x
  /// the reference ranking: WS = 1 − Σ 2^(−xᵢ) |xᵢ − yᵢ| / max(|xᵢ − 1|, |xᵢ − N|);
  /// not symmetric in x and y.
  public static func ws(_ x: [Double], _ y: [Double]) throws(WeightingError)
    -> Double
  {
    try check(x, y)
    let n = Double(x.count)
    var sum = 0.0
    for i in x.indices {
      sum +=
        pow(2, -x[i]) * abs(x[i] - y[i]) / max(abs(x[i] - 1), abs(x[i] - n))
    }
    return 1 - sum
  }

  /// Kendall's τ_b, which corrects for ties in either ranking:
  /// (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)).
  public static func kendall(_ x: [Double], _ y: [Double])
    throws(WeightingError)
    -> Double
  {
    try check(x, y)
    var concordant = 0.0
    var discordant = 0.0
    var tiesX = 0.0
    var tiesY = 0.0
    for i in x.indices {
      for j in (i + 1)..<max(i + 1, x.count) {
        let a = x[i] - x[j]
        let b = y[i] - y[j]
        if a == 0 && b == 0 { continue }
        if a == 0 { tiesX += 1; continue }
        if b == 0 { tiesY += 1; continue }
        if (a > 0) == (b > 0) { concordant += 1 } else { discordant += 1 }
      }
    }
    let denominator =
      ((concordant + discordant + tiesX) * (concordant + discordant + tiesY))
      .squareRoot()
    guard denominator > 0 else {
      throw .degenerate("a ranking with every position tied has no τ")
    }
    return (concordant - discordant) / denominator
  }

  static func check(_ x: [Double], _ y: [Double]) throws(WeightingError) {
    guard x.count == y.count else {
      throw .shape("the rankings have \(x.count) and \(y.count) positions")
    }
    guard x.count >= 2 else {
      throw .degenerate("a comparison needs two alternatives")
    }
  }
}
