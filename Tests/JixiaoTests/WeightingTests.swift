import Foundation
import JixiaoNumerics
import Testing

@testable import Jixiao

/// Weights, normalisation and scoring methods against the cases of
/// ../shared/REFERENCES.md (published values, and peers run by hand), and
/// the failure kinds listed there.
@Suite struct WeightingTests {
  static func table(_ rows: [[Double]], _ types: [Int8]) throws -> CriteriaTable
  {
    try CriteriaTable(
      rows: rows, types: types.map { $0 > 0 ? .benefit : .cost })
  }

  static func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
  }

  // MARK: Weights

  /// R1: Xu (2004), EJOR 156(2):530; published [0.4630, 0.3992, 0.1378,
  /// 0.0000], peer [0.462952, 0.399204, 0.137841, 0.000003].
  @Test func entropyXu2004() throws {
    let x = try Self.table(
      [
        [30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9],
        [68, 70, 60, 29],
      ],
      [1, 1, 1, 1])
    let w = try ObjectiveWeights.entropy(x).values
    #expect(
      Self.close(w, [0.462952, 0.399204, 0.137841, 0.000003], 5e-7), "\(w)")
  }

  /// R1 conventions: a zero entry under 0·ln 0 = 0 gives the peers'
  /// [0.764859, 0.144346, 0.090796]; constant columns get exactly 0; all
  /// columns constant is an error that says why (the peers return NaN).
  @Test func entropyConventions() throws {
    let zero = try ObjectiveWeights.entropy(
      Self.table([[1, 2, 3], [0, 4, 5], [2, 6, 7]], [1, 1, 1]))
    #expect(Self.close(zero.values, [0.764859, 0.144346, 0.090796], 5e-7))
    let constant = try ObjectiveWeights.entropy(
      Self.table([[1, 2, 5], [1, 4, 5], [1, 6, 5]], [1, 1, 1]))
    #expect(constant.values == [0, 1, 0])
    #expect(constant.constant == [0, 2])
    #expect(throws: WeightingError.self) {
      _ = try ObjectiveWeights.entropy(Self.table([[1, 5], [1, 5]], [1, 1]))
    }
  }

  /// R2: Tuş & Adalı (2019), Opsearch 56(2):528, published [0.157, 0.249,
  /// 0.168, 0.121, 0.154, 0.151], matched by the variant that ignores the
  /// cost type; honouring it gives the second set (peer values).
  /// CRITIC weighs the conflict (1 − r) between criteria that vary; with
  /// one varying criterion there is none, and the message says so rather
  /// than blame a correlation.
  @Test func criticWithOneVaryingCriterion() throws {
    let x = try Self.table([[1, 5, 5], [2, 5, 5], [3, 5, 5]], [1, 1, 1])
    #expect(
      throws: WeightingError.degenerate(
        "only criterion 1 varies: CRITIC weighs the conflict between criteria that vary, and there is none"
      )
    ) { _ = try ObjectiveWeights.critic(x) }
  }

  @Test func criticTusAdali2019() throws {
    let x = try Self.table(
      [
        [5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3],
        [600, 4, 3, 1, 2, 2], [800, 2, 4, 3, 3, 4],
      ], [-1, 1, 1, 1, 1, 1])
    let ignored = try ObjectiveWeights.critic(x, honouringTypes: false).values
    #expect(
      Self.close(
        ignored, [0.157003, 0.249489, 0.167675, 0.121100, 0.154099, 0.150633],
        5e-7))
    let honoured = try ObjectiveWeights.critic(x).values
    #expect(
      Self.close(
        honoured, [0.184066, 0.213029, 0.142214, 0.158301, 0.168382, 0.134008],
        5e-7))
  }

  /// A zero-variance criterion reaching CRITIC: weight 0, reported, and
  /// the others' weights as if it were not there.
  @Test func criticWithAConstantCriterion() throws {
    let base = try Self.table(
      [[5000, 3, 3], [680, 5, 3], [2000, 3, 2], [600, 4, 3], [800, 2, 4]],
      [-1, 1, 1])
    let padded = try Self.table(
      [
        [5000, 3, 7, 3], [680, 5, 7, 3], [2000, 3, 7, 2], [600, 4, 7, 3],
        [800, 2, 7, 4],
      ],
      [-1, 1, 1, 1])
    let w = try ObjectiveWeights.critic(padded)
    let v = try ObjectiveWeights.critic(base).values
    #expect(w.constant == [2])
    #expect(w.values[2] == 0)
    #expect(Self.close([w.values[0], w.values[1], w.values[3]], v, 1e-15))
  }

  /// PCA: squared loadings of the first component of the correlation
  /// matrix; numpy.linalg.eigh on the same matrix gives [0.413279,
  /// 0.290144, 0.296577] (eigenvalue 2.399259).
  @Test func pcaWeights() throws {
    let x = try Self.table(
      [[1, 2, 3], [2, 1, 5], [3, 4, 4], [4, 3, 8], [5, 6, 7]], [1, 1, 1])
    let w = try ObjectiveWeights.pca(x).values
    #expect(Self.close(w, [0.4132785, 0.29014429, 0.29657721], 1e-7), "\(w)")
  }

  /// Standard deviation weights of min-max data: hand computation.
  /// Column 1 (0, 0.5, 1) has σ = √(1/6), column 2 (0, 0, 1) has
  /// σ = √2/3: weights ∝ 0.408248 and 0.471405.
  @Test func standardDeviationWeights() throws {
    let x = try Self.table([[1, 10], [2, 10], [3, 20]], [1, -1])
    let w = try ObjectiveWeights.standardDeviation(x).values
    let a = (1.0 / 6).squareRoot()
    let b = 2.0.squareRoot() / 3
    #expect(Self.close(w, [a / (a + b), b / (a + b)], 1e-15))
  }

  /// Expert points: two experts (50/30/20, 30/30/40) pooled by the mean
  /// give 0.40, 0.30, 0.30; by the geometric mean √(0.5·0.3), √0.09,
  /// √(0.2·0.4) renormalised. A row off 100 names the expert.
  @Test func expertPoints() throws {
    let points: [[Double]] = [[50, 30, 20], [30, 30, 40]]
    let mean = try SubjectiveWeights.expertPoints(points)
    #expect(Self.close(mean.values, [0.4, 0.3, 0.3], 1e-15))
    let g = [(0.15).squareRoot(), 0.3, (0.08).squareRoot()]
    let total = g.reduce(0, +)
    let geometric = try SubjectiveWeights.expertPoints(
      points, pooling: .geometric)
    #expect(Self.close(geometric.values, g.map { $0 / total }, 1e-15))
    #expect(
      throws: WeightingError.badValue(
        "expert 2's points sum to 99; each expert shares 100 points")
    ) {
      _ = try SubjectiveWeights.expertPoints([[50, 30, 20], [30, 30, 39]])
    }
    // Points rounded to hundredths sum to 100 only within rounding: each
    // expert's are scaled to 100, so 33.33 three times is a third each.
    let thirds = try SubjectiveWeights.expertPoints([
      [33.33, 33.33, 33.33], [50, 30, 20],
    ])
    let third = 1.0 / 3
    let expected: [Double] = [
      (third + 0.5) / 2, (third + 0.3) / 2, (third + 0.2) / 2,
    ]
    #expect(Self.close(thirds.values, expected, 1e-15))
  }

  /// Combination: subjective (0.5, 0.3, 0.2) and objective (0.2, 0.2, 0.6):
  /// multiplicative 0.10, 0.06, 0.12 over 0.28; linear with α = 0.5 the
  /// means 0.35, 0.25, 0.40.
  @Test func combinedWeights() throws {
    let s = CriteriaWeights(values: [0.5, 0.3, 0.2], method: "s")
    let o = CriteriaWeights(values: [0.2, 0.2, 0.6], method: "o")
    let m = try SubjectiveWeights.combine(s, o)
    #expect(
      Self.close(m.values, [0.1 / 0.28, 0.06 / 0.28, 0.12 / 0.28], 1e-15))
    let l = try SubjectiveWeights.combine(s, o, by: .linear(alpha: 0.5))
    #expect(Self.close(l.values, [0.35, 0.25, 0.4], 1e-15))
  }

  // MARK: AHP

  /// AHP-1: principal eigenvector (0.6370, 0.2583, 0.1047), λmax 3.0385,
  /// CI 0.0193, RI 0.58, CR 0.0332; the column-average method (和积法)
  /// (0.6333, 0.2605, 0.1062).
  @Test func ahpDepartmentExample() throws {
    let a: [[Double]] = [[1, 3, 5], [1.0 / 3, 1, 3], [1.0 / 5, 1.0 / 3, 1]]
    let r = try AHP.evaluate(a)
    #expect(
      Self.close(r.weights, [0.6370, 0.2583, 0.1047], 5e-5), "\(r.weights)")
    #expect(abs(r.lambdaMax - 3.0385) < 5e-5)
    #expect(abs(r.consistencyIndex - 0.0193) < 5e-5)
    #expect(r.ri == 0.58)
    #expect(abs((r.consistencyRatio ?? 0) - 0.0332) < 5e-5)
    let c = try AHP.evaluate(a, method: .columnAverage)
    #expect(
      Self.close(c.weights, [0.6333, 0.2605, 0.1062], 5e-5), "\(c.weights)")
  }

  /// R7a: Saaty (2008), drinks consumption. Eigenvector and λmax to 1e-6;
  /// CR under the four random-index tables REFERENCES.md gives (the last
  /// three as one-value tables, RI(7) only).
  @Test func ahpSaatyDrinks() throws {
    let a: [[Double]] = [
      [1, 9, 5, 2, 1, 1, 1.0 / 2],
      [1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9],
      [1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9],
      [1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3], [1, 9, 4, 2, 1, 2, 1.0 / 2],
      [1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3], [2, 9, 9, 3, 2, 3, 1],
    ]
    let r = try AHP.evaluate(a)
    #expect(
      Self.close(
        r.weights,
        [0.177457, 0.019149, 0.041831, 0.116417, 0.189572, 0.128781, 0.326793],
        5e-7),
      "\(r.weights)")
    #expect(abs(r.lambdaMax - 7.176629) < 5e-7)
    #expect(abs(r.consistencyIndex - 0.029438) < 5e-7)
    #expect(abs((r.consistencyRatio ?? 0) - 0.022302) < 5e-7)
    for (ri, cr) in [(1.35, 0.021806), (1.3322, 0.022097), (1.2519, 0.023515)] {
      let table = AHP.RandomIndex(
        name: "RI(7) = \(ri)", values: [0, 0, 0, 0, 0, 0, ri])
      let s = try AHP.evaluate(a, randomIndex: table)
      #expect(abs((s.consistencyRatio ?? 0) - cr) < 5e-7)
    }
  }

  /// Failure kinds: non-reciprocal matrices and 0.333 for 1/3 are refused
  /// with the entries named; n ≤ 2 and n beyond the RI table have no CR
  /// and say why; pooling is element-wise geometric (√(3·5) above the
  /// diagonal for 3 and 5) and stays reciprocal.
  @Test func ahpFailureKinds() throws {
    #expect(throws: WeightingError.self) {
      _ = try AHP.evaluate([[1, 3], [0.5, 1]])
    }
    #expect(throws: WeightingError.self) {
      _ = try AHP.evaluate([[1, 3, 1], [0.333, 1, 1], [1, 1, 1]])
    }
    let two = try AHP.evaluate([[1, 4], [0.25, 1]])
    #expect(two.consistencyRatio == nil && two.note != nil)
    #expect(Self.close(two.weights, [0.8, 0.2], 1e-12))
    let n = 16
    let identity = (0..<n).map { i in (0..<n).map { _ in 1.0 } }
    let big = try AHP.evaluate(identity)
    #expect(big.consistencyRatio == nil)
    #expect(big.note?.contains("up to n = 15") == true)
    #expect(
      Self.close(big.weights, [Double](repeating: 1.0 / 16, count: 16), 1e-12))
    let pooled = try AHP.pool([
      [[1, 3], [1.0 / 3, 1]], [[1, 5], [1.0 / 5, 1]],
    ])
    #expect(abs(pooled[0][1] - 15.0.squareRoot()) < 1e-12)
    #expect(abs(pooled[0][1] * pooled[1][0] - 1) < 1e-12)
  }

  // MARK: Normalisation

  /// Each method on x = (2, 4, 6) by hand, as a benefit and as a cost.
  @Test func normalisationsByHand() throws {
    func run(_ method: Normalisation, _ type: Int8) throws -> [Double] {
      Array(
        try method.apply(Self.table([[2], [4], [6]], [type])).table.column(0))
    }
    #expect(try run(.minMax(lower: 0, upper: 100), 1) == [0, 50, 100])
    #expect(try run(.minMax(lower: 0, upper: 100), -1) == [100, 50, 0])
    let sd = (8.0 / 3).squareRoot()
    #expect(Self.close(try run(.zScore, 1), [-2 / sd, 0, 2 / sd], 1e-15))
    #expect(
      try run(.ratioToTarget(targets: [4], cap: 1.2), 1) == [0.5, 1, 1.2])
    #expect(
      try run(.ratioToTarget(targets: [4], cap: 1.2), -1) == [1.2, 1, 4.0 / 6])
    #expect(
      try run(.distanceToReference(references: [4]), 1) == [-0.5, 0, 0.5])
    #expect(
      try run(.goalposts(low: [3], high: [5], scale: 100), 1) == [0, 50, 100])
    #expect(try run(.rank, -1) == [3, 2, 1])
    #expect(try run(.percentileRank, 1) == [0, 0.5, 1])
    let norm = 56.0.squareRoot()
    #expect(
      Self.close(try run(.vector, 1), [2 / norm, 4 / norm, 6 / norm], 1e-15))
    #expect(
      Self.close(
        try run(.vector, -1), [1 - 2 / norm, 1 - 4 / norm, 1 - 6 / norm], 1e-15)
    )
    #expect(try run(.sum, 1) == [2.0 / 12, 4.0 / 12, 6.0 / 12])
    let inverse = 1.0 / 2 + 1.0 / 4 + 1.0 / 6
    #expect(
      Self.close(
        try run(.sum, -1),
        [0.5 / inverse, 0.25 / inverse, (1.0 / 6) / inverse], 1e-15))
  }

  /// All-zero columns under vector and sum are constant criteria (equal
  /// shares, listed); negative values and a cost of 0 under sum are
  /// errors.
  @Test func normalisationFailureKinds() throws {
    let zero = try Self.table([[0, 1], [0, 2]], [1, 1])
    let v = try Normalisation.vector.apply(zero)
    #expect(v.constant == [0])
    #expect(
      Array(v.table.column(0)) == [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot()])
    #expect(try Normalisation.sum.apply(zero).constant == [0])
    #expect(throws: WeightingError.self) {
      _ = try Normalisation.vector.apply(Self.table([[-1], [2]], [1]))
    }
    #expect(throws: WeightingError.self) {
      _ = try Normalisation.sum.apply(Self.table([[0], [2]], [-1]))
    }
  }

  // MARK: Scoring

  /// R5: Opricovic & Tzeng (2004), EJOR 156(2):445. Vector normalisation
  /// (the textbook) gives closeness [0.762141, 0.722178, 0.237859];
  /// min-max (pymcdm's default) [0.5, 0.617218, 0.5].
  @Test func topsisOpricovicTzeng() throws {
    let x = try Self.table([[1, 3000], [2, 3750], [5, 4500]], [-1, 1])
    let vector = try TOPSIS(x, weights: [0.5, 0.5])
    #expect(Self.close(vector.closeness, [0.762141, 0.722178, 0.237859], 5e-7))
    let minMax = try TOPSIS(x, weights: [0.5, 0.5], normalisation: .unit)
    #expect(Self.close(minMax.closeness, [0.5, 0.617218, 0.5], 5e-7))
  }

  /// VIKOR on the same case, by hand: f* = (1, 4500), f⁻ = (5, 3000);
  /// S = (0.5, 0.375, 0.5), R = (0.5, 0.25, 0.5), Q = (1, 0, 1); A2 is the
  /// compromise (advantage 1 ≥ 1/2, and best by S). A constant third
  /// criterion adds nothing and is listed.
  @Test func vikorByHand() throws {
    let x = try Self.table(
      [[1, 3000, 7], [2, 3750, 7], [5, 4500, 7]], [-1, 1, 1])
    let v = try VIKOR(x, weights: [0.5, 0.5, 0])
    #expect(Self.close(v.s, [0.5, 0.375, 0.5], 1e-15))
    #expect(Self.close(v.r, [0.5, 0.25, 0.5], 1e-15))
    #expect(Self.close(v.q, [1, 0, 1], 1e-15))
    #expect(v.compromise == [1])
    #expect(v.constant == [2])
  }

  /// A zero-range criterion in TOPSIS contributes nothing and is listed;
  /// identical alternatives are an error, not NaN.
  @Test func topsisFailureKinds() throws {
    let x = try Self.table([[1, 5], [2, 5], [3, 5]], [1, 1])
    let t = try TOPSIS(x, weights: [0.5, 0.5])
    #expect(t.constant == [1])
    #expect(Self.close(t.closeness, [0, 0.5, 1], 1e-15))
    #expect(throws: WeightingError.self) {
      _ = try TOPSIS(
        Self.table([[1, 5], [1, 5]], [1, 1]), weights: [0.5, 0.5])
    }
  }

  /// Weighted means of (0.5, 0.8) and (0, 1) with w = (0.4, 0.6): the
  /// arithmetic 0.68 and 0.6; the geometric 0.5^0.4 · 0.8^0.6; a value
  /// of 0 is an error, or with an offset of 0.01: 0.01^0.4 · 1.01^0.6 − 0.01.
  @Test func weightedMeansAndZeros() throws {
    let x = try Self.table([[0.5, 0.8], [0, 1]], [1, 1])
    let w = [0.4, 0.6]
    #expect(
      Self.close(
        try Aggregation.arithmetic.scores(x, weights: w), [0.68, 0.6], 1e-15))
    #expect(throws: WeightingError.self) {
      _ = try Aggregation.geometric(zeros: .error).scores(x, weights: w)
    }
    let g = try Aggregation.geometric(zeros: .offset(0.01)).scores(
      x, weights: w)
    #expect(abs(g[0] - (pow(0.51, 0.4) * pow(0.81, 0.6) - 0.01)) < 1e-15)
    #expect(abs(g[1] - (pow(0.01, 0.4) * pow(1.01, 0.6) - 0.01)) < 1e-15)
    let h = try Aggregation.harmonic(zeros: .error).scores(
      Self.table([[0.5, 0.8]], [1, 1]), weights: w)
    #expect(abs(h[0] - 1 / (0.4 / 0.5 + 0.6 / 0.8)) < 1e-15)
  }

  /// Fuzzy evaluation, by hand: w = (0.6, 0.4), criterion memberships
  /// (0.5, 0.3, 0.2) and (0.1, 0.6, 0.3) over 优/良/中: B = (0.34, 0.42,
  /// 0.24), grade 良 by maximum membership, points (95, 85, 70) give
  /// 0.34·95 + 0.42·85 + 0.24·70 = 84.8.
  @Test func fuzzyEvaluationByHand() throws {
    let f = try FuzzyEvaluation(
      [[[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]]], weights: [0.6, 0.4],
      gradePoints: [95, 85, 70])
    #expect(Self.close(f.membership[0], [0.34, 0.42, 0.24], 1e-15))
    #expect(f.maximumGrade == [1])
    #expect(abs((f.points?[0] ?? 0) - 84.8) < 1e-12)
    #expect(throws: WeightingError.self) {
      _ = try FuzzyEvaluation(
        [[[0.5, 0.3, 0.3], [0.1, 0.6, 0.3]]], weights: [0.6, 0.4])
    }
  }

  /// A two-level tree: output 0.6 (quantity 0.5, quality 0.5), benefit
  /// 0.4 (one leaf 1.0). Effective weights 0.3, 0.3, 0.4; leaf values 80,
  /// 100, 50 give output 90, benefit 50, root total 0.6·90 + 0.4·50 = 74.
  @Test func indicatorTree() throws {
    let tree = try IndicatorTree([
      .init(name: "output", parent: -1, weight: 0.6),
      .init(name: "benefit", parent: -1, weight: 0.4),
      .init(name: "quantity", parent: 0, weight: 0.5),
      .init(name: "quality", parent: 0, weight: 0.5),
      .init(name: "effect", parent: 1, weight: 1),
    ])
    #expect(tree.leaves == [2, 3, 4])
    #expect(Self.close(tree.effectiveWeights, [0.3, 0.3, 0.4], 1e-15))
    let s = try tree.scores(leafValues: [80, 100, 50])
    #expect(Self.close([s[0], s[1]], [90, 50], 1e-12))
    #expect(abs(0.6 * s[0] + 0.4 * s[1] - 74) < 1e-12)
    #expect(throws: WeightingError.self) {
      _ = try IndicatorTree([
        .init(name: "a", parent: -1, weight: 0.6),
        .init(name: "b", parent: -1, weight: 0.3),
      ])
    }
  }

  // MARK: Rank comparison

  /// Spearman with ties and Kendall's τ_b against scipy.stats (spearmanr
  /// 0.869657, kendalltau 0.690066 for these rankings); r_W and WS by
  /// hand from their formulas: a swap at the bottom (4 ↔ 5) gives r_W
  /// 0.95 and WS 0.971354, the same swap at the top (1 ↔ 2) 0.85 and
  /// 0.791667, so both weigh the top more.
  @Test func rankCoefficients() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let y: [Double] = [2, 1, 3.5, 3.5, 6, 5]
    #expect(
      abs(try RankCorrelation.spearman(x, y) - 0.8696565534786727) < 1e-12)
    #expect(abs(try RankCorrelation.kendall(x, y) - 0.6900655593423543) < 1e-12)
    let a: [Double] = [1, 2, 3, 4, 5]
    #expect(
      abs(try RankCorrelation.weightedSpearman(a, [1, 2, 3, 5, 4]) - 0.95)
        < 1e-12)
    #expect(
      abs(try RankCorrelation.ws(a, [1, 2, 3, 5, 4]) - 0.9713541666666666)
        < 1e-12)
    #expect(
      abs(try RankCorrelation.weightedSpearman(a, [2, 1, 3, 4, 5]) - 0.85)
        < 1e-12)
    #expect(
      abs(try RankCorrelation.ws(a, [2, 1, 3, 4, 5]) - 0.7916666666666667)
        < 1e-12)
    #expect(Ranking.positions([10, 30, 30, 20]) == [4, 1.5, 1.5, 3])
  }

  // MARK: A tester's cases

  /// Equal scores summed in different orders differ in the last digit;
  /// they are still one tie (0.13 + 0.71 + 0.29 + 0.57 in 24 orders).
  @Test func nearlyEqualScoresTie() {
    let a = 0.1 + 0.2 + 0.3
    let b = 0.3 + 0.2 + 0.1
    #expect(a != b)
    #expect(Ranking.positions([a, b, 0.9]) == [2.5, 2.5, 1])
  }

  /// Knight's O(n log n) τ_b against the pair-by-pair definition on
  /// seeded rankings with many ties.
  @Test func kendallMatchesThePairwiseDefinition() throws {
    var random = RandomStream(seed: 9)
    for _ in 0..<20 {
      let n = 2 + random.below(40)
      let x = (0..<n).map { _ in Double(random.below(6)) }
      let y = (0..<n).map { _ in Double(random.below(6)) }
      var c = 0.0
      var d = 0.0
      var tx = 0.0
      var ty = 0.0
      for i in 0..<n {
        for j in (i + 1)..<n {
          let a = x[i] - x[j]
          let b = y[i] - y[j]
          if a == 0 && b == 0 { continue }
          if a == 0 { tx += 1; continue }
          if b == 0 { ty += 1; continue }
          if (a > 0) == (b > 0) { c += 1 } else { d += 1 }
        }
      }
      let denominator = ((c + d + tx) * (c + d + ty)).squareRoot()
      guard denominator > 0 else { continue }
      #expect(
        abs(try RankCorrelation.kendall(x, y) - (c - d) / denominator) < 1e-12)
    }
  }

  /// An all-zero column is constant under entropy (weight 0); PCA with
  /// uncorrelated criteria has no unique first component; CRITIC on
  /// perfectly correlated criteria says so; RI(n) = 0 gives no CR.
  @Test func degenerateWeightsSayWhy() throws {
    let zero = try ObjectiveWeights.entropy(
      Self.table([[0, 5, 1], [0, 6, 3], [0, 9, 2]], [1, 1, 1]))
    #expect(zero.values[0] == 0 && zero.constant == [0])
    #expect(throws: WeightingError.self) {
      _ = try ObjectiveWeights.pca(
        Self.table([[1, 1], [1, 3], [3, 1], [3, 3]], [1, 1]))
    }
    do {
      _ = try ObjectiveWeights.critic(Self.table([[1, 2], [3, 5]], [1, 1]))
      Issue.record("CRITIC on perfectly correlated criteria gave weights")
    } catch {
      #expect("\(error)".contains("perfectly correlated"))
    }
    let r = try AHP.evaluate(
      [[1, 3, 5], [1.0 / 3, 1, 3], [1.0 / 5, 1.0 / 3, 1]],
      randomIndex: AHP.RandomIndex(name: "zeros", values: [0, 0, 0]))
    #expect(r.consistencyRatio == nil)
    #expect(r.note?.contains("RI(3) = 0") == true)
  }
}
