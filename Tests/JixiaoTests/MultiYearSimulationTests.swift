import Foundation
import Testing

@testable import Jixiao

/// The multi-year Monte Carlo: closed forms when the response model has
/// no noise (every run the same), and reproducibility by seed and for any
/// thread count.
@Suite struct MultiYearSimulationTests {
  static func quiet(years: Int = 3, runs: Int = 4) -> MultiYearSettings {
    var settings = MultiYearSettings()
    settings.years = years
    settings.runs = runs
    settings.response.noise = 0
    settings.response.elasticitySpread = 0
    return settings
  }

  /// SimulationTests' five projects (优 100, 良 200, 中 300, 差 400, one
  /// outside the tree 50) under the default grade rules with no noise:
  /// 优 grows by 10 % a year (100 → 110 → 121 → 133.1) and its score by
  /// 1.1^0.2 (capped at 100), 良 keeps 200, 中 loses 10 % a year
  /// (300 → 270 → 243 → 218.7) while its score s·0.9^(0.2k) stays 中,
  /// 差 and the excluded project get 0 from year 1.
  @Test func noNoiseFollowsTheClosedForm() throws {
    let (dataset, evaluation) = try SimulationTests.graded()
    let s = evaluation.score
    let r = MultiYearSimulation(
      dataset, evaluation, scenario: Scenario(), settings: Self.quiet())
    let budgets: [[Double]] = [
      [110, 200, 270], [121, 200, 243], [133.1, 200, 218.7],
    ]
    for k in 0..<3 {
      let b = budgets[k]
      let total = b.reduce(0, +)
      let year = r.years[k]
      #expect(abs(year.budget.mean - total) < 1e-9)
      #expect(year.budget.p5 == year.budget.p95)
      let e = min(100, s[0] * pow(1.1, 0.2 * Double(k + 1)))
      let f = s[2] * pow(0.9, 0.2 * Double(k + 1))
      #expect(f >= 60 && f < 80, "the 中 project stays 中")
      let performance = (e * b[0] + s[1] * b[1] + f * b[2]) / total
      let band = try #require(year.performance)
      #expect(abs(band.mean - performance) < 1e-9)
      #expect(band.deviation == 0)
      #expect(abs(year.value.mean - performance * total / 100) < 1e-9)
      // 差 ended; the excluded project is not counted.
      #expect(year.exited.mean == 1)
    }
    #expect(r.exitedShare == [0, 0, 0, 1, 0])
    #expect(r.cutShare == [0, 0, 1, 0, 0])
    #expect(abs(r.lastBudget[2] - 218.7) < 1e-9)
    #expect(r.lastScore[3] == nil)
  }

  /// The rectification cycle year after year, no noise: 中 (300) is told
  /// to rectify (300), then cut 10 % (270), then cancelled; 差 (400)
  /// rectifies (400) and is cancelled at its second 差.
  @Test func rectificationOverTheYears() throws {
    let (dataset, evaluation) = try SimulationTests.graded()
    var scenario = Scenario()
    scenario.rules.rectification = .init()
    let r = MultiYearSimulation(
      dataset, evaluation, scenario: scenario, settings: Self.quiet())
    // Year 1: 110 + 200 + 300 + 400; year 2: 121 + 200 + 270 + 0;
    // year 3: 133.1 + 200 + 0 + 0.
    #expect(abs(r.years[0].budget.mean - 1010) < 1e-9)
    #expect(abs(r.years[1].budget.mean - 591) < 1e-9)
    #expect(abs(r.years[2].budget.mean - 333.1) < 1e-9)
    #expect(r.years.map(\.exited.mean) == [0, 1, 2])
    #expect(r.years.map(\.rectifying.mean) == [2, 1, 0])
    #expect(r.exitedShare == [0, 0, 1, 1, 0])
    #expect(r.cutShare == [0, 0, 1, 0, 0])
  }

