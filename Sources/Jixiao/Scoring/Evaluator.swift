import JixiaoNumerics

/// Scores every project of a data set: rows → dimensions → composite.
///
/// 1. Each row earns a share of its weight (`IndicatorRules`, qualitative
///    tiers, rating points); points are rounded per row if the scheme says.
/// 2. Per project and dimension, `S[p, d]` = points earned ÷ points
///    available over the applicable rows (for ratings: the weighted mean
///    points), and `M[p, d]` = 1 where the dimension applies.
/// 3. The composite is one BLAS product per matrix (dgemv):
///    `score = 100 × (S·w) / (M·w)` with `w` the dimension weights, so a
///    dimension that does not apply drops out and the rest rescale to 100.
/// 4. The score is rounded to 9 decimals, so that floating-point noise in
///    the sum cannot move a project across a grade boundary, then graded.
public enum Evaluator {
  /// Scores a data set that loaded without errors.
  ///
  /// - Complexity: O(rows + projects × dimensions).
  /// - Throws: `NumericsError` if a dimension exceeds BLAS's 32-bit range.
  public static func evaluate(_ dataset: Dataset) throws(NumericsError)
    -> Evaluation
  {
    try composite(dataset, scoreRows(dataset))
  }

  /// Step 1 and 2: each row's share and points, and per project and
  /// dimension the points earned and the weight available.
  public struct RowScores: Sendable {
    public var rowShare: [Double]
    public var rowPoints: [Double]
    public var rowLooksSoft: [Bool]
    /// Projects × dimensions, column-major.
    public var earned: Matrix
    public var available: Matrix
    public var notRated: [Int32]
    public var missing: [Int32]
  }

  /// Scores every indicator row and sums the points per project and
  /// dimension (a segment sum over the CSR rows).
  ///
  /// - Complexity: O(rows).
  public static func scoreRows(_ dataset: Dataset) -> RowScores {
    let scheme = dataset.scheme
    let rows = dataset.indicators
    let projects = dataset.projects
    let n = projects.count
    let dimensionCount = scheme.dimensions.count
    let isRatings = scheme.method == .ratings

    let maxima = scheme.dimensions.map(\.maximumPoints)
    let commonMaximum = Self.commonMaximum(scheme)

    var rowShare = [Double](repeating: 0, count: rows.count)
    var rowPoints = [Double](repeating: 0, count: rows.count)
    var rowLooksSoft = [Bool](repeating: false, count: rows.count)
    var earned = Matrix(rows: n, columns: dimensionCount)
    var available = Matrix(rows: n, columns: dimensionCount)
    var notRated = [Int32](repeating: 0, count: n)
    var missing = [Int32](repeating: 0, count: n)

    for row in 0..<rows.count {
      let p = Int(rows.project[row])
      let d = Int(rows.dimension[row])
      guard d >= 0, rows.kind[row] != .observed else { continue }
      switch rows.status[row] {
      case .applicable: break
      case .notApplicable: continue
      case .notRated:
        notRated[p] += 1
        continue
      case .missing:
        missing[p] += 1
        continue
      }
      let weight = rows.weight[row]
      let share: Double
      switch rows.kind[row] {
      case .quantitative:
        let (a, t) = (rows.actual[row], rows.target[row])
        share = IndicatorRules.share(rows.op[row], actual: a, target: t)
        rowLooksSoft[row] = IndicatorRules.looksSoft(
          rows.op[row], actual: a, target: t, ratio: scheme.overshootReviewRatio
        )
      case .qualitative:
        share = rows.actual[row]
      case .rating:
        let maximum = maxima[d]
        share = maximum > 0 ? rows.actual[row] / maximum : 0
      case .observed:
        continue
      }
      rowShare[row] = share
      let index = p + d * n
      if isRatings {
        let value = commonMaximum != nil ? rows.actual[row] : share
        rowPoints[row] = weight * share
        earned.storage[index] += weight * value
      } else {
        let points = roundedPoints(weight * share, scheme)
        rowPoints[row] = points
        earned.storage[index] += points
      }
      available.storage[index] += weight
    }
    return RowScores(
      rowShare: rowShare, rowPoints: rowPoints, rowLooksSoft: rowLooksSoft,
      earned: earned, available: available, notRated: notRated,
      missing: missing)
  }

