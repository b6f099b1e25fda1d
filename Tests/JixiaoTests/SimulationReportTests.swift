import Foundation
import Testing

@testable import Jixiao

/// The tables of `jixiao simulate` say what happened: freed, shared out
/// and unallocated money apart; no grade for an excluded project; why a
/// budget of 0 did not change.
@Suite struct SimulationReportTests {
  static func cell(
    _ table: ReportTable, row: Int, column name: String
  ) throws -> ReportTable.Cell {
    let column = try #require(table.columns.firstIndex { $0.name == name })
    return table.rows[row][column]
  }

  /// The row of the summary whose measure starts with `measure`.
  static func summaryValue(_ table: ReportTable, _ measure: String) -> Double? {
    for row in table.rows {
      guard case .text(let label) = row[0], label.hasPrefix(measure) else {
        continue
      }
      if case .number(let value, _) = row[1] { return value }
    }
    return nil
  }

  /// 优 and 良 share 480 freed; capped at +100 % they take 100 and 200, and
  /// 180 stays unallocated: the summary must not call all 480 shared out.
  @Test func summarySeparatesFreedSharedOutAndUnallocated() throws {
    let (dataset, evaluation) = try SimulationTests.graded()
    var scenario = Scenario()
    scenario.budgetNeutral = true
    scenario.priorityGrades = [.excellent, .good]
    scenario.maxRaise = 1.0
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: scenario)
    let summary = SimulationReport.summary(
      result, evaluation, moneyUnit: "万元", language: .english)
    #expect(Self.summaryValue(summary, "freed by other projects (万元)") == 480)
    let shared = try #require(
      Self.summaryValue(summary, "shared out to priority projects (万元)"))
    #expect(abs(shared - 300) < 1e-9)
    let unallocated = try #require(
      Self.summaryValue(summary, "unallocated (万元)"))
    #expect(abs(unallocated - 180) < 1e-9)
    #expect(Self.summaryValue(summary, "freed and shared out") == nil)
  }

  /// Project X is outside the tree: excluded, so no grade, as the summary
  /// (which does not count it as graded) has it.
  @Test func excludedProjectShowsNoGrade() throws {
    let (dataset, evaluation) = try SimulationTests.graded()
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: Scenario())
    let projects = SimulationReport.projects(
      result, dataset, evaluation, language: .english)
    #expect(try Self.cell(projects, row: 4, column: "grade") == .empty)
    #expect(
      try Self.cell(projects, row: 4, column: "result") == .text("excluded"))
    #expect(
      try Self.cell(projects, row: 0, column: "grade") == .text("excellent"))
  }

  static func zeroBudget() throws -> (Dataset, Evaluation) {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,budget,executed
      Z,z,U2,A1,0,0
      P,p,U2,A1,100,100
      """,
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      Z,output,a,quantitative,>=,100,100,50
      Z,benefit,b,quantitative,>=,100,100,30
      Z,satisfaction,c,quantitative,>=,100,100,10
      P,output,a,quantitative,>=,100,10,50
      P,benefit,b,quantitative,>=,100,10,30
      P,satisfaction,c,quantitative,>=,100,10,10
      """,
    ])
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    #expect(evaluation.grade == [.excellent, .poor])
    return (loaded.dataset, evaluation)
  }

  /// 优 +10 % of a budget of 0 is 0: the reason says so instead of "+10 %".
  @Test func zeroBudgetSaysWhyNothingChanged() throws {
    let (dataset, evaluation) = try Self.zeroBudget()
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: Scenario())
    #expect(result.change == [.kept, .cancelled])
    #expect(result.reason[0] == .grade(.excellent, .change(0.1)))
    #expect(result.nothingToChange[0])
    let projects = SimulationReport.projects(
      result, dataset, evaluation, language: .english)
    #expect(
      try Self.cell(projects, row: 0, column: "reason")
        == .text("budget 0, nothing to change (grade excellent: +10.0 %)"))
    let chinese = SimulationReport.projects(
      result, dataset, evaluation, language: .chinese)
    #expect(
      try Self.cell(chinese, row: 0, column: "依据")
        == .text("预算为0，无可调整（等级优：+10.0 %）"))
  }

  @Test func zeroBudgetPriorityProjectGetsNoShare() throws {
    let (dataset, evaluation) = try Self.zeroBudget()
    var scenario = Scenario()
    scenario.budgetNeutral = true
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: scenario)
    #expect(result.unallocated == 100)
    #expect(result.sharedOut == 0)
    let projects = SimulationReport.projects(
      result, dataset, evaluation, language: .english)
    #expect(
      try Self.cell(projects, row: 0, column: "reason")
        == .text(
          "budget 0, nothing to change (grade excellent: share of freed funds)"
        ))
  }
}
