import Foundation
import Testing

@testable import Jixiao

/// Computed columns, the `|or:` filter, unit regions and project industries
/// in an import mapping.
@Suite struct ImportComputedTests {
  static let table = """
    id,region,sector,cost app,cost act,close est,close act
    1,South Asia,TRA,100,125,2020-01-31,2021-03-15T16:00:00
    2,South Asia,,80,60,2019-12-31,2019-12-31
    3,Pacific,EDU,0,10,2018-02-28,2020-02-29
    4,Pacific,EDU,nda,10,2018-02-30,2019-01-01
    """

  static func mapping(computed: String, extra: String = "") -> String {
    """
    {
      "computed": \(computed),
      "units": [{"id": "{region}", "name": "{region}", "level": "region",
                 "region": "{region}"}],
      "duty": {"id": "{region}-D", "name": "lending"},
      "activity": {"id": "{region}-A", "name": "lending"},
      "project": {"id": "P{id}", "name": "project {id}", "budget": "200",
                  "executed": "{cost act}", "category": "{sector|or:no sector}",
                  "industry": "{sector|or:none}"},
      "indicators": [
        {"dimension": "output", "name": "output", "kind": "quantitative",
         "operator": ">=", "target": "1", "actual": "1", "weight": "50"},
        {"dimension": "benefit", "name": "benefit", "kind": "quantitative",
         "operator": ">=", "target": "1", "actual": "1", "weight": "30"},
        {"dimension": "satisfaction", "name": "satisfaction", "kind": "quantitative",
         "operator": ">=", "target": "1", "actual": "1", "weight": "10"},
        {"dimension": "", "name": "cost overrun", "kind": "observed", "operator": "<=",
         "actual": "{overrun}", "unit": "ratio"},
        {"dimension": "", "name": "delay", "kind": "observed", "operator": "<=",
         "actual": "{delay}", "unit": "months"}\(extra)
      ]
    }
    """
  }

  static let computed = """
    [{"name": "overrun", "ratio": ["cost act", "cost app"]},
     {"name": "delay", "monthsBetween": ["close est", "close act"]}]
    """

  /// Writes the table and mapping, imports, and returns the output folder
  /// (nil when nothing was written) and the messages.
  static func run(_ mapping: String, table: String = table) -> (
    folder: String?, messages: [String]
  ) {
    let folder = Fixture.temporaryFolder()
    _ = FileManager.default.createFile(
      atPath: folder + "/t.csv", contents: Data(table.utf8))
    _ = FileManager.default.createFile(
      atPath: folder + "/m.json", contents: Data(mapping.utf8))
    do {
      let result = try Importer.run(
        table: folder + "/t.csv", mapping: folder + "/m.json",
        output: folder + "/out")
      return (
        folder + "/out",
        result.diagnostics.map {
          $0.description.replacingOccurrences(of: folder + "/", with: "")
        }
      )
    } catch {
      return (
        nil,
        error.diagnostics.map {
          $0.description.replacingOccurrences(of: folder + "/", with: "")
        }
      )
    }
  }

  /// The actual of every observed row the import wrote, in order.
  static func observedActuals(_ folder: String) throws -> [Substring] {
    let indicators = try String(
      contentsOfFile: folder + "/indicators.csv", encoding: .utf8)
    return indicators.split(separator: "\n").filter { $0.contains("observed") }
      .map { $0.split(separator: ",", omittingEmptySubsequences: false)[7] }
  }

