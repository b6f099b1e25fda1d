import Foundation

/// A data set read from a folder, with every problem found on the way.
public struct LoadedDataset: Sendable {
  public var dataset: Dataset
  /// All diagnostics, in file order.
  public var diagnostics: [Diagnostic]
  /// Projects outside the duty → activity tree, excluded from budgeting.
  public var excluded: [Int]

  /// Whether anything blocks scoring.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads and validates a data set folder (docs/format.md) in one pass.
///
/// The loader never stops at the first problem: it reads every file,
/// reports each fault with file:line:column and what to do, and returns
/// what it could build. Callers decide whether errors block their work.
public enum DatasetLoader {
  public static let fileNames = (
    units: "units.csv", duties: "duties.csv", activities: "activities.csv",
    projects: "projects.csv", indicators: "indicators.csv",
    scheme: "scheme.json",
    info: "dataset.json"
  )

  /// Loads the folder `folder`.
  ///
  /// - Parameter schemePath: a scheme that replaces the data set's own.
  public static func load(folder: String, schemePath: String? = nil)
    -> LoadedDataset
  {
    var log = DiagnosticLog()
    var dataset = Dataset()
    dataset.folder = folder
    var excluded: [Int] = []

    var isDirectory: ObjCBool = false
    guard
      FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      log.append(
        Diagnostic(
          .error, file: folder, "is not a data set folder.",
          help:
            "Name a folder holding units.csv, projects.csv, indicators.csv … "
            + "(see docs/format.md)."))
      return LoadedDataset(
        dataset: dataset, diagnostics: log.diagnostics, excluded: [])
    }

    dataset.info = readInfo(path(folder, fileNames.info), log: &log)
    let schemeFile = schemePath ?? path(folder, fileNames.scheme)
    let errorsBefore = log.errorCount
    dataset.scheme = readScheme(
      schemeFile, isExplicit: schemePath != nil, log: &log)
    let schemeFailed = log.errorCount > errorsBefore

    var reader = Reader(log: log)
    reader.readUnits(path(folder, fileNames.units), into: &dataset)
    reader.readDuties(path(folder, fileNames.duties), into: &dataset)
    reader.readActivities(path(folder, fileNames.activities), into: &dataset)
    excluded = reader.readProjects(
      path(folder, fileNames.projects), into: &dataset)
    if schemeFailed {
      // Checking rows against a scheme that did not load would only repeat
      // the scheme's errors once per row.
      reader.log.append(
        Diagnostic(
          .note, file: path(folder, fileNames.indicators),
          "not checked, because the scheme (\(schemeFile)) has errors.",
          help: "Fix the scheme first."))
    } else {
      reader.readIndicators(
        path(folder, fileNames.indicators), into: &dataset)
      reader.checkProjects(dataset)
    }
    reader.reportSkippedReferences()
    return LoadedDataset(
      dataset: dataset, diagnostics: reader.log.diagnostics, excluded: excluded)
  }

  public static func path(_ folder: String, _ file: String) -> String {
    folder.hasSuffix("/") ? folder + file : folder + "/" + file
  }

  private static func readInfo(_ path: String, log: inout DiagnosticLog)
    -> Dataset.Info
  {
    var info = Dataset.Info()
    guard FileManager.default.fileExists(atPath: path) else { return info }
    do {
      let document = try JSONDocument.read(path)
      guard var reader = JSONObjectReader(document, log: &log) else {
        return info
      }
      info.name = reader.string("name", log: &log) ?? ""
      info.moneyUnit = reader.string("moneyUnit", log: &log) ?? info.moneyUnit
      info.description = reader.string("description", log: &log) ?? ""
      info.source = reader.string("source", log: &log) ?? ""
      _ = reader.raw("attribution")
      _ = reader.raw("licence")
      _ = reader.raw("license")
      _ = reader.raw("generator")
      reader.reportUnknownKeys(log: &log)
    } catch {
      log.append(contentsOf: error.diagnostics)
    }
    return info
  }

