import JixiaoNumerics

/// Balance of financial capacity (财力均衡, docs/domain.md §9 [D]): funds
/// per member across the units of each level, which only units of the
/// same level can be compared by (a city union counts every member of its
/// city). Each unit is weighted by its members, so the indices measure
/// how evenly funds reach members, not units.
///
/// A unit's funds are the budgets of its own projects in the duty →
/// activity tree; units without a member count are left out.
///
/// Theil's T is split by region within each level (the default), or, with
/// `.level`, all units with members form one population split by level:
/// meaningful only when each member is counted by one unit (members of
/// the unit itself, not of the unions below it).
public struct FundsBalance: Sendable {
  public enum Split: String, Sendable, CaseIterable {
    case region, level
  }

  public struct Level: Sendable {
    public var level: String
    public var units: [Int]
    /// Funds per member, per unit of `units`.
    public var perMember: [Double]
    public var balance: Balance
    /// Theil's T within and between regions (or levels).
    public var split: Balance.Decomposition?
  }

  public var levels: [Level] = []
  public let splitBy: Split
  /// Under `.level`: a unit with members below another with members (the
  /// child, the parent), which suggests nested counts.
  public var nested: (child: Int, parent: Int)?
  /// Levels with fewer than two units with members, or no funds at all.
  public var skipped: [(level: String, reason: String)] = []

  /// Each unit's own funds: Σ budget of its own projects in the duty →
  /// activity tree (money unit), one per unit. `budgets` replaces the
  /// projects' budgets (a scenario's).
  ///
  /// - Complexity: O(projects).
  public static func ownFunds(
    _ dataset: Dataset, _ evaluation: Evaluation, budgets: [Double]? = nil
  ) -> [Double] {
    let budget = budgets ?? dataset.projects.budget
    var counted = [Double](repeating: 0, count: budget.count)
    for p in budget.indices where evaluation.status[p] != .excluded {
      counted[p] = budget[p]
    }
    return Segments.sums(
      counted, groups: dataset.projects.unit, groupCount: dataset.units.count)
  }

  /// `budgets`: the budgets to count (a scenario's), one per project.
  public init(
    _ dataset: Dataset, _ evaluation: Evaluation, budgets: [Double]? = nil,
    split: Split = .region
  ) {
    self.splitBy = split
    let units = dataset.units
    guard !units.members.isEmpty else {
      skipped.append(("", "units.csv has no members column"))
      return
    }
    let funds = Self.ownFunds(dataset, evaluation, budgets: budgets)
    let groups: [(label: String, members: [Int])]
    let withMembers = (0..<units.count).filter { (units.members[$0] ?? 0) > 0 }
    switch split {
    case .region:
      groups = units.level.values.enumerated().map { code, level in
        (
          level.isEmpty ? "—" : level,
          withMembers.filter { units.level.codes[$0] == Int32(code) }
        )
      }
    case .level:
      groups = [("all levels", withMembers)]
      if let child = withMembers.first(where: {
        let parent = Int(units.parent[$0])
        return parent >= 0 && (units.members[parent] ?? 0) > 0
      }) {
        nested = (child, Int(units.parent[child]))
      }
    }
    for (label, members) in groups {
      guard members.count >= 2 else {
        skipped.append((label, "fewer than two units with a member count"))
        continue
      }
      let weights = members.map { units.members[$0] ?? 0 }
      let values = members.map { funds[$0] / (units.members[$0] ?? 1) }
      guard let balance = try? Balance(values: values, weights: weights) else {
        skipped.append((label, "no funds at this level"))
        continue
      }
      let keys = members.map {
        split == .region ? units.region[$0] : units.level[$0]
      }
      let decomposition =
        Set(keys).count > 1
        ? try? Balance.decompose(values: values, weights: weights, groups: keys)
        : nil
      levels.append(
        Level(
          level: label, units: members, perMember: values, balance: balance,
          split: decomposition))
    }
  }
}
