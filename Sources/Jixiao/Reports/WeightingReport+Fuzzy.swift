/// The tables of `jixiao fuzzy`: a fuzzy comprehensive evaluation
/// (模糊综合评价) per alternative, and the settings it used.
extension WeightingReport {
  /// One row per alternative: B = w·R for each grade, the grade of largest
  /// membership, the weighted grade points where there are points, and a
  /// note where the largest membership is shared.
  public static func fuzzy(
    _ result: FuzzyEvaluation, ids: [String], grades: [String],
    language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var columns: [ReportTable.Column] = [.init(l("alternative", "评价对象"))]
    for grade in grades { columns.append(.init(grade, numeric: true)) }
    columns.append(.init(l("grade (largest membership)", "评价等级（最大隶属度）")))
    if result.points != nil {
      columns.append(.init(l("points", "综合得分"), numeric: true))
    }
    columns.append(.init(l("note", "说明")))
    var table = ReportTable(
      name: "fuzzy",
      title: l("Fuzzy comprehensive evaluation", "模糊综合评价"), columns: columns)
    for (a, id) in ids.enumerated() {
      let b = result.membership[a]
      var row: [ReportTable.Cell] = [.text(id)]
      for value in b { row.append(.number(value, decimals: 6)) }
      row.append(.text(grades[result.maximumGrade[a]]))
      if let points = result.points {
        row.append(.number(points[a], decimals: 4))
      }
      // Degrees within 1e-9 of the largest are a tie: the principle of
      // largest membership then picks the first, which the reader should
      // know is a choice.
      let top = b[result.maximumGrade[a]]
      let tied = grades.indices.filter {
        abs(b[$0] - top) <= FuzzyEvaluation.tieTolerance
      }
      row.append(
        tied.count > 1
          ? .text(
            l(
              "\(tied.map { grades[$0] }.joined(separator: ", ")) tie; the first is taken",
              "\(tied.map { grades[$0] }.joined(separator: "、")) 隶属度相同，取前者"))
          : .empty)
      table.append(row)
    }
    return table
  }

  /// The weights, the operator and the grade points of the evaluation.
  public static func fuzzySettings(
    criteria: [String], weights: [Double], weightSource: String,
    grades: [String], points: [Double]?, pointsSource: String,
    votes: Bool, language: Language
  ) -> ReportTable {
    let l = Labels(language: language)
    var table = WeightingReport.settings(
      name: "fuzzy_settings", criteria: criteria, weights: weights,
      language: language)
    table.append([.text(l("weights", "权重来源")), .text(l.method(weightSource))])
    table.append([
      .text(l("operator", "合成算子")),
      .text(l("M(·, +), weighted average: B = w·R", "M(·, +) 加权平均型：B = w·R")),
    ])
    table.append([
      .text(l("memberships", "隶属度")),
      .text(
        votes
          ? l("votes per grade, each row divided by its sum", "各等级票数，按行除以总票数")
          : l("degrees as given (each row sums to 1)", "按所给隶属度（每行之和为 1）")),
    ])
    if let points {
      let list = zip(grades, points).map { "\($0) \(Diagnostic.number($1))" }
      table.append([
        .text(
          l(
            "grade points (\(pointsSource))",
            "等级分值（\(pointsSource == "default" ? "默认" : "给定")）")),
        .text(list.joined(separator: ", ")),
      ])
    }
    return table
  }
}
