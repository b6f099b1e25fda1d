import Foundation
import Testing

@testable import Jixiao

/// Rating schemes: ADB IED's four criteria on a 0–3 scale, equal weights,
/// overall cut-offs 2.7 / 1.6 / 0.8 (ADB IED evaluation guidelines).
@Suite struct RatingTests {
  static let scheme = #"""
    {
      "method": "ratings",
      "dimensions": [
        { "id": "relevance", "weight": 50,
          "scale": { "highly relevant": 3, "relevant": 2, "less than relevant": 1, "irrelevant": 0 } },
        { "id": "efficiency", "weight": 50,
          "scale": { "highly efficient": 3, "efficient": 2, "less than efficient": 1, "inefficient": 0 },
          "aliases": { "less than eficient": "less than efficient" } }
      ],
      "notRated": ["nr"],
      "missing": ["na", ""],
      "minimumRatedWeight": 50,
      "overall": [
        { "rating": "highly successful", "min": 2.7, "grade": "excellent" },
        { "rating": "successful", "min": 1.6, "grade": "good" },
        { "rating": "less than successful", "min": 0.8, "grade": "fair" },
        { "rating": "unsuccessful", "min": 0, "grade": "poor" }
      ]
    }
    """#

  static func files(_ indicators: String) -> [String: String?] {
    [
      "scheme.json": scheme,
      "projects.csv": """
      id,name,unit,activity,budget,executed
      P1,a,U2,A1,10,10
      P2,b,U2,A1,10,5
      P3,c,U2,A1,10,10
      P4,d,U2,A1,10,10
      """,
      "indicators.csv": indicators,
    ]
  }

  @Test func labelsAliasesAndNamedCases() throws {
    let loaded = DatasetLoader.load(
      folder: Fixture.dataset(
        Self.files(
          """
          project,dimension,name,kind,actual,weight
          P1,relevance,r,rating,Highly  Relevant,50
          P1,efficiency,e,rating,highly efficient,50
          P2,relevance,r,rating,relevant,50
          P2,efficiency,e,rating,less than eficient,50
          P3,relevance,r,rating,relevant,50
          P3,efficiency,e,rating,nr,50
          P4,relevance,r,rating,na,50
          P4,efficiency,e,rating,,50
          """)))
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    // P1: (3 + 3) / 2 = 3 → highly successful; P2: (2 + 1) / 2 = 1.5 → less
    // than successful; P3: efficiency not rated, mean of relevance = 2.
    #expect(evaluation.meanPoints[0] == 3)
    #expect(evaluation.grade[0] == .excellent)
    #expect(evaluation.score[0] == 100)
    #expect(evaluation.meanPoints[1] == 1.5)
    #expect(evaluation.overallRating[1] == 2)
    #expect(evaluation.grade[1] == .fair)
    #expect(evaluation.meanPoints[2] == 2)
    #expect(evaluation.notRatedCount[2] == 1)
    #expect(evaluation.grade[2] == .good)
    // P4: nothing rated: unrated, never a zero.
    #expect(evaluation.status[3] == .unrated)
    #expect(evaluation.grade[3] == nil)
    #expect(evaluation.missingCount[3] == 2)
  }

  /// A boundary mean of exactly 1.6 is successful (inclusive lower bound).
  @Test func boundaryMeanIsInclusive() throws {
    var scheme = ScoringScheme()
    scheme.overall = [
      .init(rating: "s", minimum: 1.6, grade: .good),
      .init(rating: "ls", minimum: 0, grade: .fair),
    ]
    #expect(scheme.overallRating(forMeanPoints: 1.6)?.rating == "s")
    #expect(scheme.overallRating(forMeanPoints: 1.5999999)?.rating == "ls")
  }

  @Test func unknownLabelNamesTheCellAndTheNearestLabel() {
    let folder = Fixture.dataset(
      Self.files(
        """
        project,dimension,name,kind,actual,weight
        P1,relevance,r,rating,relevent,50
        P1,efficiency,e,rating,efficient,50
        P2,relevance,r,rating,relevant,50
        P2,efficiency,e,rating,efficient,50
        P3,relevance,r,rating,relevant,50
        P3,efficiency,e,rating,efficient,50
        P4,relevance,r,rating,relevant,50
        P4,efficiency,e,rating,efficient,50
        """))
    #expect(
      Fixture.problems(folder) == [
        "indicators.csv:2:23: error: \"relevent\" is not a known rating. Use a label of the scheme "
          + "or add an alias in scheme.json. Did you mean \"relevant\"?"
      ])
  }

  @Test func minimumRatedWeightMakesProjectsUnrated() throws {
    var files = Self.files(
      """
      project,dimension,name,kind,actual,weight
      P1,relevance,r,rating,relevant,50
      P1,efficiency,e,rating,nr,50
      P2,relevance,r,rating,relevant,50
      P2,efficiency,e,rating,efficient,50
      P3,relevance,r,rating,relevant,50
      P3,efficiency,e,rating,efficient,50
      P4,relevance,r,rating,relevant,50
      P4,efficiency,e,rating,efficient,50
      """)
    files["scheme.json"] = Self.scheme.replacingOccurrences(
      of: "\"minimumRatedWeight\": 50", with: "\"minimumRatedWeight\": 100")
    let loaded = DatasetLoader.load(folder: Fixture.dataset(files))
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    #expect(evaluation.status[0] == .unrated)
    #expect(evaluation.grade[0] == nil)
    #expect(evaluation.status[1] == .scored)
  }

  @Test func schemeFaultsAreReportedTogether() {
    let folder = Fixture.dataset([
      "scheme.json": #"""
      {"method": "ratings", "dimensions": [
        {"id": "a", "weight": 1, "scale": {"x": 3}, "aliases": {"y": "z"}},
        {"id": "b", "weight": 1, "scale": {"x": 4}}],
       "overall": [{"rating": "r", "min": 1, "grade": "good"}], "wieght": 3}
      """#
    ])
    let problems = Fixture.problems(folder)
    #expect(
      problems.contains(
        "scheme.json:4:69: warning: `wieght` is not a known setting and is ignored. Check its spelling against docs/."
      ))
    #expect(
      problems.contains(
        "scheme.json:2:64: error: criterion \"a\": alias \"y\" points to \"z\", which is not in its scale."
      ))
    #expect(
      problems.contains(
        "scheme.json:4:13: error: criteria have different highest points ([3, 4]), so one mean "
          + "rating cannot be cut into `overall` bands. Put every criterion on the same scale."
      ))
  }
}

@Suite struct SchemeSyntaxTests {
  /// A JSON syntax error is placed at its line and column.
  @Test func syntaxErrorHasLineAndColumn() {
    let folder = Fixture.dataset([
      "scheme.json": "{\n  \"grades\": [1, 2,, 3]\n}"
    ])
    #expect(
      Fixture.problems(folder) == [
        "scheme.json:2:19: error: the file is not valid JSON: expected a list "
          + "element, found `,`. Remove the extra comma."
      ])
  }
}
