import Foundation
import JixiaoNumerics

/// The inner loops of `WeightUncertainty`: the draws are folded into the
/// statistics tile by tile, 128 alternatives at a time, so that a tile's
/// scores (128 × 64 doubles, 64 KB), its accumulators and its histogram
/// rows (128 × 544 counts, 139 KB) stay in cache.
///
/// Each pass over a tile has two loops per draw. The first runs over the
/// 128 alternatives with nothing but arithmetic, so the compiler turns it
/// into vector instructions: the sums, the grade counts and the two bin
/// numbers of every score. The second does the histogram increments;
/// they go to 128 different alternatives' rows, so no increment waits
/// for the one before (the draws of one alternative side by side would
/// hit the same cell again and again, each increment waiting for the
/// last store).
extension WeightUncertainty {
  static let tile = 128
  static let drawBins = 2048

  /// How far below a grade minimum or the threshold a score may fall and
  /// still count as on it: a draw's weights sum to 1 only to rounding, so
  /// a project at 100 in every dimension scores 100 − 10⁻¹⁴ or so, which
  /// must not read as below 100.
  public static let cutOffTolerance = 1e-9

  /// 1.5·2⁵²: added to a double t with |t| < 2⁵¹, it leaves the integer
  /// nearest t in the sum's low bits. This converts without the range
  /// check of Int32(_:), so the loops around it vectorise. A bin is the
  /// integer nearest t − ½ for t in bins from the range's start: ⌊t⌋,
  /// except that a value exactly on an edge may count in the bin below
  /// (ties round to even); quantiles are read to within a bin anyway.
  static let magic = 6_755_399_441_055_744.0

  /// The low 32 bits of y (y = t + magic), as the integer nearest t.
  @inline(__always)
  static func nearest(_ y: Double) -> Int32 {
    Int32(truncatingIfNeeded: Int64(bitPattern: y.bitPattern))
  }

