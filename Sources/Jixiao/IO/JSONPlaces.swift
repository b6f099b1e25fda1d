/// Where each value of a JSON document starts, by key path, so settings
/// faults can be reported as `file:line:column` like CSV faults.
///
/// Key paths are written as the readers write them: `grades[1].min`,
/// `byGrade.poor`, `dimensions[0].scale.relevant`. Lines and columns are
/// 1-based; a column counts characters (Unicode scalars), not bytes, so
/// Chinese text before a value does not shift it.
struct JSONPlaces: Sendable {
  struct Place: Sendable {
    var line: Int
    var column: Int
    /// Byte offset of the value's first byte (the quote of a string).
    var offset: Int
  }

  let path: String
  fileprivate(set) var places: [String: Place] = [:]
  fileprivate(set) var bytes: [UInt8] = []

  init(path: String) {
    self.path = path
  }

  /// The line and column of the value at a key path, if known.
  func position(of keyPath: String) -> (line: Int, column: Int)? {
    places[keyPath].map { ($0.line, $0.column) }
  }

  /// The line and column of the `scalar`-th character (0-based, counted
  /// in Unicode scalars of the decoded text) of the string at a key path.
  ///
  /// An escape such as `\u00e9` is one character of the text and six of
  /// the file; strings hold no raw line breaks, so the line is the
  /// string's own.
  func position(of keyPath: String, scalar target: Int) -> (
    line: Int, column: Int
  )? {
    guard let place = places[keyPath], place.offset < bytes.count,
      bytes[place.offset] == UInt8(ascii: "\"")
    else { return nil }
    var index = place.offset + 1
    var column = place.column + 1
    var decoded = 0
    while index < bytes.count, decoded < target,
      bytes[index] != UInt8(ascii: "\"")
    {
      var length = 1
      if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
        length = 2
        if bytes[index + 1] == UInt8(ascii: "u") {
          // A surrogate pair (\uD83D\uDE00) is one scalar of the text.
          let high = JSONParser.hexValue(bytes, at: index + 2)
          length =
            (high.map { (0xD800...0xDBFF).contains($0) } ?? false) ? 12 : 6
        }
        column += length
      } else {
        column += 1
        while index + length < bytes.count,
          bytes[index + length] & 0xC0 == 0x80
        {
          length += 1
        }
      }
      index += length
      decoded += 1
    }
    return (place.line, column)
  }

  /// A diagnostic placed at the value of a key path (the file alone when
  /// the key is absent from the document).
  func diagnostic(
    _ severity: Diagnostic.Severity, _ keyPath: String, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    let place = places[keyPath]
    return Diagnostic(
      severity, file: path, line: place?.line ?? 0, column: place?.column ?? 0,
      message, help: help)
  }

  /// A diagnostic placed at one character of a string value (at the value
  /// when the character cannot be found).
  func diagnostic(
    _ severity: Diagnostic.Severity, _ keyPath: String, scalar: Int,
    _ message: String, help: String = ""
  ) -> Diagnostic {
    var diagnostic = self.diagnostic(severity, keyPath, message, help: help)
    if let (line, column) = position(of: keyPath, scalar: scalar) {
      diagnostic.line = line
      diagnostic.column = column
    }
    return diagnostic
  }
}

/// A JSON number with the text it was written as, so messages can show
/// `1e300` as the user wrote it.
struct JSONNumber: Sendable {
  var value: Double
  var text: String
}

/// JSON `null`.
struct JSONNull: Sendable {}

