import Foundation
import Testing

@testable import Jixiao

/// The `rules` object of scenario files and the history file of earlier
/// grades: what they read, and every fault at its place.
@Suite struct ScenarioRulesTests {
  static func load(_ text: String) throws -> Scenario {
    let path = Fixture.temporaryFolder() + "/s.json"
    #expect(
      FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    return try Scenario.load(from: path).0
  }

  @Test func readsEveryRule() throws {
    let s = try Self.load(
      """
      {"name": "r", "rules": {
        "rectification": {"cutAfter": 3, "cutBy": 0.2, "cancelAfterWeak": 4,
                          "cancelAfterPoor": 3},
        "multiYearExit": ["差", "fair"], "majorYears": 2, "renewed": ["P1"],
        "protected": ["P2"], "protectedCategories": ["维权帮扶"],
        "endCompleted": true, "coreFloor": 0.9, "coreCategories": ["职工活动"],
        "unitCap": 1.5}}
      """)
    let r = s.rules
    #expect(r.rectification?.cutAfter == 3)
    #expect(r.rectification?.cutBy == 0.2)
    #expect(r.rectification?.cancelAfterWeak == 4)
    #expect(r.rectification?.cancelAfterPoor == 3)
    #expect(r.multiYearExit == [.poor, .fair])
    #expect(r.majorYears == 2)
    #expect(r.renewed == ["P1"] && r.protected == ["P2"])
    #expect(r.protectedCategories == ["维权帮扶"])
    #expect(r.endCompleted)
    #expect(r.coreFloor == 0.9 && r.coreCategories == ["职工活动"])
    #expect(r.unitCap == 1.5)
    // `true` takes the defaults of the cycle.
    let d = try Self.load(#"{"rules": {"rectification": true}}"#)
    #expect(d.rules.rectification == BudgetRules.Rectification())
    #expect(try Self.load(#"{"name": "x"}"#).rules.isEmpty)
  }

  @Test func faultsAreErrorsAtTheirPlace() {
    let faults = JSONDocumentTests.scenarioFaults(
      """
      {"rules": {"rectification": {"cutAfter": 1.5, "cutBy": 2},
        "multiYearExit": ["bad"], "majorYears": 0, "coreFloor": 1.2,
        "unitCap": 0.9, "coreCategories": [], "typo": 1}}
      """)
    #expect(faults.count == 8, "\(faults)")
    #expect(
      faults.contains {
        $0.hasPrefix(
          "s.json:1:42: error: `rules.rectification.cutAfter` is 1.5")
      }, "\(faults)")
    #expect(faults.contains { $0.contains("`rules.rectification.cutBy` is 2") })
    #expect(
      faults.contains { $0.contains("lists \"bad\", which is not a grade") })
    #expect(faults.contains { $0.contains("`rules.majorYears` is 0") })
    #expect(faults.contains { $0.contains("`rules.coreFloor` is 1.2") })
    #expect(faults.contains { $0.contains("`rules.unitCap` is 0.9") })
    #expect(faults.contains { $0.contains("`rules.coreCategories` is empty") })
    #expect(
      faults.contains {
        $0.contains("warning: `rules.typo` is not a known setting")
      })
  }

  /// Two projects of the SimulationTests fixture (year unknown there, so a
  /// fixture with years): F graded 中 in 2024 and 2023 and 差 in 2022 has a
  /// streak of three weak years, one poor; G has 中 in 2023 but 良 in 2024:
  /// no streak.
  @Test func historyGivesTheStreak() throws {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,budget,executed,start_year,end_year
      F,f,U2,A1,300,300,2025,2025
      G,g,U2,A1,200,200,2025,2025
      """,
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      F,output,a,quantitative,>=,100,60,50
      F,benefit,b,quantitative,>=,100,70,30
      F,satisfaction,c,quantitative,>=,100,100,10
      G,output,a,quantitative,>=,100,80,50
      G,benefit,b,quantitative,>=,100,90,30
      G,satisfaction,c,quantitative,>=,100,100,10
      """,
    ])
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    let path = folder + "/history.csv"
    let text = """
      project,year,grade
      F,2024,中
      F,2023,fair
      F,2022,差
      F,2020,差
      G,2023,中
      G,2024,良
      """
    #expect(
      FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    let (history, warnings) = try GradeHistory.load(
      path, dataset: loaded.dataset)
    #expect(warnings.isEmpty)
    // 2021 is missing, so 2020 is outside the streak.
    #expect(history.weakYears == [3, 0])
    #expect(history.poorYears == [1, 0])
    // F is graded 中 again in 2025: its fourth weak year → cancelled; G's
    // first → rectify.
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    #expect(evaluation.grade == [.fair, .good])
    var scenario = Scenario()
    scenario.rules.rectification = .init()
    let r = Reallocation(
      loaded.dataset, evaluation: evaluation, scenario: scenario,
      history: history)
    #expect(r.after == [0, 200])
    #expect(
      r.reason[0] == .rectification(.fair, .cancel, weakYears: 4, poorYears: 1))
  }

  @Test func historyFaultsAreNamed() throws {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,budget,executed,start_year,end_year
      F,f,U2,A1,300,300,2025,2025
      """,
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      F,output,a,quantitative,>=,100,60,50
      """,
    ])
    let loaded = DatasetLoader.load(folder: folder)
    let path = folder + "/history.csv"
    let text =
      "project,year,grade\nF,2025,中\nX,2024,中\nF,20x4,中\nF,2023,meh\nF,2022,中\nF,2022,差\n"
      + "F,1850,中\n"
    #expect(
      FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    do {
      _ = try GradeHistory.load(path, dataset: loaded.dataset)
      Issue.record("a faulty history was accepted")
    } catch {
      let lines = error.diagnostics.map(\.description)
      #expect(lines.count == 6, "\(lines)")
      #expect(lines[0].contains(":2:3: error: the year is 2025, not before"))
      #expect(lines[1].contains(":3:1: error: project \"X\" is not in"))
      #expect(lines[2].contains(":4:3: error: the year is \"20x4\""))
      #expect(lines[3].contains(":5:8: error: \"meh\" is not a grade"))
      #expect(
        lines[4].contains(
          ":7:3: error: project F has year 2022 twice (first on line 6)"))
      #expect(
        lines[5].contains(
          ":8:3: error: the year is \"1850\"; give a year from 1900"))
    }
    // Chinese headers are read; a column named twice is an error, one
    // not read a warning.
    let chinese = folder + "/zh.csv"
    #expect(
      FileManager.default.createFile(
        atPath: chinese, contents: Data("项目编号,年度,等级,备注\nF,2024,中,x\n".utf8)))
    let (read, notes) = try GradeHistory.load(chinese, dataset: loaded.dataset)
    #expect(read.weakYears == [1])
    #expect(
      notes.map(\.description).contains {
        $0.contains("column \"备注\" is not read")
      })
    let twice = folder + "/twice.csv"
    #expect(
      FileManager.default.createFile(
        atPath: twice,
        contents: Data("project,year,grade,grade\nF,2024,中,优\n".utf8)))
    #expect(throws: InputError.self) {
      _ = try GradeHistory.load(twice, dataset: loaded.dataset)
    }
  }

  /// Project ids the data set lacks are errors at their place in the
  /// scenario file; rules that cannot apply are warnings.
  @Test func rulesAreCheckedAgainstTheDataset() throws {
    let (dataset, _) = try SimulationTests.graded()
    let path = Fixture.temporaryFolder() + "/r.json"
    let text =
      #"{"name": "r", "rules": {"protected": ["E", "NOPE"], "renewed": ["G"], "protectedCategories": ["无此类别"]}}"#
    #expect(
      FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    let (scenario, _) = try Scenario.load(from: path)
    let found = scenario.check(against: dataset).map(\.description)
    #expect(found.count == 3, "\(found)")
    #expect(
      found.contains {
        $0.contains(
          "r.json:1:44: error: `rules.protected` names NOPE, which is not a project of"
        )
      },
      "\(found)")
    #expect(found.contains { $0.contains("which no project has") })
    #expect(found.contains { $0.contains("`rules.majorYears` is not set") })
  }
}
