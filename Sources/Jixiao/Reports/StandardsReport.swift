/// Tables of `jixiao standards`.
public enum StandardsReport {
  static func measureColumns(
    _ l: Labels, _ measures: Measures, _ indices: [Int32]
  ) -> [(ReportTable.Column, ReportTable.Source)] {
    let kinds = [
      l("indicator", "指标实际值"), l("unit cost", "单位成本"), l("rating", "评级"),
    ]
    let directions = [
      l("higher is better", "越大越好"), l("lower is better", "越小越好"),
      l("exact", "等于"),
    ]
    let m = indices.map { Int($0) }
    // A coded measure is shown by its code (the rows it joins may be
    // worded apart), with the first row's wording beside it.
    let coded = measures.measures.contains { !$0.code.isEmpty }
    let names: [(ReportTable.Column, ReportTable.Source)] =
      coded
      ? [
        (
          .init(l("name", "指标名称")),
          .cells { .text(measures.measures[m[$0]].name) }
        )
      ]
      : []
    return [
      (
        .init(l("measure", "测度")),
        .cells { .text(measures.measures[m[$0]].label) }
      )
    ] + names + [
      (
        .init(l("kind", "类型")),
        .labels(
          kinds,
          codes: m.map {
            switch measures.measures[$0].kind {
            case .indicator: 0
            case .unitCost: 1
            case .rating: 2
            }
          })
      ),
      (
        .init(l("unit", "单位")),
        .cells { [language = l.language] in
          .text(measures.measures[m[$0]].unit(in: language))
        }
      ),
      (
        .init(l("direction", "方向")),
        .labels(
          directions,
          codes: m.map {
            switch measures.measures[$0].direction {
            case .higher: 0
            case .lower: 1
            case .exact: 2
            }
          })
      ),
    ]
  }

  static func statistics(
    _ l: Labels, _ cells: StandardsStudy.Cells, _ rows: [Int]
  ) -> [(ReportTable.Column, ReportTable.Source)] {
    func column(_ name: String, _ chinese: String, _ values: [Double])
      -> (ReportTable.Column, ReportTable.Source)
    {
      let present = rows.map { cells.n[$0] > 0 }
      return (
        .init(l(name, chinese), numeric: true),
        .numbers(rows.map { values[$0] }, decimals: 2, present: present)
      )
    }
    return [
      (
        .init(l("n", "样本数"), numeric: true), .integers(rows.map { cells.n[$0] })
      ),
      (
        .init(l("screened", "剔除"), numeric: true),
        .integers(rows.map { cells.screened[$0] })
      ),
      column("mean", "均值", cells.mean),
      column("median", "中位数", cells.median),
      column("trimmed mean", "截尾均值", cells.trimmedMean),
      column("P10", "P10", cells.p10),
      column("P25", "P25", cells.p25),
      column("P75", "P75", cells.p75),
      column("P90", "P90", cells.p90),
      column("MAD", "MAD", cells.mad),
    ]
  }

