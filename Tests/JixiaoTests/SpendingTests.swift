import Testing

@testable import Jixiao

/// spending.csv: cumulative spending by month, checked against projects.csv.
@Suite struct SpendingTests {
  @Test func monthsAreReadInOrder() throws {
    let folder = Fixture.dataset([
      "spending.csv": """
      project,m01,m02,m03
      P1,10,25.5,40
      P2,0,0,12
      """
    ])
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    let spending = loaded.dataset.spending
    #expect(spending.months == 3)
    #expect(spending.project == [0, 1])
    #expect(spending.amount(0, month: 2) == 25.5)
    #expect(spending.amount(1, month: 3) == 12)
  }

  @Test func chineseMonthHeadersAreAliases() {
    let folder = Fixture.dataset([
      "spending.csv": "项目编号,1月,2月\nP1,1,2\nP2,3,4"
    ])
    #expect(DatasetLoader.load(folder: folder).dataset.spending.months == 2)
  }

  @Test func faultsAreReportedAtTheCell() {
    let folder = Fixture.dataset([
      "spending.csv": """
      project,m01,m02,m03,m04,m05,m06,m07,m08,m09,m10,m11,m12
      P1,10,20,15,30,40,50,60,70,80,85,88,90
      P2,1,2,3,4,5,6,7,8,9,10,11,49
      P9,1,2,3,4,5,6,7,8,9,10,11,12
      P1,1,-2,3,4,5,6,7,8,9,10,11,12
      """
    ])
    #expect(
      Fixture.problems(folder) == [
        "spending.csv:2:10: warning: cumulative spending falls from 20 in month 2 to 15 in "
          + "month 3. Each month holds the total spent since January; check for a monthly "
          + "amount entered instead of the running total.",
        "spending.csv:3:28: warning: December's cumulative spending 49 differs from the "
          + "executed amount 50 in projects.csv. The two should agree at the end of the year.",
        "spending.csv:4:1: error: the project \"P9\" is not in projects.csv. Use an id "
          + "listed in projects.csv.",
        "spending.csv:5:6: error: the spending of month 2 is negative (-2). Amounts are "
          + "cumulative spending since January, ≥ 0.",
      ])
  }

  /// A negative executed amount is an error and is kept as 0; the
  /// December comparison shows the -90 that was written, not that 0, at
  /// the December cell (column 37, after "P1," and eleven amounts).
  @Test func theDecemberCheckShowsTheExecutedAmountAsWritten() {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed
      P1,送温暖,U2,A1,维权帮扶,100,-90
      P2,技能培训,U2,A1,技能培训,50,50
      """,
      "spending.csv": """
      project,m01,m02,m03,m04,m05,m06,m07,m08,m09,m10,m11,m12
      P1,10,20,30,40,50,60,70,80,85,88,89,90
      """,
    ])
    let problems = Fixture.problems(folder)
    #expect(
      problems.contains(
        "spending.csv:2:37: warning: December's cumulative spending 90 "
          + "differs from the executed amount -90 in projects.csv. The two "
          + "should agree at the end of the year."), "\(problems)")
  }

  @Test func aSecondRowForAProjectIsRefused() {
    let folder = Fixture.dataset([
      "spending.csv": "project,m01\nP1,1\nP2,2\nP1,3"
    ])
    #expect(
      Fixture.problems(folder) == [
        "spending.csv:4:1: error: project \"P1\" has a second row (first on line 2). "
          + "Keep one row of cumulative spending per project."
      ])
  }

  @Test func aGapInTheMonthsIsRefused() {
    let folder = Fixture.dataset(["spending.csv": "project,m01,m03\nP1,1,2"])
    #expect(
      Fixture.problems(folder) == [
        "spending.csv:1:13: error: month 3 is given but month 2 is not. Give the months "
          + "from January on without a gap (m01, m02, …)."
      ])
  }

  /// Generated data sets carry curves that end at the executed amount.
  @Test func generatedCurvesAreConsistent() throws {
    let folder = Fixture.temporaryFolder() + "/set"
    _ = try SyntheticGenerator.generate(
      SyntheticSettings(projects: 500, seed: 5), into: folder)
    let loaded = DatasetLoader.load(folder: folder)
    #expect(loaded.diagnostics.filter { $0.severity <= .warning }.isEmpty)
    let spending = loaded.dataset.spending
    #expect(spending.count == 500 && spending.months == 12)
    for row in 0..<spending.count {
      let p = Int(spending.project[row])
      #expect(
        spending.amount(row, month: 12) == loaded.dataset.projects.executed[p])
    }
  }
}
