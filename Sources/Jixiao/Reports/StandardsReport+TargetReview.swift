/// The target review of `jixiao standards`.
extension StandardsReport {
  /// Targets that look soft, and overshoots.
  public static func targetReview(
    _ study: StandardsStudy, _ review: TargetReview, _ datasets: [Dataset],
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let list = review.findings
    let measures = study.measures
    @Sendable func flagText(_ flags: TargetReview.Flags) -> String {
      var parts: [String] = []
      if flags.contains(.belowStandard) {
        parts.append(l("softer than the standard", "低于标准值"))
      }
      if flags.contains(.belowBenchmark) {
        parts.append(l("softer than the benchmark", "低于标杆值"))
      }
      if flags.contains(.belowHistory) {
        parts.append(l("softer than last year's actual", "低于历史实际值"))
      }
      if flags.contains(.overshoot) { parts.append(l("overshoot", "超额完成过多")) }
      return parts.joined(separator: "; ")
    }
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      (
        .init(l("project", "项目编号")),
        .lookup(
          measures.projectIDs, rows: list.map { measures.owner[Int($0.value)] })
      ),
      (
        .init(l("year", "年度")),
        .cells { row in
          let owner = measures.projects[
            Int(measures.owner[Int(list[row].value)])]
          let year = measures.years[Int(owner.dataset)]
          return year > 0 ? .integer(year) : .empty
        }
      ),
      (
        .init(l("indicator", "指标")),
        // The row's own name: rows joined by a code may be worded apart.
        .cells { row in
          let v = Int(list[row].value)
          let dataset = Int(measures.projects[Int(measures.owner[v])].dataset)
          return .text(datasets[dataset].indicators.names[Int(measures.row[v])])
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
        .init(l("compared as", "比较口径")),
        .labels(
          [
            l("indicator", "指标值"),
            l("unit cost: budget ÷ target", "单位成本：预算÷目标"),
          ],
          codes: list.map {
            measures.measures[Int(measures.measure[Int($0.value)])].kind
              == .unitCost
              ? 1 : 0
          })
      ),
      (
        .init(l("operator", "方向")),
        .cells { row in
          .text(
            measures.measures[Int(measures.measure[Int(list[row].value)])]
              .direction == .higher ? "≥" : "≤")
        }
      ),
      (
        .init(l("target", "目标值"), numeric: true),
        .numbers(list.map(\.target), decimals: 2, present: nil)
      ),
      (
        .init(l("actual", "实际值"), numeric: true),
        .numbers(list.map(\.actual), decimals: 2, present: nil)
      ),
      (
        .init(l("standard", "标准值"), numeric: true),
        .numbers(
          list.map { $0.standard ?? 0 }, decimals: 2,
          present: list.map { $0.standard != nil })
      ),
      (
        .init(l("benchmark", "标杆值"), numeric: true),
        .numbers(
          list.map { $0.benchmark ?? 0 }, decimals: 2,
          present: list.map { $0.benchmark != nil })
      ),
      (
        .init(l("last actual", "上年实际值"), numeric: true),
        .numbers(
          list.map { $0.history ?? 0 }, decimals: 2,
          present: list.map { $0.history != nil })
      ),
      (
        .init(l("gap to standard %", "与标准值差距%"), numeric: true),
        .numbers(
          list.map { ($0.gap ?? 0) * 100 }, decimals: 1,
          present: list.map { $0.gap != nil })
      ),
      (.init(l("findings", "问题")), .cells { .text(flagText(list[$0].flags)) }),
    ]
    return ReportTable(
      name: "target_review", title: l("Target review", "绩效目标审核"),
      sources: sources,
      rowCount: list.count)
  }
}
