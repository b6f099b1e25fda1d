import Foundation
import JixiaoNumerics

/// How much the scores, grades and ranks of alternatives depend on the
/// weights and on the choice of normalisation and aggregation: a Monte
/// Carlo over weight draws (OECD/JRC Handbook 2008, §7).
///
/// Inputs: one or more normalised score matrices S (alternatives ×
/// criteria, on the scale the grades use, 0–100; one per normalisation
/// considered) and base weights w₀. Each draw perturbs w₀; the scores of
/// a block of draws are S·W, computed by dgemm in tiles of alternatives
/// that stay in cache and folded into the statistics at once, so the
/// alternatives × draws matrix is never held (OECD/JRC's "streamed" form;
/// DESIGN.md §4). Geometric means are exp((ln S)·W) and harmonic means
/// 1/((1/S)·W), so they are products too.
///
/// Per alternative: the mean and standard deviation of its score, its
/// 5 % and 95 % quantiles, the share of draws in each grade and below
/// the threshold (60), and the median, 5 % and 95 % of its rank (1 the
/// best). Quantiles are read from histograms (`scoreBins` bins over the
/// alternative's own score range, which no draw can leave: every mean of
/// a row lies between its smallest and largest value; ranks from a
/// `rankBins`-bin histogram over 1 … n), interpolated within the bin; a
/// rank in a draw is counted from a 2,048-bin histogram of that draw's
/// scores, ties within a bin taking its middle rank.
///
/// Draw k takes its weights from `RandomStream(seed:stream: k)`, and the
/// blocks of draws cycle through the normalisation × aggregation choices
/// in order, so the results do not depend on the thread count.
public struct WeightUncertainty: Sendable {
  public struct Settings: Sendable, Equatable {
    /// How a draw perturbs the base weights.
    public enum Perturbation: Sendable, Equatable {
      /// w ~ Dirichlet(c·w₀): mean w₀, spread falling as c grows.
      case dirichlet(concentration: Double)
      /// wⱼ = w₀ⱼ (1 + x (2U − 1)), U uniform, renormalised to sum 1.
      case uniform(share: Double)
    }

    public var draws = 1000
    public var seed: UInt64 = 1
    public var perturbation = Perturbation.uniform(share: 0.2)
    public var aggregations: [Aggregation] = [.arithmetic]
    /// Lower bounds of 优, 良, 中 (差 below), as the scheme's grades.
    public var gradeMinimums: [Double] = [90, 80, 60]
    /// The score below which a draw counts as failing (60).
    public var threshold = 60.0
    public var threads = 1
    /// Draws per block (a block shares its normalisation and aggregation).
    public var block = 64
    public var scoreBins = 256
    public var rankBins = 256

    public init() {}
  }

  public let settings: Settings
  public var mean: [Double]
  public var deviation: [Double]
  public var p5: [Double]
  public var p95: [Double]
  /// Share of draws per grade (优, 良, 中, 差), alternative after
  /// alternative.
  public var gradeShare: [Double]
  public var belowThreshold: [Double]
  public var rankMedian: [Double]
  public var rankP5: [Double]
  public var rankP95: [Double]