  private static func readScheme(
    _ path: String, isExplicit: Bool, log: inout DiagnosticLog
  ) -> ScoringScheme {
    guard isExplicit || FileManager.default.fileExists(atPath: path) else {
      log.append(
        Diagnostic(
          .note, file: path,
          "no scheme.json; the default 财预〔2020〕10号 self-evaluation scheme is used."
        ))
      return ScoringScheme()
    }
    do {
      let (scheme, warnings) = try ScoringScheme.load(from: path)
      log.append(contentsOf: warnings)
      return scheme
    } catch {
      log.append(contentsOf: error.diagnostics)
      return ScoringScheme()
    }
  }
}

/// The state of one loading pass: the log and the id lookups built so far.
struct Reader {
  var log: DiagnosticLog
  var unitIndex: [String: Int32] = [:]
  var dutyIndex: [String: Int32] = [:]
  var activityIndex: [String: Int32] = [:]
  var projectIndex: [String: Int32] = [:]
  /// Line of each project in projects.csv, for messages.
  var projectLine: [Int] = []
  /// Files that did not load completely (unreadable, missing columns,
  /// dropped records, empty ids): an id missing from them may be in the
  /// part that failed, so references to them are not reported one by one.
  var incompleteFiles: Set<String> = []
  /// References not checked, per incomplete file.
  var skippedReferences: [String: Int] = [:]
  var projectsPath = ""
  var indicatorsPath = ""
  var indicatorTable: CSVTable?
  var indicatorWeightColumn = 0
  /// Record of each sorted indicator row in indicators.csv.
  var indicatorRecords: [Int] = []
  /// Whether the indicators file was read without a fatal fault.
  var indicatorsRead = false

  init(log: DiagnosticLog) {
    self.log = log
  }

  /// Reads a table, or logs why it cannot be read.
  mutating func table(_ path: String, specs: [ColumnSpec]) -> (
    CSVTable, ColumnMap
  )? {
    let file = (path as NSString).lastPathComponent
    let errorsBefore = log.errorCount
    do {
      let table = try CSVTable(contentsOf: path, log: &log)
      if log.errorCount > errorsBefore { incompleteFiles.insert(file) }
      let map = ColumnMap(table, specs: specs, log: &log)
      if specs.contains(where: { $0.isRequired && map[$0.name] == nil }) {
        incompleteFiles.insert(file)
        return nil
      }
      return (table, map)
    } catch {
      log.append(contentsOf: error.diagnostics)
      incompleteFiles.insert(file)
      return nil
    }
  }

  /// Reads a unique id column into `index`, reporting blanks and duplicates.
  mutating func readIDs(
    _ table: CSVTable, column: Int, what: String,
    into index: inout [String: Int32]
  ) -> [String] {
    var ids: [String] = []
    ids.reserveCapacity(table.recordCount)
    for record in 0..<table.recordCount {
      let id = table.text(record, column)
      if id.isEmpty {
        incompleteFiles.insert((table.path as NSString).lastPathComponent)
        log.append(
          table.diagnostic(
            .error, record: record, column: column, "the \(what) id is empty.",
            help: "Give every \(what) a unique id."))
      } else if let first = index[id] {
        log.append(
          table.diagnostic(
            .error, record: record, column: column,
            "\(what) id \"\(id)\" is used twice (first on line \(lineOfFirst(table, Int(first)))).",
            help: "Ids must be unique; rename one of the two."))
      } else {
        index[id] = Int32(ids.count)
      }
      ids.append(id)
    }
    return ids
  }

  private func lineOfFirst(_ table: CSVTable, _ row: Int) -> Int {
    row < table.recordCount ? table.line(ofRecord: row) : 0
  }

  /// Resolves a reference to another table's id, logging an unknown one.
  mutating func reference(
    _ table: CSVTable, _ record: Int, _ column: Int, in index: [String: Int32],
    what: String, file: String
  ) -> Int32 {
    let id = table.text(record, column)
    if let found = index[id] { return found }
    if incompleteFiles.contains(file), !id.isEmpty {
      skippedReferences[file, default: 0] += 1
      return -1
    }
    let shown = id.isEmpty ? "is empty" : "\"\(id)\" is not in \(file)"
    log.append(
      table.diagnostic(
        .error, record: record, column: column, "the \(what) \(shown).",
        help: "Use an id listed in \(file)."))
    return -1
  }

