/// Earlier evaluation grades of a data set's projects, read from a
/// history file (`project,year,grade`), so the rectification cycle knows
/// which weak year a project is in (docs/simulate.md).
///
/// The data set's own grades are those of its year Y (`DatasetYear`); a
/// history gives years before Y. A project's streak is the run of weak
/// years (中 or 差) Y − 1, Y − 2, … back to the first year that is not
/// weak or not in the file; its 差 years in that run are counted too.
public enum GradeHistory {
  /// Reads `path` for `dataset`.
  ///
  /// - Throws: `InputError` listing every fault at its line and column:
  ///   a missing column, an unknown project, a year that is not before
  ///   the data set's, a grade that is not one, a project and year twice.
  public static func load(_ path: String, dataset: Dataset) throws(InputError)
    -> (RuleHistory, [Diagnostic])
  {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: path, log: &log)
    let year = DatasetYear.of(dataset)
    guard year > 0 else {
      throw InputError(
        Diagnostic(
          .error, file: path,
          "the data set's year is unknown (projects.csv gives no start or end years), "
            + "so the years of the history cannot be placed.",
          help: "Give start_year and end_year in projects.csv."))
    }
    let lowered = table.header.map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    var columns: [Int] = []
    var used = Set<Int>()
    for (name, aliases) in Self.columnNames {
      let matches = lowered.indices.filter { aliases.contains(lowered[$0]) }
      guard let k = matches.first else {
        log.append(
          Diagnostic(
            .error, file: path, line: 1,
            "the history has no \"\(name)\" column.",
            help:
              "The header is project,year,grade (or 项目编号,年度,等级; docs/simulate.md)."
          ))
        continue
      }
      if matches.count > 1 {
        log.append(
          table.headerDiagnostic(
            .error, column: matches[1],
            "the header names the \(name) column twice (columns \(matches[0] + 1) and \(matches[1] + 1)).",
            help: "Keep one, so it is clear which is read."))
      }
      columns.append(k)
      used.formUnion(matches)
    }
    for k in lowered.indices where !used.contains(k) {
      log.append(
        table.headerDiagnostic(
          .warning, column: k,
          "column \"\(table.header[k])\" is not read (a history has project, year and grade)."
        ))
    }
    try log.throwIfErrors()
    var index: [String: Int] = [:]
    for p in 0..<dataset.projects.count { index[dataset.projects.ids[p]] = p }
    // Grades by project and years back from Y − 1 (1 = Y − 1).
    var grades: [Int: [Int: Grade]] = [:]
    var firstLine: [Int: [Int: Int]] = [:]
    for r in 0..<table.recordCount {
      let id = table.text(r, columns[0])
      let yearText = table.text(r, columns[1])
      let gradeText = table.text(r, columns[2])
      guard let p = index[id] else {
        log.append(
          table.diagnostic(
            .error, record: r, column: columns[0],
            "project \"\(id)\" is not in \(dataset.folder)/projects.csv.",
            help:
              "Check the id; drop rows of projects no longer in the data set."))
        continue
      }
      guard let y = Int(yearText), yearText.allSatisfy(\.isNumber), y >= 1900
      else {
        log.append(
          table.diagnostic(
            .error, record: r, column: columns[1],
            "the year is \"\(yearText)\"; give a year from 1900, such as \(year - 1)."
          ))
        continue
      }
      guard y < year else {
        log.append(
          table.diagnostic(
            .error, record: r, column: columns[1],
            "the year is \(y), not before the data set's year \(year), whose grades "
              + "come from its own indicators.",
            help: "List only earlier years."))
        continue
      }
      guard let grade = Grade(name: gradeText) else {
        log.append(
          table.diagnostic(
            .error, record: r, column: columns[2],
            "\"\(gradeText)\" is not a grade.",
            help: "Use excellent (优), good (良), fair (中) or poor (差)."))
        continue
      }
      let back = year - y
      if let line = firstLine[p]?[back] {
        log.append(
          table.diagnostic(
            .error, record: r, column: columns[1],
            "project \(id) has year \(y) twice (first on line \(line)).",
            help: "Keep one row per project and year."))
        continue
      }
      grades[p, default: [:]][back] = grade
      firstLine[p, default: [:]][back] = table.line(ofRecord: r)
    }
    try log.throwIfErrors()
    if table.recordCount == 0 {
      log.append(
        Diagnostic(
          .warning, file: path,
          "the history has no rows: every streak starts now."))
    }
    var history = RuleHistory(count: dataset.projects.count)
    for (p, byYear) in grades {
      var back = 1
      while let grade = byYear[back], grade == .fair || grade == .poor {
        history.weakYears[p] += 1
        if grade == .poor { history.poorYears[p] += 1 }
        back += 1
      }
    }
    return (history, log.diagnostics)
  }

  /// Each column's name and the headers that name it.
  static let columnNames: [(String, Set<String>)] = [
    ("project", ["project", "项目编号", "项目"]),
    ("year", ["year", "年度", "年份"]),
    ("grade", ["grade", "等级", "评价等级"]),
  ]
}