  /// One epoch of draws (whole blocks). Pass A, over the blocks, counts
  /// each draw's scores in a 2,048-bin histogram over the scores' global
  /// range and turns it into the draw's rank table. Pass B, over the
  /// tiles, folds every score of the epoch into its alternative's
  /// statistics, block after block, so a tile's histogram rows are
  /// fetched from memory once an epoch and stay in cache while its
  /// draws run. Both passes compute a tile's scores by the same dgemm
  /// call, so they see the same bits.
  static func fold(
    operands: [Operand], n: Int, d: Int, weights: [Double],
    draws: Range<Int>, low: [Double], high: [Double],
    globalRange: (Double, Double), capped: Capped, ranks: Bool,
    settings: Settings, state: State
  ) {
    let (gLow, gHigh) = globalRange
    let hBins = drawBins
    let gScale = gHigh > gLow ? Double(hBins) / (gHigh - gLow) : 0
    let gOffset = gLow * gScale + 0.5
    let tiles = (n + tile - 1) / tile
    let size = settings.block
    let firstBlock = draws.lowerBound / size
    let blocks = (draws.count + size - 1) / size
    let rb = settings.rankBins

    // Pass A. The rank of a score in bin b of draw k: the scores in the
    // bins above, plus the middle of its own bin's, (count + 1)/2; the
    // table keeps it as the rank histogram's bin (0 … rankBins − 1).
    let tables = ResultSlots<[UInt8]>(count: blocks)
    parallelFor(ranks ? blocks : 0, threads: settings.threads) { b in
      let k0 = draws.lowerBound + b * size
      let kc = min(size, draws.upperBound - k0)
      let choice = operands[(firstBlock + b) % operands.count]
      let counts = UnsafeMutableBufferPointer<UInt32>.allocate(
        capacity: kc * hBins)
      counts.initialize(repeating: 0)
      let scratch = Scratch(draws: kc)
      defer {
        counts.deallocate()
        scratch.deallocate()
      }
      guard let h0 = counts.baseAddress else { return }
      let global = scratch.global
      for t in 0..<tiles {
        let r0 = t * tile
        let rows = min(tile, n - r0)
        Self.scores(
          choice.matrix, choice.aggregation, n: n, d: d,
          rows: r0..<(r0 + rows), weights: weights, draws: k0..<(k0 + kc),
          into: scratch.product, stride: tile)
        for k in 0..<kc {
          // The same expression as `accumulate`, so both passes bin a
          // score alike.
          let x = scratch.product + k &* tile
          for i in 0..<tile {
            global[i] = nearest(x[i] * gScale - gOffset + magic)
          }
          let h = h0 + k &* hBins
          // Capped alternatives are left out: their ranks are known.
          let first = max(0, capped.top - r0)
          let last = min(rows, n - capped.bottom - r0)
          for i in first..<max(first, last) {
            h[min(hBins - 1, max(0, Int(global[i])))] &+= 1
          }
        }
      }
      var table = [UInt8](repeating: 0, count: kc * hBins)
      for k in 0..<kc {
        // The capped alternatives at the top rank above every bin.
        var running = UInt32(capped.top)
        for b in stride(from: hBins - 1, through: 0, by: -1) {
          let inBin = h0[k * hBins + b]
          let rank = Double(running) + Double(inBin + 1) / 2
          table[k * hBins + b] = UInt8(rankBin(rank, n: n, bins: rb))
          running += inBin
        }
      }
      tables[b] = table
    }
    var rankTable = [UInt8]()
    rankTable.reserveCapacity(draws.count * hBins)
    for b in 0..<blocks { rankTable += tables[b] ?? [] }

    // Pass B.
    let sb = settings.scoreBins
    let minimums = settings.gradeMinimums
    // Missing grade minimums count nothing (no score reaches +∞).
    let m0 = minimums.count > 0 ? minimums[0] : .infinity
    let m1 = minimums.count > 1 ? minimums[1] : .infinity
    let m2 = minimums.count > 2 ? minimums[2] : .infinity
    let grades = minimums.count + 1
    // A score within `cutOffTolerance` below a cut-off counts as on it.
    let e = cutOffTolerance
    let limits = Limits(
      m0: m0 - e, m1: m1 - e, m2: m2 - e, threshold: settings.threshold - e,
      gScale: gScale, gOffset: gOffset)
    let rankTables = rankTable
    parallelFor(tiles, threads: settings.threads) { t in
      let r0 = t * tile
      let rows = min(tile, n - r0)
      let scratch = Scratch(draws: size)
      defer { scratch.deallocate() }
      // Sums of x − c, c the alternative's first score of the block, so
      // Σ(x − c)² − (Σ(x − c))²/N does not cancel away.
      let a = scratch.accumulators
      let shift = a + Field.shift.rawValue * tile
      let s1 = a + Field.sum.rawValue * tile
      let s2 = a + Field.squares.rawValue * tile
      let packed = a + Field.counts.rawValue * tile
      let scaleOf = a + Field.scale.rawValue * tile
      let offsetOf = a + Field.offset.rawValue * tile
      for i in 0..<rows {
        let width = high[r0 + i] - low[r0 + i]
        scaleOf[i] = width > 0 ? Double(sb) / width : 0
        offsetOf[i] = low[r0 + i] * scaleOf[i] + 0.5
      }
      let own = scratch.own
      let global = scratch.global
      let stride = state.rowStride
      guard
        let histograms = state.histograms.baseAddress.map({ $0 + r0 * stride })
      else { return }
      rankTables.withUnsafeBufferPointer { rankTable in
        // No tables when the ranks are kept exactly elsewhere.
        let table0 = rankTable.isEmpty ? nil : rankTable.baseAddress
        for b in 0..<blocks {
          let k0 = draws.lowerBound + b * size
          let kc = min(size, draws.upperBound - k0)
          let choice = operands[(firstBlock + b) % operands.count]
          Self.scores(
            choice.matrix, choice.aggregation, n: n, d: d,
            rows: r0..<(r0 + rows), weights: weights, draws: k0..<(k0 + kc),
            into: scratch.product, stride: tile)
          a.update(repeating: 0, count: 4 * tile)
          for i in 0..<rows { shift[i] = scratch.product[i] }
          for k in 0..<kc {
            Self.accumulate(
              scratch.product + k &* tile, into: a, own: own, global: global,
              limits: limits)
            if let table0 {
              Self.increment(
                histograms, stride: stride, rankOffset: sb, rows: rows,
                own: own, global: global,
                table: table0 + (k0 - draws.lowerBound + k) &* hBins,
                ownTop: sb - 1, globalTop: hBins - 1)
            } else {
              Self.increment(
                histograms, stride: stride, rows: rows, own: own,
                ownTop: sb - 1)
            }
          }
          let before = Double(k0)
          let count = Double(kc)
          for i in 0..<rows {
            let p = r0 + i
            // This block's mean and M₂, merged with the blocks before
            // (Chan, Golub & LeVeque 1979).
            let mean = shift[i] + s1[i] / count
            let m2 = max(0, s2[i] - s1[i] * s1[i] / count)
            let delta = mean - state.sum[p]
            state.sum[p] += delta * count / (before + count)
            state.squares[p] +=
              m2 + delta * delta * before * count / (before + count)
            let counts = Int(packed[i])
            let mask = (1 << countBits) - 1
            state.below[p] += (counts >> (3 * countBits)) & mask
            // Counts at or above each minimum, as counts per grade.
            var above = 0
            for g in 0..<grades {
              let atLeast =
                g < grades - 1 ? (counts >> (g * countBits)) & mask : kc
              state.grades[p * grades + g] += atLeast - above
              above = atLeast
            }
          }
        }
      }
    }
  }