  /// One note per incomplete file instead of an error per reference.
  mutating func reportSkippedReferences() {
    for (file, count) in skippedReferences.sorted(by: { $0.key < $1.key }) {
      log.append(
        Diagnostic(
          .note, file: file,
          "\(count) reference(s) to \(file) were not checked, because the file has "
            + "errors (above).",
          help: "Fix \(file) first; the references are checked again then."))
    }
  }

  mutating func readUnits(_ path: String, into dataset: inout Dataset) {
    guard let (table, map) = table(path, specs: Columns.units) else { return }
    var units = Units()
    var index = unitIndex
    units.ids = readIDs(
      table, column: map["id"] ?? 0, what: "unit", into: &index)
    unitIndex = index
    for record in 0..<table.recordCount {
      units.names.append(table.text(record, map["name"] ?? 0))
      units.level.append(map["level"].map { table.text(record, $0) } ?? "")
      units.region.append(map["region"].map { table.text(record, $0) } ?? "")
      var parent: Int32 = -1
      if let column = map["parent"], !table.isBlank(record, column) {
        parent = reference(
          table, record, column, in: unitIndex, what: "parent unit",
          file: "units.csv")
      }
      units.parent.append(parent)
    }
    reportCycles(units, table: table, column: map["parent"] ?? 0)
    dataset.units = units
  }

  /// Logs each unit whose chain of parents loops back on itself.
  private mutating func reportCycles(
    _ units: Units, table: CSVTable, column: Int
  ) {
    // 0: not seen, 1: on the current walk, 2: done.
    var state = [UInt8](repeating: 0, count: units.count)
    for start in 0..<units.count where state[start] == 0 {
      var path: [Int] = []
      var node = start
      while node >= 0, state[node] == 0 {
        state[node] = 1
        path.append(node)
        node = Int(units.parent[node])
      }
      if node >= 0, state[node] == 1 {
        log.append(
          table.diagnostic(
            .error, record: node, column: column,
            "unit \"\(units.ids[node])\" is its own ancestor (the parent chain loops).",
            help: "Give the top unit of the chain an empty parent."))
      }
      for visited in path { state[visited] = 2 }
    }
  }

  mutating func readDuties(_ path: String, into dataset: inout Dataset) {
    var index = dutyIndex
    guard
      let level = readTreeLevel(
        path, specs: Columns.duties, what: "duty", into: &index,
        parent: ("unit", unitIndex, "units.csv"))
    else { return }
    dutyIndex = index
    dataset.duties = Duties(
      ids: level.ids, names: level.names, unit: level.parents)
  }

  mutating func readActivities(_ path: String, into dataset: inout Dataset) {
    var index = activityIndex
    guard
      let level = readTreeLevel(
        path, specs: Columns.activities, what: "activity", into: &index,
        parent: ("duty", dutyIndex, "duties.csv"))
    else { return }
    activityIndex = index
    dataset.activities = Activities(
      ids: level.ids, names: level.names, duty: level.parents)
  }

  /// Reads a level of the duty → activity tree: id, name, and a reference
  /// to the level above.
  private mutating func readTreeLevel(
    _ path: String, specs: [ColumnSpec], what: String,
    into index: inout [String: Int32],
    parent: (column: String, index: [String: Int32], file: String)
  ) -> (ids: [String], names: [String], parents: [Int32])? {
    guard let (table, map) = table(path, specs: specs) else { return nil }
    let ids = readIDs(table, column: map["id"] ?? 0, what: what, into: &index)
    var names: [String] = []
    var parents: [Int32] = []
    for record in 0..<table.recordCount {
      names.append(table.text(record, map["name"] ?? 0))
      parents.append(
        reference(
          table, record, map[parent.column] ?? 0, in: parent.index,
          what: parent.column, file: parent.file))
    }
    return (ids, names, parents)
  }
}
