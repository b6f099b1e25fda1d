import Foundation

/// A transfer to lower-level unions by formula (因素法, 上级补助;
/// docs/transfers.md), with the balance of financial capacity before and
/// after, and beside an equal split per member of the same total.
///
/// The recipients are the units of one level. For recipient i with m_i
/// members, own funds F_i (the budgets of its own projects in the duty →
/// activity tree, as `FundsBalance` counts them) and capacity
/// c_i = F_i / m_i, the factors are
///
///     members        f = m_i
///     payroll        f = payroll_i
///     performance    f = m_i × points(grade_i)   or   m_i × s_i / 100
///     equalisation   f = m_i × max(0, c* − c_i),  c* = Σ F / Σ m by default
///
/// each turned into a share f_k,i / Σ_j f_k,j, and
///
///     transfer_i = T × Σ_k w_k share_k,i,      Σ_i transfer_i = T.
///
/// s_i is the budget-weighted mean score of the unit's own scored projects
/// (Σ b s / Σ b; projects with budget 0 weigh nothing), and grade_i the
/// grade s_i earns under the scheme's cut-offs; a unit without a scored
/// project with a budget gets the formula's neutral score. A factor that
/// is 0 for every recipient (no unit below the target, say) cannot share
/// anything: its weight goes to the other weighted factors in proportion
/// to theirs, and `redistributed` names it.
///
/// Capacity after is (F_i + transfer_i) / m_i; the equal split gives
/// T × m_i / Σ m. The balance indices (`Balance`) weight each recipient by
/// its members and split Theil's T by region.
public struct Transfers: Sendable {
  /// The spread of capacity per member over the recipients.
  public struct Spread: Sendable {
    /// nil when every capacity is 0 (nothing is spread).
    public var balance: Balance?
    /// Theil's T within and between regions; nil with one region.
    public var split: Balance.Decomposition?
  }

  public let formula: TransferFormula
  /// The recipients' level.
  public let level: String
  /// The recipients, as unit indices in units.csv order.
  public var units: [Int] = []
  public var members: [Double] = []
  /// nil where unknown (or with no payroll column).
  public var payroll: [Double?] = []
  /// Budget-weighted mean score of the unit's own scored projects; nil
  /// when it has none with a budget.
  public var score: [Double?] = []
  /// Scored projects of the unit with a budget.
  public var scoredProjects: [Int] = []
  /// The score the performance factor uses: `score`, or the neutral score;
  /// nil when neither is known.
  public var scoreUsed: [Double?] = []
  /// The grade of `scoreUsed`.
  public var grade: [Grade?] = []
  /// F_i, own funds (money unit).
  public var ownFunds: [Double] = []
  /// c_i = F_i / m_i (money unit per member).
  public var capacityBefore: [Double] = []
  /// c*, the equalisation target used (money unit per member).
  public var target = 0.0
  /// share_k,i per factor, in `Factor.allCases` order; nil where the
  /// factor's data is missing or 0 for every recipient.
  public var shares: [[Double]?] = []
  /// The weights applied, in `Factor.allCases` order, after moving the
  /// weight of factors that are 0 everywhere.
  public var appliedWeights: [Double] = []
  /// Weighted factors that were 0 for every recipient.
  public var redistributed: [TransferFormula.Factor] = []
  /// transfer_i (money unit).
  public var transfer: [Double] = []
  /// (F_i + transfer_i) / m_i.
  public var capacityAfter: [Double] = []
  /// T × m_i / Σ m: the same total shared by members alone.
  public var equalTransfer: [Double] = []
  /// (F_i + equalTransfer_i) / m_i.
  public var capacityEqual: [Double] = []
  public var before = Spread()
  public var after = Spread()
  public var equal = Spread()