  static func generated() throws -> (Dataset, Evaluation) {
    let folder = Fixture.temporaryFolder() + "/set"
    _ = try SyntheticGenerator.generate(
      SyntheticSettings(projects: 400, seed: 5), into: folder)
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors)
    return (loaded.dataset, try Evaluator.evaluate(loaded.dataset))
  }

  static func fingerprint(_ r: MultiYearSimulation) -> [Double] {
    var all: [Double] = []
    for y in r.years {
      for band in [y.budget, y.performance, y.value, y.exited, y.rectifying] {
        guard let band else { all.append(-1); continue }
        all += [band.mean, band.deviation, band.p5, band.median, band.p95]
      }
      all += y.gini.map { $0 ?? -1 }
    }
    return all + r.exitedShare + r.lastBudget + r.lastScore.map { $0 ?? -1 }
      + r.cutShare
  }

  /// 30 runs (four blocks, the last short) with noise: the same seed
  /// gives the same numbers, bit for bit, on 1, 2 and 3 threads; another
  /// seed gives others.
  @Test func sameSeedSameNumbersOnAnyThreadCount() throws {
    let (dataset, evaluation) = try Self.generated()
    let (scenario, _) = try Scenario.load(
      from: Fixture.repo("datasets/scenarios/rectification-neutral.json"))
    var settings = MultiYearSettings()
    settings.runs = 30
    var prints: [[Double]] = []
    for threads in [1, 2, 3] {
      settings.threads = threads
      prints.append(
        Self.fingerprint(
          MultiYearSimulation(
            dataset, evaluation, scenario: scenario, settings: settings)))
    }
    #expect(prints[0] == prints[1])
    #expect(prints[0] == prints[2])
    #expect(prints[0].allSatisfy { $0.isFinite })
    settings.seed = 2
    let other = Self.fingerprint(
      MultiYearSimulation(
        dataset, evaluation, scenario: scenario, settings: settings))
    #expect(other != prints[0])
    // With noise the runs differ: the performance band has width.
    let r = MultiYearSimulation(
      dataset, evaluation, scenario: scenario, settings: settings)
    let band = try #require(r.years[0].performance)
    #expect(band.p95 > band.p5)
    #expect(r.levels.count > 0)
  }

  /// A budget-neutral scenario keeps the total in every year of every
  /// run, whatever the grades the noise brings.
  @Test func budgetNeutralKeepsTheTotalEveryYear() throws {
    let (dataset, evaluation) = try Self.generated()
    let (scenario, _) = try Scenario.load(
      from: Fixture.repo("datasets/scenarios/budget-neutral.json"))
    var settings = MultiYearSettings()
    settings.runs = 16
    let r = MultiYearSimulation(
      dataset, evaluation, scenario: scenario, settings: settings)
    // Everything freed goes to 优 projects (no cap): the total holds.
    for y in r.years {
      #expect(abs(y.budget.p5 - r.start.budget) < 1e-6 * r.start.budget)
      #expect(abs(y.budget.p95 - r.start.budget) < 1e-6 * r.start.budget)
    }
  }

  /// A scenario that cancels everything funds nothing: performance is
  /// absent, not 0, and every scored project has exited by year 1.
  @Test func nothingFundedHasNoPerformance() throws {
    let (dataset, evaluation) = try SimulationTests.graded()
    var scenario = Scenario()
    scenario.byGrade = [
      .excellent: .cancel, .good: .cancel, .fair: .cancel, .poor: .cancel,
    ]
    let r = MultiYearSimulation(
      dataset, evaluation, scenario: scenario, settings: Self.quiet(years: 2))
    #expect(r.years.allSatisfy { $0.performance == nil })
    #expect(r.years.map(\.exited.mean) == [4, 4])
    #expect(r.start.performance != nil)
  }

  /// Equal values give their own value as the mean, with no spread, even
  /// where plain summation is a last digit off (0.1 added ten times is
  /// 0.9999999999999999).
  @Test func bandOfEqualValues() {
    let band = MultiYearSimulation.Band(
      [Double](repeating: 99334.4, count: 1000))
    #expect(band.mean == 99334.4 && band.deviation == 0)
    #expect(band.p5 == 99334.4 && band.p95 == 99334.4)
    #expect(
      MultiYearSimulation.Band.sum([Double](repeating: 0.1, count: 10)) == 1)
  }

  /// Streaks given by a history count as rectifying only in a scenario
  /// with a cycle: the baseline has none.
  @Test func noCycleNoRectifying() throws {
    let (dataset, evaluation) = try SimulationTests.graded()
    var history = RuleHistory(count: 5)
    history.weakYears = [0, 2, 1, 1, 0]
    let base = MultiYearSimulation(
      dataset, evaluation, scenario: .baseline, settings: Self.quiet(years: 1),
      history: history)
    #expect(base.years[0].rectifying.mean == 0)
  }
}
