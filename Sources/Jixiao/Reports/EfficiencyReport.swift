import Foundation
import JixiaoNumerics

/// The tables of `jixiao efficiency`.
public enum EfficiencyReport {
  /// One row per unit: status, score, efficiency, slacks, targets, peers.
  /// `names` and `groups` (level, region) add columns when given.
  public static func dea(
    _ result: DEAResult, names: [String]? = nil, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let data = result.data
    let input = result.settings.orientation == .input
    var columns: [ReportTable.Column] = [.init(l("unit", "单位"))]
    if names != nil { columns.append(.init(l("name", "名称"))) }
    columns += [
      .init(l("status", "求解状态")),
      .init(input ? "θ" : "φ", numeric: true),
      .init(l("efficiency", "效率值"), numeric: true),
    ]
    for name in data.inputNames {
      columns.append(.init(l("slack \(name)", "\(name)松弛"), numeric: true))
    }
    for name in data.outputNames {
      columns.append(.init(l("slack \(name)", "\(name)松弛"), numeric: true))
    }
    for name in data.inputNames + data.outputNames {
      columns.append(.init(l("target \(name)", "\(name)目标值"), numeric: true))
    }
    columns.append(.init(l("peers (λ)", "参照单位（λ）")))
    var table = ReportTable(
      name: "dea", title: l("DEA efficiency", "DEA 效率"), columns: columns)
    for j in 0..<data.unitCount {
      var row: [ReportTable.Cell] = [.text(data.unitNames[j])]
      if let names { row.append(.text(names[j])) }
      row.append(.text(status(result.status[j], l)))
      guard let unit = result.unit(j) else {
        row += [ReportTable.Cell](
          repeating: .empty, count: columns.count - row.count)
        table.append(row)
        continue
      }
      row += [
        .number(unit.score, decimals: 6), .number(unit.efficiency, decimals: 6),
      ]
      row += (unit.inputSlacks + unit.outputSlacks).map {
        .number($0, decimals: 4)
      }
      row += (unit.inputTargets + unit.outputTargets).map {
        .number($0, decimals: 4)
      }
      row.append(
        .text(
          unit.peers.map {
            "\(data.unitNames[$0.unit]) (\(String(format: "%.6g", $0.lambda)))"
          }
          .joined(separator: "; ")))
      table.append(row)
    }
    table.footnotes = footnotes(result, l)
    return table
  }

  static func status(_ status: LPStatus, _ l: Labels) -> String {
    switch status {
    case .optimal: l("optimal", "最优")
    case .infeasible: l("infeasible", "不可行")
    case .unbounded: l("unbounded", "无界")
    case .stopped: l("iteration limit", "达到迭代上限")
    case .numericalFailure: l("numerical failure", "数值失败")
    }
  }

