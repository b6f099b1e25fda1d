import JixiaoNumerics

/// Next year's budgets under a scenario, project by project, each with
/// the rule that set it.
///
/// Budgets change by grade (`Scenario.byGrade`) unless a rule of
/// `Scenario.rules` comes first (`BudgetRules` gives the order). Then
/// raises are held to the unit caps, cuts of core-duty projects are undone
/// until the core-duty floor holds, and, when the scenario is budget
/// neutral, the money freed by every other project,
/// `pool = Σ (before − after)`, is shared among the priority-grade
/// projects pro rata to their budgets, capped by `maxRaise` and the unit
/// caps (water-filling); what no one can take is `unallocated`.
public struct Reallocation: Sendable {
  /// What happened to a project's budget.
  public enum Change: UInt8, Sendable, CaseIterable {
    case raised
    case kept
    case cut
    case cancelled
    /// Outside the duty → activity tree: not budgeted (seed §三(一)2).
    case excluded
    /// Left the library without a verdict on performance: completed, or
    /// a major project at its time limit.
    case ended
  }

  /// The stage of the rectification cycle a weak year reached.
  public enum RectificationStage: Sendable, Equatable {
    /// Told to rectify; the budget is kept.
    case rectify
    /// Cut by the rule's share (a negative relative change).
    case cut(Double)
    case cancel
  }

  /// Why a project's budget is what it is.
  public enum Reason: Sendable, Equatable {
    /// The grade's rule of the scenario.
    case grade(Grade, Scenario.Action)
    /// A priority project's share of the freed money (relative change).
    case priorityShare(Grade, Double)
    /// No grade: the scenario's rule for unrated projects.
    case unrated(Scenario.Action)
    /// Outside the tree: the scenario's rule for excluded projects.
    case excluded(Scenario.Action)
    /// The rectification cycle: this weak year is the `weakYears`-th in a
    /// row, with `poorYears` of them 差.
    case rectification(
      Grade, RectificationStage, weakYears: Int, poorYears: Int)
    /// A multi-year project re-evaluated and exited for its grade.
    case multiYearExit(Grade)
    /// A major project past its limit of `years` budget years.
    case majorLimit(years: Int)
    /// A multi-year project whose end year is before the budget year.
    case completed(endYear: Int)
    /// Left the library by a rule in an earlier year (cancelled, exited,
    /// completed, time limit).
    case exitedEarlier
  }

  /// A limit that changed the budget the reason gave.
  public enum Adjustment: Sendable, Equatable {
    case none
    /// A protected project: the cut or cancellation of the reason is not
    /// applied; the budget is kept.
    case protected
    /// The unit's cap held the raise back from `wanted` to `after`.
    case unitCap(wanted: Double)
    /// The scenario's `maxRaise` held a share of freed money back from
    /// `wanted`.
    case raiseCap(wanted: Double)
    /// Part of the cut undone for the core-duty floor, from `wanted`.
    case coreFloor(wanted: Double)
  }

  public let scenario: Scenario
  public var before: [Double]
  public var after: [Double]
  public var change: [Change]
  public var reason: [Reason]
  public var adjustment: [Adjustment]
  /// A budget of 0 that the rule of `reason` would change, and cannot.
  /// (A flag beside the reason, not a case wrapping it, keeps `Reason` a
  /// plain value: no reference counting in the multi-year loops.)
  public var nothingToChange: [Bool]
  /// Freed money that no priority project could take (budget neutral).
  public var unallocated: Double
  /// Money freed by the changes of the other projects (budget neutral):
  /// `Σ (before − after)` over the projects outside the priority grades.
  public var pool: Double
  /// The part of `pool` the priority projects received,
  /// `Σ (after − before)` over them; `pool − sharedOut` is `unallocated`
  /// when the pool is positive.
  public var sharedOut: Double
  /// Money the unit caps held back from raises that are not shares of
  /// the pool (budget neutral: it joins the pool).
  public var heldByUnitCaps: Double
  /// What the core-duty floor still lacks after every core cut is undone.
  public var coreShortfall: Double
  /// Budget neutral: raises of other grades that the freed money and the
  /// priority projects' whole budgets could not pay for; the total rises
  /// by this much (`pool = sharedOut − uncovered` when the pool is
  /// negative).
  public var uncovered: Double

  public var totalBefore: Double { before.reduce(0, +) }
  public var totalAfter: Double { after.reduce(0, +) }

