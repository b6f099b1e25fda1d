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
    case .noBudget(let rule):
      self(
        "budget 0, nothing to change (\(ruleWithoutAmount(rule)))",
        "预算为0，无可调整（\(ruleWithoutAmount(rule))）")
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
}