  /// - Throws: `WeightingError` for matrices of different shapes, weights
  ///   that are not one per criterion summing to 1, a perturbation
  ///   setting out of range, more than 65,535 draws (the histograms count
  ///   in 16 bits), or values a geometric or harmonic mean cannot take.
  public init(
    scores matrices: [Matrix], weights w0: [Double], settings: Settings
  ) throws(WeightingError) {
    self.settings = settings
    guard let first = matrices.first, first.rows > 0, first.columns > 0 else {
      throw .shape("the uncertainty analysis needs a score matrix")
    }
    let n = first.rows
    let d = first.columns
    for s in matrices where s.rows != n || s.columns != d {
      throw .shape(
        "the score matrices differ in shape (\(s.rows) × \(s.columns) and \(n) × \(d))"
      )
    }
    try Aggregation.checkWeights(w0, count: d)
    guard settings.draws >= 1, settings.draws <= 65_535 else {
      throw .badValue("\(settings.draws) draws; give from 1 to 65,535")
    }
    switch settings.perturbation {
    case .dirichlet(let c):
      guard c > 0, c.isFinite else {
        throw .badValue(
          "the Dirichlet concentration is \(Diagnostic.number(c)); give a number above 0"
        )
      }
      guard w0.allSatisfy({ $0 > 0 }) else {
        throw .badValue("a Dirichlet draw needs every base weight above 0")
      }
    case .uniform(let x):
      guard x >= 0, x < 1 else {
        throw .badValue(
          "the uniform share is \(Diagnostic.number(x)); give one from 0 to below 1"
        )
      }
    }
    guard !settings.aggregations.isEmpty else {
      throw .shape("no aggregation to draw")
    }

    // The operands of each choice: S, ln(S + ε) or 1/(S + ε).
    var operands: [(matrix: [Double], aggregation: Aggregation)] = []
    for s in matrices {
      for aggregation in settings.aggregations {
        operands.append((try Self.operand(s, aggregation), aggregation))
      }
    }
    var low = [Double](repeating: .infinity, count: n)
    var high = [Double](repeating: -.infinity, count: n)
    for s in matrices {
      for j in 0..<d {
        for i in 0..<n {
          low[i] = min(low[i], s[i, j])
          high[i] = max(high[i], s[i, j])
        }
      }
    }
    let globalLow = low.min() ?? 0
    let globalHigh = max(high.max() ?? 0, globalLow)

    let weights = Self.draw(w0, settings)
    let state = State(
      n: n, scoreBins: settings.scoreBins, rankBins: settings.rankBins)
    let blocks = (settings.draws + settings.block - 1) / settings.block
    for b in 0..<blocks {
      let first = b * settings.block
      let count = min(settings.block, settings.draws - first)
      let choice = operands[b % operands.count]
      let w = Array(weights[(first * d)..<((first + count) * d)])
      try Self.fold(
        operand: choice.matrix, aggregation: choice.aggregation, n: n, d: d,
        weights: w, draws: count, done: first, low: low, high: high,
        globalRange: (globalLow, globalHigh), settings: settings, state: state)
    }
    let draws = Double(settings.draws)
    mean = Array(state.sum)
    deviation = (0..<n).map {
      (state.squares[$0] / max(1, draws - 1)).squareRoot()
    }
    gradeShare = state.grades.map { Double($0) / draws }
    belowThreshold = state.below.map { Double($0) / draws }
    var q5 = [Double](repeating: 0, count: n)
    var q95 = q5
    var r50 = q5
    var r5 = q5
    var r95 = q5
    let sb = settings.scoreBins
    let rb = settings.rankBins
    for i in 0..<n {
      let width = (high[i] - low[i]) / Double(sb)
      let h = state.scoreHistogram[(i * sb)..<((i + 1) * sb)]
      q5[i] = low[i] + width * Self.quantile(h, 0.05, total: settings.draws)
      q95[i] = low[i] + width * Self.quantile(h, 0.95, total: settings.draws)
      let rh = state.rankHistogram[(i * rb)..<((i + 1) * rb)]
      let rankWidth = Double(max(n - 1, 0)) / Double(rb)
      r5[i] = 1 + rankWidth * Self.quantile(rh, 0.05, total: settings.draws)
      r50[i] = 1 + rankWidth * Self.quantile(rh, 0.5, total: settings.draws)
      r95[i] = 1 + rankWidth * Self.quantile(rh, 0.95, total: settings.draws)
    }
    p5 = q5
    p95 = q95
    rankMedian = r50
    rankP5 = r5
    rankP95 = r95
  }

  /// The weight draws, draw after draw, d values each; draw k from
  /// stream k of the seed.
  static func draw(_ w0: [Double], _ settings: Settings) -> [Double] {
    let d = w0.count
    var out = [Double](repeating: 0, count: settings.draws * d)
    for k in 0..<settings.draws {
      var random = RandomStream(seed: settings.seed, stream: UInt64(k))
      var total = 0.0
      for j in 0..<d {
        let v: Double
        switch settings.perturbation {
        case .dirichlet(let c): v = random.gamma(shape: c * w0[j])
        case .uniform(let x): v = w0[j] * (1 + x * (2 * random.uniform() - 1))
        }
        out[k * d + j] = v
        total += v
      }
      for j in 0..<d { out[k * d + j] /= total }
    }
    return out
  }

