import Foundation
import Testing

@testable import Jixiao

/// The data-set analyses of `efficiency` on a two-city fixture, each value
/// worked by hand from the formulas of docs/efficiency.md and the scores
/// the evaluator gives.
@Suite struct DatasetEfficiencyTests {
  /// City U2 (100 members) runs P1 (budget 100, executed 90, 维权帮扶);
  /// city U3 (300 members) runs P2 (50, 50, 技能培训).
  static func load() throws -> (Dataset, Evaluation) {
    let folder = Fixture.dataset([
      "units.csv": """
      id,name,parent,level,region,members
      U1,省总工会,,province,,
      U2,甲市总工会,U1,city,甲,100
      U3,乙市总工会,U1,city,乙,300
      """,
      "duties.csv": "id,unit,name\nD1,U2,维护职工合法权益\nD2,U3,职工技能培训",
      "activities.csv": "id,duty,name\nA1,D1,困难职工帮扶\nA2,D2,技能培训",
      "projects.csv": """
      id,name,unit,activity,category,budget,executed,start_year,end_year,major
      P1,送温暖,U2,A1,维权帮扶,100,90,2022,2024,1
      P2,技能培训,U3,A2,技能培训,50,50,2022,2022,0
      """,
    ])
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    return (loaded.dataset, try Evaluator.evaluate(loaded.dataset))
  }

  @Test func costEffectivenessAndCoreDuties() throws {
    let (dataset, evaluation) = try Self.load()
    let s1 = evaluation.score[0]
    let s2 = evaluation.score[1]
    let c = try CostEffectiveness(dataset, evaluation, elasticity: 0.2)
    #expect(abs(c.perMoney[0] - s1 / 90) < 1e-12)
    #expect(abs(c.perMoney[1] - s2 / 50) < 1e-12)
    #expect(abs(c.marginal[0] - (s1 < 100 ? 0.2 * s1 / 100 : 0)) < 1e-12)
    #expect(abs((c.total.pointsPerMoney ?? 0) - (s1 + s2) / 140) < 1e-12)
    #expect(abs(c.total.weightedScore - (100 * s1 + 50 * s2) / 150) < 1e-12)
    #expect(c.byCategory.map(\.label).sorted() == ["技能培训", "维权帮扶"])
    // 维权帮扶 is a core duty by default, 技能培训 is not: 100 of 150.
    let core = CoreDutyShare(dataset, evaluation)
    #expect(core.share.map { abs($0 - 2.0 / 3) < 1e-12 } == true)
    let after = CoreDutyShare(dataset, evaluation, budgets: [110, 0])
    #expect(after.share == 1)
  }

  /// Funds per member 100/100 = 1 and 50/300 = 1/6, weights 100 and 300:
  /// μ = 150/400 = 0.375, G = 2·100·300·(5/6) / (2·400²·0.375) = 5/12.
  @Test func balanceOfFundsPerMember() throws {
    let (dataset, evaluation) = try Self.load()
    let balance = FundsBalance(dataset, evaluation)
    let city = try #require(balance.levels.first { $0.level == "city" })
    #expect(abs(city.balance.mean - 0.375) < 1e-12)
    #expect(abs(city.balance.gini - 5.0 / 12) < 1e-12)
    #expect(city.balance.maxMinRatio.map { abs($0 - 6) < 1e-12 } == true)
    // Two regions of one unit each: all of T is between them.
    let split = try #require(city.split)
    #expect(abs(split.within) < 1e-12)
    #expect(abs(split.between - city.balance.theil) < 1e-12)
    #expect(balance.skipped.map(\.level) == ["province"])
  }

  /// P1 raised to 110: s′ = min(100, s₁·1.1^0.2); P2 cancelled.
  @Test func scenarioResponse() throws {
    let (dataset, evaluation) = try Self.load()
    let s1 = evaluation.score[0]
    let s2 = evaluation.score[1]
    let r = ScenarioResponse(
      dataset, evaluation, after: [110, 0], elasticity: 0.2)
    let raised = min(100, s1 * pow(1.1, 0.2))
    #expect(abs(r.pointsBefore - (s1 + s2)) < 1e-12)
    #expect(abs(r.pointsAfter - raised) < 1e-12)
    #expect(r.cancelled == 1 && r.raised == 10 && r.cut == 50)
    #expect(abs(r.weightedAfter - raised) < 1e-12)
    #expect(abs((r.pointsPerMoneyMoved ?? 0) - (raised - s1 - s2) / 10) < 1e-12)
  }