  /// The alternatives whose score is the top (bottom) of the range in
  /// every draw: every value of theirs, in every matrix, is the largest
  /// (smallest) of all, as for projects at 100 in every dimension. A mean
  /// can reach the range's end only so. They are sorted first (last), left
  /// out of the draws' histograms, and tie with each other in every draw,
  /// at ranks (1 + top)/2 and n − bottom + (1 + bottom)/2; no bin of
  /// scores can blur that tie with the scores just below it.
  struct Capped: Sendable {
    var top = 0
    var bottom = 0

    /// The tied rank of position s, if it is capped: (1 + top)/2 at the
    /// top, n − bottom + (1 + bottom)/2 at the bottom.
    func rank(_ s: Int, n: Int) -> Double? {
      if s < top { return Double(1 + top) / 2 }
      if s >= n - bottom { return Double(n - bottom) + Double(1 + bottom) / 2 }
      return nil
    }
  }

  /// The rank histogram's bin (0 ..< bins, over ranks 1 … n) of a rank.
  static func rankBin(_ rank: Double, n: Int, bins: Int) -> Int {
    let scale = n > 1 ? Double(bins) / Double(n - 1) : 0
    return Int(min(Double(bins) - 0.5, max(0, (rank - 1) * scale)))
  }

  /// The constants of the arithmetic loop.
  struct Limits: Sendable {
    var m0, m1, m2, threshold, gScale, gOffset: Double
  }

  /// The counts of a block are packed in one double, 13 bits each (a
  /// block has at most 4,096 draws): at or above each of the three grade
  /// minimums, and below the threshold. The sum stays below 2⁵² and is
  /// exact; one accumulator instead of four halves the loop's memory
  /// traffic.
  static let countBits = 13

  /// Accumulator fields of a tile (each `tile` doubles long, in this
  /// order): the shift c, Σ(x − c), Σ(x − c)², the packed counts (these
  /// four start again each block), and each row's bin scale and offset
  /// (x·scale − offset + magic is its own bin plus ½).
  enum Field: Int {
    case shift, sum, squares, counts, scale, offset
  }

  /// The arithmetic of one draw's scores x over the whole tile (lanes
  /// past the tile's rows are never read back): the sums, the packed
  /// counts, and each score's bin in its own histogram and in the draw's
  /// (unclamped; `increment` clamps them).
  @inline(never)
  static func accumulate(
    _ x: UnsafePointer<Double>, into a: UnsafeMutablePointer<Double>,
    own: UnsafeMutablePointer<Int32>, global: UnsafeMutablePointer<Int32>,
    limits: Limits
  ) {
    let shift = a
    let s1 = a + tile
    let s2 = a + 2 * tile
    let counts = a + 3 * tile
    let scaleOf = a + Field.scale.rawValue * tile
    let offsetOf = a + Field.offset.rawValue * tile
    let m0 = limits.m0
    let m1 = limits.m1
    let m2 = limits.m2
    let threshold = limits.threshold
    let gScale = limits.gScale
    let gOffset = limits.gOffset
    let one = 1.0
    let second = Double(1 << countBits)
    let third = Double(1 << (2 * countBits))
    let fourth = Double(1 << (3 * countBits))
    for i in 0..<tile {
      let value = x[i]
      let delta = value - shift[i]
      s1[i] += delta
      s2[i] += delta * delta
      counts[i] +=
        ((value >= m0 ? one : 0) + (value >= m1 ? second : 0))
        + ((value >= m2 ? third : 0) + (value < threshold ? fourth : 0))
      own[i] = nearest(value * scaleOf[i] - offsetOf[i] + magic)
      global[i] = nearest(value * gScale - gOffset + magic)
    }
  }

