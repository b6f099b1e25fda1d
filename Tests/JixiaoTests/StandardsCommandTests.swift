import Foundation
import Testing

/// `jixiao standards` as a user runs it: usage errors, the tables written,
/// bad input.
@Suite struct StandardsCommandTests {
  static func run(_ arguments: [String]) throws -> CommandLineTests.Run {
    try CommandLineTests.run(["standards"] + arguments)
  }

  @Test(arguments: [
    ["--by", "colour"], ["--by", "category,category"],
    ["--quantile-type", "10"],
    ["--outliers", "tukey"], ["--outliers", "iqr:0"], ["--standard", "mode"],
    ["--trim", "0.5"], ["--benchmark", "p40"], ["--benchmark", "top"],
    ["--min-group", "0"], ["--overshoot", "1"], ["--frobnicate"],
    // k must be a finite, positive plain decimal; none takes none.
    ["--outliers", "iqr:"], ["--outliers", "none:3"],
    ["--outliers", "mad:inf"],
    ["--outliers", "iqr:1e400"], ["--outliers", "iqr:-1"],
    ["--trim", "0x0.1"], ["--trim", "1e-400"], ["--overshoot", "1e1"],
    ["--benchmark", "p8e1"], ["--by", "category,"], ["--by", ",category"],
    ["--winsorize", "--winsorize"], ["--outliers", "none", "--winsorize"],
  ])
  func usageErrorsExitWith64(_ options: [String]) throws {
    let run = try Self.run([Fixture.repo("datasets/union")] + options)
    #expect(run.status == 64, "\(options): \(run.stderr)")
    #expect(run.stderr.hasPrefix("error: "))
    #expect(run.stdout.isEmpty)
  }

  /// Each of the slips says what was given and what to give.
  @Test(arguments: [
    (
      ["--outliers", "iqr:"],
      "error: --outliers is iqr:; the number after : must be a plain decimal "
        + "above 0, such as iqr:3 or mad:3.5."
    ),
    (
      ["--outliers", "none:3"],
      "error: --outliers is none:3; none takes no number (use iqr:K or mad:Z "
        + "for a rule with one)."
    ),
    (
      ["--trim", "0x0.1"],
      "error: --trim is 0x0.1; give a share from 0 to below 0.5, such as 0.1."
    ),
    (
      ["--by", "category,"],
      "error: --by is category,, with an empty key; name the keys separated "
        + "by single commas, such as category,level."
    ),
    (
      ["--winsorize", "--winsorize"],
      "error: --winsorize is given twice; give it once."
    ),
    (
      ["--outliers", "none", "--winsorize"],
      "error: --winsorize pulls screened values in to the fence, but "
        + "--outliers none screens none; drop --winsorize, or choose iqr or mad."
    ),
  ])
  func usageErrorsSayWhatToGive(_ options: [String], message: String) throws {
    let run = try Self.run([Fixture.repo("datasets/union")] + options)
    #expect(run.stderr.hasPrefix(message + "\n"), "\(run.stderr)")
  }