  /// What the product is taken of, for an aggregation.
  static func operand(_ s: Matrix, _ aggregation: Aggregation)
    throws(WeightingError)
    -> [Double]
  {
    switch aggregation {
    case .arithmetic: return s.storage
    case .geometric(let rule), .harmonic(let rule):
      var shift = 0.0
      if case .offset(let e) = rule { shift = e }
      var out = s.storage
      for k in out.indices {
        let x = out[k] + shift
        guard x > 0 else {
          throw .badValue(
            "alternative \(k % s.rows + 1), criterion \(k / s.rows + 1) is \(Diagnostic.number(out[k])); the \(aggregation.name) needs values above 0"
          )
        }
        if case .geometric = aggregation {
          out[k] = log(x)
        } else {
          out[k] = 1 / x
        }
      }
      return out
    }
  }

  /// The counts and sums the draws are folded into. Tiles of
  /// alternatives write only their own rows, so the tasks of one pass
  /// share no element; the storage is raw so that no copy-on-write check
  /// runs concurrently (as `ResultSlots`).
  final class State: @unchecked Sendable {
    let n: Int
    let scoreBins: Int
    let rankBins: Int
    /// The running mean of each alternative's score and the sum of
    /// squared deviations from it (Welford's M₂).
    let sum: UnsafeMutableBufferPointer<Double>
    let squares: UnsafeMutableBufferPointer<Double>
    let grades: UnsafeMutableBufferPointer<Int>
    let below: UnsafeMutableBufferPointer<Int>
    let scoreHistogram: UnsafeMutableBufferPointer<UInt16>
    let rankHistogram: UnsafeMutableBufferPointer<UInt16>

    init(n: Int, scoreBins: Int, rankBins: Int) {
      self.n = n
      self.scoreBins = scoreBins
      self.rankBins = rankBins
      sum = .allocate(capacity: n)
      sum.initialize(repeating: 0)
      squares = .allocate(capacity: n)
      squares.initialize(repeating: 0)
      grades = .allocate(capacity: n * 4)
      grades.initialize(repeating: 0)
      below = .allocate(capacity: n)
      below.initialize(repeating: 0)
      scoreHistogram = .allocate(capacity: n * scoreBins)
      scoreHistogram.initialize(repeating: 0)
      rankHistogram = .allocate(capacity: n * rankBins)
      rankHistogram.initialize(repeating: 0)
    }

    deinit {
      sum.deallocate()
      squares.deallocate()
      grades.deallocate()
      below.deallocate()
      scoreHistogram.deallocate()
      rankHistogram.deallocate()
    }
  }

  static let tile = 128
  static let drawBins = 2048

