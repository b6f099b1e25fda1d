import Foundation

/// Turns a table with one row per project into a data set folder, as a
/// mapping file says (docs/import.md).
///
/// The data set is built in memory, written to a hidden folder beside the
/// target, checked with `DatasetLoader`, and only then moved into place:
/// a mapping that produces a bad data set leaves the target untouched.
public enum Importer {
  public struct Result: Sendable {
    public var projectCount: Int
    public var indicatorCount: Int
    public var unitCount: Int
    /// Warnings of the mapping and of the check of the written data set.
    public var diagnostics: [Diagnostic]
  }

  static let indicatorFields = [
    "dimension", "subdimension", "name", "kind", "operator", "target", "actual",
    "unit",
    "weight", "provenance",
  ]
  static let projectFields = [
    "id", "name", "category", "industry", "budget", "executed", "startYear",
    "endYear", "major", "provenance",
  ]

  /// Runs an import.
  ///
  /// - Throws: `InputError` with every problem; nothing is written then.
  public static func run(
    table tablePath: String, mapping mappingPath: String, output: String
  ) throws(InputError) -> Result {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: tablePath, log: &log)
    let document = try JSONDocument.read(mappingPath)
    let mapping = ImportMapping.parse(document, header: table.header, log: &log)
    try log.throwIfErrors()
    guard let mapping else { throw InputError(log.diagnostics) }

    var builder = DatasetBuilder(mapping)
    var kept: [Int] = []
    for record in 0..<table.recordCount where mapping.keeps(table, record) {
      builder.add(table, record, mapping, log: &log)
      kept.append(record)
    }
    for (c, computation) in mapping.computed.enumerated() {
      log.append(
        contentsOf: computedFaults(
          computation, c, table, records: kept, mapping: mapping))
    }
    try log.throwIfErrors()
    if builder.projectCount == 0 {
      throw InputError(
        Diagnostic(
          .error, file: tablePath,
          "no row passes the mapping's filter; nothing to import.",
          help: "Check the filter in \(mappingPath)."))
    }

