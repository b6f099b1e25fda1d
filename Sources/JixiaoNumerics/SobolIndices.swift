/// Errors of variance-based sensitivity analysis.
public enum SensitivityError: Error, Sendable, Equatable,
  CustomStringConvertible
{
  /// An output took one value over the whole design, so its variance is 0
  /// and its indices (shares of that variance) are undefined.
  case zeroVariance(output: Int)
  /// The function gave a value that is not a finite number.
  case nonFiniteOutput(output: Int, sample: Int, matrix: SobolDesignMatrix)

  public var description: String {
    switch self {
    case .zeroVariance(let output):
      "output \(output) has the same value at every point of the design "
        + "(variance 0), so its Sobol indices are undefined; an output that "
        + "no input moves has no sensitivity to share out"
    case .nonFiniteOutput(let output, let sample, let matrix):
      "output \(output) is not a finite number at sample \(sample) of "
        + "matrix \(matrix); the function must give finite values over "
        + "the whole unit cube"
    }
  }
}

/// One of the matrices of the Saltelli design.
public enum SobolDesignMatrix: Sendable, Equatable, CustomStringConvertible {
  case a
  case b
  /// A with column `input` taken from B: A_B^(i).
  case mixed(input: Int)

  public var description: String {
    switch self {
    case .a: "A"
    case .b: "B"
    case .mixed(let input): "A_B^(\(input))"
    }
  }
}

/// How the points of the Saltelli design are drawn.
public enum SobolSampler: Sendable, Equatable {
  /// The Sobol sequence in 2k dimensions: the first k coordinates of
  /// point j are row j of A, the last k row j of B (Saltelli 2002, 2010).
  /// No seed: the design is fixed.
  case sobol
  /// Plain Monte Carlo: row j of A and then of B are uniform draws from
  /// `RandomStream(seed: seed, stream: j)`, so they do not depend on the
  /// block size or the thread count.
  case random(seed: UInt64)
}

/// Settings of a Sobol sensitivity analysis, with their defaults.
public struct SobolSettings: Sendable, Equatable {
  /// N, the rows of A and B: the function is evaluated N(k + 2) times.
  /// With the Sobol sampler a power of two keeps the design balanced.
  public var sampleCount: Int
  public var sampler: SobolSampler
  /// Rows of A (and B, and each A_B^(i)) handed to one call of the
  /// function. The results do not depend on it.
  public var blockSize: Int
  /// Blocks evaluated at once; the results do not depend on it.
  public var threads: Int
  /// Bootstrap resamples of the N rows for confidence intervals; 0 for
  /// none. Resampling keeps every evaluation, N(k + 2) values per output.
  public var bootstrapResamples: Int
  /// Seeds the bootstrap: resample r draws its rows from
  /// `RandomStream(seed: bootstrapSeed, stream: r)`.
  public var bootstrapSeed: UInt64
  /// The coverage of the bootstrap percentile intervals.
  public var confidenceLevel: Double

  public init(
    sampleCount: Int = 4_096, sampler: SobolSampler = .sobol,
    blockSize: Int = 512, threads: Int = 1, bootstrapResamples: Int = 0,
    bootstrapSeed: UInt64 = 1, confidenceLevel: Double = 0.95
  ) {
    self.sampleCount = sampleCount
    self.sampler = sampler
    self.blockSize = blockSize
    self.threads = threads
    self.bootstrapResamples = bootstrapResamples
    self.bootstrapSeed = bootstrapSeed
    self.confidenceLevel = confidenceLevel
  }
}

/// The Sobol indices of one output: first-order Sᵢ and total Sᵀᵢ, one per
/// input.
public struct SobolIndices: Sendable, Equatable {
  /// Sᵢ = V[E(Y | Xᵢ)] / V(Y): the share of the variance Xᵢ explains alone.
  public let firstOrder: [Double]
  /// Sᵀᵢ = E[V(Y | X₋ᵢ)] / V(Y): the share Xᵢ has a part in, alone or with
  /// others; 1 − Sᵀᵢ is what remains when Xᵢ is fixed.
  public let total: [Double]
  /// The sample mean of the output over A and B.
  public let mean: Double
  /// V(Y), estimated over the 2N outputs of A and B.
  public let variance: Double
  /// Bootstrap percentile intervals for `firstOrder`, if asked for.
  public let firstOrderIntervals: [ClosedRange<Double>]?
  /// Bootstrap percentile intervals for `total`, if asked for.
  public let totalIntervals: [ClosedRange<Double>]?
}

