import Foundation
import Testing

/// The `jixiao` executable run as a user runs it: exit statuses, messages,
/// and files written (or, on bad input, not written).
@Suite struct CommandLineTests {
  /// The built `jixiao` beside the test bundle (swift build --build-tests
  /// builds it in the same products folder).
  static let executable: String? = {
    var url = URL(fileURLWithPath: CommandLine.arguments[0])
    for _ in 0..<4 {
      url.deleteLastPathComponent()
      let candidate = url.appendingPathComponent("jixiao").path
      if FileManager.default.isExecutableFile(atPath: candidate) {
        return candidate
      }
    }
    let fallback = Fixture.repo(".build/debug/jixiao")
    return FileManager.default.isExecutableFile(atPath: fallback)
      ? fallback : nil
  }()

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(executable))
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  @Test func checkExitsZeroOnAValidDataSetAndOneOnErrors() throws {
    let good = try Self.run(["check", Fixture.dataset()])
    #expect(good.status == 0)
    #expect(good.stdout.contains("Ready to score."))
    let bad = try Self.run([
      "check",
      Fixture.dataset([
        "projects.csv": "id,name,unit,activity,budget,executed\nP1,x,U2,A1,-1,0"
      ]),
    ])
    #expect(bad.status == 1)
    #expect(bad.stdout.contains("error: the budget is negative (-1)."))
  }

  @Test func usageErrorsExitWith64() throws {
    let run = try Self.run(["score"])
    #expect(run.status == 64)
    #expect(run.stderr.hasPrefix("error: name the data set folder."))
    #expect(try Self.run(["frobnicate"]).status == 64)
    #expect(try Self.run(["score", "x", "--colour", "red"]).status == 64)
    #expect(try Self.run(["help", "score"]).status == 0)
    #expect(try Self.run(["help", "bogus"]).status == 64)
    #expect(try Self.run(["version", "extra"]).status == 64)
    #expect(try Self.run(["score", "x", "--detail=no"]).status == 64)
    #expect(try Self.run(["score", "x", "--out", ""]).status == 64)
    #expect(try Self.run(["score", "x", "--levels", "0"]).status == 64)
    #expect(try Self.run(["score", "x", "--threads", "99999"]).status == 64)
  }

  @Test func scoreWritesEveryTableAtomically() throws {
    let folder = Fixture.dataset()
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run(["score", folder, "--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out)
      .sorted()
    #expect(
      files == [
        ".jixiao-output", "by_activity.csv", "by_duty.csv", "by_unitTree.csv",
        "indicators.csv", "projects.csv",
      ])
    let projects = try String(
      contentsOfFile: out + "/projects.csv", encoding: .utf8)
    #expect(
      projects.contains(
        "P1,送温暖,U2,市总工会,100,90,90,9,47.5,30,10,96.5,excellent,0,scored"))
  }

  /// Bad input of each kind: exit 1, the exact message on stderr, and no
  /// output folder.
  @Test(arguments: [
    (
      "",
      "projects.csv: error: the file is empty. A table needs a header line "
        + "naming its columns; see docs/format.md."
    ),
    (
      "id,name,unit,activity,budget,executed\nP1,\"x,U2,A1,1,1\n",
      "projects.csv:2:4: error: a quoted field opened here is never closed (the file "
        + "ends inside it). Add the closing double quote, or double any quote inside "
        + "the field (\"\")."
    ),
    (
      "id,name,unit,activity,budget,executed\nP1,x,U2,A1,1,\u{0}\n",
      "projects.csv:2:14: error: the file holds a NUL byte; it is not a UTF-8 text "
        + "table. Save the sheet as \"CSV UTF-8\" (a GBK or binary file cannot be read)."
    ),
    (
      "id,name,unit,activity,budget,executed\nP1,x,U2,A1,-3,0\nP2,y,U2,A1,1,1\n",
      "projects.csv:2:12: error: the budget is negative (-3). Amounts are ≥ 0; enter "
        + "the amount without a minus sign, in the data set's money unit."
    ),
    (
      "id,name,unit,activity,budget,executed\nP1,x,U2,A1,1,1\nP2,y,U9,A1,1,1\n",
      "projects.csv:3:6: error: the unit \"U9\" is not in units.csv. Use an id listed "
        + "in units.csv."
    ),
  ])
  func badInputWritesNoOutput(contents: String, message: String) throws {
    let folder = Fixture.dataset(["projects.csv": nil])
    #expect(
      FileManager.default.createFile(
        atPath: folder + "/projects.csv", contents: Data(contents.utf8)))
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run(["simulate", folder, "--out", out])
    #expect(run.status == 1)
    let lines = run.stderr.replacingOccurrences(of: folder + "/", with: "")
      .split(separator: "\n").map(String.init)
    #expect(lines.contains(message), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// A single 100 MB line where a table should be.
  @Test func hundredMegabyteLineWritesNoOutput() throws {
    let folder = Fixture.dataset(["projects.csv": nil])
    let line = Data(repeating: UInt8(ascii: "a"), count: 100 << 20)
    #expect(
      FileManager.default.createFile(
        atPath: folder + "/projects.csv", contents: line))
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run(["score", folder, "--out", out])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "projects.csv:1:1: error: this record is longer than 16 MiB; the file is not a "
          + "table. Check that this is the CSV export of the sheet, with one line per row."
      ))
    #expect(!FileManager.default.fileExists(atPath: out))
    try? FileManager.default.removeItem(atPath: folder)
  }

  @Test func outputIntoTheInputFolderIsRefused() throws {
    let folder = Fixture.dataset()
    let before = try String(
      contentsOfFile: folder + "/projects.csv", encoding: .utf8)
    let run = try Self.run(["score", folder, "--out", folder])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "is an input of this run; Jixiao will not write into it."))
    #expect(
      try String(contentsOfFile: folder + "/projects.csv", encoding: .utf8)
        == before)
  }

  @Test func jsonOutputParses() throws {
    let run = try Self.run(["simulate", Fixture.dataset(), "--format", "json"])
    #expect(run.status == 0)
    let object =
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
      as? [String: Any]
    #expect(
      Set(object?.keys.map { $0 } ?? []) == ["summary", "units", "projects"])
  }
}
