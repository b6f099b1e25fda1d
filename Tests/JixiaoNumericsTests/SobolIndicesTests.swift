import Testing

@testable import JixiaoNumerics

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct SobolIndicesTests {
  /// The Ishigami function (Ishigami and Homma 1990) with a = 7, b = 0.1
  /// on [−π, π]³, its inputs mapped from the unit cube.
  static let ishigami: @Sendable ([Double]) -> Double = { u in
    let x = u.map { -Double.pi + 2 * Double.pi * $0 }
    let s2 = sin(x[1])
    return sin(x[0]) + 7 * s2 * s2 + 0.1 * pow(x[2], 4) * sin(x[0])
  }

  /// Its analytic indices (Sobol' and Levitan 1999; Saltelli et al. 2008,
  /// "Global Sensitivity Analysis: The Primer", §4.2):
  /// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V₁ = (1 + bπ⁴/5)²/2, V₂ = a²/8,
  /// V₁₃ = b²π⁸(1/18 − 1/50), giving S = (0.3139, 0.4424, 0) and
  /// Sᵀ = (0.5576, 0.4424, 0.2437).
  static let ishigamiExact: (first: [Double], total: [Double]) = {
    let (a, b, pi4) = (7.0, 0.1, pow(Double.pi, 4))
    let v1 = 0.5 * pow(1 + b * pi4 / 5, 2)
    let v2 = a * a / 8
    let v13 = b * b * pi4 * pi4 * (1.0 / 18 - 1.0 / 50)
    let v = v1 + v2 + v13
    return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v])
  }()

  @Test func ishigamiAnalyticValuesAreThePublishedOnes() {
    let (first, total) = Self.ishigamiExact
    let published = [0.3139, 0.4424, 0, 0.5576, 0.4424, 0.2437]
    for (value, expected) in zip(first + total, published) {
      #expect(abs(value - expected) < 5e-5)
    }
  }

  /// N = 2¹⁴ Sobol points (2¹⁴ × 5 evaluations): every index within
  /// 0.003 of the analytic value (measured: largest error 0.0014, S₁).
  @Test func ishigamiIndices() throws {
    let settings = SobolSettings(sampleCount: 1 << 14, threads: 2)
    let analysis = try SobolAnalysis(
      inputCount: 3, settings: settings, function: Self.ishigami)
    let indices = try analysis.indices()
    let (first, total) = Self.ishigamiExact
    for i in 0..<3 {
      #expect(abs(indices.firstOrder[i] - first[i]) < 0.003)
      #expect(abs(indices.total[i] - total[i]) < 0.003)
    }
    #expect(analysis.evaluationCount == 5 << 14)
    // The mean is 3.5 (a/2) and V as above, 13.8446.
    #expect(abs(indices.mean - 3.5) < 0.01)
    #expect(abs(indices.variance - 13.8446) < 0.05)
  }

  /// The Sobol g-function (Saltelli and Sobol' 1995),
  /// g = Πᵢ (|4xᵢ − 2| + aᵢ)/(1 + aᵢ), with a = (0, 1, 4.5, 9, 99, 99, 99,
  /// 99). Analytic: Vᵢ = 1/(3(1 + aᵢ)²), V = Π(1 + Vᵢ) − 1, Sᵢ = Vᵢ/V,
  /// Sᵀᵢ = Vᵢ Πⱼ≠ᵢ (1 + Vⱼ)/V.
  static let gCoefficients: [Double] = [0, 1, 4.5, 9, 99, 99, 99, 99]

  static func gExact() -> (first: [Double], total: [Double]) {
    let parts = gCoefficients.map { 1 / (3 * (1 + $0) * (1 + $0)) }
    let product = parts.reduce(1) { $0 * (1 + $1) }
    let v = product - 1
    return (parts.map { $0 / v }, parts.map { $0 * product / (1 + $0) / v })
  }

  /// The g-function as a batch evaluator, with a second output that is the
  /// same function plus 1,000: indices are shift-invariant, and the
  /// centred estimator keeps them so to rounding.
  @Test func gFunctionIndicesForTwoOutputs() throws {
    let a = Self.gCoefficients
    let settings = SobolSettings(sampleCount: 1 << 14, blockSize: 1_000)
    let analysis = try SobolAnalysis(
      inputCount: 8, outputCount: 2, settings: settings
    ) { points in
      var out = Matrix(rows: points.rows, columns: 2)
      for row in 0..<points.rows {
        var g = 1.0
        for i in 0..<8 {
          g *= (abs(4 * points[row, i] - 2) + a[i]) / (1 + a[i])
        }
        out[row, 0] = g
        out[row, 1] = g + 1_000
      }
      return out
    }
    let (first, total) = Self.gExact()
    // Analytic S₁ = 0.7162, S₂ = 0.1790, Sᵀ₁ = 0.7871 (for the record).
    #expect(abs(first[0] - 0.7162) < 1e-4 && abs(total[0] - 0.7871) < 1e-4)
    let plain = try analysis.indices(output: 0)
    let shifted = try analysis.indices(output: 1)
    for i in 0..<8 {
      #expect(abs(plain.firstOrder[i] - first[i]) < 0.005)
      #expect(abs(plain.total[i] - total[i]) < 0.005)
      #expect(abs(shifted.firstOrder[i] - plain.firstOrder[i]) < 1e-9)
      #expect(abs(shifted.total[i] - plain.total[i]) < 1e-9)
    }
    #expect(analysis.constantOutputs.isEmpty)
  }

  /// At the same N = 2¹², the Sobol design's largest error on Ishigami is
  /// smaller than plain random sampling's for each of five seeds
  /// (measured: 0.0004 against 0.019 to 0.035).
  @Test func sobolSamplingConvergesFasterThanRandom() throws {
    let (first, total) = Self.ishigamiExact
    func largestError(_ sampler: SobolSampler) throws -> Double {
      let settings = SobolSettings(sampleCount: 1 << 12, sampler: sampler)
      let indices = try SobolAnalysis(
        inputCount: 3, settings: settings, function: Self.ishigami
      ).indices()
      let estimates = indices.firstOrder + indices.total
      return zip(estimates, first + total).map { abs($0 - $1) }.max() ?? 0
    }
    let sobol = try largestError(.sobol)
    #expect(sobol < 0.002)
    for seed: UInt64 in 1...5 {
      #expect(sobol < (try largestError(.random(seed: seed))))
    }
  }

  /// Results do not depend on the block size or the thread count, with
  /// either sampler: blocks are drawn by position and summed in order.
  @Test(arguments: [SobolSampler.sobol, .random(seed: 9)])
  func resultsIndependentOfBlocksAndThreads(sampler: SobolSampler) throws {
    func run(_ blockSize: Int, _ threads: Int) throws -> SobolIndices {
      let settings = SobolSettings(
        sampleCount: 3_000, sampler: sampler, blockSize: blockSize,
        threads: threads, bootstrapResamples: 20)
      return try SobolAnalysis(
        inputCount: 3, settings: settings, function: Self.ishigami
      ).indices()
    }
    let reference = try run(3_000, 1)
    for (blockSize, threads) in [(512, 1), (100, 3), (7, 4)] {
      let other = try run(blockSize, threads)
      // Block sums are added in block order, so a different block size may
      // round differently: equal to 1e-12, and exactly so across threads.
      for i in 0..<3 {
        #expect(abs(other.firstOrder[i] - reference.firstOrder[i]) < 1e-12)
        #expect(abs(other.total[i] - reference.total[i]) < 1e-12)
      }
    }
    #expect(try run(100, 1) == run(100, 4))
  }

  /// Bootstrap percentile intervals (seeded): they hold the estimate, are
  /// reproducible, and narrow as N grows.
  @Test func bootstrapIntervals() throws {
    func run(_ n: Int) throws -> SobolIndices {
      let settings = SobolSettings(
        sampleCount: n, sampler: .random(seed: 4), threads: 2,
        bootstrapResamples: 200, bootstrapSeed: 11)
      return try SobolAnalysis(
        inputCount: 3, settings: settings, function: Self.ishigami
      ).indices()
    }
    let small = try run(1_024)
    let large = try run(8_192)
    #expect(try run(1_024) == small)
    for i in 0..<3 {
      let firstInterval = try #require(large.firstOrderIntervals?[i])
      let totalInterval = try #require(large.totalIntervals?[i])
      #expect(firstInterval.contains(large.firstOrder[i]))
      #expect(totalInterval.contains(large.total[i]))
      let smallWidth = try #require(small.totalIntervals?[i]).width
      #expect(totalInterval.width < smallWidth)
    }
    let none = try SobolAnalysis(
      inputCount: 3, settings: SobolSettings(sampleCount: 64),
      function: Self.ishigami
    ).indices()
    #expect(none.firstOrderIntervals == nil)
  }

  /// With random sampling the 95 % intervals should cover the analytic
  /// Ishigami values about 95 % of the time: over 30 seeded designs of
  /// N = 1,024 (180 intervals) at least 85 % must (a binomial count below
  /// 153 of 180 has probability under 10⁻⁴ at a true 95 %). Measured:
  /// 171 of 180.
  @Test func bootstrapIntervalsCoverTheAnalyticValues() throws {
    let (first, total) = Self.ishigamiExact
    var covered = 0
    for seed: UInt64 in 1...30 {
      let settings = SobolSettings(
        sampleCount: 1_024, sampler: .random(seed: seed), threads: 2,
        bootstrapResamples: 200, bootstrapSeed: seed)
      let indices = try SobolAnalysis(
        inputCount: 3, settings: settings, function: Self.ishigami
      ).indices()
      let intervals =
        try #require(indices.firstOrderIntervals)
        + #require(indices.totalIntervals)
      for (interval, exact) in zip(intervals, first + total)
      where interval.contains(exact) {
        covered += 1
      }
    }
    #expect(covered >= 153)
  }

  /// A constant output has variance 0: an error that says so, not NaN.
  @Test func constantOutputIsAnError() throws {
    #expect(throws: SensitivityError.zeroVariance(output: 0)) {
      try SobolAnalysis(
        inputCount: 2, settings: SobolSettings(sampleCount: 256)
      ) { _ in 42 }
    }
    let analysis = try SobolAnalysis(
      inputCount: 2, outputCount: 2, settings: SobolSettings(sampleCount: 256)
    ) { points in
      var out = Matrix(rows: points.rows, columns: 2)
      for row in 0..<points.rows {
        out[row, 0] = points[row, 0]
        out[row, 1] = 0.3
      }
      return out
    }
    #expect(analysis.constantOutputs == [1])
    #expect(throws: SensitivityError.zeroVariance(output: 1)) {
      try analysis.indices(output: 1)
    }
    let first = try analysis.indices(output: 0)
    #expect(abs(first.firstOrder[0] - 1) < 0.01)
    #expect(abs(first.total[1]) < 1e-12)
    let message = SensitivityError.zeroVariance(output: 1).description
    #expect(message.contains("variance 0"))
  }

  /// One input: it explains everything, S₁ = Sᵀ₁ = 1 (to sampling error).
  @Test func oneInput() throws {
    let indices = try SobolAnalysis(
      inputCount: 1, settings: SobolSettings(sampleCount: 4_096)
    ) { x in x[0] * x[0] }.indices()
    #expect(abs(indices.firstOrder[0] - 1) < 0.01)
    #expect(abs(indices.total[0] - 1) < 0.01)
  }

  /// A non-finite output names the output, sample and matrix: 1/x is
  /// infinite at the Sobol sequence's point 0, the first row of A.
  @Test func nonFiniteOutputIsAnError() {
    #expect(
      throws: SensitivityError.nonFiniteOutput(
        output: 0, sample: 0, matrix: .a)
    ) {
      try SobolAnalysis(
        inputCount: 2, settings: SobolSettings(sampleCount: 64)
      ) { x in 1 / x[0] }
    }
    let message = SensitivityError.nonFiniteOutput(
      output: 2, sample: 5, matrix: .mixed(input: 1)
    ).description
    #expect(message.contains("A_B^(1)") && message.contains("sample 5"))
  }
}

extension ClosedRange<Double> {
  fileprivate var width: Double { upperBound - lowerBound }
}
