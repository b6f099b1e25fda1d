import Foundation
import Testing

/// `jixiao efficiency` as a user runs it, on a wide table and on a data set.
@Suite struct EfficiencyCommandTests {
  static func run(_ arguments: [String]) throws -> CommandLineTests.Run {
    try CommandLineTests.run(["efficiency"] + arguments)
  }

  /// RC-1 (Coelli, Rao & Battese 1998) as a user would type it.
  static let coelli = """
    firm,x1,x2,y,w1,w2
    1,2,5,1,1,3
    2,2,4,2,1,3
    3,6,6,3,1,3
    4,3,2,1,1,3
    5,6,2,2,1,3

    """

  static func write(_ text: String, name: String = "units.csv") throws -> String
  {
    let path = Fixture.temporaryFolder() + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func rows(_ path: String) throws -> [[String]] {
    try String(contentsOfFile: path, encoding: .utf8)
      .split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(
          String.init)
      }
  }

  static func expectNumbers(
    _ cells: [String], _ expected: [Double],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let values = cells.compactMap(Double.init)
    #expect(
      values.count == expected.count, "\(cells)", sourceLocation: sourceLocation
    )
    for (v, e) in zip(values, expected) {
      #expect(abs(v - e) < 1e-9, "\(v) vs \(e)", sourceLocation: sourceLocation)
    }
  }

  @Test func wideTableWithPrices() throws {
    let table = try Self.write(Self.coelli)
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      "--table", table, "--inputs", "x1,x2", "--outputs", "y", "--prices",
      "w1,w2",
      "--format", "csv", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let dea = try Self.rows(out + "/dea.csv")
    #expect(dea[0].prefix(4) == ["unit", "status", "θ", "efficiency"])
    // θ and cost efficiency of RC-1 under CRS.
    Self.expectNumbers(
      dea.dropFirst().map { $0[2] }, [0.5, 1, 5.0 / 6, 5.0 / 7, 1])
    let cost = try Self.rows(out + "/cost_efficiency.csv")
    Self.expectNumbers(
      cost.dropFirst().map { $0[4] }, [6.0 / 17, 6.0 / 7, 0.75, 2.0 / 3, 1])
  }

  /// Firm 1 producing nothing: the output program is unbounded, and the
  /// table says so with no number.
  @Test func zeroOutputIsUnboundedUnderOutputOrientation() throws {
    let table = try Self.write(
      Self.coelli.replacingOccurrences(of: "1,2,5,1,1,3", with: "1,2,5,0,1,3"))
    let run = try Self.run([
      "--table", table, "--inputs", "x1,x2", "--outputs", "y", "--orientation",
      "output",
      "--format", "csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("\n1,unbounded,,"))
  }

  @Test func periodsGiveTheMalmquistIndex() throws {
    // One input, one output: M = productivity growth (MalmquistTests).
    let table = try Self.write(
      """
      unit,year,x,y
      a,2023,4,2
      b,2023,2,2
      c,2023,8,2
      b,2024,2,3
      a,2024,2,2
      c,2024,8,2

      """)
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      "--table", table, "--inputs", "x", "--outputs", "y", "--period", "year",
      "--format", "csv", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let m = try Self.rows(out + "/malmquist.csv")
    Self.expectNumbers(m.dropFirst().map { $0[8] }, [2, 1.5, 1])
    // One dea table with a period column, periods in time order.
    let dea = try Self.rows(out + "/dea.csv")
    #expect(dea[0].first == "period")
    #expect(
      dea.dropFirst().map { $0[0] } == [
        "2023", "2023", "2023", "2024", "2024", "2024",
      ])
  }

  @Test func badCellsAreNamedWithTheirPlace() throws {
    let table = try Self.write(
      """
      firm,x1,x2,y
      1,2,5,1
      2,2,-4,2
      3,abc,6,3
      3,1,1,1

      """)
    let run = try Self.run([
      "--table", table, "--inputs", "x1,x2", "--outputs", "y",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("units.csv:3:5: error: x2 is negative (-4)"))
    #expect(
      run.stderr.contains("units.csv:4:3: error: x1 \"abc\" is not a number"))
    #expect(run.stderr.contains("units.csv:5:1: error: unit 3 appears twice"))
    #expect(run.stdout.isEmpty)
    let missing = try Self.run([
      "--table", table, "--inputs", "x3", "--outputs", "y",
    ])
    #expect(missing.status == 1)
    #expect(
      missing.stderr.contains(
        "the input column \"x3\" is not in the header. Did you mean \"x1\"?"))
  }

  /// A missing value is refused at its place, never skipped (RC-1's edge:
  /// one peer silently changes another firm's score).
  @Test func emptyCellIsAnError() throws {
    let table = try Self.write(
      Self.coelli.replacingOccurrences(of: "3,2,1,1,3", with: "3,,1,1,3"))
    let run = try Self.run([
      "--table", table, "--inputs", "x1,x2", "--outputs", "y",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("units.csv:5:5: error: x2 is empty."))
  }

  /// RC-2 with --scale: scale efficiency and the side of the optimal
  /// scale (ScaleEfficiencyTests); 5 units for 1 input and 1 output are
  /// fewer than 3(m + s) = 6, which is warned on standard error.
  @Test func scaleTableAndFewUnitsWarning() throws {
    let table = try Self.write("u,x,y\na,2,1\nb,4,2\nc,3,3\nd,5,4\ne,6,5\n")
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      "--table", table, "--inputs", "x", "--outputs", "y", "--scale", "--out",
      out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "warning: 5 unit(s) are fewer than max(m·s, 3(m+s)) = 6"))
    let scale = try Self.rows(out + "/scale.csv")
    Self.expectNumbers(
      scale.dropFirst().map { $0[4] }, [0.5, 0.8, 1, 0.8 / 0.9, 5.0 / 6])
    #expect(
      scale.dropFirst().map { $0[5] } == [
        "increasing", "increasing", "constant", "decreasing", "decreasing",
      ])
  }

  /// Rows of later years first: the periods still run 2019 → 2020 → 2021,
  /// so A's growing productivity (1, 2, 3 from one input) gives M = 2 and
  /// then 1.5, not their inverses.
  @Test func periodsAreInTimeOrder() throws {
    let table = try Self.write(
      "u,year,x,y\nA,2021,1,3\nB,2021,2,2\nA,2020,1,2\nB,2020,2,2\nA,2019,1,1\nB,2019,2,2\n"
    )
    let run = try Self.run([
      "--table", table, "--inputs", "x", "--outputs", "y", "--period", "year",
      "--format",
      "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let json =
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
      as? [String: Any]
    let rows = json?["malmquist"] as? [[String: Any]] ?? []
    let a = rows.filter { $0["unit"] as? String == "A" }
    #expect(a.map { $0["from"] as? String } == ["2019", "2020"])
    Self.expectNumbers(a.map { "\($0["Malmquist"] ?? "")" }, [2, 1.5])
  }

  @Test func columnNamedTwiceAndHugeSpreadAreErrors() throws {
    let twice = try Self.write("id,x1,X1,y\na,1,2,3\nb,2,1,3\n")
    let run = try Self.run([
      "--table", twice, "--inputs", "x1", "--outputs", "y",
    ])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("units.csv:1:7: error: the header names \"X1\" twice")
    )
    let spread = try Self.write("id,x,y\na,1e-9,1\nb,5e14,1\nc,1,1\n")
    let wide = try Self.run([
      "--table", spread, "--inputs", "x", "--outputs", "y",
    ])
    #expect(wide.status == 1)
    #expect(
      wide.stderr.contains(
        "units.csv:2:3: error: x runs from 1e-09 here to 5e+14 on line 3"))
  }

  @Test func samePeriodWrittenTwoWaysIsAnError() throws {
    let table = try Self.write(
      "u,year,x,y\na,2020,1,1\nb,2020,2,1\na,2020.0,1,2\nb,2020.0,2,1\n")
    let run = try Self.run([
      "--table", table, "--inputs", "x", "--outputs", "y", "--period", "year",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("the same number written two ways"))
  }

  @Test func missingUnitInAPeriodIsAnError() throws {
    let table = try Self.write("unit,year,x,y\na,1,1,1\nb,1,2,1\na,2,1,1\n")
    let run = try Self.run([
      "--table", table, "--inputs", "x", "--outputs", "y", "--period", "year",
    ])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "period 2 does not have the same units as period 1 (b differ)"))
  }

  @Test(arguments: [
    ["--returns", "drs"], ["--orientation", "both"],
    ["--inputs", "members,,budget"],
    ["--inputs", "staff"], ["--inputs", "points"], ["--elasticity", "2"],
    ["--id", "firm"], ["--table", "x.csv"], ["--balance-by", "town"],
    ["--table", "t.csv", "--inputs", "x", "--outputs", "y", "--prices", "y"],
  ])
  func usageErrorsExitWith64(_ options: [String]) throws {
    let run = try Self.run([Fixture.repo("datasets/union")] + options)
    #expect(run.status == 64, "\(options): \(run.stderr)")
    #expect(run.stderr.hasPrefix("error: "))
  }

  /// A generated data set (members per unit) with a scenario: DEA of the
  /// grassroots unions, cost-effectiveness, core duties and the balance
  /// before and after, all written.
  @Test func dataSetWithScenario() throws {
    let data = Fixture.temporaryFolder() + "/g"
    let generated = try CommandLineTests.run([
      "generate", "--projects", "600", "--seed", "5", "--out", data,
    ])
    #expect(generated.status == 0, "\(generated.stderr)")
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      data, "--level", "grassroots", "--returns", "vrs", "--scenario",
      Fixture.repo("datasets/scenarios/budget-neutral.json"), "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out)
      .sorted()
    #expect(
      names == [
        ".jixiao-output", "balance.csv", "core_duties.csv",
        "cost_effectiveness.csv",
        "cost_effectiveness_projects.csv", "dea.csv", "what_if.csv",
      ])
    let balance = try Self.rows(out + "/balance.csv")
    #expect(balance.dropFirst().map { $0[1] }.contains("after"))
    // Under VRS every unit scores in (0, 1] and at least one scores 1.
    let scores = try Self.rows(out + "/dea.csv").dropFirst().compactMap {
      Double($0[4])
    }
    #expect(!scores.isEmpty && scores.allSatisfy { $0 > 0 && $0 <= 1 })
    #expect(scores.contains(1))
  }
}