  /// Shares `formula.total` over the units of the formula's level.
  ///
  /// - Throws: `AllocationError.badSettings` for settings out of range or
  ///   an unknown level; `.badData` when a weighted factor's data is
  ///   missing (naming the units.csv column and the units), when a
  ///   recipient has no members, or when every weighted factor is 0.
  /// - Complexity: O(projects + units), plus O(n log n) for the Gini of n
  ///   recipients.
  public init(
    _ dataset: Dataset, _ evaluation: Evaluation, formula: TransferFormula
  ) throws(AllocationError) {
    try formula.validate()
    self.formula = formula
    let all = dataset.units
    let level: String
    if let given = formula.level {
      level = given
    } else {
      level = try Self.defaultLevel(all)
    }
    self.level = level
    units = try Self.recipients(all, level: level)
    try Self.checkMembers(all, units)
    members = units.map { all.members[$0] ?? 0 }
    payroll = units.map { all.payroll.isEmpty ? nil : all.payroll[$0] }

    let funds = FundsBalance.ownFunds(dataset, evaluation)
    ownFunds = units.map { funds[$0] }
    capacityBefore = zip(ownFunds, members).map { $0 / $1 }
    let totalMembers = members.reduce(0, +)
    target = formula.target ?? ownFunds.reduce(0, +) / totalMembers

    let (unitScore, unitCount) = Self.unitScores(dataset, evaluation)
    score = units.map { unitScore[$0] }
    scoredProjects = units.map { unitCount[$0] }
    scoreUsed = score.map { $0 ?? formula.neutralScore }
    grade = scoreUsed.map { $0.map(dataset.scheme.grade(forScore:)) }

    let values = try factorValues(dataset)
    shares = values.map { f in
      guard let f else { return nil }
      let sum = f.reduce(0, +)
      return sum > 0 ? f.map { $0 / sum } : nil
    }
    try applyWeights(values)
    let combined = units.indices.map { i in
      zip(appliedWeights, shares).reduce(0.0) { sum, factor in
        sum + factor.0 * (factor.1?[i] ?? 0)
      }
    }
    // Σ combined is 1 up to rounding; dividing by it makes Σ transfer = T
    // to the last bits whatever the number of recipients.
    let sum = combined.reduce(0, +)
    transfer = combined.map { formula.total * $0 / sum }
    equalTransfer = members.map { formula.total * $0 / totalMembers }
    capacityAfter = units.indices.map {
      (ownFunds[$0] + transfer[$0]) / members[$0]
    }
    capacityEqual = units.indices.map {
      (ownFunds[$0] + equalTransfer[$0]) / members[$0]
    }
    let regions = units.map { all.region[$0] }
    before = Self.spread(capacityBefore, members, regions)
    after = Self.spread(capacityAfter, members, regions)
    equal = Self.spread(capacityEqual, members, regions)
  }

  /// The default recipients' level: the level most of the roots' children
  /// with members have (ties: the first in units.csv order); when none has
  /// members, that of most of the roots' children.
  ///
  /// - Throws: `.badData` when units.csv has no level column or no unit
  ///   has a parent.
  public static func defaultLevel(_ units: Units) throws(AllocationError)
    -> String
  {
    guard units.level.values.contains(where: { !$0.isEmpty }) else {
      throw .badData(
        "units.csv has no level column; the recipients are the units of one level"
      )
    }
    let children = (0..<units.count).filter { u in
      let p = Int(units.parent[u])
      return p >= 0 && units.parent[p] < 0 && !units.level[u].isEmpty
    }
    let hasMembers = { (u: Int) in
      !units.members.isEmpty && (units.members[u] ?? 0) > 0
    }
    let counted = children.filter(hasMembers)
    let candidates = counted.isEmpty ? children : counted
    var tally: [String: Int] = [:]
    var order: [String] = []
    for u in candidates {
      let level = units.level[u]
      if tally[level] == nil { order.append(level) }
      tally[level, default: 0] += 1
    }
    // The first level in units.csv order among those held most often.
    let most = tally.values.max()
    guard let level = order.first(where: { tally[$0] == most }) else {
      throw .badData(
        "no unit has a parent, so there is no level below the roots; give the level"
      )
    }
    return level
  }

  private static func recipients(_ units: Units, level: String)
    throws(AllocationError) -> [Int]
  {
    let list = (0..<units.count).filter { units.level[$0] == level }
    guard !list.isEmpty else {
      let known = units.level.values.filter { !$0.isEmpty }
      throw .badSettings(
        "no unit has level \(level); the levels are "
          + known.joined(separator: ", "))
    }
    return list
  }

  /// Every recipient needs members > 0: capacity is funds per member.
  private static func checkMembers(_ units: Units, _ list: [Int])
    throws(AllocationError)
  {
    guard !units.members.isEmpty else {
      throw .badData(
        "units.csv has no members column; the formula needs the members of "
          + "every recipient (capacity is funds per member)")
    }
    let missing = list.filter { (units.members[$0] ?? 0) <= 0 }
    guard missing.isEmpty else {
      throw .badData(
        "\(missing.count) recipient(s) have no members (units.csv members empty or 0): "
          + names(units, missing)
          + "; give their members, or choose another level")
    }
  }

  static func names(_ units: Units, _ list: [Int]) -> String {
    list.prefix(5).map { u in
      // The line in units.csv, where the data set was read from a file.
      u < units.line.count
        ? "\(units.ids[u]) (line \(units.line[u]))" : units.ids[u]
    }.joined(separator: ", ")
      + (list.count > 5 ? ", …" : "")
  }

