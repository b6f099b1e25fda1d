/// An indicator system of any depth (指标体系): each node has a weight
/// among its siblings; a leaf's effective weight is the product of the
/// weights on its path from the root, and a node's score the weighted
/// sum of its children's.
public struct IndicatorTree: Sendable, Equatable {
  public struct Node: Sendable, Equatable {
    public var name: String
    /// Index of the parent, −1 for a top-level node.
    public var parent: Int
    /// Weight among its siblings.
    public var weight: Double

    public init(name: String, parent: Int, weight: Double) {
      self.name = name
      self.parent = parent
      self.weight = weight
    }
  }

  public var nodes: [Node]
  /// Leaves in the order their values are given.
  public let leaves: [Int]

  /// - Throws: `WeightingError` when a parent comes after its child or
  ///   does not exist, a weight is negative, or the weights of a set of
  ///   siblings do not sum to 1 (to 1e-9); it names the parent.
  public init(_ nodes: [Node]) throws(WeightingError) {
    var sums: [Int: Double] = [:]
    var hasChild = [Bool](repeating: false, count: nodes.count)
    for (k, node) in nodes.enumerated() {
      guard node.parent < k, node.parent >= -1 else {
        throw .shape(
          "node \(node.name) names parent \(node.parent + 1), which does not come before it"
        )
      }
      guard node.weight.isFinite, node.weight >= 0 else {
        throw .badValue(
          "node \(node.name) has weight \(Diagnostic.number(node.weight))")
      }
      sums[node.parent, default: 0] += node.weight
      if node.parent >= 0 { hasChild[node.parent] = true }
    }
    for (parent, total) in sums where abs(total - 1) > 1e-9 {
      let under =
        parent < 0 ? "the top level" : "the children of \(nodes[parent].name)"
      throw .badValue(
        "the weights of \(under) sum to \(Diagnostic.number(total)); they must sum to 1"
      )
    }
    self.nodes = nodes
    leaves = nodes.indices.filter { !hasChild[$0] }
  }

  /// Each leaf's effective weight, in `leaves` order; they sum to 1.
  public var effectiveWeights: [Double] {
    leaves.map { leaf in
      var w = 1.0
      var k = leaf
      while k >= 0 {
        w *= nodes[k].weight
        k = nodes[k].parent
      }
      return w
    }
  }

  /// Every node's score from the leaves' values (one per leaf, in
  /// `leaves` order), children before parents summed up.
  public func scores(leafValues: [Double]) throws(WeightingError) -> [Double] {
    guard leafValues.count == leaves.count else {
      throw .shape("\(leafValues.count) values for \(leaves.count) leaves")
    }
    var score = [Double](repeating: 0, count: nodes.count)
    for (k, leaf) in leaves.enumerated() { score[leaf] = leafValues[k] }
    for k in nodes.indices.reversed() where nodes[k].parent >= 0 {
      score[nodes[k].parent] += nodes[k].weight * score[k]
    }
    return score
  }
}
