import Foundation
import Testing

@testable import Jixiao

@Suite struct SimulationTests {
  /// Four in-tree projects graded 优, 良, 中, 差 and one outside the tree.
  static func graded() throws -> (Dataset, Evaluation) {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,budget,executed
      E,e,U2,A1,100,100
      G,g,U2,A1,200,200
      F,f,U2,A1,300,300
      P,p,U2,A1,400,400
      X,x,U2,,50,50
      """,
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      E,output,a,quantitative,>=,100,100,50
      E,benefit,b,quantitative,>=,100,100,30
      E,satisfaction,c,quantitative,>=,100,100,10
      G,output,a,quantitative,>=,100,80,50
      G,benefit,b,quantitative,>=,100,90,30
      G,satisfaction,c,quantitative,>=,100,100,10
      F,output,a,quantitative,>=,100,60,50
      F,benefit,b,quantitative,>=,100,70,30
      F,satisfaction,c,quantitative,>=,100,100,10
      P,output,a,quantitative,>=,100,10,50
      P,benefit,b,quantitative,>=,100,10,30
      P,satisfaction,c,quantitative,>=,100,100,10
      X,output,a,quantitative,>=,100,100,50
      X,benefit,b,quantitative,>=,100,100,30
      X,satisfaction,c,quantitative,>=,100,100,10
      """,
    ])
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    #expect(evaluation.grade == [.excellent, .good, .fair, .poor, .excellent])
    #expect(evaluation.status[4] == .excluded)
    return (loaded.dataset, evaluation)
  }

  @Test func gradeRules() throws {
    let (dataset, evaluation) = try Self.graded()
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: Scenario())
    #expect(result.after == [110, 200, 270, 0, 0])
    #expect(result.change == [.raised, .kept, .cut, .cancelled, .excluded])
    #expect(result.reason[3] == .grade(.poor, .cancel))
    #expect(result.reason[4] == .excluded(.cancel))
    #expect(result.totalBefore == 1050)
    #expect(result.totalAfter == 580)
  }

  /// Budget neutral: 30 (中 −10 %) + 400 (差) + 50 (excluded) = 480 freed,
  /// all to the single 优 project.
  @Test func budgetNeutralKeepsTheTotal() throws {
    let (dataset, evaluation) = try Self.graded()
    var scenario = Scenario()
    scenario.budgetNeutral = true
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: scenario)
    #expect(result.pool == 480)
    #expect(result.after == [580, 200, 270, 0, 0])
    #expect(result.totalAfter == result.totalBefore)
    #expect(result.reason[0] == .priorityShare(.excellent, 4.8))
  }

  /// Two priority grades share pro rata to budget (100 : 200); with a cap
  /// of +100 % the first takes 100, the second the remaining 380 up to its
  /// cap of 200, and 180 stays unallocated.
  @Test func sharesAreProRataAndCapped() throws {
    let (dataset, evaluation) = try Self.graded()
    var scenario = Scenario()
    scenario.budgetNeutral = true
    scenario.priorityGrades = [.excellent, .good]
    var result = Reallocation(
      dataset, evaluation: evaluation, scenario: scenario)
    #expect(result.pool == 480)
    #expect(abs(result.after[0] - 260) < 1e-9)
    #expect(abs(result.after[1] - 520) < 1e-9)
    scenario.maxRaise = 1.0
    result = Reallocation(dataset, evaluation: evaluation, scenario: scenario)
    #expect(abs(result.after[0] - 200) < 1e-9)
    #expect(abs(result.after[1] - 400) < 1e-9)
    #expect(abs(result.unallocated - 180) < 1e-9)
    #expect(
      abs(result.totalAfter + result.unallocated - result.totalBefore) < 1e-9)
  }

  @Test func scenarioFileFaults() {
    let folder = Fixture.temporaryFolder()
    let path = folder + "/s.json"
    let text =
      #"{"byGrade": {"excellent": 0.1, "bad": 1, "poor": "drop"}, "maxRaise": -1, "budgetNeutral": "yes"}"#
    #expect(
      FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    do {
      _ = try Scenario.load(from: path)
      Issue.record("a bad scenario was accepted")
    } catch {
      let messages = error.diagnostics.map {
        $0.description.replacingOccurrences(of: folder + "/", with: "")
      }
      #expect(
        messages == [
          "s.json:1:39: error: `byGrade.bad` is not a grade. Use excellent (优), good (良), fair (中) or poor (差).",
          "s.json:1:50: error: `byGrade.poor` is \"drop\". Write a relative change such as 0.1 or -0.1, \"keep\" or \"cancel\".",
          "s.json:1:92: error: `budgetNeutral` must be true or false; it is the text \"yes\".",
          "s.json:1:71: error: `maxRaise` is -1; it must be from 0 to 100 (0.3 means at most +30 %).",
        ])
    }
  }
}
