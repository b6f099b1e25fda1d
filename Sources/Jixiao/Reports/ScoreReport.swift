/// Tables of `jixiao score`: projects, indicator rows, roll-ups, flags.
public enum ScoreReport {
  /// One row per project: amounts, execution, dimension sub-scores, score,
  /// grade and status.
  public static func projects(
    _ dataset: Dataset, _ evaluation: Evaluation, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let scheme = evaluation.scheme
    let isRatings = scheme.method == .ratings
    var columns: [ReportTable.Column] = [
      .init(l("project", "项目编号")), .init(l("name", "项目名称")),
      .init(l("unit", "单位编号")), .init(l("unit name", "单位")),
      .init(l("budget", "预算数"), numeric: true),
      .init(l("executed", "执行数"), numeric: true),
      .init(l("execution %", "执行率%"), numeric: true),
    ]
    columns += scheme.dimensions.map {
      .init(language == .chinese ? $0.name : $0.id, numeric: true)
    }
    if isRatings {
      columns += [
        .init(l("mean rating", "平均评级分"), numeric: true),
        .init(l("rating", "综合评级")),
        .init(l("not rated", "未评"), numeric: true),
        .init(l("missing", "缺失"), numeric: true),
      ]
    }
    columns += [
      .init(l("score", "得分"), numeric: true), .init(l("grade", "等级")),
      .init(l("soft targets", "目标偏低"), numeric: true), .init(l("status", "状态")),
    ]
    var table = ReportTable(
      name: "projects", title: l("Project scores", "项目绩效评分"), columns: columns)
    var softCount = [Int](repeating: 0, count: dataset.projects.count)
    for row in evaluation.softTargetRows {
      softCount[Int(dataset.indicators.project[row])] += 1
    }

    for p in 0..<dataset.projects.count {
      let scored = evaluation.hasScore(p)
      var cells: [ReportTable.Cell] = [
        .text(dataset.projects.ids[p]), .text(dataset.projects.names[p]),
        .text(unitID(dataset, p)), .text(unitName(dataset, p)),
        .number(dataset.projects.budget[p], decimals: 2),
        .number(dataset.projects.executed[p], decimals: 2),
        dataset.projects.budget[p] > 0
          ? .number(evaluation.executionRate[p] * 100, decimals: 1) : .empty,
      ]
      for d in 0..<scheme.dimensions.count {
        let applies = evaluation.dimensionApplies[p, d] > 0
        cells.append(
          scored && applies
            ? .number(evaluation.dimensionPoints[p, d], decimals: 2) : .empty)
      }
      if isRatings {
        let band = Int(evaluation.overallRating[p])
        cells += [
          scored ? .number(evaluation.meanPoints[p], decimals: 2) : .empty,
          band >= 0 ? .text(scheme.overall[band].rating) : .empty,
          .integer(Int(evaluation.notRatedCount[p])),
          .integer(Int(evaluation.missingCount[p])),
        ]
      }
      cells += [
        scored ? .number(evaluation.score[p], decimals: 2) : .empty,
        l.grade(evaluation.grade[p]), .integer(softCount[p]),
        .text(l.status(evaluation.status[p])),
      ]
      table.append(cells)
    }
    let counts = evaluation.gradeCounts
    table.footnotes.append(
      l("Grades of scored projects: ", "已评分项目等级分布：")
        + Grade.allCases.map { "\($0.label(language)) \(counts[$0.rawValue])" }
        .joined(separator: ", "))
    return table
  }

