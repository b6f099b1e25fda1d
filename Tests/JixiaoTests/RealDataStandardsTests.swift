import Foundation
import Testing

@testable import Jixiao

/// Standards on the bundled real data sets, against counts made
/// independently from the source tables (Python's csv module).
@Suite struct RealDataStandardsTests {
  static func study(_ name: String, by keys: [StandardsSettings.GroupKey])
    throws
    -> StandardsStudy
  {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/\(name)"))
    #expect(!loaded.hasErrors)
    var settings = StandardsSettings()
    settings.groupBy = keys
    let measures = Measures([loaded.dataset], years: [0])
    return StandardsStudy(
      [loaded.dataset], measures: measures, settings: settings)
  }

  /// The committed World Bank data set is exactly what the documented
  /// import produces from the bundled source table.
  @Test func worldBankImportReproducesTheCommittedFiles() throws {
    try Fixture.expectImportReproduces(
      "wb-ieg", table: "wb-ieg-project-performance-ratings-2026-01-15.csv",
      projects: 12_328)
  }

  /// IEG outcome ratings by WB Region, counted from the source CSV:
  /// East Asia and Pacific HS 110, S 1054, MS 445, MU 138, U 212, HU 20,
  /// Not Rated 9 (1,979 rated, 1,609 moderately satisfactory or better);
  /// Western and Central Africa HS 37, S 684, MS 500, MU 253, U 376,
  /// HU 36, Not Rated 8 (1,886 rated, 1,221 MS+).
  @Test func worldBankOutcomeSharesByRegion() throws {
    let study = try Self.study("wb-ieg", by: [.region])
    let shares = RatingShares(study)
    let measures = study.measures
    let outcome = try #require(
      measures.measures.firstIndex { $0.kind == .rating && $0.key == "outcome" }
    )
    func cell(_ region: String) throws -> RatingShares.Cell {
      try #require(
        shares.cells.first {
          $0.level == 1 && $0.measure == Int32(outcome)
            && study.levels[1].labels[Int($0.group)] == [region]
        })
    }
    let east = try cell("East Asia and Pacific")
    #expect(east.counts == [110, 1054, 445, 138, 212, 20])
    #expect(east.notRated == 9)
    #expect(abs(east.upperHalfShare - 1609.0 / 1979) < 1e-15)
    let west = try cell("Western and Central Africa")
    #expect(west.counts == [37, 684, 500, 253, 376, 36])
    #expect(west.notRated == 8)
    #expect(abs(west.upperHalfShare - 1221.0 / 1886) < 1e-15)
    // M&E quality over all projects: High 129, Substantial 1898, Modest
    // 2334, Negligible 486, Not Rated 7481; the upper half is Substantial+.
    let me = try #require(
      measures.measures.firstIndex { $0.kind == .rating && $0.key == "me" })
    let all = try #require(
      shares.cells.first { $0.level == 0 && $0.measure == Int32(me) })
    #expect(all.counts == [129, 1898, 2334, 486])
    #expect(all.notRated == 7481)
    #expect(shares.scales[me]?.upperHalfFrom == 3)
  }

  /// ADB cost and time overruns: 989 of the 998 projects have both project
  /// costs as numbers with a non-zero appraisal (9 have `nda` or an empty
  /// cell); project 52256-006/0704 cost 0.351 against 0.625 appraised
  /// (0.5616) and closed 2021-09-27 against 2021-12-01 estimated: −65 days,
  /// −2.14 months, kept to one decimal as −2.1.
  @Test func adbOverruns() throws {
    let study = try Self.study("adb", by: [.category])
    let measures = study.measures
    let cost = try #require(
      measures.measures.firstIndex { $0.name.hasPrefix("cost overrun") })
    let time = try #require(
      measures.measures.firstIndex { $0.name.hasPrefix("time overrun") })
    #expect(measures.measures[cost].direction == .lower)
    #expect(measures.measure.count { $0 == Int32(cost) } == 989)
    let first = try #require(
      measures.projectIDs.firstIndex(of: "52256-006/0704"))
    let values = (0..<measures.count).filter {
      measures.owner[$0] == Int32(first)
    }
    #expect(
      values.contains {
        measures.measure[$0] == Int32(cost) && measures.value[$0] == 0.5616
      })
    #expect(
      values.contains {
        measures.measure[$0] == Int32(time) && measures.value[$0] == -2.1
      })
  }

  /// The union data set codes its nine satisfaction rows SAT (worded nine
  /// ways). Actuals 100, 95, 96, 86, 82, 97, 85, 76, 86: median 86; type-7
  /// P80 at position 6.4 of the sorted values is 96 + 0.4 × (97 − 96) =
  /// 96.4. Every target but Langfang's 100 is below that benchmark; and
  /// 益阳's 3,900 households against a target of 3,000 is 1.3 × the
  /// target, an overshoot at the default 1.2.
  @Test func unionSatisfactionStandardAndTargetReview() throws {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/union"))
    let study = try Self.study("union", by: [.category])
    let measures = study.measures
    let sat = try #require(measures.measures.firstIndex { $0.code == "SAT" })
    let all = try #require(
      study.levels[0].cells.cell(measure: Int32(sat), group: 0))
    #expect(study.levels[0].cells.n[Int(all)] == 9)
    #expect(study.levels[0].cells.standard[Int(all)] == 86)
    #expect(abs(study.levels[0].cells.benchmark[Int(all)] - 96.4) < 1e-12)
    let review = TargetReview(study, [loaded.dataset])
    let soft = review.findings.filter {
      measures.measure[Int($0.value)] == Int32(sat)
        && $0.flags.contains(.belowBenchmark)
    }
    #expect(soft.count == 8)
    let overshoots = review.findings.filter { $0.flags.contains(.overshoot) }
    #expect(overshoots.map(\.target) == [3000])
    #expect(overshoots.map(\.actual) == [3900])
  }

  /// Observed rows have no target, so target review never flags them: the
  /// ADB data set has only ratings and observations. (By region and
  /// sector some time-overrun benchmarks are negative, e.g. −3.98 months
  /// for Central and West Asia / PSM, which a target of 0 read from an
  /// observed row would "fall short" of.)
  @Test func observationsAreNotReviewedAsTargets() throws {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/adb"))
    let study = try Self.study("adb", by: [.region, .category])
    #expect(TargetReview(study, [loaded.dataset]).findings.isEmpty)
  }
}
