/// The quota tables of `jixiao standards`: fitted quotas and each
/// project's quota, bound and excess.
extension StandardsReport {
  /// One row per fitted quota: cost = fixed + variable × quantity; then
  /// one per group that had projects enough but could not be fitted, with
  /// the reason in the method column and no coefficients.
  public static func quotas(
    _ study: StandardsStudy, _ quotas: QuotaStudy, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let fits = quotas.fits
    let unfitted = quotas.unfitted
    let measures = study.measures
    let fitted = fits.count
    let rowCount = fits.count + unfitted.count
    let places =
      fits.map { ($0.level, $0.cell) }
      + unfitted.map { ($0.level, $0.cell) }
    let isFit = (0..<rowCount).map { $0 < fitted }
    func numbers(_ path: KeyPath<QuotaStudy.Fit, Double>) -> [Double] {
      fits.map { $0[keyPath: path] } + unfitted.map { _ in 0 }
    }
    @Sendable func reason(_ u: QuotaStudy.Unfitted) -> String {
      guard let common = u.commonQuantity else {
        return l("not fitted: \(u.fault)", "未拟合：\(u.fault)")
      }
      let value = Diagnostic.number(common)
      return l(
        "not fitted: all \(u.n) quantities are \(value), so cost cannot be "
          + "split into fixed and variable",
        "未拟合：\(u.n) 个项目的数量均为 \(value)，无法分解固定与变动成本")
    }
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      (
        .init(l("group", "分组")),
        .cells { row in
          let (level, cell) = places[row]
          return .text(
            study.label(
              level: level, group: study.levels[level].cells.group[Int(cell)]))
        }
      ),
      (
        .init(l("quantity", "数量指标")),
        .cells { row in
          let (level, cell) = places[row]
          let m = Int(study.levels[level].cells.measure[Int(cell)])
          return .text(measures.measures[m].label)
        }
      ),
      (
        .init(l("n", "样本数"), numeric: true),
        .integers(fits.map { Int32($0.n) } + unfitted.map { Int32($0.n) })
      ),
      (
        .init(l("fixed", "固定成本"), numeric: true),
        .numbers(numbers(\.fixed), decimals: 4, present: isFit)
      ),
      (
        .init(l("variable", "单位变动成本"), numeric: true),
        .numbers(numbers(\.variable), decimals: 6, present: isFit)
      ),
      (
        .init(l("R²", "R²"), numeric: true),
        .numbers(numbers(\.rSquared), decimals: 4, present: isFit)
      ),
      (
        .init(l("residual SD", "残差标准差"), numeric: true),
        .numbers(numbers(\.sigma), decimals: 4, present: isFit)
      ),
      (
        .init(l("method", "方法")),
        .cells { row in
          guard row < fitted else {
            return .text(reason(unfitted[row - fitted]))
          }
          return .text(
            fits[row].robust
              ? (fits[row].converged
                ? l("Huber IRLS", "Huber 稳健回归")
                : l("Huber IRLS (not converged)", "Huber 稳健回归（未收敛）"))
              : l("least squares", "最小二乘"))
        }
      ),
    ]
    return ReportTable(
      name: "quotas",
      title: l(
        "Quota standards: cost = fixed + variable × quantity",
        "支出定额标准：成本 = 固定 + 单位变动 × 数量"),
      sources: sources, rowCount: rowCount)
  }

  /// Each project's quota, bound and excess.
  public static func quotaProjects(
    _ study: StandardsStudy, _ quotas: QuotaStudy, _ datasets: [Dataset],
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let list = quotas.projects
    let measures = study.measures
    let sources: [(ReportTable.Column, ReportTable.Source)] = [
      (
        .init(l("project", "项目编号")),
        .lookup(
          measures.projectIDs, rows: list.map { measures.owner[Int($0.value)] })
      ),
      (
        .init(l("quantity indicator", "数量指标")),
        .cells {
          .text(
            measures.measures[Int(measures.measure[Int(list[$0].value)])].label)
        }
      ),
      (
        .init(l("quantity", "数量"), numeric: true),
        .numbers(list.map(\.quantity), decimals: 2, present: nil)
      ),
      (
        .init(l("cost", "成本"), numeric: true),
        .numbers(list.map(\.cost), decimals: 2, present: nil)
      ),
      (
        .init(l("quota", "定额"), numeric: true),
        .numbers(list.map(\.quota), decimals: 2, present: nil)
      ),
      (
        .init(l("upper bound", "上限"), numeric: true),
        .numbers(list.map(\.upper), decimals: 2, present: nil)
      ),
      (
        .init(l("excess", "超出"), numeric: true),
        .numbers(
          list.map(\.excess), decimals: 2, present: list.map { $0.excess > 0 })
      ),
      (
        .init(l("above bound", "超限")),
        .labels([l("yes", "是")], codes: list.map { $0.excess > 0 ? 0 : -1 })
      ),
    ]
    return ReportTable(
      name: "quota_projects",
      title: l("Projects against their quota", "项目定额对比"), sources: sources,
      rowCount: list.count)
  }
}
