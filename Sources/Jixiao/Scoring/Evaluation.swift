import JixiaoNumerics

/// The scores of every project of a data set, and how they were reached.
///
/// Row arrays follow `Dataset.indicators`; project arrays follow
/// `Dataset.projects`. Nothing here is NaN: a value that does not exist
/// (an unrated project's score) is marked by a status instead.
public struct Evaluation: Sendable {
  /// Why a project has, or has no, score.
  public enum Status: UInt8, Sendable {
    /// Scored and graded; counts in roll-ups.
    case scored
    /// Scored, but outside the duty → activity tree: listed, not rolled up,
    /// not budgeted.
    case excluded
    /// Rated criteria carry less weight than the scheme's minimum.
    case unrated
    /// No applicable row in any dimension.
    case noApplicableRows
  }

  /// The scheme the scores were computed with.
  public let scheme: ScoringScheme

  // Rows
  /// Share of the row's weight earned, in [0, 1]; 0 when not applicable.
  public var rowShare: [Double]
  /// Points earned (weight × share, rounded when the scheme says so).
  public var rowPoints: [Double]
  /// The actual beats the target by the scheme's overshoot ratio.
  public var rowLooksSoft: [Bool]

  // Projects
  /// executed ÷ budget, uncapped; 0 when the budget is 0.
  public var executionRate: [Double]
  /// Achieved share per project (row) and dimension (column).
  public var dimensionShares: Matrix
  /// 1 where a dimension applies to a project, else 0.
  public var dimensionApplies: Matrix
  /// Sub-score of each dimension in points; the row adds up to `score`.
  public var dimensionPoints: Matrix
  /// Composite score on 0–100, rounded to 9 decimals.
  public var score: [Double]
  public var status: [Status]
  /// nil unless the project is scored or excluded.
  public var grade: [Grade?]
  /// Ratings: weighted mean points of rated criteria; 0 otherwise.
  public var meanPoints: [Double]
  /// Ratings: index into `scheme.overall`, −1 when none.
  public var overallRating: [Int32]
  /// Ratings: criteria not rated (`nr`) and missing (blank, `na`).
  public var notRatedCount: [Int32]
  public var missingCount: [Int32]

  public var projectCount: Int { score.count }

  /// Whether the project has a score (scored or excluded).
  public func hasScore(_ project: Int) -> Bool {
    status[project] == .scored || status[project] == .excluded
  }

  /// Number of scored (in-tree) projects per grade, best first.
  public var gradeCounts: [Int] {
    var counts = [Int](repeating: 0, count: Grade.allCases.count)
    for p in 0..<projectCount where status[p] == .scored {
      if let grade = grade[p] { counts[grade.rawValue] += 1 }
    }
    return counts
  }

  /// Rows flagged as beating a soft target.
  public var softTargetRows: [Int] {
    rowLooksSoft.indices.filter { rowLooksSoft[$0] }
  }
}
