/// Sums over groups given by an index array: the sparse product of a
/// 0/1 membership matrix with a vector, without building the matrix.
///
/// Roll-ups (indicators → projects → activities → duties → units) are all
/// of this form, so they cost one pass over the rows and no dictionary
/// lookups.
public enum Segments {
  /// `sums[g] = Σ values[i]` over the rows with `groups[i] == g`;
  /// rows with a negative group are skipped.
  ///
  /// - Complexity: O(values.count + groupCount).
  public static func sums(
    _ values: [Double], groups: [Int32], groupCount: Int
  ) -> [Double] {
    precondition(values.count == groups.count, "one group per value")
    var sums = [Double](repeating: 0, count: groupCount)
    for i in values.indices {
      let g = Int(groups[i])
      if g >= 0 { sums[g] += values[i] }
    }
    return sums
  }

  /// `counts[g]` = the number of rows in group g.
  public static func counts(groups: [Int32], groupCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: groupCount)
    for g in groups where g >= 0 { counts[Int(g)] += 1 }
    return counts
  }
}

/// How a half is rounded.
public enum RoundingRule: String, Sendable, Codable, CaseIterable {
  /// 8.5 → 9, −8.5 → −9: away from zero, as tables printed by hand do.
  case halfUp
  /// 8.5 → 8, 9.5 → 10: to the even neighbour (banker's rounding).
  case halfEven

  /// Rounds `value` to `decimals` places.
  ///
  /// The scaled value is first snapped to 1e-6 of a unit in the last place,
  /// so a decimal half such as 8.625 (stored as 8.62499999…) still counts as
  /// a half; otherwise binary representation would decide the tie.
  public func round(_ value: Double, decimals: Int) -> Double {
    var scale = 1.0
    for _ in 0..<max(0, decimals) { scale *= 10 }
    let scaled = ((value * scale) * 1e6).rounded() / 1e6
    let rule: FloatingPointRoundingRule =
      self == .halfUp ? .toNearestOrAwayFromZero : .toNearestOrEven
    return scaled.rounded(rule) / scale
  }
}
