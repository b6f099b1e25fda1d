import Foundation
import Testing

@testable import Jixiao

/// `--out` folders: all files or none, and never a file Jixiao did not
/// write.
@Suite struct OutputFolderTests {
  private func table(_ name: String, _ value: String) -> ReportTable {
    var table = ReportTable(name: name, title: "", columns: [.init("v")])
    table.append([.text(value)])
    return table
  }

  private func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  private func entries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .sorted()
  }

  /// Another data set's projects.csv is not replaced by a score table.
  @Test func refusesToReplaceFilesItDidNotWrite() throws {
    let folder = Fixture.dataset()
    let writer = AtomicWriter(folder: folder, inputs: [])
    do {
      try writer.write([table("projects", "x")], format: .csv)
      Issue.record("replaced a data set's projects.csv")
    } catch {
      #expect(
        error.description
          == "\(folder)/projects.csv: error: exists and was not written by Jixiao, so it "
          + "is not replaced; nothing was written. Choose a new or empty output folder, "
          + "or one Jixiao wrote before (it keeps the list of its files in .jixiao-output)."
      )
    }
    #expect(read(folder + "/projects.csv")?.hasPrefix("id,name,unit") == true)
  }

  /// A second run replaces the files of the first, and removes the
  /// tables of the first it does not write (b.csv, an old trends table),
  /// so the folder never mixes two runs; the ledger lists what is left.
  @Test func replacesItsOwnFilesAndRemovesTheirOthers() throws {
    let out = Fixture.temporaryFolder()
    let writer = AtomicWriter(folder: out, inputs: [])
    try writer.write([table("a", "1"), table("b", "1")], format: .csv)
    try writer.write([table("a", "2")], format: .csv)
    #expect(read(out + "/a.csv") == "v\n2\n")
    #expect(entries(out) == [".jixiao-output", "a.csv"])
    #expect(read(out + "/.jixiao-output") == "a.csv\n")
  }

  /// The same tables as JSON take the place of the CSV files; a file
  /// Jixiao did not write (notes.csv) and a data set's file that is an
  /// input of the run stay.
  @Test func removesOnlyItsOwnEarlierTables() throws {
    let out = Fixture.temporaryFolder()
    try AtomicWriter(folder: out, inputs: []).write(
      [table("a", "1"), table("codes", "1")], format: .csv)
    #expect(
      FileManager.default.createFile(
        atPath: out + "/notes.csv", contents: Data("mine".utf8)))
    try AtomicWriter(folder: out, inputs: [out + "/codes.csv"]).write(
      [table("a", "2")], format: .json)
    #expect(
      entries(out) == [
        ".jixiao-output", "a.json", "codes.csv", "notes.csv",
      ])
    #expect(read(out + "/notes.csv") == "mine")
    #expect(read(out + "/.jixiao-output") == "a.json\ncodes.csv\n")
  }

  /// A folder that holds a data set (its dataset.json) keeps every file:
  /// the data set's .csv files are on the ledger of the import that wrote
  /// them, but are data, not tables of an earlier run.
  @Test func aDataSetFolderKeepsItsFiles() throws {
    let out = Fixture.temporaryFolder()
    let writer = AtomicWriter(folder: out, inputs: [])
    try writer.write([
      (name: "units.csv", contents: "id\n"),
      (name: "dataset.json", contents: "{}"),
    ])
    try writer.write([table("a", "1")], format: .csv)
    #expect(
      entries(out) == [".jixiao-output", "a.csv", "dataset.json", "units.csv"])
  }

  /// When the write fails, the earlier tables are all still there.
  @Test func aFailedWriteRemovesNothing() throws {
    let out = Fixture.temporaryFolder()
    let writer = AtomicWriter(folder: out, inputs: [])
    try writer.write([table("a", "1"), table("b", "1")], format: .csv)
    try FileManager.default.createDirectory(
      atPath: out + "/c.csv", withIntermediateDirectories: false)
    #expect(throws: InputError.self) {
      try writer.write([table("a", "2"), table("c", "2")], format: .csv)
    }
    #expect(read(out + "/a.csv") == "v\n1\n")
    #expect(read(out + "/b.csv") == "v\n1\n")
  }

  /// A folder where a file should go fails the run before anything is
  /// replaced: the earlier files stay as they were, and no temporary file
  /// is left.
  @Test func aFolderInTheWayChangesNothing() throws {
    let out = Fixture.temporaryFolder()
    let writer = AtomicWriter(folder: out, inputs: [])
    try writer.write(
      [table("a", "1"), table("b", "1"), table("c", "1")], format: .csv)
    try FileManager.default.removeItem(atPath: out + "/b.csv")
    try FileManager.default.createDirectory(
      atPath: out + "/b.csv", withIntermediateDirectories: false)
    #expect(throws: InputError.self) {
      try writer.write(
        [table("a", "2"), table("b", "2"), table("c", "2")], format: .csv)
    }
    #expect(read(out + "/a.csv") == "v\n1\n")
    #expect(read(out + "/c.csv") == "v\n1\n")
    #expect(entries(out) == [".jixiao-output", "a.csv", "b.csv", "c.csv"])
  }

  /// Temporary files of a run that was killed are removed by the next.
  @Test func leftOversOfKilledRunsAreRemoved() throws {
    let out = Fixture.temporaryFolder()
    // A process id that does not run: larger than Linux's pid_max.
    for name in [".a.csv.tmp-99999999", ".a.csv.old-99999999"] {
      #expect(
        FileManager.default.createFile(
          atPath: out + "/" + name, contents: Data("x".utf8)))
    }
    try AtomicWriter(folder: out, inputs: []).write(
      [table("a", "1")], format: .csv)
    #expect(entries(out) == [".jixiao-output", "a.csv"])
  }
}
