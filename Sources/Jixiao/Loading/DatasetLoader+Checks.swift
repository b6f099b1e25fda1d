extension Reader {
  /// Checks each project's indicator set against the scheme: that it has
  /// rows, has every required dimension, and that weights add up.
  mutating func checkProjects(_ dataset: Dataset) {
    guard indicatorsRead, let table = indicatorFile else { return }
    let scheme = dataset.scheme
    let rows = dataset.indicators
    let dimensionCount = scheme.dimensions.count
    checkDimensionsAreUsed(dataset)
    var weightSum = [Double](repeating: 0, count: dimensionCount)
    var rowCount = [Int](repeating: 0, count: dimensionCount)
    var applicable = [Bool](repeating: false, count: dimensionCount)
    var firstRow = [Int](repeating: -1, count: dimensionCount)

    for project in 0..<dataset.projects.count {
      let range = rows.rows(of: project)
      // A repeated id was reported already; its rows went to the first.
      guard !repeatedProjects[project], !projectsMissingRows.contains(project)
      else { continue }
      if range.isEmpty {
        log.append(
          Diagnostic(
            .error, file: projectsPath, line: projectLine[project], column: 1,
            "project \"\(dataset.projects.ids[project])\" has no indicators.",
            help:
              "Add its performance indicators to indicators.csv; a project without "
              + "targets cannot be scored."))
        continue
      }
      for d in 0..<dimensionCount {
        weightSum[d] = 0
        rowCount[d] = 0
        applicable[d] = false
        firstRow[d] = -1
      }
      for row in range {
        let d = Int(rows.dimension[row])
        // Observations carry no weight and are not ratings of a criterion.
        guard d >= 0, rows.kind[row] != .observed else { continue }
        weightSum[d] += rows.weight[row]
        rowCount[d] += 1
        // A row whose label did not resolve was reported already; it
        // counts as present so the project gets no second error for it.
        let faulty = rows.status[row] == .missing && scheme.method != .ratings
        if rows.status[row] == .applicable || faulty, rows.weight[row] > 0 {
          applicable[d] = true
        }
        if firstRow[d] < 0 { firstRow[d] = row }
        if scheme.method == .ratings, rowCount[d] > 1 {
          log.append(
            table.diagnostic(
              .error, recordAt: indicatorOffsets[row],
              line: Int(rows.line[row]),
              column: indicatorWeightColumn,
              "project \"\(dataset.projects.ids[project])\" rates criterion "
                + "\"\(scheme.dimensions[d].id)\" twice.",
              help: "Keep one rating per criterion."))
        }
      }
      for id in scheme.requiredDimensions {
        guard let d = scheme.dimensions.firstIndex(where: { $0.id == id }),
          !applicable[d]
        else { continue }
        let dimension = scheme.dimensions[d]
        log.append(
          Diagnostic(
            .error, file: projectsPath, line: projectLine[project], column: 1,
            "project \"\(dataset.projects.ids[project])\" has no applicable \(dimension.id) "
              + "(\(dimension.name)) indicator, which the scheme requires.",
            help:
              "Add one with a weight above 0 to indicators.csv, or remove \"\(id)\" "
              + "from requiredDimensions."
          ))
      }
      guard scheme.weightCheck == .dimension else { continue }
      for d in 0..<dimensionCount where rowCount[d] > 0 {
        let expected = scheme.dimensions[d].weight
        guard abs(weightSum[d] - expected) > scheme.weightTolerance else {
          continue
        }
        log.append(
          table.diagnostic(
            .error, recordAt: indicatorOffsets[firstRow[d]],
            line: Int(rows.line[firstRow[d]]), column: indicatorWeightColumn,
            "the \(scheme.dimensions[d].id) weights of project "
              + "\"\(dataset.projects.ids[project])\" add up to \(format(weightSum[d])), "
              + "but the scheme gives \(scheme.dimensions[d].id) \(format(expected)).",
            help:
              "Correct the weights, or set \"weightCheck\": \"relative\" in \(schemePath) "
              + "to weigh rows relative to each other."))
      }
    }
  }

  private func format(_ value: Double) -> String {
    // Sums of weights such as 0.1 + 0.2 print as the user would add them.
    Diagnostic.number((value * 1e9).rounded() / 1e9)
  }

  /// Warns about scheme dimensions that no row uses (a renamed or
  /// misspelt dimension silently moves its weight to the others), and
  /// notes a self-evaluation scheme without an execution dimension.
  private mutating func checkDimensionsAreUsed(_ dataset: Dataset) {
    let scheme = dataset.scheme
    // Without projects no row was kept, so no dimension looks used.
    guard dataset.projects.count > 0, !incompleteFiles.contains("projects.csv")
    else { return }
    var used = [Bool](repeating: false, count: scheme.dimensions.count)
    let rows = dataset.indicators
    for row in 0..<rows.count where rows.dimension[row] >= 0 {
      if rows.kind[row] != .observed { used[Int(rows.dimension[row])] = true }
    }
    let schemeFile = schemePath
    for (d, dimension) in scheme.dimensions.enumerated()
    where !used[d] && d != scheme.executionIndex && dimension.weight > 0 {
      log.append(
        Diagnostic(
          .warning, file: schemeFile,
          "dimension \"\(dimension.id)\" (\(dimension.name)) has no rows in "
            + "indicators.csv, so its weight \(format(dimension.weight)) is spread "
            + "over the other dimensions of every project.",
          help:
            "Check the dimension column of indicators.csv against the scheme's "
            + "ids and aliases."))
    }
    if scheme.method == .selfEvaluation, scheme.executionIndex == nil {
      log.append(
        Diagnostic(
          .note, file: schemeFile,
          "the scheme has no dimension with id \"execution\", so budget execution "
            + "is not scored."))
    }
  }
}