  /// One row per measure and group of the finest level: the distribution,
  /// and the standard and benchmark with the group they come from.
  public static func standards(_ study: StandardsStudy, language: Language)
    -> ReportTable
  {
    let l = Labels(language: language)
    let level = study.finest
    let cells = level.cells
    let rows = Array(0..<cells.count).sorted {
      (cells.measure[$0], cells.group[$0]) < (
        cells.measure[$1], cells.group[$1]
      )
    }
    let finestLevel = study.levels.count - 1
    var sources = measureColumns(
      l, study.measures, rows.map { cells.measure[$0] })
    sources.append(
      (
        .init(l("group", "分组")),
        .cells { row in
          .text(study.label(level: finestLevel, group: cells.group[rows[row]]))
        }
      ))
    sources += statistics(l, cells, rows)
    let resolved = rows.map { study.resolved[$0] }
    func resolvedValue(_ values: KeyPath<StandardsStudy.Cells, [Double]>)
      -> [Double]
    {
      resolved.map { r in
        r.map { study.levels[$0.level].cells[keyPath: values][Int($0.cell)] }
          ?? 0
      }
    }
    let present = resolved.map { $0 != nil }
    sources += [
      (
        .init(l("standard", "标准值"), numeric: true),
        .numbers(resolvedValue(\.standard), decimals: 2, present: present)
      ),
      (
        .init(l("benchmark", "标杆值"), numeric: true),
        .numbers(resolvedValue(\.benchmark), decimals: 2, present: present)
      ),
      (
        .init(l("from", "取自")),
        .cells { row in
          guard let r = resolved[row] else {
            return .text(l("too few values", "样本不足"))
          }
          if r.level == finestLevel { return .text(l("own group", "本组")) }
          let group = study.levels[r.level].cells.group[Int(r.cell)]
          return .text(study.label(level: r.level, group: group))
        }
      ),
    ]
    var table = ReportTable(
      name: "standards", title: l("Standard and benchmark values", "标准值与标杆值"),
      sources: sources, rowCount: rows.count)
    let settings = describe(study.settings, l)
    table.footnotes.append(
      settings.prefix(7).map { $0.0 + l(": ", "：") + $0.1 }.joined(
        separator: l("; ", "；"))
        + l(". Groups under ", "。样本少于 ")
        + String(study.settings.minimumGroupSize)
        + l(" values borrow from the group above.", " 的分组取上一级分组的值。"))
    return table
  }

  /// Every level's distributions (all projects, then each key added).
  public static func distributions(_ study: StandardsStudy, language: Language)
    -> ReportTable
  {
    let l = Labels(language: language)
    var levels: [Int] = []
    var cellList: [Int] = []
    for (index, level) in study.levels.enumerated() {
      let cells = level.cells
      for c in Array(0..<cells.count).sorted(by: {
        (cells.measure[$0], cells.group[$0]) < (
          cells.measure[$1], cells.group[$1]
        )
      }) {
        levels.append(index)
        cellList.append(c)
      }
    }
    let levelOf = levels
    let cellOf = cellList
    func value(_ path: KeyPath<StandardsStudy.Cells, [Double]>) -> [Double] {
      zip(levelOf, cellOf).map { study.levels[$0].cells[keyPath: path][$1] }
    }
    let present = zip(levelOf, cellOf).map { study.levels[$0].cells.n[$1] > 0 }
    func column(
      _ name: String, _ chinese: String,
      _ path: KeyPath<StandardsStudy.Cells, [Double]>
    )
      -> (ReportTable.Column, ReportTable.Source)
    {
      (
        .init(l(name, chinese), numeric: true),
        .numbers(value(path), decimals: 2, present: present)
      )
    }
    let measuresOf = zip(levelOf, cellOf).map {
      study.levels[$0].cells.measure[$1]
    }
    var sources: [(ReportTable.Column, ReportTable.Source)] = [
      (
        .init(l("grouped by", "分组方式")),
        .cells { row in
          let keys = study.levels[levelOf[row]].keys.map(\.rawValue)
          return .text(
            keys.isEmpty ? l("all", "全部") : keys.joined(separator: ", "))
        }
      )
    ]
    sources += measureColumns(l, study.measures, measuresOf)
    sources.append(
      (
        .init(l("group", "分组")),
        .cells { row in
          .text(
            study.label(
              level: levelOf[row],
              group: study.levels[levelOf[row]].cells.group[cellOf[row]]))
        }
      ))
    sources += [
      (
        .init(l("n", "样本数"), numeric: true),
        .integers(zip(levelOf, cellOf).map { study.levels[$0].cells.n[$1] })
      ),
      (
        .init(l("screened", "剔除"), numeric: true),
        .integers(
          zip(levelOf, cellOf).map { study.levels[$0].cells.screened[$1] })
      ),
      column("mean", "均值", \.mean), column("median", "中位数", \.median),
      column("trimmed mean", "截尾均值", \.trimmedMean),
      column("P10", "P10", \.p10),
      column("P25", "P25", \.p25), column("P75", "P75", \.p75),
      column("P90", "P90", \.p90),
      column("MAD", "MAD", \.mad), column("min", "最小值", \.minimum),
      column("max", "最大值", \.maximum), column("standard", "标准值", \.standard),
      column("benchmark", "标杆值", \.benchmark),
    ]
    return ReportTable(
      name: "distributions", title: l("Distributions by group", "分组分布"),
      sources: sources, rowCount: levelOf.count)
  }

