import JixiaoNumerics

/// Tables of `jixiao simulate`: summary, units, projects.
public enum SimulationReport {
  /// Totals before and after, counts per kind of change.
  public static func summary(
    _ result: Reallocation, _ evaluation: Evaluation, moneyUnit: String,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "summary",
      title: l(
        "Scenario \"\(result.scenario.name)\"", "情景「\(result.scenario.name)」"),
      columns: [
        .init(l("measure", "项目")), .init(l("value", "数值"), numeric: true),
      ])
    let before = result.totalBefore
    let after = result.totalAfter
    table.append([
      .text(l("budget before (\(moneyUnit))", "调整前预算（\(moneyUnit)）")),
      .number(before, decimals: 2),
    ])
    table.append([
      .text(l("budget after (\(moneyUnit))", "调整后预算（\(moneyUnit)）")),
      .number(after, decimals: 2),
    ])
    table.append([
      .text(l("change (\(moneyUnit))", "变动（\(moneyUnit)）")),
      .number(after - before, decimals: 2),
    ])
    table.append([
      .text(l("change %", "变动率%")),
      before > 0
        ? .number((after - before) / before * 100, decimals: 2) : .empty,
    ])
    if result.scenario.budgetNeutral {
      // Three rows, so that freed = shared out + unallocated reads true
      // when maxRaise caps the shares.
      table.append([
        .text(
          l("freed by other projects (\(moneyUnit))", "其他项目释放（\(moneyUnit)）")),
        .number(result.pool, decimals: 2),
      ])
      table.append([
        .text(
          l(
            "shared out to priority projects (\(moneyUnit))",
            "分配给优先项目（\(moneyUnit)）")),
        .number(result.sharedOut, decimals: 2),
      ])
      table.append([
        .text(l("unallocated (\(moneyUnit))", "未分配（\(moneyUnit)）")),
        .number(result.unallocated, decimals: 2),
      ])
      if result.uncovered > 0 {
        table.append([
          .text(
            l(
              "raises not covered by freed money (\(moneyUnit))",
              "压减资金不足以承担的增加额（\(moneyUnit)）")),
          .number(result.uncovered, decimals: 2),
        ])
      }
    }
    if result.scenario.rules.unitCap != nil {
      table.append([
        .text(l("held by unit caps (\(moneyUnit))", "单位上限压回（\(moneyUnit)）")),
        .number(result.heldByUnitCaps, decimals: 2),
      ])
    }
    if result.scenario.rules.coreFloor != nil {
      table.append([
        .text(
          l(
            "core-duty floor not met by (\(moneyUnit))",
            "主责主业保底缺口（\(moneyUnit)）")),
        .number(result.coreShortfall, decimals: 2),
      ])
    }
    let grades = evaluation.gradeCounts
    for grade in Grade.allCases {
      table.append([
        .text(l("projects graded \(grade.name)", "等级为\(grade.chinese)的项目")),
        .integer(grades[grade.rawValue]),
      ])
    }
    let ungraded = evaluation.status.count {
      $0 == .unrated || $0 == .noApplicableRows
    }
    table.append([
      .text(l("projects without grade", "无等级项目")), .integer(ungraded),
    ])
    let counts = result.changeCounts
    for change in Reallocation.Change.allCases {
      table.append([
        .text(l("projects \(l.change(change))", "项目数：\(l.change(change))")),
        .integer(counts[change] ?? 0),
      ])
    }
    return table
  }

  /// Before and after per unit, each unit including the units below it,
  /// in tree order, down to `levels` levels of the tree (nil: all).
  public static func units(
    _ result: Reallocation, _ dataset: Dataset, levels: Int? = nil,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var (before, after) = result.byUnit(dataset)
    let counts = Segments.counts(
      groups: dataset.projects.unit, groupCount: dataset.units.count)
    var projects = counts
    // Add each unit to its ancestors, deepest first.
    for u in Rollup.deepestFirst(dataset.units.parent) {
      let parent = Int(dataset.units.parent[u])
      guard parent >= 0 else { continue }
      before[parent] += before[u]
      after[parent] += after[u]
      projects[parent] += projects[u]
    }
    var table = ReportTable(
      name: "units",
      title: l("Budgets by unit (with units below)", "按单位预算（含下级）"),
      columns: [
        .init(l("unit", "单位编号")), .init(l("name", "单位名称")),
        .init(l("parent", "上级单位")),
        .init(l("projects", "项目数"), numeric: true),
        .init(l("before", "调整前"), numeric: true),
        .init(l("after", "调整后"), numeric: true),
        .init(l("change", "变动"), numeric: true),
        .init(l("change %", "变动率%"), numeric: true),
      ])
    let (order, depth) = dataset.units.treeOrder()
    let parents = ScoreReport.unitParents(dataset)
    for u in order where depth[u] < levels ?? Int.max {
      table.append([
        .text(dataset.units.ids[u]),
        .indented(dataset.units.names[u], depth: depth[u]),
        .text(parents[u]),
        .integer(projects[u]),
        .number(before[u], decimals: 2), .number(after[u], decimals: 2),
        .number(after[u] - before[u], decimals: 2),
        before[u] > 0
          ? .number((after[u] - before[u]) / before[u] * 100, decimals: 1)
          : .empty,
      ])
    }
    return table
  }

  /// One row per project: grade, budgets, change and reason.
  public static func projects(
    _ result: Reallocation, _ dataset: Dataset, _ evaluation: Evaluation,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "projects",
      title: l("Budgets by project", "项目预算调整"),
      columns: [
        .init(l("project", "项目编号")), .init(l("name", "项目名称")),
        .init(l("unit", "单位编号")), .init(l("unit name", "单位")),
        .init(l("score", "得分"), numeric: true), .init(l("grade", "等级")),
        .init(l("before", "调整前"), numeric: true),
        .init(l("after", "调整后"), numeric: true),
        .init(l("change", "变动"), numeric: true), .init(l("result", "结果")),
        .init(l("reason", "依据")),
      ])
    for p in 0..<dataset.projects.count {
      table.append(
        [
          .text(dataset.projects.ids[p]), .text(dataset.projects.names[p]),
          .text(ScoreReport.unitID(dataset, p)),
          .text(ScoreReport.unitName(dataset, p)),
        ]
          + budgetCells(
            result, p, evaluation, moneyUnit: dataset.info.moneyUnit, l))
    }
    return table
  }

  /// A project's score, grade, budgets, result and reason, as the
  /// project tables of `simulate` show them.
  static func budgetCells(
    _ result: Reallocation, _ p: Int, _ evaluation: Evaluation,
    moneyUnit: String, _ l: Labels
  ) -> [ReportTable.Cell] {
    [
      evaluation.hasScore(p)
        ? .number(evaluation.score[p], decimals: 2) : .empty,
      // An excluded project's grade plays no part in its budget, and the
      // summary does not count it as graded: leave it empty here too.
      evaluation.status[p] == .excluded
        ? .empty : l.grade(evaluation.grade[p]),
      .number(result.before[p], decimals: 2),
      .number(result.after[p], decimals: 2),
      .number(result.after[p] - result.before[p], decimals: 2),
      .text(l.change(result.change[p])),
      .text(
        l.reason(
          result.reason[p], result.adjustment[p],
          nothingToChange: result.nothingToChange[p], moneyUnit: moneyUnit)),
    ]
  }
}
