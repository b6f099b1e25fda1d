import JixiaoNumerics

/// Balance of financial capacity (财力均衡, docs/domain.md §9 [D]): funds
/// per member across the units of each level, which only units of the
/// same level can be compared by (a city union counts every member of its
/// city). Each unit is weighted by its members, so the indices measure
/// how evenly funds reach members, not units.
///
/// A unit's funds are the budgets of its own projects in the duty →
/// activity tree; units without a member count are left out.
public struct FundsBalance: Sendable {
  public struct Level: Sendable {
    public var level: String
    public var units: [Int]
    /// Funds per member, per unit of `units`.
    public var perMember: [Double]
    public var balance: Balance
    /// Theil's T within and between regions.
    public var byRegion: Balance.Decomposition?
  }

  public var levels: [Level] = []
  /// Levels with fewer than two units with members, or no funds at all.
  public var skipped: [(level: String, reason: String)] = []

  /// `budgets`: the budgets to count (a scenario's), one per project.
  public init(
    _ dataset: Dataset, _ evaluation: Evaluation, budgets: [Double]? = nil
  ) {
    let units = dataset.units
    guard !units.members.isEmpty else {
      skipped.append(("", "units.csv has no members column"))
      return
    }
    let budget = budgets ?? dataset.projects.budget
    var counted = [Double](repeating: 0, count: budget.count)
    for p in budget.indices where evaluation.status[p] != .excluded {
      counted[p] = budget[p]
    }
    let funds = Segments.sums(
      counted, groups: dataset.projects.unit, groupCount: units.count)
    for (code, level) in units.level.values.enumerated() {
      let members = (0..<units.count).filter {
        units.level.codes[$0] == Int32(code) && (units.members[$0] ?? 0) > 0
      }
      let label = level.isEmpty ? "—" : level
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
      let regions = members.map { units.region[$0] }
      let split =
        Set(regions).count > 1
        ? try? Balance.decompose(
          values: values, weights: weights, groups: regions)
        : nil
      levels.append(
        Level(
          level: label, units: members, perMember: values, balance: balance,
          byRegion: split))
    }
  }
}
