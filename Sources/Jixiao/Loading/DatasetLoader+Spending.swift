import Foundation

/// spending.csv: cumulative spending of each project by month.
extension Reader {
  private struct SpendingPart: Sendable {
    var spending = MonthlySpending()
    var places = RecordPlaces()
    var project = ReferenceCache()
  }

  /// Reads spending.csv: a `project` column and the month columns `m01`
  /// … `m12` (or `1月` … `12月`), the first k months for any k.
  mutating func readSpending(_ path: String, into dataset: inout Dataset) {
    let mark = log.diagnostics.count
    defer { sortDiagnostics(since: mark) }
    guard let (table, map) = table(path, specs: Columns.spending) else {
      return
    }
    let months = (1...12).prefix { map[Columns.month($0)] != nil }.count
    for month in stride(from: months + 1, through: 12, by: 1) {
      if let column = map[Columns.month(month)] {
        log.append(
          table.headerDiagnostic(
            .error, column: column,
            "month \(month) is given but month \(months + 1) is not.",
            help: "Give the months from January on without a gap (m01, m02, …)."
          ))
        return
      }
    }
    guard months > 0 else {
      log.append(
        Diagnostic(
          .error, file: path, line: 1, column: 1,
          "the file has no month columns.",
          help: "Add columns m01 … m12 (or 1月 … 12月) of cumulative spending."))
      return
    }
    let columns = (1...months).compactMap { map[Columns.month($0)] }
    let projectColumn = map["project"] ?? 0
    let projects = dataset.projects
    guard
      let parts = readChunks(
        table,
        { (worker, records) throws(InputError) in
          var part = SpendingPart()
          part.spending.months = months
          part.project = ReferenceCache(
            next: worker.projectIDs, skip: worker.repeatedProjects)
          while try records.next(log: &worker.log) {
            let kept = worker.readSpendingRow(
              records.record, projectColumn, columns, projects,
              cache: &part.project, into: &part.spending)
            if kept { part.places.append(records.record) }
          }
          return part
        })
    else { return }
    var spending = MonthlySpending()
    spending.months = months
    var places = RecordPlaces()
    for part in parts {
      spending.project += part.spending.project
      spending.cumulative += part.spending.cumulative
      places.append(contentsOf: part.places)
    }
    // One curve per project.
    var first = [Int](repeating: -1, count: projects.count)
    for row in 0..<spending.count {
      let p = Int(spending.project[row])
      if first[p] < 0 {
        first[p] = row
        continue
      }
      log.append(
        places.diagnostic(
          table, row, .error, column: projectColumn,
          "project \"\(projects.ids[p])\" has a second row (first on line "
            + "\(places.line[first[p]])).",
          help: "Keep one row of cumulative spending per project."))
    }
    dataset.spending = spending
  }

  /// Reads one row; returns whether it was kept.
  private mutating func readSpendingRow(
    _ record: CSVRecord, _ projectColumn: Int, _ columns: [Int],
    _ projects: Projects, cache: inout ReferenceCache,
    into spending: inout MonthlySpending
  ) -> Bool {
    let project = reference(
      record, projectColumn, in: projectIndex, cache: &cache,
      what: "project", file: "projects.csv")
    // The row's amounts go straight to the column; a fault takes them out.
    let first = spending.cumulative.count
    var previous = 0.0
    var falls = false
    for (month, column) in columns.enumerated() {
      guard
        let value = record.readNumber(
          column, what: "the spending of month \(month + 1)", log: &log)
      else {
        spending.cumulative.removeSubrange(first...)
        return false
      }
      if value < 0 {
        spending.cumulative.removeSubrange(first...)
        log.append(
          record.diagnostic(
            .error, column: column,
            "the spending of month \(month + 1) is negative (\(record.text(column))).",
            help: "Amounts are cumulative spending since January, ≥ 0."))
        return false
      }
      if value < previous, !falls {
        falls = true
        log.append(
          record.diagnostic(
            .warning, column: column,
            "cumulative spending falls from \(Diagnostic.number(previous)) in month "
              + "\(month) to \(record.text(column)) in month \(month + 1).",
            help:
              "Each month holds the total spent since January; check for a monthly "
              + "amount entered instead of the running total."))
      }
      previous = value
      spending.cumulative.append(value)
    }
    guard project >= 0 else {
      spending.cumulative.removeSubrange(first...)
      return false
    }
    if columns.count == 12, let december = spending.cumulative.last {
      let executed = projects.executed[Int(project)]
      // A faulty amount was kept as 0 and reported; the message shows
      // what was written.
      let given = faultyExecuted[Int(project)]
      if given != nil || abs(december - executed) > 0.005 * max(1, executed) {
        log.append(
          record.diagnostic(
            .warning, column: columns[11],
            "December's cumulative spending \(record.text(columns[11])) differs from "
              + "the executed amount \(given ?? Diagnostic.number(executed)) in "
              + "projects.csv.",
            help: "The two should agree at the end of the year."))
      }
    }
    spending.project.append(project)
    return true
  }
}