  /// Number of projects per kind of change.
  public var changeCounts: [Change: Int] {
    var counts: [Change: Int] = [:]
    for c in change { counts[c, default: 0] += 1 }
    return counts
  }

  /// Applies a scenario to an evaluated data set, for the year after the
  /// data set's (`DatasetYear`), with no earlier weak years on record
  /// unless `history` says otherwise.
  public init(
    _ dataset: Dataset, evaluation: Evaluation, scenario: Scenario,
    history: RuleHistory? = nil
  ) {
    var kept = history ?? RuleHistory(count: dataset.projects.count)
    let year = DatasetYear.of(dataset)
    self.init(
      facts: ProjectFacts(dataset, rules: scenario.rules),
      budget: dataset.projects.budget, status: evaluation.status,
      grade: evaluation.grade, year: year > 0 ? year + 1 : 0,
      scenario: scenario, history: &kept)
  }

  /// One budget year: `budget` and the grades of the year before decide
  /// the budgets of `year` (0 when unknown: the year rules then do not
  /// apply). `history` is read and brought up to date.
  ///
  /// - Complexity: O(projects × rounds); rounds ≤ the priority projects
  ///   when caps bind, else 1.
  public init(
    facts: ProjectFacts, budget: [Double], status: [Evaluation.Status],
    grade: [Grade?], year: Int, scenario: Scenario,
    history: inout RuleHistory
  ) {
    self.scenario = scenario
    let n = budget.count
    before = budget
    after = budget
    change = [Change](repeating: .kept, count: n)
    reason = [Reason](repeating: .unrated(.change(0)), count: n)
    adjustment = [Adjustment](repeating: .none, count: n)
    nothingToChange = [Bool](repeating: false, count: n)
    unallocated = 0
    pool = 0
    sharedOut = 0
    heldByUnitCaps = 0
    coreShortfall = 0
    uncovered = 0

    var priority: [Int] = []
    var isPriority = [Bool](repeating: false, count: n)
    let table = GradeTable(scenario)
    for p in 0..<n {
      let decided = Self.rule(
        p, facts: facts, status: status[p], grade: grade[p], year: year,
        scenario: scenario, table: table, history: &history)
      reason[p] = decided.reason
      if facts.isProtected[p], decided.action.cuts,
        Self.judgesPerformance(decided.reason)
      {
        adjustment[p] = .protected
        continue
      }
      if decided.isPriority {
        priority.append(p)
        isPriority[p] = true
        continue
      }
      after[p] = decided.action.apply(to: before[p])
    }

    // The floor first: what it gives back is at most what was cut, so
    // the unit caps, which then hold only raises, still hold after it.
    if let floor = scenario.rules.coreFloor {
      keepCoreFloor(floor, facts: facts)
    }
    if let cap = scenario.rules.unitCap {
      holdRaises(toUnitCap: cap, facts: facts, skipping: isPriority)
    }
    if scenario.budgetNeutral {
      for p in 0..<n where !isPriority[p] { pool += before[p] - after[p] }
      share(pool, among: priority, facts: facts)
      // Priority projects that paid for raises elsewhere may have taken
      // the core projects below the floor: undo what is needed of their
      // payments too; what that gives back is not covered by the pool.
      if pool < 0, let floor = scenario.rules.coreFloor {
        let paidTotal = totalAfter
        keepCoreFloor(floor, facts: facts)
        uncovered += totalAfter - paidTotal
      }
      for p in priority { sharedOut += after[p] - before[p] }
    }
    // A rule that would change a budget of 0 changes nothing; say why.
    for p in 0..<n where before[p] == 0 && Self.changes(reason[p]) {
      nothingToChange[p] = true
    }
    for p in 0..<n {
      if status[p] == .excluded {
        change[p] = .excluded
      } else if Self.ends(reason[p]), after[p] == 0 {
        change[p] = .ended
      } else if after[p] == 0, before[p] > 0, !Self.pays(reason[p]) {
        change[p] = .cancelled
      } else if after[p] > before[p] {
        change[p] = .raised
      } else if after[p] < before[p] {
        change[p] = .cut
      }
      // Excluded projects are never in the library; they do not exit.
      // A priority project that paid all it had for raises elsewhere
      // was not judged to go: it stays in the library.
      if status[p] != .excluded, after[p] == 0, !Self.pays(reason[p]),
        before[p] > 0 || Self.ends(reason[p])
      {
        history.exited[p] = true
      }
    }
  }

