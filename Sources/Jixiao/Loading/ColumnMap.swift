/// A column Jixiao knows: its English name, Chinese aliases, and whether a
/// table must have it.
struct ColumnSpec {
  var name: String
  var aliases: [String]
  var isRequired: Bool

  init(_ name: String, _ aliases: [String] = [], required: Bool = false) {
    self.name = name
    self.aliases = aliases
    self.isRequired = required
  }
}

/// Where each known column sits in a table's header.
///
/// Header cells are matched after trimming, ignoring case, against the
/// name and aliases of each spec. Unknown columns are reported as warnings;
/// a required column that is absent, or a column given twice, is an error.
struct ColumnMap {
  private var positions: [String: Int] = [:]

  init(_ table: CSVFile, specs: [ColumnSpec], log: inout DiagnosticLog) {
    var lookup: [String: String] = [:]
    for spec in specs {
      for label in [spec.name] + spec.aliases {
        lookup[label.lowercased()] = spec.name
      }
    }
    for (column, cell) in table.header.enumerated() {
      guard let name = lookup[cell.lowercased()] else {
        let shown = cell.isEmpty ? "an empty header cell" : "column \"\(cell)\""
        log.append(
          table.headerDiagnostic(
            .warning, column: column,
            "\(shown) is not a known column and is ignored.",
            help: "Known columns: \(specs.map(\.name).joined(separator: ", "))."
          ))
        continue
      }
      if let first = positions[name] {
        log.append(
          table.headerDiagnostic(
            .error, column: column,
            "column \"\(cell)\" means \(name), which column \(first + 1) already gives.",
            help: "Keep one of the two columns."))
        continue
      }
      positions[name] = column
    }
    for spec in specs where spec.isRequired && positions[spec.name] == nil {
      let aliases =
        spec.aliases.isEmpty
        ? "" : " (or \(spec.aliases.joined(separator: ", ")))"
      log.append(
        Diagnostic(
          .error, file: table.path, line: 1, column: 1,
          "the required column \"\(spec.name)\" is missing.",
          help:
            "Add a column headed \(spec.name)\(aliases); see docs/format.md."))
    }
  }

  /// The position of a column, if the table has it.
  subscript(_ name: String) -> Int? { positions[name] }
}
