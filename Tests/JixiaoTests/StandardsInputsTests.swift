import Foundation
import Testing

@testable import Jixiao

/// Data sets given together to `jixiao standards`: what cannot be pooled.
@Suite struct StandardsInputsTests {
  private func load(_ folder: String) -> Dataset {
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    return loaded.dataset
  }

  /// 万元 and USD million differ by a factor of about 700: pooled, every
  /// unit cost would be a mixture. The error is at the second data set's
  /// moneyUnit (line 1, column 15 of the file written here) and names both
  /// data sets and both units.
  @Test func differentMoneyUnitsAreAnError() throws {
    let yuan = Fixture.dataset([
      "dataset.json": #"{"name": "a", "moneyUnit": "万元"}"#
    ])
    let dollars = Fixture.dataset([
      "dataset.json": #"{"moneyUnit": "USD million"}"#
    ])
    // (Both hold the fixture's projects, which also repeat: see below.)
    let problems = StandardsInputs.check([load(yuan), load(dollars)])
      .filter { $0.file.hasSuffix("dataset.json") }
    #expect(
      problems.map(\.description) == [
        "\(dollars)/dataset.json:1:15: error: the data set \(dollars) counts "
          + "money in USD million, but \(yuan) counts it in 万元; amounts in "
          + "different units cannot be pooled into one standard. Give together "
          + "only data sets of one money unit, or convert the amounts of one "
          + "and set its moneyUnit in dataset.json."
      ])
    // The same unit twice (one by default) pools.
    #expect(
      StandardsInputs.check([load(yuan), load(Fixture.dataset())])
        .filter { $0.file.hasSuffix("dataset.json") } == [])
  }

  /// The command stops before computing anything.
  @Test func theCommandRefusesDifferentMoneyUnits() throws {
    let dollars = Fixture.dataset([
      "dataset.json": #"{"moneyUnit": "USD million"}"#
    ])
    let run = try CommandLineTests.run([
      "standards", Fixture.dataset(), dollars,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("counts money in USD million, but "))
    #expect(run.stderr.contains("(the default: its dataset.json gives no "))
    #expect(run.stderr.contains("nothing was computed."))
    #expect(run.stdout.isEmpty)
  }

  /// The same folder twice, by one name or by two (a trailing slash, a
  /// symbolic link), is a usage error: every count would double.
  @Test func aFolderGivenTwiceIsAUsageError() throws {
    let folder = Fixture.dataset()
    let link = Fixture.temporaryFolder() + "/link"
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: folder)
    for second in [folder, folder + "/", link] {
      let run = try CommandLineTests.run(["standards", folder, second])
      #expect(run.status == 64, "\(second)")
      #expect(
        run.stderr.hasPrefix("error: the data set \(second) is given twice"))
      #expect(run.stdout.isEmpty)
    }
  }

  /// A copy of a data set (another folder, the same year) repeats each of
  /// its projects: the first five are named at their lines in both
  /// projects.csv files (line 2 and 3: the fixture's P1 and P2), the rest
  /// only counted. The fixture's year is 2022: P1 ends in 2024 and P2 in
  /// 2022, and `DatasetYear.of` breaks the tie towards the earlier year.
  @Test func aProjectInTwoDataSetsOfOneYearIsAnError() throws {
    let original = Fixture.dataset()
    let copy = Fixture.dataset()
    let problems = StandardsInputs.check([load(original), load(copy)])
    #expect(
      problems.map(\.description) == [
        "\(copy)/projects.csv:2:1: error: project P1 is also at "
          + "\(original)/projects.csv:2, in a data set of the same year 2022; "
          + "pooled, its values would count twice. Give each data set once, "
          + "and each project in one data set of its year.",
        "\(copy)/projects.csv:3:1: error: project P2 is also at "
          + "\(original)/projects.csv:3, in a data set of the same year 2022; "
          + "pooled, its values would count twice. Give each data set once, "
          + "and each project in one data set of its year.",
      ])
    // Another year is history, not a repeat.
    let earlier = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed,start_year,end_year,major
      P1,送温暖,U2,A1,维权帮扶,100,90,2023,2023,1
      P2,技能培训,U2,A1,技能培训,50,50,2023,2023,0
      """
    ])
    #expect(StandardsInputs.check([load(earlier), load(copy)]) == [])
  }

  /// Seven projects in both: five named, two counted.
  @Test func repeatsBeyondFiveAreCounted() throws {
    var projects =
      "id,name,unit,activity,category,budget,executed,start_year,end_year\n"
    var indicators =
      "project,dimension,subdimension,name,kind,operator,target,actual,unit,"
      + "weight\n"
    for p in 1...7 {
      projects += "Q\(p),x,U2,A1,c,10,10,2024,2024\n"
      indicators += "Q\(p),output,数量指标,人数,quantitative,>=,1,1,人,50\n"
      indicators += "Q\(p),benefit,社会效益,率,quantitative,>=,1,1,%,30\n"
      indicators += "Q\(p),satisfaction,满意度,满意度,quantitative,>=,1,1,%,10\n"
    }
    let folder = Fixture.dataset([
      "projects.csv": projects, "indicators.csv": indicators,
    ])
    let copy = Fixture.dataset([
      "projects.csv": projects, "indicators.csv": indicators,
    ])
    let problems = StandardsInputs.check([load(folder), load(copy)])
    #expect(problems.count == 6)
    #expect(
      problems.last?.description
        == "\(copy)/projects.csv: error: 2 more project(s) are also in "
        + "\(folder) (7 in all).")
  }

  /// indicators.csv with a code column: (project, code, name, actual).
  private func coded(_ rows: [(String, String, String, Int)]) -> String {
    var text =
      "project,id,dimension,subdimension,name,kind,operator,target,actual,"
      + "unit,weight\n"
    for (project, code, name, actual) in rows {
      let weight = rows.filter { $0.0 == project }.count
      text +=
        "\(project),\(code),output,质量指标,\(name),quantitative,>=,1,"
        + "\(actual),%,\(50 / weight)\n"
    }
    for project in Set(rows.map(\.0)).sorted() {
      text += "\(project),,benefit,社会效益,率,quantitative,>=,1,1,%,30\n"
      text += "\(project),,satisfaction,满意度,满意度,quantitative,>=,1,1,%,10\n"
    }
    return text
  }

  /// Code Q on 合格率 (P1, line 2) and 验收合格率 (P2, line 3): a note at
  /// the second wording's code cell (line 3, column 4: after "P2,"), naming
  /// both wordings and where each is first.
  @Test func oneCodeOnRowsOfSeveralWordingsIsANote() throws {
    let folder = Fixture.dataset([
      "indicators.csv": coded([
        ("P1", "Q", "合格率", 90), ("P2", "Q", "验收合格率", 80),
      ])
    ])
    let file = folder + "/indicators.csv"
    #expect(
      StandardsInputs.checkCodes([load(folder)]).map(\.description) == [
        "\(file):3:4: note: the indicator code Q is on rows of 2 "
          + "wordings: \"合格率\" (first at \(file):2), \"验收合格率\" (first "
          + "at \(file):3); they are pooled as one indicator. If they measure "
          + "different things, give them different codes."
      ])
    // Codes that a --codes table gives join wordings on purpose.
    let plain = Fixture.dataset([
      "indicators.csv": coded([
        ("P1", "", "合格率", 90), ("P2", "", "验收合格率", 80),
      ])
    ])
    let table = IndicatorCodes(["合格率": "Q", "验收合格率": "Q"])
    #expect(StandardsInputs.checkCodes([load(plain)], codes: table) == [])
  }

  /// P1 has Q on lines 2 and 3: an error at the second row's code cell,
  /// and the command computes nothing.
  @Test func oneCodeTwiceInAProjectIsAnError() throws {
    let folder = Fixture.dataset([
      "indicators.csv": coded([
        ("P1", "Q", "合格率", 90), ("P1", "Q", "合格率", 70),
        ("P2", "Q", "合格率", 80),
      ])
    ])
    let file = folder + "/indicators.csv"
    let problems = StandardsInputs.checkCodes([load(folder)])
    #expect(
      problems.map(\.description) == [
        "\(file):3:4: error: project P1 has the indicator code Q on two rows "
          + "(line 2 and this one); pooled, the project would count twice "
          + "for it. Give each row of a project its own code."
      ])
    let run = try CommandLineTests.run(["standards", folder])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(file):3:4: error: project P1 has"))
    #expect(run.stdout.isEmpty)
  }
}
