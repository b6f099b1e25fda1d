import Foundation
import JixiaoNumerics
import Testing

@testable import Jixiao

/// `DimensionSensitivity` and `jixiao sensitivity` on the union data set.
@Suite struct SensitivityTests {
  static func union() throws -> (Dataset, Evaluation) {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/union"))
    #expect(!loaded.hasErrors)
    return (loaded.dataset, try Evaluator.evaluate(loaded.dataset))
  }

  /// The composite of the dimension scores at the scheme's weights is the
  /// evaluator's score for every project analysed; without perturbation
  /// the Monte Carlo returns it with no spread.
  @Test func baseScoresAreTheEvaluatorsScores() throws {
    let (dataset, evaluation) = try Self.union()
    var settings = WeightUncertainty.Settings()
    settings.draws = 20
    settings.perturbation = .uniform(share: 0)
    let r = try DimensionSensitivity(
      dataset, evaluation, settings: settings, sobol: nil)
    #expect(r.projects.count + r.skipped == dataset.projects.count)
    for (i, p) in r.projects.enumerated() {
      #expect(abs(r.baseScore[i] - evaluation.score[p]) < 1e-6)
      #expect(abs(r.uncertainty.mean[i] - evaluation.score[p]) < 1e-6)
      #expect(r.uncertainty.deviation[i] < 1e-9)
    }
  }

  /// The grade shares follow the scheme's grades: with three grades
  /// (优 from 85, 良 from 70, 差 below) each project's shares add up to 1
  /// and the 优 share is the share of draws at or above 85.
  @Test func gradeSharesFollowTheSchemesGrades() throws {
    var (dataset, _) = try Self.union()
    dataset.scheme.grades = [
      .init(grade: .excellent, minimum: 85), .init(grade: .good, minimum: 70),
      .init(grade: .poor, minimum: 0),
    ]
    let evaluation = try Evaluator.evaluate(dataset)
    var settings = WeightUncertainty.Settings()
    settings.draws = 300
    let r = try DimensionSensitivity(
      dataset, evaluation, settings: settings, sobol: nil)
    #expect(r.grades == [.excellent, .good, .poor])
    #expect(r.uncertainty.settings.gradeMinimums == [85, 70])
    let shares = r.uncertainty.gradeShare
    #expect(shares.count == 3 * r.projects.count)
    for i in r.projects.indices {
      #expect(abs(shares[(3 * i)..<(3 * i + 3)].reduce(0, +) - 1) < 1e-12)
    }
    let table = SensitivityReport.projects(
      r, dataset, evaluation, language: .chinese)
    #expect(table.columns.map(\.name).contains("P(优)"))
    #expect(!table.columns.map(\.name).contains("P(中)"))
  }

  /// The mean score is linear in the weights before renormalisation, so
  /// its first-order indices nearly add up to 1 and each total index is
  /// close to its first-order one; the same design gives the same
  /// indices on 1 and 2 threads.
  @Test func sobolIndicesOfTheMeanScore() throws {
    let (dataset, evaluation) = try Self.union()
    var settings = WeightUncertainty.Settings()
    settings.draws = 50
    var indices: [[Double]] = []
    for threads in [1, 2] {
      let sobol = SobolSettings(sampleCount: 4096, threads: threads)
      let r = try DimensionSensitivity(
        dataset, evaluation, settings: settings, sobol: sobol)
      let mean = try #require(r.sobol.first?.indices)
      let sum = mean.firstOrder.reduce(0, +)
      #expect(abs(sum - 1) < 0.05, "\(mean.firstOrder)")
      for j in mean.total.indices {
        #expect(abs(mean.total[j] - mean.firstOrder[j]) < 0.05)
      }
      indices.append(mean.firstOrder + mean.total)
    }
    #expect(indices[0] == indices[1])
  }

  /// On the union set no project crosses 60 or the top grade's minimum
  /// under ±20 % weights (each project's P(< 60) and P(优) is 0 or 1), so
  /// those two outcomes are constant over the design: they have no
  /// indices, and the report says so in the language asked for.
  @Test func constantOutcomesAreNamed() throws {
    let (dataset, evaluation) = try Self.union()
    var settings = WeightUncertainty.Settings()
    settings.draws = 20
    let r = try DimensionSensitivity(
      dataset, evaluation, settings: settings,
      sobol: SobolSettings(sampleCount: 256))
    #expect(r.constantOutcomes == [1, 2])
    #expect(r.sobol[0].indices != nil && r.sobol[1].indices == nil)
    let zh = SensitivityReport.sobol(r, language: .chinese)
    // The design's note, then one line per constant outcome.
    #expect(zh.footnotes.count == 3)
    #expect(zh.footnotes[1].hasPrefix("低于 60 分的比例："))
  }