  static func footnotes(_ result: DEAResult, _ l: Labels) -> [String] {
    let s = result.settings
    let data = result.data
    let returns: String =
      switch s.returns {
      case .constant: l("constant returns (CCR)", "规模报酬不变（CCR）")
      case .variable: l("variable returns (BCC)", "规模报酬可变（BCC）")
      case .nonIncreasing: l("non-increasing returns", "规模报酬非递增")
      case .nonDecreasing: l("non-decreasing returns", "规模报酬非递减")
      }
    let orientation =
      s.orientation == .input
      ? l("input orientation (θ ≤ 1)", "投入导向（θ ≤ 1）")
      : l("output orientation (φ ≥ 1, efficiency 1/φ)", "产出导向（φ ≥ 1，效率值 1/φ）")
    let n = data.unitCount
    let k = result.referenceSet.count
    let reference =
      k == n
      ? l(
        "\(n) units, \(data.inputCount) input(s), \(data.outputCount) output(s); every unit in "
          + "every program; solved by COIN-OR CLP.",
        "\(n) 个单位，\(data.inputCount) 项投入、\(data.outputCount) 项产出；每个规划包含全部单位；COIN-OR CLP 求解。"
      )
      : l(
        "\(n) units, \(data.inputCount) input(s), \(data.outputCount) output(s); programs over "
          + "a reference set of \(k) frontier unit(s) (the same scores as over all units); "
          + "solved by COIN-OR CLP.",
        "\(n) 个单位，\(data.inputCount) 项投入、\(data.outputCount) 项产出；规划基于 \(k) 个前沿单位的"
          + "参照集（与全部单位结果相同）；COIN-OR CLP 求解。")
    var notes = [
      l("Envelopment form, ", "包络模型，") + returns + "; " + orientation
        + (s.slacks
          ? l(
            "; slacks from a second program at the fixed score (sum of slacks in the data's units).",
            "；松弛量由固定效率值后的第二阶段规划求得（按原始单位求和）。")
          : l("; no second phase (slacks not computed).", "；未做第二阶段（未计算松弛量）。"))
        + (s.superEfficiency
          ? l(
            " Super-efficiency (Andersen–Petersen): each unit left out of its own reference set.",
            " 超效率（Andersen–Petersen）：评价单位不进入自身参照集。") : ""),
      reference,
    ]
    let missing = (0..<data.unitCount).count {
      result.status[$0] == .optimal && result.slacksMissing[$0]
    }
    if missing > 0 {
      notes.append(
        l(
          "\(missing) unit(s) have a score but no slacks or targets: the second phase failed numerically.",
          "\(missing) 个单位有效率值但无松弛量与目标值：第二阶段数值求解失败。"))
    }
    let unsolved = result.status.count { $0 != .optimal }
    if unsolved > 0 {
      notes.append(
        l(
          "\(unsolved) unit(s) have no score: see the status column.",
          "\(unsolved) 个单位无效率值：见求解状态列。"))
    }
    for group in data.duplicateGroups {
      let names = group.map { data.unitNames[$0] }.joined(separator: ", ")
      notes.append(
        l(
          "Units \(names) have identical data: equal scores; how λ is split between them is arbitrary.",
          "单位 \(names) 数据完全相同：效率值相等；λ 在它们之间的分配是任意的。"))
    }
    if data.hasFewUnits {
      let m = data.inputCount
      let s = data.outputCount
      notes.append(
        l(
          "Warning: \(data.unitCount) unit(s) are fewer than max(m·s, 3(m+s)) = \(max(m * s, 3 * (m + s))); "
            + "many units will look efficient. Use fewer inputs and outputs or more units.",
          "警告：单位数 \(data.unitCount) 少于 max(m·s, 3(m+s)) = \(max(m * s, 3 * (m + s)))；"
            + "许多单位会显得有效。请减少投入产出项或增加单位。"))
    }
    return notes
  }

  /// Cost, technical and allocative efficiency per unit.
  public static func cost(
    _ result: CostEfficiency.Result, data: DEAData, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var columns: [ReportTable.Column] = [
      .init(l("unit", "单位")), .init(l("status", "求解状态")),
      .init(l("cost", "实际成本"), numeric: true),
      .init(l("minimum cost", "最小成本"), numeric: true),
      .init(l("cost efficiency", "成本效率"), numeric: true),
      .init(l("technical", "技术效率"), numeric: true),
      .init(l("allocative", "配置效率"), numeric: true),
    ]
    for name in data.inputNames {
      columns.append(
        .init(l("cost-minimising \(name)", "最优\(name)"), numeric: true))
    }
    var table = ReportTable(
      name: "cost_efficiency",
      title: l("Cost and allocative efficiency", "成本效率与配置效率"),
      columns: columns)
    for j in 0..<data.unitCount {
      var row: [ReportTable.Cell] = [
        .text(data.unitNames[j]), .text(status(result.status[j], l)),
      ]
      if let u = result.units[j] {
        row += [
          .number(u.cost, decimals: 4), .number(u.minimumCost, decimals: 4),
          .number(u.costEfficiency, decimals: 6),
          .number(u.technical, decimals: 6),
          u.allocative.map { .number($0, decimals: 6) } ?? .empty,
        ]
        row += u.inputs.map { .number($0, decimals: 4) }
      } else {
        row += [ReportTable.Cell](repeating: .empty, count: columns.count - 2)
      }
      table.append(row)
    }
    table.footnotes = [
      l(
        "Cost efficiency = minimum cost of the unit's outputs at its prices ÷ its cost; "
          + "allocative = cost ÷ technical (input-oriented θ under the same returns).",
        "成本效率 = 按本单位价格生产其产出的最小成本 ÷ 实际成本；配置效率 = 成本效率 ÷ 技术效率（同一规模报酬下的投入导向 θ）。")
    ]
    return table
  }