  /// One row per indicator row: rule inputs, share and points.
  public static func indicators(
    _ dataset: Dataset, _ evaluation: Evaluation, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let rows = dataset.indicators
    let scheme = evaluation.scheme
    var table = ReportTable(
      name: "indicators", title: l("Indicator scores", "指标得分"),
      columns: [
        .init(l("project", "项目编号")), .init(l("dimension", "一级指标")),
        .init(l("subdimension", "二级指标")), .init(l("indicator", "三级指标")),
        .init(l("operator", "方向")), .init(l("target", "年度指标值"), numeric: true),
        .init(l("actual", "实际完成值")), .init(l("unit", "计量单位")),
        .init(l("weight", "分值"), numeric: true),
        .init(l("points", "得分"), numeric: true),
        .init(l("status", "状态")), .init(l("soft target", "目标偏低")),
      ])
    for r in 0..<rows.count {
      let d = Int(rows.dimension[r])
      let isQuantitative = rows.kind[r] == .quantitative
      let status: String
      switch rows.status[r] {
      case .applicable: status = ""
      case .notApplicable: status = l("n/a", "不适用")
      case .notRated: status = l("not rated", "未评")
      case .missing: status = l("missing", "缺失")
      }
      table.append([
        .text(dataset.projects.ids[Int(rows.project[r])]),
        .text(d >= 0 ? scheme.dimensions[d].id : ""),
        .text(rows.subdimension[r]), .text(rows.names[r]),
        .text(isQuantitative ? rows.op[r].symbol : ""),
        isQuantitative ? .number(rows.target[r], decimals: 2) : .empty,
        isQuantitative && rows.status[r] == .applicable
          ? .text(ReportTable.Cell.shortest(rows.actual[r]))
          : .text(rows.label[r]),
        .text(rows.unit[r]),
        .number(rows.weight[r], decimals: 2),
        rows.status[r] == .applicable
          ? .number(evaluation.rowPoints[r], decimals: 4) : .empty,
        .text(status),
        .text(evaluation.rowLooksSoft[r] ? l("yes", "是") : ""),
      ])
    }
    return table
  }

  /// One row per group of a roll-up level.
  public static func rollup(
    _ rollup: Rollup, order: [Int]? = nil, depth: [Int]? = nil,
    levels: Int? = nil, unitParents: [String]? = nil, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let title: String
    switch rollup.level {
    case .activity: title = l("By activity (budget-weighted)", "按工作活动汇总（预算加权）")
    case .duty: title = l("By duty (budget-weighted)", "按部门职责汇总（预算加权）")
    case .unit:
      title = l("By unit, own projects (budget-weighted)", "按单位汇总（本级，预算加权）")
    case .unitTree:
      title = l("By unit with units below (budget-weighted)", "按单位汇总（含下级，预算加权）")
    }
    let parents = rollup.level == .unitTree ? unitParents : nil
    var columns: [ReportTable.Column] = [
      .init(l("id", "编号")), .init(l("name", "名称")),
    ]
    if parents != nil { columns.append(.init(l("parent", "上级单位"))) }
    columns += [
      .init(l("projects", "项目数"), numeric: true),
      .init(l("scored", "已评分"), numeric: true),
      .init(l("budget", "预算数"), numeric: true),
      .init(l("executed", "执行数"), numeric: true),
      .init(l("score", "得分"), numeric: true),
    ]
    columns += Grade.allCases.map { .init($0.label(language), numeric: true) }
    var table = ReportTable(
      name: "by_\(rollup.level.rawValue)", title: title, columns: columns)
    for g in order ?? Array(0..<rollup.count)
    where (depth?[g] ?? 0) < levels ?? Int.max {
      var cells: [ReportTable.Cell] = [
        .text(rollup.ids[g]), .indented(rollup.names[g], depth: depth?[g] ?? 0),
      ]
      if let parents { cells.append(.text(parents[g])) }
      cells += [
        .integer(rollup.projectCount[g]), .integer(rollup.scoredCount[g]),
        .number(rollup.budget[g], decimals: 2),
        .number(rollup.executed[g], decimals: 2),
        rollup.meanScore[g].map { .number($0, decimals: 2) } ?? .empty,
      ]
      cells += rollup.gradeCounts[g].map { .integer($0) }
      table.append(cells)
    }
    return table
  }

  static func unitID(_ dataset: Dataset, _ project: Int) -> String {
    let u = Int(dataset.projects.unit[project])
    return u >= 0 ? dataset.units.ids[u] : ""
  }

  /// The parent id of every unit, empty for roots.
  public static func unitParents(_ dataset: Dataset) -> [String] {
    dataset.units.parent.map { $0 >= 0 ? dataset.units.ids[Int($0)] : "" }
  }

  static func unitName(_ dataset: Dataset, _ project: Int) -> String {
    let u = Int(dataset.projects.unit[project])
    return u >= 0 ? dataset.units.names[u] : ""
  }
}
