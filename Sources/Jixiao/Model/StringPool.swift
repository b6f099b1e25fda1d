/// Dictionary-encoded text: a code per row and each distinct text once.
///
/// Columns such as category, level-2 dimension and unit of measure repeat a
/// handful of values over many rows; storing an `Int32` code per row keeps
/// them columnar and makes grouping a matter of integer indices.
public struct StringPool: Sendable, Equatable {
  /// The distinct texts, in order of first appearance.
  public private(set) var values: [String] = []
  /// One code per row, an index into `values`.
  public private(set) var codes: [Int32] = []
  private var index: [String: Int32] = [:]

  public init() {}

  /// Appends a row holding `text`.
  public mutating func append(_ text: String) {
    codes.append(code(for: text))
  }

  /// The code of `text`, adding it to the pool if new.
  public mutating func code(for text: String) -> Int32 {
    if let code = index[text] { return code }
    let code = Int32(values.count)
    values.append(text)
    index[text] = code
    return code
  }

  public var count: Int { codes.count }

  public subscript(row: Int) -> String { values[Int(codes[row])] }

  public static func == (lhs: StringPool, rhs: StringPool) -> Bool {
    lhs.values == rhs.values && lhs.codes == rhs.codes
  }
}
