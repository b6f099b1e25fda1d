/// Remembers what a field's text resolved to, keyed by its bytes.
///
/// Columns such as dimension, kind, operator and tier label hold a handful
/// of distinct texts over millions of rows; resolving each distinct text
/// once (with the scheme's `String` rules) and looking the rest up by
/// bytes keeps the row loop free of `String`s.
struct TextMemo<Value> {
  private var recent = RecentTexts()
  private var index = ByteIndex()
  private var values: [Value] = []

  /// The value for `text`, computed from its `String` the first time.
  mutating func value(
    for text: UnsafeBufferPointer<UInt8>, _ compute: (String) -> Value
  ) -> Value {
    if let code = recent.code(for: text) { return values[Int(code)] }
    let code: Int32
    if let known = index.find(text) {
      code = known
    } else {
      code = Int32(values.count)
      values.append(compute(String(decoding: text, as: UTF8.self)))
      index.insert(text, value: code)
    }
    recent.remember(text, code: code)
    return values[Int(code)]
  }
}