/// Variance-based sensitivity analysis: the Sobol indices of a function on
/// the unit cube [0, 1]ᵏ by the design and estimators of Saltelli et al.
/// (2010).
///
/// The design: two N × k matrices A and B of independent points, and for
/// each input i the matrix A_B^(i), A with column i from B. The function is
/// evaluated on all k + 2, N(k + 2) points. With f_A, f_B and f_ABᵢ the
/// outputs at row j,
///
///     V    = variance of the 2N values f_A, f_B (divisor 2N)
///     Vᵢ   = (1/N) Σⱼ (f_B − f̄)(f_ABᵢ − f_A)      Saltelli et al. 2010,
///                                                   Table 2 (b)
///     Vᵀᵢ  = (1/2N) Σⱼ (f_A − f_ABᵢ)²              Jansen 1999
///     Sᵢ = Vᵢ / V,    Sᵀᵢ = Vᵀᵢ / V
///
/// f̄ is the sample mean of f_A and f_B. Saltelli's estimator is written
/// with f_B; centring it changes nothing in expectation, because
/// E[f_ABᵢ − f_A] = 0, and removes a term of variance f̄² V[f_ABᵢ − f_A]
/// that would otherwise swamp the estimate of an output far from 0.
///
/// Inputs are uniform on [0, 1]; the caller maps them to its own
/// distributions (for example by the inverse CDF), inside `evaluate`.
/// Several outputs may come from one evaluation (say one score per item),
/// each getting its own indices from the same design.
///
///     let analysis = try SobolAnalysis(
///       inputCount: 2, settings: SobolSettings(sampleCount: 1_024)
///     ) { x in x[0] + 2 * x[1] }
///     try analysis.indices().firstOrder  // ≈ [0.2, 0.8]
///
/// Properties not to assume: the estimates are not bounded to [0, 1] (a
/// small or negative Sᵢ of a non-influential input is sampling noise, and
/// so is Sᵀᵢ < Sᵢ); Σ Sᵢ = 1 only for additive functions; N must be large
/// enough for the interval widths to be small, which the bootstrap shows.
///
/// Results depend only on the function and the settings' sample count,
/// sampler and bootstrap seed; not on block size or thread count (blocks
/// are summed in order).
///
/// - Complexity: N(k + 2) evaluations; O(N k m) further work for m
///   outputs, and O(R N k m) for R bootstrap resamples, which also keep
///   N(k + 2) m values in memory.
public struct SobolAnalysis: Sendable {
  public let settings: SobolSettings
  /// k, the inputs.
  public let inputCount: Int
  /// The outputs of each evaluation.
  public let outputCount: Int
  /// N(k + 2).
  public var evaluationCount: Int { settings.sampleCount * (inputCount + 2) }

  private let results: [Result<SobolIndices, SensitivityError>]

  /// The indices of one output.
  ///
  /// - Throws: `SensitivityError.zeroVariance` if that output is constant.
  public func indices(output: Int = 0) throws(SensitivityError)
    -> SobolIndices
  {
    precondition((0..<outputCount).contains(output), "no such output")
    return try results[output].get()
  }

  /// The outputs that are constant over the design, which have no indices.
  public var constantOutputs: [Int] {
    results.indices.filter {
      if case .failure = results[$0] { return true } else { return false }
    }
  }

  /// Runs the design on a function of one point with one output.
  ///
  /// - Throws: `SensitivityError` for a non-finite output, and
  ///   `.zeroVariance` at once for a constant one.
  public init(
    inputCount: Int, settings: SobolSettings = SobolSettings(),
    function: @escaping @Sendable ([Double]) -> Double
  ) throws(SensitivityError) {
    try self.init(
      inputCount: inputCount, outputCount: 1, settings: settings
    ) { points in
      var outputs = Matrix(rows: points.rows, columns: 1)
      var x = [Double](repeating: 0, count: points.columns)
      for row in 0..<points.rows {
        for i in 0..<points.columns { x[i] = points[row, i] }
        outputs[row, 0] = function(x)
      }
      return outputs
    }
    _ = try indices()
  }