  /// Plain decimals are still taken: iqr:3, mad:3.5, .25 of trim.
  @Test func plainDecimalsAreAccepted() throws {
    let run = try Self.run([
      Fixture.repo("datasets/union"), "--outliers", "mad:3.5", "--trim", ".25",
      "--overshoot", "1.5", "--format", "csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
  }

  /// --scheme is in the help, and a path that is not there is named as
  /// the scheme it was meant to be.
  @Test func aSchemeThatIsNotThereSaysItIsTheScheme() throws {
    let help = try CommandLineTests.run(["help", "standards"])
    #expect(help.stdout.contains("--scheme FILE"))
    let missing = Fixture.temporaryFolder() + "/x"
    let run = try Self.run([Fixture.dataset(), "--scheme", missing])
    #expect(run.status == 1)
    #expect(
      run.stderr.hasPrefix(
        "\(missing): error: the scoring scheme given with --scheme cannot be "
          + "read: there is no such file. Give the path of a scheme file "
          + "(docs/scheme.md), or leave out --scheme to use each data set's "
          + "scheme.json.\n"), "\(run.stderr)")
  }

  /// A data set without projects: check says there is nothing to score,
  /// and standards that there is nothing to compute.
  @Test func anEmptyDataSetSaysSo() throws {
    let folder = Fixture.dataset([
      "projects.csv": "id,name,unit,activity,budget,executed",
      "indicators.csv":
        "project,dimension,subdimension,name,kind,operator,target,actual,unit,"
        + "weight",
    ])
    let check = try CommandLineTests.run(["check", folder])
    #expect(check.status == 0, "\(check.stdout)")
    #expect(
      check.stdout.hasSuffix(
        "Nothing to score: the data set has no projects.\n"))
    let run = try Self.run([folder])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "note: there is nothing to compute: the data set(s) have no "
          + "projects; the tables are empty.\n"))
  }

  @Test func noDataSetIsAUsageError() throws {
    let run = try Self.run([])
    #expect(run.status == 64)
    #expect(run.stderr.contains("name one or more data set folders"))
  }

  /// A ratings data set writes the rating tables beside the others; every
  /// file is complete CSV with its header.
  @Test func writesEveryTableOfARatingsDataSet() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      Fixture.repo("datasets/adb"), "--by", "region", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out)
      .sorted()
    #expect(
      names == [
        ".jixiao-output", "distributions.csv", "outliers.csv",
        "quota_projects.csv",
        "quotas.csv", "rating_shares.csv", "ratings.csv", "settings.csv",
        "standards.csv",
        "target_review.csv",
      ])
    let settings = try String(
      contentsOfFile: out + "/settings.csv", encoding: .utf8)
    #expect(
      settings.contains("quantiles,\"Hyndman–Fan type 7 (R, NumPy default)\"\n")
    )
    #expect(settings.contains("grouped by,region\n"))
    let ratings = try String(
      contentsOfFile: out + "/ratings.csv", encoding: .utf8)
    #expect(
      ratings.hasPrefix(
        "grouped by,criterion,group,rated,no rating,mean points,upper half from,upper half %\n"
      ))
    // 768 of 894 rated projects are relevant or highly relevant: 85.906…%
    // (the machine format keeps 10 decimals).
    #expect(ratings.contains("all,Relevance,all projects,894,104,"))
    #expect(ratings.contains(",relevant,85.9060402685\n"))
  }

  @Test func aDataSetWithErrorsWritesNothing() throws {
    let folder = Fixture.dataset([
      "projects.csv": "id,name,unit,activity,budget,executed\nP1,x,U2,A1,-1,0"
    ])
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([folder, "--out", out])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error: the budget is negative (-1)."))
    #expect(run.stderr.contains("nothing was computed"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// Two years: the trends table joins the rest.
  @Test func severalYearsAddTrends() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      StandardsFixture.dataset(year: 2023),
      StandardsFixture.dataset(year: 2024),
      "--by", "category", "--out", out, "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let trends = try Data(
      contentsOf: URL(fileURLWithPath: out + "/trends.json"))
    let rows = try #require(
      JSONSerialization.jsonObject(with: trends) as? [[String: Any]])
    #expect(!rows.isEmpty)
    // Lists are JSON arrays of numbers, one entry per year.
    #expect(rows.allSatisfy { ($0["years"] as? [Int]) == [2023, 2024] })
    #expect(rows.allSatisfy { ($0["values"] as? [Int])?.count == 2 })
    // The fixture's 合格率 of 培训 is 90 … 100 both years: median 95.
    let rate = rows.first {
      ($0["measure"] as? String) == "R" && ($0["group"] as? String) == "培训"
    }
    #expect(rate?["standards"] as? [Double] == [95, 95], "\(rows)")
  }

  /// Every option standards takes (the list its unknown-option message
  /// gives) is described in its help, each on a line of its own.
  @Test func everyOptionIsInTheHelp() throws {
    let unknown = try Self.run([Fixture.dataset(), "--frobnicate"])
    let listed = try #require(
      unknown.stderr.split(separator: "Options here: ").last?
        .split(separator: ".\n").first)
    let options = listed.split(separator: ", ").map(String.init)
    #expect(options.count > 15)
    let help = try CommandLineTests.run(["help", "standards"]).stdout
    let lines = help.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    for option in options {
      #expect(
        lines.contains { $0.hasPrefix(option + " ") && $0.count > 25 },
        "\(option)")
    }
  }

  /// A codes table joins the union's satisfaction rows without the SAT
  /// column: 受助困难职工满意度 (96) and 受慰问职工满意度 (86) become one
  /// measure of two values, mean 91.
  @Test func aCodesTableJoinsRowsWordedApart() throws {
    let folder = Fixture.temporaryFolder()
    let codes = folder + "/codes.csv"
    try "指标名称,指标编号\n受助困难职工满意度,S\n受慰问职工满意度,S\n".write(
      toFile: codes, atomically: true, encoding: .utf8)
    let out = folder + "/out"
    let plain = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed
      P1,送温暖,U2,A1,维权帮扶,100,90
      P2,帮扶,U2,A1,维权帮扶,50,50
      """,
      "indicators.csv": """
      project,dimension,subdimension,name,kind,operator,target,actual,unit,weight
      P1,output,数量指标,慰问人数,quantitative,>=,200,180,人,50
      P1,benefit,社会效益,覆盖率,quantitative,>=,90,95,%,30
      P1,satisfaction,满意度,受助困难职工满意度,quantitative,>=,90,96,%,10
      P2,output,数量指标,慰问人数,quantitative,>=,100,100,人,50
      P2,benefit,社会效益,覆盖率,quantitative,>=,80,80,%,30
      P2,satisfaction,满意度,受慰问职工满意度,quantitative,>=,95,86,%,10
      """,
    ])
    let run = try Self.run([
      plain, "--codes", codes, "--out", out, "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let data = try Data(
      contentsOf: URL(fileURLWithPath: out + "/distributions.json"))
    let rows = try #require(
      JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    let joined = rows.filter {
      ($0["measure"] as? String) == "S"
        && ($0["grouped by"] as? String) == "all"
    }
    #expect(joined.count == 1)
    #expect(joined.first?["n"] as? Int == 2)
    #expect(joined.first?["mean"] as? Double == 91)
  }

  @Test func aCodesTableWithTwoCodesForOneNameIsRefused() throws {
    let folder = Fixture.temporaryFolder()
    let codes = folder + "/codes.csv"
    try "name,code\n满意度,S\n满意度,T\n".write(
      toFile: codes, atomically: true, encoding: .utf8)
    let run = try Self.run([Fixture.repo("datasets/union"), "--codes", codes])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "codes.csv:3:5: error: \"满意度\" was given the code S on line 2, and T here. "
          + "Give each wording one code."), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }
}
