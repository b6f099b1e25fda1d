/// Values split into groups and sorted within each: the layout every
/// per-group statistic (quantiles, medians, MAD) works on.
///
/// Group g's values are `values[start[g] ..< start[g + 1]]`, ascending;
/// `rows` holds the input position of each, so a screened value can be
/// named. Built by a counting sort on the group codes (O(n + G)) and a sort
/// within each group (O(n log n) in all), groups in parallel.
public struct GroupedSamples: Sendable {
  public private(set) var values: [Double]
  public private(set) var rows: [Int32]
  public private(set) var start: [Int]

  public var groupCount: Int { start.count - 1 }

  /// - Parameters:
  ///   - values: one value per row.
  ///   - groups: the group of each row, in `0 ..< groupCount`; −1 leaves
  ///     the row out.
  public init(
    values input: [Double], groups: [Int32], groupCount: Int, threads: Int = 1
  ) {
    precondition(input.count == groups.count, "one group per value")
    var start = [Int](repeating: 0, count: groupCount + 1)
    for g in groups where g >= 0 { start[Int(g) + 1] += 1 }
    for g in 0..<groupCount { start[g + 1] += start[g] }
    var next = start
    var values = [Double](repeating: 0, count: start[groupCount])
    var rows = [Int32](repeating: 0, count: start[groupCount])
    for (row, g) in groups.enumerated() where g >= 0 {
      let slot = next[Int(g)]
      values[slot] = input[row]
      rows[slot] = Int32(row)
      next[Int(g)] += 1
    }
    // Sort each group's slice, keeping the rows with their values; groups
    // are disjoint slices, so they sort in parallel.
    let bounds = start
    values.withUnsafeMutableBufferPointer { valueBuffer in
      rows.withUnsafeMutableBufferPointer { rowBuffer in
        let v = UncheckedSendable(valueBuffer)
        let r = UncheckedSendable(rowBuffer)
        parallelFor(groupCount, threads: threads) { g in
          Self.sortSlice(v.value, r.value, bounds[g]..<bounds[g + 1])
        }
      }
    }
    self.values = values
    self.rows = rows
    self.start = start
  }

  private static func sortSlice(
    _ values: UnsafeMutableBufferPointer<Double>,
    _ rows: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>
  ) {
    guard range.count > 1 else { return }
    var pairs = range.map { (values[$0], rows[$0]) }
    // Ties keep the input order, so results never depend on the sort.
    pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    for (offset, pair) in pairs.enumerated() {
      values[range.lowerBound + offset] = pair.0
      rows[range.lowerBound + offset] = pair.1
    }
  }

  /// The number of values in group g.
  public func count(_ g: Int) -> Int { start[g + 1] - start[g] }

  /// Calls `body` with group g's sorted values.
  public func withGroup<R>(
    _ g: Int, _ body: (UnsafeBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try values.withUnsafeBufferPointer { buffer in
      try body(UnsafeBufferPointer(rebasing: buffer[start[g]..<start[g + 1]]))
    }
  }
}

/// A value handed to concurrent workers that only touch disjoint parts of
/// it (each index by one worker); the caller vouches for that.
struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
