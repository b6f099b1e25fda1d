import Testing

@testable import JixiaoNumerics

@Suite struct QuantileTests {
  static let sample = [2.5, 7.1, 3.3, 9.8, 1.2, 4.4, 6.0].sorted()

  /// Reference: NumPy 2.4.6 `quantile(x, p, method=…)`, whose nine methods
  /// are Hyndman & Fan's types 1–9 (inverted_cdf … normal_unbiased), run by
  /// hand on this sample.
  @Test(arguments: [
    (0.1, [1.2, 1.2, 1.2, 1.2, 1.46, 1.2, 1.98, 1.286666666667, 1.33]),
    (0.25, [2.5, 2.5, 2.5, 2.175, 2.7, 2.5, 2.9, 2.633333333333, 2.65]),
    (0.8, [7.1, 7.1, 7.1, 6.66, 7.37, 8.18, 6.88, 7.64, 7.5725]),
  ])
  func allNineTypesMatchNumPy(p: Double, expected: [Double]) {
    for (index, type) in QuantileDefinition.allCases.enumerated() {
      let value = type.quantile(Self.sample, p)
      #expect(abs(value - expected[index]) < 1e-9, "type \(type.rawValue)")
    }
  }

  /// Hyndman & Fan on 1 … 10 at p = 0.1, worked by hand from their table:
  /// type 1 x₁; 2 (x₁ + x₂)/2; 3 x₁; 4 x₁; 5 1.5; 6 1.1; 7 1.9; 8 1 + 11/30;
  /// 9 1.4.
  @Test func oneToTenByHand() {
    let x = (1...10).map(Double.init)
    let expected = [1, 1.5, 1, 1, 1.5, 1.1, 1.9, 1 + 11.0 / 30, 1.4]
    for (index, type) in QuantileDefinition.allCases.enumerated() {
      #expect(abs(type.quantile(x, 0.1) - expected[index]) < 1e-12)
    }
    #expect(QuantileDefinition.type7.quantile(x, 0) == 1)
    #expect(QuantileDefinition.type7.quantile(x, 1) == 10)
    #expect(QuantileDefinition.type1.quantile([4], 0.3) == 4)
  }

  @Test func summaries() {
    let x = [1.0, 2, 3, 4, 100]
    x.withUnsafeBufferPointer { x in
      #expect(Summary.median(x) == 3)
      // Deviations 2, 1, 0, 1, 97 → median 1.
      #expect(Summary.medianAbsoluteDeviation(x) == 1)
      // 20 % off each end of five values: one each, mean of 2, 3, 4.
      #expect(Summary.trimmedMean(x, cut: 0.2) == 3)
      #expect(Summary.mean(x) == 22)
    }
    let even = [1.0, 2, 3, 4]
    even.withUnsafeBufferPointer { #expect(Summary.median($0) == 2.5) }
  }
}

@Suite struct OutlierRuleTests {
  /// Tukey's fences on 1 … 8, 100: Q1 = 3, Q3 = 7 (type 7), IQR 4, fences
  /// [−3, 13]; 100 is outside.
  @Test func tukeyFences() throws {
    let x = [1.0, 2, 3, 4, 5, 6, 7, 8, 100]
    let fences = try x.withUnsafeBufferPointer {
      try OutlierRule.tukey.fences($0, definition: .type7).get()
    }
    #expect(fences == -3...13)
  }

  /// The modified z of Iglewicz & Hoaglin: on 1 … 8, 100 the median is 5
  /// and the MAD 2, so the fences are 5 ± 3.5 · 1.4826 · 2 = 5 ± 10.378.
  @Test func robustZFences() throws {
    let x = [1.0, 2, 3, 4, 5, 6, 7, 8, 100]
    let fences = try x.withUnsafeBufferPointer {
      try OutlierRule.iglewiczHoaglin.fences($0, definition: .type7).get()
    }
    #expect(
      abs(fences.lowerBound - (5 - 3.5 * Summary.normalScale * 2)) < 1e-12)
    #expect(
      abs(fences.upperBound - (5 + 3.5 * Summary.normalScale * 2)) < 1e-12)
  }

  @Test func degenerateSamplesAreNotJudged() {
    let few = [1.0, 2, 3]
    let flat = [5.0, 5, 5, 5, 9]
    #expect(
      few.withUnsafeBufferPointer {
        OutlierRule.tukey.fences($0, definition: .type7)
      }
        == .failure(.init(reason: .tooFew(3))))
    #expect(
      flat.withUnsafeBufferPointer {
        OutlierRule.iglewiczHoaglin.fences($0, definition: .type7)
      } == .failure(.init(reason: .noSpread)))
    // Q1 = Q3 = 5: Tukey's fences would be [5, 5] and screen the 9.
    #expect(
      flat.withUnsafeBufferPointer {
        OutlierRule.tukey.fences($0, definition: .type7)
      } == .failure(.init(reason: .noSpread)))
  }
}

