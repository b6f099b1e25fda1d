/// Ranks and the coefficients that compare two rankings.
///
/// Ties share the average of the ranks they span (the default of
/// Spearman's ρ and of R's `rank`): values 5, 7, 7, 9 rank 1, 2.5, 2.5, 4.
/// Values within 1e-12 of each other (relative, or absolute near 0) are
/// ties: two orders of summing the same terms differ in the last digit,
/// and must not rank two equal scores apart.
public enum Ranking {
  /// Average ranks of `values`, 1 for the smallest.
  public static func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    forEachTie(count: order.count, value: { values[order[$0]] }) {
      start, end in
      let rank = Double(start + end) / 2 + 1
      for k in start...end { ranks[order[k]] = rank }
    }
    return ranks
  }

  /// The runs of tied values in a list sorted ascending: `body(start,
  /// end)` for each run of positions start … end whose values lie within
  /// the tolerance of the run's first.
  @inline(__always)
  static func forEachTie(
    count: Int, value: (Int) -> Double, _ body: (Int, Int) -> Void
  ) {
    var start = 0
    while start < count {
      var end = start
      let first = value(start)
      let tolerance = 1e-12 * max(abs(first), 1e-3)
      while end + 1 < count, value(end + 1) - first <= tolerance { end += 1 }
      body(start, end)
      start = end + 1
    }
  }

  /// Positions 1 = best for scores where higher is better, ties averaged.
  public static func positions(_ scores: [Double]) -> [Double] {
    averageRanks(scores.map { -$0 })
  }
}
