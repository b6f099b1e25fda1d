import Foundation
import Testing

@testable import Jixiao

/// Faults of an import are placed where the user can fix them: in the
/// mapping when a template reads no column, at the table's cell when it
/// reads one; each fault once, and no follow-on faults.
@Suite struct ImportMappingTests {
  static let table = """
    序号,单位,项目名称,预算,执行,满意度,评级
    1,市总工会,送温暖,100,90,95,achieved
    2,市总工会,职工培训,60,27,88,achieved
    3,县总工会,劳模补助,80,80,90,Achievd
    """

  static let mapping = #"""
    {
      "dataset": {"name": "test import", "moneyUnit": "万元"},
      "units": [{"id": "{单位}", "name": "{单位}", "level": "city"}],
      "duty": {"id": "{单位}-D", "name": "服务职工"},
      "activity": {"id": "{单位}-A", "name": "帮扶与培训"},
      "project": {"id": "P{序号}", "name": "{项目名称}", "budget": "{预算}",
                  "executed": "{执行}"},
      "indicators": [
        {"dimension": "output", "name": "覆盖面", "kind": "qualitative",
         "actual": "{评级}", "weight": "50"},
        {"dimension": "benefit", "name": "效果", "kind": "qualitative",
         "actual": "achieved", "weight": "30"},
        {"dimension": "satisfaction", "name": "满意度", "kind": "quantitative",
         "operator": ">=", "target": "90", "actual": "{满意度}", "weight": "10"}
      ]
    }
    """#

  /// Runs an import of `table` with `mapping`; the diagnostics with the
  /// folder removed, and whether the output folder exists afterwards.
  static func run(table: String = table, mapping: String) -> (
    messages: [String], wrote: Bool
  ) {
    let folder = Fixture.temporaryFolder()
    let out = folder + "/out"
    #expect(
      FileManager.default.createFile(
        atPath: folder + "/table.csv", contents: Data(table.utf8)))
    #expect(
      FileManager.default.createFile(
        atPath: folder + "/map.json", contents: Data(mapping.utf8)))
    var messages: [String]
    do {
      let result = try Importer.run(
        table: folder + "/table.csv", mapping: folder + "/map.json",
        output: out)
      messages = result.diagnostics.map(\.description)
    } catch {
      messages = error.diagnostics.map(\.description)
    }
    messages = messages.map {
      $0.replacingOccurrences(of: folder + "/", with: "")
    }
    return (messages, FileManager.default.fileExists(atPath: out))
  }

  /// `"weight": "abc"` is the same in every row: one error, in the
  /// mapping, not one per table row.
  @Test func badConstantWeightIsOneErrorInTheMapping() {
    let mapping = Self.mapping.replacingOccurrences(
      of: #""weight": "30""#, with: #""weight": "abc""#)
    let run = Self.run(mapping: mapping)
    #expect(
      run.messages == [
        "map.json:12:38: error: the weight \"abc\" is not a finite number. "
          + "Write a plain decimal such as 1200 or 37.24."
      ])
    #expect(!run.wrote)
  }

  /// A bad label in the table is placed at its cell (line and column),
  /// with the place in the written indicators.csv kept for reference.
  @Test func badRatingLabelIsPlacedAtTheTableCell() {
    let run = Self.run(mapping: Self.mapping)
    #expect(
      run.messages.first
        == "table.csv:4:22: error: (imported as indicators.csv:8:30) "
        + "\"Achievd\" is not a known qualitative tier. Use a label of the "
        + "scheme or add an alias in scheme.json. Did you mean \"achieved\"?")
    #expect(!run.wrote)
  }

  /// A bad value in a template without columns is placed at the template,
  /// once, although every written row carries it.
  @Test func badConstantTextIsPlacedOnceInTheMapping() {
    let mapping = Self.mapping.replacingOccurrences(
      of: #""actual": "achieved""#, with: #""actual": "done""#)
    let run = Self.run(mapping: mapping)
    let done = run.messages.filter { $0.contains("\"done\"") }
    #expect(
      done == [
        "map.json:12:16: error: (imported as indicators.csv:3:30) \"done\" is "
          + "not a known qualitative tier. Use a label of the scheme or add an "
          + "alias in scheme.json. Did you mean \"达成\"?"
      ])
    #expect(run.messages.first == done.first)
  }

  /// An unclosed brace is reported at the brace, and only there: the
  /// duty is given, so no "give both or neither" follows.
  @Test func unclosedBraceIsPlacedAtTheBraceWithNothingSpurious() {
    let mapping = Self.mapping.replacingOccurrences(
      of: #""id": "{单位}-D""#, with: #""id": "{单位}/{Country Code/ops""#)
    let run = Self.run(mapping: mapping)
    #expect(
      run.messages == [
        "map.json:4:24: error: `duty.id`: \"{单位}/{Country Code/ops\" opens { "
          + "without closing it. Close the column name with }, or write {{ "
          + "for a literal brace."
      ])
  }

  /// The brace's column counts escapes as the file spells them.
  @Test func bracePlaceCountsEscapesAsWritten() {
    let mapping = Self.mapping.replacingOccurrences(
      of: #""name": "服务职工""#, with: #""name": "\u670d\"{务""#)
    #expect(
      Self.run(mapping: mapping).messages == [
        "map.json:4:45: error: `duty.name`: \"服\"{务\" opens { without closing "
          + "it. Close the column name with }, or write {{ for a literal brace."
      ])
  }

  @Test func dutyWithoutIdIsNamed() {
    let mapping = Self.mapping.replacingOccurrences(
      of: #""duty": {"id": "{单位}-D", "#, with: #""duty": {"#)
    #expect(
      Self.run(mapping: mapping).messages == [
        "map.json:4:11: error: `duty.id` is missing. Map it to the columns "
          + "that identify the duty, e.g. \"{单位}-duty\"."
      ])
  }

  @Test func datasetTextFieldsAreCheckedInTheMapping() {
    let mapping = Self.mapping.replacingOccurrences(
      of: #""moneyUnit": "万元""#, with: #""moneyUnit": 10000"#)
    #expect(
      Self.run(mapping: mapping).messages == [
        "map.json:2:51: error: `dataset.moneyUnit` must be text; it is the "
          + "number 10000. Put the value in double quotes: \"10000\"."
      ])
  }
}
