import Foundation
import JixiaoNumerics
import Testing

@testable import Jixiao

/// The Monte Carlo over weights against a brute-force computation that
/// keeps every score of every draw (the same draws), and its degenerate
/// and reproducibility cases.
@Suite struct WeightUncertaintyTests {
  /// 60 alternatives × 4 criteria, seeded scores from 40 to 100.
  static func scores(_ n: Int = 60, seed: UInt64 = 3) -> Matrix {
    var random = RandomStream(seed: seed)
    var m = Matrix(rows: n, columns: 4)
    for j in 0..<4 { for i in 0..<n { m[i, j] = 40 + 60 * random.uniform() } }
    return m
  }

  static let w0 = [0.1, 0.5, 0.3, 0.1]

  @Test func matchesBruteForce() throws {
    var settings = WeightUncertainty.Settings()
    settings.draws = 3000
    settings.block = 512
    settings.perturbation = .dirichlet(concentration: 20)
    try Self.checkAgainstBruteForce(Self.scores(), settings)
  }

  /// More draws than an epoch (4,000 here: 40 blocks of 100), a last
  /// block cut short, three grades at 85 and 70 and a threshold (65)
  /// that is not a grade minimum.
  @Test func matchesBruteForceOverEpochsAndOtherGrades() throws {
    var settings = WeightUncertainty.Settings()
    settings.draws = 5050
    settings.block = 100
    settings.gradeMinimums = [85, 70]
    settings.threshold = 65
    settings.perturbation = .uniform(share: 0.4)
    try Self.checkAgainstBruteForce(Self.scores(45, seed: 8), settings)
  }

  /// The rank bands read from histograms, as for large analyses.
  @Test func matchesBruteForceWithHistogramRanks() throws {
    var settings = WeightUncertainty.Settings()
    settings.draws = 3000
    settings.block = 512
    settings.perturbation = .dirichlet(concentration: 20)
    settings.exactRanksUpTo = 0
    try Self.checkAgainstBruteForce(Self.scores(), settings)
  }