  /// The histogram increments of one draw: one row per alternative, so
  /// no increment waits for the one before. The bins are clamped here,
  /// in integers, where it costs least: a score can leave its row's range
  /// only by rounding.
  @inline(never)
  static func increment(
    _ h: UnsafeMutablePointer<UInt16>, stride: Int, rankOffset: Int,
    rows: Int, own: UnsafePointer<Int32>, global: UnsafePointer<Int32>,
    table: UnsafePointer<UInt8>, ownTop: Int, globalTop: Int
  ) {
    var row = h
    for i in 0..<rows {
      let o = min(ownTop, max(0, Int(own[i])))
      let g = min(globalTop, max(0, Int(global[i])))
      row[o] &+= 1
      row[rankOffset &+ Int(table[g])] &+= 1
      row += stride
    }
  }

  /// The score-histogram increments alone, when the ranks are not counted
  /// here.
  @inline(never)
  static func increment(
    _ h: UnsafeMutablePointer<UInt16>, stride: Int, rows: Int,
    own: UnsafePointer<Int32>, ownTop: Int
  ) {
    var row = h
    for i in 0..<rows {
      row[min(ownTop, max(0, Int(own[i])))] &+= 1
      row += stride
    }
  }

  /// A task's working memory for one tile: the scores (tile × draws,
  /// draw after draw), the six accumulator fields of a tile each, and the two bin
  /// numbers of a draw's scores. One allocation, zeroed, so that the
  /// vector loop's lanes past the tile's rows read zeros, and at fixed
  /// offsets, so the compiler sees the accumulators cannot overlap.
  struct Scratch {
    let product: UnsafeMutablePointer<Double>
    let accumulators: UnsafeMutablePointer<Double>
    let own: UnsafeMutablePointer<Int32>
    let global: UnsafeMutablePointer<Int32>
    private let raw: UnsafeMutableRawPointer

    init(draws: Int) {
      let doubles = tile * draws + 6 * tile
      let bytes = doubles * 8 + 2 * tile * 4
      raw = .allocate(byteCount: bytes, alignment: 64)
      raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
      product = raw.bindMemory(to: Double.self, capacity: doubles)
      accumulators = product + tile * draws
      own = (raw + doubles * 8).bindMemory(to: Int32.self, capacity: 2 * tile)
      global = own + tile
    }

    func deallocate() { raw.deallocate() }
  }

  /// Scores of `rows` under `draws`: product[k·stride + i] for draw k and
  /// alternative i of the rows (column-major, leading dimension `stride`,
  /// at least rows.count).
  static func scores(
    _ operand: [Double], _ aggregation: Aggregation, n: Int, d: Int,
    rows: Range<Int>, weights: [Double], draws: Range<Int>,
    into product: UnsafeMutablePointer<Double>, stride: Int
  ) {
    let m = rows.count
    let kc = draws.count
    operand.withUnsafeBufferPointer { a in
      weights.withUnsafeBufferPointer { w in
        guard let a0 = a.baseAddress, let w0 = w.baseAddress else { return }
        // A: the rows of the n × d operand (leading dimension n); B: the
        // draws' weights, d × kc; C: m × kc.
        try? BLAS.multiplyTiles(
          m: m, n: kc, k: d, a: a0 + rows.lowerBound, lda: n,
          b: w0 + draws.lowerBound * d, ldb: d, c: product, ldc: stride)
      }
    }
    switch aggregation {
    case .arithmetic: break
    case .geometric(let rule):
      var shift = 0.0
      if case .offset(let e) = rule { shift = e }
      for k in 0..<kc {
        for i in 0..<m {
          product[k * stride + i] = exp(product[k * stride + i]) - shift
        }
      }
    case .harmonic(let rule):
      var shift = 0.0
      if case .offset(let e) = rule { shift = e }
      for k in 0..<kc {
        for i in 0..<m {
          product[k * stride + i] = 1 / product[k * stride + i] - shift
        }
      }
    }
  }

  /// The scores of every alternative under every draw, product[k·n + i].
  static func scores(
    _ operand: [Double], _ aggregation: Aggregation, n: Int, d: Int,
    weights: [Double], draws: Int
  ) -> [Double] {
    var product = [Double](repeating: 0, count: n * draws)
    product.withUnsafeMutableBufferPointer { c in
      guard let c0 = c.baseAddress else { return }
      scores(
        operand, aggregation, n: n, d: d, rows: 0..<n, weights: weights,
        draws: 0..<draws, into: c0, stride: n)
    }
    return product
  }
}