  /// Steps 3 and 4: the execution dimension, the composite (BLAS) and the
  /// grade of every project.
  ///
  /// - Complexity: O(projects × dimensions).
  public static func composite(_ dataset: Dataset, _ rows: RowScores)
    throws(NumericsError) -> Evaluation
  {
    let scheme = dataset.scheme
    let projects = dataset.projects
    let n = projects.count
    let dimensionCount = scheme.dimensions.count
    let isRatings = scheme.method == .ratings
    let commonMaximum = Self.commonMaximum(scheme)
    var earned = rows.earned
    var available = rows.available

    var executionRate = [Double](repeating: 0, count: n)
    for p in 0..<n where projects.budget[p] > 0 {
      executionRate[p] = projects.executed[p] / projects.budget[p]
    }
    if let e = scheme.executionIndex {
      let weight = scheme.dimensions[e].weight
      for p in 0..<n where projects.budget[p] > 0 {
        earned[p, e] = roundedPoints(weight * min(executionRate[p], 1), scheme)
        available[p, e] = weight
      }
    }

    var shares = Matrix(rows: n, columns: dimensionCount)
    var applies = Matrix(rows: n, columns: dimensionCount)
    for index in 0..<(n * dimensionCount) where available.storage[index] > 0 {
      shares.storage[index] = earned.storage[index] / available.storage[index]
      applies.storage[index] = 1
    }

    let weights = scheme.dimensions.map(\.weight)
    let achieved = try BLAS.multiply(shares, weights)
    let possible = try BLAS.multiply(applies, weights)

    var evaluation = Evaluation(
      scheme: scheme, rowShare: rows.rowShare, rowPoints: rows.rowPoints,
      rowLooksSoft: rows.rowLooksSoft,
      executionRate: executionRate, dimensionShares: shares,
      dimensionApplies: applies,
      dimensionPoints: Matrix(rows: n, columns: dimensionCount),
      score: [Double](repeating: 0, count: n),
      status: [Evaluation.Status](repeating: .scored, count: n),
      grade: [Grade?](repeating: nil, count: n),
      meanPoints: [Double](repeating: 0, count: n),
      overallRating: [Int32](repeating: -1, count: n),
      notRatedCount: rows.notRated, missingCount: rows.missing)

    let total = scheme.totalWeight
    for p in 0..<n {
      guard possible[p] > 0 else {
        evaluation.status[p] = isRatings ? .unrated : .noApplicableRows
        continue
      }
      if isRatings, possible[p] < scheme.minimumRatedWeight {
        evaluation.status[p] = .unrated
        continue
      }
      // When every dimension applies, the factor is exactly 100 / total.
      let factor = possible[p] == total ? 100 / total : 100 / possible[p]
      var score: Double
      if isRatings {
        let mean = achieved[p] / possible[p]
        evaluation.meanPoints[p] = mean
        score = 100 * mean / (commonMaximum ?? 1)
      } else {
        score = achieved[p] * factor
      }
      guard score.isFinite else {
        throw .nonFinite("the score of project \(projects.ids[p])")
      }
      score = (score * 1e9).rounded() / 1e9
      evaluation.score[p] = score
      for d in 0..<dimensionCount {
        let sub =
          shares[p, d] * weights[d]
          * (isRatings ? 100 / possible[p] / (commonMaximum ?? 1) : factor)
        evaluation.dimensionPoints[p, d] = sub
      }
      if isRatings, !scheme.overall.isEmpty {
        let band =
          scheme.overall.firstIndex { evaluation.meanPoints[p] >= $0.minimum }
          ?? scheme.overall.count - 1
        evaluation.overallRating[p] = Int32(band)
        evaluation.grade[p] = scheme.overall[band].grade
      } else {
        evaluation.grade[p] = scheme.grade(forScore: score)
      }
      if !projects.isInTree(p) { evaluation.status[p] = .excluded }
    }
    return evaluation
  }

  /// Ratings average points when all criteria share a scale (so the mean
  /// can be cut into overall bands): that scale's maximum; otherwise nil,
  /// and they average shares.
  static func commonMaximum(_ scheme: ScoringScheme) -> Double? {
    guard scheme.method == .ratings else { return nil }
    let maxima = Set(scheme.dimensions.map(\.maximumPoints))
    guard maxima.count == 1, let maximum = maxima.first, maximum > 0 else {
      return nil
    }
    return maximum
  }

  /// Rounds a row's points as the scheme says (exact by default).
  static func roundedPoints(_ points: Double, _ scheme: ScoringScheme) -> Double
  {
    switch scheme.rowRounding {
    case .none: points
    case .integer: scheme.roundingRule.round(points, decimals: 0)
    case .twoDecimals: scheme.roundingRule.round(points, decimals: 2)
    }
  }
}
