import Foundation

/// Writes output files so that a reader never sees half a file and no
/// input is ever overwritten.
///
/// The files of one run appear together or not at all (`StagedFiles`):
/// each is written under a temporary name in the same folder, and all are
/// renamed into place at the end, which POSIX makes atomic per file within
/// one file system. Before anything is written, every target is checked
/// against the inputs of the run (compared after resolving symbolic
/// links), and against the files of the folder that Jixiao did not write;
/// the whole write is refused if one would be replaced.
public struct AtomicWriter: Sendable {
  /// The folder written into.
  public let folder: String
  /// Canonical paths of the run's input files and folders.
  private let protectedPaths: Set<String>

  /// - Parameters:
  ///   - folder: the output folder; created if missing.
  ///   - inputs: files and folders the run reads; none may be written over.
  public init(folder: String, inputs: [String]) {
    self.folder = folder
    self.protectedPaths = Set(inputs.map(Self.canonical))
  }

  /// A path with symbolic links, `.` and `..` resolved, for comparing
  /// two names of one file.
  public static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
      .path
  }

  /// The path a file of that name would get.
  public func path(for name: String) -> String {
    (folder as NSString).appendingPathComponent(name)
  }

  /// Checks that none of `names` would replace an input, and that the
  /// output folder is not an input data set folder.
  public func checkTargets(_ names: [String]) throws(InputError) {
    let folderPath = Self.canonical(folder)
    if protectedPaths.contains(folderPath) {
      throw InputError(
        Diagnostic(
          .error, file: folder,
          "is an input of this run; Jixiao will not write into it.",
          help: "Choose another --out folder."))
    }
    for name in names {
      let target = Self.canonical(path(for: name))
      if protectedPaths.contains(target) {
        throw InputError(
          Diagnostic(
            .error, file: path(for: name),
            "is an input of this run; it will not be overwritten.",
            help: "Choose another --out folder."))
      }
    }
  }

  /// Writes all files, each atomically; nothing is written if a target is
  /// an input.
  public func write(_ files: [(name: String, contents: String)])
    throws(InputError)
  {
    try write(
      files.map { file in
        (
          name: file.name,
          body: { (stream: inout AtomicFileStream) throws(InputError) in
            try stream.write(Array(file.contents.utf8))
          }
        )
      })
  }

  /// Writes each table as `NAME.csv` (or `.json`), and removes the tables
  /// an earlier run wrote into the folder that this run does not produce
  /// (`earlierTables`), in the same all-or-nothing step: the folder then
  /// holds this run's tables only, never a trends.csv of an earlier study
  /// or a .csv beside the .json of the same table.
  ///
  /// - Returns: the names of the files removed.
  @discardableResult
  public func write(
    _ tables: [ReportTable], format: OutputFormat,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(InputError) -> [String] {
    let names = tables.map { "\($0.name).\(format.fileExtension)" }
    let removed = earlierTables(besides: names)
    try write(
      zip(names, tables).map { name, table in
        (
          name: name,
          body: { (stream: inout AtomicFileStream) throws(InputError) in
            try table.write(format, to: &stream, threads: threads)
          }
        )
      }, removing: removed)
    return removed
  }

  /// The tables of earlier runs that a run writing `names` removes: files
  /// the ledger lists (Jixiao wrote them), ending in .csv or .json, that
  /// are not among `names` and not inputs of this run. A folder that holds
  /// a data set (a dataset.json) keeps every file: its tables are data.
  func earlierTables(besides names: [String]) -> [String] {
    let manager = FileManager.default
    guard !manager.fileExists(atPath: path(for: "dataset.json")) else {
      return []
    }
    let written = Set(names)
    return StagedFiles.ledger(folder).sorted().filter { name in
      var isDirectory: ObjCBool = false
      return !written.contains(name) && !name.contains("/")
        && (name.hasSuffix(".csv") || name.hasSuffix(".json"))
        && manager.fileExists(
          atPath: path(for: name), isDirectory: &isDirectory)
        && !isDirectory.boolValue
        && !protectedPaths.contains(Self.canonical(path(for: name)))
    }
  }

  /// Stages every file under a temporary name, then puts them all in
  /// place together (`StagedFiles`): a fault while writing (a full disk, a
  /// folder in the way) leaves the folder as it was, and a file Jixiao did
  /// not write there is never replaced.
  ///
  /// - Parameter removing: files of an earlier run (on the ledger) that go
  ///   with the commit.
  func write(
    _ files: [(
      name: String, body: (inout AtomicFileStream) throws(InputError) -> Void
    )], removing: [String] = []
  ) throws(InputError) {
    try checkTargets(files.map(\.name))
    var staged = try StagedFiles(folder: folder, names: files.map(\.name))
    staged.removeOnCommit(removing)
    for (index, file) in files.enumerated() {
      let stream = try staged.open(index)
      try staged.withStream(stream) { (out) throws(InputError) in
        try file.body(&out)
      }
    }
    try staged.commit()
  }

  /// Creates a folder and its parents, naming the part that failed and
  /// why (a file in the way, no permission) in the error.
  static func createFolder(_ folder: String) throws(InputError) {
    var path = folder.hasPrefix("/") ? "" : "."
    for component in folder.split(separator: "/") {
      path += "/" + component
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      {
        guard isDirectory.boolValue else {
          throw InputError(
            Diagnostic(
              .error, file: folder,
              "cannot be created: \(path) is a file, not a folder.",
              help: "Choose another --out folder."))
        }
        continue
      }
      if mkdir(path, 0o755) != 0, errno != EEXIST {
        let reason = String(cString: strerror(errno))
        throw InputError(
          Diagnostic(
            .error, file: folder, "cannot be created (\(path): \(reason)).",
            help: "Choose a folder you may write to."))
      }
    }
  }
}
