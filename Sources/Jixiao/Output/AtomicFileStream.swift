import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written in pieces to a temporary name and renamed into place
/// when complete, so that a reader never sees half a file, however large.
///
/// `AtomicWriter` checks the targets against the run's inputs first; this
/// type only does the writing. A stream that is not committed removes its
/// temporary file when it is closed.
public struct AtomicFileStream: ByteSink {
  let target: String
  private let temporary: String

  /// Where the bytes go until the file is put in place.
  var temporaryPath: String { temporary }
  private var descriptor: Int32
  /// Set once the temporary file is renamed or removed.
  private var isAbandoned = false

  /// Opens `DIR/.NAME.tmp-PID` for writing.
  init(target: String) throws(InputError) {
    self.target = target
    let folder = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    temporary =
      (folder.isEmpty ? "." : folder)
      + "/.\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
    descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw Self.failure(target, errno)
    }
  }

  /// Appends bytes; retries short writes.
  public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(InputError)
  {
    var offset = 0
    while offset < bytes.count {
      guard let base = bytes.baseAddress else { return }
      let written = Glibc.write(
        descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        let code = errno
        abandon()
        throw Self.failure(target, code)
      }
      offset += written
    }
  }

  /// Closes the file; `commit` then renames it into place.
  mutating func close() throws(InputError) {
    guard descriptor >= 0 else { return }
    let result = Glibc.close(descriptor)
    descriptor = -1
    if result != 0 {
      let code = errno
      unlink(temporary)
      isAbandoned = true
      throw Self.failure(target, code)
    }
  }

  /// Closes the file (if open) and renames it over the target.
  mutating func commit() throws(InputError) {
    try close()
    guard !isAbandoned else { return }
    isAbandoned = true
    if rename(temporary, target) != 0 {
      let code = errno
      unlink(temporary)
      throw Self.failure(target, code)
    }
  }

  /// Records that the temporary file was renamed into place by a
  /// `StagedFiles` commit.
  mutating func markCommitted() { isAbandoned = true }

  /// Closes and removes the temporary file; the target is left as it was.
  mutating func abandon() {
    if descriptor >= 0 { Glibc.close(descriptor) }
    descriptor = -1
    if !isAbandoned { unlink(temporary) }
    isAbandoned = true
  }

  private static func failure(_ target: String, _ code: Int32) -> InputError {
    InputError(
      Diagnostic(
        .error, file: target,
        "cannot be written (\(String(cString: strerror(code)))).",
        help: "Check the folder, the free space and your permissions."))
  }
}
