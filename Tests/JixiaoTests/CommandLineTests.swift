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
        "by_activity.csv", "by_duty.csv", "by_unitTree.csv", "indicators.csv",
        "projects.csv",
      ])
    let projects = try String(
      contentsOfFile: out + "/projects.csv", encoding: .utf8)
    #expect(
      projects.contains(
        "P1,送温暖,市总工会,100,90,90,9,47.5,30,10,96.5,excellent,0,scored"))
  }

  /// Bad input of each kind: exit 1, the message on stderr, no output.
  @Test(arguments: [
    ("", "projects.csv: error: the file is empty."),
    (
      "id,name,unit,activity,budget,executed\nP1,\"x,U2,A1,1,1\n",
      "never closed"
    ),
    ("id,name,unit,activity,budget,executed\nP1,x,U2,A1,1,\u{0}\n", "NUL byte"),
  ])
  func badInputWritesNoOutput(contents: String, message: String) throws {
    let folder = Fixture.dataset(["projects.csv": nil])
    FileManager.default.createFile(
      atPath: folder + "/projects.csv", contents: Data(contents.utf8))
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run(["simulate", folder, "--out", out])
    #expect(run.status == 1)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
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