  /// One block of draws: pass A counts each draw's scores in a histogram
  /// (for ranks), over chunks of draws; pass B folds every score into its
  /// alternative's statistics, over tiles of alternatives. Each pass
  /// computes its scores by dgemm tile by tile.
  static func fold(
    operand: [Double], aggregation: Aggregation, n: Int, d: Int,
    weights: [Double], draws: Int, done: Int, low: [Double], high: [Double],
    globalRange: (Double, Double), settings: Settings, state: State
  ) throws(WeightingError) {
    let (gLow, gHigh) = globalRange
    let hBins = drawBins
    let gScale = gHigh > gLow ? Double(hBins) / (gHigh - gLow) : 0
    let tiles = (n + tile - 1) / tile
    // Pass A: a histogram per draw, chunks of 32 draws per task.
    let chunk = 32
    let chunks = (draws + chunk - 1) / chunk
    let drawHistograms = ResultSlots<[UInt32]>(count: chunks)
    parallelFor(chunks, threads: settings.threads) { c in
      let k0 = c * chunk
      let kc = min(chunk, draws - k0)
      var counts = [UInt32](repeating: 0, count: kc * hBins)
      var product = [Double](repeating: 0, count: tile * kc)
      for t in 0..<tiles {
        let r0 = t * tile
        let rows = min(tile, n - r0)
        Self.scores(
          operand, aggregation, n: n, d: d, rows: r0..<(r0 + rows),
          weights: weights, draws: k0..<(k0 + kc), into: &product)
        for k in 0..<kc {
          for i in 0..<rows {
            let s = product[k * rows + i]
            let bin = min(hBins - 1, max(0, Int((s - gLow) * gScale)))
            counts[k * hBins + bin] += 1
          }
        }
      }
      drawHistograms[c] = counts
    }
    // The rank of a score in bin b of draw k: the scores in the bins
    // above, plus the middle of its own bin's, (count + 1)/2.
    let rb = settings.rankBins
    let rankScale = n > 1 ? Double(rb) / Double(n - 1) : 0
    // Stored as the rank histogram's bin (the rank itself is not needed).
    var rankOf = [UInt16](repeating: 0, count: draws * hBins)
    for c in 0..<chunks {
      guard let counts = drawHistograms[c] else { continue }
      let k0 = c * chunk
      let kc = counts.count / hBins
      for k in 0..<kc {
        var running: UInt32 = 0
        for b in stride(from: hBins - 1, through: 0, by: -1) {
          let inBin = counts[k * hBins + b]
          // Bin-major (bin b's draws side by side): an alternative's
          // draws fall in few bins, so its lookups share cache lines.
          let rank = Double(running) + Double(inBin + 1) / 2
          rankOf[b * draws + k0 + k] = UInt16(
            min(Double(rb) - 0.5, max(0, (rank - 1) * rankScale)))
          running += inBin
        }
      }
    }
    // Pass B: statistics per alternative, tile by tile (128 alternatives,
    // whose scores and histograms stay in L2).
    let sb = settings.scoreBins
    let m0 = settings.gradeMinimums[0]
    let m1 = settings.gradeMinimums[1]
    let m2 = settings.gradeMinimums[2]
    let threshold = settings.threshold
    let ranks = rankOf
    parallelFor(tiles, threads: settings.threads) { t in
      let r0 = t * tile
      let rows = min(tile, n - r0)
      var product = [Double](repeating: 0, count: rows * draws)
      Self.scores(
        operand, aggregation, n: n, d: d, rows: r0..<(r0 + rows),
        weights: weights, draws: 0..<draws, into: &product, drawMajor: true)
      // Sums of x − c, c the alternative's first score of the block, so
      // Σ(x − c)² − (Σ(x − c))²/N does not cancel away. Raw buffers: the
      // loop below runs rows × draws times and must not check arrays.
      let shift = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows)
      let s1 = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows)
      let s2 = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows)
      let lowOf = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows)
      let scaleOf = UnsafeMutableBufferPointer<Double>.allocate(capacity: rows)
      let below = UnsafeMutableBufferPointer<Int32>.allocate(capacity: rows)
      defer {
        shift.deallocate()
        s1.deallocate()
        s2.deallocate()
        lowOf.deallocate()
        scaleOf.deallocate()
        below.deallocate()
      }
      for i in 0..<rows {
        shift[i] = product[i * draws]
        s1[i] = 0
        s2[i] = 0
        below[i] = 0
        lowOf[i] = low[r0 + i]
        let width = high[r0 + i] - low[r0 + i]
        scaleOf[i] = width > 0 ? Double(sb) / width : 0
      }
      let topBin = Double(sb) - 0.5
      let topDrawBin = Double(hBins) - 0.5
      product.withUnsafeBufferPointer { x in
        ranks.withUnsafeBufferPointer { rankTable in
          guard
            let scoreHistogram = state.scoreHistogram.baseAddress.map({
              $0 + r0 * sb
            }),
            let rankHistogram = state.rankHistogram.baseAddress.map({
              $0 + r0 * rb
            }),
            let grades = state.grades.baseAddress.map({ $0 + r0 * 4 }),
            let xs = x.baseAddress, let table = rankTable.baseAddress
          else { return }
          // Alternative by alternative, its draws side by side: its two
          // histogram rows stay in L1, and its draws' ranks, which fall in
          // few score bins, are read from a few lines of the bin-major
          // rank table (2,048 bins × 64 draws, 0.5 MB).
          for i in 0..<rows {
            let c = shift[i]
            let lo = lowOf[i]
            let scale = scaleOf[i]
            let scoreRow = scoreHistogram + i &* sb
            let rankRowOut = rankHistogram + i &* rb
            var sum = 0.0
            var squares = 0.0
            var under: Int32 = 0
            var g0 = 0
            var g1 = 0
            var g2 = 0
            // A project's draws mostly fall in one rank bin: counting the
            // run in a register spares a chain of increments of one cell.
            var runBin = -1
            var run: UInt16 = 0
            for k in 0..<draws {
              let value = xs[i &* draws &+ k]
              let delta = value - c
              sum += delta
              squares += delta * delta
              // Bins by clamping in floating point first, so the
              // conversions are in range.
              let bin = Int(min(topBin, max(0, (value - lo) * scale)))
              scoreRow[bin] &+= 1
              if value >= m0 {
                g0 &+= 1
              } else if value >= m1 {
                g1 &+= 1
              } else if value >= m2 {
                g2 &+= 1
              }
              if value < threshold { under &+= 1 }
              let global = Int(min(topDrawBin, max(0, (value - gLow) * gScale)))
              let rankBin = Int(table[global &* draws &+ k])
              if rankBin == runBin {
                run &+= 1
              } else {
                if runBin >= 0 { rankRowOut[runBin] &+= run }
                runBin = rankBin
                run = 1
              }
            }
            if runBin >= 0 { rankRowOut[runBin] &+= run }
            s1[i] = sum
            s2[i] = squares
            below[i] = under
            grades[i &* 4] &+= g0
            grades[i &* 4 &+ 1] &+= g1
            grades[i &* 4 &+ 2] &+= g2
            grades[i &* 4 &+ 3] &+= draws - g0 - g1 - g2
          }
        }
      }
      let a = Double(done)
      let b = Double(draws)
      for i in 0..<rows {
        let p = r0 + i
        // This block's mean and M₂, merged with the blocks before (Chan,
        // Golub & LeVeque 1979).
        let mean = shift[i] + s1[i] / b
        let m2 = max(0, s2[i] - s1[i] * s1[i] / b)
        let delta = mean - state.sum[p]
        state.sum[p] += delta * b / (a + b)
        state.squares[p] += m2 + delta * delta * a * b / (a + b)
        state.below[p] += Int(below[i])
      }
    }
  }

  /// Scores of `rows` under `draws`: product[k*rows + i] for draw k and
  /// alternative i of the tile (column-major, rows × draws).
  static func scores(
    _ operand: [Double], _ aggregation: Aggregation, n: Int, d: Int,
    rows: Range<Int>, weights: [Double], draws: Range<Int>,
    into product: inout [Double], drawMajor: Bool = false
  ) {
    let m = rows.count
    let kc = draws.count
    operand.withUnsafeBufferPointer { a in
      weights.withUnsafeBufferPointer { w in
        product.withUnsafeMutableBufferPointer { c in
          guard let a0 = a.baseAddress, let w0 = w.baseAddress,
            let c0 = c.baseAddress
          else { return }
          if drawMajor {
            // C = Wᵀ·Sᵀ, kc × m: an alternative's draws side by side.
            try? BLAS.multiplyTiles(
              m: kc, n: m, k: d, a: w0 + draws.lowerBound * d, lda: d,
              b: a0 + rows.lowerBound, ldb: n, c: c0, ldc: kc,
              transposeA: true, transposeB: true)
          } else {
            // A: the tile's rows of the n × d operand (leading dimension
            // n); B: the draws' weights, d × kc; C: m × kc.
            try? BLAS.multiplyTiles(
              m: m, n: kc, k: d, a: a0 + rows.lowerBound, lda: n,
              b: w0 + draws.lowerBound * d, ldb: d, c: c0, ldc: m)
          }
        }
      }
    }
    switch aggregation {
    case .arithmetic: break
    case .geometric(let rule):
      var shift = 0.0
      if case .offset(let e) = rule { shift = e }
      for k in 0..<(m * kc) { product[k] = exp(product[k]) - shift }
    case .harmonic(let rule):
      var shift = 0.0
      if case .offset(let e) = rule { shift = e }
      for k in 0..<(m * kc) { product[k] = 1 / product[k] - shift }
    }
  }

  /// The position (in bins, fractional) below which a share q of the
  /// histogram's total lies, linear within the bin.
  static func quantile<C: Collection<UInt16>>(_ h: C, _ q: Double, total: Int)
    -> Double
  {
    let target = q * Double(total)
    var cumulative = 0.0
    var b = 0
    for count in h {
      let c = Double(count)
      if cumulative + c >= target, c > 0 {
        return Double(b) + (target - cumulative) / c
      }
      cumulative += c
      b += 1
    }
    return Double(h.count)
  }
}
