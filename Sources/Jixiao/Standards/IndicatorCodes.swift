/// A table that gives indicator names their code (指标编号), so that rows
/// worded apart in different projects' tables count as one indicator in a
/// standards study without editing the data sets: `name,code` (or
/// 指标名称,指标编号), one row per wording. A row's own code, when its
/// indicators.csv has one, wins over the table.
public struct IndicatorCodes: Sendable {
  /// Where a wording's row of the table is, for messages.
  public struct Place: Sendable, Hashable {
    public var line: Int
    /// Character columns of the name and the code cells.
    public var nameColumn: Int
    public var codeColumn: Int
  }

  public private(set) var codeOfName: [String: String] = [:]
  /// The table's path (empty when built in code).
  public private(set) var path = ""
  /// The row of each wording (empty when built in code).
  public private(set) var placeOfName: [String: Place] = [:]

  public init(_ codeOfName: [String: String] = [:]) {
    self.codeOfName = codeOfName
  }

  public var isEmpty: Bool { codeOfName.isEmpty }

  /// Reads the table.
  ///
  /// - Throws: `InputError` naming the file, line and column of each
  ///   fault: a missing column, an empty cell, one name given two codes.
  public init(contentsOf path: String) throws(InputError) {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: path, log: &log)
    func column(_ names: [String]) -> Int? {
      table.header.firstIndex {
        names.contains($0.trimmingCharacters(in: .whitespaces).lowercased())
      }
    }
    guard let nameColumn = column(["name", "指标名称", "三级指标"]),
      let codeColumn = column(["code", "id", "指标编号", "指标代码"])
    else {
      throw InputError(
        Diagnostic(
          .error, file: path, line: 1, column: 1,
          "the table needs a name column and a code column.",
          help: "Head the columns name,code (or 指标名称,指标编号)."))
    }
    var firstLine: [String: Int] = [:]
    for record in 0..<table.recordCount {
      let name = table.text(record, nameColumn)
        .trimmingCharacters(in: .whitespaces)
      let code = table.text(record, codeColumn)
        .trimmingCharacters(in: .whitespaces)
      for (text, c, what) in [
        (name, nameColumn, "name"), (code, codeColumn, "code"),
      ]
      where text.isEmpty {
        let place = table.position(record, c)
        log.append(
          Diagnostic(
            .error, file: path, line: place.line, column: place.column,
            "the \(what) is empty.", help: "Give every row a name and a code."))
      }
      guard !name.isEmpty, !code.isEmpty else { continue }
      if let given = codeOfName[name], given != code {
        let place = table.position(record, codeColumn)
        log.append(
          Diagnostic(
            .error, file: path, line: place.line, column: place.column,
            "\"\(name)\" was given the code \(given) on line \(firstLine[name] ?? 0), and "
              + "\(code) here.",
            help: "Give each wording one code."))
        continue
      }
      codeOfName[name] = code
      firstLine[name] = table.line(ofRecord: record)
      if placeOfName[name] == nil {
        let namePlace = table.position(record, nameColumn)
        placeOfName[name] = Place(
          line: namePlace.line, nameColumn: namePlace.column,
          codeColumn: table.position(record, codeColumn).column)
      }
    }
    self.path = path
    try log.throwIfErrors()
  }

  /// The faults of the table against the data sets it is used with, each
  /// at its row: a wording no indicator row has is a warning (a typo, or
  /// a row renamed since), and a code that joins rows of different units
  /// of measure or directions (`≥`, `≤`, `=`) is an error at the wording
  /// that brings the second, since such rows cannot be one indicator.
  ///
  /// Rows count with the code they are pooled by: their own, else the
  /// table's for their name. Only quantitative and observed rows have a
  /// unit and a direction.
  ///
  /// - Complexity: O(indicator rows), with a String per row.
  public func check(_ datasets: [Dataset]) -> [Diagnostic] {
    guard !isEmpty else { return [] }
    let tableCodes = Set(codeOfName.values)
    var used: Set<String> = []
    struct Kind: Hashable {
      var unit: String
      var op: IndicatorOperator
    }
    // Per code, each (unit, direction) in order of first use, with the
    // wording and the row that brought it.
    var kinds: [String: [(kind: Kind, name: String, place: String)]] = [:]
    for dataset in datasets {
      let rows = dataset.indicators
      let file = DatasetLoader.path(
        dataset.folder, DatasetLoader.fileNames.indicators)
      for r in 0..<rows.count {
        let name = rows.names[r]
        let given = codeOfName[name]
        if given != nil { used.insert(name) }
        guard rows.kind[r] == .quantitative || rows.kind[r] == .observed
        else { continue }
        let code = rows.code[r].isEmpty ? given ?? "" : rows.code[r]
        guard !code.isEmpty, tableCodes.contains(code) else { continue }
        let kind = Kind(unit: rows.unit[r], op: rows.op[r])
        if kinds[code]?.contains(where: { $0.kind == kind }) == true {
          continue
        }
        kinds[code, default: []].append(
          (kind, name, "\(file):\(rows.line[r])"))
      }
    }
    var diagnostics: [Diagnostic] = []
    for (name, place) in placeOfName.sorted(by: {
      $0.value.line < $1.value.line
    })
    where !used.contains(name) {
      diagnostics.append(
        Diagnostic(
          .warning, file: path, line: place.line, column: place.nameColumn,
          "no indicator row of the data sets is named \"\(name)\", so this "
            + "row joins nothing.",
          help: "Check the wording against the name column of indicators.csv."))
    }
    func describe(_ entry: (kind: Kind, name: String, place: String)) -> String
    {
      let unit = entry.kind.unit.isEmpty ? "no unit" : "unit \(entry.kind.unit)"
      return "\"\(entry.name)\" (\(unit), \(entry.kind.op.symbol), at "
        + "\(entry.place))"
    }
    var faults: [(line: Int, diagnostic: Diagnostic)] = []
    for (code, list) in kinds where list.count > 1 {
      // Report at the table's row of a wording that differs from the
      // first; the first such wording the table gives.
      let first = list[0]
      for entry in list.dropFirst() {
        // The wording's row of the table; for a row with its own code,
        // the first row of the table that gives the code.
        let rowOfCode = placeOfName.filter { codeOfName[$0.key] == code }
          .values.min { $0.line < $1.line }
        guard
          let place = placeOfName[entry.name] ?? placeOfName[first.name]
            ?? rowOfCode
        else { continue }
        let what =
          entry.kind.unit != first.kind.unit
          ? "units of measure" : "directions"
        faults.append(
          (
            place.line,
            Diagnostic(
              .error, file: path, line: place.line, column: place.codeColumn,
              "the code \(code) joins rows of different \(what): "
                + "\(describe(first)) and \(describe(entry)); they cannot be "
                + "one indicator.",
              help:
                "Give them different codes, or correct the unit or operator "
                + "in indicators.csv.")
          ))
        break
      }
    }
    diagnostics += faults.sorted { $0.line < $1.line }.map(\.diagnostic)
    return diagnostics
  }
}
