import Foundation
import Testing

/// `jixiao simulate DATASET --optimise` as a user runs it.
@Suite struct OptimiseCommandTests {
  static func run(_ arguments: [String]) throws -> CommandLineTests.Run {
    try CommandLineTests.run(["simulate"] + arguments)
  }

  @Test(arguments: [
    ["--optimise", "--value", "quadratic"], ["--optimise", "--floor", "1.5"],
    ["--optimise", "--cap", "0.5"], ["--optimise", "--pieces", "2.5"],
    ["--optimise", "--total", "-1"], ["--optimise", "--scenario", "x.json"],
    ["--floor", "0.5"],
  ])
  func usageErrorsExitWith64(_ options: [String]) throws {
    let run = try Self.run([Fixture.repo("datasets/union")] + options)
    #expect(run.status == 64, "\(options): \(run.stderr)")
    #expect(run.stderr.hasPrefix("error: "))
  }

  /// The union data set's scored projects, linear value, total kept: the
  /// budgets after add up to the total before, each within ½–1½ of its
  /// budget, and the value does not fall.
  @Test func writesBothTables() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      Fixture.repo("datasets/union"), "--optimise", "--value", "linear",
      "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out)
      .sorted()
    #expect(
      names == [
        ".jixiao-output", "optimal_projects.csv", "optimal_summary.csv",
      ])
    let rows = try String(
      contentsOfFile: out + "/optimal_projects.csv", encoding: .utf8
    )
    .split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let shared = rows.filter { $0.last != "not shared" }
    let before = shared.compactMap { Double($0[4]) }.reduce(0, +)
    let after = shared.compactMap { Double($0[5]) }.reduce(0, +)
    #expect(abs(before - after) < 1e-6)
    for row in shared {
      let (b, a) = (Double(row[4]) ?? 0, Double(row[5]) ?? 0)
      #expect(a >= 0.5 * b - 1e-9 && a <= 1.5 * b + 1e-9)
    }
  }

  /// Every union project all or nothing: each is funded at its budget or
  /// not at all, and the summary has no shadow price.
  @Test func indivisibleProjects() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      Fixture.repo("datasets/union"), "--optimise", "--indivisible", "all",
      "--total", "200",
      "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try String(
      contentsOfFile: out + "/optimal_projects.csv", encoding: .utf8
    )
    .split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    for row in rows where row.last != "not shared" {
      let (b, a) = (Double(row[4]) ?? -1, Double(row[5]) ?? -1)
      #expect(abs(a) < 1e-9 || abs(a - b) < 1e-9, "\(row)")
    }
    let summary = try String(
      contentsOfFile: out + "/optimal_summary.csv", encoding: .utf8)
    #expect(summary.contains("value of one more 万元 (shadow price),\n"))
  }

  @Test func infeasibleTotalWritesNothing() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      Fixture.repo("datasets/union"), "--optimise", "--total", "1", "--out",
      out,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("the optimisation is infeasible"))
    #expect(
      !FileManager.default.fileExists(atPath: out + "/optimal_projects.csv"))
  }
}
