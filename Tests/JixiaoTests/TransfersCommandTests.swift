import Foundation
import Testing

/// `jixiao transfers` as a user runs it, on the four-city fixture of
/// TransfersTests and on a generated data set.
@Suite struct TransfersCommandTests {
  static func run(_ arguments: [String]) throws -> CommandLineTests.Run {
    try CommandLineTests.run(["transfers"] + arguments)
  }

  static func column(_ rows: [[String]], _ name: String) -> [String] {
    guard let k = rows.first?.firstIndex(of: name) else { return [] }
    return rows.dropFirst().map { $0[k] }
  }

  /// The transfers of TransfersTests.handWorkedDefaultFormula, written to
  /// files (machine output keeps 10 decimals): 212/19, 328/19, 2260/57,
  /// 1820/57.
  @Test func writesTheHandWorkedTransfers() throws {
    let folder = Fixture.dataset(TransfersTests.files())
    let out = Fixture.temporaryFolder() + "/out"
    let run = try Self.run([
      folder, "--total", "100", "--format", "csv", "--out", out,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try EfficiencyCommandTests.rows(out + "/transfers.csv")
    #expect(Self.column(rows, "unit") == ["A", "B", "C", "D"])
    EfficiencyCommandTests.expectNumbers(
      Self.column(rows, "transfer (万元)"),
      [212.0 / 19, 328.0 / 19, 2260.0 / 57, 1820.0 / 57])
    EfficiencyCommandTests.expectNumbers(
      Self.column(rows, "capacity per member equal (元)"),
      [6000, 3000, 2000, 2500])
    #expect(
      Self.column(rows, "grade") == ["excellent", "good", "fair", "poor"])
    let summary = try EfficiencyCommandTests.rows(
      out + "/transfers_summary.csv")
    #expect(
      Self.column(summary, "when") == [
        "before", "after formula", "after equal per member",
      ])
    let settings = try String(
      contentsOfFile: out + "/transfers_settings.csv", encoding: .utf8)
    #expect(
      settings.contains("target,1800.00 元 (members-weighted mean capacity)"))
  }

  /// --target is per member in the unit of the tables (元 for 万元):
  /// 2000 元 = 0.2 万元 leaves only C and D below it, 300 × 0.1 = 30 and
  /// 400 × 0.05 = 20, shares 0.6 and 0.4 (hand computation). A target of
  /// 0 leaves nobody below: the note is on standard error.
  @Test func targetAndRedistributionNote() throws {
    let folder = Fixture.dataset(TransfersTests.files())
    let run = try Self.run([
      folder, "--total", "100", "--target", "2000", "--format", "csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let rows = run.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(
        String.init)
    }
    EfficiencyCommandTests.expectNumbers(
      Self.column(rows, "share equalisation"), [0, 0, 0.6, 0.4])
    let zero = try Self.run([folder, "--total", "100", "--target", "0"])
    #expect(zero.status == 0)
    #expect(zero.stderr.contains("note: the equalisation factor is 0"))
    #expect(zero.stdout.contains("its weight went to the other factors"))
  }

  @Test func chineseLabelsAndScoreMode() throws {
    let folder = Fixture.dataset(TransfersTests.files())
    let run = try Self.run([
      folder, "--total", "100", "--lang", "zh", "--performance", "score",
      "--weights", "members=0.5,performance=0.5",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("因素法转移支付"))
    #expect(run.stdout.contains("绩效因素份额"))
    #expect(run.stdout.contains("按人均分配后"))
  }

  /// Bad options exit 64 and say what to give.
  @Test(arguments: [
    ([] as [String], "--total is needed"),
    (["--total", "abc"], "give a plain decimal amount > 0"),
    (["--total", "100", "--weights", "members=0.5"], "sum to 0.5"),
    (["--total", "100", "--weights", "people=1"], "the factors are"),
    (["--total", "100", "--weights", "members"], "name=number pairs"),
    (["--total", "100", "--performance", "best"], "use grade or score"),
    (["--total", "100", "--grade-points", "A=1"], "the grades are"),
    (["--total", "100", "--target", "-1"], "--target is -1"),
    (["--total", "100", "--neutral-score", "120"], "from 0 to 100"),
    (["--total", "100", "--level", "town"], "the levels of"),
    (["--total", "100", "--total", "200"], "given twice"),
  ])
  func badOptionsExit64(arguments: [String], message: String) throws {
    let folder = Fixture.dataset(TransfersTests.files())
    let run = try Self.run([folder] + arguments)
    #expect(run.status == 64)
    #expect(run.stderr.contains(message), "\(run.stderr)")
    #expect(run.stderr.contains("See 'jixiao help transfers'."))
  }

  /// A weighted factor without its column fails with exit 1 and names the
  /// column; with its weight 0 the same data set works.
  @Test func missingPayrollColumn() throws {
    let units = TransfersTests.units.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6)
        .joined(separator: ",")
    }.joined(separator: "\n")
    let folder = Fixture.dataset(TransfersTests.files(units: units))
    let run = try Self.run([folder, "--total", "100"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("units.csv has no payroll column"))
    let without = try Self.run([
      folder, "--total", "100", "--weights",
      "members=0.6,performance=0.2,equalisation=0.2",
    ])
    #expect(without.status == 0, "\(without.stderr)")
  }

  @Test func helpNamesTheOptions() throws {
    let run = try CommandLineTests.run(["help", "transfers"])
    #expect(run.status == 0)
    for option in TransfersOptionsNames.all {
      #expect(run.stdout.contains("--\(option)"), "\(option)")
    }
  }

  /// A generated data set end to end, as JSON: 14 cities, Σ = T.
  @Test func generatedDataSetAsJSON() throws {
    let folder = Fixture.temporaryFolder() + "/set"
    let made = try CommandLineTests.run([
      "generate", "--projects", "1500", "--seed", "9", "--out", folder,
    ])
    #expect(made.status == 0, "\(made.stderr)")
    let run = try Self.run([folder, "--total", "8000", "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    let tables = try #require(object as? [String: Any])
    let rows = try #require(tables["transfers"] as? [[String: Any]])
    #expect(rows.count == 14)
    let sum = rows.compactMap { $0["transfer (万元)"] as? Double }.reduce(0, +)
    #expect(abs(sum - 8000) < 1e-6)
    #expect((tables["transfers_summary"] as? [[String: Any]])?.count == 3)
  }
}

/// The options `jixiao help transfers` must list.
enum TransfersOptionsNames {
  static let all = [
    "total", "level", "weights", "performance", "grade-points", "target",
    "neutral-score", "format", "out", "lang",
  ]
}
