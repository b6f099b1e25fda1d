import JixiaoNumerics

/// Scores rolled up from projects to activities, duties and units.
///
/// A group's projects, budget and executed amount count every project in
/// it; its score is the budget-weighted mean over its *scored* projects
/// (docs/domain.md §2 [D]): `Σ budget·score / Σ budget`. Projects outside the
/// tree, unrated ones and those without applicable rows have no score, so
/// `scoredCount` can be smaller than `projectCount`. Each roll-up is a
/// segment sum over an index array (a sparse 0/1 matrix times a vector),
/// never a lookup per row.
public struct Rollup: Sendable {
  /// What the groups are.
  public enum Level: String, Sendable, CaseIterable {
    case activity
    case duty
    /// Each unit's own projects.
    case unit
    /// Each unit with all units below it.
    case unitTree
  }

  public var level: Level
  public var ids: TextColumn
  public var names: TextColumn
  /// All projects in the group, scored or not.
  public var projectCount: [Int]
  /// Budget and executed amount of all projects in the group.
  public var budget: [Double]
  public var executed: [Double]
  /// Projects in the group with a score that counts (status `scored`).
  public var scoredCount: [Int]
  /// Budget of the scored projects: the weights of the mean score.
  public var scoredBudget: [Double]
  /// Budget-weighted mean score; nil when the group has no scored budget.
  public var meanScore: [Double?]
  /// Scored projects per grade (best first) for each group.
  public var gradeCounts: [[Int]]

  public var count: Int { ids.count }

  /// Rolls an evaluation up to one level.
  ///
  /// - Complexity: O(projects + groups), plus the tree depth for `unitTree`.
  public init(_ evaluation: Evaluation, of dataset: Dataset, level: Level) {
    let projects = dataset.projects
    let n = projects.count
    var member = [Int32](repeating: -1, count: n)
    switch level {
    case .activity:
      ids = dataset.activities.ids
      names = dataset.activities.names
      member = projects.activity
    case .duty:
      ids = dataset.duties.ids
      names = dataset.duties.names
      for p in 0..<n where projects.activity[p] >= 0 {
        member[p] = dataset.activities.duty[Int(projects.activity[p])]
      }
    case .unit, .unitTree:
      ids = dataset.units.ids
      names = dataset.units.names
      member = projects.unit
    }
    self.level = level
    var scored = member
    for p in 0..<n where evaluation.status[p] != .scored { scored[p] = -1 }

    let groups = ids.count
    let weighted = (0..<n).map { projects.budget[$0] * evaluation.score[$0] }
    var sums = [
      Segments.sums(projects.budget, groups: member, groupCount: groups),
      Segments.sums(projects.executed, groups: member, groupCount: groups),
      Segments.sums(projects.budget, groups: scored, groupCount: groups),
      Segments.sums(weighted, groups: scored, groupCount: groups),
    ]
    var counts = [
      Segments.counts(groups: member, groupCount: groups),
      Segments.counts(groups: scored, groupCount: groups),
    ]
    var grades = [[Int]](
      repeating: [Int](repeating: 0, count: Grade.allCases.count),
      count: groups)
    for p in 0..<n where scored[p] >= 0 {
      if let grade = evaluation.grade[p] {
        grades[Int(scored[p])][grade.rawValue] += 1
      }
    }

    if level == .unitTree {
      // Add each unit's totals to its parent, deepest units first, so
      // every unit ends up with the totals of its whole subtree.
      for u in Self.deepestFirst(dataset.units.parent) {
        let parent = Int(dataset.units.parent[u])
        guard parent >= 0 else { continue }
        for k in sums.indices { sums[k][parent] += sums[k][u] }
        for k in counts.indices { counts[k][parent] += counts[k][u] }
        for g in 0..<Grade.allCases.count { grades[parent][g] += grades[u][g] }
      }
    }
    budget = sums[0]
    executed = sums[1]
    scoredBudget = sums[2]
    projectCount = counts[0]
    scoredCount = counts[1]
    meanScore = (0..<groups).map { g in
      sums[2][g] > 0 ? sums[3][g] / sums[2][g] : nil
    }
    gradeCounts = grades
  }

  /// Unit indices ordered so that every unit comes before its parent.
  static func deepestFirst(_ parent: [Int32]) -> [Int] {
    var depth = [Int](repeating: -1, count: parent.count)
    func depthOf(_ u: Int) -> Int {
      var chain: [Int] = []
      var node = u
      // Iterative walk; a cycle (reported by the loader) is cut at 0.
      while node >= 0, depth[node] < 0, !chain.contains(node) {
        chain.append(node)
        node = Int(parent[node])
      }
      var d = node >= 0 && depth[node] >= 0 ? depth[node] : -1
      for visited in chain.reversed() {
        d += 1
        depth[visited] = d
      }
      return depth[u]
    }
    for u in parent.indices where depth[u] < 0 { _ = depthOf(u) }
    return parent.indices.sorted { depth[$0] > depth[$1] }
  }
}
