import Foundation
import Testing

@testable import Jixiao

@Suite struct ImportTests {
  static let table = """
    序号,单位,项目名称,全年预算数,全年执行数,人数目标,人数实际,满意度,状态
    1,市总工会,送温暖,"1,200",1100,500,520,95,ok
    2,市总工会,职工培训,60,27,100,40,88,ok
    3,县总工会,劳模补助,80,80,50,50,90,draft
    """

  static let mapping = #"""
    {
      "filter": [{"column": "状态", "equals": ["ok"]}],
      "dataset": {"name": "test import", "moneyUnit": "万元"},
      "units": [{"id": "{单位}", "name": "{单位}", "level": "city"}],
      "duty": {"id": "{单位}-D", "name": "服务职工"},
      "activity": {"id": "{单位}-A", "name": "帮扶与培训"},
      "project": {"id": "P{序号}", "name": "{项目名称}", "budget": "{全年预算数}",
                  "executed": "{全年执行数}", "provenance": "test"},
      "indicators": [
        {"dimension": "output", "name": "受益人数", "kind": "quantitative", "operator": ">=",
         "target": "{人数目标}", "actual": "{人数实际}", "unit": "人", "weight": "50"},
        {"dimension": "benefit", "name": "覆盖面", "kind": "qualitative", "actual": "达成", "weight": "30"},
        {"dimension": "satisfaction", "name": "满意度", "kind": "quantitative", "operator": ">=",
         "target": "90", "actual": "{满意度}", "unit": "%", "weight": "10"}
      ]
    }
    """#

  func write(_ table: String, _ mapping: String) -> (
    folder: String, table: String, mapping: String
  ) {
    let folder = Fixture.temporaryFolder()
    let tablePath = folder + "/table.csv"
    let mappingPath = folder + "/map.json"
    #expect(
      FileManager.default.createFile(
        atPath: tablePath, contents: Data(table.utf8)))
    #expect(
      FileManager.default.createFile(
        atPath: mappingPath, contents: Data(mapping.utf8)))
    return (folder, tablePath, mappingPath)
  }

  /// A bad amount is reported at the table's cell and nothing is written.
  @Test func badNumberNamesTheTableCellAndWritesNothing() {
    let paths = write(Self.table, Self.mapping)
    let out = paths.folder + "/out"
    do {
      _ = try Importer.run(
        table: paths.table, mapping: paths.mapping, output: out)
      Issue.record("a thousands separator was accepted")
    } catch {
      #expect(
        error.diagnostics.map {
          $0.description.replacingOccurrences(of: paths.folder + "/", with: "")
        }
          == [
            "table.csv:2:12: error: the budget \"1,200\" is not a finite number. "
              + "Write a plain decimal such as 1200 or 37.24."
          ])
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func importedDataSetLoadsAndScores() throws {
    let paths = write(
      Self.table.replacingOccurrences(of: "\"1,200\"", with: "1200"),
      Self.mapping)
    let out = paths.folder + "/out"
    let result = try Importer.run(
      table: paths.table, mapping: paths.mapping, output: out)
    #expect(result.projectCount == 2)
    #expect(result.indicatorCount == 6)
    let loaded = DatasetLoader.load(folder: out)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    #expect(loaded.dataset.projects.ids == ["P1", "P2"])
    #expect(loaded.dataset.info.name == "test import")
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    // P2: execution 27/60 → 4.5; output 50 × 0.4 = 20; benefit 30; 88/90 × 10.
    #expect(abs(evaluation.score[1] - (4.5 + 20 + 30 + 88.0 / 90 * 10)) < 1e-9)
  }

  @Test func unknownColumnInMappingIsNamed() {
    let paths = write(
      Self.table, Self.mapping.replacingOccurrences(of: "{项目名称}", with: "{项目名}")
    )
    do {
      _ = try Importer.run(
        table: paths.table, mapping: paths.mapping,
        output: paths.folder + "/out")
      Issue.record("an unknown column was accepted")
    } catch {
      #expect(
        error.diagnostics.map {
          $0.description.replacingOccurrences(of: paths.folder + "/", with: "")
        }
          == [
            "map.json:7:39: error: `project.name`: \"{项目名}\" names the column \"项目名\", which the "
              + "table does not have. Did you mean \"项目名称\"? Column names must match the table's "
              + "header exactly."
          ])
    }
  }

  @Test func importRefusesToWriteOverItsInput() {
    let paths = write(
      Self.table.replacingOccurrences(of: "\"1,200\"", with: "1200"),
      Self.mapping)
    // Writing the data set into the folder holding table.csv is fine, but a
    // table named projects.csv would be replaced: refused.
    let renamed = paths.folder + "/projects.csv"
    try? FileManager.default.moveItem(atPath: paths.table, toPath: renamed)
    do {
      _ = try Importer.run(
        table: renamed, mapping: paths.mapping, output: paths.folder)
      Issue.record("the input was overwritten")
    } catch {
      #expect(
        error.description.contains(
          "is an input of this run; it will not be overwritten."))
    }
    #expect(
      FileManager.default.contents(atPath: renamed).map {
        String(decoding: $0, as: UTF8.self)
      }?.hasPrefix("序号") == true)
  }
}

@Suite struct ImportPlacementTests {
  /// A fault found in the imported data set is placed at the table's row,
  /// and a failed import leaves no output folder behind.
  @Test func checkFaultsPointAtTheTableRow() throws {
    let folder = Fixture.temporaryFolder()
    let table = folder + "/t.csv"
    let mapping = folder + "/m.json"
    #expect(
      FileManager.default.createFile(
        atPath: table,
        contents: Data("no,unit,name,b,e\n1,U,a,10,5\n2,U,b,10,5\n".utf8)))
    #expect(
      FileManager.default.createFile(
        atPath: mapping,
        contents: Data(
          #"""
          {"units": [{"id": "{unit}"}],
           "duty": {"id": "D", "name": "d"}, "activity": {"id": "A", "name": "a"},
           "project": {"id": "P{no}", "name": "{name}", "budget": "{b}", "executed": "{e}"},
           "indicators": [
             {"dimension": "output", "name": "x", "kind": "quantitative", "operator": ">=",
              "target": "10", "actual": "{no}", "weight": "50"}]}
          """#.utf8)))
    let out = folder + "/out"
    do {
      _ = try Importer.run(table: table, mapping: mapping, output: out)
      Issue.record("a data set without benefit rows was accepted")
    } catch {
      let messages = error.diagnostics.map {
        $0.description.replacingOccurrences(of: folder + "/", with: "")
      }
      let expected: String =
        "t.csv:2:1: error: (imported as projects.csv:2:1) project \"P1\" has no "
        + "applicable benefit (效益指标) indicator, which the scheme requires. Add one "
        + "with a weight above 0 to indicators.csv, or remove \"benefit\" from "
        + "requiredDimensions."
      #expect(messages.first == expected)
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
