import Foundation
import Testing

@testable import Jixiao

/// Reading a file in chunks on several cores gives exactly what one scan
/// from start to end gives: the same records, lines and diagnostics.
@Suite struct CSVChunkTests {
  /// Records as (line, texts), read with `threads` chunks of at least
  /// `minimum` bytes; also the number of chunks planned.
  private func records(
    _ file: CSVFile, threads: Int, minimum: Int
  ) throws -> (rows: [[String]], chunks: Int, log: [String]) {
    let parts = try file.forEachChunk(
      threads: threads, minimumChunkBytes: minimum
    ) {
      (reader) throws(InputError) -> ([[String]], [String]) in
      var rows: [[String]] = []
      var log = DiagnosticLog()
      while try reader.next(log: &log) {
        let record = reader.record
        rows.append(
          ["\(record.line)"] + (0..<file.columnCount).map { record.text($0) })
      }
      return (rows, log.diagnostics.map(\.description))
    }
    return (
      parts.flatMap(\.0), file.chunks(threads, minimumBytes: minimum).count,
      parts.flatMap(\.1)
    )
  }

  /// A table whose quoted fields hold commas, doubled quotes and line
  /// breaks of every kind, so that chunk cuts fall inside them.
  private func awkwardTable(rows: Int, strayQuoteAt stray: Int? = nil)
    -> [UInt8]
  {
    var text = "id,note,value\r\n"
    let ends = ["\n", "\r\n", "\r"]
    for r in 0..<rows {
      let note: String
      switch r % 5 {
      case 0: note = "\"多行\n备注 \(r)\r\n第三行\""
      case 1: note = "\"a, b \"\"quoted\"\" \(r)\""
      case 2: note = "plain \(r)"
      case 3: note = "\"\""
      default: note = "\"ends with CR\r\""
      }
      let id = r == stray ? "R\(r)\"x" : "R\(r)"
      text += "\(id),\(note),\(r * 7)" + ends[r % 3]
    }
    return Array(text.utf8)
  }

  @Test(arguments: [2, 3, 4, 7])
  func chunksReadWhatOneScanReads(threads: Int) throws {
    let file = try CSVFile(bytes: awkwardTable(rows: 4_000), path: "t.csv")
    let one = try records(file, threads: 1, minimum: 1 << 30)
    let many = try records(file, threads: threads, minimum: 2_000)
    #expect(one.chunks == 1)
    #expect(many.chunks == threads)
    #expect(many.rows == one.rows)
    #expect(one.rows.count == 4_000)
    #expect(one.rows[1] == ["5", "R1", "a, b \"quoted\" 1", "7"])
  }

  /// A quote that breaks RFC 4180 can fool the split; the file is then
  /// read again in one chunk, and the fault is reported once, in place.
  @Test func strayQuotesFallBackToOneScan() throws {
    let file = try CSVFile(
      bytes: awkwardTable(rows: 4_000, strayQuoteAt: 1_500), path: "t.csv")
    let one = try records(file, threads: 1, minimum: 1 << 30)
    let many = try records(file, threads: 4, minimum: 2_000)
    #expect(many.rows == one.rows)
    #expect(many.log == one.log)
    #expect(one.rows.count == 3_999)
    #expect(one.log.count == 1)
    #expect(
      one.log.first?.hasSuffix(
        "error: a double quote stands inside a field that does not start with one. "
          + "Put the whole field in double quotes and double the quote inside it (\"\"), "
          + "or remove the quote.") == true)
  }

  /// The whole loader, split into small chunks on four threads, builds the
  /// same data set and the same diagnostics as one thread does.
  @Test func loaderChunksChangeNothing() throws {
    let folder = Fixture.temporaryFolder() + "/set"
    _ = try SyntheticGenerator.generate(
      SyntheticSettings(projects: 2_500, seed: 3), into: folder)
    // Faults spread over the files, so that every chunk has some.
    let path = folder + "/indicators.csv"
    var lines = try String(contentsOfFile: path, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for line in stride(from: 3, to: lines.count - 1, by: 997) {
      lines[line] = lines[line].replacingOccurrences(of: "P00", with: "Q00")
    }
    for line in stride(from: 500, to: lines.count - 1, by: 1_301) {
      lines[line] = lines[line].replacingOccurrences(of: ",定量,", with: ",定量?,")
    }
    try lines.joined(separator: "\n").write(
      toFile: path, atomically: true, encoding: .utf8)

    let one = DatasetLoader.load(
      folder: folder, schemePath: nil, threads: 1, minimumChunkBytes: 1 << 30)
    let four = DatasetLoader.load(
      folder: folder, schemePath: nil, threads: 4, minimumChunkBytes: 4_096)
    #expect(one.diagnostics.count > 10)
    #expect(four.diagnostics == one.diagnostics)
    let a = one.dataset
    let b = four.dataset
    #expect(a.projects.ids == b.projects.ids)
    #expect(a.projects.budget == b.projects.budget)
    #expect(a.indicators.project == b.indicators.project)
    #expect(a.indicators.names == b.indicators.names)
    #expect(a.indicators.subdimension == b.indicators.subdimension)
    #expect(a.indicators.unit == b.indicators.unit)
    #expect(a.indicators.target == b.indicators.target)
    #expect(a.indicators.actual == b.indicators.actual)
    #expect(a.indicators.line == b.indicators.line)
    #expect(a.indicators.rowStart == b.indicators.rowStart)
  }
}
