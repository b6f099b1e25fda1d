/// The tables of `jixiao transfers`: the transfer per recipient, the
/// balance of capacity before, after and under an equal split per
/// member, and the settings used.
public enum TransfersReport {
  /// The unit capacities per member are shown in: 元 (× 10,000) when the
  /// money unit is 万元, since a few 万元 per member would show as 0.00;
  /// else the money unit itself.
  public static func perMemberUnit(moneyUnit: String) -> (
    label: String, factor: Double
  ) {
    moneyUnit == "万元" ? ("元", 10_000) : (moneyUnit, 1)
  }

  /// One row per recipient: members, payroll, score, grade, capacity
  /// before, the share of each factor, transfer, capacity after, and the
  /// equal split per member beside.
  public static func recipients(
    _ r: Transfers, _ dataset: Dataset, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    let (perMember, factor) = perMemberUnit(moneyUnit: money)
    let decimals = factor == 1 ? 6 : 2
    var columns: [ReportTable.Column] = [
      .init(l("unit", "单位")), .init(l("name", "名称")),
      .init(l("region", "地区")),
      .init(l("members", "会员人数"), numeric: true),
      .init(l("payroll", "职工工资总额") + " (\(money))", numeric: true),
      .init(l("scored projects", "已评分项目数"), numeric: true),
      .init(l("score", "得分"), numeric: true), .init(l("grade", "等级")),
      .init(l("own funds", "自有经费") + " (\(money))", numeric: true),
      .init(
        l("capacity per member before", "补助前人均财力") + " (\(perMember))",
        numeric: true),
    ]
    for f in TransferFormula.Factor.allCases {
      columns.append(
        .init(l("share \(f.rawValue)", "\(f.label(language))份额"), numeric: true)
      )
    }
    columns += [
      .init(l("transfer", "补助额") + " (\(money))", numeric: true),
      .init(
        l("capacity per member after", "补助后人均财力") + " (\(perMember))",
        numeric: true),
      .init(
        l("equal per member", "按人均分配额") + " (\(money))", numeric: true),
      .init(
        l("capacity per member equal", "按人均分配后人均财力") + " (\(perMember))",
        numeric: true),
      .init(
        l("transfer − equal", "补助额与人均分配之差") + " (\(money))",
        numeric: true),
    ]
    var table = ReportTable(
      name: "transfers",
      title: l(
        "Transfers by formula (因素法), level \(r.level)",
        "因素法转移支付（\(r.level)）"),
      columns: columns)
    let units = dataset.units
    for (i, u) in r.units.enumerated() {
      var row: [ReportTable.Cell] = [
        .text(units.ids[u]), .text(units.names[u]), .text(units.region[u]),
        .number(r.members[i], decimals: 0),
        r.payroll[i].map { .number($0, decimals: 2) } ?? .empty,
        .integer(r.scoredProjects[i]),
        r.scoreUsed[i].map { .number($0, decimals: 2) } ?? .empty,
        l.grade(r.grade[i]),
        .number(r.ownFunds[i], decimals: 2),
        .number(r.capacityBefore[i] * factor, decimals: decimals),
      ]
      row += r.shares.map { $0.map { .number($0[i], decimals: 6) } ?? .empty }
      row += [
        .number(r.transfer[i], decimals: 4),
        .number(r.capacityAfter[i] * factor, decimals: decimals),
        .number(r.equalTransfer[i], decimals: 4),
        .number(r.capacityEqual[i] * factor, decimals: decimals),
        .number(r.transfer[i] - r.equalTransfer[i], decimals: 4),
      ]
      table.append(row)
    }
    table.footnotes = notes(r, dataset, l)
    return table
  }

