import Foundation

/// Weights from people's judgement (主观赋权), and how subjective and
/// objective weights are combined.
public enum SubjectiveWeights {
  /// Equal weights, 1/n each.
  public static func equal(_ count: Int) throws(WeightingError)
    -> CriteriaWeights
  {
    guard count > 0 else {
      throw .shape("equal weights need at least one criterion")
    }
    return CriteriaWeights(
      values: [Double](repeating: 1 / Double(count), count: count),
      method: "equal")
  }

  /// How the experts' points are combined.
  public enum Pooling: String, Sendable {
    /// The mean of the experts' shares.
    case mean
    /// The geometric mean of the experts' shares, renormalised to sum 1
    /// (it needs every share above 0).
    case geometric
  }

  /// How far from 100 an expert's points may sum, for points rounded to
  /// a tenth or a hundredth (33.33 three times is 99.99); they are then
  /// scaled to sum 100.
  public static let pointsTolerance = 0.1

  /// Budget allocation (专家打分, points): each expert shares 100 points
  /// over the criteria; a criterion's weight is its pooled share.
  ///
  /// - Throws: `WeightingError` naming the expert whose points do not sum
  ///   to 100 (to 1e-9) or are negative, and, for the geometric mean, a
  ///   criterion an expert gave 0.
  public static func expertPoints(
    _ points: [[Double]], pooling: Pooling = .mean
  )
    throws(WeightingError) -> CriteriaWeights
  {
    guard let n = points.first?.count, n > 0 else {
      throw .shape("expert points need at least one expert and one criterion")
    }
    for (e, row) in points.enumerated() {
      guard row.count == n else {
        throw .shape(
          "expert \(e + 1) gives \(row.count) points for \(n) criteria")
      }
      if let j = row.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
        throw .cell(
          row: e, criterion: j,
          "an expert gives each criterion 0 points or more")
      }
      let total = row.reduce(0, +)
      guard abs(total - 100) <= pointsTolerance else {
        throw .badValue(
          "expert \(e + 1)'s points sum to \(Diagnostic.number(total)); each expert shares 100 points"
        )
      }
    }
    // Each expert's shares, scaled to sum 1: points written to two
    // decimals (33.33 three times) sum to 100 only within rounding.
    let points = points.map { row in
      let total = row.reduce(0, +)
      return row.map { $0 / total * 100 }
    }
    let experts = Double(points.count)
    var w = [Double](repeating: 0, count: n)
    switch pooling {
    case .mean:
      for row in points { for j in 0..<n { w[j] += row[j] / 100 / experts } }
    case .geometric:
      for j in 0..<n {
        var logSum = 0.0
        for (e, row) in points.enumerated() {
          guard row[j] > 0 else {
            throw .cell(
              row: e, criterion: j,
              "the geometric mean of experts' shares needs every share above 0 (use --pooling mean)"
            )
          }
          logSum += log(row[j] / 100)
        }
        w[j] = exp(logSum / experts)
      }
      let total = w.reduce(0, +)
      w = w.map { $0 / total }
    }
    return CriteriaWeights(
      values: w, method: "expert points (\(pooling.rawValue))")
  }

  /// How subjective weights s and objective weights o are combined.
  public enum Combination: Sendable, Equatable {
    /// wⱼ = sⱼoⱼ / Σ sₖoₖ (the multiplicative synthesis common in Chinese
    /// evaluation papers, 乘法合成).
    case multiplicative
    /// wⱼ = α sⱼ + (1 − α) oⱼ, 0 ≤ α ≤ 1 (线性加权).
    case linear(alpha: Double)
  }

  public static func combine(
    _ subjective: CriteriaWeights, _ objective: CriteriaWeights,
    by rule: Combination = .multiplicative
  ) throws(WeightingError) -> CriteriaWeights {
    let s = subjective.values
    let o = objective.values
    guard s.count == o.count else {
      throw .shape("\(s.count) subjective and \(o.count) objective weights")
    }
    switch rule {
    case .multiplicative:
      let product = zip(s, o).map { $0 * $1 }
      let total = product.reduce(0, +)
      guard total > 0 else {
        throw .degenerate(
          "no criterion has weight in both: the product of the weights is 0 everywhere"
        )
      }
      return CriteriaWeights(
        values: product.map { $0 / total },
        method: "\(subjective.method) × \(objective.method)")
    case .linear(let alpha):
      guard alpha >= 0, alpha <= 1 else {
        throw .badValue(
          "the share of the subjective weights is \(Diagnostic.number(alpha)); give one from 0 to 1"
        )
      }
      return CriteriaWeights(
        values: zip(s, o).map { alpha * $0 + (1 - alpha) * $1 },
        method:
          "\(Diagnostic.number(alpha)) · \(subjective.method) + \(Diagnostic.number(1 - alpha)) · \(objective.method)"
      )
    }
  }
}
