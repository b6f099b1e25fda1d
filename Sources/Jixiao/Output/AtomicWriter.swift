import Foundation

/// Writes output files so that a reader never sees half a file and no
/// input is ever overwritten.
///
/// Each file is written to a temporary name in the same folder and then
/// renamed over the target, which POSIX makes atomic within one file system.
/// Before anything is written, every target is checked against the inputs
/// of the run (compared after resolving symbolic links), and the whole
/// write is refused if one would replace an input.
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

  static func canonical(_ path: String) -> String {
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

  /// Writes each table as `NAME.csv` (or `.json`).
  public func write(
    _ tables: [ReportTable], format: OutputFormat,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(InputError) {
    try write(
      tables.map { table in
        (
          name: "\(table.name).\(format.fileExtension)",
          body: { (stream: inout AtomicFileStream) throws(InputError) in
            try table.write(format, to: &stream, threads: threads)
          }
        )
      })
  }

  /// Stages every file under a temporary name, then renames them all into
  /// place: a fault while writing (a full disk, a folder in the way)
  /// leaves none of the targets changed.
  func write(
    _ files: [(
      name: String, body: (inout AtomicFileStream) throws(InputError) -> Void
    )]
  ) throws(InputError) {
    try checkTargets(files.map(\.name))
    try Self.createFolder(folder)
    var staged: [AtomicFileStream] = []
    do throws(InputError) {
      for file in files {
        var stream = try AtomicFileStream(target: path(for: file.name))
        staged.append(stream)
        try file.body(&stream)
        try stream.close()
        staged[staged.count - 1] = stream
      }
    } catch {
      for index in staged.indices { staged[index].abandon() }
      throw error
    }
    for index in staged.indices {
      do throws(InputError) {
        try staged[index].commit()
      } catch {
        for later in staged.indices where later > index {
          staged[later].abandon()
        }
        throw error
      }
    }
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
