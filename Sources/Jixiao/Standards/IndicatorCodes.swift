/// A table that gives indicator names their code (指标编号), so that rows
/// worded apart in different projects' tables count as one indicator in a
/// standards study without editing the data sets: `name,code` (or
/// 指标名称,指标编号), one row per wording. A row's own code, when its
/// indicators.csv has one, wins over the table.
public struct IndicatorCodes: Sendable {
  public private(set) var codeOfName: [String: String] = [:]

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
    }
    try log.throwIfErrors()
  }
}
