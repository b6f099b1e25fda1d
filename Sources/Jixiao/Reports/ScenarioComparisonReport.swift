/// The tables of `jixiao simulate` with several scenarios: one row per
/// scenario (`scenarios`) and each project under each (`scenario_projects`).
public enum ScenarioComparisonReport {
  /// One row per scenario: totals, counts per kind of change, the
  /// expected performance under the response model without noise, and
  /// the Gini of funds per member per level.
  public static func scenarios(
    _ results: [Reallocation], _ dataset: Dataset, _ evaluation: Evaluation,
    response: ResponseModel, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    let balances = results.map {
      FundsBalance(dataset, evaluation, budgets: $0.after)
    }
    let levels = FundsBalance(dataset, evaluation).levels.map(\.level)
    var columns: [ReportTable.Column] = [
      .init(l("scenario", "情景")),
      .init(l("budget after (\(money))", "调整后预算（\(money)）"), numeric: true),
      .init(l("change (\(money))", "变动（\(money)）"), numeric: true),
      .init(l("change %", "变动率%"), numeric: true),
    ]
    for change in Reallocation.Change.allCases {
      columns.append(.init(l.change(change), numeric: true))
    }
    columns += [
      .init(l("unallocated (\(money))", "未分配（\(money)）"), numeric: true),
      .init(l("not covered (\(money))", "未能平衡（\(money)）"), numeric: true),
      .init(
        l("held by unit caps (\(money))", "单位上限压回（\(money)）"), numeric: true),
      .init(
        l("core floor short (\(money))", "主责主业保底缺口（\(money)）"), numeric: true),
      .init(l("expected performance", "预期绩效"), numeric: true),
      .init(
        l("expected value (\(money))", "预期绩效加权资金（\(money)）"), numeric: true),
    ]
    for level in levels {
      columns.append(.init(l("Gini \(level)", "基尼系数 \(level)"), numeric: true))
    }
    var table = ReportTable(
      name: "scenarios", title: l("Scenarios compared", "情景比较"),
      columns: columns)
    for (result, balance) in zip(results, balances) {
      let before = result.totalBefore
      // A budget-neutral share leaves a difference of rounding (1e-10 of
      // the total): shown as the 0 it is.
      let change =
        abs(result.totalAfter - before) <= 1e-9 * before
        ? 0 : result.totalAfter - before
      var row: [ReportTable.Cell] = [
        .text(result.scenario.name), .number(before + change, decimals: 2),
        .number(change, decimals: 2),
        before > 0 ? .number(change / before * 100, decimals: 2) : .empty,
      ]
      let counts = result.changeCounts
      for change in Reallocation.Change.allCases {
        row.append(.integer(counts[change] ?? 0))
      }
      let expected = Self.expected(result, evaluation, response: response)
      row += [
        .number(result.unallocated, decimals: 2),
        .number(result.uncovered, decimals: 2),
        .number(result.heldByUnitCaps, decimals: 2),
        .number(result.coreShortfall, decimals: 2),
        expected.performance.map { .number($0, decimals: 2) } ?? .empty,
        .number(expected.value, decimals: 2),
      ]
      for level in levels {
        let gini = balance.levels.first { $0.level == level }?.balance.gini
        row.append(gini.map { .number($0, decimals: 4) } ?? .empty)
      }
      table.append(row)
    }
    table.footnotes = [
      l(
        "Expected performance: budget-weighted mean of the scores the response model gives at the new budgets "
          + "without noise, min(100, s·(b′/b)^ε) with ε = \(Diagnostic.number(response.elasticity)); "
          + "expected value: Σ (score/100) × budget (performance empty: nothing funded). Not covered: raises of "
          + "other grades that a budget-neutral pool and the priority projects could not pay for. "
          + "Gini: members-weighted, of funds per member.",
        "预期绩效：按响应模型（不含随机扰动）在调整后预算下的预期得分，按预算加权平均，min(100, s·(b′/b)^ε)，ε = "
          + "\(Diagnostic.number(response.elasticity))；预期绩效加权资金：Σ（得分/100）× 预算（绩效为空：无安排预算的项目）。"
          + "未能平衡：预算平衡情景下压减资金和优先项目全部预算仍不足以承担的其他等级增加额。基尼系数按会员数加权，指人均经费。"
      )
    ]
    return table
  }

  /// Σ s′·b′ / Σ b′ and Σ (s′/100)·b′ over the funded scored projects,
  /// s′ the response model's score at b′ without noise.
  static func expected(
    _ result: Reallocation, _ evaluation: Evaluation, response: ResponseModel
  ) -> (performance: Double?, value: Double) {
    var weighted = 0.0
    var funded = 0.0
    for p in result.after.indices
    where evaluation.status[p] == .scored && result.after[p] > 0 {
      let ratio = result.before[p] > 0 ? result.after[p] / result.before[p] : 1
      let s = response.next(
        score: evaluation.score[p], ratio: ratio,
        elasticity: response.elasticity, z: 0)
      weighted += s * result.after[p]
      funded += result.after[p]
    }
    return (funded > 0 ? weighted / funded : nil, weighted / 100)
  }

  /// Each project under each scenario, scenario after scenario.
  public static func projects(
    _ results: [Reallocation], _ dataset: Dataset, _ evaluation: Evaluation,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "scenario_projects",
      title: l("Budgets by project and scenario", "各情景项目预算"),
      columns: [
        .init(l("scenario", "情景")),
        .init(l("project", "项目编号")), .init(l("name", "项目名称")),
        .init(l("unit", "单位编号")),
        .init(l("score", "得分"), numeric: true), .init(l("grade", "等级")),
        .init(l("before", "调整前"), numeric: true),
        .init(l("after", "调整后"), numeric: true),
        .init(l("change", "变动"), numeric: true), .init(l("result", "结果")),
        .init(l("reason", "依据")),
      ])
    let money = dataset.info.moneyUnit
    for result in results {
      for p in 0..<dataset.projects.count {
        table.append(
          [
            .text(result.scenario.name),
            .text(dataset.projects.ids[p]), .text(dataset.projects.names[p]),
            .text(ScoreReport.unitID(dataset, p)),
          ]
            + SimulationReport.budgetCells(
              result, p, evaluation, moneyUnit: money, l))
      }
    }
    return table
  }
}
