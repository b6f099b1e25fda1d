import Foundation
import Testing

@testable import Jixiao

@Suite struct IndicatorRulesTests {
  /// Hand-computed values of the rules in docs/domain.md §6.3.
  @Test func quantitativeRules() {
    #expect(
      abs(IndicatorRules.atLeast(actual: 37.24, target: 43.2) - 37.24 / 43.2)
        < 1e-15)
    #expect(IndicatorRules.atLeast(actual: 250, target: 200) == 1)
    #expect(IndicatorRules.atLeast(actual: -5, target: 200) == 0)
    #expect(IndicatorRules.atLeast(actual: 3, target: 0) == 1)
    #expect(IndicatorRules.atLeast(actual: -3, target: 0) == 0)
    #expect(IndicatorRules.atMost(actual: 100, target: 90) == 0.9)
    #expect(IndicatorRules.atMost(actual: 80, target: 90) == 1)
    #expect(IndicatorRules.atMost(actual: 5, target: 0) == 0)
    #expect(IndicatorRules.exactly(actual: 95, target: 100) == 0.95)
    #expect(IndicatorRules.exactly(actual: 105, target: 100) == 0.95)
    #expect(IndicatorRules.exactly(actual: 300, target: 100) == 0)
    #expect(IndicatorRules.exactly(actual: 1, target: 0) == 0)
  }

  @Test func softTargetFlag() {
    #expect(
      IndicatorRules.looksSoft(.atLeast, actual: 120, target: 100, ratio: 1.2))
    #expect(
      !IndicatorRules.looksSoft(
        .atLeast, actual: 119.9, target: 100, ratio: 1.2))
    #expect(
      IndicatorRules.looksSoft(.atMost, actual: 75, target: 90, ratio: 1.2))
    #expect(
      !IndicatorRules.looksSoft(.atMost, actual: 76, target: 90, ratio: 1.2))
    #expect(
      !IndicatorRules.looksSoft(.exactly, actual: 500, target: 100, ratio: 1.2))
  }
}

@Suite struct SelfEvaluationTests {
  /// SELF-1 (docs/references.md): the Langfang 2019 self-evaluation table,
  /// lfsp.cn "办公宿舍楼、食堂及餐厅暖通改造经费 绩效自评表": budget 43.2,
  /// executed 37.24 万元, ten rows of weight 10.
  static let langfang: [String: String?] = [
    "projects.csv": """
    id,name,unit,activity,budget,executed
    LF,暖通改造经费,U2,A1,43.2,37.24
    """,
    "indicators.csv": """
    project,dimension,subdimension,name,kind,operator,target,actual,weight
    LF,产出指标,数量指标,工程资金金额(万元),定量,>=,43.2,37.24,10
    LF,产出指标,质量指标,工程完工率(%),定量,>=,100,100,10
    LF,产出指标,质量指标,工程验收合格率(%),定量,>=,100,100,10
    LF,产出指标,时效指标,项目完成及时率(%),定量,>=,100,100,10
    LF,产出指标,成本指标,成本控制率(%),定量,>=,100,100,10
    LF,效益指标,经济效益,安全率(%),定量,>=,100,100,10
    LF,效益指标,社会效益,学校发展能力,定量,>=,100,100,10
    LF,效益指标,可持续影响,长期使用性,定量,>=,100,100,10
    LF,满意度指标,服务对象满意度,学生满意度(%),定量,>=,100,100,10
    """,
  ]

  func evaluate(
    _ changes: [String: String?], rounding: ScoringScheme.RowRounding = .none
  ) throws
    -> (Dataset, Evaluation)
  {
    var loaded = DatasetLoader.load(folder: Fixture.dataset(changes))
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    loaded.dataset.scheme.rowRounding = rounding
    return (loaded.dataset, try Evaluator.evaluate(loaded.dataset))
  }

  /// Exact 10号 scoring: execution 8.6204, quantity 8.6204, total 97.2407, 优.
  @Test func self1Exact() throws {
    let (_, evaluation) = try evaluate(Self.langfang)
    #expect(abs(evaluation.dimensionPoints[0, 0] - 8.6204) < 5e-5)
    #expect(abs(evaluation.rowPoints[0] - 8.6204) < 5e-5)
    #expect(abs(evaluation.score[0] - 97.2407) < 5e-5)
    #expect(evaluation.grade[0] == .excellent)
  }