  /// DEA of the units: the two cities, executed in, points out, CRS:
  /// θ = (s/e) / max over the cities of s/e.
  @Test func unitsAsDecisionMakingUnits() throws {
    let (dataset, evaluation) = try Self.load()
    let figures = UnitFigures(dataset, evaluation)
    let (data, units, leftOut) = try figures.deaData(
      dataset, inputs: [.executed], outputs: [.points], level: "city")
    #expect(units == [1, 2] && leftOut.isEmpty)
    let result = DEA().evaluate(data)
    let p = [evaluation.score[0] / 90, evaluation.score[1] / 50]
    for j in 0..<2 {
      #expect(abs((result.unit(j)?.score ?? 0) - p[j] / (p.max() ?? 1)) < 1e-9)
    }
    #expect(throws: EfficiencyError.self) {
      _ = try figures.deaData(
        dataset, inputs: [.executed], outputs: [.points], level: "town")
    }
  }
}

/// `OptimalReallocation` on the two-city fixture of DatasetEfficiencyTests.
@Suite struct OptimalReallocationTests {
  /// Linear value (s/100 per 万元), floors ½ b and caps 1½ b, the total
  /// kept at 150: both projects start at their floors (50 and 25) and the
  /// other 75 go to the better-scored project, up to its cap; its value per
  /// 万元 is the shadow price.
  @Test func linearFillsTheBetterProjectFirst() throws {
    let (dataset, evaluation) = try DatasetEfficiencyTests.load()
    var settings = OptimalReallocation.Settings()
    settings.value = .linear
    let r = try OptimalReallocation(dataset, evaluation, settings: settings)
    #expect(r.status == .optimal)
    let s = [evaluation.score[0], evaluation.score[1]]
    let budgets = [100.0, 50]
    let best = s[0] >= s[1] ? 0 : 1
    var expected = budgets.map { $0 / 2 }
    expected[best] += min(75, budgets[best])
    expected[1 - best] += 75 - min(75, budgets[best])
    #expect(
      abs(r.after[0] - expected[0]) < 1e-9
        && abs(r.after[1] - expected[1]) < 1e-9)
    #expect(abs(r.total - 150) < 1e-12)
    let marginal = expected[best] < 1.5 * budgets[best] ? best : 1 - best
    #expect(abs((r.shadowPrice ?? .nan) - s[marginal] / 100) < 1e-9)
    #expect(r.valueAfter >= r.valueBefore - 1e-9)
  }

  /// Concave value: the total is spent, no project leaves its floor–cap
  /// band, and the predicted Σ scores is at least that of the present
  /// budgets (which the program could keep).
  @Test func concaveSpendsTheTotalAndDoesNoWorse() throws {
    let (dataset, evaluation) = try DatasetEfficiencyTests.load()
    let r = try OptimalReallocation(dataset, evaluation, settings: .init())
    #expect(r.status == .optimal)
    #expect(abs(r.after[0] + r.after[1] - 150) < 1e-9)
    #expect(r.after[0] >= 50 - 1e-9 && r.after[0] <= 150 + 1e-9)
    #expect(r.after[1] >= 25 - 1e-9 && r.after[1] <= 75 + 1e-9)
    #expect(r.valueAfter >= r.valueBefore - 1e-9)
  }

  @Test func badSettings() throws {
    let (dataset, evaluation) = try DatasetEfficiencyTests.load()
    var settings = OptimalReallocation.Settings()
    settings.floorShare = 1.2
    #expect(throws: AllocationError.self) {
      _ = try OptimalReallocation(dataset, evaluation, settings: settings)
    }
    // A total below the floors cannot be met: a status, no budgets.
    settings.floorShare = 0.5
    settings.total = 10
    let r = try OptimalReallocation(dataset, evaluation, settings: settings)
    #expect(r.status == .infeasible && r.after.isEmpty)
  }
}