  /// The formula in words, the weights applied and what was moved, for
  /// the foot of the recipients' table.
  static func notes(_ r: Transfers, _ dataset: Dataset, _ l: Labels)
    -> [String]
  {
    let f = r.formula
    let factors = TransferFormula.Factor.allCases
    let applied = zip(factors, r.appliedWeights).filter { $0.1 > 0 }.map {
      "\($0.0.label(l.language)) \(Diagnostic.number(rounded($0.1)))"
    }
    let performance =
      f.performance == .grade
      ? l("members × grade points", "会员人数 × 等级系数")
      : l("members × score / 100", "会员人数 × 得分 / 100")
    var notes = [
      l(
        "transfer = T × Σ w·share, T = \(Diagnostic.number(f.total)) \(dataset.info.moneyUnit); "
          + "shares of members, payroll, \(performance) and members × max(0, target − capacity). "
          + "Weights applied: \(applied.joined(separator: ", ")).",
        "补助额 = T × Σ 权重 × 份额，T = \(Diagnostic.number(f.total)) \(dataset.info.moneyUnit)；"
          + "因素为会员人数、职工工资总额、\(performance)、会员人数 × max(0, 目标 − 人均财力)。"
          + "实际权重：\(applied.joined(separator: "，"))。"),
      l(
        "Score: budget-weighted mean of the unit's own scored projects; capacity: its own "
          + "in-tree budgets ÷ members.",
        "得分为本单位已评分项目的预算加权平均分；人均财力为本单位职责-活动体系内项目预算 ÷ 会员人数。"),
    ]
    for factor in r.redistributed {
      notes.append(
        l(
          "Note: the \(factor.rawValue) factor is 0 for every recipient (weight "
            + "\(Diagnostic.number(f.weight(factor)))); its weight went to the other factors in "
            + "proportion to theirs.",
          "注意：\(factor.label(.chinese))对全部受助单位均为 0（权重 \(Diagnostic.number(f.weight(factor)))），"
            + "其权重已按比例分配给其他因素。"))
    }
    let neutral = r.units.indices.filter { r.score[$0] == nil }
    if !neutral.isEmpty, let score = f.neutralScore {
      let names = Transfers.names(dataset.units, neutral.map { r.units[$0] })
      notes.append(
        l(
          "\(neutral.count) unit(s) have no scored project with a budget and count with the "
            + "neutral score \(Diagnostic.number(score)): \(names).",
          "\(neutral.count) 个单位无有预算的已评分项目，按中性得分 \(Diagnostic.number(score)) 计：\(names)。"
        ))
    }
    return notes
  }

  /// Shown weights to 9 decimals: 0.4 / 0.8 prints as 0.5, not
  /// 0.49999999999999994.
  static func rounded(_ value: Double) -> Double {
    (value * 1e9).rounded() / 1e9
  }

