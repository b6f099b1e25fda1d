import Foundation
import Testing

/// `jixiao simulate` with several scenarios and with `--years`, as a user
/// runs it.
@Suite struct CompareCommandTests {
  static func run(_ arguments: [String]) throws -> CommandLineTests.Run {
    try CommandLineTests.run(["simulate"] + arguments)
  }

  static let scenarios = [
    "--scenario", Fixture.repo("datasets/scenarios/grade-rules.json"),
    "--scenario", Fixture.repo("datasets/scenarios/rectification.json"),
  ]

  @Test(arguments: [
    ["--years", "0"], ["--years", "3", "--runs", "0"], ["--runs", "10"],
    ["--years", "2", "--seed", "-1"], ["--years", "2", "--noise", "x"],
    ["--years", "2", "--optimise"], ["--elasticity", "0.3"],
    ["--years", "2", "--elasticity-spread", "2"],
  ])
  func usageErrorsExitWith64(_ options: [String]) throws {
    let run = try Self.run([Fixture.repo("datasets/union")] + options)
    #expect(run.status == 64, "\(options): \(run.stderr)")
    #expect(run.stderr.hasPrefix("error: "))
  }

  /// The baseline and two scenarios in one table: the baseline keeps
  /// every budget, grade-rules gives the total of datasets/scenarios'
  /// README (2131.4014 万元), and the per-project table has a row per
  /// project and scenario.
  @Test func comparesScenariosInOneTable() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run(
      [Fixture.repo("datasets/union")] + Self.scenarios + ["--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out)
      .sorted()
    #expect(
      names == [".jixiao-output", "scenario_projects.csv", "scenarios.csv"])
    let rows = try String(
      contentsOfFile: out + "/scenarios.csv", encoding: .utf8
    )
    .split(separator: "\n").map { $0.split(separator: ",") }
    #expect(
      rows.map { $0[0] } == [
        "scenario", "baseline", "grade-rules", "rectification",
      ])
    #expect(rows[1][2] == "0")
    #expect(abs((Double(rows[2][1]) ?? 0) - 2131.4014) < 1e-9)
    let projects = try String(
      contentsOfFile: out + "/scenario_projects.csv", encoding: .utf8
    ).split(separator: "\n")
    let union = try String(
      contentsOfFile: Fixture.repo("datasets/union/projects.csv"),
      encoding: .utf8
    ).split(separator: "\n")
    #expect(projects.count == 1 + 3 * (union.count - 1))
  }

  /// A multi-year run writes the year table with a row for the data set
  /// and each year per scenario; the same seed gives the same file on one
  /// and two threads.
  @Test func multiYearRunIsTheSameOnAnyThreadCount() throws {
    var files: [String] = []
    for threads in ["1", "2"] {
      let out = Fixture.temporaryFolder() + "/out"
      let run = try Self.run(
        [Fixture.repo("datasets/union")] + Self.scenarios + [
          "--years", "2", "--runs", "20", "--seed", "9", "--threads", threads,
          "--out", out,
        ])
      #expect(run.status == 0, "\(run.stderr)")
      files.append(
        try String(contentsOfFile: out + "/multiyear.csv", encoding: .utf8))
      #expect(
        FileManager.default.fileExists(atPath: out + "/multiyear_projects.csv"))
    }
    #expect(files[0] == files[1])
    let rows = files[0].split(separator: "\n")
    #expect(rows.count == 1 + 3 * 3)
  }

  @Test func duplicateNamesAndUnknownProjectsAreRefused() throws {
    let twice = try Self.run([
      Fixture.repo("datasets/union"), "--scenario",
      Fixture.repo("datasets/scenarios/strict.json"), "--scenario",
      Fixture.repo("datasets/scenarios/strict.json"),
    ])
    #expect(twice.status == 1)
    #expect(twice.stderr.contains("the scenario is named \"strict\", as "))
    let path = Fixture.temporaryFolder() + "/p.json"
    #expect(
      FileManager.default.createFile(
        atPath: path,
        contents: Data(#"{"name": "p", "rules": {"protected": ["NOPE"]}}"#.utf8)
      ))
    let unknown = try Self.run([
      Fixture.repo("datasets/union"), "--scenario", path,
    ])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr.contains(
        "p.json:1:39: error: `rules.protected` names NOPE"))
  }
}
