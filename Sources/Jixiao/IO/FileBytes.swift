import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of an input file, memory-mapped when the file allows it.
///
/// Mapping lets a 10 GB table be read without a copy in memory: pages are
/// read from the page cache as the parser reaches them and can be dropped
/// by the kernel again. Pipes and other special files are read instead.
/// The bytes never change while the object lives (a private, read-only
/// mapping; a file truncated underneath by another program is outside what
/// Jixiao can guard against).
final class FileBytes: @unchecked Sendable {
  let buffer: UnsafeBufferPointer<UInt8>
  private let mappedLength: Int
  private let owned: UnsafeMutablePointer<UInt8>?

  /// Bytes already in memory (tests, imports built in code).
  init(_ bytes: [UInt8]) {
    let copy = UnsafeMutablePointer<UInt8>.allocate(
      capacity: max(1, bytes.count))
    bytes.withUnsafeBufferPointer { source in
      if let base = source.baseAddress {
        copy.initialize(from: base, count: bytes.count)
      }
    }
    owned = copy
    mappedLength = 0
    buffer = UnsafeBufferPointer(start: copy, count: bytes.count)
  }

  /// Maps or reads the file at `path`.
  init(contentsOf path: String) throws(InputError) {
    var isDirectory: ObjCBool = false
    guard
      FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    else {
      throw InputError(
        Diagnostic(.error, file: path, "no such file.", help: "Check the path.")
      )
    }
    if isDirectory.boolValue {
      throw InputError(
        Diagnostic(
          .error, file: path, "is a folder, not a CSV file.",
          help: "Name the file itself."))
    }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw Self.unreadable(path) }
    defer { close(descriptor) }
    var status = stat()
    if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
      let length = Int(status.st_size)
      if length == 0 {
        owned = .allocate(capacity: 1)
        mappedLength = 0
        buffer = UnsafeBufferPointer(start: owned, count: 0)
        return
      }
      // MAP_POPULATE maps every page up front, which costs less than a
      // page fault per 4 KB as the parser reaches each page.
      if let address = mmap(
        nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
        address != MAP_FAILED
      {
        owned = nil
        mappedLength = length
        buffer = UnsafeBufferPointer(
          start: address.assumingMemoryBound(to: UInt8.self), count: length)
        return
      }
    }
    // Not a regular file, or mapping failed: read it whole.
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Self.unreadable(path)
    }
    let copy = UnsafeMutablePointer<UInt8>.allocate(
      capacity: max(1, data.count))
    data.copyBytes(to: copy, count: data.count)
    owned = copy
    mappedLength = 0
    buffer = UnsafeBufferPointer(start: copy, count: data.count)
  }

  deinit {
    if let owned {
      owned.deallocate()
    } else if let base = buffer.baseAddress, mappedLength > 0 {
      munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
    }
  }

  var count: Int { buffer.count }

  private static func unreadable(_ path: String) -> InputError {
    InputError(
      Diagnostic(
        .error, file: path, "cannot be read.",
        help: "Check that you may read the file."))
  }
}
