import Foundation

/// How criteria are brought to one scale before weighting or scoring
/// (OECD/JRC Handbook on Constructing Composite Indicators, 2008, §5).
///
/// The direction of each criterion is applied here and nowhere else:
/// every method returns values where higher is better, so cost criteria
/// are turned around in the way the method's literature does it.
///
/// | method | benefit x | cost x |
/// |---|---|---|
/// | `minMax(l, u)` | l + (u−l)(x − min)/(max − min) | l + (u−l)(max − x)/(max − min) |
/// | `zScore` | (x − μ)/σ, σ the population SD | (μ − x)/σ |
/// | `ratioToTarget(t, cap)` | min(cap, x/t) | min(cap, t/x), cap at x = 0 |
/// | `distanceToReference(r)` | (x − r)/|r| | (r − x)/|r| |
/// | `goalposts(lo, hi, s)` | s·clamp((x − lo)/(hi − lo)) | s·clamp((hi − x)/(hi − lo)) |
/// | `rank` | average rank, 1 the worst | the same of −x |
/// | `percentileRank` | (rank − 1)/(m − 1) | the same of −x |
/// | `vector` | x/‖x‖₂ | 1 − x/‖x‖₂ |
/// | `sum` | x/Σx | (1/x)/Σ(1/x) |
///
/// The cost forms of `vector` and `sum` are those of pyrepo-mcda. A
/// criterion with no spread (min = max, σ = 0, an all-zero column under
/// `vector` or `sum`) gives every alternative the same value (u for
/// min-max, 0 for z-scores, equal shares for vector and sum), so it
/// contributes nothing to a comparison, and is listed in `constant`.
public enum Normalisation: Sendable, Equatable {
  case minMax(lower: Double, upper: Double)
  case zScore
  case ratioToTarget(targets: [Double], cap: Double)
  case distanceToReference(references: [Double])
  case goalposts(low: [Double], high: [Double], scale: Double)
  case rank
  case percentileRank
  case vector
  case sum

  /// Min-max to [0, 1].
  public static let unit = Normalisation.minMax(lower: 0, upper: 1)

  /// The name used in settings and output.
  public var name: String {
    switch self {
    case .minMax(let l, let u):
      l == 0 && u == 1
        ? "min-max"
        : "min-max to [\(Diagnostic.number(l)), \(Diagnostic.number(u))]"
    case .zScore: "z-score"
    case .ratioToTarget: "ratio to target"
    case .distanceToReference: "distance to reference"
    case .goalposts: "goalposts"
    case .rank: "rank"
    case .percentileRank: "percentile rank"
    case .vector: "vector"
    case .sum: "sum"
    }
  }

  /// A table normalised: every criterion now a benefit.
  public struct Result: Sendable, Equatable {
    public var table: CriteriaTable
    /// Criteria with no spread, which contribute nothing.
    public var constant: [Int]
  }

  /// - Throws: `WeightingError` when a value or setting does not suit the
  ///   method (negative values under vector or sum, a target of 0, a cost
  ///   value of 0 under sum, goalposts in the wrong order, a setting per
  ///   criterion of another length).
  public func apply(_ table: CriteriaTable) throws(WeightingError) -> Result {
    let m = table.rows
    var out = table
    var constant: [Int] = []
    for j in 0..<table.columns {
      let x = Array(table.column(j))
      let cost = table.types[j] == .cost
      let (values, flat) = try normalise(x, cost: cost, criterion: j)
      // A tiny reference or target can carry a value past the doubles;
      // no method can score infinity.
      if let i = values.firstIndex(where: { !$0.isFinite }) {
        throw .cell(
          row: i, criterion: j,
          "\(name) normalisation takes it past the range of numbers; choose settings of a size like the values'"
        )
      }
      for i in 0..<m { out[i, j] = values[i] }
      if flat { constant.append(j) }
    }
    out.types = [CriterionType](repeating: .benefit, count: table.columns)
    return Result(table: out, constant: constant)
  }

