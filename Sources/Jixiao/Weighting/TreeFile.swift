import Foundation

extension CriteriaFile {
  /// An indicator system (指标体系) read from a file, nodes ordered
  /// parents first (depth first, siblings in file order).
  public struct Tree: Sendable {
    public var tree: IndicatorTree
    /// Each node's depth, 1 for a top-level indicator.
    public var levels: [Int]
    /// The points of each node when the file gave points (分值), else nil.
    public var points: [Double]?
  }

  /// How close sibling shares must sum to 1, and a parent's points to its
  /// children's, relative to the larger.
  public static let treeTolerance = 1e-9

  /// Reads an indicator tree: one row per indicator with its name, its
  /// parent's name (empty at the top level) and its weight, in the first
  /// three columns (a header such as indicator,parent,weight or
  /// 指标,上级指标,权重). Rows may come in any order.
  ///
  /// The weights are either shares, each set of siblings summing to 1, or
  /// points (分值) as in a self-evaluation table: each parent's points are
  /// the sum of its children's, and a leaf's effective weight is its
  /// points over the top level's total. Anything else is an error that
  /// names the parent and its line.
  public static func tree(_ path: String) throws(InputError) -> Tree {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: path, log: &log)
    try log.throwIfErrors()
    try table.checkSeparator()
    guard table.header.count >= 3 else {
      throw InputError(
        Diagnostic(
          .error, file: path, line: 1,
          "the tree needs three columns: indicator, parent and weight.",
          help:
            "Write a header such as indicator,parent,weight and one row per indicator, the parent empty at the top level."
        ))
    }
    guard table.recordCount > 0 else {
      throw InputError(
        Diagnostic(
          .error, file: path, "the tree has no rows.",
          help: "Add one row per indicator."))
    }
    let m = table.recordCount
    var names: [String] = []
    var parentNames: [String] = []
    var weights: [Double] = []
    var index: [String: Int] = [:]
    for r in 0..<m {
      let name = table.text(r, 0).trimmingCharacters(in: .whitespaces)
      let parent = table.text(r, 1).trimmingCharacters(in: .whitespaces)
      if name.isEmpty {
        log.append(
          table.diagnostic(
            .error, record: r, column: 0, "the indicator has no name.",
            help: "Name every indicator."))
      } else if let first = index[name] {
        log.append(
          table.diagnostic(
            .error, record: r, column: 0,
            "\"\(name)\" is also the indicator on line \(table.line(ofRecord: first)).",
            help: "Give each indicator one row and its own name."))
      } else {
        index[name] = r
      }
      let weight = table.recordView(r).readNumber(2, what: "weight", log: &log)
      if let weight, weight < 0 {
        log.append(
          table.diagnostic(
            .error, record: r, column: 2,
            "the weight \(Diagnostic.number(weight)) is below 0.",
            help: "Give each indicator a weight of 0 or more."))
      }
      names.append(name)
      parentNames.append(parent)
      weights.append(weight ?? 0)
    }
    try log.throwIfErrors()
    var parent = [Int](repeating: -1, count: m)
    for r in 0..<m where !parentNames[r].isEmpty {
      if let p = index[parentNames[r]] {
        parent[r] = p
      } else {
        log.append(
          table.diagnostic(
            .error, record: r, column: 1,
            "the parent \"\(parentNames[r])\" is not an indicator of the file.",
            help:
              "Name a parent that has a row of its own, or leave it empty at the top level."
          ))
      }
    }
    try log.throwIfErrors()
    // Depth first from the top level, siblings in file order; a node never
    // reached sits on a loop of parents.
    var children = [[Int]](repeating: [], count: m)
    for r in 0..<m where parent[r] >= 0 { children[parent[r]].append(r) }
    let top = (0..<m).filter { parent[$0] < 0 }
    var order: [Int] = []
    var level = [Int](repeating: 0, count: m)
    // With a stack of its own, not recursion: a chain of 100,000 levels
    // would overflow the thread's stack.
    var stack: [(node: Int, depth: Int)] = top.reversed().map { ($0, 1) }
    while let (r, depth) = stack.popLast() {
      order.append(r)
      level[r] = depth
      for c in children[r].reversed() { stack.append((c, depth + 1)) }
    }
    if order.count < m {
      let reached = Set(order)
      let first = (0..<m).first { !reached.contains($0) } ?? 0
      throw InputError(
        table.diagnostic(
          .error, record: first, column: 1,
          "the parents of \(names[first]) lead back to it, never to the top level.",
          help:
            "Every chain of parents must end at an indicator whose parent is empty."
        ))
    }
    // Shares, or points? Shares when every set of siblings sums to 1.
    func close(_ a: Double, _ b: Double) -> Bool {
      abs(a - b) <= treeTolerance * max(1, abs(a), abs(b))
    }
    let groups = [-1] + (0..<m).filter { !children[$0].isEmpty }
    // The top level is found once: every node of a flat tree asks for it.
    func members(_ g: Int) -> [Int] { g < 0 ? top : children[g] }
    func sum(_ g: Int) -> Double { members(g).reduce(0) { $0 + weights[$1] } }
    let shares = groups.allSatisfy { close(sum($0), 1) }
    let summed = groups.allSatisfy { g in g < 0 || close(sum(g), weights[g]) }
    var local = weights
    var points: [Double]?
    if !shares {
      // The faults, read by the convention the top level suggests: shares
      // when it sums to 1, points otherwise.
      let help =
        "Give shares (the weights of each set of siblings sum to 1) or points (each indicator's points are the sum of those under it)."
      let childShares = groups.allSatisfy { g in g < 0 || close(sum(g), 1) }
      if !summed, childShares {
        log.append(
          Diagnostic(
            .error, file: path, line: 1,
            "the top-level weights sum to \(Self.sum(sum(-1))), not 1.",
            help: help))
      } else if !summed {
        let readAsShares = close(sum(-1), 1)
        for g in groups where g >= 0 {
          let total = sum(g)
          if readAsShares, !close(total, 1) {
            log.append(
              table.diagnostic(
                .error, record: g, column: 2,
                "the weights under \(names[g]) sum to \(Self.sum(total)), not 1.",
                help: help))
          } else if !readAsShares, !close(total, weights[g]) {
            log.append(
              table.diagnostic(
                .error, record: g, column: 2,
                "the points under \(names[g]) sum to \(Self.sum(total)), but \(names[g]) has \(Diagnostic.number(weights[g])).",
                help: help))
          }
        }
      }
      let total = members(-1).reduce(0) { $0 + weights[$1] }
      if !(total > 0) {
        log.append(
          Diagnostic(
            .error, file: path, line: 1,
            "the top-level indicators have no points.",
            help: "Give the top level points above 0, or shares that sum to 1.")
        )
      }
      try log.throwIfErrors()
      // A node's share among its siblings is its points over its parent's;
      // under a parent of 0 points every child is 0 too, so they share
      // equally (their effective weight is 0 all the same).
      for r in 0..<m {
        let whole = parent[r] < 0 ? total : weights[parent[r]]
        let siblings =
          parent[r] < 0 ? members(-1).count : children[parent[r]].count
        local[r] = whole > 0 ? weights[r] / whole : 1 / Double(siblings)
      }
      points = order.map { weights[$0] }
    }
    var position = [Int](repeating: 0, count: m)
    for (k, r) in order.enumerated() { position[r] = k }
    let nodes = order.map { r in
      IndicatorTree.Node(
        name: names[r], parent: parent[r] < 0 ? -1 : position[parent[r]],
        weight: local[r])
    }
    do {
      return Tree(
        tree: try IndicatorTree(nodes), levels: order.map { level[$0] },
        points: points)
    } catch {
      throw InputError(
        Diagnostic(.error, file: path, "\(error).", help: ""))
    }
  }

  /// A sum for a message, to 10 significant digits: 0.6 + 0.3 prints as
  /// 0.9, not 0.8999999999999999.
  static func sum(_ value: Double) -> String {
    Diagnostic.number(Double(String(format: "%.10g", value)) ?? value)
  }
}
