import Foundation

/// The tables of `jixiao sensitivity`.
public enum SensitivityReport {
  /// One row per project analysed.
  public static func projects(
    _ r: DimensionSensitivity, _ dataset: Dataset, _ evaluation: Evaluation,
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    let u = r.uncertainty
    var table = ReportTable(
      name: "sensitivity",
      title: l("Scores under uncertain weights", "权重不确定下的得分"),
      columns: [
        .init(l("project", "项目编号")), .init(l("name", "项目名称")),
        .init(l("score", "得分"), numeric: true), .init(l("grade", "等级")),
        .init(l("mean", "均值"), numeric: true),
        .init(l("SD", "标准差"), numeric: true),
        .init("P5", numeric: true), .init("P95", numeric: true),
      ]
        + r.grades.map { .init("P(\($0.label(language)))", numeric: true) }
        + [
          .init(
            l(
              "P(< \(Diagnostic.number(u.settings.threshold)))",
              "P(< \(Diagnostic.number(u.settings.threshold)))"), numeric: true),
          .init(l("rank median", "排名中位数"), numeric: true),
          .init(l("rank P5", "排名 P5"), numeric: true),
          .init(l("rank P95", "排名 P95"), numeric: true),
        ])
    let g = r.grades.count
    for (i, p) in r.projects.enumerated() {
      table.append(
        [
          .text(dataset.projects.ids[p]), .text(dataset.projects.names[p]),
          .number(evaluation.score[p], decimals: 2),
          l.grade(evaluation.grade[p]),
          .number(u.mean[i], decimals: 2), .number(u.deviation[i], decimals: 3),
          .number(u.p5[i], decimals: 2), .number(u.p95[i], decimals: 2),
        ]
          + (0..<g).map { .number(u.gradeShare[i * g + $0], decimals: 3) }
          + [
            .number(u.belowThreshold[i], decimals: 3),
            .number(u.rankMedian[i], decimals: 0),
            .number(u.rankP5[i], decimals: 0),
            .number(u.rankP95[i], decimals: 0),
          ])
    }
    let s = u.settings
    let perturbation = Self.perturbation(s.perturbation, l)
    let exact = r.uncertainty.exactRanks
    table.footnotes = [
      l(
        "\(s.draws) weight draws, seed \(s.seed), \(perturbation), around the scheme's weights "
          + r.dimensionIds.enumerated().map {
            "\($0.element) \(String(format: "%.4f", r.baseWeights[$0.offset]))"
          }.joined(separator: ", ")
          + "; aggregation \(s.aggregations.map(\.name).joined(separator: ", ")); dimension scores "
          + "\(r.scales.map(\.rawValue).joined(separator: ", ")). Quantiles from \(s.scoreBins)-bin histograms "
          + "per project, interpolated; ranks \(exact ? "exact (each draw sorted)" : "from \(s.rankBins) bins over 1…n"). \(r.skipped) project(s) left out "
          + "(no score, or a dimension that does not apply).",
        "权重抽样 \(s.draws) 次，随机种子 \(s.seed)，\(perturbation)，基准权重 "
          + r.dimensions.enumerated().map {
            "\($0.element) \(String(format: "%.4f", r.baseWeights[$0.offset]))"
          }.joined(separator: "，")
          + "；合成方法 \(s.aggregations.map { l.method($0.name) }.joined(separator: "，"))；维度得分 "
          + "\(r.scales.map(\.chinese).joined(separator: "，"))。分位数由每个项目 \(s.scoreBins) 格直方图插值得到（排名\(exact ? "为精确值（逐次抽样排序）" : "由 \(s.rankBins) 格直方图得到")）。未纳入 \(r.skipped) 个项目（无得分或有不适用的维度）。"
      )
    ]
    return table
  }

