/// Column and row labels in Chinese or English (`--lang zh|en`).
struct Labels {
  let language: Language

  func callAsFunction(_ english: String, _ chinese: String) -> String {
    language == .chinese ? chinese : english
  }

  func grade(_ grade: Grade?) -> ReportTable.Cell {
    guard let grade else { return .empty }
    return .text(grade.label(language))
  }

  func status(_ status: Evaluation.Status) -> String {
    switch status {
    case .scored: self("scored", "已评分")
    case .excluded: self("excluded: outside tree", "排除：不在职责-活动体系内")
    case .unrated: self("unrated", "未评级")
    case .noApplicableRows: self("no applicable rows", "无适用指标")
    }
  }

  func change(_ change: Reallocation.Change) -> String {
    switch change {
    case .raised: self("raised", "增加")
    case .kept: self("kept", "维持")
    case .cut: self("cut", "压减")
    case .cancelled: self("cancelled", "取消")
    case .excluded: self("excluded", "排除")
    case .ended: self("ended", "结束")
    }
  }

  func action(_ action: Scenario.Action) -> String {
    switch action {
    case .cancel: self("cancel", "取消")
    case .change(let ratio) where ratio == 0: self("keep", "维持")
    case .change(let ratio): Self.percent(ratio)
    }
  }

  func reason(_ reason: Reallocation.Reason) -> String {
    switch reason {
    case .grade(let grade, let action):
      self(
        "grade \(grade.name): \(self.action(action))",
        "等级\(grade.chinese)：\(self.action(action))")
    case .priorityShare(let grade, let ratio) where ratio < 0:
      self(
        "grade \(grade.name): pays for raises of other grades \(Self.percent(ratio))",
        "等级\(grade.chinese)：承担其他等级的增加 \(Self.percent(ratio))")
    case .priorityShare(let grade, let ratio):
      self(
        "grade \(grade.name): share of freed funds \(Self.percent(ratio))",
        "等级\(grade.chinese)：分得压减资金 \(Self.percent(ratio))")
    case .unrated(let action):
      self("no grade: \(self.action(action))", "无等级：\(self.action(action))")
    case .excluded(let action):
      self(
        "outside duty→activity tree (seed §三(一)2): \(self.action(action))",
        "未纳入职责-活动体系，不得安排预算：\(self.action(action))")
    case .rectification(let grade, let stage, let weak, let poor):
      rectification(grade, stage, weak: weak, poor: poor)
    case .multiYearExit(let grade):
      self(
        "multi-year project graded \(grade.name): exit",
        "跨年度项目评为\(grade.chinese)：退出")
    case .majorLimit(let years):
      self(
        "major project past \(years) years, not renewed: ended",
        "重大项目超过\(years)年且未续期：结束")
    case .completed(let year):
      self("completed (ended \(year))", "项目已于\(year)年结束")
    case .exitedEarlier:
      self("exited in an earlier year", "以前年度已退出")
    }
  }

  /// A stage of the rectification cycle, with the streak that led to it.
  private func rectification(
    _ grade: Grade, _ stage: Reallocation.RectificationStage, weak: Int,
    poor: Int
  ) -> String {
    let streak = self(
      "weak year \(weak) in a row, \(poor) poor", "连续第\(weak)年中差、其中差\(poor)年")
    switch stage {
    case .rectify:
      return self(
        "grade \(grade.name), \(streak): rectify, budget kept",
        "等级\(grade.chinese)，\(streak)：督促整改，预算维持")
    case .cut(let ratio):
      return self(
        "grade \(grade.name), \(streak): not rectified, \(Self.percent(ratio))",
        "等级\(grade.chinese)，\(streak)：整改不到位，\(Self.percent(ratio))")
    case .cancel:
      return self(
        "grade \(grade.name), \(streak): not rectified, cancelled",
        "等级\(grade.chinese)，\(streak)：整改不到位，取消预算")
    }
  }

  /// The reason, and the limit that changed what it gave.
  func reason(
    _ reason: Reallocation.Reason, _ adjustment: Reallocation.Adjustment,
    nothingToChange: Bool = false, moneyUnit: String
  ) -> String {
    let base =
      nothingToChange
      ? self(
        "budget 0, nothing to change (\(ruleWithoutAmount(reason)))",
        "预算为0，无可调整（\(ruleWithoutAmount(reason))）")
      : self.reason(reason)
    switch adjustment {
    case .none: return base
    case .protected:
      return self("\(base); protected: kept", "\(base)；保障项目：维持")
    case .raiseCap(let wanted):
      let amount = Self.money(wanted)
      return self(
        "\(base); maxRaise: held from \(amount) \(moneyUnit)",
        "\(base)；受最大增幅约束（原为\(amount)\(moneyUnit)）")
    case .unitCap(let wanted):
      let amount = Self.money(wanted)
      return self(
        "\(base); unit cap: held from \(amount) \(moneyUnit)",
        "\(base)；受单位上限约束（原为\(amount)\(moneyUnit)）")
    case .coreFloor(let wanted):
      let amount = Self.money(wanted)
      return self(
        "\(base); core-duty floor: raised back from \(amount) \(moneyUnit)",
        "\(base)；主责主业保底：由\(amount)\(moneyUnit)恢复")
    }
  }

  /// A rule as `reason` says it, without the share a priority project
  /// did not get (its budget was 0).
  private func ruleWithoutAmount(_ rule: Reallocation.Reason) -> String {
    guard case .priorityShare(let grade, _) = rule else { return reason(rule) }
    return self(
      "grade \(grade.name): share of freed funds",
      "等级\(grade.chinese)：分得压减资金")
  }

  static func percent(_ ratio: Double) -> String {
    let value = ReportTable.Cell.fixed(ratio * 100, 1)
    return (ratio > 0 ? "+" : "") + value + " %"
  }

  /// An amount of money as the tables print it: two decimals.
  static func money(_ amount: Double) -> String {
    ReportTable.Cell.fixed(amount, 2)
  }
}
