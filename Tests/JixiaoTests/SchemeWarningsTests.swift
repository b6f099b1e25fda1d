import Foundation
import Testing

@testable import Jixiao

/// Scheme settings that would change nothing, or change scores in a way
/// the user may not expect, are reported as warnings.
@Suite struct SchemeWarningsTests {
  /// Dimension weights adding up to 90 stretch every score by 100 ÷ 90.
  @Test func dimensionWeightsNotAddingUpTo100() {
    let folder = Fixture.dataset([
      "scheme.json": """
      {"weightCheck": "relative",
       "dimensions": [
         {"id": "execution", "weight": 10}, {"id": "output", "weight": 40, "aliases": ["产出指标"]},
         {"id": "benefit", "weight": 30}, {"id": "satisfaction", "weight": 10}]}
      """
    ])
    #expect(
      Fixture.problems(folder) == [
        "scheme.json:2:16: warning: the dimension weights add up to 90, not "
          + "100; scores are rescaled to 100 (each point counts 100 ÷ 90). "
          + "Check the weights; if the rescaling is meant, nothing needs to "
          + "change."
      ])
  }

  @Test func weightsAddingUpTo100WithinToleranceAreQuiet() {
    let folder = Fixture.dataset([
      "scheme.json": """
      {"weightCheck": "relative", "dimensions": [
         {"id": "execution", "weight": 10.004}, {"id": "output", "weight": 50, "aliases": ["产出指标"]},
         {"id": "benefit", "weight": 30}, {"id": "satisfaction", "weight": 10}]}
      """
    ])
    #expect(Fixture.problems(folder) == [])
  }

  /// A ratings scheme has no row points, so `rowRounding` does nothing.
  @Test func rowRoundingInARatingsScheme() {
    var log = DiagnosticLog()
    let text = #"""
      {"method": "ratings", "rowRounding": "integer",
       "dimensions": [{"id": "r", "weight": 1, "scale": {"good": 1, "bad": 0}}]}
      """#
    do {
      let document = try JSONDocument.parse(Data(text.utf8), path: "s.json")
      _ = ScoringScheme.parse(document, log: &log)
    } catch {
      Issue.record("\(error)")
    }
    #expect(
      log.diagnostics.map(\.description) == [
        "s.json:1:38: warning: `rowRounding` \"integer\" has no effect on a "
          + "ratings scheme: its scores are weighted means of rating points, "
          + "with no row points to round. Remove `rowRounding` from the scheme."
      ])
  }

  /// Numbers in scheme messages: whole numbers without ".0", others in
  /// their shortest form (1e300, not 1e+300).
  @Test(arguments: [
    ("-10", "-10"), ("1e300", "1e300"), ("2e15", "2000000000000000"),
  ])
  func schemeMessagesShowNumbersPlainly(written: String, shown: String) {
    var log = DiagnosticLog()
    let text = #"{"dimensions": [{"id": "output", "weight": "# + written + "}]}"
    do {
      let document = try JSONDocument.parse(Data(text.utf8), path: "s.json")
      _ = ScoringScheme.parse(document, log: &log)
    } catch {
      Issue.record("\(error)")
    }
    let expected =
      "s.json:1:44: error: `dimensions[0].weight` is \(shown). Weights are "
      + "points from 0 to 1e15, normally adding up to 100."
    #expect(log.diagnostics.first?.description == expected)
  }
}
