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
    var empty = [Int](repeating: 0, count: mapping.computed.count)
    for record in 0..<table.recordCount where mapping.keeps(table, record) {
      builder.add(table, record, mapping, log: &log)
      for (c, computation) in mapping.computed.enumerated()
      where computation.value(table, record) == nil {
        empty[c] += 1
      }
    }
    for (c, computation) in mapping.computed.enumerated() where empty[c] > 0 {
      log.append(
        mapping.places.diagnostic(
          .note, "computed[\(c)]",
          "the computed column \"\(computation.name)\" is empty in \(empty[c]) of "
            + "\(builder.projectCount) row(s): an input is empty or not "
            + (computation.operation == .monthsBetween
              ? "a date (YYYY-MM-DD)." : "a number, or the divisor is 0.")))
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
}
