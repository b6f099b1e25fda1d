import JixiaoNumerics

/// Scores rolled up from projects to activities, duties and units.
///
/// The mean score of a group is weighted by budget (DOMAIN.md §2 [D]):
/// `Σ budget·score / Σ budget` over the group's scored projects. Projects
/// outside the tree, unrated ones and those without applicable rows are
/// left out and counted apart. Each roll-up is a segment sum over an index
/// array (a sparse 0/1 matrix times a vector), never a lookup per row.
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
  public var ids: [String]
  public var names: [String]
  /// Scored projects in the group.
  public var scoredCount: [Int]
  /// Budget and executed amount of the scored projects.
  public var budget: [Double]
  public var executed: [Double]
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
    var groupOf = [Int32](repeating: -1, count: n)
    switch level {
    case .activity:
      ids = dataset.activities.ids
      names = dataset.activities.names
      groupOf = projects.activity
    case .duty:
      ids = dataset.duties.ids
      names = dataset.duties.names
      for p in 0..<n where projects.activity[p] >= 0 {
        groupOf[p] = dataset.activities.duty[Int(projects.activity[p])]
      }
    case .unit, .unitTree:
      ids = dataset.units.ids
      names = dataset.units.names
      groupOf = projects.unit
    }
    self.level = level
    // Only scored, in-tree projects count.
    for p in 0..<n where evaluation.status[p] != .scored { groupOf[p] = -1 }

    let groupCount = ids.count
    let weighted = (0..<n).map { projects.budget[$0] * evaluation.score[$0] }
    var budgetSum = Segments.sums(
      projects.budget, groups: groupOf, groupCount: groupCount)
    var executedSum = Segments.sums(
      projects.executed, groups: groupOf, groupCount: groupCount)
    var weightedSum = Segments.sums(
      weighted, groups: groupOf, groupCount: groupCount)
    var counts = Segments.counts(groups: groupOf, groupCount: groupCount)
    var grades = [[Int]](
      repeating: [Int](repeating: 0, count: Grade.allCases.count),
      count: groupCount)
    for p in 0..<n where groupOf[p] >= 0 {
      if let grade = evaluation.grade[p] {
        grades[Int(groupOf[p])][grade.rawValue] += 1
      }
    }

    if level == .unitTree {
      // Add each unit's totals to all its ancestors, deepest units first.
      let order = Self.deepestFirst(dataset.units.parent)
      for u in order {
        let parent = Int(dataset.units.parent[u])
        guard parent >= 0 else { continue }
        budgetSum[parent] += budgetSum[u]
        executedSum[parent] += executedSum[u]
        weightedSum[parent] += weightedSum[u]
        counts[parent] += counts[u]
        for g in 0..<Grade.allCases.count { grades[parent][g] += grades[u][g] }
      }
    }
    scoredCount = counts
    budget = budgetSum
    executed = executedSum
    meanScore = (0..<groupCount).map { g in
      budgetSum[g] > 0 ? weightedSum[g] / budgetSum[g] : nil
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
