import JixiaoNumerics

/// What a scored data set gives each unit for the efficiency analyses:
/// money in, performance out, and members.
///
/// Only projects in the duty → activity tree with a score count (status
/// `.scored`): excluded projects are not budgeted (seed §三(一)2), and a
/// project without a score has no output to set against its money.
public struct UnitFigures: Sendable {
  /// The quantities a unit can be measured by, as DEA inputs or outputs.
  public enum Measure: String, Sendable, CaseIterable {
    /// Σ budget of the unit's scored projects (money unit).
    case budget
    /// Σ executed amount (money unit).
    case executed
    /// Union members (units.csv `members`).
    case members
    /// Σ composite score of the scored projects: performance points.
    case points
    /// Number of projects graded 优 or 良.
    case good
    /// Number of scored projects.
    case projects

    /// The measure's name in tables: the option word in English, the
    /// usual term in Chinese.
    public func label(_ language: Language) -> String {
      guard language == .chinese else { return rawValue }
      switch self {
      case .budget: return "预算数"
      case .executed: return "执行数"
      case .members: return "会员数"
      case .points: return "绩效得分合计"
      case .good: return "优良项目数"
      case .projects: return "项目数"
      }
    }
  }

  public let unitCount: Int
  public var budget: [Double]
  public var executed: [Double]
  public var points: [Double]
  public var good: [Double]
  public var projects: [Double]
  /// nil where unknown (or when units.csv has no members column).
  public var members: [Double?]

  /// `budgets` replaces the projects' budgets (a scenario's), one per
  /// project; a budget of 0 drops the project.
  public init(
    _ dataset: Dataset, _ evaluation: Evaluation, budgets: [Double]? = nil
  ) {
    let n = dataset.projects.count
    let budgetOf = budgets ?? dataset.projects.budget
    var groups = [Int32](repeating: -1, count: n)
    var goodFlags = [Double](repeating: 0, count: n)
    var ones = [Double](repeating: 0, count: n)
    for p in 0..<n where evaluation.status[p] == .scored && budgetOf[p] > 0 {
      groups[p] = dataset.projects.unit[p]
      ones[p] = 1
      if let grade = evaluation.grade[p], grade <= .good { goodFlags[p] = 1 }
    }
    let count = dataset.units.count
    unitCount = count
    budget = Segments.sums(budgetOf, groups: groups, groupCount: count)
    executed = Segments.sums(
      dataset.projects.executed, groups: groups, groupCount: count)
    points = Segments.sums(evaluation.score, groups: groups, groupCount: count)
    good = Segments.sums(goodFlags, groups: groups, groupCount: count)
    projects = Segments.sums(ones, groups: groups, groupCount: count)
    members =
      dataset.units.members.isEmpty
      ? [Double?](repeating: nil, count: count) : dataset.units.members
  }

  /// The value of `measure` for unit u, nil when unknown.
  public func value(_ measure: Measure, of u: Int) -> Double? {
    switch measure {
    case .budget: budget[u]
    case .executed: executed[u]
    case .members: members[u]
    case .points: points[u]
    case .good: good[u]
    case .projects: projects[u]
    }
  }

  /// The DEA data of the units that have scored projects and every measure
  /// known, with the units left out and why.
  /// `level`: only units of that level (units.csv `level`), since a
  /// province federation and a grassroots union are rarely comparable.
  public func deaData(
    _ dataset: Dataset, inputs: [Measure], outputs: [Measure],
    level: String? = nil, language: Language = .english
  ) throws(EfficiencyError) -> (
    data: DEAData, units: [Int], leftOut: [(Int, String)]
  ) {
    var kept: [Int] = []
    var leftOut: [(Int, String)] = []
    var xs: [[Double]] = []
    var ys: [[Double]] = []
    if let level, !dataset.units.level.values.contains(level) {
      let known = dataset.units.level.values.filter { !$0.isEmpty }
      throw .badSettings(
        "no unit has level \(level); the levels are "
          + known.joined(separator: ", "))
    }
    for u in 0..<unitCount where projects[u] > 0 {
      if let level, dataset.units.level[u] != level { continue }
      let x = inputs.map { value($0, of: u) }
      let y = outputs.map { value($0, of: u) }
      if let missing = (inputs + outputs).first(where: {
        value($0, of: u) == nil
      }) {
        leftOut.append((u, "no \(missing.rawValue) given"))
        continue
      }
      let xv = x.compactMap { $0 }
      guard xv.contains(where: { $0 > 0 }) else {
        leftOut.append((u, "every input is 0"))
        continue
      }
      kept.append(u)
      xs.append(xv)
      ys.append(y.compactMap { $0 })
    }
    guard !kept.isEmpty else {
      throw .badData(
        "no unit\(level.map { " of level \($0)" } ?? "") has a scored project with every measure known"
      )
    }
    let data = try DEAData(
      units: kept.map { dataset.units.ids[$0] },
      inputNames: inputs.map { $0.label(language) },
      outputNames: outputs.map { $0.label(language) },
      inputs: xs, outputs: ys)
    return (data, kept, leftOut)
  }
}
