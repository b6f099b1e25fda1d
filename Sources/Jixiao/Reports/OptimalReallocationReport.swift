/// The tables of `jixiao simulate --optimise`.
public enum OptimalReallocationReport {
  public static func summary(
    _ r: OptimalReallocation, _ dataset: Dataset, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    let linear = r.settings.value == .linear
    var table = ReportTable(
      name: "optimal_summary", title: l("Optimal reallocation", "最优预算配置"),
      columns: [
        .init(l("measure", "项目")), .init(l("value", "数值"), numeric: true),
      ])
    func add(_ name: String, _ cell: ReportTable.Cell) {
      table.append([.text(name), cell])
    }
    add(l("status", "求解状态"), .text(EfficiencyReport.status(r.status, l)))
    add(
      l("total shared (\(money))", "分配总额（\(money)）"),
      .number(r.total, decimals: 2))
    guard r.status == .optimal else { return table }
    let what =
      linear
      ? l("performance-weighted money", "绩效加权资金")
      : l("Σ expected scores", "预期得分合计")
    add(what + l(" before", "（调整前）"), .number(r.valueBefore, decimals: 2))
    add(what + l(" after", "（调整后）"), .number(r.valueAfter, decimals: 2))
    add(
      l(
        "value of one more \(money) (shadow price)", "每增加 1 \(money) 的价值（影子价格）"),
      r.shadowPrice.map { .number($0, decimals: 6) } ?? .empty)
    if r.settings.indivisible != .none {
      add(
        l("unallocated (\(money))", "未分配（\(money)）"),
        .number(r.unallocated, decimals: 2))
    }
    let counts = Dictionary(grouping: r.binding.compactMap { $0 }, by: { $0 })
    add(
      l("projects at their floor", "处于下限的项目"),
      .integer(counts[.floor]?.count ?? 0))
    add(
      l("projects at their cap", "处于上限的项目"), .integer(counts[.cap]?.count ?? 0))
    add(
      l("projects between", "介于上下限的项目"), .integer(counts[.between]?.count ?? 0))
    add(l("units whose cap binds", "上限起作用的单位"), .integer(r.bindingUnits.count))
    if r.settings.coreShare != nil {
      add(
        l("dual of the core-share minimum (per 万元 of it)", "主责主业下限的对偶值（每万元）"),
        .number(r.coreDual, decimals: 6))
    }
    let s = r.settings
    table.footnotes = [
      l(
        "Scored in-tree projects with a budget share the total; each between "
          + "\(Diagnostic.number(s.floorShare)) and \(Diagnostic.number(s.capShare)) × its budget. Value: "
          + (linear
            ? "(score/100) × money."
            : "expected score min(100, s·(x/b)^ε), ε = \(Diagnostic.number(s.elasticity)), as \(s.pieces) pieces.")
          + (s.indivisible == .none
            ? " Solved by COIN-OR CLP."
            : " \(s.indivisible == .all ? "Every project" : "Each major project") is funded at its budget "
              + "or not at all: an integer program solved by COIN-OR CBC, which has no shadow price."),
        "职责-活动体系内有预算的已评分项目参与分配；每个项目在其预算的 \(Diagnostic.number(s.floorShare)) 至 "
          + "\(Diagnostic.number(s.capShare)) 倍之间。价值："
          + (linear
            ? "（得分/100）× 资金。"
            : "预期得分 min(100, s·(x/b)^ε)，ε = \(Diagnostic.number(s.elasticity))，分 \(s.pieces) 段线性化。")
          + (s.indivisible == .none
            ? "COIN-OR CLP 求解。"
            : (s.indivisible == .all ? "所有项目" : "重大项目")
              + "按预算全额安排或不安排：整数规划，COIN-OR CBC 求解，无影子价格。"))
    ]
    return table
  }

  /// One row per project: budget before and after, and what holds it.
  public static func projects(
    _ r: OptimalReallocation, _ dataset: Dataset, _ evaluation: Evaluation,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let p = dataset.projects
    let money = dataset.info.moneyUnit
    let scored = evaluation.status.map { $0 == .scored }
    let after = r.after.isEmpty ? p.budget : r.after
    let change = (0..<p.count).map { after[$0] - p.budget[$0] }
    let bindings = [
      l("floor", "下限"), l("cap", "上限"), l("between", "介于之间"),
      l("not shared", "不参与"),
    ]
    let codes: [Int32] = (0..<p.count).map { i in
      guard r.takesPart.indices.contains(i), r.takesPart[i],
        i < r.binding.count,
        let b = r.binding[i]
      else { return 3 }
      switch b {
      case .floor: return 0
      case .cap: return 1
      case .between: return 2
      }
    }
    return ReportTable(
      name: "optimal_projects",
      title: l("Optimal budgets by project", "项目最优预算"),
      sources: [
        (.init(l("project", "项目")), .text(p.ids)),
        (.init(l("unit", "单位")), .lookup(dataset.units.ids, rows: p.unit)),
        (.init(l("category", "类别")), .pooled(p.category)),
        (
          .init(l("score", "得分"), numeric: true),
          .numbers(evaluation.score, decimals: 2, present: scored)
        ),
        (
          .init(l("budget", "预算") + " (\(money))", numeric: true),
          .numbers(p.budget, decimals: 2, present: nil)
        ),
        (
          .init(l("after", "调整后") + " (\(money))", numeric: true),
          .numbers(after, decimals: 2, present: nil)
        ),
        (
          .init(l("change", "变动") + " (\(money))", numeric: true),
          .numbers(change, decimals: 2, present: nil)
        ),
        (.init(l("held at", "约束")), .labels(bindings, codes: codes)),
      ], rowCount: p.count)
  }
}
