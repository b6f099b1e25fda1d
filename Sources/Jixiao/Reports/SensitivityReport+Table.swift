import Foundation

/// The table of `jixiao sensitivity --table`: a wide table's alternatives
/// under uncertain weights.
extension SensitivityReport {
  /// One row per alternative: its score and rank at the given weights,
  /// and the mean, SD, 5–95 % band of its score and the median and 5–95 %
  /// band of its rank over the draws (1 the best).
  public static func table(
    _ u: WeightUncertainty, ids: [String], base: [Double], criteria: [String],
    weights: [Double], weightNote: String, normalisations: [String],
    leftOut: [String] = [], language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "table_sensitivity",
      title: l("Scores and ranks under uncertain weights", "权重不确定下的得分与排名"),
      columns: [
        .init(l("alternative", "评价对象")),
        .init(l("score", "得分"), numeric: true),
        .init(l("rank", "排名"), numeric: true),
        .init(l("mean", "均值"), numeric: true),
        .init(l("SD", "标准差"), numeric: true),
        .init("P5", numeric: true), .init("P95", numeric: true),
        .init(l("rank median", "排名中位数"), numeric: true),
        .init(l("rank P5", "排名 P5"), numeric: true),
        .init(l("rank P95", "排名 P95"), numeric: true),
      ])
    let rank = Ranking.positions(base)
    for (i, id) in ids.enumerated() {
      table.append([
        .text(id), .number(base[i], decimals: 6),
        .number(rank[i], decimals: 1), .number(u.mean[i], decimals: 6),
        .number(u.deviation[i], decimals: 6), .number(u.p5[i], decimals: 6),
        .number(u.p95[i], decimals: 6), .number(u.rankMedian[i], decimals: 1),
        .number(u.rankP5[i], decimals: 1), .number(u.rankP95[i], decimals: 1),
      ])
    }
    let s = u.settings
    let perturbation = Self.perturbation(s.perturbation, l)
    let around = zip(criteria, weights).map {
      "\($0) \(String(format: "%.4f", $1))"
    }
    let aggregations = s.aggregations.map { l.method($0.name) }
    let scales = normalisations.map { l.method($0) }
    table.footnotes = [
      l(
        "\(s.draws) weight draws, seed \(s.seed), \(perturbation), around the weights "
          + "(\(l.method(weightNote))) \(around.joined(separator: ", ")); blocks of \(s.block) draws cycle "
          + "through \(aggregations.joined(separator: ", ")) × \(scales.joined(separator: ", ")). Score and rank: "
          + "the first of each at the weights. P5 and P95 from 256-bin histograms per alternative; ranks "
          + (u.exactRanks
            ? "exact (each draw sorted)."
            : "from \(s.rankBins) bins over 1…n."),
        "权重抽样 \(s.draws) 次，随机种子 \(s.seed)，\(perturbation)，基准权重（\(l.method(weightNote))）"
          + "\(around.joined(separator: "，"))；每 \(s.block) 次抽样轮换合成方法与标准化方法："
          + "\(aggregations.joined(separator: "，")) × \(scales.joined(separator: "，"))。得分与排名按各自第一种方法在基准权重下计算。"
          + "P5、P95 由每个对象 256 格直方图插值得到；排名"
          + (u.exactRanks ? "为精确值（逐次抽样排序）。" : "由 \(s.rankBins) 格直方图得到。"))
    ]
    let split = Self.drawsPerChoice(s, choices: normalisations.count)
    if split.count > 1 {
      table.footnotes.append(
        l(
          "Draws per choice, in that order: \(split.map(String.init).joined(separator: ", ")).",
          "各方法组合的抽样次数（按上述顺序）：\(split.map(String.init).joined(separator: "，"))。")
      )
    }
    if !leftOut.isEmpty {
      table.footnotes.append(
        l(
          "Left out of the draws, as their weight is 0: \(leftOut.joined(separator: ", ")).",
          "权重为 0、不参与抽样的指标：\(leftOut.joined(separator: "，"))。"))
    }
    return table
  }

  /// How many draws each choice (aggregation × normalisation, aggregations
  /// varying first) gets: block b of draws takes choice b mod count.
  static func drawsPerChoice(
    _ s: WeightUncertainty.Settings, choices normalisations: Int
  ) -> [Int] {
    let count = s.aggregations.count * normalisations
    var split = [Int](repeating: 0, count: count)
    var k = 0
    var b = 0
    while k < s.draws {
      split[b % count] += min(s.block, s.draws - k)
      k += s.block
      b += 1
    }
    return split
  }

  /// The settings of a table's run, so files and JSON keep them.
  public static func tableSettings(
    _ s: WeightUncertainty.Settings, criteria: [String], weights: [Double],
    weightNote: String, normalisations: [String], language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = WeightingReport.settings(
      name: "table_sensitivity_settings", criteria: criteria, weights: weights,
      language: language)
    let split = drawsPerChoice(s, choices: normalisations.count)
    let rows: [(String, String, String)] = [
      ("weights", "权重来源", l.method(weightNote)),
      ("draws", "抽样次数", "\(s.draws)"), ("seed", "随机种子", "\(s.seed)"),
      ("perturbation", "扰动方式", perturbation(s.perturbation, l)),
      (
        "aggregations", "合成方法",
        s.aggregations.map { l.method($0.name) }.joined(separator: ", ")
      ),
      (
        "normalisations", "标准化方法",
        normalisations.map { l.method($0) }.joined(separator: ", ")
      ),
      ("draws a block", "每块抽样次数", "\(s.block)"),
      (
        "draws per choice", "各组合抽样次数",
        split.map(String.init).joined(separator: ", ")
      ),
    ]
    for (english, chinese, value) in rows {
      table.append([.text(l(english, chinese)), .text(value)])
    }
    return table
  }

}
