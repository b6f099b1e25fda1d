/// The tables of a multi-year `jixiao simulate` run: per scenario and
/// year (`multiyear`) and per scenario and project (`multiyear_projects`).
public enum MultiYearReport {
  /// Per scenario: the data set's year, then each simulated year, with
  /// the distribution over the runs.
  public static func years(
    _ results: [MultiYearSimulation], _ dataset: Dataset, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    let levels = results.first?.levels ?? []
    var columns: [ReportTable.Column] = [
      .init(l("scenario", "情景")), .init(l("year", "年度"), numeric: true),
      .init(l("budget (\(money)) mean", "预算（\(money)）均值"), numeric: true),
      .init(l("budget P5", "预算 P5"), numeric: true),
      .init(l("budget P95", "预算 P95"), numeric: true),
      .init(l("performance mean", "绩效均值"), numeric: true),
      .init(l("performance SD", "绩效标准差"), numeric: true),
      .init(l("performance P5", "绩效 P5"), numeric: true),
      .init(l("performance median", "绩效中位数"), numeric: true),
      .init(l("performance P95", "绩效 P95"), numeric: true),
      .init(l("value (\(money)) mean", "绩效加权资金（\(money)）均值"), numeric: true),
      .init(l("projects exited mean", "退出项目数均值"), numeric: true),
      .init(l("exited P5", "退出 P5"), numeric: true),
      .init(l("exited P95", "退出 P95"), numeric: true),
      .init(l("rectifying mean", "整改中项目数均值"), numeric: true),
    ]
    for level in levels {
      columns.append(.init(l("Gini \(level)", "基尼系数 \(level)"), numeric: true))
    }
    var table = ReportTable(
      name: "multiyear",
      title: l("Multi-year simulation", "多年度模拟"), columns: columns)
    for r in results {
      var first: [ReportTable.Cell] = [
        .text(r.scenario.name),
        r.dataYear > 0 ? .integer(r.dataYear) : .integer(0),
        .number(r.start.budget, decimals: 2), .empty, .empty,
        r.start.performance.map { .number($0, decimals: 2) } ?? .empty,
        .empty, .empty, .empty,
        .empty, .number(r.start.value, decimals: 2), .integer(0), .empty,
        .empty, .empty,
      ]
      for g in r.startGini {
        first.append(g.map { .number($0, decimals: 4) } ?? .empty)
      }
      table.append(first)
      for y in r.years {
        var row: [ReportTable.Cell] = [
          .text(r.scenario.name), .integer(y.year),
          .number(y.budget.mean, decimals: 2),
          .number(y.budget.p5, decimals: 2),
          .number(y.budget.p95, decimals: 2),
        ]
        if let band = y.performance {
          row += [
            .number(band.mean, decimals: 2),
            .number(band.deviation, decimals: 3),
            .number(band.p5, decimals: 2), .number(band.median, decimals: 2),
            .number(band.p95, decimals: 2),
          ]
        } else {
          row += [.empty, .empty, .empty, .empty, .empty]
        }
        row += [
          .number(y.value.mean, decimals: 2),
          .number(y.exited.mean, decimals: 1),
          .number(y.exited.p5, decimals: 1),
          .number(y.exited.p95, decimals: 1),
          .number(y.rectifying.mean, decimals: 1),
        ]
        for g in y.gini {
          row.append(g.map { .number($0, decimals: 4) } ?? .empty)
        }
        table.append(row)
      }
    }
    if let s = results.first?.settings {
      let m = s.response
      table.footnotes = [
        l(
          "\(s.runs) runs, seed \(s.seed). Scores answer funding: s′ = min(100, max(0, s·(b′/b)^ε + σz)), "
            + "ε ~ N(\(Diagnostic.number(m.elasticity)), \(Diagnostic.number(m.elasticitySpread))) per project and run "
            + "(floored at 0), σ = \(Diagnostic.number(m.noise)) points. Performance: budget-weighted mean score of funded "
            + "projects; value: Σ (score/100) × budget; exited: no longer funded by a rule (cancelled, multi-year exit, "
            + "completed, time limit). The first row of each scenario is the data set.",
          "模拟 \(s.runs) 次，随机种子 \(s.seed)。得分随预算变化：s′ = min(100, max(0, s·(b′/b)^ε + σz))，"
            + "ε ~ N(\(Diagnostic.number(m.elasticity)), \(Diagnostic.number(m.elasticitySpread)))（每个项目每次模拟抽取，不小于0），"
            + "σ = \(Diagnostic.number(m.noise)) 分。绩效：有预算项目得分按预算加权平均；绩效加权资金：Σ（得分/100）× 预算。"
            + "每个情景第一行为数据年度。")
      ]
    }
    return table
  }

  /// Per scenario and project: how often it ended, how often it was cut,
  /// its mean last budget and score.
  public static func projects(
    _ results: [MultiYearSimulation], _ dataset: Dataset,
    _ evaluation: Evaluation, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "multiyear_projects",
      title: l("Multi-year simulation by project", "多年度模拟（按项目）"),
      columns: [
        .init(l("scenario", "情景")), .init(l("project", "项目编号")),
        .init(l("name", "项目名称")), .init(l("unit", "单位编号")),
        .init(l("score", "得分"), numeric: true),
        .init(l("budget", "预算"), numeric: true),
        .init(l("exited share", "退出概率"), numeric: true),
        .init(l("cut share", "压减概率"), numeric: true),
        .init(l("last budget mean", "末年预算均值"), numeric: true),
        .init(l("last score mean", "末年得分均值"), numeric: true),
      ])
    for r in results {
      for p in 0..<dataset.projects.count {
        table.append([
          .text(r.scenario.name), .text(dataset.projects.ids[p]),
          .text(dataset.projects.names[p]),
          .text(ScoreReport.unitID(dataset, p)),
          evaluation.hasScore(p)
            ? .number(evaluation.score[p], decimals: 2) : .empty,
          .number(dataset.projects.budget[p], decimals: 2),
          .number(r.exitedShare[p], decimals: 3),
          .number(r.cutShare[p], decimals: 3),
          .number(r.lastBudget[p], decimals: 2),
          r.lastScore[p].map { .number($0, decimals: 2) } ?? .empty,
        ])
      }
    }
    return table
  }
}