  /// The balance of capacity per member over the recipients: before the
  /// transfer, after it, and after an equal split of T per member.
  public static func summary(
    _ r: Transfers, _ dataset: Dataset, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let money = dataset.info.moneyUnit
    let (perMember, factor) = perMemberUnit(moneyUnit: money)
    let decimals = factor == 1 ? 6 : 2
    var table = ReportTable(
      name: "transfers_summary",
      title: l(
        "Balance of capacity per member (财力均衡), level \(r.level)",
        "人均财力均衡度（\(r.level)）"),
      columns: [
        .init(l("when", "时点")), .init(l("units", "单位数"), numeric: true),
        .init(l("members", "会员人数"), numeric: true),
        .init(l("funds", "经费") + " (\(money))", numeric: true),
        .init(l("mean per member", "人均财力") + " (\(perMember))", numeric: true),
        .init(l("min", "最小值") + " (\(perMember))", numeric: true),
        .init(l("max", "最大值") + " (\(perMember))", numeric: true),
        .init(l("max/min", "极值比"), numeric: true),
        .init(l("CV", "变异系数"), numeric: true), .init("Gini", numeric: true),
        .init("Theil T", numeric: true),
        .init(l("Theil within regions", "泰尔区域内"), numeric: true),
        .init(l("Theil between regions", "泰尔区域间"), numeric: true),
      ])
    let members = r.members.reduce(0, +)
    let own = r.ownFunds.reduce(0, +)
    func add(_ when: String, _ s: Transfers.Spread, funds: Double) {
      var row: [ReportTable.Cell] = [
        .text(when), .integer(r.units.count), .number(members, decimals: 0),
        .number(funds, decimals: 2),
      ]
      guard let b = s.balance else {
        row += [ReportTable.Cell](
          repeating: .empty, count: table.columns.count - row.count)
        table.append(row)
        return
      }
      row += [
        .number(b.mean * factor, decimals: decimals),
        .number(b.minimum * factor, decimals: decimals),
        .number(b.maximum * factor, decimals: decimals),
        b.maxMinRatio.map { .number($0, decimals: 2) } ?? .empty,
        .number(b.coefficientOfVariation, decimals: 4),
        .number(b.gini, decimals: 4), .number(b.theil, decimals: 4),
        s.split.map { .number($0.within, decimals: 4) } ?? .empty,
        s.split.map { .number($0.between, decimals: 4) } ?? .empty,
      ]
      table.append(row)
    }
    let total = r.formula.total
    add(l("before", "补助前"), r.before, funds: own)
    add(l("after formula", "因素法补助后"), r.after, funds: own + total)
    add(l("after equal per member", "按人均分配后"), r.equal, funds: own + total)
    let shared = r.transfer.reduce(0, +)
    table.footnotes = [
      l(
        "Each unit weighted by its members. Σ transfers = \(ReportTable.Cell.fixed(shared, 4)) "
          + "\(money); the equal split gives each unit T × members ÷ Σ members. Equalisation "
          + "target: \(ReportTable.Cell.fixed(r.target * factor, decimals)) \(perMember) per member"
          + (r.formula.target == nil
            ? " (the members-weighted mean capacity)." : "."),
        "按会员人数加权。补助合计 \(ReportTable.Cell.fixed(shared, 4)) \(money)；按人均分配即各单位得 "
          + "T × 会员人数 ÷ 会员总数。均衡目标：人均 \(ReportTable.Cell.fixed(r.target * factor, decimals)) "
          + "\(perMember)" + (r.formula.target == nil ? "（会员加权平均人均财力）。" : "。"))
    ]
    if r.before.balance == nil {
      table.footnotes.append(
        l(
          "Before: no unit of the level has own funds; there is nothing to spread.",
          "补助前：该层级单位均无自有经费，无从计算均衡度。"))
    }
    return table
  }

  /// The settings the run used, one per row.
  public static func settings(
    _ r: Transfers, _ dataset: Dataset, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let f = r.formula
    let money = dataset.info.moneyUnit
    let (perMember, factor) = perMemberUnit(moneyUnit: money)
    let factors = TransferFormula.Factor.allCases
    func list(_ weights: [Double]) -> String {
      zip(factors, weights).map {
        "\($0.0.rawValue)=\(Diagnostic.number(rounded($0.1)))"
      }.joined(separator: ",")
    }
    let points = Grade.allCases.map {
      "\($0.chinese)=\(Diagnostic.number(f.gradePoints[$0] ?? 0))"
    }.joined(separator: ",")
    let target =
      ReportTable.Cell.fixed(r.target * factor, factor == 1 ? 6 : 2)
      + " \(perMember)"
      + (f.target == nil
        ? l(" (members-weighted mean capacity)", "（会员加权平均人均财力）") : "")
    let rows: [(String, String)] = [
      (l("total", "补助总额"), "\(Diagnostic.number(f.total)) \(money)"),
      (
        l("level", "受助层级"),
        r.level
          + (f.level == nil
            ? l(" (the level below the roots)", "（最高层级的下一级）") : "")
      ),
      (l("weights", "权重"), list(factors.map { f.weight($0) })),
      (l("weights applied", "实际权重"), list(r.appliedWeights)),
      (l("performance", "绩效计量"), f.performance.rawValue),
      (l("grade points", "等级系数"), points),
      (l("target", "均衡目标"), target),
      (
        l("neutral score", "中性得分"),
        f.neutralScore.map { Diagnostic.number($0) } ?? l("none", "无")
      ),
      (l("money unit", "金额单位"), money),
    ]
    return ReportTable(
      name: "transfers_settings", title: l("Settings", "参数设置"),
      sources: [
        (.init(l("setting", "参数")), .cells { .text(rows[$0].0) }),
        (.init(l("value", "取值")), .cells { .text(rows[$0].1) }),
      ], rowCount: rows.count)
  }
}
