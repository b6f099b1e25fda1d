/// The table of `jixiao weights --tree`: an indicator system's weights
/// per level and the effective weight of every indicator.
extension WeightingReport {
  /// One row per indicator, parents first: its level, its share among its
  /// siblings, its effective weight (the product of the shares on its path
  /// from the top; for a parent, the sum of its leaves'), its points where
  /// the file gave points, and whether it is a leaf.
  public static func tree(_ file: CriteriaFile.Tree, language: Language)
    -> ReportTable
  {
    let l = Labels(language: language)
    let nodes = file.tree.nodes
    var columns: [ReportTable.Column] = [
      .init(l("indicator", "指标")), .init(l("level", "级次"), numeric: true),
      .init(l("weight among siblings", "同级权重"), numeric: true),
      .init(l("effective weight", "综合权重"), numeric: true),
    ]
    if file.points != nil {
      columns.append(.init(l("points", "分值"), numeric: true))
    }
    columns.append(.init(l("leaf", "末级指标")))
    var table = ReportTable(
      name: "tree_weights", title: l("Indicator tree", "指标体系权重"),
      columns: columns)
    let leaves = Set(file.tree.leaves)
    var effective = [Double](repeating: 1, count: nodes.count)
    for (k, node) in nodes.enumerated() {
      // Parents come first, so a parent's product is ready.
      effective[k] =
        node.weight * (node.parent >= 0 ? effective[node.parent] : 1)
    }
    for (k, node) in nodes.enumerated() {
      var row: [ReportTable.Cell] = [
        .indented(node.name, depth: file.levels[k] - 1),
        .integer(file.levels[k]), .number(node.weight, decimals: 6),
        .number(effective[k], decimals: 6),
      ]
      if let points = file.points {
        row.append(.number(points[k], decimals: 2))
      }
      row.append(.text(leaves.contains(k) ? l("yes", "是") : ""))
      table.append(row)
    }
    table.footnotes = [
      l(
        "A leaf's effective weight is the product of the weights on its path from the top; the leaves' sum to 1.",
        "末级指标的综合权重为其各上级同级权重之积，末级指标综合权重之和为 1。")
    ]
    if file.points != nil {
      table.footnotes.append(
        l(
          "Read as points (分值): each weight among siblings is the indicator's points over its parent's.",
          "按分值读取：同级权重为该指标分值除以上级指标分值。"))
    }
    return table
  }
}