  /// Sobol first-order and total indices of each outcome to each
  /// dimension's weight.
  public static func sobol(_ r: DimensionSensitivity, language: Language)
    -> ReportTable
  {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "sobol_indices",
      title: l("Sobol indices of the dimension weights", "维度权重的 Sobol 指数"),
      columns: [
        .init(l("outcome", "结果")), .init(l("dimension", "维度")),
        .init(l("first order Sᵢ", "一阶 Sᵢ"), numeric: true),
        .init(l("total Sᵀᵢ", "总效应 Sᵀᵢ"), numeric: true),
        .init(l("design N", "样本数 N"), numeric: true),
        .init(l("sampler", "抽样方法")),
      ])
    let design = r.sobolSettings
    let sampler: String
    switch design?.sampler {
    case .random(let seed):
      sampler = l("random, seed \(seed)", "随机抽样，种子 \(seed)")
    default: sampler = l("Sobol (Joe–Kuo)", "Sobol 序列（Joe–Kuo）")
    }
    // The outcomes, in the order DimensionSensitivity computes them.
    let outcomes = [
      l("mean score", "平均得分"),
      l(
        "share below \(Diagnostic.number(r.uncertainty.settings.threshold))",
        "低于 \(Diagnostic.number(r.uncertainty.settings.threshold)) 分的比例"),
      l("share in the top grade", "最高等级的比例"),
    ]
    for (o, (outcome, indices)) in r.sobol.enumerated() {
      // Names in Chinese, ids in English, as `score` heads its columns.
      let names = language == .chinese ? r.dimensions : r.dimensionIds
      for (j, name) in names.enumerated() {
        table.append([
          .text(o < outcomes.count ? outcomes[o] : outcome), .text(name),
          indices.map { .number($0.firstOrder[j], decimals: 4) } ?? .empty,
          indices.map { .number($0.total[j], decimals: 4) } ?? .empty,
          design.map { .integer($0.sampleCount) } ?? .empty, .text(sampler),
        ])
      }
    }
    let x = Diagnostic.number(r.sobolShare)
    let count = design.map { Diagnostic.number(Double($0.sampleCount)) } ?? ""
    let evaluations = design.map { $0.sampleCount * (r.dimensions.count + 2) }
    // Estimates outside [0, 1] are the estimators' sampling error.
    let outside = r.sobol.contains { entry in
      guard let i = entry.indices else { return false }
      return (i.firstOrder + i.total).contains { $0 < 0 || $0 > 1 }
    }
    table.footnotes =
      [
        l(
          "Design: Saltelli (2010) with N = \(count) (\(evaluations ?? 0) evaluations), \(sampler); uᵢ ∈ [0, 1) gives wᵢ ∝ w₀ᵢ (1 + \(x) (2uᵢ − 1)), x the share of --perturbation uniform:x (0.2 under a Dirichlet perturbation), on the dimension shares with the weighted arithmetic mean, whatever the Monte Carlo's aggregations and scales.",
          "设计：Saltelli（2010），N = \(count)（共 \(evaluations ?? 0) 次计算），\(sampler)；uᵢ ∈ [0, 1) 对应 wᵢ ∝ w₀ᵢ (1 + \(x) (2uᵢ − 1))，x 为 --perturbation uniform:x 的幅度（Dirichlet 扰动时为 0.2），按维度达成比例以加权算术平均计算，与蒙特卡洛的合成方法和标度无关。"
        )
      ]
      + r.constantOutcomes.filter { $0 < outcomes.count }.map {
        r.sobolShare == 0
          ? l(
            "\(outcomes[$0]): the design's share x is 0, so no weight moves and there are no indices.",
            "\(outcomes[$0])：设计的扰动幅度 x 为 0，权重不变，因此没有 Sobol 指数。")
          : l(
            "\(outcomes[$0]): the same at every point of the design (variance 0); no weight moves it, so it has no indices.",
            "\(outcomes[$0])：在设计的每个点上取值相同（方差为 0），没有权重能改变它，因此没有 Sobol 指数。")
      } + r.sobolNotes
      + (outside
        ? [
          l(
            "Estimates below 0 or above 1 are the estimators' sampling error (an index lies in [0, 1]); a larger N narrows it.",
            "低于 0 或高于 1 的估计值来自估计量的抽样误差（指数应在 [0, 1] 内）；增大 N 可减小误差。")
        ] : [])
    return table
  }

  /// How the draws perturb the weights, for a footnote.
  static func perturbation(
    _ p: WeightUncertainty.Settings.Perturbation, _ l: Labels
  ) -> String {
    switch p {
    case .dirichlet(let c):
      "Dirichlet(\(Diagnostic.number(c)) · w₀)"
    case .uniform(let x):
      l(
        "w₀ (1 ± \(Diagnostic.number(x)) U), renormalised",
        "w₀ (1 ± \(Diagnostic.number(x)) U) 再归一化")
    }
  }
}
