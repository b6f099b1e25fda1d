import Foundation

/// The wide tables the weighting commands read: one row per alternative
/// (or expert), one column per criterion, and pairwise comparison
/// matrices. Every fault is reported at its line and column, all in one
/// pass.
public enum CriteriaFile {
  /// A table of alternatives.
  public struct Alternatives: Sendable {
    public var ids: [String]
    /// The line of each alternative's row, for messages.
    public var lines: [Int]
    public var criteria: [String]
    public var table: CriteriaTable
    /// The file read and each criterion's column in it, to place faults.
    var file: CSVTable?
    var columns: [Int] = []

    /// A weighting's fault at a value, at its line and column in the
    /// file (`prefix`, such as the method, before the message); nil for
    /// a fault that is not at a value.
    public func diagnostic(
      _ error: WeightingError, severity: Diagnostic.Severity = .error,
      prefix: String = ""
    ) -> Diagnostic? {
      guard case .cell(let row, let j, let what) = error, let file,
        row < ids.count, j < criteria.count
      else { return nil }
      return file.diagnostic(
        severity, record: row, column: columns[j],
        "\(prefix)\(criteria[j]) of \(ids[row]) is \(Diagnostic.number(table[row, j])); \(what)."
      )
    }
  }

  /// Reads `path`: `id` names the alternative column (default: the
  /// first), `criteria` the criterion columns (default: every other
  /// column), `types` one per criterion (default: all benefits).
  public static func alternatives(
    _ path: String, id: String? = nil, criteria: [String]? = nil,
    types: [CriterionType]? = nil
  ) throws(InputError) -> Alternatives {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: path, log: &log)
    try log.throwIfErrors()
    try table.checkSeparator()
    let header = table.header
    let idColumn =
      column(id, in: table, role: "alternative", log: &log) ?? 0
    var names =
      criteria ?? header.indices.filter { $0 != idColumn }.map { header[$0] }
    var columns: [Int] = []
    if criteria == nil {
      // Every other column, by place: looking them up by name would report
      // a repeated header name once per lookup.
      columns = header.indices.filter { $0 != idColumn }
    } else {
      for name in names {
        if let k = column(name, in: table, role: "criterion", log: &log) {
          if k == idColumn {
            log.append(
              Diagnostic(
                .error, file: path, line: 1,
                "\(header[k]) is the alternative column; it cannot be a criterion too.",
                help: "Leave it out of --criteria, or name another --id."))
          }
          columns.append(k)
        }
      }
      // The header's spelling, whatever case the command gave.
      if columns.count == names.count { names = columns.map { header[$0] } }
    }
    if let types, types.count != names.count {
      log.append(
        Diagnostic(
          .error, file: path,
          "\(types.count) type(s) for \(names.count) criteria.",
          help:
            "Give one type (+ benefit, − cost) per criterion, in their order."))
    }
    var seenNames: [String: Int] = [:]
    for (j, name) in names.enumerated() {
      if name.trimmingCharacters(in: .whitespaces).isEmpty {
        log.append(
          Diagnostic(
            .error, file: path, line: 1,
            "criterion \(j + 1) has no name in the header.",
            help: "Name every criterion column."))
      } else if let first = seenNames[name.lowercased()] {
        log.append(
          Diagnostic(
            .error, file: path, line: 1,
            names[first] == name
              ? "criteria \(first + 1) and \(j + 1) are both named \"\(name)\"."
              : "criteria \(first + 1) and \(j + 1) are named \"\(names[first])\" and \"\(name)\", which match without regard to case.",
            help: "Give each criterion its own name."))
      } else {
        seenNames[name.lowercased()] = j
      }
    }
    if names.isEmpty {
      log.append(
        Diagnostic(
          .error, file: path, line: 1, "the table has no criterion columns.",
          help: "Add a column per criterion beside the alternative column."))
    }
    guard table.recordCount > 0 else {
      throw InputError(
        Diagnostic(
          .error, file: path, "the table has no rows.",
          help: "Add one row per alternative."))
    }
    try log.throwIfErrors()
    var ids: [String] = []
    var seen: [String: Int] = [:]
    var values = [Double](
      repeating: 0, count: table.recordCount * columns.count)
    let m = table.recordCount
    for r in 0..<m {
      let name = table.text(r, idColumn)
      if name.isEmpty {
        log.append(
          table.diagnostic(
            .error, record: r, column: idColumn, "the alternative has no name.",
            help: "Name every row."))
      } else if let first = seen[name] {
        log.append(
          table.diagnostic(
            .error, record: r, column: idColumn,
            "\"\(name)\" is also the alternative on line \(first).",
            help: "Give each alternative one row."))
      } else {
        seen[name] = table.line(ofRecord: r)
      }
      ids.append(name)
      let record = table.recordView(r)
      for (j, c) in columns.enumerated() {
        if let v = record.readNumber(c, what: names[j], log: &log) {
          values[j * m + r] = v
        }
      }
    }
    try log.throwIfErrors()
    return Alternatives(
      ids: ids, lines: (0..<m).map { table.line(ofRecord: $0) },
      criteria: names,
      table: CriteriaTable(
        rows: m, columns: columns.count, values: values,
        types: types
          ?? [CriterionType](repeating: .benefit, count: columns.count)),
      file: table, columns: columns)
  }

  /// A pairwise comparison matrix: a header of criterion names after a
  /// first cell for the row names, and one row per criterion in the same
  /// order. Cells are numbers or fractions such as 1/3.
  public static func pairwise(_ path: String) throws(InputError) -> (
    names: [String], matrix: [[Double]], warnings: [Diagnostic]
  ) {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: path, log: &log)
    try log.throwIfErrors()
    try table.checkSeparator()
    let names = Array(table.header.dropFirst())
    guard !names.isEmpty, table.recordCount == names.count else {
      throw InputError(
        Diagnostic(
          .error, file: path,
          "the matrix has \(names.count) criteria in its header and \(table.recordCount) rows.",
          help:
            "Write one row per criterion, in the order of the header, each starting with its name."
        ))
    }
    for (j, name) in names.enumerated()
    where name.trimmingCharacters(in: .whitespaces).isEmpty
      || names[..<j].contains(name)
    {
      throw InputError(
        Diagnostic(
          .error, file: path, line: 1,
          name.trimmingCharacters(in: .whitespaces).isEmpty
            ? "criterion \(j + 1) of the header has no name."
            : "the header names \"\(name)\" twice.",
          help: "Name each criterion once."))
    }
    var matrix = [[Double]](
      repeating: [Double](repeating: 1, count: names.count), count: names.count)
    for r in 0..<table.recordCount {
      if table.text(r, 0) != names[r] {
        log.append(
          table.diagnostic(
            .error, record: r, column: 0,
            "row \(r + 1) is \"\(table.text(r, 0))\" but the header's criterion \(r + 1) is \"\(names[r])\".",
            help: "Give the rows in the order of the header."))
      }
      for c in 1...names.count {
        let text = table.text(r, c).trimmingCharacters(in: .whitespaces)
        guard let value = fraction(text), value.isFinite, value > 0 else {
          log.append(
            table.diagnostic(
              .error, record: r, column: c,
              "\"\(text)\" is not a judgement; give a number above 0 or a fraction such as 1/3."
            ))
          continue
        }
        matrix[r][c - 1] = value
      }
    }
    try log.throwIfErrors()
    // The judgements must be a pairwise matrix: 1 on the diagonal, and
    // aⱼᵢ = 1/aᵢⱼ (to 1e-6), each fault at its cell.
    for i in 0..<names.count {
      if abs(matrix[i][i] - 1) > 1e-12 {
        log.append(
          table.diagnostic(
            .error, record: i, column: i + 1,
            "\(names[i]) against itself is \(table.text(i, i + 1)); the diagonal is 1."
          ))
      }
      for j in (i + 1)..<max(i + 1, names.count)
      where abs(matrix[i][j] * matrix[j][i] - 1) > 1e-6 {
        let near = abs(matrix[i][j] * matrix[j][i] - 1) < 0.01
        log.append(
          table.diagnostic(
            .error, record: j, column: i + 1,
            "\(names[j]) against \(names[i]) is \(table.text(j, i + 1)), but \(names[i]) against "
              + "\(names[j]) is \(table.text(i, j + 1)) (line \(table.line(ofRecord: i))): a pairwise "
              + "matrix needs the reciprocal, 1/\(table.text(i, j + 1)).",
            help: near ? "Write fractions such as 1/3 rather than 0.333." : ""))
      }
    }
    try log.throwIfErrors()
    // Saaty's scale runs from 1/9 to 9; a judgement outside it is taken as
    // it is, but is more likely a slip than a meaning.
    var warnings: [Diagnostic] = []
    outer: for r in names.indices {
      for c in names.indices where matrix[r][c] > 9 * (1 + 1e-9) {
        warnings.append(
          table.diagnostic(
            .warning, record: r, column: c + 1,
            "\(names[r]) against \(names[c]) is \(table.text(r, c + 1)), beyond Saaty's scale of 1/9 to 9; it is used as it is.",
            help:
              "Check the judgement; on the 1–9 scale, 9 is extreme importance.")
        )
        if warnings.count >= 5 { break outer }
      }
    }
    return (names, matrix, warnings)
  }

  /// A number such as 3, 0.5, 1/3 or 1 / 3 (spaces around the slash
  /// allowed, each side a plain or scientific number).
  static func fraction(_ text: String) -> Double? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count <= 2,
      parts.allSatisfy({ part in
        !part.isEmpty
          && part.allSatisfy {
            $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-"
              || $0 == "+"
          }
      })
    else { return nil }
    guard let a = Double(parts[0]) else { return nil }
    guard parts.count == 2 else { return a }
    guard let b = Double(parts[1]), b != 0 else { return nil }
    return a / b
  }

  private static func column(
    _ name: String?, in table: CSVTable, role: String, log: inout DiagnosticLog
  ) -> Int? {
    name.flatMap { table.column(named: $0, role: role, log: &log) }
  }
}