  /// Runs the design on a batch evaluator.
  ///
  /// - Parameters:
  ///   - inputCount: k ≥ 1; at most 2,048 with the Sobol sampler (its
  ///     2k dimensions).
  ///
  ///   - outputCount: m ≥ 1, the columns `evaluate` returns.
  ///
  ///   - settings: sample count, sampler, blocks, threads, bootstrap.
  ///
  ///   - evaluate: maps an n × k matrix of points in [0, 1)ᵏ, one per row,
  ///     to the n × m matrix of their outputs. Called from several threads
  ///     at once when `settings.threads` > 1.
  ///
  /// - Throws: `SensitivityError.nonFiniteOutput` for a value that is not
  ///   finite (the first in sample order). A constant output throws only
  ///   when its `indices(output:)` are asked for.
  public init(
    inputCount: Int, outputCount: Int,
    settings: SobolSettings = SobolSettings(),
    evaluate: @escaping @Sendable (Matrix) -> Matrix
  ) throws(SensitivityError) {
    let k = inputCount
    let n = settings.sampleCount
    precondition(k >= 1 && outputCount >= 1, "k and m must be at least 1")
    precondition(n >= 2, "the design needs at least 2 samples")
    precondition(settings.blockSize >= 1, "the block size must be positive")
    precondition(
      settings.sampler != .sobol || 2 * k <= SobolSequence.maximumDimension,
      "the Sobol sampler covers at most \(SobolSequence.maximumDimension / 2)"
        + " inputs")
    precondition(settings.bootstrapResamples >= 0, "resamples must be ≥ 0")
    precondition(
      settings.confidenceLevel > 0 && settings.confidenceLevel < 1,
      "the confidence level lies strictly between 0 and 1")
    self.settings = settings
    self.inputCount = k
    self.outputCount = outputCount
    let design = SaltelliDesign(
      inputCount: k, outputCount: outputCount, settings: settings,
      evaluate: evaluate)
    self.results = try design.run()
  }
}

/// The blocks of one run: drawing, evaluating and summing.
private struct SaltelliDesign: Sendable {
  let inputCount: Int
  let outputCount: Int
  let settings: SobolSettings
  let evaluate: @Sendable (Matrix) -> Matrix

  /// Sums over a block's rows, per output o (and input i at o·k + i), of
  /// y = f − c for the shift c: Σ y_A + y_B, Σ y_A² + y_B², Σ d,
  /// Σ y_B d and Σ d² for d = f_ABᵢ − f_A.
  struct Sums: Sendable {
    var y: [Double]
    var ySquared: [Double]
    var d: [Double]
    var bd: [Double]
    var dSquared: [Double]

    init(outputs m: Int, inputs k: Int) {
      y = [Double](repeating: 0, count: m)
      ySquared = y
      d = [Double](repeating: 0, count: m * k)
      bd = d
      dSquared = d
    }

    mutating func add(_ other: Sums) {
      for o in y.indices {
        y[o] += other.y[o]
        ySquared[o] += other.ySquared[o]
      }
      for p in d.indices {
        d[p] += other.d[p]
        bd[p] += other.bd[p]
        dSquared[p] += other.dSquared[p]
      }
    }
  }

  /// Every y_A, y_B and d, kept for the bootstrap: output o's y_A at
  /// o·N + j, its d for input i at (o·k + i)·N + j.
  final class Kept: @unchecked Sendable {
    let yA: UnsafeMutableBufferPointer<Double>
    let yB: UnsafeMutableBufferPointer<Double>
    let d: UnsafeMutableBufferPointer<Double>

    init(samples n: Int, outputs m: Int, inputs k: Int) {
      yA = .allocate(capacity: n * m)
      yB = .allocate(capacity: n * m)
      d = .allocate(capacity: n * m * k)
      yA.initialize(repeating: 0)
      yB.initialize(repeating: 0)
      d.initialize(repeating: 0)
    }

    deinit {
      yA.deallocate()
      yB.deallocate()
      d.deallocate()
    }
  }

  func run() throws(SensitivityError) -> [Result<
    SobolIndices, SensitivityError
  >] {
    let n = settings.sampleCount
    let blockCount = (n + settings.blockSize - 1) / settings.blockSize
    let kept =
      settings.bootstrapResamples > 0
      ? Kept(samples: n, outputs: outputCount, inputs: inputCount) : nil

    // The shift c is the first row's f_A, so a constant output gives y = 0
    // exactly (variance exactly 0), and y stays on the scale of the spread
    // so the sums of squares do not cancel. Block 0 sets it; the others
    // then run in any order.
    let first = block(0, shift: nil, kept: kept)
    let shift = first.shift
    var total: Sums
    switch first.sums {
    case .success(let sums): total = sums
    case .failure(let error): throw error
    }
    let slots = Slots<Result<Sums, SensitivityError>>(count: blockCount)
    parallelFor(blockCount - 1, threads: settings.threads) { b in
      slots[b + 1] = block(b + 1, shift: shift, kept: kept).sums
    }
    for b in 1..<max(1, blockCount) {
      switch slots[b] {
      case .success(let sums): total.add(sums)
      case .failure(let error): throw error
      case nil: preconditionFailure("block \(b) was not evaluated")
      }
    }

    let intervals = kept.map { bootstrap($0) }
    return (0..<outputCount).map { o in
      indices(o, total, shift: shift[o], intervals: intervals)
    }
  }

