import JixiaoNumerics

/// The tables of `jixiao efficiency DATASET` beyond DEA: cost-effectiveness,
/// the core-duty share and the balance of funds per member, before and
/// after a scenario.
extension EfficiencyReport {
  /// Score per 万元 and the marginal score per extra 万元, per project.
  public static func costEffectivenessProjects(
    _ c: CostEffectiveness, _ dataset: Dataset, _ evaluation: Evaluation,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let p = dataset.projects
    let money = dataset.info.moneyUnit
    let scored = evaluation.status.map { $0 == .scored }
    return ReportTable(
      name: "cost_effectiveness_projects",
      title: l("Cost-effectiveness by project", "项目成本效益"),
      sources: [
        (.init(l("project", "项目")), .text(p.ids)),
        (.init(l("unit", "单位")), .lookup(dataset.units.ids, rows: p.unit)),
        (.init(l("category", "类别")), .pooled(p.category)),
        (
          .init(l("budget", "预算") + " (\(money))", numeric: true),
          .numbers(p.budget, decimals: 2, present: nil)
        ),
        (
          .init(l("executed", "执行数") + " (\(money))", numeric: true),
          .numbers(p.executed, decimals: 2, present: nil)
        ),
        (
          .init(l("score", "得分"), numeric: true),
          .numbers(evaluation.score, decimals: 2, present: scored)
        ),
        (
          .init(l("score per \(money)", "每\(money)得分"), numeric: true),
          .numbers(c.perMoney, decimals: 4, present: c.perMoneyPresent)
        ),
        (
          .init(
            l("score gained per extra \(money)", "每增加\(money)得分增量"),
            numeric: true),
          .numbers(c.marginal, decimals: 6, present: c.marginalPresent)
        ),
      ], rowCount: p.count)
  }

  /// Points per 万元 by category and by unit, and the total.
  public static func costEffectiveness(
    _ c: CostEffectiveness, _ dataset: Dataset, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    var table = ReportTable(
      name: "cost_effectiveness",
      title: l("Cost-effectiveness by category and unit", "分类别、分单位成本效益"),
      columns: [
        .init(l("by", "分组方式")), .init(l("group", "分组")),
        .init(l("projects", "项目数"), numeric: true),
        .init(l("budget", "预算") + " (\(money))", numeric: true),
        .init(l("executed", "执行数") + " (\(money))", numeric: true),
        .init(l("mean score", "平均得分"), numeric: true),
        .init(l("budget-weighted score", "预算加权得分"), numeric: true),
        .init(l("points per \(money)", "每\(money)得分"), numeric: true),
        .init(l("points per extra \(money)", "每增加\(money)得分增量"), numeric: true),
      ])
    func add(_ by: String, _ g: CostEffectiveness.Group) {
      table.append([
        .text(by), .text(g.label), .integer(g.projects),
        .number(g.budget, decimals: 2),
        .number(g.executed, decimals: 2), .number(g.meanScore, decimals: 2),
        .number(g.weightedScore, decimals: 2),
        g.pointsPerMoney.map { .number($0, decimals: 4) } ?? .empty,
        .number(g.marginalPoints, decimals: 4),
      ])
    }
    add(l("all", "全部"), c.total)
    for g in c.byCategory { add(l("category", "类别"), g) }
    for g in c.byUnit { add(l("unit", "单位"), g) }
    table.footnotes = [
      l(
        "Scored projects in the duty → activity tree. Points per extra \(money): the score points gained "
          + "by one more \(money) shared in proportion to budgets, under s(b) = min(100, s·(b/b₀)^ε), "
          + "ε = \(Diagnostic.number(c.elasticity)).",
        "仅含职责-活动体系内已评分项目。每增加\(money)得分增量：按预算比例追加 1 \(money) 所增加的得分，"
          + "响应模型 s(b) = min(100, s·(b/b₀)^ε)，ε = \(Diagnostic.number(c.elasticity))。"
      )
    ]
    return table
  }

