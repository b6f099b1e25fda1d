import Foundation

/// A data set read from a folder, with every problem found on the way.
public struct LoadedDataset: Sendable {
  public var dataset: Dataset
  /// All diagnostics, in file order.
  public var diagnostics: [Diagnostic]
  /// Projects outside the duty → activity tree, excluded from budgeting.
  public var excluded: [Int]
  /// Seconds spent on each file (and on the checks across files), for
  /// `--timings`.
  public var timings: [(stage: String, seconds: Double)] = []

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
    spending: "spending.csv",
    scheme: "scheme.json",
    info: "dataset.json"
  )

  /// Loads the folder `folder`.
  ///
  /// - Parameters:
  ///   - schemePath: a scheme that replaces the data set's own.
  ///   - threads: how many cores read the large files (default: all).
  public static func load(
    folder: String, schemePath: String? = nil,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) -> LoadedDataset {
    load(
      folder: folder, schemePath: schemePath, threads: threads,
      minimumChunkBytes: CSVFile.minimumChunkBytes)
  }

  /// `load` with the smallest chunk a file is split into (tests split
  /// small files to check that chunks change nothing).
  static func load(
    folder: String, schemePath: String?, threads: Int, minimumChunkBytes: Int
  ) -> LoadedDataset {
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

    var reader = Reader(
      log: log, threads: threads, minimumChunkBytes: minimumChunkBytes)
    reader.schemePath = schemeFile
    var clock = Stopwatch()
    reader.readUnits(path(folder, fileNames.units), into: &dataset)
    clock.lap("units")
    reader.readDuties(path(folder, fileNames.duties), into: &dataset)
    clock.lap("duties")
    reader.readActivities(path(folder, fileNames.activities), into: &dataset)
    clock.lap("activities")
    excluded = reader.readProjects(
      path(folder, fileNames.projects), into: &dataset)
    clock.lap("projects")
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
      clock.lap("indicators")
      reader.checkProjects(dataset)
      clock.lap("checks")
    }
    let spending = path(folder, fileNames.spending)
    if FileManager.default.fileExists(atPath: spending) {
      reader.readSpending(spending, into: &dataset)
      clock.lap("spending")
    }
    reader.reportSkippedReferences()
    return LoadedDataset(
      dataset: dataset, diagnostics: reader.log.diagnostics, excluded: excluded,
      timings: clock.laps)
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
    // A scheme named on the command line that is not there: say what the
    // file was meant to be, not only that it cannot be read.
    var isDirectory: ObjCBool = false
    if isExplicit,
      !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        || isDirectory.boolValue
        || !FileManager.default.isReadableFile(atPath: path)
    {
      let why =
        !FileManager.default.fileExists(atPath: path)
        ? "there is no such file"
        : isDirectory.boolValue ? "it is a folder" : "it may not be read"
      log.append(
        Diagnostic(
          .error, file: path,
          "the scoring scheme given with --scheme cannot be read: \(why).",
          help:
            "Give the path of a scheme file (docs/scheme.md), or leave out "
            + "--scheme to use each data set's scheme.json."))
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
///
/// Large files are read in chunks on all cores: each chunk is read by a
/// copy of the reader with an empty log (`forChunk`), and the copies are
/// merged back in file order (`absorb`), so the diagnostics come out as a
/// single pass would give them.
struct Reader: Sendable {
  var log: DiagnosticLog
  let threads: Int
  var unitIndex = ByteIndex()
  var dutyIndex = ByteIndex()
  var activityIndex = ByteIndex()
  var projectIndex = ByteIndex()
  /// Project ids in file order, to check the next project first.
  var projectIDs = TextColumn()
  /// Rows whose id repeats an earlier one (reported by `indexIDs`).
  var repeatedProjects: [Bool] = []
  /// The executed amount as written, of projects where it was at fault
  /// (kept as 0), for messages that compare with it.
  var faultyExecuted: [Int: String] = [:]
  /// Projects that lost an indicator row to a fault in its record.
  var projectsMissingRows: Set<Int> = []
  /// Line of each project in projects.csv, for messages.
  var projectLine: [Int] = []
  /// Files that did not load completely (unreadable, missing columns,
  /// dropped records, empty ids): an id missing from them may be in the
  /// part that failed, so references to them are not reported one by one.
  var incompleteFiles: Set<String> = []
  /// References not checked, per incomplete file.
  var skippedReferences: [String: Int] = [:]
  var projectsPath = ""
  /// The scheme in use: the data set's scheme.json or --scheme's file.
  var schemePath = ""
  var indicatorsPath = ""
  var indicatorFile: CSVFile?
  var indicatorWeightColumn = 0
  /// Byte offset of each sorted indicator row's record in indicators.csv.
  var indicatorOffsets: [Int] = []
  /// Whether the indicators file was read without a fatal fault.
  var indicatorsRead = false

  let minimumChunkBytes: Int

  init(log: DiagnosticLog, threads: Int, minimumChunkBytes: Int) {
    self.log = log
    self.threads = max(1, threads)
    self.minimumChunkBytes = minimumChunkBytes
  }

  /// A copy for one chunk of a file: same lookups, empty log.
  func forChunk() -> Reader {
    var copy = self
    copy.log = DiagnosticLog()
    copy.skippedReferences = [:]
    return copy
  }

  /// Takes in what a chunk's copy found.
  mutating func absorb(_ chunk: Reader) {
    log.append(contentsOf: chunk.log.diagnostics)
    incompleteFiles.formUnion(chunk.incompleteFiles)
    for (file, count) in chunk.skippedReferences {
      skippedReferences[file, default: 0] += count
    }
  }

  /// Opens a table and maps its header, or logs why it cannot be read.
  mutating func table(_ path: String, specs: [ColumnSpec]) -> (
    CSVFile, ColumnMap
  )? {
    let file = (path as NSString).lastPathComponent
    do {
      let table = try CSVFile(contentsOf: path)
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

  /// Reads every record of `table` in chunks on all cores: `body` gets a
  /// reader of its own per chunk and returns what it built from its
  /// records, which come back in file order.
  ///
  /// - Returns: nil after a fault that stops the scan (logged).
  mutating func readChunks<Part: Sendable>(
    _ table: CSVFile,
    _ body:
      @Sendable (inout Reader, inout CSVRecordReader) throws(InputError)
      -> Part
  ) -> [Part]? {
    let base = self
    let name = (table.path as NSString).lastPathComponent
    do {
      let parts = try table.forEachChunk(
        threads: threads, minimumChunkBytes: minimumChunkBytes
      ) {
        (records) throws(InputError) -> ChunkResult<Part> in
        var worker = base.forChunk()
        let part = try body(&worker, &records)
        if records.droppedCount > 0 { worker.incompleteFiles.insert(name) }
        return ChunkResult(reader: worker, part: part)
      }
      for part in parts { absorb(part.reader) }
      return parts.map(\.part)
    } catch {
      log.append(contentsOf: error.diagnostics)
      incompleteFiles.insert(name)
      return nil
    }
  }

  /// Builds the id lookup of a table, reporting empty and repeated ids at
  /// their cells.
  mutating func indexIDs(
    _ ids: TextColumn, places: RecordPlaces, table: CSVFile, column: Int,
    what: String
  ) -> ByteIndex {
    var repeated: [Bool] = []
    return indexIDs(
      ids, places: places, table: table, column: column, what: what,
      repeated: &repeated)
  }

  /// `indexIDs`, also marking the rows whose id repeats an earlier one.
  mutating func indexIDs(
    _ ids: TextColumn, places: RecordPlaces, table: CSVFile, column: Int,
    what: String, repeated: inout [Bool]
  ) -> ByteIndex {
    repeated = [Bool](repeating: false, count: ids.count)
    var index = ByteIndex(capacity: ids.count)
    for row in 0..<ids.count {
      if ids.byteCount(row) == 0 {
        incompleteFiles.insert((table.path as NSString).lastPathComponent)
        log.append(
          places.diagnostic(
            table, row, .error, column: column, "the \(what) id is empty.",
            help: "Give every \(what) a unique id."))
        continue
      }
      let first = ids.withBytes(row) { index.insert($0, value: Int32(row)) }
      if let first {
        repeated[row] = true
        log.append(
          places.diagnostic(
            table, row, .error, column: column,
            "\(what) id \"\(ids[row])\" is used twice (first on line "
              + "\(places.line[Int(first)])).",
            help: "Ids must be unique; rename one of the two."))
      }
    }
    return index
  }

  /// Resolves a reference to another table's id, logging an unknown one.
  mutating func reference(
    _ record: CSVRecord, _ column: Int, in index: ByteIndex, what: String,
    file: String
  ) -> Int32 {
    if let found = record.withText(column, { index.find($0) }) { return found }
    let id = record.text(column)
    return unknownReference(
      id, what: what, file: file,
      at: { record.diagnostic(.error, column: column, $0, help: $1) })
  }

  /// Logs a reference that is not in `file` (or counts it when `file` is
  /// incomplete); returns −1.
  mutating func unknownReference(
    _ id: String, what: String, file: String,
    at place: (String, String) -> Diagnostic
  ) -> Int32 {
    if incompleteFiles.contains(file), !id.isEmpty {
      skippedReferences[file, default: 0] += 1
      return -1
    }
    let shown = id.isEmpty ? "is empty" : "\"\(id)\" is not in \(file)"
    log.append(place("the \(what) \(shown).", "Use an id listed in \(file)."))
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

  /// Puts the diagnostics logged since `mark` in file order: by line and
  /// column, those without a place last, ties kept in the order found.
  mutating func sortDiagnostics(since mark: Int) {
    let fresh = log.diagnostics[mark...].enumerated().sorted {
      let a = (
        $0.element.line == 0 ? Int.max : $0.element.line, $0.element.column,
        $0.offset
      )
      let b = (
        $1.element.line == 0 ? Int.max : $1.element.line, $1.element.column,
        $1.offset
      )
      return a < b
    }
    log.replace(from: mark, with: fresh.map(\.element))
  }
}

/// What one chunk produced: its reader (log, skipped references) and part.
struct ChunkResult<Part: Sendable>: Sendable {
  var reader: Reader
  var part: Part
}

/// Where each record of a table starts, for messages placed after the
/// table was read (duplicate ids, weights that do not add up).
struct RecordPlaces: Sendable {
  var offset: [Int] = []
  var line: [Int] = []

  mutating func append(_ record: CSVRecord) {
    offset.append(record.offset)
    line.append(record.line)
  }

  mutating func append(contentsOf other: RecordPlaces) {
    offset.append(contentsOf: other.offset)
    line.append(contentsOf: other.line)
  }

  func diagnostic(
    _ table: CSVFile, _ row: Int, _ severity: Diagnostic.Severity,
    column: Int, _ message: String, help: String = ""
  ) -> Diagnostic {
    table.diagnostic(
      severity, recordAt: offset[row], line: line[row], column: column,
      message, help: help)
  }
}