  /// A ratings scheme grades by the weighted mean rating, not by a 0–100
  /// composite of shares: the analysis refuses it rather than misread it.
  @Test func ratingsSchemesAreRefused() throws {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/adb"))
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    var settings = WeightUncertainty.Settings()
    settings.draws = 10
    #expect(throws: WeightingError.self) {
      try DimensionSensitivity(
        loaded.dataset, evaluation, settings: settings, sobol: nil)
    }
  }

  /// A dimension of weight 0 moves no score: it is left out, and the
  /// composite at w₀ is still the evaluator's score.
  @Test func dimensionsOfWeightZeroAreLeftOut() throws {
    var (dataset, _) = try Self.union()
    dataset.scheme.dimensions[0].weight = 0
    dataset.scheme.weightCheck = .relative
    let evaluation = try Evaluator.evaluate(dataset)
    var settings = WeightUncertainty.Settings()
    settings.draws = 10
    let r = try DimensionSensitivity(
      dataset, evaluation, settings: settings, sobol: nil)
    #expect(r.dimensions.count == 3 && r.baseWeights.count == 3)
    for (i, p) in r.projects.enumerated() {
      #expect(abs(r.baseScore[i] - evaluation.score[p]) < 1e-6)
    }
  }

  @Test func commandWritesBothTables() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try CommandLineTests.run([
      "sensitivity", Fixture.repo("datasets/union"), "--draws", "200",
      "--sobol", "256",
      "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out)
      .sorted()
    #expect(
      names == [".jixiao-output", "sensitivity.csv", "sobol_indices.csv"])
    // The file carries the design it came from.
    let indices = try String(
      contentsOfFile: out + "/sobol_indices.csv", encoding: .utf8)
    #expect(
      indices.hasPrefix(
        "outcome,dimension,first order Sᵢ,total Sᵀᵢ,design N,sampler\n"))
    #expect(indices.contains(",256,Sobol (Joe–Kuo)\n"))
    // Below 64 points the design's columns repeat each other (a tester
    // saw S = Sᵀ = 0 for a weight that matters at N = 8).
    for bad in [
      ["--draws", "0"], ["--perturbation", "normal:1"],
      ["--aggregations", "median"],
      ["--sampler", "random"], ["--sobol", "1"], ["--sobol", "8"],
      ["--sobol", "32"], ["--sobol", "96"],
    ] {
      let r = try CommandLineTests.run(
        ["sensitivity", Fixture.repo("datasets/union")] + bad)
      #expect(r.status == 64, "\(bad): \(r.stderr)")
    }
  }

  /// Blocks of 64 draws cycle through the scales: 128 draws without
  /// perturbation are one block on the shares and one on their min-max
  /// rescaling, so each mean is the average of the two composites.
  @Test func scalesAreCycledByBlock() throws {
    let (dataset, evaluation) = try Self.union()
    var settings = WeightUncertainty.Settings()
    settings.draws = 128
    settings.perturbation = .uniform(share: 0)
    let r = try DimensionSensitivity(
      dataset, evaluation, settings: settings, sobol: nil,
      scales: [.shares, .minMax])
    let d = r.baseWeights.count
    let shares = evaluation.dimensionShares
    for (i, p) in r.projects.enumerated() {
      var rescaled = 0.0
      for j in 0..<d {
        let column = r.projects.map { shares[$0, j] }
        let low = column.min() ?? 0
        let high = column.max() ?? 0
        let v = high > low ? 100 * (shares[p, j] - low) / (high - low) : 100
        rescaled += r.baseWeights[j] * v
      }
      #expect(
        abs(r.uncertainty.mean[i] - (r.baseScore[i] + rescaled) / 2) < 1e-9)
    }
  }
}

