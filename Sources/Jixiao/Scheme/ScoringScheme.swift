import Foundation
import JixiaoNumerics

/// How projects are scored and graded: configuration, never code.
///
/// `ScoringScheme()` is the self-evaluation scheme of 财预〔2020〕10号 with
/// the defaults of docs/domain.md §6: level-1 weights 预算执行率 10, 产出 50,
/// 效益 30, 满意度 10; grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below; exact
/// (unrounded) row scores. docs/scheme.md describes every field.
public struct ScoringScheme: Sendable {
  /// Target-and-actual self-evaluation, or ordinal ratings.
  public enum Method: String, Sendable, CaseIterable {
    case selfEvaluation
    case ratings
  }

  /// How row weights relate to their dimension's weight.
  public enum WeightCheck: String, Sendable, CaseIterable {
    /// Row weights in each dimension add up to the dimension's weight.
    case dimension
    /// Row weights are relative within their dimension.
    case relative
  }

  /// Rounding applied to each row's points before they are added up.
  public enum RowRounding: String, Sendable, CaseIterable {
    case none
    case integer
    case twoDecimals
  }

  /// A level-1 dimension (一级指标), or a rated criterion.
  public struct Dimension: Sendable {
    public var id: String
    public var name: String
    /// Points of the dimension (share of the total when the weights do not
    /// add up to 100).
    public var weight: Double
    public var aliases: [String]
    /// Ratings only: label → points.
    public var scale: [String: Double]
    /// Ratings only: spelling variant → a label of `scale`.
    public var scaleAliases: [String: String]

    public init(
      id: String, name: String, weight: Double, aliases: [String] = [],
      scale: [String: Double] = [:], scaleAliases: [String: String] = [:]
    ) {
      self.id = id
      self.name = name
      self.weight = weight
      self.aliases = aliases
      self.scale = scale
      self.scaleAliases = scaleAliases
    }

    /// The highest points of the scale (ratings).
    public var maximumPoints: Double { scale.values.max() ?? 0 }
  }

  /// The lowest score (inclusive) that earns a grade.
  public struct GradeCutoff: Sendable {
    public var grade: Grade
    public var minimum: Double
  }

  /// A tier of qualitative achievement and the share of the weight it earns.
  public struct QualitativeTier: Sendable {
    public var id: String
    public var share: Double
    public var labels: [String]
  }

  /// A band of the weighted mean rating, with its name and grade.
  public struct OverallRating: Sendable {
    public var rating: String
    public var minimum: Double
    public var grade: Grade
  }

  /// The id of the dimension scored from budget execution.
  public static let executionID = "execution"

  public var method: Method = .selfEvaluation
  public var dimensions: [Dimension] = [
    Dimension(
      id: "execution", name: "预算执行率", weight: 10, aliases: ["budget execution"]),
    Dimension(id: "output", name: "产出指标", weight: 50, aliases: ["产出"]),
    Dimension(id: "benefit", name: "效益指标", weight: 30, aliases: ["效益"]),
    Dimension(id: "satisfaction", name: "满意度指标", weight: 10, aliases: ["满意度"]),
  ]
  public var requiredDimensions: [String] = [
    "output", "benefit", "satisfaction",
  ]
  public var weightCheck: WeightCheck = .dimension
  public var weightTolerance = 0.01
  public var grades: [GradeCutoff] = [
    GradeCutoff(grade: .excellent, minimum: 90),
    GradeCutoff(grade: .good, minimum: 80),
    GradeCutoff(grade: .fair, minimum: 60),
    GradeCutoff(grade: .poor, minimum: 0),
  ]
  public var rowRounding: RowRounding = .none
  public var roundingRule: RoundingRule = .halfUp
  /// Actual ÷ target (or target ÷ actual for ≤) at which a row is flagged
  /// as beating a soft target (docs/domain.md §6.3.4, default [D] 1.2).
  public var overshootReviewRatio = 1.2
  public var qualitativeTiers: [QualitativeTier] = [
    QualitativeTier(
      id: "achieved", share: 1.0,
      labels: ["达成年度指标", "达成预期指标", "达成", "achieved"]),
    QualitativeTier(
      id: "partial", share: 0.7,
      labels: ["部分达成并具有一定效果", "部分达成", "partially achieved"]),
    QualitativeTier(
      id: "notAchieved", share: 0.3,
      labels: ["未达成且效果较差", "未达成", "not achieved"]),
  ]
  public var ignoreCase = true
  public var notRatedLabels: [String] = ["nr", "not rated"]
  public var missingLabels: [String] = ["na", "n/a", "", "-", "..."]
  public var minimumRatedWeight: Double = 0
  public var overall: [OverallRating] = []

  public init() {}

  // MARK: Derived lookups

  /// The index of the execution dimension, if the scheme has one.
  public var executionIndex: Int? {
    method == .selfEvaluation
      ? dimensions.firstIndex { $0.id == Self.executionID } : nil
  }

  /// Sum of all dimension weights (100 in the default scheme).
  public var totalWeight: Double { dimensions.reduce(0) { $0 + $1.weight } }

  /// The grade a score earns: the first cut-off it reaches, lower bounds
  /// inclusive (90 → 优, 89.99 → 良).
  public func grade(forScore score: Double) -> Grade {
    for cutoff in grades where score >= cutoff.minimum { return cutoff.grade }
    return grades.last?.grade ?? .poor
  }

  /// The overall rating band of a weighted mean of points.
  public func overallRating(forMeanPoints mean: Double) -> OverallRating? {
    for band in overall where mean >= band.minimum { return band }
    return overall.last
  }

  /// Normal form of a label for matching: spaces trimmed and collapsed,
  /// lower-cased when `ignoreCase`.
  public func normalizedLabel(_ text: String) -> String {
    let words = text.split(whereSeparator: {
      $0 == " " || $0 == "\t" || $0 == "\u{3000}"
    })
    let joined = words.joined(separator: " ")
    return ignoreCase ? joined.lowercased() : joined
  }

  /// Maps the `dimension` column's text to a dimension index: id, name or
  /// alias, ignoring case; `产出指标(output)` also matches on `产出指标`.
  public func dimensionLookup() -> [String: Int] {
    var lookup: [String: Int] = [:]
    for (index, dimension) in dimensions.enumerated() {
      for label in [dimension.id, dimension.name] + dimension.aliases {
        lookup[label.lowercased()] = index
      }
    }
    return lookup
  }

  /// Finds the dimension named by a cell of the `dimension` column.
  public func dimensionIndex(for text: String, in lookup: [String: Int]) -> Int?
  {
    let key = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let index = lookup[key] { return index }
    if let bracket = key.firstIndex(where: { $0 == "(" || $0 == "（" }) {
      let head = key[..<bracket].trimmingCharacters(in: .whitespaces)
      return lookup[head]
    }
    return nil
  }
}
