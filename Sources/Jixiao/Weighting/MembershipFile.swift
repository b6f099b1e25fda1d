import Foundation

extension CriteriaFile {
  /// The membership matrices of a fuzzy comprehensive evaluation, read
  /// from a long table: one row per alternative and criterion, one column
  /// per grade.
  public struct Memberships: Sendable {
    /// Alternatives in the order they first appear.
    public var ids: [String]
    /// Criteria in the order they first appear.
    public var criteria: [String]
    /// The grade columns' names, best first as the file gives them.
    public var grades: [String]
    /// R per alternative: criteria (in `criteria` order) × grades.
    public var matrices: [[[Double]]]
  }

  /// How far a row of degrees may sum from 1 and still be taken as it is.
  public static let membershipTolerance = 1e-6

  /// Reads `path`: `id` names the alternative column (default: the
  /// first), `criterion` the criterion column (default: the second);
  /// every other column is a grade. Each row holds the degrees to which
  /// one criterion of one alternative belongs to each grade, summing to 1;
  /// with `votes`, counts (such as how many experts chose each grade),
  /// each row divided by its sum.
  ///
  /// Every alternative must have a row for every criterion, once.
  public static func memberships(
    _ path: String, id: String? = nil, criterion: String? = nil,
    votes: Bool = false
  ) throws(InputError) -> Memberships {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: path, log: &log)
    try log.throwIfErrors()
    try table.checkSeparator()
    let idColumn =
      id.flatMap { table.column(named: $0, role: "alternative", log: &log) }
      ?? 0
    let criterionColumn =
      criterion.flatMap {
        table.column(named: $0, role: "criterion", log: &log)
      } ?? 1
    try log.throwIfErrors()
    let gradeColumns = table.header.indices.filter {
      $0 != idColumn && $0 != criterionColumn
    }
    let grades = gradeColumns.map { table.header[$0] }
    guard idColumn != criterionColumn else {
      throw InputError(
        Diagnostic(
          .error, file: path, line: 1,
          "the alternative and the criterion are the same column (\(table.header[idColumn])).",
          help: "Name two different columns with --id and --criterion."))
    }
    guard gradeColumns.count >= 2 else {
      throw InputError(
        Diagnostic(
          .error, file: path, line: 1,
          "the table needs an alternative column, a criterion column and a column per grade, at least two grades.",
          help:
            "Write a header such as project,criterion,优,良,中,差 and one row per project and criterion."
        ))
    }
    for (k, name) in grades.enumerated()
    where name.trimmingCharacters(in: .whitespaces).isEmpty
      || grades[..<k].contains(name)
    {
      log.append(
        Diagnostic(
          .error, file: path, line: 1,
          name.trimmingCharacters(in: .whitespaces).isEmpty
            ? "grade column \(k + 1) has no name."
            : "two grade columns are named \"\(name)\".",
          help: "Name each grade once."))
    }
    guard table.recordCount > 0 else {
      throw InputError(
        Diagnostic(
          .error, file: path, "the table has no rows.",
          help: "Add one row per alternative and criterion."))
    }
    try log.throwIfErrors()

    var ids: [String] = []
    var idIndex: [String: Int] = [:]
    var criteria: [String] = []
    var criterionIndex: [String: Int] = [:]
    // Per alternative, per criterion: the degrees and the line they came from.
    var cells: [[Int: (degrees: [Double], line: Int)]] = []
    for r in 0..<table.recordCount {
      let name = table.text(r, idColumn)
      let item = table.text(r, criterionColumn)
      if name.isEmpty || item.isEmpty {
        log.append(
          table.diagnostic(
            .error, record: r,
            column: name.isEmpty ? idColumn : criterionColumn,
            name.isEmpty
              ? "the row names no alternative." : "the row names no criterion.",
            help: "Name the alternative and the criterion on every row."))
        continue
      }
      let record = table.recordView(r)
      var degrees: [Double] = []
      var readable = true
      for (k, c) in gradeColumns.enumerated() {
        guard let v = record.readNumber(c, what: grades[k], log: &log) else {
          readable = false
          continue
        }
        if v < 0 {
          log.append(
            table.diagnostic(
              .error, record: r, column: c,
              "\(Diagnostic.number(v)) is below 0; a degree of membership or a count of votes is 0 or more."
            ))
          readable = false
        }
        degrees.append(v)
      }
      guard readable else { continue }
      let total = degrees.reduce(0, +)
      if votes {
        guard total > 0 else {
          log.append(
            table.diagnostic(
              .error, record: r, column: gradeColumns[0],
              "\(name), \(item) has no votes.",
              help:
                "Give at least one vote, or leave the criterion out for every alternative."
            ))
          continue
        }
        degrees = degrees.map { $0 / total }
      } else if abs(total - 1) > membershipTolerance {
        log.append(
          table.diagnostic(
            .error, record: r, column: gradeColumns[0],
            "the degrees of \(name), \(item) sum to \(Diagnostic.number(total)); a row of memberships sums to 1.",
            help: total > 1.5
              ? "If these are counts of votes (or percentages), give --votes to divide each row by its sum."
              : "Correct the row so that its degrees add up to 1."))
        continue
      }
      let a = Self.number(name, in: &ids, index: &idIndex)
      if a == cells.count { cells.append([:]) }
      let j = Self.number(item, in: &criteria, index: &criterionIndex)
      let line = table.line(ofRecord: r)
      if let first = cells[a][j] {
        log.append(
          table.diagnostic(
            .error, record: r, column: criterionColumn,
            "\(name), \(item) is also on line \(first.line).",
            help: "Give each alternative one row per criterion."))
      } else {
        cells[a][j] = (degrees, line)
      }
    }
    try log.throwIfErrors()
    var matrices: [[[Double]]] = []
    for (a, name) in ids.enumerated() {
      var matrix: [[Double]] = []
      for (j, item) in criteria.enumerated() {
        if let cell = cells[a][j] {
          matrix.append(cell.degrees)
        } else {
          let line = cells[a].values.map(\.line).min() ?? 1
          log.append(
            Diagnostic(
              .error, file: path, line: line,
              "\(name) has no row for criterion \(item).",
              help:
                "Give every alternative a row for each criterion (\(criteria.joined(separator: ", ")))."
            ))
        }
      }
      matrices.append(matrix)
    }
    try log.throwIfErrors()
    return Memberships(
      ids: ids, criteria: criteria, grades: grades, matrices: matrices)
  }

  /// The number of a name in the order names first appear, adding it if
  /// it is new.
  private static func number(
    _ name: String, in names: inout [String], index: inout [String: Int]
  ) -> Int {
    if let known = index[name] { return known }
    index[name] = names.count
    names.append(name)
    return names.count - 1
  }
}