  /// Sᵢ and Sᵀᵢ of output o from the design's sums.
  private func indices(
    _ o: Int, _ sums: Sums, shift: Double,
    intervals: (first: [ClosedRange<Double>], total: [ClosedRange<Double>])?
  ) -> Result<SobolIndices, SensitivityError> {
    let k = inputCount
    let count = Double(settings.sampleCount)
    guard
      let (first, total, mean, variance) = Self.estimate(
        count: count, y: sums.y[o], ySquared: sums.ySquared[o],
        d: sums.d[(o * k)..<(o * k + k)], bd: sums.bd[(o * k)..<(o * k + k)],
        dSquared: sums.dSquared[(o * k)..<(o * k + k)])
    else { return .failure(.zeroVariance(output: o)) }
    return .success(
      SobolIndices(
        firstOrder: first, total: total, mean: shift + mean,
        variance: variance,
        firstOrderIntervals: intervals.map {
          Array($0.first[(o * k)..<(o * k + k)])
        },
        totalIntervals: intervals.map { Array($0.total[(o * k)..<(o * k + k)]) }
      ))
  }

  /// The estimators of the type's documentation, from sums over N rows;
  /// nil when the variance is 0.
  static func estimate(
    count: Double, y: Double, ySquared: Double, d: ArraySlice<Double>,
    bd: ArraySlice<Double>, dSquared: ArraySlice<Double>
  ) -> (first: [Double], total: [Double], mean: Double, variance: Double)? {
    let mean = y / (2 * count)
    let variance = ySquared / (2 * count) - mean * mean
    guard variance > 0 else { return nil }
    // Σ (y_B − ȳ) d = Σ y_B d − ȳ Σ d: f_B centred on the sample mean.
    let first = zip(bd, d).map { ($0 - mean * $1) / count / variance }
    let total = dSquared.map { $0 / (2 * count) / variance }
    return (first, total, mean, variance)
  }

  /// Draws, evaluates and sums block b; with no shift given, takes it from
  /// the block's first f_A.
  private func block(_ b: Int, shift given: [Double]?, kept: Kept?)
    -> (sums: Result<Sums, SensitivityError>, shift: [Double])
  {
    let k = inputCount
    let m = outputCount
    let start = b * settings.blockSize
    let rows = min(settings.blockSize, settings.sampleCount - start)
    var a = Matrix(rows: rows, columns: k)
    var bMatrix = Matrix(rows: rows, columns: k)
    draw(start: start, a: &a, b: &bMatrix)

    let fA = evaluate(a)
    let fB = evaluate(bMatrix)
    let shift = given ?? (0..<m).map { fA[0, $0] }
    var sums = Sums(outputs: m, inputs: k)
    if let error = check(fA, .a, start) ?? check(fB, .b, start) {
      return (.failure(error), shift)
    }
    for o in 0..<m {
      let c = shift[o]
      for t in 0..<rows {
        let ya = fA[t, o] - c
        let yb = fB[t, o] - c
        sums.y[o] += ya + yb
        sums.ySquared[o] += ya * ya + yb * yb
        if let kept {
          kept.yA[o * settings.sampleCount + start + t] = ya
          kept.yB[o * settings.sampleCount + start + t] = yb
        }
      }
    }
    for i in 0..<k {
      // A_B^(i): A with its column i (contiguous, column-major) from B.
      var mixed = a
      let column = (i * rows)..<((i + 1) * rows)
      mixed.storage.replaceSubrange(column, with: bMatrix.storage[column])
      let fMixed = evaluate(mixed)
      if let error = check(fMixed, .mixed(input: i), start) {
        return (.failure(error), shift)
      }
      for o in 0..<m {
        let c = shift[o]
        var sd = 0.0
        var sbd = 0.0
        var sdd = 0.0
        for t in 0..<rows {
          let d = fMixed[t, o] - fA[t, o]
          sd += d
          sbd += (fB[t, o] - c) * d
          sdd += d * d
          kept?.d[(o * k + i) * settings.sampleCount + start + t] = d
        }
        sums.d[o * k + i] = sd
        sums.bd[o * k + i] = sbd
        sums.dSquared[o * k + i] = sdd
      }
    }
    return (.success(sums), shift)
  }

