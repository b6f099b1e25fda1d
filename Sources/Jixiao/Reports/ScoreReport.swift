/// Tables of `jixiao score`: projects, indicator rows, roll-ups, flags.
public enum ScoreReport {
  /// One row per project: amounts, execution, dimension sub-scores, score,
  /// grade and status. Built from columns: a national data set has
  /// hundreds of thousands of projects.
  public static func projects(
    _ dataset: Dataset, _ evaluation: Evaluation, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let scheme = evaluation.scheme
    let isRatings = scheme.method == .ratings
    let projects = dataset.projects
    let n = projects.count
    let scored = (0..<n).map { evaluation.hasScore($0) }
    let hasBudget = projects.budget.map { $0 > 0 }
    let units = dataset.units

    var sources: [(ReportTable.Column, ReportTable.Source)] = [
      (.init(l("project", "项目编号")), .text(projects.ids)),
      (.init(l("name", "项目名称")), .text(projects.names)),
      (
        .init(l("unit", "单位编号")),
        .labels(Array(units.ids), codes: projects.unit)
      ),
      (
        .init(l("unit name", "单位")),
        .labels(Array(units.names), codes: projects.unit)
      ),
      (
        .init(l("budget", "预算数"), numeric: true),
        .numbers(projects.budget, decimals: 2, present: nil)
      ),
      (
        .init(l("executed", "执行数"), numeric: true),
        .numbers(projects.executed, decimals: 2, present: nil)
      ),
      (
        .init(l("execution %", "执行率%"), numeric: true),
        .numbers(
          evaluation.executionRate.map { $0 * 100 }, decimals: 1,
          present: hasBudget)
      ),
    ]
    for (d, dimension) in scheme.dimensions.enumerated() {
      let applies = (0..<n).map {
        scored[$0] && evaluation.dimensionApplies[$0, d] > 0
      }
      sources.append(
        (
          .init(
            language == .chinese ? dimension.name : dimension.id, numeric: true),
          .numbers(
            (0..<n).map { evaluation.dimensionPoints[$0, d] }, decimals: 2,
            present: applies)
        ))
    }
    if isRatings {
      sources += [
        (
          .init(l("mean rating", "平均评级分"), numeric: true),
          .numbers(evaluation.meanPoints, decimals: 2, present: scored)
        ),
        (
          .init(l("rating", "综合评级")),
          .labels(scheme.overall.map(\.rating), codes: evaluation.overallRating)
        ),
        (
          .init(l("not rated", "未评"), numeric: true),
          .integers(evaluation.notRatedCount)
        ),
        (
          .init(l("missing", "缺失"), numeric: true),
          .integers(evaluation.missingCount)
        ),
      ]
    }
    var softCount = [Int32](repeating: 0, count: n)
    for row in evaluation.softTargetRows {
      softCount[Int(dataset.indicators.project[row])] += 1
    }
    let gradeLabels = Grade.allCases.map { $0.label(language) }
    let statusLabels = [
      Evaluation.Status.scored, .excluded, .unrated, .noApplicableRows,
    ].map { l.status($0) }
    sources += [
      (
        .init(l("score", "得分"), numeric: true),
        .numbers(evaluation.score, decimals: 2, present: scored)
      ),
      (
        .init(l("grade", "等级")),
        .labels(
          gradeLabels, codes: evaluation.grade.map { Int32($0?.rawValue ?? -1) }
        )
      ),
      (.init(l("soft targets", "目标偏低"), numeric: true), .integers(softCount)),
      (
        .init(l("status", "状态")),
        .labels(
          statusLabels, codes: evaluation.status.map { Int32($0.rawValue) })
      ),
    ]
    var table = ReportTable(
      name: "projects", title: l("Project scores", "项目绩效评分"),
      sources: sources, rowCount: n)
    let counts = evaluation.gradeCounts
    table.footnotes.append(
      l("Grades of scored projects: ", "已评分项目等级分布：")
        + Grade.allCases.map { "\($0.label(language)) \(counts[$0.rawValue])" }
        .joined(separator: ", "))
    return table
  }