/// `jixiao sensitivity --table`: the weights Monte Carlo on a wide table.
@Suite struct TableSensitivityTests {
  static func rows(_ extra: [String]) throws -> [[String]] {
    let table = try WeightsCommandTests.sixAlternatives()
    let run = try CommandLineTests.run(
      ["sensitivity", "--table", table, "--types", "+,-,+", "--format", "csv"]
        + extra)
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").map(String.init)
    }
  }

  /// Without perturbation every draw is the given weights: the mean is the
  /// score, nothing spreads, and the rank bands are the rank. By hand
  /// (min-max, equal weights): A1 = (50/110 + 16/16 + 4/8)/3 = 0.651515,
  /// A5 = (25/110 + 1 + 1)/3 = 0.742424, the best.
  @Test func noPerturbationIsTheScore() throws {
    let rows = try Self.rows(["--perturbation", "uniform:0", "--draws", "100"])
    #expect(rows.count == 6)
    for row in rows {
      let v = row.dropFirst().compactMap(Double.init)
      // score, rank, mean, SD, P5, P95, rank median, P5, P95
      #expect(abs(v[0] - v[2]) < 1e-12 && v[3] < 1e-12, "\(row)")
      #expect(abs(v[4] - v[0]) < 1e-12 && abs(v[5] - v[0]) < 1e-12)
      #expect(v[6] == v[1] && v[7] == v[1] && v[8] == v[1], "\(row)")
    }
    #expect(abs((Double(rows[0][1]) ?? 0) - 0.651515) < 5e-7)
    #expect(rows[4][2] == "1")
  }

  /// The means over the draws against the same draws kept in full:
  /// arithmetic means are linear, so the mean score is S·w̄.
  @Test func meanIsTheScoreAtTheMeanWeights() throws {
    let rows = try Self.rows(["--draws", "500", "--seed", "7"])
    var settings = WeightUncertainty.Settings()
    settings.draws = 500
    settings.seed = 7
    let w = WeightUncertainty.draw([1.0 / 3, 1.0 / 3, 1.0 / 3], settings)
    var mean = [0.0, 0, 0]
    for k in 0..<500 { for j in 0..<3 { mean[j] += w[k * 3 + j] / 500 } }
    // A1's min-max values: 50/110, 1 (cost 16 is the lowest), 0.5.
    let expected = mean[0] * 50 / 110 + mean[1] + mean[2] * 0.5
    #expect(abs((Double(rows[0][3]) ?? 0) - expected) < 1e-9)
  }

  @Test func optionsOfTheOtherMode() throws {
    let table = try WeightsCommandTests.sixAlternatives()
    for bad in [
      ["sensitivity", "--table", table, "--sobol", "64"],
      ["sensitivity", Fixture.repo("datasets/union"), "--weights", "1,1,1,1"],
      ["sensitivity", Fixture.repo("datasets/union"), "--table", table],
      ["sensitivity", "--table", table, "--normalise", "target"],
    ] {
      let run = try CommandLineTests.run(bad)
      #expect(run.status == 64, "\(bad): \(run.stderr)")
    }
    // A geometric mean of min-max values meets the 0 of the worst.
    let zero = try CommandLineTests.run([
      "sensitivity", "--table", table, "--aggregations", "geometric",
    ])
    #expect(zero.status == 1 && zero.stderr.contains("needs values above 0"))
  }

  /// A criterion of weight 0 (entropy gives a constant column 0) is left
  /// out of Dirichlet draws, which need every weight above 0, and named.
  @Test func zeroWeightIsLeftOut() throws {
    let table = Fixture.temporaryFolder() + "/const.csv"
    try "id,a,b,c\nx1,1,5,3\nx2,2,5,1\nx3,3,5,2\nx4,4,5,7\n".write(
      toFile: table, atomically: true, encoding: .utf8)
    let run = try CommandLineTests.run([
      "sensitivity", "--table", table, "--weight-method", "entropy",
      "--perturbation", "dirichlet:20", "--draws", "200",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout.contains("Left out of the draws, as their weight is 0: b."))
  }

  /// 64 draws over 3 normalisations × 3 aggregations: blocks of 7, so
  /// every choice gets draws (8, then 7 each), and without perturbation
  /// the scores still spread, as the choices differ; the settings go to
  /// a file of their own.
  @Test func fewDrawsReachEveryChoice() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try CommandLineTests.run([
      "sensitivity", "--table",
      Fixture.repo("datasets/weights/tus-adali-2019.csv"), "--perturbation",
      "uniform:0", "--draws", "64", "--normalise", "min-max,rank,vector",
      "--aggregations", "arithmetic,geometric,harmonic", "--zero-offset",
      "0.01", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("warning: the normalisations"))
    let settings = try String(
      contentsOfFile: out + "/table_sensitivity_settings.csv", encoding: .utf8)
    #expect(settings.contains("draws per choice,\"8, 7, 7, 7, 7, 7, 7, 7, 7\""))
    let rows = try String(
      contentsOfFile: out + "/table_sensitivity.csv", encoding: .utf8
    ).split(separator: "\n").dropFirst()
    // Every alternative's SD (column 5) is above 0.
    #expect(
      rows.allSatisfy { (Double($0.split(separator: ",")[4]) ?? 0) > 0 })
  }
}
