import Testing

@testable import Jixiao

/// One fault, one message: faults that used to bring a second, wrong
/// message along (found by a fresh tester).
@Suite struct FollowOnTests {
  /// Without projects no indicator row is kept; that is not a sign that
  /// the scheme's dimensions are unused.
  @Test func emptyProjectsFileGivesNoUnusedDimensionWarnings() {
    let folder = Fixture.dataset([
      "projects.csv": "id,name,unit,activity,category,budget,executed"
    ])
    let problems = Fixture.problems(folder)
    #expect(!problems.contains { $0.contains("has no rows in indicators.csv") })
  }

  /// The rows of a repeated id go to its first project; the repeat is
  /// reported once, not also as a project without indicators.
  @Test func repeatedProjectIDIsReportedOnce() {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed
      P1,送温暖,U2,A1,维权帮扶,100,90
      P2,技能培训,U2,A1,技能培训,50,50
      P2,技能培训,U2,A1,技能培训,50,50
      """
    ])
    #expect(
      Fixture.problems(folder) == [
        "projects.csv:4:1: error: project id \"P2\" is used twice (first on line 3). "
          + "Ids must be unique; rename one of the two."
      ])
  }

  /// An unknown tier label is the fault; its dimension is not also
  /// reported as missing.
  @Test func unknownTierIsNotAlsoAMissingDimension() {
    var files = Fixture.validFiles
    files["indicators.csv"] = files["indicators.csv"]?
      .replacingOccurrences(of: "达成年度指标", with: "差不多")
    let folder = Fixture.dataset(files.mapValues { $0 })
    let problems = Fixture.problems(folder)
    #expect(problems.count == 1, "\(problems)")
    #expect(
      problems.first?.contains("\"差不多\" is not a known qualitative tier.")
        == true)
  }

  /// A target too large for any budget table is out of range, as a budget
  /// would be, whether written 1e400 or 1e20.
  @Test(arguments: ["1e400", "1e20"])
  func hugeTargetsAreOutOfRange(_ target: String) {
    var files = Fixture.validFiles
    files["indicators.csv"] = files["indicators.csv"]?
      .replacingOccurrences(of: ">=,200,180", with: ">=,\(target),180")
    let problems = Fixture.problems(Fixture.dataset(files.mapValues { $0 }))
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.hasPrefix("indicators.csv:2:") == true)
    #expect(
      problems.first?.contains(
        target == "1e400"
          ? "target \"1e400\" is out of the range of numbers."
          : "target 1e20 is outside the range Jixiao accepts") == true)
  }

  /// A line break inside a quoted id stays inside one diagnostic line.
  @Test func diagnosticsAreOneLine() {
    let diagnostic = Diagnostic(
      .error, file: "units.csv", line: 2, column: 1, "unit \"a\nb\" is odd.")
    #expect(
      diagnostic.description == "units.csv:2:1: error: unit \"a\\nb\" is odd.")
  }

  /// Ratings schemes score no execution, so overspending is not noted.
  @Test func overspendingIsNotedOnlyWhenExecutionIsScored() {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/adb"))
    #expect(
      !loaded.diagnostics.contains { $0.message.contains("spent more than") })
  }
}

@Suite struct DroppedRowTests {
  /// A row dropped for a stray quote is the fault; its project's weights
  /// are not also reported as not adding up.
  @Test func strayQuoteIsNotAlsoAWeightError() {
    var files = Fixture.validFiles
    files["indicators.csv"] = files["indicators.csv"]?
      .replacingOccurrences(
        of: "P1,产出指标,数量指标,慰问人数", with: "P1,产出指标,数量指标,慰问\"人数")
    let problems = Fixture.problems(Fixture.dataset(files.mapValues { $0 }))
    #expect(problems.count == 1, "\(problems)")
    #expect(
      problems.first?.contains("a double quote stands inside a field") == true)
  }
}
