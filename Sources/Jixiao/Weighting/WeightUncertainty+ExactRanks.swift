import Foundation
import JixiaoNumerics

/// Exact rank bands for analyses small enough to keep every rank.
///
/// The histogram reading of `fold` places a rank to within a bin of
/// n/256 ranks and the ties of a score bin, which on 5,000 projects is
/// ±20 places even for a project whose rank never moves. When the
/// alternatives × draws ranks fit in `exactRankLimit` (128 MB of 32-bit
/// counts), each draw's scores are sorted instead and every rank kept:
/// the bands are then exact.
extension WeightUncertainty {
  /// The most alternative × draw ranks kept for exact rank bands: 2²⁵,
  /// such as 5,000 projects × 6,710 draws or 998 × 33,600.
  public static let exactRankLimit = 1 << 25

  /// The median, 5 % and 95 % of each position's rank over the draws
  /// (positions in base-score order, as `fold` keeps them), exact.
  ///
  /// Each draw's scores are put best first by `DrawSorter`, ties (within
  /// `Ranking`'s 10⁻¹² relative) sharing their average rank, as
  /// `jixiao rank` does. An alternative's ranks over the draws are read as
  /// `QuantileDefinition.standard` reads them (type 7, linear between
  /// order statistics, numpy's default). Block b of draws multiplies
  /// operand b mod count, as in `fold`, so both see the same draws.
  static func exactRanks(
    operands: [Operand], n: Int, d: Int, weights: [Double],
    settings: Settings
  ) -> (p5: [Double], median: [Double], p95: [Double]) {
    let draws = settings.draws
    let size = settings.block
    let blocks = (draws + size - 1) / size
    // Twice each rank, so a tie's half rank is a whole number; draw after
    // draw, so a draw's ranks are written within its own row.
    let twice = SharedBuffer<UInt32>(count: n * draws, value: 0)
    defer { twice.deallocate() }
    parallelFor(blocks, threads: settings.threads) { b in
      let k0 = b * size
      let kc = min(size, draws - k0)
      let choice = operands[b % operands.count]
      let product = UnsafeMutablePointer<Double>.allocate(capacity: n * kc)
      defer { product.deallocate() }
      Self.scores(
        choice.matrix, choice.aggregation, n: n, d: d, rows: 0..<n,
        weights: weights, draws: k0..<(k0 + kc), into: product, stride: n)
      var sorter = DrawSorter(count: n)
      for k in 0..<kc {
        let x = product + k * n
        let order = sorter.bestFirst(x)
        let row = (k0 + k) * n
        Ranking.forEachTie(count: n, value: { -x[order[$0]] }) { start, end in
          let rank = UInt32(start + end + 2)
          for p in start...end { twice[row + order[p]] = rank }
        }
      }
    }
    // Each position's ranks over the draws, gathered 16 positions at a
    // time (a cache line of every draw's row), read at 5, 50 and 95 %.
    let read = SharedBuffer<Double>(count: 3 * n, value: 0)
    defer { read.deallocate() }
    let chunk = 16
    parallelFor((n + chunk - 1) / chunk, threads: settings.threads) { c in
      let s0 = c * chunk
      let width = min(chunk, n - s0)
      var ranks = [UInt32](repeating: 0, count: width * draws)
      for k in 0..<draws {
        for j in 0..<width { ranks[j * draws + k] = twice[k * n + s0 + j] }
      }
      ranks.withUnsafeMutableBufferPointer { all in
        for j in 0..<width {
          let quantiles = Self.rankQuantiles(
            UnsafeMutableBufferPointer(
              rebasing: all[(j * draws)..<((j + 1) * draws)]))
          for (k, value) in quantiles.enumerated() {
            read[3 * (s0 + j) + k] = value / 2
          }
        }
      }
    }
    let p5 = (0..<n).map { read[3 * $0] }
    let median = (0..<n).map { read[3 * $0 + 1] }
    let p95 = (0..<n).map { read[3 * $0 + 2] }
    return (p5, median, p95)
  }

