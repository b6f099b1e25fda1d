import Foundation

/// How evenly a quantity (funds per member, say) is spread over units, each
/// unit weighted by its population (members) or all alike.
///
/// With weights wᵢ, values xᵢ ≥ 0, W = Σ wᵢ, μ = Σ wᵢxᵢ / W:
/// - Gini G = Σᵢ Σⱼ wᵢwⱼ |xᵢ − xⱼ| / (2 W² μ), computed in O(n log n)
///   from the values sorted (for equal weights, G = Σᵢ (2i − n − 1) x₍ᵢ₎ /
///   (n² μ));
/// - Theil T = (1/W) Σᵢ wᵢ (xᵢ/μ) ln(xᵢ/μ), with 0 · ln 0 = 0; split by
///   groups g as T = Σ_g s_g T_g + Σ_g s_g ln(μ_g / μ), s_g the group's
///   share of the total Σ wᵢxᵢ (Shorrocks 1980): within plus between;
/// - coefficient of variation CV = σ / μ, σ the weighted population
///   standard deviation;
/// - max/min ratio of the values (none when the smallest is 0).
public struct Balance: Sendable, Equatable {
  public var count: Int
  public var mean: Double
  public var gini: Double
  public var theil: Double
  public var coefficientOfVariation: Double
  public var minimum: Double
  public var maximum: Double
  /// max / min, nil when min = 0.
  public var maxMinRatio: Double?

  /// Theil's T split over groups.
  public struct Decomposition: Sendable, Equatable {
    public var within: Double
    public var between: Double
    /// Per group: label, share of the total, mean, T within.
    public var groups:
      [(label: String, share: Double, mean: Double, theil: Double)]

    public static func == (a: Self, b: Self) -> Bool {
      a.within == b.within && a.between == b.between
        && a.groups.map(\.label) == b.groups.map(\.label)
    }
  }

  public init(values: [Double], weights: [Double]? = nil)
    throws(EfficiencyError)
  {
    let w = weights ?? [Double](repeating: 1, count: values.count)
    guard !values.isEmpty else {
      throw .badData("there are no values to compare")
    }
    guard w.count == values.count else {
      throw .badData("one weight per value is needed")
    }
    for (k, x) in values.enumerated() {
      guard x.isFinite, x >= 0 else {
        throw .badData("value \(k + 1) (\(x)) must be a number ≥ 0")
      }
      guard w[k].isFinite, w[k] > 0 else {
        throw .badData("weight \(k + 1) (\(w[k])) must be a number > 0")
      }
    }
    let total = zip(values, w).reduce(0.0) { $0 + $1.0 * $1.1 }
    let weight = w.reduce(0, +)
    let mean = total / weight
    guard mean > 0 else {
      throw .badData("every value is 0; there is nothing to spread")
    }
    count = values.count
    self.mean = mean
    minimum = values.min() ?? 0
    maximum = values.max() ?? 0
    maxMinRatio = minimum > 0 ? maximum / minimum : nil
    theil = Self.theil(values, w, mean: mean)
    var variance = 0.0
    for (x, v) in zip(values, w) { variance += v * (x - mean) * (x - mean) }
    coefficientOfVariation = (variance / weight).squareRoot() / mean
    gini = Self.gini(values, w, total: weight, mean: mean)
  }

  /// The weighted Gini of values with a mean above 0 and weights above 0
  /// summing to `total`.
  ///
  /// From the sorted values: with cumulative weights Wᵢ before unit i,
  /// Σᵢ Σⱼ wᵢwⱼ|xᵢ − xⱼ| = 2 Σᵢ wᵢ xᵢ (2Wᵢ + wᵢ − W) over sorted order.
  ///
  /// - Complexity: O(n log n).
  public static func gini(
    _ values: [Double], _ w: [Double], total weight: Double, mean: Double
  ) -> Double {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var before = 0.0
    var sum = 0.0
    for k in order {
      sum += w[k] * values[k] * (2 * before + w[k] - weight)
      before += w[k]
    }
    return sum / (weight * weight * mean)
  }

  static func theil(_ x: [Double], _ w: [Double], mean: Double) -> Double {
    var t = 0.0
    var weight = 0.0
    for (v, u) in zip(x, w) {
      weight += u
      if v > 0 { t += u * (v / mean) * Foundation.log(v / mean) }
    }
    return t / weight
  }

  /// Theil's T within and between the groups named by `groups` (one label
  /// per value). Within + between equals `theil`.
  public static func decompose(
    values: [Double], weights: [Double]? = nil, groups: [String]
  ) throws(EfficiencyError) -> Decomposition {
    let all = try Balance(values: values, weights: weights)
    let w = weights ?? [Double](repeating: 1, count: values.count)
    guard groups.count == values.count else {
      throw .badData("one group per value is needed")
    }
    let total = zip(values, w).reduce(0.0) { $0 + $1.0 * $1.1 }
    var members: [String: [Int]] = [:]
    for (k, g) in groups.enumerated() { members[g, default: []].append(k) }
    var within = 0.0
    var between = 0.0
    var rows: [(label: String, share: Double, mean: Double, theil: Double)] = []
    for label in members.keys.sorted() {
      let indices = members[label] ?? []
      let xs = indices.map { values[$0] }
      let ws = indices.map { w[$0] }
      let groupTotal = zip(xs, ws).reduce(0.0) { $0 + $1.0 * $1.1 }
      let groupMean = groupTotal / ws.reduce(0, +)
      let share = groupTotal / total
      let t = groupMean > 0 ? theil(xs, ws, mean: groupMean) : 0
      within += share * t
      if share > 0 { between += share * Foundation.log(groupMean / all.mean) }
      rows.append((label, share, groupMean, t))
    }
    return Decomposition(within: within, between: between, groups: rows)
  }
}