/// A strict JSON (RFC 8259) reader that records where every value starts.
///
/// Settings files are small, so the whole tree is built in one recursive
/// pass. Everything RFC 8259 forbids is refused with the exact place of
/// the first fault: trailing commas, single quotes, comments, `NaN`,
/// leading zeros, raw line breaks in text, bytes that are not UTF-8.
/// A key given twice in one object is refused too, at the second key: the
/// RFC leaves its meaning open, and silently keeping one of the values
/// would lose the other.
///
/// Values are `String`, `JSONNumber`, `Bool`, `JSONNull`, `[Any]` and
/// `[String: Any]`.
struct JSONParser {
  /// A fault that stops the reading, with its place.
  struct SyntaxError: Error {
    var line: Int
    var column: Int
    var message: String
    var help: String
  }

  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  /// Column cache: the column of `cachedIndex` on the current line, so
  /// columns cost O(1) amortised on long minified lines.
  private var cachedIndex = 0
  private var cachedColumn = 1
  private var places: [String: JSONPlaces.Place] = [:]
  private var duplicates: [(line: Int, column: Int, message: String)] = []
  /// Containers open at the current position: `{` or `[` and their place.
  private var open: [(bracket: UInt8, line: Int, column: Int)] = []
  /// Set when the file ends inside a string.
  private var inString = false

  static let maximumDepth = 256