  /// The published table rounds each row to an integer: 9, 9 and 98.
  @Test func self1IntegerRows() throws {
    let (_, evaluation) = try evaluate(Self.langfang, rounding: .integer)
    #expect(evaluation.dimensionPoints[0, 0] == 9)
    #expect(evaluation.rowPoints[0] == 9)
    #expect(evaluation.score[0] == 98)
    #expect(evaluation.grade[0] == .excellent)
  }

  @Test(arguments: [
    (100.0, Grade.excellent), (90, .excellent), (89.99, .good), (80, .good),
    (79.99, .fair),
    (60, .fair), (59.99, .poor), (0, .poor),
  ])
  func gradeBoundariesAreInclusiveLowerBounds(score: Double, grade: Grade) {
    #expect(ScoringScheme().grade(forScore: score) == grade)
  }

  /// 90 % of everything must give exactly 90 and 优, although 0.9 is not
  /// exact in binary and the sum passes through BLAS.
  @Test func ninetyThroughThePipelineIsExcellent() throws {
    let (_, evaluation) = try evaluate([
      "projects.csv": """
      id,name,unit,activity,budget,executed
      P,p,U2,A1,100,90
      """,
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      P,output,a,quantitative,>=,100,90,20
      P,output,b,quantitative,<=,90,100,30
      P,benefit,c,quantitative,=,100,110,30
      P,satisfaction,d,quantitative,>=,10,9,10
      """,
    ])
    #expect(evaluation.score[0] == 90)
    #expect(evaluation.grade[0] == .excellent)
  }

  /// A not-applicable row is dropped and its dimension rescaled; a
  /// dimension with no applicable row drops out and the total rescales.
  @Test func notApplicableRowsRescale() throws {
    let (_, evaluation) = try evaluate([
      "projects.csv": """
      id,name,unit,activity,budget,executed
      P,p,U2,A1,100,100
      Q,q,U2,A1,100,100
      """,
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      P,output,a,quantitative,>=,100,50,25
      P,output,b,quantitative,>=,100,n/a,25
      P,benefit,c,qualitative,,,部分达成,30
      P,satisfaction,d,quantitative,>=,10,10,10
      Q,output,a,quantitative,>=,100,100,50
      Q,benefit,c,qualitative,,,n/a,30
      Q,satisfaction,d,quantitative,>=,10,5,10
      """,
      "scheme.json": #"{"requiredDimensions": ["output"]}"#,
    ])
    // P: execution 10 + output 50 × 0.5 + benefit 30 × 0.7 + satisfaction 10 = 66.
    #expect(abs(evaluation.score[0] - 66) < 1e-9)
    // Q: (10 + 50 + 10 × 0.5) / 70 × 100, benefit dropped.
    #expect(abs(evaluation.score[1] - 65.0 / 70.0 * 100) < 1e-9)
    #expect(evaluation.dimensionApplies[1, 2] == 0)
  }

  @Test func softTargetsAreFlaggedPerRow() throws {
    let (_, evaluation) = try evaluate([
      "indicators.csv": """
      project,dimension,name,kind,operator,target,actual,weight
      P1,output,a,quantitative,>=,100,130,50
      P1,benefit,b,quantitative,<=,90,70,30
      P1,satisfaction,c,quantitative,>=,90,95,10
      P2,output,a,quantitative,>=,100,100,50
      P2,benefit,b,quantitative,>=,80,80,30
      P2,satisfaction,c,quantitative,>=,90,90,10
      """
    ])
    #expect(evaluation.softTargetRows == [0, 1])
  }

  /// Roll-ups weigh scores by budget: (100 × s1 + 50 × s2) / 150.
  @Test func rollupIsBudgetWeighted() throws {
    let (dataset, evaluation) = try evaluate([:])
    let expected = (100 * evaluation.score[0] + 50 * evaluation.score[1]) / 150
    let units = Rollup(evaluation, of: dataset, level: .unitTree)
    #expect(abs((units.meanScore[0] ?? 0) - expected) < 1e-12)
    #expect(units.scoredCount == [2, 2])
    let direct = Rollup(evaluation, of: dataset, level: .unit)
    #expect(direct.meanScore[0] == nil)
    #expect(direct.scoredCount == [0, 2])
    // P1 by hand: 9 + 25 × 0.9 + 25 + 30 + 10 = 96.5; P2 = 100.
    #expect(abs(evaluation.score[0] - 96.5) < 1e-9)
    #expect(evaluation.score[1] == 100)
  }
}
