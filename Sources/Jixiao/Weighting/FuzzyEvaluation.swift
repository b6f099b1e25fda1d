/// Fuzzy comprehensive evaluation (模糊综合评价): for each alternative a
/// membership matrix R (criteria × grades, rᵢₖ the degree to which
/// criterion i belongs to grade k, each row summing to 1) and the weights
/// w give B = w · R, the weighted-average operator M(·, +) (加权平均型).
///
/// The grade is the one of largest membership (最大隶属度原则, the first
/// on ties), or, by weighted grade points, the score Σₖ bₖvₖ / Σₖ bₖ with
/// a point value vₖ per grade.
public struct FuzzyEvaluation: Sendable, Equatable {
  /// The points of 优, 良, 中 and 差 in the weighted-points reading,
  /// score = B·(95, 85, 70, 50)ᵀ (docs/domain.md §11, a default [D]):
  /// used for a four-grade evaluation unless points are given.
  public static let defaultPoints: [Double] = [95, 85, 70, 50]

  /// Memberships closer than this are a tie for the largest.
  public static let tieTolerance = 1e-9

  /// B per alternative.
  public var membership: [[Double]]
  /// The grade index of largest membership per alternative.
  public var maximumGrade: [Int]
  /// Σ bₖvₖ / Σ bₖ per alternative, when points were given.
  public var points: [Double]?

  /// - Throws: `WeightingError` for a membership row that is negative or
  ///   does not sum to 1 (to 1e-6), matrices of other shapes, or bad
  ///   weights.
  public init(
    _ matrices: [[[Double]]], weights: [Double], gradePoints: [Double]? = nil
  ) throws(WeightingError) {
    guard let first = matrices.first, let grades = first.first?.count,
      grades > 0
    else { throw .shape("fuzzy evaluation needs membership matrices") }
    try Aggregation.checkWeights(weights, count: first.count)
    if let gradePoints, gradePoints.count != grades {
      throw .shape("\(gradePoints.count) grade points for \(grades) grades")
    }
    var b: [[Double]] = []
    var best: [Int] = []
    var points: [Double] = []
    for (a, r) in matrices.enumerated() {
      guard r.count == weights.count else {
        throw .shape(
          "alternative \(a + 1) has \(r.count) criteria, not \(weights.count)")
      }
      var row = [Double](repeating: 0, count: grades)
      for (i, memberships) in r.enumerated() {
        guard memberships.count == grades else {
          throw .shape(
            "alternative \(a + 1), criterion \(i + 1) has \(memberships.count) grades, not \(grades)"
          )
        }
        guard memberships.allSatisfy({ $0.isFinite && $0 >= 0 }),
          abs(memberships.reduce(0, +) - 1) <= 1e-6
        else {
          throw .badValue(
            "alternative \(a + 1), criterion \(i + 1): memberships must be ≥ 0 and sum to 1"
          )
        }
        for k in 0..<grades { row[k] += weights[i] * memberships[k] }
      }
      b.append(row)
      var top = 0
      // Degrees within 1e-9 tie, and a tie takes the first grade: the
      // same terms summed in another order differ in the last digit.
      for k in 1..<grades where row[k] > row[top] + Self.tieTolerance {
        top = k
      }
      best.append(top)
      if let gradePoints {
        let total = row.reduce(0, +)
        points.append(
          zip(row, gradePoints).reduce(0) { $0 + $1.0 * $1.1 } / total)
      }
    }
    membership = b
    maximumGrade = best
    self.points = gradePoints == nil ? nil : points
  }
}