  /// The first rule that applies to project `p` (the order of
  /// `BudgetRules`), bringing its rectification streak up to date.
  private static func rule(
    _ p: Int, facts: ProjectFacts, status: Evaluation.Status, grade: Grade?,
    year: Int, scenario: Scenario, table: GradeTable,
    history: inout RuleHistory
  ) -> (reason: Reason, action: Scenario.Action, isPriority: Bool) {
    if status == .excluded {
      return (.excluded(scenario.excluded), scenario.excluded, false)
    }
    if history.exited[p] { return (.exitedEarlier, .cancel, false) }
    if scenario.rules.endCompleted, facts.isMultiYear[p], year > 0,
      Int(facts.endYear[p]) < year
    {
      return (.completed(endYear: Int(facts.endYear[p])), .cancel, false)
    }
    if let limit = scenario.rules.majorYears, facts.isMajor[p],
      !facts.isRenewed[p],
      year > 0, facts.startYear[p] > 0,
      year - Int(facts.startYear[p]) + 1 > limit
    {
      return (.majorLimit(years: limit), .cancel, false)
    }
    guard status == .scored, let grade else {
      return (.unrated(scenario.unrated), scenario.unrated, false)
    }
    if facts.isMultiYear[p], table.exits[grade.rawValue] {
      return (.multiYearExit(grade), .cancel, false)
    }
    if let cycle = scenario.rules.rectification {
      if grade == .fair || grade == .poor {
        history.weakYears[p] += 1
        if grade == .poor { history.poorYears[p] += 1 }
        let weak = Int(history.weakYears[p])
        let poor = Int(history.poorYears[p])
        let stage: RectificationStage
        let action: Scenario.Action
        if weak >= cycle.cancelAfterWeak || poor >= cycle.cancelAfterPoor {
          (stage, action) = (.cancel, .cancel)
        } else if weak >= cycle.cutAfter {
          (stage, action) = (.cut(-cycle.cutBy), .change(-cycle.cutBy))
        } else {
          (stage, action) = (.rectify, .change(0))
        }
        return (
          .rectification(grade, stage, weakYears: weak, poorYears: poor),
          action, false
        )
      }
      history.weakYears[p] = 0
      history.poorYears[p] = 0
    }
    if table.isPriority[grade.rawValue] {
      return (.priorityShare(grade, 0), .change(0), true)
    }
    let action = table.action[grade.rawValue]
    return (.grade(grade, action), action, false)
  }

  /// The scenario's answers per grade, looked up by `Grade.rawValue`
  /// rather than hashed once per project.
  struct GradeTable {
    var action: [Scenario.Action]
    /// Receives freed money (budget neutral only).
    var isPriority: [Bool]
    /// Ends a multi-year project.
    var exits: [Bool]

    init(_ scenario: Scenario) {
      action = Grade.allCases.map { scenario.action(for: $0) }
      isPriority = Grade.allCases.map {
        scenario.budgetNeutral && scenario.priorityGrades.contains($0)
      }
      exits = Grade.allCases.map { scenario.rules.multiYearExit.contains($0) }
    }
  }

  /// Whether a rule would change a budget other than 0.
  private static func changes(_ reason: Reason) -> Bool {
    switch reason {
    case .grade(_, let action), .unrated(let action):
      action != .change(0)
    case .priorityShare, .multiYearExit: true
    case .rectification(_, let stage, _, _): stage != .rectify
    case .excluded, .majorLimit, .completed, .exitedEarlier: false
    }
  }

  /// Whether the rule judges performance (or the lack of a grade), the
  /// rules protection shields a project from; exclusion, completion and
  /// a time limit are not.
  static func judgesPerformance(_ reason: Reason) -> Bool {
    switch reason {
    case .excluded, .completed, .majorLimit, .exitedEarlier: false
    default: true
    }
  }

  /// A priority project's payment for raises of other grades.
  static func pays(_ reason: Reason) -> Bool {
    if case .priorityShare(_, let ratio) = reason { return ratio < 0 }
    return false
  }

  /// Whether the reason ends the project without a verdict on its
  /// performance.
  private static func ends(_ reason: Reason) -> Bool {
    switch reason {
    case .completed, .majorLimit: true
    default: false
    }
  }

  /// Budgets before and after per unit (each unit's own projects).
  public func byUnit(_ dataset: Dataset) -> (before: [Double], after: [Double])
  {
    let units = dataset.projects.unit
    let count = dataset.units.count
    return (
      Segments.sums(before, groups: units, groupCount: count),
      Segments.sums(after, groups: units, groupCount: count)
    )
  }
}
