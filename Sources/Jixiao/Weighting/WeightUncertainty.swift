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
/// alternatives × draws matrix is never held (DESIGN.md §4). Geometric
/// means are exp((ln S)·W) and harmonic means 1/((1/S)·W), so they are
/// products too.
///
/// Per alternative: the mean and standard deviation of its score, its
/// 5 % and 95 % quantiles, the share of draws in each grade and below
/// the threshold (60), and the median, 5 % and 95 % of its rank (1 the
/// best). Quantiles are read from histograms (`scoreBins` bins over the
/// alternative's own score range, which no draw can leave: every mean of
/// a row lies between its smallest and largest value; ranks from a
/// `rankBins`-bin histogram over 1 … n), interpolated within the bin; a
/// rank in a draw is counted from a 2,048-bin histogram of that draw's
/// scores, ties within a bin taking its middle rank. Where every rank can
/// be kept (alternatives × draws up to `exactRankLimit`), the rank bands
/// are exact instead (WeightUncertainty+ExactRanks.swift).
///
/// Draw k takes its weights from `RandomStream(seed:stream: k)`, and the
/// blocks of draws cycle through the normalisation × aggregation choices
/// in order, so the results do not depend on the thread count. The
/// loops are in WeightUncertainty+Fold.swift.
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
    /// The minimum score of each grade but the last, best first and
    /// falling (优, 良, 中 at 90, 80, 60, 差 below, by default); at most
    /// three, as a scheme has at most four grades.
    public var gradeMinimums: [Double] = [90, 80, 60]
    /// The score below which a draw counts as failing (60).
    public var threshold = 60.0
    public var threads = 1
    /// Draws per block (a block shares its normalisation and aggregation).
    public var block = 64
    public var scoreBins = 256
    public var rankBins = 256
    /// Up to this many alternatives × draws, rank bands are exact (every
    /// rank is kept, `exactRanks`); above, they are read from histograms.
    public var exactRanksUpTo = WeightUncertainty.exactRankLimit

    public init() {}
  }

  public let settings: Settings
  public var mean: [Double]
  public var deviation: [Double]
  public var p5: [Double]
  public var p95: [Double]
  /// Share of draws per grade (优, 良, 中, 差 by default: one more than
  /// `gradeMinimums`), alternative after alternative.
  public var gradeShare: [Double]
  public var belowThreshold: [Double]
  public var rankMedian: [Double]
  public var rankP5: [Double]
  public var rankP95: [Double]
  /// Whether the rank bands are exact (every rank kept) or read from
  /// histograms.
  public var exactRanks: Bool

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
      // Below this the gamma shapes c·w₀ⱼ leave the range of doubles;
      // from 0.01 down the draws are the simplex's vertices anyway.
      guard c * (w0.min() ?? 0) >= 1e-300 else {
        throw .badValue(
          "the Dirichlet concentration \(Diagnostic.number(c)) times the smallest base weight is below 10⁻³⁰⁰, beyond the range of doubles; give a larger concentration (from about 0.01 down the draws are the vertices of the weights anyway)"
        )
      }
    case .uniform(let x):
      guard x >= 0, x < 1 else {
        throw .badValue(
          "the uniform share is \(Diagnostic.number(x)); give one from 0 to below 1"
        )
      }
    }
    let minimums = settings.gradeMinimums
    guard minimums.count <= 3, minimums.allSatisfy(\.isFinite),
      zip(minimums, minimums.dropFirst()).allSatisfy({ $0 > $1 })
    else {
      throw .badValue(
        "the grade minimums are \(minimums.map { Diagnostic.number($0) }.joined(separator: ", ")); give at most three, falling, such as 90, 80, 60"
      )
    }
    guard settings.block >= 1, settings.block <= 4096,
      (1...65_536).contains(settings.scoreBins),
      (1...256).contains(settings.rankBins)
    else {
      throw .badValue(
        "blocks of \(settings.block) draws with \(settings.scoreBins) score and \(settings.rankBins) rank bins; give blocks of 1 to 4,096, 1 to 65,536 score bins and 1 to 256 rank bins"
      )
    }
    guard !settings.aggregations.isEmpty else {
      throw .shape("no aggregation to draw")
    }

    // The operands of each choice: S, ln(S + ε) or 1/(S + ε).
    var operands: [Operand] = []
    for s in matrices {
      for aggregation in settings.aggregations {
        operands.append(
          Operand(
            matrix: try Self.operand(s, aggregation), aggregation: aggregation))
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

    // The alternatives in the order of their base score (the first
    // matrix, arithmetic mean, w₀), best first: a tile's scores then lie
    // close together in every draw, so its rank lookups share a few lines
    // of the draw's table. Position s holds alternative order[s]; the
    // results are put back in the input's order at the end.
    var baseScore = [Double](repeating: 0, count: n)
    for j in 0..<d {
      for i in 0..<n { baseScore[i] += w0[j] * first[i, j] }
    }
    // Alternatives at the top (bottom) of the range in every matrix go
    // first (last): `Capped`.
    func every(_ i: Int, _ value: Double) -> Bool {
      matrices.allSatisfy { m in (0..<d).allSatisfy { m[i, $0] == value } }
    }
    let end: [Int] = (0..<n).map { i in
      every(i, globalHigh) ? 0 : every(i, globalLow) ? 2 : 1
    }
    let order = (0..<n).sorted { (a: Int, b: Int) -> Bool in
      if end[a] != end[b] { return end[a] < end[b] }
      if baseScore[a] != baseScore[b] { return baseScore[a] > baseScore[b] }
      return a < b
    }
    let capped =
      globalHigh > globalLow
      ? Capped(top: end.count { $0 == 0 }, bottom: end.count { $0 == 2 })
      : Capped()
    let sorted = operands.map {
      Operand(
        matrix: Self.rows($0.matrix, order, columns: d),
        aggregation: $0.aggregation)
    }
    let sortedLow = order.map { low[$0] }
    let sortedHigh = order.map { high[$0] }

    let weights = Self.draw(w0, settings)
    let state = State(
      n: n, grades: minimums.count + 1, scoreBins: settings.scoreBins,
      rankBins: settings.rankBins)
    // Draws are folded an epoch at a time (up to 4,096 draws, whole
    // blocks), so the epoch's rank tables (2 KB a draw) stay within 8 MB.
    let epoch = settings.block * max(1, 4096 / settings.block)
    // Exact rank bands where every rank can be kept; the fold then counts
    // no ranks (no draw histograms, no rank increments).
    let keepsRanks =
      n * settings.draws <= min(settings.exactRanksUpTo, Self.exactRankLimit)
    for start in stride(from: 0, to: settings.draws, by: epoch) {
      Self.fold(
        operands: sorted, n: n, d: d, weights: weights,
        draws: start..<min(settings.draws, start + epoch),
        low: sortedLow, high: sortedHigh,
        globalRange: (globalLow, globalHigh), capped: capped,
        ranks: !keepsRanks, settings: settings, state: state)
    }
    let exact =
      keepsRanks
      ? Self.exactRanks(
        operands: sorted, n: n, d: d, weights: weights, settings: settings)
      : nil
    let rb = settings.rankBins
    let draws = Double(settings.draws)
    let grades = minimums.count + 1
    var mean = [Double](repeating: 0, count: n)
    var deviation = mean
    var gradeShare = [Double](repeating: 0, count: n * grades)
    var below = mean
    var q5 = mean
    var q95 = mean
    var r50 = mean
    var r5 = mean
    var r95 = mean
    let sb = settings.scoreBins
    let rankWidth = Double(max(n - 1, 0)) / Double(rb)
    for (s, i) in order.enumerated() {
      mean[i] = state.sum[s]
      deviation[i] = (state.squares[s] / max(1, draws - 1)).squareRoot()
      for g in 0..<grades {
        gradeShare[i * grades + g] =
          Double(state.grades[s * grades + g]) / draws
      }
      below[i] = Double(state.below[s]) / draws
      let width = (high[i] - low[i]) / Double(sb)
      let row = s * state.rowStride
      let h = state.histograms[row..<(row + sb)]
      // Within a bin the histogram cannot tell where the scores lie, so
      // its reading is held to what the mean μ and SD σ of the draws allow
      // (Cantelli's inequality, P(X − μ ≥ t) ≤ σ²/(σ² + t²), on each side):
      // q₅ ∈ [μ − σ√19, μ + σ/√19] and q₉₅ ∈ [μ − σ/√19, μ + σ√19]. A
      // score that never moves (σ = 0) has P5 = P95 = μ.
      let mu = state.sum[s]
      let sigma = (state.squares[s] / draws).squareRoot()
      let wide = sigma * 19.0.squareRoot()
      let narrow = sigma / 19.0.squareRoot()
      let read5 = low[i] + width * Self.quantile(h, 0.05, total: settings.draws)
      let read95 =
        low[i] + width * Self.quantile(h, 0.95, total: settings.draws)
      q5[i] = min(mu + narrow, max(mu - wide, read5))
      q95[i] = min(mu + wide, max(mu - narrow, read95))
      if let exact {
        r5[i] = exact.p5[s]
        r50[i] = exact.median[s]
        r95[i] = exact.p95[s]
      } else if let tied = capped.rank(s, n: n) {
        // The same tied rank in every draw: no bin to read it from.
        (r5[i], r50[i], r95[i]) = (tied, tied, tied)
      } else {
        let rh = state.histograms[(row + sb)..<(row + sb + rb)]
        r5[i] = 1 + rankWidth * Self.quantile(rh, 0.05, total: settings.draws)
        r50[i] = 1 + rankWidth * Self.quantile(rh, 0.5, total: settings.draws)
        r95[i] = 1 + rankWidth * Self.quantile(rh, 0.95, total: settings.draws)
      }
    }
    self.mean = mean
    self.deviation = deviation
    self.gradeShare = gradeShare
    belowThreshold = below
    p5 = q5
    p95 = q95
    rankMedian = r50
    rankP5 = r5
    rankP95 = r95
    exactRanks = exact != nil
  }

  /// What a block of draws multiplies: S, ln(S + ε) or 1/(S + ε).
  struct Operand: Sendable {
    var matrix: [Double]
    var aggregation: Aggregation
  }

  /// The rows of a column-major matrix in the given order.
  static func rows(_ m: [Double], _ order: [Int], columns: Int) -> [Double] {
    let n = order.count
    var out = [Double](repeating: 0, count: m.count)
    for j in 0..<columns {
      for (s, i) in order.enumerated() { out[j * n + s] = m[j * n + i] }
    }
    return out
  }

  /// The weight draws, draw after draw, d values each; draw k from
  /// stream k of the seed.
  static func draw(_ w0: [Double], _ settings: Settings) -> [Double] {
    let d = w0.count
    var out = [Double](repeating: 0, count: settings.draws * d)
    for k in 0..<settings.draws {
      var random = RandomStream(seed: settings.seed, stream: UInt64(k))
      switch settings.perturbation {
      case .dirichlet(let c):
        // Gᵢ / Σ G from the logarithms, less the largest: with a small
        // concentration every Gᵢ can underflow to 0, their logarithms
        // cannot, and the draw is then close to a vertex, as it should be.
        var top = -Double.infinity
        for j in 0..<d {
          out[k * d + j] = random.logGamma(shape: c * w0[j])
          top = max(top, out[k * d + j])
        }
        for j in 0..<d { out[k * d + j] = exp(out[k * d + j] - top) }
      case .uniform(let x):
        for j in 0..<d {
          out[k * d + j] = w0[j] * (1 + x * (2 * random.uniform() - 1))
        }
      }
      var total = 0.0
      for j in 0..<d { total += out[k * d + j] }
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
    /// Per alternative, its score histogram, then its rank histogram,
    /// then 32 unused counts: rows of a power-of-two length would put the
    /// same bin of every row of a tile in the same few L1 cache sets.
    let histograms: UnsafeMutableBufferPointer<UInt16>
    let rowStride: Int

    init(n: Int, grades gradeCount: Int, scoreBins: Int, rankBins: Int) {
      self.n = n
      self.scoreBins = scoreBins
      self.rankBins = rankBins
      sum = .allocate(capacity: n)
      sum.initialize(repeating: 0)
      squares = .allocate(capacity: n)
      squares.initialize(repeating: 0)
      grades = .allocate(capacity: n * gradeCount)
      grades.initialize(repeating: 0)
      below = .allocate(capacity: n)
      below.initialize(repeating: 0)
      rowStride = scoreBins + rankBins + 32
      histograms = .allocate(capacity: n * rowStride)
      histograms.initialize(repeating: 0)
    }

    deinit {
      sum.deallocate()
      squares.deallocate()
      grades.deallocate()
      below.deallocate()
      histograms.deallocate()
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
