import Foundation
import Testing

@testable import Jixiao

/// The bundled data sets, against values computed independently (Python,
/// by the rules of docs/domain.md §6.3) and listed in their READMEs.
@Suite struct BundledDataTests {
  static func load(_ name: String) throws -> (Dataset, Evaluation) {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/\(name)"))
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    return (loaded.dataset, try Evaluator.evaluate(loaded.dataset))
  }

  /// datasets/union/README.md: score and grade of every project.
  @Test func unionScores() throws {
    let (dataset, evaluation) = try Self.load("union")
    let expected: [String: (Double, Grade)] = [
      "P-LF-2019": (97.240741, .excellent), "P-CZ-2022": (100, .excellent),
      "P-KM-2018": (99.758261, .excellent), "P-YY-SWN": (88.032223, .good),
      "P-YY-BF": (74.414698, .fair), "P-YY-LM": (95.5, .excellent),
      "P-GS-ZX": (84.758536, .good), "P-DEMO-PX": (47.362685, .poor),
      "P-DEMO-WT": (85.639985, .good),
    ]
    #expect(dataset.projects.count == expected.count)
    for p in 0..<dataset.projects.count {
      let (score, grade) = try #require(expected[dataset.projects.ids[p]])
      #expect(
        abs(evaluation.score[p] - score) < 5e-7, "\(dataset.projects.ids[p])")
      #expect(evaluation.grade[p] == grade)
    }
    let excluded = try #require(dataset.projects.ids.firstIndex(of: "P-GS-ZX"))
    #expect(evaluation.status[excluded] == .excluded)
    // The excluded project counts in its unit's projects and budget, not
    // in its score.
    let units = Rollup(evaluation, of: dataset, level: .unitTree)
    let guangshui = try #require(dataset.units.ids.firstIndex(of: "U-GS"))
    #expect(units.projectCount[guangshui] == 1)
    #expect(units.scoredCount[guangshui] == 0)
    #expect(units.budget[guangshui] == 67.56)
    #expect(units.meanScore[guangshui] == nil)
    #expect(evaluation.softTargetRows.count == 1)
  }

  /// datasets/union/README.md: with integer rows Langfang gives 98 (SELF-1).
  @Test func unionIntegerRows() throws {
    var loaded = DatasetLoader.load(folder: Fixture.repo("datasets/union"))
    loaded.dataset.scheme.rowRounding = .integer
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    let ids = loaded.dataset.projects.ids
    let expected: [String: Double] = [
      "P-LF-2019": 98, "P-CZ-2022": 100, "P-KM-2018": 100, "P-YY-SWN": 88,
      "P-YY-BF": 75,
      "P-YY-LM": 96, "P-GS-ZX": 85, "P-DEMO-PX": 49, "P-DEMO-WT": 87,
    ]
    for p in ids.indices {
      #expect(evaluation.score[p] == expected[ids[p]], "\(ids[p])")
    }
  }

  /// datasets/scenarios/README.md: totals after each scenario on union.
  @Test(arguments: [
    ("grade-rules", 2131.4014), ("budget-neutral", 2123.234),
    ("strict", 2099.4814),
  ])
  func unionScenarios(name: String, total: Double) throws {
    let (dataset, evaluation) = try Self.load("union")
    let (scenario, warnings) = try Scenario.load(
      from: Fixture.repo("datasets/scenarios/\(name).json"))
    #expect(warnings.isEmpty)
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: scenario)
    #expect(abs(result.totalAfter - total) < 1e-9)
  }

  /// The committed ADB data set is exactly what the documented import
  /// command produces from the bundled source table.
  @Test func adbImportReproducesTheCommittedFiles() throws {
    try Fixture.expectImportReproduces(
      "adb", table: "adb-ied-aer2024-success-rates.csv", projects: 998)
  }

  /// datasets/adb/README.md: 105 unrated; derived overall ratings HS 11,
  /// S 596, LS 235, U 51; and the derived rating equals the IED's published
  /// overall rating for 874 of the 893 rated projects.
  @Test func adbRatingsAgreeWithPublishedOverallRatings() throws {
    let (dataset, evaluation) = try Self.load("adb")
    #expect(dataset.projects.count == 998)
    #expect(evaluation.status.count { $0 == .unrated } == 105)
    var bands = [Int](repeating: 0, count: 4)
    for p in 0..<998 where evaluation.overallRating[p] >= 0 {
      bands[Int(evaluation.overallRating[p])] += 1
    }
    #expect(bands == [11, 596, 235, 51])

    var log = DiagnosticLog()
    let source = try CSVTable(
      contentsOf: Fixture.repo(
        "datasets/adb/import/adb-ied-aer2024-success-rates.csv"),
      log: &log)
    let tag = try #require(source.header.firstIndex(of: "AER Ratings Tag"))
    let published = try #require(
      source.header.firstIndex(of: "IED overall rating"))
    var rows: [Int] = []
    for r in 0..<source.recordCount where source.text(r, tag) == "1" {
      rows.append(r)
    }
    #expect(rows.count == 998)
    var agree = 0
    var rated = 0
    for (p, r) in rows.enumerated() where evaluation.overallRating[p] >= 0 {
      rated += 1
      let derived = dataset.scheme.overall[Int(evaluation.overallRating[p])]
        .rating
      if derived == source.text(r, published).lowercased() { agree += 1 }
    }
    #expect(rated == 893)
    #expect(agree == 874)
  }
}
