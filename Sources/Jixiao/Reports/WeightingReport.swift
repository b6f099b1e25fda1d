import Foundation

/// The tables of `jixiao weights` and `jixiao rank`.
public enum WeightingReport {
  /// One row per criterion, a column per weighting.
  public static func weights(
    _ sets: [CriteriaWeights], criteria: [String], language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var columns: [ReportTable.Column] = [.init(l("criterion", "指标"))]
    for set in sets {
      columns.append(.init(l.method(set.method), numeric: true))
    }
    columns.append(.init(l("note", "说明")))
    var table = ReportTable(
      name: "weights", title: l("Weights", "权重"), columns: columns)
    for (j, name) in criteria.enumerated() {
      var row: [ReportTable.Cell] = [.text(name)]
      for set in sets { row.append(.number(set.values[j], decimals: 6)) }
      let flat = sets.filter { $0.constant.contains(j) }.map {
        l.method($0.method)
      }
      row.append(
        flat.isEmpty
          ? .empty
          : .text(
            l(
              "the same for every alternative: weight 0 (\(flat.joined(separator: ", ")))",
              "各备选对象取值相同：权重为0（\(flat.joined(separator: "，"))）")))
      table.append(row)
    }
    return table
  }

  /// The consistency of AHP judgements.
  public static func consistency(
    _ result: AHP.Result, criteria: [String], pooled: Int, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "consistency", title: l("AHP consistency", "层次分析法一致性检验"),
      columns: [
        .init(l("measure", "项目")), .init(l("value", "数值"), numeric: true),
      ])
    func add(_ name: String, _ cell: ReportTable.Cell) {
      table.append([.text(name), cell])
    }
    add(l("order n", "阶数 n"), .integer(criteria.count))
    if pooled > 1 {
      add(
        l("judgement matrices pooled (geometric mean)", "合并的判断矩阵（几何平均）"),
        .integer(pooled))
    }
    add(l("priority method", "排序方法"), .text(l.method(result.method.rawValue)))
    add(l("λmax", "最大特征根 λmax"), .number(result.lambdaMax, decimals: 6))
    add(
      l("CI = (λmax − n)/(n − 1)", "一致性指标 CI"),
      // (λmax − n)/(n − 1) is 0/0 for one criterion.
      criteria.count > 1
        ? .number(result.consistencyIndex, decimals: 6) : .empty)
    let tableName = l.method(result.randomIndex.name)
    add(l("random-index table", "随机一致性指标表"), .text(tableName))
    add(
      l("RI(n)", "RI(n)"), result.ri.map { .number($0, decimals: 4) } ?? .empty)
    add(
      l("CR = CI/RI", "一致性比率 CR"),
      result.consistencyRatio.map { .number($0, decimals: 6) } ?? .empty)
    let verdict: String
    if let cr = result.consistencyRatio {
      verdict =
        cr < 0.1
        ? l("acceptable (CR < 0.10)", "通过（CR < 0.10）")
        : l(
          "not acceptable (CR ≥ 0.10): revise the judgements",
          "未通过（CR ≥ 0.10）：请修正判断")
    } else {
      // Why there is no CR, as AHP.evaluate's note says, in the language
      // asked for.
      let n = result.weights.count
      if n <= 2 {
        verdict = l(
          "a matrix of order \(n) is always consistent", "\(n) 阶判断矩阵总是一致的")
      } else if let ri = result.ri {
        verdict = l(
          "\(tableName) gives RI(\(n)) = \(Diagnostic.number(ri)); CR = CI/RI is not defined",
          "\(tableName) 的 RI(\(n)) = \(Diagnostic.number(ri))，CR = CI/RI 无定义")
      } else {
        let top = result.randomIndex.values.count
        verdict = l(
          "\(tableName) gives RI up to n = \(top); CR of order \(n) is not defined",
          "\(tableName) 只给出 n ≤ \(top) 的 RI，\(n) 阶的 CR 无定义")
      }
    }
    add(l("verdict", "结论"), .text(verdict))
    return table
  }

  /// The CR of each expert's own matrix under the pooled table's rows,
  /// with the verdict for each.
  public static func appendExperts(
    _ experts: [(file: String, cr: Double?)], to table: inout ReportTable,
    language: Language
  ) {
    let l = Labels(language: language)
    for (file, cr) in experts {
      let name = file
      let verdict =
        cr.map { $0 < 0.1 ? "" : l(" (not acceptable)", "（未通过）") } ?? ""
      table.append([
        .text(l("CR of \(name)\(verdict)", "\(name) 的 CR\(verdict)")),
        cr.map { .number($0, decimals: 6) } ?? .empty,
      ])
    }
  }

  /// A settings table (setting, value) that starts with each criterion's
  /// weight.
  static func settings(
    name: String, criteria: [String], weights: [Double], language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: name, title: l("Settings", "设置"),
      columns: [.init(l("setting", "项目")), .init(l("value", "数值"))])
    for (j, criterion) in criteria.enumerated() {
      table.append([
        .text(l("weight of \(criterion)", "\(criterion) 的权重")),
        .number(weights[j], decimals: 6),
      ])
    }
    return table
  }

  /// One row per alternative: each method's score and the position it
  /// gives (1 the best, ties averaged).
  public static func ranking(
    ids: [String],
    methods: [(name: String, scores: [Double], lowerIsBetter: Bool)],
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var columns: [ReportTable.Column] = [.init(l("alternative", "评价对象"))]
    for m in methods {
      let name = l.method(m.name)
      columns.append(.init(name, numeric: true))
      // "TOPSIS（向量归一化）排名", not brackets within brackets.
      columns.append(.init(l("rank (\(name))", "\(name)排名"), numeric: true))
    }
    var table = ReportTable(
      name: "ranking", title: l("Scores and ranks", "得分与排名"), columns: columns)
    let positions = methods.map {
      Ranking.positions($0.lowerIsBetter ? $0.scores.map { -$0 } : $0.scores)
    }
    for (i, id) in ids.enumerated() {
      var row: [ReportTable.Cell] = [.text(id)]
      for (k, m) in methods.enumerated() {
        row.append(.number(m.scores[i], decimals: 6))
        row.append(.number(positions[k][i], decimals: 1))
      }
      table.append(row)
    }
    return table
  }

  /// How alike the rankings of each pair of methods are.
  public static func agreement(
    methods: [(name: String, scores: [Double], lowerIsBetter: Bool)],
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = ReportTable(
      name: "rank_agreement", title: l("Agreement of the rankings", "排名一致性"),
      columns: [
        .init(l("reference", "参照方法")), .init(l("compared", "比较方法")),
        .init("Spearman ρ", numeric: true),
        .init(l("weighted Spearman r_W", "加权 Spearman r_W"), numeric: true),
        .init("WS", numeric: true), .init("Kendall τ_b", numeric: true),
      ])
    let positions = methods.map {
      Ranking.positions($0.lowerIsBetter ? $0.scores.map { -$0 } : $0.scores)
    }
    // A coefficient a ranking cannot have (every position tied) is left
    // empty and named below, not an error that hides the others.
    var undefined: [String] = []
    func cell(_ value: () throws(WeightingError) -> Double, _ pair: String)
      -> ReportTable.Cell
    {
      do {
        return .number(try value(), decimals: 6)
      } catch {
        if !undefined.contains(pair) { undefined.append(pair) }
        return .empty
      }
    }
    for a in methods.indices {
      for b in methods.indices where b > a {
        let x = positions[a]
        let y = positions[b]
        let first = l.method(methods[a].name)
        let second = l.method(methods[b].name)
        let pair = "\(first) / \(second)"
        table.append([
          .text(first), .text(second),
          cell(
            { () throws(WeightingError) in try RankCorrelation.spearman(x, y) },
            pair),
          cell(
            { () throws(WeightingError) in
              try RankCorrelation.weightedSpearman(x, y)
            }, pair),
          cell(
            { () throws(WeightingError) in try RankCorrelation.ws(x, y) }, pair),
          cell(
            { () throws(WeightingError) in try RankCorrelation.kendall(x, y) },
            pair),
        ])
      }
    }
    table.footnotes = [
      l(
        "Ranks: 1 the best, ties averaged. r_W: Pinto da Costa & Soares (2005); WS: Sałabun & Urbaniak (2020), "
          + "with the first method as reference (not symmetric).",
        "排名：1为最优，并列取平均名次。r_W：Pinto da Costa 与 Soares（2005）；WS：Sałabun 与 Urbaniak（2020），以参照方法为基准（不对称）。"
      )
    ]
    for pair in undefined {
      table.footnotes.append(
        l(
          "\(pair): a method ties every alternative, so the coefficients it leaves empty are not defined.",
          "\(pair)：某方法下所有对象并列，空缺的系数无定义。"))
    }
    return table
  }

  /// What `jixiao rank` says about its run, under the ranking and in
  /// the settings table.
  public enum RankingNote: Sendable {
    /// The weights used: the method that gave them.
    case weights(String)
    /// A method ignores these criteria: every alternative has the same
    /// value.
    case constant(method: String, criteria: [String])
    /// VIKOR's compromise set.
    case compromise([String])
    /// The normalisation's values per criterion (targets, references,
    /// goalposts), as given.
    case normalisation(String)
  }

  static func text(_ note: RankingNote, _ l: Labels) -> String {
    switch note {
    case .weights(let method):
      return l("weights: \(l.method(method))", "权重：\(l.method(method))")
    case .constant(let method, let criteria):
      return l(
        "\(method): \(criteria.joined(separator: ", ")) the same for every alternative, contributes nothing",
        "\(method)：\(criteria.joined(separator: "，")) 各对象取值相同，不起作用")
    case .compromise(let ids):
      return l(
        "VIKOR compromise: \(ids.joined(separator: ", "))",
        "VIKOR 折衷解：\(ids.joined(separator: "，"))")
    case .normalisation(let settings):
      return l("normalisation: \(settings)", "标准化：\(settings)")
    }
  }

  /// The weights used and the notes, as a table, so that files and JSON
  /// keep them too.
  public static func rankSettings(
    criteria: [String], weights: [Double], notes: [RankingNote],
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = WeightingReport.settings(
      name: "rank_settings", criteria: criteria, weights: weights,
      language: language)
    for note in notes {
      table.append([.text(l("note", "说明")), .text(text(note, l))])
    }
    return table
  }
}
