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
  /// Each draw's scores are sorted best first, ties (within `Ranking`'s
  /// 10⁻¹² relative) sharing their average rank, as `jixiao rank` does;
  /// the positions come in base-score order, so a draw's scores are
  /// nearly sorted already and Swift's merge sort finds long runs. An
  /// alternative's ranks over the draws are read by
  /// `QuantileDefinition.standard` (type 7, linear between order
  /// statistics, numpy's default). Block b of draws multiplies operand
  /// b mod count, as in `fold`, so both see the same draws.
  static func exactRanks(
    operands: [Operand], n: Int, d: Int, weights: [Double],
    settings: Settings
  ) -> (p5: [Double], median: [Double], p95: [Double]) {
    let draws = settings.draws
    let size = settings.block
    let blocks = (draws + size - 1) / size
    // Twice each rank, so a tie's half rank is a whole number.
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
      var order = [Int](0..<n)
      for k in 0..<kc {
        let x = product + k * n
        // Best first: ascending in −x, stable.
        order.sort { x[$0] > x[$1] }
        Ranking.forEachTie(count: n, value: { -x[order[$0]] }) { start, end in
          let rank = UInt32(start + end + 2)
          for p in start...end { twice[order[p] * draws + k0 + k] = rank }
        }
      }
    }
    // The three quantiles of position s at 3s, 3s + 1 and 3s + 2.
    let read = SharedBuffer<Double>(count: 3 * n, value: 0)
    defer { read.deallocate() }
    parallelFor(n, threads: settings.threads) { s in
      var ranks = (0..<draws).map { Double(twice[s * draws + $0]) / 2 }
      ranks.sort()
      for (k, q) in [0.05, 0.5, 0.95].enumerated() {
        read[3 * s + k] = QuantileDefinition.standard.quantile(ranks, q)
      }
    }
    let p5 = (0..<n).map { read[3 * $0] }
    let median = (0..<n).map { read[3 * $0 + 1] }
    let p95 = (0..<n).map { read[3 * $0 + 2] }
    return (p5, median, p95)
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