    var files = builder.files()
    var schemeSource: String?
    if let scheme = mapping.schemePath {
      let base = (mappingPath as NSString).deletingLastPathComponent
      let path =
        scheme.hasPrefix("/")
        ? scheme : (base as NSString).appendingPathComponent(scheme)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(
          Diagnostic(
            .error, file: mappingPath, "the scheme \(path) cannot be read.",
            help: "Give `scheme` as a path relative to the mapping file."))
      }
      schemeSource = path
      files.append(
        (name: "scheme.json", contents: String(decoding: data, as: UTF8.self)))
    }
    files.append((name: "dataset.json", contents: mapping.datasetJSON))

    let inputs = [tablePath, mappingPath] + (schemeSource.map { [$0] } ?? [])
    let finalWriter = AtomicWriter(folder: output, inputs: inputs)
    try finalWriter.checkTargets(files.map(\.name))
    // Check the data set in a scratch folder first, so a mapping that
    // produces a bad data set leaves no trace at the target.
    let staging =
      NSTemporaryDirectory() + "jixiao-import-"
      + "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: staging) }
    try AtomicWriter(folder: staging, inputs: inputs).write(files)

    let check = DatasetLoader.load(folder: staging)
    var seen: Set<String> = []
    let diagnostics = check.diagnostics.compactMap { original -> Diagnostic? in
      let placed = builder.placeInTable(
        original, staging: staging, output: output, table: table,
        mapping: mapping, files: files)
      // A template that reads no column gives the same fault in every row:
      // report it once, at its place in the mapping.
      if placed.file == mappingPath {
        let key = "\(placed.line):\(placed.column):\(original.message)"
        guard seen.insert(key).inserted else { return nil }
      }
      return placed
    }
    if check.hasErrors {
      throw InputError(
        diagnostics.filter { $0.severity == .error }
          + [
            Diagnostic(
              .error, file: mappingPath,
              "the data set this mapping produces does not pass the check "
                + "(above).",
              help: "Fix the mapping or its scheme.")
          ])
    }
    try finalWriter.write(files)
    return Result(
      projectCount: builder.projectCount,
      indicatorCount: builder.indicatorCount,
      unitCount: builder.unitCount,
      diagnostics: log.diagnostics
        + diagnostics.filter { $0.severity == .warning })
  }

  /// Input cells of a computed column named in the table before the rest
  /// are counted.
  static let unreadableCellsNamed = 3

  /// Why a computed column is empty where it is: an error when it is
  /// empty in every row (with the reason: "monthsBetween needs dates;
  /// Budget holds numbers"), else a warning at each input cell that is
  /// not a number or date (the first few, then a count), and notes with
  /// the rows of an empty input and of a division by zero.
  static func computedFaults(
    _ computation: Computation, _ c: Int, _ table: CSVTable, records: [Int],
    mapping: ImportMapping
  ) -> [Diagnostic] {
    let name = computation.name
    let keyPath = "computed[\(c)]"
    var emptyInputs = 0
    var divisions = 0
    var unreadable: [(record: Int, column: Int)] = []
    var values = 0
    for record in records {
      switch computation.outcome(table, record) {
      case .value: values += 1
      case .emptyInput: emptyInputs += 1
      case .divisionByZero: divisions += 1
      case .unreadable(let columns):
        unreadable += columns.map { (record, $0) }
      }
    }
    guard !records.isEmpty else { return [] }
    let header = table.header
    let (a, b) = computation.inputs
    if values == 0 {
      var reasons: [String] = []
      for column in a == b ? [a] : [a, b] {
        if let held = computation.contents(of: column, table, records: records)
        {
          reasons.append("\(header[column]) \(held)")
        }
      }
      if reasons.isEmpty {
        reasons.append(
          divisions > 0
            ? "the divisor \(header[b]) is 0 in every row where both are "
              + "numbers"
            : "no row has both inputs")
      }
      return [
        mapping.places.diagnostic(
          .error, keyPath,
          "the computed column \"\(name)\" is empty in every row: "
            + "\(computation.operation.rawValue) needs \(computation.needs); "
            + reasons.joined(separator: ", and ") + ".",
          help:
            "Name two columns of \(computation.needs), or use "
            + (computation.operation == .monthsBetween
              ? "ratio or difference for numbers."
              : "monthsBetween for dates."))
      ]
    }
    var diagnostics: [Diagnostic] = []
    let what = computation.operation == .monthsBetween ? "a date" : "a number"
    for (record, column) in unreadable.prefix(unreadableCellsNamed) {
      let text = table.text(record, column)
        .trimmingCharacters(in: .whitespaces)
      diagnostics.append(
        table.diagnostic(
          .warning, record: record, column: column,
          "\"\(Diagnostic.oneLine(text))\" in \(header[column]) is not \(what), "
            + "so the computed column \"\(name)\" is empty in this row.",
          help:
            "Correct the cell, or leave it empty when the value is not known."
        ))
    }
    if unreadable.count > unreadableCellsNamed {
      diagnostics.append(
        mapping.places.diagnostic(
          .warning, keyPath,
          "\(unreadable.count - unreadableCellsNamed) more input cell(s) of "
            + "\"\(name)\" are not \(computation.needs) "
            + "(\(unreadable.count) in all); the column is empty in their "
            + "rows."))
    }
    let of = "of \(records.count) row(s)"
    if emptyInputs > 0 {
      diagnostics.append(
        mapping.places.diagnostic(
          .note, keyPath,
          "the computed column \"\(name)\" is empty in \(emptyInputs) \(of) "
            + "where an input is empty."))
    }
    if divisions > 0 {
      diagnostics.append(
        mapping.places.diagnostic(
          .note, keyPath,
          "the computed column \"\(name)\" is empty in \(divisions) \(of) "
            + "where \(header[b]) is 0 (division by zero)."))
    }
    return diagnostics
  }
}
