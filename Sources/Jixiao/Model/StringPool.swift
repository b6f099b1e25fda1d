/// Dictionary-encoded text: a code per row and each distinct text once.
///
/// Columns such as category, level-2 dimension and unit of measure repeat a
/// handful of values over many rows; storing an `Int32` code per row keeps
/// them columnar and makes grouping a matter of integer indices. Texts are
/// interned by their bytes, so a loader can add a field without first
/// making a `String` of it.
public struct StringPool: Sendable, Equatable {
  /// The distinct texts, in order of first appearance.
  public private(set) var values: [String] = []
  /// One code per row, an index into `values`.
  public private(set) var codes: [Int32] = []
  private var index = ByteIndex()
  private var recent = RecentTexts()
  private var emptyCode: Int32 = -1

  public init() {}

  /// Appends a row holding `text`.
  public mutating func append(_ text: String) {
    if text.isEmpty {
      appendEmpty()
      return
    }
    codes.append(code(for: text))
  }

  /// Appends a row holding the empty text (an absent column, a label of a
  /// quantitative row): one code, found once.
  mutating func appendEmpty() {
    if emptyCode < 0 {
      let empty: [UInt8] = []
      emptyCode = empty.withUnsafeBufferPointer { code(for: $0) }
    }
    codes.append(emptyCode)
  }

  /// Appends a row holding the text of these UTF-8 bytes.
  mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
    codes.append(code(for: utf8))
  }

  /// The code of `text`, adding it to the pool if new.
  public mutating func code(for text: String) -> Int32 {
    var text = text
    return text.withUTF8 { code(for: $0) }
  }

  mutating func code(for utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
    // Such columns repeat a few recent texts more often than not.
    if let code = recent.code(for: utf8) { return code }
    let next = Int32(values.count)
    let code = index.insert(utf8, value: next) ?? next
    if code == next { values.append(String(decoding: utf8, as: UTF8.self)) }
    recent.remember(utf8, code: code)
    return code
  }

  /// Appends the rows of another pool, re-coding its texts into this one.
  mutating func append(contentsOf other: StringPool) {
    let recode = other.values.map { code(for: $0) }
    codes.reserveCapacity(codes.count + other.codes.count)
    for code in other.codes { codes.append(recode[Int(code)]) }
  }

  mutating func reserveCapacity(_ rows: Int) { codes.reserveCapacity(rows) }

  /// The rows in the order `order` gives; the texts keep their codes.
  func permuted(_ order: [Int]) -> StringPool {
    var result = self
    result.codes = order.map { codes[$0] }
    return result
  }

  public var count: Int { codes.count }

  public subscript(row: Int) -> String { values[Int(codes[row])] }

  public static func == (lhs: StringPool, rhs: StringPool) -> Bool {
    lhs.values == rhs.values && lhs.codes == rhs.codes
  }
}