  /// Rows start ..< start + rows of A and B from the sampler.
  private func draw(start: Int, a: inout Matrix, b: inout Matrix) {
    let k = inputCount
    var point = [Double](repeating: 0, count: 2 * k)
    var sobol: SobolSequence? = nil
    if settings.sampler == .sobol {
      sobol = SobolSequence(dimension: 2 * k)
      sobol?.skip(to: start)
    }
    for t in 0..<a.rows {
      switch settings.sampler {
      case .sobol:
        sobol?.next(into: &point)
      case .random(let seed):
        var random = RandomStream(seed: seed, stream: UInt64(start + t))
        for i in 0..<(2 * k) { point[i] = random.uniform() }
      }
      for i in 0..<k {
        a[t, i] = point[i]
        b[t, i] = point[k + i]
      }
    }
  }

  /// The first non-finite output of a block, in row order.
  private func check(_ f: Matrix, _ matrix: SobolDesignMatrix, _ start: Int)
    -> SensitivityError?
  {
    precondition(
      f.columns == outputCount,
      "the evaluator must return one column per output")
    let rows = f.rows
    for t in 0..<rows {
      for o in 0..<outputCount where !f[t, o].isFinite {
        return .nonFiniteOutput(output: o, sample: start + t, matrix: matrix)
      }
    }
    return nil
  }

  // A known limit: the bootstrap treats the N rows as independent, which Sobol
  // points are not, so with the Sobol sampler its intervals are far wider
  // than the true error (0.06 wide against an error of 0.0002 for
  // Ishigami's S₁ at N = 4,096). They are a safe bound, not a measure.
  // Replicated randomised QMC (Owen scrambling, or random digital shifts
  // of the sequence) would give honest intervals for the Sobol design and
  // is the step to take when intervals there matter.

  /// Percentile intervals over R resamples of the N rows, for every
  /// output and input (at o·k + i). A resample in which an output happens
  /// to be constant gives no value for it.
  private func bootstrap(_ kept: Kept)
    -> (first: [ClosedRange<Double>], total: [ClosedRange<Double>])
  {
    let n = settings.sampleCount
    let k = inputCount
    let m = outputCount
    let resamples = settings.bootstrapResamples
    let width = m * k
    let firstDraws = Slots<[Double]>(count: resamples)
    let totalDraws = Slots<[Double]>(count: resamples)
    parallelFor(resamples, threads: settings.threads) { r in
      var random = RandomStream(seed: settings.bootstrapSeed, stream: UInt64(r))
      let rows = (0..<n).map { _ in random.below(n) }
      var first = [Double](repeating: .nan, count: width)
      var total = first
      for o in 0..<m {
        var y = 0.0
        var ySquared = 0.0
        for j in rows {
          let ya = kept.yA[o * n + j]
          let yb = kept.yB[o * n + j]
          y += ya + yb
          ySquared += ya * ya + yb * yb
        }
        var d = [Double](repeating: 0, count: k)
        var bd = d
        var dSquared = d
        for i in 0..<k {
          let base = (o * k + i) * n
          for j in rows {
            let value = kept.d[base + j]
            d[i] += value
            bd[i] += kept.yB[o * n + j] * value
            dSquared[i] += value * value
          }
        }
        guard
          let estimate = Self.estimate(
            count: Double(n), y: y, ySquared: ySquared, d: d[...], bd: bd[...],
            dSquared: dSquared[...])
        else { continue }
        for i in 0..<k {
          first[o * k + i] = estimate.first[i]
          total[o * k + i] = estimate.total[i]
        }
      }
      firstDraws[r] = first
      totalDraws[r] = total
    }
    let alpha = 1 - settings.confidenceLevel
    func interval(_ draws: Slots<[Double]>, _ p: Int) -> ClosedRange<Double> {
      var values: [Double] = []
      for r in 0..<resamples {
        if let value = draws[r]?[p], !value.isNaN { values.append(value) }
      }
      // Every resample constant: nothing is known of the index.
      guard !values.isEmpty else { return -Double.infinity...Double.infinity }
      values.sort()
      let q = QuantileDefinition.standard
      return q.quantile(values, alpha / 2)...q.quantile(values, 1 - alpha / 2)
    }
    return (
      (0..<width).map { interval(firstDraws, $0) },
      (0..<width).map { interval(totalDraws, $0) }
    )
  }
}

/// Slots filled by concurrent workers, one each, read after they finish.
final class Slots<Value>: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<Value?>
  let count: Int

  init(count: Int) {
    self.count = max(0, count)
    storage = .allocate(capacity: max(1, count))
    storage.initialize(repeating: nil, count: max(1, count))
  }

  deinit {
    storage.deinitialize(count: max(1, count))
    storage.deallocate()
  }

  subscript(index: Int) -> Value? {
    get { storage[index] }
    set { storage[index] = newValue }
  }
}