  /// One row per indicator row: rule inputs, share and points. Built from
  /// columns, since it has a row per indicator of every project.
  public static func indicators(
    _ dataset: Dataset, _ evaluation: Evaluation, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let rows = dataset.indicators
    let scheme = evaluation.scheme
    let n = rows.count
    let isQuantitative = rows.kind.map { $0 == .quantitative }
    let isObserved = rows.kind.map { $0 == .observed }
    let isApplicable = rows.status.map { $0 == .applicable }
    let dimensionLabels = scheme.dimensions.map {
      language == .chinese ? $0.name : $0.id
    }
    let statusLabels = [
      "", l("n/a", "不适用"), l("not rated", "未评"), l("missing", "缺失"),
      l("observed, not scored", "观测值，不计分"),
    ]
    let statusCodes: [Int32] = (0..<n).map {
      if isObserved[$0], isApplicable[$0] { return 4 }
      switch rows.status[$0] {
      case .applicable: return 0
      case .notApplicable: return 1
      case .notRated: return 2
      case .missing: return 3
      }
    }
    let hasNumber = (0..<n).map { isQuantitative[$0] || isObserved[$0] }
    let measured = (0..<n).map { hasNumber[$0] && isApplicable[$0] }
    let scored = (0..<n).map { isApplicable[$0] && !isObserved[$0] }
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      (
        .init(l("project", "项目编号")),
        .lookup(dataset.projects.ids, rows: rows.project)
      ),
      (
        .init(l("dimension", "一级指标")),
        .labels(dimensionLabels, codes: rows.dimension)
      ),
      (.init(l("subdimension", "二级指标")), .pooled(rows.subdimension)),
      (.init(l("indicator", "三级指标")), .text(rows.names)),
      (
        .init(l("operator", "方向")),
        .labels(
          ["≥", "≤", "="],
          codes: (0..<n).map {
            hasNumber[$0] ? Int32(rows.op[$0].rawValue) : -1
          })
      ),
      (
        .init(l("target", "年度指标值"), numeric: true),
        .numbers(rows.target, decimals: 2, present: isQuantitative)
      ),
      (
        .init(l("actual", "实际完成值")),
        .numberOrLabel(
          rows.actual, decimals: 2, present: measured, labels: rows.label)
      ),
      (.init(l("unit", "计量单位")), .pooled(rows.unit)),
      (
        .init(l("weight", "分值"), numeric: true),
        .numbers(rows.weight, decimals: 2, present: nil)
      ),
      (
        .init(l("points", "得分"), numeric: true),
        .numbers(evaluation.rowPoints, decimals: 4, present: scored)
      ),
      (.init(l("status", "状态")), .labels(statusLabels, codes: statusCodes)),
      (
        .init(l("soft target", "目标偏低")),
        .labels(
          [l("yes", "是")], codes: evaluation.rowLooksSoft.map { $0 ? 0 : -1 })
      ),
    ]
    return ReportTable(
      name: "indicators", title: l("Indicator scores", "指标得分"),
      sources: sources, rowCount: n)
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
    // The groups shown, in order; every column gathers its values for them.
    let groups = (order ?? Array(0..<rollup.count)).filter {
      (depth?[$0] ?? 0) < levels ?? Int.max
    }
    let rows = groups.map { Int32($0) }
    func numbers(_ values: [Double]) -> ReportTable.Source {
      .numbers(groups.map { values[$0] }, decimals: 2, present: nil)
    }
    func integers(_ values: [Int]) -> ReportTable.Source {
      .integers(groups.map { Int32(clamping: values[$0]) })
    }
    let names: ReportTable.Source
    if let depth {
      let texts = rollup.names
      let depths = groups.map { depth[$0] }
      names = .cells { row in
        .indented(texts[groups[row]], depth: depths[row])
      }
    } else {
      names = .lookup(rollup.names, rows: rows)
    }
    var sources: [(ReportTable.Column, ReportTable.Source)] = [
      (.init(l("id", "编号")), .lookup(rollup.ids, rows: rows)),
      (.init(l("name", "名称")), names),
    ]
    if let parents {
      sources.append(
        (.init(l("parent", "上级单位")), .cells { .text(parents[groups[$0]]) }))
    }
    sources += [
      (
        .init(l("projects", "项目数"), numeric: true),
        integers(rollup.projectCount)
      ),
      (.init(l("scored", "已评分"), numeric: true), integers(rollup.scoredCount)),
      (.init(l("budget", "预算数"), numeric: true), numbers(rollup.budget)),
      (.init(l("executed", "执行数"), numeric: true), numbers(rollup.executed)),
      (
        .init(l("score", "得分"), numeric: true),
        .numbers(
          groups.map { rollup.meanScore[$0] ?? 0 }, decimals: 2,
          present: groups.map { rollup.meanScore[$0] != nil })
      ),
    ]
    for grade in Grade.allCases {
      sources.append(
        (
          .init(grade.label(language), numeric: true),
          .integers(
            groups.map {
              Int32(clamping: rollup.gradeCounts[$0][grade.rawValue])
            })
        ))
    }
    return ReportTable(
      name: "by_\(rollup.level.rawValue)", title: title, sources: sources,
      rowCount: groups.count)
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