  /// Every value screened out (or pulled in), with the rule's fence.
  public static func outliers(
    _ study: StandardsStudy, _ datasets: [Dataset], language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let list = study.outliers
    let measures = study.measures
    let rule: String
    switch study.settings.outliers {
    case .none: rule = ""
    case .interquartile(let k):
      rule = l(
        "IQR fence (k = \(Diagnostic.number(k)))",
        "四分位距界限（k = \(Diagnostic.number(k))）")
    case .robustZ(let z):
      rule = l(
        "robust z > \(Diagnostic.number(z))", "稳健 z > \(Diagnostic.number(z))")
    }
    let action =
      study.settings.winsorize
      ? l("pulled in to the fence", "缩尾至界限") : l("left out", "剔除")
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      (
        .init(l("grouped by", "分组方式")),
        .cells { row in
          let keys = study.levels[list[row].level].keys.map(\.rawValue)
          return .text(
            keys.isEmpty ? l("all", "全部") : keys.joined(separator: ", "))
        }
      ),
      (
        .init(l("group", "分组")),
        .cells { row in
          let o = list[row]
          return .text(
            study.label(
              level: o.level,
              group: study.levels[o.level].cells.group[Int(o.cell)]))
        }
      ),
      (
        .init(l("measure", "测度")),
        .cells {
          .text(
            measures.measures[Int(measures.measure[Int(list[$0].value)])].label)
        }
      ),
      (
        .init(l("project", "项目编号")),
        .lookup(
          measures.projectIDs, rows: list.map { measures.owner[Int($0.value)] })
      ),
      (
        .init(l("value", "数值"), numeric: true),
        .numbers(
          list.map { measures.value[Int($0.value)] }, decimals: 2, present: nil)
      ),
      (
        .init(l("fence", "界限"), numeric: true),
        .numbers(list.map(\.fence), decimals: 2, present: nil)
      ),
      (
        .init(l("side", "方向")),
        .labels(
          [l("above", "高于上界"), l("below", "低于下界")],
          codes: list.map { $0.isHigh ? 0 : 1 })
      ),
      (.init(l("rule", "规则")), .cells { _ in .text(rule) }),
      (.init(l("action", "处理")), .cells { _ in .text(action) }),
    ]
    return ReportTable(
      name: "outliers", title: l("Screened values", "异常值"), sources: sources,
      rowCount: list.count)
  }

  /// The standard of each measure and group year by year, and its trend.
  public static func trends(
    _ study: StandardsStudy, _ trends: Trends, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let list = trends.series
    let measures = study.measures
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      (
        .init(l("measure", "测度")),
        .cells { .text(measures.measures[Int(list[$0].measure)].label) }
      ),
      (.init(l("group", "分组")), .cells { .text(list[$0].group) }),
      // Lists: one entry per year, JSON arrays of numbers in JSON.
      (
        .init(l("years", "年度")),
        .cells { .numbers(list[$0].years.map(Double.init), decimals: 0) }
      ),
      (
        .init(l("standards", "各年标准值")),
        .cells { .numbers(list[$0].standards, decimals: 2) }
      ),
      (
        .init(l("values", "样本数")),
        .cells { .numbers(list[$0].counts.map(Double.init), decimals: 0) }
      ),
      (
        .init(l("slope per year", "年均变化"), numeric: true),
        .numbers(
          list.map { $0.slope ?? 0 }, decimals: 4,
          present: list.map { $0.slope != nil })
      ),
    ]
    return ReportTable(
      name: "trends", title: l("Standards by year", "标准值逐年变化"),
      sources: sources,
      rowCount: list.count)
  }

  /// One row per (level, criterion, group): how many were rated and not,
  /// mean points, and the share in the upper half of the scale.
  public static func ratings(
    _ study: StandardsStudy, _ shares: RatingShares, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let list = shares.cells
    let measures = study.measures
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      groupedBy(l, study, list.map(\.level)),
      (
        .init(l("criterion", "评价准则")),
        .cells { .text(measures.measures[Int(list[$0].measure)].name) }
      ),
      (
        .init(l("group", "分组")),
        .cells {
          .text(study.label(level: list[$0].level, group: list[$0].group))
        }
      ),
      (.init(l("rated", "已评"), numeric: true), .integers(list.map(\.rated))),
      (
        .init(l("no rating", "无评级"), numeric: true),
        .integers(list.map(\.notRated))
      ),
      (
        .init(l("mean points", "平均分值"), numeric: true),
        .numbers(
          list.map(\.meanPoints), decimals: 3,
          present: list.map { $0.rated > 0 })
      ),
      (
        .init(l("upper half from", "上半区起点")),
        .cells { row in
          guard let scale = shares.scales[Int(list[row].measure)],
            let i = scale.points.firstIndex(of: scale.upperHalfFrom)
          else { return .text("") }
          return .text(scale.labels[i])
        }
      ),
      (
        .init(l("upper half %", "上半区占比%"), numeric: true),
        .numbers(
          list.map { $0.upperHalfShare * 100 }, decimals: 1,
          present: list.map { $0.rated > 0 })
      ),
    ]
    return ReportTable(
      name: "ratings", title: l("Ratings by group", "分组评级"), sources: sources,
      rowCount: list.count)
  }

  /// One row per (level, criterion, group, point of the scale): the count
  /// and the share of the rated.
  public static func ratingShares(
    _ study: StandardsStudy, _ shares: RatingShares, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var cellOf: [Int] = []
    var pointOf: [Int] = []
    for (c, cell) in shares.cells.enumerated() {
      for i in cell.counts.indices {
        cellOf.append(c)
        pointOf.append(i)
      }
    }
    let list = shares.cells
    let measures = study.measures
    let (cells, points) = (cellOf, pointOf)
    let scaleOfRow = cells.map { shares.scales[Int(list[$0].measure)] }
    let scale = { @Sendable (row: Int) in scaleOfRow[row] }
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      groupedBy(l, study, cells.map { list[$0].level }),
      (
        .init(l("criterion", "评价准则")),
        .cells { .text(measures.measures[Int(list[cells[$0]].measure)].name) }
      ),
      (
        .init(l("group", "分组")),
        .cells {
          let cell = list[cells[$0]]
          return .text(study.label(level: cell.level, group: cell.group))
        }
      ),
      (
        .init(l("rating", "评级")),
        .cells { .text(scale($0)?.labels[points[$0]] ?? "") }
      ),
      (
        .init(l("points", "分值"), numeric: true),
        .numbers(
          (0..<cells.count).map { scale($0)?.points[points[$0]] ?? 0 },
          decimals: 2, present: nil)
      ),
      (
        .init(l("count", "项目数"), numeric: true),
        .integers((0..<cells.count).map { list[cells[$0]].counts[points[$0]] })
      ),
      (
        .init(l("share %", "占比%"), numeric: true),
        .numbers(
          (0..<cells.count).map {
            let cell = list[cells[$0]]
            return cell.rated > 0
              ? Double(cell.counts[points[$0]]) / Double(cell.rated) * 100 : 0
          }, decimals: 1,
          present: (0..<cells.count).map { list[cells[$0]].rated > 0 })
      ),
    ]
    return ReportTable(
      name: "rating_shares", title: l("Rating shares by group", "分组评级分布"),
      sources: sources, rowCount: cells.count)
  }

  static func groupedBy(
    _ l: Labels, _ study: StandardsStudy, _ levels: [Int]
  ) -> (ReportTable.Column, ReportTable.Source) {
    (
      .init(l("grouped by", "分组方式")),
      .cells { row in
        let keys = study.levels[levels[row]].keys.map(\.rawValue)
        return .text(
          keys.isEmpty ? l("all", "全部") : keys.joined(separator: ", "))
      }
    )
  }

  /// The settings the study ran with, one per row, so that written tables
  /// say how they were made.
  public static func settings(_ study: StandardsStudy, language: Language)
    -> ReportTable
  {
    let l = Labels(language: language)
    let rows = describe(study.settings, l)
    return ReportTable(
      name: "settings", title: l("Settings", "参数设置"),
      sources: [
        (.init(l("setting", "参数")), .cells { .text(rows[$0].0) }),
        (.init(l("value", "取值")), .cells { .text(rows[$0].1) }),
      ], rowCount: rows.count)
  }

  /// The settings in words, for the settings table and the footnote of
  /// the standards table.
  static func describe(_ settings: StandardsSettings, _ l: Labels) -> [(
    String, String
  )] {
    let keys = settings.groupBy.map(\.rawValue).joined(separator: ", ")
    let rule: String
    switch settings.outliers {
    case .none: rule = l("none", "不剔除")
    case .interquartile(let k):
      rule = l(
        "IQR fences, k = \(Diagnostic.number(k))",
        "四分位距界限，k = \(Diagnostic.number(k))")
    case .robustZ(let z):
      rule = l(
        "robust z (MAD), threshold \(Diagnostic.number(z))",
        "稳健 z（MAD），阈值 \(Diagnostic.number(z))")
    }
    let standard: String
    switch settings.standard {
    case .median: standard = l("median", "中位数")
    case .mean: standard = l("mean", "均值")
    case .trimmedMean: standard = l("trimmed mean", "截尾均值")
    }
    let benchmark: String
    switch settings.benchmark {
    case .bestInClass: benchmark = l("best in class", "组内最优")
    case .percentile(let p):
      benchmark = l(
        "\(Diagnostic.number(p * 100))th percentile in the good direction",
        "优向第 \(Diagnostic.number(p * 100)) 百分位")
    }
    return [
      (
        l("grouped by", "分组方式"), keys.isEmpty ? l("all projects", "全部项目") : keys
      ),
      (
        l("quantiles", "分位数定义"),
        "Hyndman–Fan type \(settings.quantiles.rawValue)"
          + (settings.quantiles == .standard
            ? l(" (R, NumPy default)", "（R、NumPy 默认）") : "")
      ),
      (l("outliers", "异常值规则"), rule),
      (
        l("screened values", "异常值处理"),
        settings.winsorize
          ? l("pulled in to the fence", "缩尾至界限") : l("left out", "剔除")
      ),
      (
        l("trimmed mean cuts", "截尾比例"),
        "\(Diagnostic.number(settings.trim * 100)) %"
      ),
      (l("standard", "标准值"), standard),
      (l("benchmark", "标杆值"), benchmark),
      (l("minimum group", "最小样本数"), String(settings.minimumGroupSize)),
      (
        l("overshoot ratio", "超额完成比"),
        Diagnostic.number(settings.overshootRatio)
      ),
      (
        l("quota fit", "定额拟合"),
        settings.robustQuotas
          ? l("Huber IRLS", "Huber 稳健回归") : l("least squares", "最小二乘")
      ),
      (
        l("quota bound", "定额上限"),
        l(
          "\(Diagnostic.number(settings.predictionLevel * 100)) % prediction bound",
          "\(Diagnostic.number(settings.predictionLevel * 100))% 预测上限")
      ),
    ]
  }
}
