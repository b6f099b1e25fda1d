import Foundation
import JixiaoNumerics

/// Performance bought per unit of money, by project, category and unit.
///
/// For project i with composite score sᵢ, budget bᵢ and executed amount eᵢ:
/// - score per 万元 = sᵢ / eᵢ (per unit of the data set's money);
/// - the score gained per extra 万元, under the response model
///   s(b) = min(100, sᵢ · (b / bᵢ)^ε): ds/db = ε sᵢ / bᵢ at the current
///   budget, 0 for a project already at 100. ε (the elasticity of the score
///   with respect to funding) is a setting, 0.2 by default [D]: a 10 %
///   larger budget raises a score by about 2 %.
///
/// For a group (a category, a unit): points per 万元 = Σ sᵢ / Σ eᵢ, the
/// budget-weighted mean score Σ bᵢsᵢ / Σ bᵢ, and the points gained by one
/// extra 万元 shared out in proportion to budgets, ε Σ_{sᵢ<100} sᵢ / Σ bᵢ.
public struct CostEffectiveness: Sendable {
  public struct Group: Sendable, Equatable {
    public var label: String
    public var projects: Int
    public var budget: Double
    public var executed: Double
    public var meanScore: Double
    public var weightedScore: Double
    /// nil when nothing was spent.
    public var pointsPerMoney: Double?
    public var marginalPoints: Double
  }

  public let elasticity: Double
  /// Per project: sᵢ / eᵢ where the project is scored and eᵢ > 0.
  public var perMoney: [Double]
  public var perMoneyPresent: [Bool]
  /// Per project: ε sᵢ / bᵢ where scored and bᵢ > 0.
  public var marginal: [Double]
  public var marginalPresent: [Bool]
  public var byCategory: [Group] = []
  public var byUnit: [Group] = []
  public var total: Group

  public init(
    _ dataset: Dataset, _ evaluation: Evaluation, elasticity: Double = 0.2
  )
    throws(EfficiencyError)
  {
    guard elasticity.isFinite, elasticity >= 0, elasticity <= 1 else {
      throw .badSettings("the elasticity must be a number from 0 to 1")
    }
    self.elasticity = elasticity
    let projects = dataset.projects
    let n = projects.count
    perMoney = [Double](repeating: 0, count: n)
    perMoneyPresent = [Bool](repeating: false, count: n)
    marginal = [Double](repeating: 0, count: n)
    marginalPresent = [Bool](repeating: false, count: n)
    var scored: [Int] = []
    for p in 0..<n where evaluation.status[p] == .scored {
      scored.append(p)
      let s = evaluation.score[p]
      if projects.executed[p] > 0 {
        perMoney[p] = s / projects.executed[p]
        perMoneyPresent[p] = true
      }
      if projects.budget[p] > 0 {
        marginal[p] = s < 100 ? elasticity * s / projects.budget[p] : 0
        marginalPresent[p] = true
      }
    }
    func group(_ label: String, _ members: [Int]) -> Group {
      var budget = 0.0
      var executed = 0.0
      var sum = 0.0
      var weighted = 0.0
      var below = 0.0
      for p in members {
        let s = evaluation.score[p]
        budget += projects.budget[p]
        executed += projects.executed[p]
        sum += s
        weighted += projects.budget[p] * s
        if s < 100 { below += s }
      }
      return Group(
        label: label, projects: members.count, budget: budget,
        executed: executed,
        meanScore: members.isEmpty ? 0 : sum / Double(members.count),
        weightedScore: budget > 0 ? weighted / budget : 0,
        pointsPerMoney: executed > 0 ? sum / executed : nil,
        marginalPoints: budget > 0 ? elasticity * below / budget : 0)
    }
    total = group("", scored)
    var byCategory = [[Int]](
      repeating: [], count: projects.category.values.count)
    var byUnit = [[Int]](repeating: [], count: dataset.units.count)
    for p in scored {
      let c = Int(projects.category.codes[p])
      if c >= 0 { byCategory[c].append(p) }
      byUnit[Int(projects.unit[p])].append(p)
    }
    self.byCategory = byCategory.indices.compactMap { c in
      byCategory[c].isEmpty
        ? nil : group(projects.category.values[c], byCategory[c])
    }
    self.byUnit = byUnit.indices.compactMap { u in
      byUnit[u].isEmpty ? nil : group(dataset.units.ids[u], byUnit[u])
    }
  }
}