  private init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      index = 3
      lineStart = 3
      cachedIndex = 3
    }
  }

  /// Parses a whole document.
  ///
  /// - Throws: `InputError` with the first syntax fault, or with every
  ///   key given twice, each at its place in `path`.
  static func parse(_ bytes: [UInt8], path: String) throws(InputError) -> (
    Any, JSONPlaces
  ) {
    var parser = JSONParser(bytes: bytes)
    let root: Any
    do {
      root = try parser.document()
    } catch {
      throw InputError(
        Diagnostic(
          .error, file: path, line: error.line, column: error.column,
          "the file is not valid JSON: \(error.message)", help: error.help))
    }
    if !parser.duplicates.isEmpty {
      throw InputError(
        parser.duplicates.map {
          Diagnostic(
            .error, file: path, line: $0.line, column: $0.column, $0.message,
            help: "Keep one of the two; JSON gives each key once per object.")
        })
    }
    var places = JSONPlaces(path: path)
    places.places = parser.places
    places.bytes = bytes
    return (root, places)
  }

  // MARK: Positions

  private mutating func column(at target: Int) -> Int {
    if target < cachedIndex || cachedIndex < lineStart {
      cachedIndex = lineStart
      cachedColumn = 1
    }
    while cachedIndex < target {
      if bytes[cachedIndex] & 0xC0 != 0x80 { cachedColumn += 1 }
      cachedIndex += 1
    }
    return cachedColumn
  }

  private mutating func fault(_ message: String, help: String = "")
    -> SyntaxError
  {
    SyntaxError(
      line: line, column: column(at: index), message: message, help: help)
  }

  /// The fault of a file that stops early: placed just after its last
  /// character that is not a space.
  private mutating func endOfFile() -> SyntaxError {
    var end = bytes.count
    while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) {
      end -= 1
    }
    let place = Self.position(of: end, in: bytes)
    guard let innermost = open.last else {
      return SyntaxError(
        line: place.line, column: place.column,
        message: "it is empty.",
        help: "A settings file holds one JSON object; {} takes every default.")
    }
    let what = innermost.bracket == UInt8(ascii: "{") ? "an object" : "a list"
    let closers = open.reversed().map {
      $0.bracket == UInt8(ascii: "{") ? "}" : "]"
    }
    if inString {
      return SyntaxError(
        line: place.line, column: place.column,
        message:
          "it ends inside text (missing: \"\(closers.joined())).",
        help: "The file may be cut short; close the text and its brackets.")
    }
    return SyntaxError(
      line: place.line, column: place.column,
      message:
        "it ends inside \(what) opened at \(innermost.line):\(innermost.column)"
        + " (missing: \(closers.joined())).",
      help: "The file may be cut short; check that every { and [ is closed.")
  }

  /// The 1-based line and column of a byte offset (line breaks: LF, CRLF
  /// or a lone CR, as in `skipSpace`).
  static func position(of offset: Int, in bytes: [UInt8]) -> (
    line: Int, column: Int
  ) {
    var line = 1
    var column = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while i < min(offset, bytes.count) {
      let byte = bytes[i]
      if byte == 0x0A || (byte == 0x0D && bytes.get(i + 1) != 0x0A) {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80, byte != 0x0D {
        column += 1
      }
      i += 1
    }
    return (line, column)
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x0A:
        line += 1
        lineStart = index + 1
      case 0x0D:
        if index + 1 < bytes.count, bytes[index + 1] == 0x0A { break }
        line += 1
        lineStart = index + 1
      case 0x20, 0x09: break
      default: return
      }
      index += 1
    }
  }

  /// How the text at the current position reads in a message.
  private func found() -> String {
    guard index < bytes.count else { return "the end of the file" }
    let byte = bytes[index]
    if Self.isWordByte(byte) {
      var end = index
      while end < bytes.count, Self.isWordByte(bytes[end]), end - index < 20 {
        end += 1
      }
      return "`\(String(decoding: bytes[index..<end], as: UTF8.self))`"
    }
    var end = index + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return "`\(String(decoding: bytes[index..<end], as: UTF8.self))`"
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || byte == UInt8(ascii: "_")
  }

  // MARK: Grammar

  private mutating func document() throws(SyntaxError) -> Any {
    let root = try value(at: "")
    skipSpace()
    if index < bytes.count {
      throw fault(
        "\(found()) follows the end of the JSON value.",
        help: bytes[index] == UInt8(ascii: "/")
          ? "JSON has no comments; remove it."
          : "A file holds one value; remove what follows, or put both in one "
            + "object.")
    }
    return root
  }

  private mutating func value(at keyPath: String) throws(SyntaxError) -> Any {
    skipSpace()
    guard index < bytes.count else { throw endOfFile() }
    places[keyPath] = JSONPlaces.Place(
      line: line, column: column(at: index), offset: index)
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(at: keyPath)
    case UInt8(ascii: "["): return try list(at: keyPath)
    case UInt8(ascii: "\""): return try string()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try number()
    default: return try word()
    }
  }

  private mutating func enter(_ bracket: UInt8) throws(SyntaxError) {
    guard open.count < Self.maximumDepth else {
      throw fault(
        "lists and objects are nested more than \(Self.maximumDepth) deep.")
    }
    open.append((bracket, line, column(at: index)))
    index += 1
  }

  private mutating func object(at keyPath: String) throws(SyntaxError)
    -> [String: Any]
  {
    try enter(UInt8(ascii: "{"))
    var members: [String: Any] = [:]
    var keyPlaces: [String: (line: Int, column: Int)] = [:]
    var afterComma = false
    while true {
      skipSpace()
      guard index < bytes.count else { throw endOfFile() }
      if bytes[index] == UInt8(ascii: "}") {
        if afterComma {
          throw fault(
            "a comma comes before `}` with no member after it.",
            help: "Remove the comma after the last member.")
        }
        index += 1
        open.removeLast()
        return members
      }
      guard bytes[index] == UInt8(ascii: "\"") else {
        throw fault(
          "expected a key in double quotes"
            + (afterComma ? "" : " or `}`") + ", found \(found()).",
          help: bytes[index] == UInt8(ascii: "'")
            ? "JSON text is in double quotes (\"), not single quotes."
            : "Write members as \"key\": value, separated by commas.")
      }
      let keyPlace = (line: line, column: column(at: index))
      let key = try string()
      let path = keyPath.isEmpty ? key : keyPath + "." + key
      skipSpace()
      guard index < bytes.count else { throw endOfFile() }
      guard bytes[index] == UInt8(ascii: ":") else {
        throw fault(
          "expected `:` after the key \"\(key)\", found \(found()).",
          help: "Write members as \"key\": value.")
      }
      index += 1
      if let first = keyPlaces[key] {
        duplicates.append(
          (
            keyPlace.line, keyPlace.column,
            "`\(path)` is given twice in one object (first at "
              + "\(first.line):\(first.column))."
          ))
        // The first value keeps its place; the second is read and dropped.
        let kept = places[path]
        _ = try value(at: path)
        places[path] = kept
      } else {
        keyPlaces[key] = keyPlace
        members[key] = try value(at: path)
      }
      skipSpace()
      guard index < bytes.count else { throw endOfFile() }
      switch bytes[index] {
      case UInt8(ascii: ","):
        index += 1
        afterComma = true
      case UInt8(ascii: "}"):
        afterComma = false
      default:
        throw fault(
          "expected `,` or `}` after the value of `\(path)`, found \(found()).",
          help: "A comma is probably missing before this place.")
      }
    }
  }

  private mutating func list(at keyPath: String) throws(SyntaxError) -> [Any] {
    try enter(UInt8(ascii: "["))
    var elements: [Any] = []
    var afterComma = false
    while true {
      skipSpace()
      guard index < bytes.count else { throw endOfFile() }
      if bytes[index] == UInt8(ascii: "]") {
        if afterComma {
          throw fault(
            "a comma comes before `]` with no element after it.",
            help: "Remove the comma after the last element.")
        }
        index += 1
        open.removeLast()
        return elements
      }
      if bytes[index] == UInt8(ascii: ",") {
        throw fault(
          "expected a list element, found `,`.",
          help: "Remove the extra comma.")
      }
      let path = "\(keyPath)[\(elements.count)]"
      elements.append(try value(at: path))
      skipSpace()
      guard index < bytes.count else { throw endOfFile() }
      switch bytes[index] {
      case UInt8(ascii: ","):
        index += 1
        afterComma = true
      case UInt8(ascii: "]"):
        afterComma = false
      default:
        throw fault(
          "expected `,` or `]` after `\(path)`, found \(found()).",
          help: "A comma is probably missing before this place.")
      }
    }
  }

  /// `true`, `false`, `null`, or a fault naming what was found.
  private mutating func word() throws(SyntaxError) -> Any {
    for (word, value) in [
      ("true", true as Any), ("false", false), ("null", JSONNull()),
    ] where bytes[index...].starts(with: word.utf8) {
      let end = index + word.utf8.count
      if end == bytes.count || !Self.isWordByte(bytes[end]) {
        index = end
        return value
      }
    }
    let text = found()
    let lowered = text.lowercased()
    let help: String
    if ["`true`", "`false`", "`null`"].contains(lowered) {
      help = "JSON writes true, false and null in lower case."
    } else if ["`nan`", "`infinity`", "`inf`"].contains(lowered) {
      help = "JSON numbers are finite; write a plain number."
    } else if bytes[index] == UInt8(ascii: "'") {
      help = "JSON text is in double quotes (\"), not single quotes."
    } else if bytes[index] == UInt8(ascii: "/") {
      help = "JSON has no comments; remove it."
    } else {
      help =
        "A value is text in double quotes, a number, true, false, null, "
        + "a list [ ] or an object { }."
    }
    throw fault("expected a value, found \(text).", help: help)
  }

  private mutating func number() throws(SyntaxError) -> JSONNumber {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let integerStart = index
    let integerDigits = skipDigits()
    guard integerDigits > 0 else {
      throw fault("expected a digit after `-`, found \(found()).")
    }
    if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
      index = integerStart
      throw fault(
        "a number cannot start with 0 followed by more digits.",
        help: "Remove the leading zeros.")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard skipDigits() > 0 else {
        throw fault(
          "expected a digit after the decimal point, found \(found()).")
      }
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count,
        bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard skipDigits() > 0 else {
        throw fault("expected a digit in the exponent, found \(found()).")
      }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    // The grammar above is a subset of what Double parses, so this holds;
    // a magnitude beyond Double becomes ±infinity for the readers to refuse.
    return JSONNumber(value: Double(text) ?? .nan, text: text)
  }

  /// Steps over decimal digits and returns how many there were.
  private mutating func skipDigits() -> Int {
    let first = index
    while index < bytes.count,
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
    {
      index += 1
    }
    return index - first
  }

  private mutating func string() throws(SyntaxError) -> String {
    index += 1
    var text: [UInt8] = []
    while true {
      guard index < bytes.count else {
        inString = true
        throw endOfFile()
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return String(decoding: text, as: UTF8.self)
      case UInt8(ascii: "\\"):
        text.append(contentsOf: String(try escape()).utf8)
      case 0x0A, 0x0D:
        throw fault(
          "a line break inside text; text in double quotes stays on one line.",
          help: "Close the text before the line break, or write \\n for one.")
      case 0x00..<0x20:
        throw fault(
          "an unescaped control character (U+00\(Self.hex(byte))) inside text.",
          help: "Write a tab as \\t; remove other control characters.")
      case 0x80...:
        let start = index
        try skipUTF8()
        text.append(contentsOf: bytes[start..<index])
      default:
        text.append(byte)
        index += 1
      }
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }

  /// Steps over one multi-byte UTF-8 sequence, refusing malformed ones.
  private mutating func skipUTF8() throws(SyntaxError) {
    let lead = bytes[index]
    let (length, low, high): (Int, UInt8, UInt8) =
      switch lead {
      case 0xC2...0xDF: (2, 0x80, 0xBF)
      case 0xE0: (3, 0xA0, 0xBF)
      case 0xED: (3, 0x80, 0x9F)
      case 0xE1...0xEF: (3, 0x80, 0xBF)
      case 0xF0: (4, 0x90, 0xBF)
      case 0xF1...0xF3: (4, 0x80, 0xBF)
      case 0xF4: (4, 0x80, 0x8F)
      default: (0, 0, 0)
      }
    var valid = length > 0 && index + length <= bytes.count
    if valid { valid = (low...high).contains(bytes[index + 1]) }
    if valid, length > 2 {
      valid = bytes[(index + 2)..<(index + length)].allSatisfy {
        $0 & 0xC0 == 0x80
      }
    }
    guard valid else {
      throw fault(
        "byte 0x\(Self.hex(lead)) here is not UTF-8 text.",
        help: "Save the file as UTF-8.")
    }
    index += length
  }

  private mutating func escape() throws(SyntaxError) -> Unicode.Scalar {
    guard index + 1 < bytes.count else {
      inString = true
      throw endOfFile()
    }
    let letter = bytes[index + 1]
    let simple: [UInt8: Unicode.Scalar] = [
      UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\",
      UInt8(ascii: "/"): "/",
      UInt8(ascii: "b"): "\u{08}", UInt8(ascii: "f"): "\u{0C}",
      UInt8(ascii: "n"): "\n", UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t",
    ]
    if let scalar = simple[letter] {
      index += 2
      return scalar
    }
    guard letter == UInt8(ascii: "u") else {
      throw fault(
        "`\\\(String(decoding: [letter], as: UTF8.self))` is not an escape.",
        help: "Write \\\\ for a backslash; the escapes are \\\" \\\\ \\/ \\b "
          + "\\f \\n \\r \\t \\uXXXX.")
    }
    let first = try hexQuad()
    if (0xD800...0xDBFF).contains(first), index + 1 < bytes.count,
      bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
    {
      let back = index
      let second = try hexQuad()
      if (0xDC00...0xDFFF).contains(second),
        let scalar = Unicode.Scalar(
          0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
      {
        return scalar
      }
      index = back
    }
    guard let scalar = Unicode.Scalar(first) else {
      index -= 6
      throw fault(
        "\\u\(String(first, radix: 16, uppercase: true)) is half of a "
          + "surrogate pair with no other half.",
        help: "Write the character itself, or both halves of the pair.")
    }
    return scalar
  }

  /// Reads `\uXXXX` at the current position and returns XXXX.
  private mutating func hexQuad() throws(SyntaxError) -> UInt32 {
    guard let value = Self.hexValue(bytes, at: index + 2) else {
      throw fault(
        "\\u must be followed by four hexadecimal digits.",
        help: "For example \\u00e9 for é.")
    }
    index += 6
    return value
  }

  /// The value of four hexadecimal digits at `offset`, if they are there.
  static func hexValue(_ bytes: [UInt8], at offset: Int) -> UInt32? {
    guard offset + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for byte in bytes[offset..<(offset + 4)] {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 0x30
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 0x57
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 0x37
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }
}

extension [UInt8] {
  /// The byte at `index`, or nil past the end.
  fileprivate func get(_ index: Int) -> UInt8? {
    indices.contains(index) ? self[index] : nil
  }
}