  /// The share of budgets on core duties, per unit and in total, before
  /// and (with a scenario) after.
  public static func coreDuties(
    _ before: CoreDutyShare, after: CoreDutyShare?, _ dataset: Dataset,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    var columns: [ReportTable.Column] = [
      .init(l("unit", "单位")), .init(l("name", "名称")),
      .init(l("core", "主责主业") + " (\(money))", numeric: true),
      .init(l("all", "全部") + " (\(money))", numeric: true),
      .init(l("core share", "主责主业占比"), numeric: true),
    ]
    if after != nil {
      columns += [
        .init(l("core after", "调整后主责主业") + " (\(money))", numeric: true),
        .init(l("all after", "调整后全部") + " (\(money))", numeric: true),
        .init(l("core share after", "调整后占比"), numeric: true),
      ]
    }
    var table = ReportTable(
      name: "core_duties",
      title: l("Spending on core duties (主责主业)", "主责主业支出占比"),
      columns: columns)
    func share(_ core: Double, _ total: Double) -> ReportTable.Cell {
      total > 0 ? .number(core / total, decimals: 4) : .empty
    }
    var row: [ReportTable.Cell] = [
      .text(l("all", "全部")), .empty, .number(before.core, decimals: 2),
      .number(before.total, decimals: 2), share(before.core, before.total),
    ]
    if let after {
      row += [
        .number(after.core, decimals: 2), .number(after.total, decimals: 2),
        share(after.core, after.total),
      ]
    }
    table.append(row)
    for u in 0..<dataset.units.count where before.unitTotal[u] > 0 {
      var row: [ReportTable.Cell] = [
        .text(dataset.units.ids[u]), .text(dataset.units.names[u]),
        .number(before.unitCore[u], decimals: 2),
        .number(before.unitTotal[u], decimals: 2),
        share(before.unitCore[u], before.unitTotal[u]),
      ]
      if let after {
        row += [
          .number(after.unitCore[u], decimals: 2),
          .number(after.unitTotal[u], decimals: 2),
          share(after.unitCore[u], after.unitTotal[u]),
        ]
      }
      table.append(row)
    }
    table.footnotes = [
      l("Core-duty categories: ", "主责主业类别：")
        + before.categories.joined(separator: ", ")
        + l(" (--core-categories).", "（--core-categories）。")
    ]
    return table
  }

  /// Gini, Theil (within and between regions), CV and max/min of funds per
  /// member, per level, before and (with a scenario) after.
  public static func balance(
    _ before: FundsBalance, after: FundsBalance?, _ dataset: Dataset,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    // Funds per member are small in 万元: shown in 元 (× 10,000).
    let inYuan = dataset.info.moneyUnit == "万元"
    let money = inYuan ? "元" : dataset.info.moneyUnit
    let factor = inYuan ? 10_000.0 : 1
    let decimals = inYuan ? 2 : 6
    var table = ReportTable(
      name: "balance",
      title: l("Balance of funds per member (财力均衡)", "人均经费均衡度（财力均衡）"),
      columns: [
        .init(l("level", "层级")), .init(l("when", "时点")),
        .init(l("units", "单位数"), numeric: true),
        .init(l("members", "会员数"), numeric: true),
        .init(l("mean per member", "人均经费") + " (\(money))", numeric: true),
        .init(l("min", "最小值") + " (\(money))", numeric: true),
        .init(l("max", "最大值") + " (\(money))", numeric: true),
        .init(l("max/min", "极值比"), numeric: true),
        .init(l("CV", "变异系数"), numeric: true), .init("Gini", numeric: true),
        .init("Theil T", numeric: true),
        .init(
          before.splitBy == .region
            ? l("Theil within regions", "泰尔区域内")
            : l("Theil within levels", "泰尔层级内"),
          numeric: true),
        .init(
          before.splitBy == .region
            ? l("Theil between regions", "泰尔区域间")
            : l("Theil between levels", "泰尔层级间"),
          numeric: true),
      ])
    func add(_ level: FundsBalance.Level, _ when: String) {
      let b = level.balance
      let members = level.units.reduce(0.0) {
        $0 + (dataset.units.members[$1] ?? 0)
      }
      table.append([
        .text(level.level), .text(when), .integer(b.count),
        .number(members, decimals: 0),
        .number(b.mean * factor, decimals: decimals),
        .number(b.minimum * factor, decimals: decimals),
        .number(b.maximum * factor, decimals: decimals),
        b.maxMinRatio.map { .number($0, decimals: 2) } ?? .empty,
        .number(b.coefficientOfVariation, decimals: 4),
        .number(b.gini, decimals: 4),
        .number(b.theil, decimals: 4),
        level.split.map { .number($0.within, decimals: 4) } ?? .empty,
        level.split.map { .number($0.between, decimals: 4) } ?? .empty,
      ])
    }
    for level in before.levels {
      add(level, l("before", "调整前"))
      if let match = after?.levels.first(where: { $0.level == level.level }) {
        add(match, l("after", "调整后"))
      } else if let after {
        // The scenario left this level without funds (or members to
        // count): a row that says so rather than a missing one.
        let reason =
          after.skipped.first { $0.level == level.level }?.reason ?? "no funds"
        table.append(
          [.text(level.level), .text(l("after", "调整后"))]
            + [ReportTable.Cell](
              repeating: .empty, count: table.columns.count - 3)
            + [.text(reason)])
      }
    }
    table.footnotes = [
      l(
        "Funds: budgets of the unit's own projects in the tree; each unit weighted by its members; "
          + (before.splitBy == .region
            ? "units of one level compared with each other only. Theil T splits into within + between regions."
            : "all units with members in one population, split by level (this assumes each member is counted by one unit only)."),
        "经费为单位自身在职责-活动体系内项目的预算；按会员数加权；"
          + (before.splitBy == .region
            ? "仅同一层级单位相互比较。泰尔 T 指数分解为区域内与区域间之和。"
            : "全部有会员数的单位作为一个总体，按层级分解（每名会员只计一次）。"))
    ]
    if let (child, parent) = before.nested {
      table.footnotes.append(
        l(
          "Warning: \(dataset.units.ids[child]) and the unit above it, \(dataset.units.ids[parent]), "
            + "both have members; if the upper count includes the lower one, members count twice "
            + "here. Use --balance-by region (levels apart) for nested counts.",
          "警告：\(dataset.units.ids[child]) 与其上级 \(dataset.units.ids[parent]) 均有会员数；"
            + "若上级包含下级会员，则此处重复计数。会员数逐级汇总时请用 --balance-by region（分层级比较）。"))
    }
    for skip in before.skipped {
      table.footnotes.append(
        skip.level.isEmpty
          ? l(
            "No balance: \(skip.reason). Add the members of each unit to units.csv "
              + "(docs/format.md) to compare funds per member.",
            "无法计算：\(skip.reason)。在 units.csv 中补充各单位会员数（docs/format.md）后可比较人均经费。"
          )
          : skip.level + ": " + skip.reason + ".")
    }
    return table
  }
}