  /// Worked by hand: 125 ÷ 100 = 1.25; 60 ÷ 80 = 0.75; 10 ÷ 0 and nda
  /// give nothing. 2020-01-31 → 2021-03-15 is 409 days (366 in the leap
  /// year 2020 to 2021-01-31, then 28 + 15), 409 ÷ 30.436875 = 13.44 →
  /// 13.4 months; 0 days → 0; 2018-02-28 → 2020-02-29 is 731 days →
  /// 24.0 → 24; 2018-02-30 is no date.
  ///
  /// The cells that are not a number or a date are named where they are
  /// (line 5 of the table: "nda" at column 15, after "4,Pacific,EDU,";
  /// 2018-02-30 at column 22), apart from the division by zero of line 4.
  @Test func computedColumnsFillObservedRows() throws {
    let (out, messages) = Self.run(Self.mapping(computed: Self.computed))
    let folder = try #require(out, "\(messages)")
    let observed = try Self.observedActuals(folder)
    #expect(observed == ["1.25", "13.4", "0.75", "0", "", "24", "", ""])
    let help =
      " Correct the cell, or leave it empty when the value is not known."
    #expect(
      messages.filter { $0.contains("computed column") } == [
        "t.csv:5:15: warning: \"nda\" in cost app is not a number, so the "
          + "computed column \"overrun\" is empty in this row." + help,
        "m.json:2:16: note: the computed column \"overrun\" is empty in 1 of "
          + "4 row(s) where cost app is 0 (division by zero).",
        "t.csv:5:22: warning: \"2018-02-30\" in close est is not a date, so "
          + "the computed column \"delay\" is empty in this row." + help,
      ], "\(messages)")
  }

  /// A column empty in every row is an error that says why: the id and
  /// the cost are numbers, and monthsBetween needs dates.
  @Test func aComputedColumnEmptyInEveryRowIsAnError() throws {
    let computed = """
      [{"name": "overrun", "monthsBetween": ["cost act", "id"]}, \(Self.delay)]
      """
    let (out, messages) = Self.run(Self.mapping(computed: computed))
    #expect(out == nil)
    #expect(
      messages.filter { $0.contains("error:") } == [
        "m.json:2:16: error: the computed column \"overrun\" is empty in "
          + "every row: monthsBetween needs dates (YYYY-MM-DD); cost act holds "
          + "numbers, and id holds numbers. Name two columns of dates "
          + "(YYYY-MM-DD), or use ratio or difference for numbers."
      ])
  }

  /// Beyond three cells that are not numbers, the rest are counted.
  @Test func manyUnreadableCellsAreCounted() throws {
    var table = "id,region,sector,cost app,cost act,close est,close act\n"
    for (id, cost) in ["x", "y", "z", "w", "2"].enumerated() {
      table += "\(id),Pacific,EDU,\(cost),1,2020-01-01,2020-01-01\n"
    }
    let (out, messages) = Self.run(
      Self.mapping(computed: Self.computed), table: table)
    #expect(out != nil, "\(messages)")
    #expect(
      messages.contains(
        "m.json:2:16: warning: 1 more input cell(s) of \"overrun\" are not "
          + "numbers (4 in all); the column is empty in their rows."),
      "\(messages)")
    #expect(messages.filter { $0.contains("is not a number") }.count == 3)
  }

  /// A ratio of 1e300 ÷ 1 is written, and so reported, as 1e300, not with
  /// the 301 digits `%f` gives.
  @Test func hugeComputedValuesAreWrittenShort() throws {
    let table = """
      id,region,sector,cost app,cost act,close est,close act
      1,Pacific,EDU,1e300,1,2020-01-01,2020-01-01
      """
    let computed = """
      [{"name": "overrun", "ratio": ["cost app", "cost act"]}, \(Self.delay)]
      """
    let (_, messages) = Self.run(
      Self.mapping(computed: computed), table: table)
    #expect(
      messages.contains { $0.contains(" actual 1e300 is outside the range") },
      "\(messages)")
  }

  @Test func regionIndustryAndTheOrFilter() throws {
    let (out, messages) = Self.run(Self.mapping(computed: Self.computed))
    let folder = try #require(out, "\(messages)")
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors)
    let dataset = loaded.dataset
    #expect(dataset.units.region.values.sorted() == ["Pacific", "South Asia"])
    #expect(
      (0..<4).map { dataset.projects.category[$0] } == [
        "TRA", "no sector", "EDU", "EDU",
      ])
    #expect(
      (0..<4).map { dataset.projects.industry[$0] } == [
        "TRA", "none", "EDU", "EDU",
      ])
  }

  /// Each case defines `overrun` badly (or adds a bad column) and `delay`
  /// well, so the one fault is the definition.
  static let delay =
    #"{"name": "delay", "monthsBetween": ["close est", "close act"]}"#

  @Test(arguments: [
    (
      #"[{"name": "overrun", "ratio": ["cost act"]}, "#,
      "m.json:2:45: error: `computed[0].ratio` lists 1 column(s). Give two column names of "
        + "the table."
    ),
    (
      #"[{"name": "overrun", "ratio": ["cost act", "cost ap"]}, "#,
      "m.json:2:45: error: `computed[0].ratio` names \"cost ap\", which the table does not "
        + "have. Did you mean \"cost app\"? Column names must match the table's header exactly."
    ),
    (
      #"[{"name": "overrun", "ratio": ["cost act", "cost app"]}, {"name": "sector", "ratio": ["cost act", "cost app"]}, "#,
      "m.json:2:81: error: the computed column \"sector\" has the name of a column of the "
        + "table. Give it a name of its own."
    ),
    (
      #"[{"name": "overrun", "ratio": ["cost act", "cost app"], "difference": ["cost act", "cost app"]}, "#,
      "m.json:2:16: error: `computed[0]` needs exactly one of ratio, difference and "
        + "monthsBetween. e.g. \"ratio\": [\"actual cost\", \"appraisal cost\"]."
    ),
    (
      #"[{"name": "overrun", "ratio": ["cost act", "cost app"], "decimals": 2.5}, "#,
      "m.json:2:83: error: `decimals` is 2.5. Give a whole number from 0 to 12."
    ),
  ])
  func badComputedColumnsAreNamedInTheMapping(computed: String, message: String)
  {
    let (out, messages) = Self.run(
      Self.mapping(computed: computed + Self.delay + "]"))
    #expect(out == nil)
    // The one fault, and no follow-on faults from the templates using it.
    #expect(messages == [message], "\(messages)")
  }

  /// `difference` and `decimals`: 125 − 100 = 25, 60 − 80 = −20.
  @Test func differenceWithDecimals() throws {
    let computed = """
      [{"name": "overrun", "difference": ["cost act", "cost app"], "decimals": 0},
       {"name": "delay", "monthsBetween": ["close est", "close act"], "decimals": 3}]
      """
    let (out, messages) = Self.run(Self.mapping(computed: computed))
    let folder = try #require(out, "\(messages)")
    let observed = try Self.observedActuals(folder)
    // 409 ÷ 30.436875 = 13.4377…; 731 ÷ 30.436875 = 24.0169…
    #expect(observed == ["25", "13.438", "-20", "0", "10", "24.017", "", ""])
  }
}