  /// Malmquist index per unit and period pair.
  public static func malmquist(
    _ steps: [Malmquist.Step], units: [String], periods: [String],
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "malmquist",
      title: l("Malmquist productivity index", "Malmquist 生产率指数"),
      columns: [
        .init(l("unit", "单位")), .init(l("from", "起始期")), .init(l("to", "结束期")),
        .init(l("status", "求解状态")),
        .init("θ_t(t)", numeric: true), .init("θ_t(t+1)", numeric: true),
        .init("θ_t+1(t)", numeric: true), .init("θ_t+1(t+1)", numeric: true),
        .init(l("Malmquist", "Malmquist 指数"), numeric: true),
        .init(l("efficiency change", "技术效率变化"), numeric: true),
        .init(l("technical change", "技术进步"), numeric: true),
      ])
    for step in steps {
      for j in units.indices {
        var row: [ReportTable.Cell] = [
          .text(units[j]), .text(periods[step.period]),
          .text(periods[step.period + 1]),
          .text(status(step.status[j], l)),
        ]
        if let c = step.changes[j] {
          row += [c.own, c.nextAgainstThis, c.thisAgainstNext, c.nextOwn].map {
            .number($0, decimals: 6)
          }
          row += [c.index, c.efficiencyChange, c.technicalChange].map {
            .number($0, decimals: 6)
          }
        } else {
          let parts = j < step.scores.count ? step.scores[j] : []
          row += (0..<4).map { k in
            (k < parts.count ? parts[k] : nil).map { .number($0, decimals: 6) }
              ?? .empty
          }
          row += [ReportTable.Cell](repeating: .empty, count: 3)
        }
        table.append(row)
      }
    }
    let undefined = steps.reduce(0) { total, step in
      total
        + step.changes.indices.count {
          step.changes[$0] == nil && step.status[$0] == .optimal
        }
    }
    table.footnotes = [
      l(
        "Input-oriented Farrell scores θ_a(b): period b's data against period a's frontier. "
          + "Malmquist > 1 means productivity grew; Malmquist = efficiency change × technical change.",
        "投入导向 Farrell 效率 θ_a(b)：第 b 期数据相对第 a 期前沿。Malmquist > 1 表示生产率提高；"
          + "Malmquist = 技术效率变化 × 技术进步。")
    ]
    if undefined > 0 {
      table.footnotes.append(
        l(
          "\(undefined) row(s) have every program solved but a score of 0 (a unit that produces "
            + "nothing): the index is undefined there.",
          "\(undefined) 行所有规划均已求解但效率值为 0（无产出的单位）：指数无定义。"))
    }
    return table
  }
}

extension EfficiencyReport {
  /// Scale efficiency and returns to scale per unit.
  public static func scale(
    _ result: ScaleEfficiency, data: DEAData, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "scale", title: l("Scale efficiency", "规模效率"),
      columns: [
        .init(l("unit", "单位")), .init(l("status", "求解状态")),
        .init(l("CRS efficiency", "综合技术效率（CRS）"), numeric: true),
        .init(l("VRS efficiency", "纯技术效率（VRS）"), numeric: true),
        .init(l("scale efficiency", "规模效率"), numeric: true),
        .init(l("returns to scale", "规模报酬")),
      ])
    for j in 0..<data.unitCount {
      var row: [ReportTable.Cell] = [
        .text(data.unitNames[j]), .text(status(result.status[j], l)),
      ]
      if let u = result.units[j] {
        let returns: String =
          switch u.returns {
          case .constant: l("constant", "不变")
          case .increasing: l("increasing", "递增")
          case .decreasing: l("decreasing", "递减")
          }
        row += [
          .number(u.constant, decimals: 6), .number(u.variable, decimals: 6),
          .number(u.scale, decimals: 6), .text(returns),
        ]
      } else {
        row += [ReportTable.Cell](repeating: .empty, count: 4)
      }
      table.append(row)
    }
    table.footnotes = [
      l(
        "Scale efficiency = CRS ÷ VRS efficiency. Returns: constant where the two are equal; "
          + "else decreasing where the NIRS efficiency equals the VRS one (the unit is too large), "
          + "increasing otherwise (too small).",
        "规模效率 = CRS 效率 ÷ VRS 效率。两者相等为规模报酬不变；否则 NIRS 效率等于 VRS 效率为递减（规模偏大），"
          + "其余为递增（规模偏小）。")
    ]
    return table
  }
}

extension EfficiencyReport {
  /// One table of several periods' tables of one kind (same columns), with
  /// a period column in front, so that CSV and JSON carry every period.
  public static func stacked(
    _ tables: [ReportTable], periods: [String], language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    guard let first = tables.first else {
      return ReportTable(name: "empty", title: "", columns: [])
    }
    var table = ReportTable(
      name: first.name, title: first.title,
      columns: [.init(l("period", "期间"))] + first.columns)
    for (k, part) in tables.enumerated() {
      for row in 0..<part.rowCount {
        table.append(
          [.text(periods[k])]
            + (0..<part.columns.count).map { part.cell(row, $0) })
      }
    }
    // Footnotes that differ by period (unit counts, warnings) are kept once
    // each, in order.
    for part in tables {
      for note in part.footnotes where !table.footnotes.contains(note) {
        table.footnotes.append(note)
      }
    }
    return table
  }
}