extension EfficiencyReport {
  /// Budgets and predicted performance before and after a scenario.
  public static func whatIf(
    _ r: ScenarioResponse, _ dataset: Dataset, scenario: String,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    var table = ReportTable(
      name: "what_if", title: l("What-if: ", "情景测算：") + scenario,
      columns: [
        .init(l("measure", "指标")), .init(l("before", "调整前"), numeric: true),
        .init(l("after", "调整后"), numeric: true),
        .init(l("change", "变化"), numeric: true),
      ])
    func add(_ name: String, _ a: Double, _ b: Double, _ decimals: Int) {
      table.append([
        .text(name), .number(a, decimals: decimals),
        .number(b, decimals: decimals),
        .number(b - a, decimals: decimals),
      ])
    }
    add(l("budget", "预算") + " (\(money))", r.budgetBefore, r.budgetAfter, 2)
    add(l("score points (Σ scores)", "得分合计"), r.pointsBefore, r.pointsAfter, 2)
    if r.budgetAfter > 0 {
      add(
        l("budget-weighted score", "预算加权得分"), r.weightedBefore, r.weightedAfter,
        2)
    } else {
      // Nothing funded after: no weighted score to show.
      table.append([
        .text(l("budget-weighted score", "预算加权得分")),
        .number(r.weightedBefore, decimals: 2), .empty, .empty,
      ])
    }
    table.append([
      .text(l("raised", "增加额") + " (\(money))"), .empty,
      .number(r.raised, decimals: 2), .empty,
    ])
    table.append([
      .text(l("cut", "压减额") + " (\(money))"), .empty,
      .number(r.cut, decimals: 2), .empty,
    ])
    table.append([
      .text(l("projects cancelled", "取消项目数")), .empty, .integer(r.cancelled),
      .empty,
    ])
    table.append([
      .text(l("Σ score change per \(money) raised", "每增加\(money)得分合计变化")),
      .empty,
      r.pointsPerMoneyMoved.map { .number($0, decimals: 4) } ?? .empty, .empty,
    ])
    table.footnotes = [
      l(
        "Scored projects in the tree. Response model: s′ = min(100, s·(b′/b)^ε), ε = "
          + "\(Diagnostic.number(r.elasticity)); a cancelled project scores nothing. A model, "
          + "not a forecast: set ε with --elasticity.",
        "仅含职责-活动体系内已评分项目。响应模型：s′ = min(100, s·(b′/b)^ε)，ε = "
          + "\(Diagnostic.number(r.elasticity))；取消的项目不计得分。此为模型测算而非预测：ε 可用 --elasticity 设定。"
      )
    ]
    return table
  }
}
