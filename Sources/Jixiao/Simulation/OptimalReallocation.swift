import Foundation
import JixiaoNumerics

/// Next year's budgets of a scored data set chosen to maximise performance
/// under a fixed total (docs/simulate.md, "Optimal reallocation"), solved
/// by `AllocationModel` on COIN-OR CLP.
///
/// Every scored project in the duty → activity tree with a budget takes
/// part; it may move between floorShare × b and capShare × b of its budget
/// b. The value of a project at budget x is
/// - linear: (s/100) · x, performance-weighted money, so money goes to the
///   best-scored projects first;
/// - concave: its expected score under the response model of
///   `CostEffectiveness`, s(x) = min(100, s · (x/b)^ε), as `pieces` chords
///   from floor to cap, so each further 万元 buys less.
/// Projects outside the tree or without a score keep their budgets and
/// are not part of the total.
public struct OptimalReallocation: Sendable {
  public enum Value: String, Sendable, CaseIterable {
    case linear, concave
  }

  /// Which projects are all or nothing.
  public enum Indivisible: String, Sendable, CaseIterable {
    case none
    /// Major projects (重大项目, projects.csv `major`).
    case major
    case all
  }

  public struct Settings: Sendable, Equatable {
    public var value: Value = .concave
    public var floorShare = 0.5
    public var capShare = 1.5
    /// The response elasticity of the concave value.
    public var elasticity = 0.2
    public var pieces = 8
    /// The total to share out; nil: the participating projects' budgets
    /// (budget neutral).
    public var total: Double?
    /// Each unit's participating budget may not rise above this multiple
    /// of what it was (nil: no cap).
    public var unitCapShare: Double?
    /// The least share of the total for core-duty categories (nil: none).
    public var coreShare: Double?
    public var coreCategories = CoreDutyShare.defaultCategories
    /// Projects funded at their budget or not at all (solved by CBC).
    public var indivisible: Indivisible = .none

    public init() {}
  }

  public let settings: Settings
  public var status: LPStatus
  /// Per project: the budget after (the budget before for projects that do
  /// not take part); empty unless solved.
  public var after: [Double] = []
  public var takesPart: [Bool] = []
  public var binding: [AllocationModel.Binding?] = []
  public var total = 0.0
  public var valueBefore = 0.0
  public var valueAfter = 0.0
  /// What one more unit of money in the total is worth (points, or
  /// performance-weighted money, per 万元).
  /// nil with all-or-nothing projects (an integer program has no duals).
  public var shadowPrice: Double? = 0
  /// Money the optimum leaves unspent (all-or-nothing projects only).
  public var unallocated = 0.0
  /// Units whose cap binds, with the value of one more 万元 of cap.
  public var bindingUnits: [(unit: Int, dual: Double)] = []
  public var coreDual = 0.0

  public init(_ dataset: Dataset, _ evaluation: Evaluation, settings: Settings)
    throws(AllocationError)
  {
    self.settings = settings
    guard settings.floorShare >= 0, settings.floorShare <= 1,
      settings.capShare >= 1,
      settings.capShare.isFinite
    else {
      throw .badSettings(
        "the floor share must be from 0 to 1 and the cap share at least 1")
    }
    guard settings.elasticity >= 0, settings.elasticity <= 1,
      settings.pieces >= 1
    else {
      throw .badSettings(
        "the elasticity must be from 0 to 1 and pieces at least 1")
    }
    let projects = dataset.projects
    let n = projects.count
    takesPart = (0..<n).map {
      evaluation.status[$0] == .scored && projects.budget[$0] > 0
    }
    let categories = projects.category.values.map {
      settings.coreCategories.contains($0)
    }
    // Groups: units with a participating project, in unit order.
    var groupOf = [Int32](repeating: -1, count: dataset.units.count)
    var groupUnits: [Int] = []
    var groupBudget: [Double] = []
    var items: [AllocationModel.Item] = []
    var itemProject: [Int] = []
    for p in 0..<n where takesPart[p] {
      let u = Int(projects.unit[p])
      if settings.unitCapShare != nil, groupOf[u] < 0 {
        groupOf[u] = Int32(groupUnits.count)
        groupUnits.append(u)
        groupBudget.append(0)
      }
      if groupOf[u] >= 0 { groupBudget[Int(groupOf[u])] += projects.budget[p] }
      let b = projects.budget[p]
      let s = evaluation.score[p]
      let floor = settings.floorShare * b
      let cap = settings.capShare * b
      let core = categories[Int(projects.category.codes[p])]
      var item: AllocationModel.Item
      let allOrNothing =
        settings.indivisible == .all
        || (settings.indivisible == .major && projects.isMajor[p])
      switch settings.value {
      case .linear:
        item = .linear(
          floor: floor, cap: cap, value: s / 100, group: groupOf[u], core: core)
      case .concave:
        let e = settings.elasticity
        item = .concave(
          floor: floor, cap: cap, pieces: settings.pieces, group: groupOf[u],
          core: core
        ) { x in min(100, s * pow(x / b, e)) }
      }
      if allOrNothing {
        // Funded at its budget b or not at all: worth V(b).
        let value = settings.value == .linear ? s / 100 * b : s
        item = AllocationModel.Item(
          floor: 0, cap: b, baseValue: 0, segments: [(b, value / b)],
          group: groupOf[u],
          core: core)
        item.indivisible = true
      }
      items.append(item)
      itemProject.append(p)
      valueBefore += settings.value == .linear ? s / 100 * b : s
    }
    let before = itemProject.reduce(0.0) { $0 + projects.budget[$1] }
    total = settings.total ?? before
    var model = AllocationModel(items: items, total: total)
    if let share = settings.unitCapShare {
      model.groupFloor = [Double](
        repeating: -.infinity, count: groupUnits.count)
      model.groupCap = groupBudget.map { $0 * share }
    }
    model.coreShare = settings.coreShare
    let result = try model.solve()
    status = result.status
    guard result.status == .optimal else { return }
    after = projects.budget
    binding = [AllocationModel.Binding?](repeating: nil, count: n)
    for (k, p) in itemProject.enumerated() {
      after[p] = result.amounts[k]
      binding[p] = result.bindings[k]
    }
    valueAfter = result.value
    shadowPrice = result.shadowPrice
    unallocated = result.unallocated
    coreDual = result.coreDual
    bindingUnits = result.groupDuals.enumerated().compactMap { g, dual in
      abs(dual) > 1e-9 ? (groupUnits[g], dual) : nil
    }
  }
}
