extension Units {
  /// Units in depth-first order (parents before children, siblings in file
  /// order) with each unit's depth; units caught in a parent cycle come
  /// last at depth 0.
  public func treeOrder() -> (order: [Int], depth: [Int]) {
    var children = [[Int]](repeating: [], count: count)
    var roots: [Int] = []
    for u in 0..<count {
      let p = Int(parent[u])
      if p >= 0 { children[p].append(u) } else { roots.append(u) }
    }
    var order: [Int] = []
    var depth = [Int](repeating: 0, count: count)
    var visited = [Bool](repeating: false, count: count)
    var stack: [(Int, Int)] = roots.reversed().map { ($0, 0) }
    while let (u, d) = stack.popLast() {
      guard !visited[u] else { continue }
      visited[u] = true
      depth[u] = d
      order.append(u)
      for c in children[u].reversed() { stack.append((c, d + 1)) }
    }
    for u in 0..<count where !visited[u] { order.append(u) }
    return (order, depth)
  }
}
