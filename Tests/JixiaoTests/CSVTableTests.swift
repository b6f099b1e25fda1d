import Foundation
import Testing

@testable import Jixiao

@Suite struct CSVTableTests {
  @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
    let (table, problems) = try csv(
      "id,name,note\r\n1,\"a, b\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",x\n")
    #expect(problems.isEmpty)
    #expect(table.header == ["id", "name", "note"])
    #expect(table.recordCount == 2)
    #expect(table.text(0, 1) == "a, b")
    #expect(table.text(0, 2) == "say \"hi\"")
    #expect(table.text(1, 1) == "two\nlines")
    #expect(table.line(ofRecord: 1) == 3)
  }

  @Test(arguments: ["\n", "\r\n", "\r"])
  func everyLineEndWorks(_ end: String) throws {
    let (table, _) = try csv("a,b\(end)1,2\(end)3,4\(end)")
    #expect(table.recordCount == 2)
    #expect(table.text(1, 1) == "4")
    #expect(table.line(ofRecord: 1) == 3)
  }

  @Test func byteOrderMarkAndEmptyLinesAreSkipped() throws {
    let (table, _) = try csv("\u{FEFF}id,v\n\n1,2\n\n")
    #expect(table.header == ["id", "v"])
    #expect(table.recordCount == 1)
  }

  @Test func trailingCommaGivesAnEmptyField() throws {
    let (table, problems) = try csv("a,b\n1,")
    #expect(problems.isEmpty)
    #expect(table.text(0, 1) == "")
  }

  /// Columns count characters, so a Chinese cell moves the column by one.
  @Test func positionsCountCharactersAcrossQuotedLineBreaks() throws {
    let (table, _) = try csv("名称,预算\n\"送温暖\n慰问\",x\n")
    let place = table.position(0, 1)
    #expect(place.line == 3)
    #expect(place.column == 5)
  }

  @Test func wrongFieldCountIsReported() throws {
    let (_, problems) = try csv("a,b\n1,2,3\n")
    #expect(
      problems.map(\.description) == [
        "t.csv:2:1: error: this record has 3 fields but the header has 2. "
          + "Put a field that contains a comma in double quotes, or add the missing fields."
      ])
  }

  @Test func emptyFileIsRefused() {
    #expect(throws: InputError.self) { try csv("") }
    do {
      _ = try csv("")
    } catch let error as InputError {
      #expect(
        error.description
          == "t.csv: error: the file is empty. A table needs a header line naming its columns; "
          + "see docs/format.md.")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func truncatedQuotedFieldIsRefused() {
    expectMessage(
      "a,b\n1,\"never closed\n",
      "t.csv:2:3: error: a quoted field opened here is never closed (the file ends inside it). "
        + "Add the closing double quote, or double any quote inside the field (\"\")."
    )
  }

  @Test func textAfterClosingQuoteIsRefused() {
    expectMessage(
      "a,b\n1,\"x\"y\n",
      "t.csv:2:6: error: text follows the closing quote of a field. "
        + "Put the whole field in quotes and double the quotes inside it (\"\")."
    )
  }

  /// An unclosed quote that swallows lines up to a later quote is placed
  /// where it opened, not where the damage shows.
  @Test func unclosedQuoteIsPlacedWhereItOpened() {
    expectMessage(
      "id,name\nU1,\"x\nU2,y\nU3,\"z\"w\n",
      "t.csv:2:4: error: the quoted field opened here runs to line 4, where text "
        + "follows its closing quote; its closing quote is probably missing. Close the "
        + "quote on line 2, or double any quote inside the field (\"\").")
  }

  @Test func binaryFileIsRefused() throws {
    var log = DiagnosticLog()
    let bytes: [UInt8] = Array("id,v\n1,".utf8) + [0x00, 0xFF, 0x13]
    #expect(throws: InputError.self) {
      _ = try CSVTable(bytes: bytes, path: "t.csv", log: &log)
    }
    do {
      _ = try CSVTable(bytes: bytes, path: "t.csv", log: &log)
    } catch {
      #expect(
        error.description
          == "t.csv:2:3: error: the file holds a NUL byte; it is not a UTF-8 text table. "
          + "Save the sheet as \"CSV UTF-8\" (a GBK or binary file cannot be read)."
      )
    }
  }

  @Test func gbkBytesAreRefusedWithTheirPlace() {
    let bytes: [UInt8] = Array("id,name\n1,".utf8) + [0xC0, 0xA5]  // 工 in GBK
    var log = DiagnosticLog()
    do {
      _ = try CSVTable(bytes: bytes, path: "t.csv", log: &log)
      Issue.record("GBK bytes were accepted")
    } catch {
      #expect(
        error.description
          == "t.csv:2:3: error: the file holds byte 0xC0, which is not UTF-8; it is not a "
          + "UTF-8 text table. Save the sheet as \"CSV UTF-8\" (a GBK or binary file cannot be read)."
      )
    }
  }

  /// A single 100 MB line is not a table: refused without building fields.
  @Test func hundredMegabyteLineIsRefused() {
    let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 20)
    var log = DiagnosticLog()
    do {
      _ = try CSVTable(bytes: bytes, path: "t.csv", log: &log)
      Issue.record("a 100 MB line was accepted")
    } catch {
      #expect(
        error.description
          == "t.csv:1:1: error: this record is longer than 16 MiB; the file is not a table. "
          + "Check that this is the CSV export of the sheet, with one line per row."
      )
    }
  }

  private func expectMessage(_ text: String, _ message: String) {
    do {
      _ = try csv(text)
      Issue.record("accepted: \(text)")
    } catch let error as InputError {
      #expect(error.description == message)
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }
}
