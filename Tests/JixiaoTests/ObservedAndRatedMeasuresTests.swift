import Foundation
import Testing

@testable import Jixiao

/// Observed rows (a value with no target and no points) and ratings as
/// measures of a standards study.
@Suite struct ObservedAndRatedMeasuresTests {
  static let header =
    "project,dimension,subdimension,name,kind,operator,target,actual,unit,weight"
  static let scored = Fixture.validFiles["indicators.csv"] ?? ""

  /// Two observations per project: one with a direction, one without, one
  /// with an empty actual (not observed).
  static let withObservations =
    scored + "\n"
      + """
      P1,,,人均慰问成本,observed,<=,,0.05,万元/人,
      P1,,,志愿者人数,观测,,,12,人,0
      P2,,,人均慰问成本,observed,<=,,0.08,万元/人,
      P2,output,,志愿者人数,observed,,,,人,
      """

  @Test func observationsAreNotScored() throws {
    let plain = DatasetLoader.load(folder: Fixture.dataset())
    let observed = DatasetLoader.load(
      folder: Fixture.dataset(["indicators.csv": Self.withObservations]))
    #expect(!observed.hasErrors, "\(observed.diagnostics.map(\.description))")
    #expect(
      observed.dataset.indicators.count == plain.dataset.indicators.count + 4)
    let before = try Evaluator.evaluate(plain.dataset)
    let after = try Evaluator.evaluate(observed.dataset)
    // Same totals to the last bit: the rows take no weight and no points.
    #expect(after.score == before.score)
    #expect(after.grade == before.grade)
  }

  @Test func observationsAreMeasuresWithTheirDirection() throws {
    let loaded = DatasetLoader.load(
      folder: Fixture.dataset(["indicators.csv": Self.withObservations]))
    let measures = Measures([loaded.dataset], years: [2024])
    let cost = try #require(
      measures.measures.firstIndex { $0.name == "人均慰问成本" })
    #expect(measures.measures[cost].direction == .lower)
    #expect(measures.measures[cost].unit == "万元/人")
    let costs = (0..<measures.count).filter {
      measures.measure[$0] == Int32(cost)
    }
    .map { measures.value[$0] }
    #expect(costs == [0.05, 0.08])
    let volunteers = try #require(
      measures.measures.firstIndex { $0.name == "志愿者人数" })
    #expect(measures.measures[volunteers].direction == .exact)
    // P2's row has no actual: not observed, so one value.
    #expect(measures.measure.count { $0 == Int32(volunteers) } == 1)
  }

  @Test func observationsWithWeightOrTargetAreRefused() {
    let problems = Fixture.problems(
      Fixture.dataset([
        "indicators.csv": Self.scored + "\n"
          + "P1,,,志愿者人数,observed,,50,12,人,\n"
          + "P2,,,志愿者人数,observed,,,12,人,5\n"
          + "P2,,,志愿者人数,observed,more,,12,人,"
      ]))
    #expect(
      problems.contains(
        "indicators.csv:9:22: error: an observed row has no target, but this one has 50. "
          + "Make the row quantitative to score it against the target, or clear the target."
      ), "\(problems)")
    #expect(
      problems.contains(
        "indicators.csv:10:28: error: an observed row earns no points, but its weight is 5. "
          + "Leave the weight empty or 0, or make the row quantitative with a target to "
          + "score it."))
    #expect(
      problems.contains(
        "indicators.csv:11:21: error: operator \"more\" is not known. For an observation "
          + "the operator names the good direction: >= (more is better), <= (less is "
          + "better) or = (neither); or leave it empty."))
  }

  /// The bundled ADB data set: the IED relevance labels of the 998 rated
  /// projects, counted independently from the source CSV (Python csv
  /// module, AER Ratings Tag = 1, labels lower-cased): relevant 662, less
  /// than relevant 123, highly relevant 106, irrelevant 3, na 104.
  @Test func adbRelevanceShares() throws {
    let loaded = DatasetLoader.load(folder: Fixture.repo("datasets/adb"))
    #expect(!loaded.hasErrors)
    let measures = Measures([loaded.dataset], years: [0])
    let study = StandardsStudy(
      [loaded.dataset], measures: measures, settings: StandardsSettings())
    let shares = RatingShares(study)
    let relevance = try #require(
      measures.measures.firstIndex {
        $0.kind == .rating && $0.key == "relevance"
      })
    let cell = try #require(
      shares.cells.first { $0.level == 0 && $0.measure == Int32(relevance) })
    let scale = try #require(shares.scales[relevance])
    #expect(scale.points == [3, 2, 1, 0])
    #expect(
      scale.labels == [
        "highly relevant", "relevant", "less than relevant", "irrelevant",
      ])
    #expect(cell.counts == [106, 662, 123, 3])
    #expect(cell.notRated == 104)
    #expect(abs(cell.upperHalfShare - 768.0 / 894.0) < 1e-15)
    #expect(abs(cell.meanPoints - (318.0 + 1324 + 123) / 894) < 1e-15)
    // Ratings are ordinal: never screened as outliers, though "irrelevant"
    // lies far below the quartiles.
    #expect(
      !study.outliers.contains {
        measures.measures[Int(measures.measure[Int($0.value)])].kind == .rating
      })
  }

  /// The upper half of a scale starts above its midpoint: 3–0 → 2
  /// (ADB), 6–1 → 4 (IEG, moderately satisfactory), 4–1 → 3 (IEG M&E,
  /// substantial), an odd 5–1 → 4 (the midpoint 3 is not above itself).
  @Test(arguments: [
    ([3.0, 2, 1, 0], 2.0), ([6.0, 5, 4, 3, 2, 1], 4.0), ([4.0, 3, 2, 1], 3.0),
    ([5.0, 4, 3, 2, 1], 4.0),
  ])
  func upperHalfOfAScale(points: [Double], from: Double) throws {
    var scheme = ScoringScheme()
    scheme.method = .ratings
    var scale: [String: Double] = [:]
    for p in points { scale["grade \(p)"] = p }
    scheme.dimensions = [.init(id: "c", name: "C", weight: 1, scale: scale)]
    let found = try #require(RatingShares.scale(of: "c", in: [scheme]))
    #expect(found.points == points)
    #expect(found.upperHalfFrom == from)
  }
}
