import JixiaoNumerics

/// Next year's budgets under a scenario, project by project, with reasons.
///
/// Budgets change by grade (`Scenario.byGrade`). When the scenario is
/// budget neutral, priority-grade projects do not take their grade's
/// change; instead the money freed by every other change,
/// `pool = Σ (before − after)`, is shared among them pro rata to their
/// budgets, so the total is unchanged. With `maxRaise`, a share is capped
/// and the rest goes to the uncapped priority projects (water-filling);
/// what no one can take is reported as `unallocated`.
public struct Reallocation: Sendable {
  /// What happened to a project's budget.
  public enum Change: UInt8, Sendable, CaseIterable {
    case raised
    case kept
    case cut
    case cancelled
    /// Outside the duty → activity tree: not budgeted (seed §三(一)2).
    case excluded
  }

  /// Why a project's budget changed.
  public enum Reason: Sendable, Equatable {
    /// The grade's rule of the scenario.
    case grade(Grade, Scenario.Action)
    /// A priority project's share of the freed money (relative change).
    case priorityShare(Grade, Double)
    /// No grade: the scenario's rule for unrated projects.
    case unrated(Scenario.Action)
    /// Outside the tree: the scenario's rule for excluded projects.
    case excluded(Scenario.Action)
    /// A budget of 0, which the rule it would follow cannot change.
    indirect case noBudget(Reason)
  }

  public let scenario: Scenario
  public var before: [Double]
  public var after: [Double]
  public var change: [Change]
  public var reason: [Reason]
  /// Freed money that no priority project could take (budget neutral).
  public var unallocated: Double
  /// Money freed by the changes of the other projects (budget neutral):
  /// `Σ (before − after)` over the projects outside the priority grades.
  public var pool: Double
  /// The part of `pool` the priority projects received,
  /// `Σ (after − before)` over them; `pool − sharedOut` is `unallocated`
  /// when the pool is positive.
  public var sharedOut: Double

  public var totalBefore: Double { before.reduce(0, +) }
  public var totalAfter: Double { after.reduce(0, +) }

  /// Number of projects per kind of change.
  public var changeCounts: [Change: Int] {
    var counts: [Change: Int] = [:]
    for c in change { counts[c, default: 0] += 1 }
    return counts
  }

  /// Applies a scenario to an evaluated data set.
  ///
  /// - Complexity: O(projects × rounds), rounds ≤ priority projects when
  ///   `maxRaise` caps shares, else 1.
  public init(_ dataset: Dataset, evaluation: Evaluation, scenario: Scenario) {
    self.scenario = scenario
    let n = dataset.projects.count
    before = dataset.projects.budget
    after = before
    change = [Change](repeating: .kept, count: n)
    reason = [Reason](repeating: .unrated(.change(0)), count: n)
    unallocated = 0
    pool = 0
    sharedOut = 0

    var priority: [Int] = []
    var isPriority = [Bool](repeating: false, count: n)
    for p in 0..<n {
      let action: Scenario.Action
      switch evaluation.status[p] {
      case .excluded:
        action = scenario.excluded
        reason[p] = .excluded(action)
      case .unrated, .noApplicableRows:
        action = scenario.unrated
        reason[p] = .unrated(action)
      case .scored:
        guard let grade = evaluation.grade[p] else {
          action = scenario.unrated
          reason[p] = .unrated(action)
          break
        }
        if scenario.budgetNeutral, scenario.priorityGrades.contains(grade) {
          priority.append(p)
          isPriority[p] = true
          reason[p] = .priorityShare(grade, 0)
          continue
        }
        action = scenario.action(for: grade)
        reason[p] = .grade(grade, action)
      }
      after[p] = action.apply(to: before[p])
    }

    if scenario.budgetNeutral {
      for p in 0..<n where !isPriority[p] { pool += before[p] - after[p] }
      share(pool, among: priority)
      for p in priority { sharedOut += after[p] - before[p] }
    }
    // A rule that would change a budget of 0 changes nothing; say why.
    for p in 0..<n where before[p] == 0 && Self.changes(reason[p]) {
      reason[p] = .noBudget(reason[p])
    }
    for p in 0..<n {
      if evaluation.status[p] == .excluded {
        change[p] = .excluded
      } else if after[p] == 0, before[p] > 0 {
        change[p] = .cancelled
      } else if after[p] > before[p] {
        change[p] = .raised
      } else if after[p] < before[p] {
        change[p] = .cut
      }
    }
  }

  /// Whether a rule would change a budget other than 0.
  private static func changes(_ reason: Reason) -> Bool {
    switch reason {
    case .grade(_, let action), .unrated(let action):
      action != .change(0)
    case .priorityShare: true
    case .excluded, .noBudget: false
    }
  }

  /// Shares `amount` among `projects` pro rata to budget, honouring
  /// `maxRaise` by water-filling; the remainder is `unallocated`.
  private mutating func share(_ amount: Double, among projects: [Int]) {
    var open = projects.filter { before[$0] > 0 }
    var remaining = amount
    while remaining > 0, !open.isEmpty {
      let base = open.reduce(0) { $0 + before[$1] }
      var capped: Set<Int> = []
      var placed = 0.0
      for p in open {
        var give = remaining * before[p] / base
        if let cap = scenario.maxRaise {
          let room = before[p] * (1 + cap) - after[p]
          if give >= room {
            give = room
            capped.insert(p)
          }
        }
        after[p] += give
        placed += give
      }
      remaining -= placed
      if capped.isEmpty { remaining = 0 }
      open.removeAll { capped.contains($0) }
    }
    if amount < 0 {
      // Raises elsewhere exceed the cuts: the priority projects pay for
      // them pro rata, never below zero.
      let base = projects.reduce(0) { $0 + before[$1] }
      if base > 0 {
        for p in projects {
          after[p] = max(0, after[p] + amount * before[p] / base)
        }
      }
      remaining = 0
    }
    unallocated = max(0, remaining)
    for p in projects {
      guard case .priorityShare(let grade, _) = reason[p] else { continue }
      let ratio = before[p] > 0 ? after[p] / before[p] - 1 : 0
      reason[p] = .priorityShare(grade, ratio)
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
