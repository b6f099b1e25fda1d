import Foundation
import Testing

@testable import Jixiao

/// Each fault class of issue 2 fed to the loader, with the exact message.
@Suite struct LoaderTests {
  @Test func validDataSetLoadsWithoutProblems() {
    let folder = Fixture.dataset()
    let loaded = DatasetLoader.load(folder: folder)
    #expect(Fixture.problems(folder) == [])
    #expect(!loaded.hasErrors)
    #expect(loaded.dataset.projects.count == 2)
    #expect(loaded.dataset.indicators.count == 7)
    #expect(loaded.dataset.indicators.rows(of: 1) == 4..<7)
    #expect(loaded.dataset.projects.isMajor == [true, false])
    #expect(loaded.dataset.units.parent == [-1, 0])
  }

  @Test func unknownAndDuplicateIDs() {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed
      P1,送温暖,U9,A1,维权帮扶,100,90
      P2,技能培训,U2,A7,技能培训,50,50
      P2,重复,U2,A1,技能培训,50,50
      """,
      "units.csv": """
      id,name,parent
      U1,省总工会,
      U2,市总工会,U1
      U2,市总工会,U1
      """,
    ])
    let problems = Fixture.problems(folder)
    #expect(
      problems.contains(
        "units.csv:4:1: error: unit id \"U2\" is used twice (first on line 3). "
          + "Ids must be unique; rename one of the two."))
    #expect(
      problems.contains(
        "projects.csv:2:8: error: the unit \"U9\" is not in units.csv. Use an id listed in units.csv."
      ))
    #expect(
      problems.contains(
        "projects.csv:3:12: error: the activity \"A7\" is not in activities.csv. "
          + "Use an id listed in activities.csv."))
    #expect(
      problems.contains(
        "projects.csv:4:1: error: project id \"P2\" is used twice (first on line 3). "
          + "Ids must be unique; rename one of the two."))
  }

  @Test func projectOutsideTheTreeIsExcludedWithReason() {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed
      P1,送温暖,U2,A1,维权帮扶,100,90
      P2,技能培训,U2,,技能培训,50,50
      """
    ])
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors)
    #expect(loaded.excluded == [1])
    #expect(
      Fixture.problems(folder, minimum: .note).contains(
        "projects.csv:3:1: note: project \"P2\" has no activity: it is outside the duty → "
          + "activity tree and is excluded from budgeting (seed §三(一)2). Attach it to an "
          + "activity in activities.csv if it should be budgeted."))
  }

  @Test func missingRequiredDimension() {
    let folder = Fixture.dataset([
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      P1,output,慰问人数,quantitative,>=,200,180,50
      P1,benefit,覆盖率,quantitative,>=,90,95,30
      P1,satisfaction,满意度,quantitative,>=,90,92,10
      P2,output,培训人数,quantitative,>=,100,100,50
      P2,benefit,取证率,quantitative,>=,80,80,30
      """
    ])
    #expect(
      Fixture.problems(folder) == [
        "projects.csv:3:1: error: project \"P2\" has no applicable satisfaction (满意度指标) "
          + "indicator, which the scheme requires. Add one with a weight above 0 to "
          + "indicators.csv, or remove \"satisfaction\" from requiredDimensions."
      ])
  }

  @Test func nonNumericNonFiniteAndNegativeNumbers() {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed
      P1,送温暖,U2,A1,维权帮扶,-5,"1,200"
      P2,技能培训,U2,A1,技能培训,NaN,inf
      """
    ])
    #expect(
      Fixture.problems(folder) == [
        "projects.csv:2:19: error: the budget is negative (-5). Amounts are ≥ 0; enter the "
          + "amount without a minus sign, in the data set's money unit.",
        "projects.csv:2:22: error: the executed amount \"1,200\" is not a number. Write a plain "
          + "decimal such as 1200 or 37.24, without thousands separators, % or units.",
        "projects.csv:3:20: error: the budget is \"NaN\", which is not a finite number. Enter "
          + "the real value; a spreadsheet error or NaN cannot be scored.",
        "projects.csv:3:24: error: the executed amount is \"inf\", which is not a finite number. "
          + "Enter the real value; a spreadsheet error or NaN cannot be scored.",
      ])
  }

  @Test func weightsThatDoNotAddUp() {
    let folder = Fixture.dataset([
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      P1,output,慰问人数,quantitative,>=,200,180,40
      P1,benefit,覆盖率,quantitative,>=,90,95,30
      P1,satisfaction,满意度,quantitative,>=,90,92,10
      P2,output,培训人数,quantitative,>=,100,100,50
      P2,benefit,取证率,quantitative,>=,80,80,30
      P2,satisfaction,满意度,quantitative,>=,90,90,10
      """
    ])
    #expect(
      Fixture.problems(folder) == [
        "indicators.csv:2:40: error: the output weights of project \"P1\" add up to 40, but the "
          + "scheme gives output 50. Correct the weights, or set \"weightCheck\": \"relative\" in "
          + "scheme.json to weigh rows relative to each other."
      ])
  }

  @Test func unknownDimensionKindOperatorAndTier() {
    let folder = Fixture.dataset([
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      P1,产出,慰问人数,定量,≥,200,180,50
      P1,效率,覆盖率,quantitative,>=,90,95,30
      P1,satisfaction,满意度,定性,,,基本达成,10
      P2,output,培训人数,counted,>=,100,100,50
      P2,benefit,取证率,quantitative,more,80,80,30
      P2,satisfaction,满意度,quantitative,>=,,90,10
      """
    ])
    let problems = Fixture.problems(folder)
    #expect(
      problems.contains(
        "indicators.csv:3:4: error: dimension \"效率\" is not in the scheme. Use one of: output "
          + "(产出指标), benefit (效益指标), satisfaction (满意度指标), or add it to scheme.json."
      ))
    #expect(
      problems.contains(
        "indicators.csv:4:26: error: \"基本达成\" is not a known qualitative tier. Use a label of "
          + "the scheme or add an alias in scheme.json. Did you mean \"达成\"?"))
    #expect(
      problems.contains(
        "indicators.csv:5:16: error: kind \"counted\" is not known. Write quantitative (定量), "
          + "qualitative (定性), rating (评级) or observed (观测)."))
    #expect(
      problems.contains(
        "indicators.csv:6:29: error: operator \"more\" is not known. Write >= (≥, more is better), "
          + "<= (≤, less is better) or = (exact)."))
    #expect(
      problems.contains(
        "indicators.csv:7:37: error: the target is empty. Enter the target value, or mark the row "
          + "n/a in the actual column."))
  }

  @Test func targetsWrittenAsInPublishedTables() {
    let folder = Fixture.dataset([
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,unit,weight
      P1,output,慰问人数,quantitative,,≥200人,180,,25
      P1,output,成本,quantitative,,<=90 万元,95,,25
      P1,benefit,覆盖率,quantitative,>=,90,95,%,30
      P1,satisfaction,满意度,quantitative,,=100%,92,,10
      P2,output,培训人数,quantitative,>=,100,100,人,25
      P2,output,结业人数,quantitative,>=,100,n/a,人,25
      P2,benefit,取证率,quantitative,>=,80,80,%,30
      P2,satisfaction,满意度,quantitative,>=,90,90,%,10
      """
    ])
    let loaded = DatasetLoader.load(folder: folder)
    #expect(Fixture.problems(folder) == [])
    let rows = loaded.dataset.indicators
    #expect(
      rows.op[0] == .atLeast && rows.target[0] == 200 && rows.unit[0] == "人")
    #expect(
      rows.op[1] == .atMost && rows.target[1] == 90 && rows.unit[1] == "万元")
    #expect(
      rows.op[3] == .exactly && rows.target[3] == 100 && rows.unit[3] == "%")
    #expect(rows.status[5] == .notApplicable)
    #expect(rows.status[4] == .applicable)
  }

  @Test func missingFilesAndColumns() {
    let folder = Fixture.dataset([
      "duties.csv": nil,
      "activities.csv": "id,name\nA1,帮扶",
    ])
    let problems = Fixture.problems(folder)
    #expect(
      problems.contains("duties.csv: error: no such file. Check the path."))
    #expect(
      problems.contains(
        "activities.csv:1:1: error: the required column \"duty\" is missing. Add a column headed "
          + "duty (or 职责编号); see docs/format.md."))
  }

  @Test func chineseHeadersAreAliases() {
    let folder = Fixture.dataset([
      "projects.csv": """
      项目编号,项目名称,单位编号,活动编号,项目类别,全年预算数,全年执行数
      P1,送温暖,U2,A1,维权帮扶,100,90
      P2,技能培训,U2,A1,技能培训,50,50
      """,
      "indicators.csv": """
      项目编号,一级指标,二级指标,三级指标,指标性质,年度指标值,实际完成值,计量单位,分值
      P1,产出指标,数量指标,慰问人数,定量,≥200,180,人,50
      P1,效益指标,社会效益,覆盖率,定量,≥90,95,%,30
      P1,满意度指标,满意度,满意度,定性,,达成年度指标,,10
      P2,产出指标(output),数量指标,培训人数,定量,≥100,100,人,50
      P2,效益指标,社会效益,取证率,定量,≥80,80,%,30
      P2,满意度指标,满意度,满意度,定量,≥90,90,%,10
      """,
    ])
    #expect(Fixture.problems(folder) == [])
  }

  @Test func unitCycleIsAnError() {
    let folder = Fixture.dataset([
      "units.csv": """
      id,name,parent
      U1,省总工会,U2
      U2,市总工会,U1
      """
    ])
    #expect(
      Fixture.problems(folder).contains(
        "units.csv:2:9: error: unit \"U1\" is its own ancestor (the parent chain loops). "
          + "Give the top unit of the chain an empty parent."))
  }
}

@Suite struct CascadeTests {
  /// A file that fails to load does not make every reference to it an
  /// error: one note says they were not checked.
  @Test func brokenFileGivesOneErrorNotOnePerReference() {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,budget,executed
      P1,送温暖,U2,A1,100,90,extra
      P2,技能培训,U2,A1,50,50
      """
    ])
    #expect(
      Fixture.problems(folder, minimum: .note) == [
        "scheme.json: note: no scheme.json; the default 财预〔2020〕10号 self-evaluation "
          + "scheme is used.",
        "projects.csv:2:1: error: this record has 7 fields but the header has 6. Put a "
          + "field that contains a comma in double quotes, or add the missing fields.",
        "projects.csv: note: 4 reference(s) to projects.csv were not checked, because the "
          + "file has errors (above). Fix projects.csv first; the references are checked "
          + "again then.",
      ])
  }

  /// A scheme with errors stops the rows from being checked against it.
  @Test func brokenSchemeIsNotAppliedToEveryRow() {
    let folder = Fixture.dataset([
      "scheme.json": #"{"grades": [{"grade": "best", "min": 90}]}"#
    ])
    let problems = Fixture.problems(folder, minimum: .note)
    #expect(problems.count == 3)
    #expect(
      problems.last
        == "indicators.csv: note: not checked, because the scheme (scheme.json) has "
        + "errors. Fix the scheme first.")
  }
}