  /// Every statistic against the same draws' scores kept in full.
  static func checkAgainstBruteForce(
    _ s: Matrix, _ settings: WeightUncertainty.Settings
  ) throws {
    let r = try WeightUncertainty(
      scores: [s], weights: Self.w0, settings: settings)
    let w = WeightUncertainty.draw(Self.w0, settings)
    let n = s.rows
    let draws = Double(settings.draws)
    var all = [[Double]](repeating: [], count: n)
    var ranks = [[Double]](repeating: [], count: n)
    for k in 0..<settings.draws {
      let x = (0..<n).map { i in
        (0..<4).reduce(0.0) { $0 + s[i, $1] * w[k * 4 + $1] }
      }
      let position = Ranking.positions(x)
      for i in 0..<n {
        all[i].append(x[i])
        ranks[i].append(position[i])
      }
    }
    let minimums = settings.gradeMinimums
    let grades = minimums.count + 1
    #expect(r.gradeShare.count == n * grades)
    for i in 0..<n {
      let mean = all[i].reduce(0, +) / draws
      #expect(abs(r.mean[i] - mean) < 1e-9)
      let sd =
        (all[i].reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        / (draws - 1)).squareRoot()
      #expect(abs(r.deviation[i] - sd) < 1e-7)
      let sorted = all[i].sorted()
      let low = (0..<4).map { s[i, $0] }.min() ?? 0
      let high = (0..<4).map { s[i, $0] }.max() ?? 0
      let bin = (high - low) / Double(settings.scoreBins)
      let q5 = QuantileDefinition.standard.quantile(sorted, 0.05)
      let q95 = QuantileDefinition.standard.quantile(sorted, 0.95)
      #expect(abs(r.p5[i] - q5) <= bin + 1e-9, "p5 \(r.p5[i]) vs \(q5)")
      #expect(abs(r.p95[i] - q95) <= bin + 1e-9)
      let below = Double(all[i].count { $0 < settings.threshold }) / draws
      #expect(r.belowThreshold[i] == below)
      // Grade g holds the scores from its minimum up to the minimum of
      // the grade above.
      for g in 0..<grades {
        let floor = g < minimums.count ? minimums[g] : -Double.infinity
        let ceiling = g > 0 ? minimums[g - 1] : Double.infinity
        let share =
          Double(all[i].count { $0 >= floor && $0 < ceiling }) / draws
        #expect(r.gradeShare[i * grades + g] == share, "grade \(g) of \(i)")
      }
      let sortedRanks = ranks[i].sorted()
      // Exact where every rank is kept; from histograms, within a bin of
      // ranks and the ties of a score bin (a 2,048-bin histogram per draw).
      let exactRanks = n * settings.draws <= settings.exactRanksUpTo
      let rankTolerance =
        exactRanks ? 1e-9 : Double(n - 1) / Double(settings.rankBins) + 1.5
      for (q, value) in [
        (0.05, r.rankP5[i]), (0.5, r.rankMedian[i]), (0.95, r.rankP95[i]),
      ] {
        let exact = QuantileDefinition.standard.quantile(sortedRanks, q)
        #expect(
          abs(value - exact) <= rankTolerance,
          "rank q\(q) \(value) vs \(exact)")
      }
    }
  }

  /// The rank quantiles, counted or (for ranks spread wider than four
  /// times their number) sorted, are type-7 quantiles.
  @Test(arguments: [(500, 300), (20, 100_000), (1, 7), (2, 2)])
  func rankQuantilesAreType7(count: Int, spread: Int) {
    var random = RandomStream(seed: UInt64(count + spread))
    var values = (0..<count).map { _ in
      UInt32(2 + Int(random.uniform() * Double(spread)))
    }
    let expected = [0.05, 0.5, 0.95].map {
      QuantileDefinition.standard.quantile(values.map(Double.init).sorted(), $0)
    }
    let got = values.withUnsafeMutableBufferPointer {
      WeightUncertainty.rankQuantiles($0)
    }
    #expect(
      zip(got, expected).allSatisfy { abs($0 - $1) < 1e-12 },
      "\(got) \(expected)")
  }

  @Test func gradeMinimumsMustFall() {
    var settings = WeightUncertainty.Settings()
    settings.draws = 10
    for bad in [[80.0, 90, 60], [90, 90], [95, 90, 80, 60], [90, .nan]] {
      settings.gradeMinimums = bad
      #expect(throws: WeightingError.self) {
        try WeightUncertainty(
          scores: [Self.scores(5)], weights: Self.w0, settings: settings)
      }
    }
  }

  /// Without perturbation every draw is w₀: the mean is S·w₀ and nothing
  /// spreads; the geometric mean through ln S is the weighted geometric
  /// mean of `Aggregation`.
  @Test func noPerturbation() throws {
    let s = Self.scores(20)
    var settings = WeightUncertainty.Settings()
    settings.draws = 50
    settings.perturbation = .uniform(share: 0)
    settings.aggregations = [.geometric(zeros: .error)]
    let r = try WeightUncertainty(
      scores: [s], weights: Self.w0, settings: settings)
    let table = CriteriaTable(
      rows: 20, columns: 4, values: s.storage,
      types: [CriterionType](repeating: .benefit, count: 4))
    let g = try Aggregation.geometric(zeros: .error).scores(
      table, weights: Self.w0)
    for i in 0..<20 {
      #expect(abs(r.mean[i] - g[i]) < 1e-9)
      #expect(r.deviation[i] < 1e-9)
      // A score that never moves has no band: the histogram's reading is
      // bounded by the smallest and largest score seen.
      #expect(r.p5[i] == r.p95[i] && abs(r.p5[i] - g[i]) < 1e-9)
    }
  }

  /// A project at 100 in every criterion scores 100 only to rounding (the
  /// drawn weights sum to 1 to within an ulp or so); it must still reach
  /// a cut-off of 100 in every draw.
  @Test func scoresOnACutOffCountAsReachingIt() throws {
    var s = Self.scores(10)
    for j in 0..<4 { s[3, j] = 100 }
    var settings = WeightUncertainty.Settings()
    settings.draws = 500
    settings.gradeMinimums = [100, 80, 60]
    settings.threshold = 100
    let r = try WeightUncertainty(
      scores: [s], weights: Self.w0, settings: settings)
    #expect(r.belowThreshold[3] == 0)
    #expect(r.gradeShare[3 * 4] == 1)
    #expect(r.p5[3] == 100 || abs(r.p5[3] - 100) < 1e-9)
  }

  /// Ties at the top of the range (projects at 100 in every criterion, a
  /// cap) get a bin of their own in each draw's histogram, so their rank
  /// is their exact middle rank, and a project just below them ranks
  /// after all of them: 135 at 100 rank (1 + 135)/2 = 68, one at 99.96
  /// ranks 136, within a rank bin (499/256) and half a rank.
  @Test func tiesAtTheTopKeepTheirRank() throws {
    var s = Self.scores(500, seed: 11)
    for i in 0..<500 {
      for j in 0..<4 {
        // The last at 0 widens the range to 0 … 100, so a bin of the
        // 2,046 between the ends is 0.049 wide and 99.96 would share the
        // top one with the 100s.
        s[i, j] =
          i < 135 ? 100 : i == 135 ? 99.96 : i == 499 ? 0 : min(s[i, j], 95)
      }
    }
    var settings = WeightUncertainty.Settings()
    settings.draws = 200
    // Exact ranks: 68 and 136 in every band.
    let exact = try WeightUncertainty(
      scores: [s], weights: Self.w0, settings: settings)
    for i in [0, 67, 134] {
      #expect(
        [exact.rankP5[i], exact.rankMedian[i], exact.rankP95[i]] == [
          68, 68, 68,
        ])
    }
    #expect(exact.rankMedian[135] == 136 && exact.rankP95[135] == 136)
    // From histograms: the capped ones still exactly (their rank is the
    // same in every draw), the next within a rank bin (499/256) and half
    // a rank.
    settings.exactRanksUpTo = 0
    let r = try WeightUncertainty(
      scores: [s], weights: Self.w0, settings: settings)
    let tolerance = 499.0 / 256 + 0.5
    for i in [0, 67, 134] {
      #expect([r.rankP5[i], r.rankMedian[i], r.rankP95[i]] == [68, 68, 68])
    }
    #expect(abs(r.rankMedian[135] - 136) <= tolerance, "\(r.rankMedian[135])")
  }

  /// As the concentration falls to 0, Dirichlet(c·w₀) puts its mass on
  /// the vertices, vertex j with probability w₀ⱼ. The gamma variates
  /// underflow to 0 long before (c·w₀ⱼ = 10⁻¹⁰ here); the draws, taken
  /// through their logarithms, must still be finite vertices in those
  /// proportions: 20,000 draws put each share within 0.015 of w₀ⱼ
  /// (standard errors below 0.0036).
  @Test func tinyDirichletConcentrationDrawsVertices() {
    var settings = WeightUncertainty.Settings()
    settings.draws = 20_000
    settings.perturbation = .dirichlet(concentration: 1e-9)
    let w = WeightUncertainty.draw(Self.w0, settings)
    var vertex = [Int](repeating: 0, count: 4)
    for k in 0..<settings.draws {
      let draw = w[(k * 4)..<(k * 4 + 4)]
      #expect(draw.allSatisfy { $0.isFinite })
      #expect(abs(draw.reduce(0, +) - 1) < 1e-12)
      if let top = draw.indices.max(by: { draw[$0] < draw[$1] }),
        draw[top] > 1 - 1e-6
      {
        vertex[top - k * 4] += 1
      }
    }
    #expect(vertex.reduce(0, +) == settings.draws)
    for j in 0..<4 {
      #expect(abs(Double(vertex[j]) / 20_000 - Self.w0[j]) < 0.015, "\(vertex)")
    }
  }

  /// With exact ranks (the default here) and with histogram ranks.
  @Test(arguments: [WeightUncertainty.exactRankLimit, 0])
  func sameNumbersOnAnyThreadCount(exactRanksUpTo: Int) throws {
    let s = Self.scores(700)
    var settings = WeightUncertainty.Settings()
    settings.draws = 600
    settings.block = 128
    settings.aggregations = [.arithmetic, .harmonic(zeros: .error)]
    settings.exactRanksUpTo = exactRanksUpTo
    let one = try WeightUncertainty(
      scores: [s], weights: Self.w0, settings: settings)
    settings.threads = 3
    let three = try WeightUncertainty(
      scores: [s], weights: Self.w0, settings: settings)
    #expect(one.mean == three.mean && one.p5 == three.p5)
    #expect(
      one.rankMedian == three.rankMedian && one.gradeShare == three.gradeShare)
    #expect(one.rankP5 == three.rankP5 && one.rankP95 == three.rankP95)
  }

  /// Dirichlet(c·w₀) draws have mean w₀ and variance w₀(1 − w₀)/(c + 1):
  /// 20,000 draws with c = 20 put the means within 0.002 (standard errors
  /// below 0.0008).
  @Test func dirichletDrawsHaveMeanW0() {
    var settings = WeightUncertainty.Settings()
    settings.draws = 20_000
    settings.perturbation = .dirichlet(concentration: 20)
    let w = WeightUncertainty.draw(Self.w0, settings)
    for j in 0..<4 {
      let values = (0..<settings.draws).map { w[$0 * 4 + j] }
      let mean = values.reduce(0, +) / Double(settings.draws)
      let variance =
        values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        / Double(settings.draws)
      #expect(abs(mean - Self.w0[j]) < 0.002)
      let expected = Self.w0[j] * (1 - Self.w0[j]) / 21
      #expect(abs(variance - expected) < 0.1 * expected)
    }
  }

  @Test func badSettingsAreErrors() {
    let s = Self.scores(5)
    var settings = WeightUncertainty.Settings()
    settings.draws = 70_000
    #expect(throws: WeightingError.self) {
      _ = try WeightUncertainty(
        scores: [s], weights: Self.w0, settings: settings)
    }
    settings.draws = 10
    settings.perturbation = .dirichlet(concentration: 10)
    #expect(throws: WeightingError.self) {
      _ = try WeightUncertainty(
        scores: [s], weights: [0, 0.5, 0.5, 0], settings: settings)
    }
  }
}