  private func setting(_ list: [Double], _ j: Int, _ what: String)
    throws(WeightingError) -> Double
  {
    guard j < list.count else {
      throw .shape(
        "\(name) needs one \(what) per criterion; criterion \(j + 1) has none")
    }
    return list[j]
  }

  private func normalise(_ x: [Double], cost: Bool, criterion j: Int)
    throws(WeightingError) -> ([Double], Bool)
  {
    let m = Double(x.count)
    let low = x.min() ?? 0
    let high = x.max() ?? 0
    switch self {
    case .minMax(let l, let u):
      guard high > low else { return (x.map { _ in u }, true) }
      return (
        x.map { l + (u - l) * (cost ? high - $0 : $0 - low) / (high - low) },
        false
      )
    case .zScore:
      let mean = x.reduce(0, +) / m
      let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / m).squareRoot()
      guard sd > 0 else { return (x.map { _ in 0 }, true) }
      return (x.map { (cost ? mean - $0 : $0 - mean) / sd }, false)
    case .ratioToTarget(let targets, let cap):
      let t = try setting(targets, j, "target")
      guard t > 0 else {
        throw .badValue(
          "criterion \(j + 1) has target \(Diagnostic.number(t)); a ratio needs a target above 0"
        )
      }
      guard low >= 0 else {
        throw .cell(
          row: x.firstIndex { $0 < 0 } ?? 0, criterion: j,
          "a ratio to target needs values ≥ 0")
      }
      return (
        x.map { cost ? ($0 == 0 ? cap : min(cap, t / $0)) : min(cap, $0 / t) },
        high == low
      )
    case .distanceToReference(let references):
      let r = try setting(references, j, "reference")
      guard r != 0 else {
        throw .badValue(
          "criterion \(j + 1) has reference 0; the distance is taken relative to it"
        )
      }
      return (x.map { (cost ? r - $0 : $0 - r) / abs(r) }, high == low)
    case .goalposts(let lows, let highs, let scale):
      let lo = try setting(lows, j, "lower goalpost")
      let hi = try setting(highs, j, "upper goalpost")
      guard hi > lo else {
        throw .badValue(
          "criterion \(j + 1) has goalposts \(Diagnostic.number(lo)) and \(Diagnostic.number(hi)); the upper must exceed the lower"
        )
      }
      return (
        x.map {
          scale * min(1, max(0, (cost ? hi - $0 : $0 - lo) / (hi - lo)))
        },
        high == low
      )
    case .rank, .percentileRank:
      let ranks = Ranking.averageRanks(cost ? x.map { -$0 } : x)
      guard self == .percentileRank else { return (ranks, high == low) }
      guard x.count > 1 else { return ([1], true) }
      return (ranks.map { ($0 - 1) / (m - 1) }, high == low)
    case .vector:
      guard low >= 0 else {
        throw .cell(
          row: x.firstIndex { $0 < 0 } ?? 0, criterion: j,
          "vector normalisation needs values ≥ 0")
      }
      let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else {
        let share = 1 / m.squareRoot()
        return (x.map { _ in cost ? 1 - share : share }, true)
      }
      return (x.map { cost ? 1 - $0 / norm : $0 / norm }, high == low)
    case .sum:
      guard low >= 0 else {
        throw .cell(
          row: x.firstIndex { $0 < 0 } ?? 0, criterion: j,
          "sum normalisation needs values ≥ 0")
      }
      if cost {
        guard low > 0 else {
          throw .cell(
            row: x.firstIndex { $0 == 0 } ?? 0, criterion: j,
            "sum normalisation of a cost takes 1/x, so a cost must be above 0")
        }
        let total = x.reduce(0) { $0 + 1 / $1 }
        return (x.map { (1 / $0) / total }, high == low)
      }
      let total = x.reduce(0, +)
      guard total > 0 else { return (x.map { _ in 1 / m }, true) }
      return (x.map { $0 / total }, high == low)
    }
  }
}