@Suite struct LeastSquaresTests {
  static let x = [10.0, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
  static let anscombeI = [
    8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68,
  ]
  static let anscombeIII = [
    7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73,
  ]

  static func design(_ x: [Double]) -> Matrix {
    var m = Matrix(rows: x.count, columns: 2)
    for i in x.indices {
      m[i, 0] = 1
      m[i, 1] = x[i]
    }
    return m
  }

  /// Anscombe (1973), "Graphs in statistical analysis", The American
  /// Statistician 27(1):17–21, data set I: published y = 3.00 + 0.500 x,
  /// R² 0.67; to more digits (NumPy polyfit by hand) 3.0000909091,
  /// 0.5000909091, R² 0.6665424595, residual standard error 1.2366033227.
  @Test func anscombeQuartet() throws {
    let fit = try LeastSquares.fit(Self.design(Self.x), Self.anscombeI)
    #expect(abs(fit.coefficients[0] - 3.000090909090908) < 1e-9)
    #expect(abs(fit.coefficients[1] - 0.5000909090909094) < 1e-9)
    #expect(abs(fit.rSquared - 0.666542459508775) < 1e-9)
    #expect(abs(fit.sigma - 1.236603322726321) < 1e-9)
    #expect(fit.degreesOfFreedom == 9)
  }

  /// The prediction interval at x = 10 by the textbook formula
  /// ŷ ± t₀.₉₇₅,₉ · σ · √(1 + 1/n + (x₀ − x̄)²/Sxx), computed by hand with
  /// NumPy and SciPy: 8.001, [5.0670715002, 10.9349284998].
  @Test func predictionBoundsMatchTheTextbookFormula() throws {
    let fit = try LeastSquares.fit(Self.design(Self.x), Self.anscombeI)
    let bounds = fit.prediction(at: [1, 10])
    #expect(abs(bounds.value - 8.001) < 1e-9)
    #expect(abs(bounds.low - 5.067071500237064) < 1e-8)
    #expect(abs(bounds.high - 10.93492849976294) < 1e-8)
  }

  /// Normal equations by hand: points (0, 1), (1, 3), (2, 3) with weights
  /// 1, 2, 1. Σw = 4, Σwx = 4, Σwx² = 6, Σwy = 10, Σwxy = 12, so
  /// [4 4; 4 6] β = [10; 12] gives β = (1.5, 1).
  @Test func weightedFitSolvesTheNormalEquations() throws {
    let fit = try LeastSquares.fit(
      Self.design([0, 1, 2]), [1, 3, 3], weights: [1, 2, 1])
    #expect(abs(fit.coefficients[0] - 1.5) < 1e-12)
    #expect(abs(fit.coefficients[1] - 1) < 1e-12)
    // (XᵀWX)⁻¹ = [6 −4; −4 4] / 8.
    #expect(abs(fit.unscaledCovariance[0, 0] - 0.75) < 1e-12)
    #expect(abs(fit.unscaledCovariance[0, 1] + 0.5) < 1e-12)
  }

  @Test func dependentColumnsAreReported() {
    #expect(throws: NumericsError.rankDeficient(rank: 1, columns: 2)) {
      try LeastSquares.fit(Self.design([3, 3, 3, 3]), [1, 2, 3, 4])
    }
    #expect(throws: NumericsError.tooFewObservations(2, needed: 3)) {
      try LeastSquares.fit(Self.design([1, 2]), [1, 2])
    }
  }

  /// Anscombe III has one gross outlier (x = 13). Reference: statsmodels
  /// RLM with HuberT(1.345) and its MAD scale, run by hand:
  /// 4.0034613429 + 0.3457262270 x.
  @Test func huberResistsTheOutlier() throws {
    let robust = try LeastSquares.huber(Self.design(Self.x), Self.anscombeIII)
    #expect(robust.converged)
    #expect(abs(robust.fit.coefficients[0] - 4.003461342879614) < 1e-6)
    #expect(abs(robust.fit.coefficients[1] - 0.34572622696957) < 1e-6)
    #expect(robust.fit.weights[2] < 0.01)
  }
}

@Suite struct StudentTTests {
  /// Reference: SciPy 1.17.1 `stats.t.ppf`, run by hand.
  @Test(arguments: [
    (0.975, 1.0, 12.706204736174694), (0.975, 9, 2.262157162798205),
    (0.95, 5, 2.0150483733330233), (0.975, 30, 2.0422724563012378),
    (0.995, 2, 9.924843200918287), (0.9, 3.5, 1.5765766051364052),
  ])
  func quantilesMatchSciPy(p: Double, nu: Double, expected: Double) {
    let t = StudentT.quantile(p, degreesOfFreedom: nu)
    #expect(abs(t - expected) < 1e-9 * max(1, expected))
    #expect(
      abs(StudentT.quantile(1 - p, degreesOfFreedom: nu) + expected) < 1e-8)
    #expect(abs(StudentT.cdf(expected, degreesOfFreedom: nu) - p) < 1e-12)
  }
}

@Suite struct GroupedSamplesTests {
  @Test func groupsAreSortedWithTheirRows() {
    let values = [5.0, 1, 4, 2, 3, 2]
    let groups: [Int32] = [1, 0, 1, -1, 0, 0]
    for threads in [1, 3] {
      let samples = GroupedSamples(
        values: values, groups: groups, groupCount: 3, threads: threads)
      #expect(samples.start == [0, 3, 5, 5])
      #expect(samples.values == [1, 2, 3, 4, 5])
      #expect(samples.rows == [1, 5, 4, 2, 0])
      #expect(samples.count(2) == 0)
      #expect(samples.withGroup(1) { Array($0) } == [4, 5])
    }
  }
}