/// Slips a tester made with the data-set form.
@Suite struct EfficiencyDatasetSlipsTests {
  static func run(_ arguments: [String]) throws -> CommandLineTests.Run {
    try CommandLineTests.run(["efficiency"] + arguments)
  }

  @Test func membersWithoutAMembersColumn() throws {
    let run = try Self.run([
      Fixture.repo("datasets/union"), "--inputs", "members",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("has no members column"))
  }

  @Test(arguments: [
    ["--level", "town2"], ["--inputs", "--outputs", "good"],
  ])
  func usageSlipsExitWith64(_ options: [String]) throws {
    let run = try Self.run([Fixture.repo("datasets/union")] + options)
    #expect(run.status == 64, "\(run.stderr)")
  }

  @Test func aTableGivenAsADataSet() throws {
    let run = try Self.run([
      Fixture.repo("Tests/JixiaoTests/Fixtures/dea/spread-300.csv")
    ])
    #expect(run.status == 64)
    #expect(
      run.stderr.contains(
        "is a table, not a data set folder; for a table use --table"))
  }

  /// A scoring scheme passed as a scenario is refused, not run as the
  /// default scenario.
  @Test func aSchemeIsNoScenario() throws {
    let run = try Self.run([
      Fixture.repo("datasets/union"), "--scenario",
      Fixture.repo("datasets/union/scheme.json"),
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("it is not a scenario file"))
  }

  @Test func unknownCoreCategoryIsWarned() throws {
    let run = try Self.run([
      Fixture.repo("datasets/union"), "--core-categories", "维权帮扶,foo",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stderr.contains(
        "warning: --core-categories names foo, which no project"))
  }
}