/// The share of spending on core duties (主责主业): by default the
/// categories 职工活动 (worker activities), 工会业务 (union business) and
/// 维权帮扶 (rights protection and assistance); the list is a setting.
public struct CoreDutyShare: Sendable, Equatable {
  public static let defaultCategories = ["职工活动", "工会业务", "维权帮扶"]

  public var categories: [String]
  /// Σ budget of core-duty projects and of all, over the projects in the
  /// duty → activity tree (scored or not: spending is spending).
  public var core: Double
  public var total: Double
  /// Core and total per unit.
  public var unitCore: [Double]
  public var unitTotal: [Double]

  public var share: Double? { total > 0 ? core / total : nil }

  /// `budgets`: the budgets to count (a scenario's), one per project.
  public init(
    _ dataset: Dataset, _ evaluation: Evaluation,
    categories: [String] = defaultCategories,
    budgets: [Double]? = nil
  ) {
    self.categories = categories
    let projects = dataset.projects
    let budget = budgets ?? projects.budget
    let labels = projects.category.values
    let isCore = labels.map { categories.contains($0) }
    var coreBudget = [Double](repeating: 0, count: projects.count)
    var counted = [Double](repeating: 0, count: projects.count)
    for p in 0..<projects.count where evaluation.status[p] != .excluded {
      counted[p] = budget[p]
      let c = Int(projects.category.codes[p])
      if c >= 0, isCore[c] { coreBudget[p] = budget[p] }
    }
    core = coreBudget.reduce(0, +)
    total = counted.reduce(0, +)
    unitCore = Segments.sums(
      coreBudget, groups: projects.unit, groupCount: dataset.units.count)
    unitTotal = Segments.sums(
      counted, groups: projects.unit, groupCount: dataset.units.count)
  }
}

/// What a scenario's budgets would do to performance under the response
/// model of `CostEffectiveness`: each scored project's score becomes
/// s′ = min(100, s · (b′/b)^ε); a cancelled project (b′ = 0) scores
/// nothing; a project without a budget keeps its score.
public struct ScenarioResponse: Sendable, Equatable {
  public var elasticity: Double
  public var budgetBefore = 0.0
  public var budgetAfter = 0.0
  /// Σ max(0, b′ − b) and Σ max(0, b − b′).
  public var raised = 0.0
  public var cut = 0.0
  /// Σ s and Σ s′ over the scored projects.
  public var pointsBefore = 0.0
  public var pointsAfter = 0.0
  /// Σ b s / Σ b and Σ b′ s′ / Σ b′.
  public var weightedBefore = 0.0
  public var weightedAfter = 0.0
  public var cancelled = 0

  /// Points gained per unit of money moved to raised projects; nil when
  /// nothing was raised.
  public var pointsPerMoneyMoved: Double? {
    raised > 0 ? (pointsAfter - pointsBefore) / raised : nil
  }

  public init(
    _ dataset: Dataset, _ evaluation: Evaluation, after: [Double],
    elasticity: Double
  ) {
    self.elasticity = elasticity
    let before = dataset.projects.budget
    var weighted = 0.0
    var weightedNew = 0.0
    for p in 0..<before.count where evaluation.status[p] == .scored {
      let s = evaluation.score[p]
      let b = before[p]
      let b2 = after[p]
      budgetBefore += b
      budgetAfter += b2
      raised += max(0, b2 - b)
      cut += max(0, b - b2)
      pointsBefore += s
      weighted += b * s
      let s2: Double
      if b2 <= 0 {
        s2 = 0
        cancelled += 1
      } else if b > 0 {
        s2 = min(100, s * Foundation.pow(b2 / b, elasticity))
      } else {
        s2 = s
      }
      pointsAfter += s2
      weightedNew += b2 * s2
    }
    weightedBefore = budgetBefore > 0 ? weighted / budgetBefore : 0
    weightedAfter = budgetAfter > 0 ? weightedNew / budgetAfter : 0
  }
}
