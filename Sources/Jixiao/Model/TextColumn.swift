/// A column of texts stored as one run of UTF-8 bytes and their offsets.
///
/// A million names cost one allocation and eight bytes of offset each,
/// instead of a heap-allocated `String` per row; a `String` is made only
/// when a row is read. Text `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
public struct TextColumn: Sendable, Equatable, RandomAccessCollection,
  ExpressibleByArrayLiteral
{
  private(set) var bytes: [UInt8] = []
  private(set) var offsets: [Int] = [0]

  public init() {}

  public init<S: Sequence>(_ texts: S) where S.Element == String {
    for text in texts { append(text) }
  }

  public init(arrayLiteral texts: String...) {
    self.init(texts)
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { offsets.count - 1 }

  public subscript(row: Int) -> String {
    String(decoding: bytes[offsets[row]..<offsets[row + 1]], as: UTF8.self)
  }

  /// The UTF-8 bytes of row `row`, valid inside `body` only.
  func withBytes<R>(
    _ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    try bytes.withUnsafeBufferPointer { buffer in
      try body(
        UnsafeBufferPointer(rebasing: buffer[offsets[row]..<offsets[row + 1]]))
    }
  }

  /// Calls `body` with all bytes and offsets at once, for loops over many
  /// rows: text `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
  func withStorage<R>(
    _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R
  ) rethrows -> R {
    try bytes.withUnsafeBufferPointer { bytes in
      try offsets.withUnsafeBufferPointer { offsets in
        try body(bytes, offsets)
      }
    }
  }

  /// Byte length of row `row`.
  func byteCount(_ row: Int) -> Int { offsets[row + 1] - offsets[row] }

  public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
    offsets.append(bytes.count)
  }

  mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: utf8)
    offsets.append(bytes.count)
  }

  /// Appends the rows of another column.
  mutating func append(contentsOf other: TextColumn) {
    let base = bytes.count
    bytes.append(contentsOf: other.bytes)
    offsets.reserveCapacity(offsets.count + other.count)
    for row in 0..<other.count { offsets.append(base + other.offsets[row + 1]) }
  }

  mutating func reserveCapacity(rows: Int, bytes byteCount: Int) {
    offsets.reserveCapacity(rows + 1)
    bytes.reserveCapacity(byteCount)
  }

  /// The rows in the order `order` gives.
  func permuted(_ order: [Int]) -> TextColumn {
    var result = TextColumn()
    result.reserveCapacity(rows: order.count, bytes: bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      for row in order {
        result.append(
          UnsafeBufferPointer(
            rebasing: buffer[offsets[row]..<offsets[row + 1]]))
      }
    }
    return result
  }
}
