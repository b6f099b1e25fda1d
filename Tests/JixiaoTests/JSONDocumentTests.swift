import Foundation
import Testing

@testable import Jixiao

/// The strict JSON reader of settings files: every syntax fault at its
/// true line and column, and values JSON allows but a setting cannot mean.
@Suite struct JSONDocumentTests {
  /// The diagnostics of parsing `text` as `s.json`, or [] when it parses.
  static func faults(_ text: String) -> [String] {
    do {
      _ = try JSONDocument.parse(Data(text.utf8), path: "s.json")
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  /// The diagnostics of reading `text` as a scenario file.
  static func scenarioFaults(_ text: String) -> [String] {
    let folder = Fixture.temporaryFolder()
    let path = folder + "/s.json"
    #expect(
      FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    do {
      let (_, warnings) = try Scenario.load(from: path)
      return warnings.map {
        $0.description.replacingOccurrences(of: folder + "/", with: "")
      }
    } catch {
      return error.diagnostics.map {
        $0.description.replacingOccurrences(of: folder + "/", with: "")
      }
    }
  }

  /// The bundled union scheme with the comma after the `partial` tier
  /// removed: the fault is at 24:5, the `{` of the next tier, although
  /// the lines before it hold Chinese text (Foundation's offset, counted
  /// in UTF-16 units, put it at 27:1 of a 26-line file).
  @Test func missingCommaAfterChineseTextIsPlacedExactly() throws {
    let path = Fixture.repo("datasets/union/scheme.json")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let partial = try #require(text.range(of: "\"partial\""))
    let comma = try #require(text[partial.upperBound...].range(of: "},"))
    var broken = text
    broken.remove(at: text.index(before: comma.upperBound))
    #expect(
      Self.faults(broken) == [
        "s.json:24:5: error: the file is not valid JSON: expected `,` or `]` "
          + "after `qualitativeTiers[1]`, found `{`. A comma is probably "
          + "missing before this place."
      ])
  }

  @Test func columnsCountCharactersNotBytes() {
    #expect(
      Self.faults("{\"名称\": \"工会经费\", \"x\": }") == [
        "s.json:1:21: error: the file is not valid JSON: expected a value, "
          + "found `}`. A value is text in double quotes, a number, true, "
          + "false, null, a list [ ] or an object { }."
      ])
  }

