import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A set of files written into one folder that appear all together or not
/// at all.
///
/// Each file is written whole under a temporary name (`.NAME.tmp-PID`).
/// `commit` then moves the files it replaces aside (`.NAME.old-PID`),
/// renames every new file into place, and only then removes the old ones;
/// if a rename fails, the new files are taken out and the old ones put
/// back, so the folder is as it was. Temporary files left by a run that
/// was killed are removed by the next run in the same folder.
///
/// Every folder written also gets `.jixiao-output`, the list of the files
/// Jixiao wrote there. A file of the same name that is not on that list
/// (another data set's projects.csv, say) is never replaced. Files on the
/// list that a run does not produce may be removed with its commit
/// (`removeOnCommit`), so that a folder of tables holds one run's tables.
struct StagedFiles {
  let folder: String
  private var streams: [AtomicFileStream] = []
  private var names: [String] = []
  /// Files of an earlier run that this one removes when it commits.
  private var removals: [String] = []

  static let ledgerName = ".jixiao-output"

  /// Opens a staging set in `folder` (created if missing) for the files
  /// `names`, after checking that none of them would replace a file
  /// Jixiao did not write there.
  ///
  /// - Parameter owned: names the caller knows to be its own even if the
  ///   ledger does not list them (the files of an earlier generated set).
  init(folder: String, names: [String], owned: Set<String> = [])
    throws(InputError)
  {
    self.folder = folder
    try AtomicWriter.createFolder(folder)
    Self.removeStale(in: folder)
    let ledger = Self.ledger(folder).union(owned)
    for name in names {
      let target = Self.path(folder, name)
      var isDirectory: ObjCBool = false
      guard
        FileManager.default.fileExists(
          atPath: target, isDirectory: &isDirectory)
      else { continue }
      if isDirectory.boolValue {
        throw InputError(
          Diagnostic(
            .error, file: target,
            "is a folder, so the \(name) Jixiao writes cannot take its place; "
              + "nothing was written.",
            help:
              "Remove or rename that folder, or choose another output folder."))
      }
      guard ledger.contains(name) else {
        throw InputError(
          Diagnostic(
            .error, file: target,
            "exists and was not written by Jixiao, so it is not replaced; nothing "
              + "was written.",
            help:
              "Choose a new or empty output folder, or one Jixiao wrote before "
              + "(it keeps the list of its files in \(Self.ledgerName))."))
      }
    }
    self.names = names
  }

  static func path(_ folder: String, _ name: String) -> String {
    (folder as NSString).appendingPathComponent(name)
  }

  /// Starts the next file; the caller writes to the stream it gets back.
  mutating func open(_ index: Int) throws(InputError) -> Int {
    let stream = try AtomicFileStream(target: Self.path(folder, names[index]))
    streams.append(stream)
    return streams.count - 1
  }

  mutating func write(_ stream: Int, _ bytes: UnsafeRawBufferPointer)
    throws(InputError)
  {
    do throws(InputError) {
      try streams[stream].write(bytes)
    } catch {
      abandon()
      throw error
    }
  }

  mutating func write(_ stream: Int, _ bytes: [UInt8]) throws(InputError) {
    try withStream(stream) { (out) throws(InputError) in try out.write(bytes) }
  }

  mutating func write(_ stream: Int, _ text: ByteText) throws(InputError) {
    try withStream(stream) { (out) throws(InputError) in try out.write(text) }
  }

  /// Lets `body` write file `stream` through its `ByteSink`.
  mutating func withStream(
    _ stream: Int, _ body: (inout AtomicFileStream) throws(InputError) -> Void
  ) throws(InputError) {
    do throws(InputError) {
      try body(&streams[stream])
    } catch {
      abandon()
      throw error
    }
  }

  /// Also removes, with the commit and only if it succeeds, the files
  /// `names` of the folder, which must be on the ledger (files an earlier
  /// run wrote that this one does not produce).
  mutating func removeOnCommit(_ names: [String]) {
    let ledger = Self.ledger(folder)
    removals = names.filter { ledger.contains($0) && !self.names.contains($0) }
  }

  /// Removes every temporary file; the folder stays as it was.
  mutating func abandon() {
    for index in streams.indices { streams[index].abandon() }
  }

  /// Puts every staged file in place, or none of them.
  mutating func commit() throws(InputError) {
    for index in streams.indices {
      do throws(InputError) {
        try streams[index].close()
      } catch {
        abandon()
        throw error
      }
    }
    let pid = ProcessInfo.processInfo.processIdentifier
    let targets = streams.map(\.target)
    var movedAside: [(target: String, backup: String)] = []
    func restore() {
      for moved in movedAside.reversed() { rename(moved.backup, moved.target) }
    }
    // Files to remove are moved aside like those replaced, so a failure
    // puts them back too.
    let removed = removals.map { Self.path(folder, $0) }
    for target in targets + removed
    where FileManager.default.fileExists(atPath: target) {
      let backup = Self.path(
        folder, ".\((target as NSString).lastPathComponent).old-\(pid)")
      if rename(target, backup) != 0 {
        let code = errno
        restore()
        abandon()
        throw Self.failure(target, code)
      }
      movedAside.append((target, backup))
    }
    for (index, target) in targets.enumerated() {
      if rename(streams[index].temporaryPath, target) != 0 {
        let code = errno
        for placed in targets.prefix(index) { unlink(placed) }
        restore()
        abandon()
        throw Self.failure(target, code)
      }
      streams[index].markCommitted()
    }
    for moved in movedAside { unlink(moved.backup) }
    recordInLedger(names, removed: removals)
  }

  private static func failure(_ target: String, _ code: Int32) -> InputError {
    InputError(
      Diagnostic(
        .error, file: target,
        "cannot be written (\(String(cString: strerror(code)))); nothing was "
          + "written, and the folder is as it was.",
        help: "Check the folder, the free space and your permissions."))
  }

  // MARK: The ledger

  /// The names `.jixiao-output` lists.
  static func ledger(_ folder: String) -> Set<String> {
    guard
      let data = FileManager.default.contents(
        atPath: path(folder, ledgerName))
    else { return [] }
    return Set(
      String(decoding: data, as: UTF8.self).split(separator: "\n").map(
        String.init))
  }

  private func recordInLedger(_ written: [String], removed: [String] = []) {
    let all = Self.ledger(folder).subtracting(removed).union(written).sorted()
    let target = Self.path(folder, Self.ledgerName)
    let temporary = target + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    let text = all.joined(separator: "\n") + "\n"
    if FileManager.default.createFile(
      atPath: temporary, contents: Data(text.utf8))
    {
      rename(temporary, target)
    }
  }

  // MARK: Left-overs of killed runs

  /// Removes `.NAME.tmp-PID` and `.NAME.old-PID` files of processes that
  /// no longer run.
  static func removeStale(in folder: String) {
    let entries =
      (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for entry in entries where entry.hasPrefix(".") {
      guard let dash = entry.lastIndex(of: "-"),
        entry[..<dash].hasSuffix(".tmp") || entry[..<dash].hasSuffix(".old"),
        let pid = Int32(entry[entry.index(after: dash)...]),
        pid != ProcessInfo.processInfo.processIdentifier
      else { continue }
      if kill(pid, 0) != 0, errno == ESRCH {
        unlink(path(folder, entry))
      }
    }
  }
}