  /// The 5 %, 50 % and 95 % of whole numbers as `QuantileDefinition.type7`
  /// reads them (x₍ₕ₎ at h = (m − 1)p, linear between neighbours). Ranks
  /// seldom spread over more than a few times as many values as there are
  /// draws, so they are counted rather than sorted when they do not.
  static func rankQuantiles(_ values: UnsafeMutableBufferPointer<UInt32>)
    -> [Double]
  {
    let m = values.count
    var low = UInt32.max
    var high = UInt32.min
    for v in values {
      low = min(low, v)
      high = max(high, v)
    }
    // The order statistics each quantile needs: ⌊h⌋ and the next.
    let positions = [0.05, 0.5, 0.95].map { Double(m - 1) * $0 }
    var wanted: [Int] = []
    for h in positions {
      let i = Int(h.rounded(.down))
      wanted += [i, min(i + 1, m - 1)]
    }
    var statistic = [Double](repeating: 0, count: wanted.count)
    let range = Int(high - low) + 1
    if range <= 4 * m + 64 {
      var counts = [Int](repeating: 0, count: range)
      for v in values { counts[Int(v - low)] += 1 }
      // Walk the counts once, the wanted order statistics taken rising
      // (for few draws the quantiles' neighbours overlap).
      let rising = wanted.indices.sorted { wanted[$0] < wanted[$1] }
      var below = 0
      var next = 0
      for (offset, count) in counts.enumerated() where count > 0 {
        below += count
        while next < rising.count, wanted[rising[next]] < below {
          statistic[rising[next]] = Double(low) + Double(offset)
          next += 1
        }
      }
    } else {
      var values = values
      values.sort()
      for (k, i) in wanted.enumerated() { statistic[k] = Double(values[i]) }
    }
    return positions.indices.map { q in
      let h = positions[q]
      let a = statistic[2 * q]
      return a + (h - h.rounded(.down)) * (statistic[2 * q + 1] - a)
    }
  }

  /// Puts a draw's positions in order of score, best first, by buckets:
  /// n buckets over the draw's range, each then sorted on its own, so the
  /// work grows as n and not n log n when the scores spread.
  struct DrawSorter {
    private var order: [Int]
    private var bucketOf: [Int]
    private var start: [Int]

    init(count: Int) {
      order = [Int](repeating: 0, count: count)
      bucketOf = order
      start = [Int](repeating: 0, count: count + 1)
    }

    /// The positions 0 ..< n by falling score (rising position on a tie).
    mutating func bestFirst(_ x: UnsafePointer<Double>) -> [Int] {
      let n = order.count
      var low = x[0]
      var high = x[0]
      for p in 1..<max(1, n) {
        low = min(low, x[p])
        high = max(high, x[p])
      }
      // (high − x)·scale falls as x rises, rounding and all, so a better
      // score never lands in a later bucket.
      let scale = high > low ? Double(n) / (high - low) : 0
      for b in start.indices { start[b] = 0 }
      for p in 0..<n {
        let b = min(n - 1, Int((high - x[p]) * scale))
        bucketOf[p] = b
        start[b + 1] += 1
      }
      for b in 0..<n { start[b + 1] += start[b] }
      for p in 0..<n {
        order[start[bucketOf[p]]] = p
        start[bucketOf[p]] += 1
      }
      // start[b] is now the end of bucket b.
      var first = 0
      for b in 0..<n {
        let end = start[b]
        if end - first > 1 {
          order[first..<end].sort {
            x[$0] > x[$1] || (x[$0] == x[$1] && $0 < $1)
          }
        }
        first = end
      }
      return order
    }
  }

  /// Values written by many tasks, each to elements of its own, so no
  /// copy-on-write check runs concurrently.
  final class SharedBuffer<Element>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Element>

    init(count: Int, value: Element) {
      storage = .allocate(capacity: count)
      storage.initialize(repeating: value)
    }

    subscript(_ index: Int) -> Element {
      get { storage[index] }
      set { storage[index] = newValue }
    }

    func deallocate() { storage.deallocate() }
  }
}