  @Test func lineBreaksMayBeCRLFAndAByteOrderMarkIsSkipped() {
    #expect(
      Self.faults("\u{FEFF}{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}") == [
        "s.json:3:8: error: the file is not valid JSON: expected a value, "
          + "found `x`. A value is text in double quotes, a number, true, "
          + "false, null, a list [ ] or an object { }."
      ])
  }

  /// A file cut short is placed just after its last character.
  @Test func truncatedFileIsPlacedAtItsEnd() {
    #expect(
      Self.faults("{\"method\": \"ratings\"") == [
        "s.json:1:21: error: the file is not valid JSON: it ends inside an "
          + "object opened at 1:1 (missing: }). The file may be cut short; "
          + "check that every { and [ is closed."
      ])
    #expect(
      Self.faults("{\n  \"grades\": [\n    {\"min\": 90\n\n") == [
        "s.json:3:15: error: the file is not valid JSON: it ends inside an "
          + "object opened at 3:5 (missing: }]}). The file may be cut short; "
          + "check that every { and [ is closed."
      ])
    #expect(
      Self.faults("{\"name\": \"abc") == [
        "s.json:1:14: error: the file is not valid JSON: it ends inside text "
          + "(missing: \"}). The file may be cut short; close the text and "
          + "its brackets."
      ])
  }

  @Test func emptyFileSaysSo() {
    for text in ["", " \n\n"] {
      #expect(
        Self.faults(text) == [
          "s.json:1:1: error: the file is not valid JSON: it is empty. A "
            + "settings file holds one JSON object; {} takes every default."
        ])
    }
  }

  @Test func trailingCommasAreRefused() {
    #expect(
      Self.faults(#"{"method":"selfEvaluation",}"#) == [
        "s.json:1:28: error: the file is not valid JSON: a comma comes before "
          + "`}` with no member after it. Remove the comma after the last "
          + "member."
      ])
    #expect(
      Self.faults(#"{"labels": ["a", "b",]}"#) == [
        "s.json:1:22: error: the file is not valid JSON: a comma comes before "
          + "`]` with no element after it. Remove the comma after the last "
          + "element."
      ])
  }

  @Test(arguments: [
    (
      #"{"a": 01}"#,
      "s.json:1:7: error: the file is not valid JSON: a number cannot start "
        + "with 0 followed by more digits. Remove the leading zeros."
    ),
    (
      #"{"a": NaN}"#,
      "s.json:1:7: error: the file is not valid JSON: expected a value, found "
        + "`NaN`. JSON numbers are finite; write a plain number."
    ),
    (
      #"{"a": True}"#,
      "s.json:1:7: error: the file is not valid JSON: expected a value, found "
        + "`True`. JSON writes true, false and null in lower case."
    ),
    (
      "{'a': 1}",
      "s.json:1:2: error: the file is not valid JSON: expected a key in double "
        + "quotes or `}`, found `'`. JSON text is in double quotes (\"), not "
        + "single quotes."
    ),
    (
      #"{"a": 1} // note"#,
      "s.json:1:10: error: the file is not valid JSON: `/` follows the end of "
        + "the JSON value. JSON has no comments; remove it."
    ),
    (
      "{\"a\": \"two\nlines\"}",
      "s.json:1:11: error: the file is not valid JSON: a line break inside "
        + "text; text in double quotes stays on one line. Close the text "
        + "before the line break, or write \\n for one."
    ),
    (
      #"{"a": "C:\temp\x"}"#,
      "s.json:1:15: error: the file is not valid JSON: `\\x` is not an escape. "
        + "Write \\\\ for a backslash; the escapes are \\\" \\\\ \\/ \\b \\f "
        + "\\n \\r \\t \\uXXXX."
    ),
  ])
  func strictGrammar(text: String, message: String) {
    #expect(Self.faults(text) == [message])
  }

  @Test func escapesAndSurrogatePairsDecode() throws {
    let document = try JSONDocument.parse(
      Data(#"{"a": "\u5de5\u4f1a \ud83d\ude00 \"q\" \/"}"#.utf8), path: "s.json"
    )
    let root = try #require(document.root as? [String: Any])
    #expect(root["a"] as? String == "工会 😀 \"q\" /")
  }

  @Test func invalidUTF8IsPlacedAtTheByte() {
    var bytes = Array(#"{"名": "x"#.utf8)
    bytes += [0xFF]
    bytes += Array("\"}".utf8)
    do {
      _ = try JSONDocument.parse(Data(bytes), path: "s.json")
      Issue.record("invalid UTF-8 was accepted")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == [
          "s.json:1:9: error: the file is not valid JSON: byte 0xFF here is "
            + "not UTF-8 text. Save the file as UTF-8."
        ])
    }
  }

  /// Each second occurrence of a key is an error at that key.
  @Test func duplicateKeysAreErrorsAtTheSecondKey() {
    let text = """
      {
        "method": "selfEvaluation",
        "grades": [{"grade": "excellent", "min": 90, "min": 95}],
        "method": "ratings"
      }
      """
    #expect(
      Self.faults(text) == [
        "s.json:3:48: error: `grades[0].min` is given twice in one object "
          + "(first at 3:37). Keep one of the two; JSON gives each key once "
          + "per object.",
        "s.json:4:3: error: `method` is given twice in one object (first at "
          + "2:3). Keep one of the two; JSON gives each key once per object.",
      ])
  }

  /// A number where text is expected is a type error, not text.
  @Test func numberWhereTextIsExpected() {
    let folder = Fixture.dataset([
      "dataset.json": #"{"name": "x", "moneyUnit": 5}"#
    ])
    #expect(
      Fixture.problems(folder) == [
        "dataset.json:1:28: error: `moneyUnit` must be text; it is the number "
          + "5. Put the value in double quotes: \"5\"."
      ])
    #expect(
      Self.scenarioFaults(#"{"name": 5}"#) == [
        "s.json:1:10: error: `name` must be text; it is the number 5. Put the "
          + "value in double quotes: \"5\"."
      ])
  }

  /// `null` is refused where it has no documented meaning (`byGrade`) and
  /// accepted where it has one (`maxRaise`: no cap).
  @Test func nullIsAnErrorUnlessDocumented() {
    #expect(
      Self.scenarioFaults(#"{"byGrade": null}"#) == [
        "s.json:1:13: error: `byGrade` is null. Leave the key out to take the "
          + "default, or give a value."
      ])
    #expect(
      Self.scenarioFaults(
        #"{"byGrade": {"poor": null}, "budgetNeutral": true, "maxRaise": null}"#
      ) == [
        "s.json:1:22: error: `byGrade.poor` is null. Leave the key out to take "
          + "the default, or give a value."
      ])
    #expect(Self.scenarioFaults(#"{"maxRaise": null}"#) == [])
  }

  @Test func numbersInMessagesAreShownAsWritten() {
    #expect(
      Self.scenarioFaults(#"{"byGrade": {"fair": -1.50}}"#) == [
        "s.json:1:22: error: `byGrade.fair` is -1.50; a cut cannot exceed −1 "
          + "(−100 %). Use \"cancel\" to remove the budget."
      ])
    #expect(Diagnostic.number(-10) == "-10")
    #expect(Diagnostic.number(1_000_000_000_000_040) == "1000000000000040")
    #expect(Diagnostic.number(1e300) == "1e300")
    #expect(Diagnostic.number(0.1) == "0.1")
    #expect(Diagnostic.number(2.5e-7) == "2.5e-07")
  }
}