  /// Per unit: Σ b s / Σ b over its own scored projects with a budget
  /// (nil when it has none), and how many there are.
  static func unitScores(_ dataset: Dataset, _ evaluation: Evaluation)
    -> ([Double?], [Int])
  {
    let n = dataset.units.count
    var weighted = [Double](repeating: 0, count: n)
    var budget = [Double](repeating: 0, count: n)
    var count = [Int](repeating: 0, count: n)
    let projects = dataset.projects
    for p in 0..<projects.count
    where evaluation.status[p] == .scored && projects.budget[p] > 0 {
      let u = Int(projects.unit[p])
      weighted[u] += projects.budget[p] * evaluation.score[p]
      budget[u] += projects.budget[p]
      count[u] += 1
    }
    let score = (0..<n).map { budget[$0] > 0 ? weighted[$0] / budget[$0] : nil }
    return (score, count)
  }

  /// f_k,i per factor, nil where the data is missing and the factor is not
  /// weighted.
  private func factorValues(_ dataset: Dataset) throws(AllocationError)
    -> [[Double]?]
  {
    var values: [[Double]?] = []
    for factor in TransferFormula.Factor.allCases {
      let weighted = formula.weight(factor) > 0
      switch factor {
      case .members:
        values.append(members)
      case .payroll:
        let missing = units.indices.filter { payroll[$0] == nil }
        if missing.isEmpty {
          values.append(payroll.map { $0 ?? 0 })
        } else if !weighted {
          values.append(nil)
        } else if dataset.units.payroll.isEmpty {
          throw .badData(
            "the payroll weight is \(Diagnostic.number(formula.weight(.payroll))), "
              + "but units.csv has no payroll column (职工工资总额); add it "
              + "(docs/format.md) or give payroll the weight 0")
        } else {
          throw .badData(
            "the payroll weight is \(Diagnostic.number(formula.weight(.payroll))), "
              + "but \(missing.count) recipient(s) have no payroll (units.csv payroll "
              + "empty): \(Self.names(dataset.units, missing.map { units[$0] })); "
              + "give it or give payroll the weight 0")
        }
      case .performance:
        values.append(try performanceValues(dataset, weighted: weighted))
      case .equalisation:
        values.append(
          units.indices.map {
            members[$0] * max(0, target - capacityBefore[$0])
          })
      }
    }
    return values
  }

  private func performanceValues(_ dataset: Dataset, weighted: Bool)
    throws(AllocationError) -> [Double]?
  {
    let unscored = units.indices.filter { score[$0] == nil }
    if weighted, unscored.count == units.count {
      throw .badData(
        "the performance weight is \(Diagnostic.number(formula.weight(.performance))), "
          + "but no unit of level \(level) has a scored project with a budget "
          + "(projects.csv, indicators.csv); give performance the weight 0")
    }
    if unscored.contains(where: { scoreUsed[$0] == nil }) {
      guard !weighted else {
        throw .badData(
          "\(unscored.count) recipient(s) have no scored project with a budget "
            + "and there is no neutral score: "
            + Self.names(dataset.units, unscored.map { units[$0] })
            + "; give a neutral score or give performance the weight 0")
      }
      return nil
    }
    return units.indices.map { i in
      let s = scoreUsed[i] ?? 0
      switch formula.performance {
      case .score:
        return members[i] * s / 100
      case .grade:
        let points = grade[i].map { formula.gradePoints[$0] ?? 0 } ?? 0
        return members[i] * points
      }
    }
  }

  /// The weights, with those of factors 0 for every recipient moved to the
  /// others in proportion: w′_k = w_k / (1 − Σ_zero w).
  private mutating func applyWeights(_ values: [[Double]?])
    throws(AllocationError)
  {
    let factors = TransferFormula.Factor.allCases
    var lost = 0.0
    for (k, factor) in factors.enumerated() where formula.weight(factor) > 0 {
      if shares[k] == nil {
        redistributed.append(factor)
        lost += formula.weight(factor)
      }
    }
    let kept = 1 - lost
    guard kept > 1e-12 else {
      throw .badData(
        "every weighted factor ("
          + redistributed.map(\.rawValue).joined(separator: ", ")
          + ") is 0 for every recipient of level \(level); nothing can be "
          + "shared by them: weight members as well")
    }
    appliedWeights = factors.enumerated().map { k, factor in
      shares[k] == nil ? 0 : formula.weight(factor) / kept
    }
  }

  private static func spread(
    _ values: [Double], _ weights: [Double], _ regions: [String]
  ) -> Spread {
    guard let balance = try? Balance(values: values, weights: weights) else {
      return Spread()
    }
    let split =
      Set(regions).count > 1
      ? try? Balance.decompose(
        values: values, weights: weights, groups: regions) : nil
    return Spread(balance: balance, split: split)
  }
}
