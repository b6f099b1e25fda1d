/// The fields of one CSV record: where each starts and ends in the file.
///
/// Reused from record to record, so scanning a file allocates nothing per
/// record. A quoted field's span excludes its quotes.
final class FieldSpans: @unchecked Sendable {
  struct Span {
    var start: Int
    var end: Int
    /// Bit 0: quoted; bit 1: holds doubled quotes; bit 2: a quote stands
    /// inside an unquoted field (not RFC 4180).
    var flags: UInt8
  }

  // One reader owns the spans; the buffer is managed by hand so that a
  // field costs a store, not an array append.
  private var base: UnsafeMutablePointer<Span>
  private var capacity = 32
  private(set) var count = 0

  init() {
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  var spans: UnsafeBufferPointer<Span> {
    UnsafeBufferPointer(start: base, count: count)
  }

  @inline(__always) func start(_ field: Int) -> Int { span(field).start }
  @inline(__always) func end(_ field: Int) -> Int { span(field).end }
  @inline(__always) func flags(_ field: Int) -> UInt8 { span(field).flags }

  @inline(__always)
  private func span(_ field: Int) -> Span {
    precondition(field >= 0 && field < count, "no such field")
    return base[field]
  }

  func removeAll() { count = 0 }

  @inline(__always)
  func append(_ s: Int, _ e: Int, _ f: UInt8) {
    if count == capacity { grow() }
    base[count] = Span(start: s, end: e, flags: f)
    count += 1
  }

  private func grow() {
    let bigger = UnsafeMutablePointer<Span>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }
}

/// Splits bytes into CSV records (RFC 4180), one record per call, and
/// checks on the way that the text is UTF-8 without NUL bytes.
///
/// Accepted: LF, CRLF or CR line ends, mixed; quoted fields with embedded
/// commas, doubled quotes and line breaks; empty lines (skipped). Faults
/// that leave the rest of the file unreadable are thrown: an unclosed
/// quote, text after a closing quote, a record longer than
/// `CSVFile.maximumRecordBytes`, bytes that are not UTF-8. A quote inside
/// an unquoted field is only flagged; the caller reports it at the record.
struct CSVScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  let path: String
  /// Where the next record starts.
  private(set) var position: Int
  /// The physical line (1-based) at `position`.
  private(set) var line: Int
  /// Records that start at or after `limit` belong to the next chunk.
  let limit: Int

  /// Byte classes: 0 ordinary ASCII, 1 field or record end, 2 quote,
  /// 3 NUL, 4 the lead of a multi-byte sequence (or a stray byte).
  private static let classes: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 256)
    table[0x2C] = 1
    table[0x0A] = 1
    table[0x0D] = 1
    table[0x22] = 2
    table[0x00] = 3
    for byte in 0x80...0xFF { table[byte] = 4 }
    return table
  }()

  init(
    _ bytes: UnsafeBufferPointer<UInt8>, path: String, from start: Int,
    line: Int, limit: Int
  ) {
    self.bytes = bytes
    self.path = path
    self.position = start
    self.line = line
    self.limit = limit
  }

  /// Scans the next non-empty record into `fields`.
  ///
  /// - Returns: the record's first byte and line, or nil when the next
  ///   record would start at or after `limit`.
  mutating func next(into fields: FieldSpans) throws(InputError) -> (
    offset: Int, line: Int
  )? {
    while position < limit {
      let recordOffset = position
      let recordLine = line
      fields.removeAll()
      try scanRecord(into: fields, offset: recordOffset, line: recordLine)
      let isEmptyLine =
        fields.count == 1 && fields.flags(0) == 0
        && fields.start(0) == fields.end(0)
      if !isEmptyLine { return (recordOffset, recordLine) }
    }
    return nil
  }

  private mutating func scanRecord(
    into fields: FieldSpans, offset recordOffset: Int,
    line recordLine: Int
  ) throws(InputError) {
    let b = bytes
    let n = b.count
    var i = position
    let comma = UInt8(ascii: ",")
    let classes = Self.classes
    while true {
      if i < n, b[i] == 0x22 {
        i = try scanQuoted(
          from: i, into: fields, recordOffset: recordOffset,
          recordLine: recordLine)
      } else {
        let fieldStart = i
        var flags: UInt8 = 0
        scan: while i < n {
          let byte = b[i]
          if byte > 0x2C, byte < 0x80 {
            i += 1
            continue
          }
          switch classes[Int(byte)] {
          case 0: i += 1
          case 1: break scan
          case 2:
            flags |= 4
            i += 1
          case 3: throw notText(at: i, recordOffset, recordLine)
          default:
            // A run of multi-byte characters (Chinese text), one after
            // another without going round the outer loop.
            repeat {
              // E1…EC and EE…EF lead three bytes whose two continuation
              // bytes may be anything in 80…BF (the rest: skipSequence).
              let lead = b[i]
              if lead &- 0xE1 < 0x0F, lead != 0xED, i + 2 < n,
                b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80
              {
                i += 3
              } else {
                i = try skipSequence(at: i, recordOffset, recordLine)
              }
            } while i < n && b[i] >= 0x80
          }
        }
        fields.append(fieldStart, i, flags)
      }
      if i - recordOffset > CSVFile.maximumRecordBytes {
        throw InputError(
          Diagnostic(
            .error, file: path, line: recordLine, column: 1,
            "this record is longer than \(CSVFile.maximumRecordBytes >> 20) MiB; "
              + "the file is not a table.",
            help:
              "Check that this is the CSV export of the sheet, with one line per row."
          ))
      }
      if i < n, b[i] == comma {
        i += 1
        if i == n { fields.append(n, n, 0) }
        if i < n { continue }
      }
      break
    }
    if i < n {
      if b[i] == 0x0D, i + 1 < n, b[i + 1] == 0x0A { i += 1 }
      i += 1
      line += 1
    }
    position = i
  }

  /// Scans a quoted field starting at its opening quote; returns the index
  /// after the closing quote.
  private mutating func scanQuoted(
    from open: Int, into fields: FieldSpans, recordOffset: Int,
    recordLine: Int
  ) throws(InputError) -> Int {
    let b = bytes
    let n = b.count
    let openLine = line
    var i = open + 1
    let contentStart = i
    var flags: UInt8 = 1
    while true {
      guard i < n else {
        throw InputError(
          Diagnostic(
            .error, file: path, line: openLine,
            column: column(
              of: open, lineFrom: recordOffset, recordLine, openLine),
            "a quoted field opened here is never closed (the file ends inside it).",
            help:
              "Add the closing double quote, or double any quote inside the field (\"\")."
          ))
      }
      let byte = b[i]
      if byte == 0x22 {
        if i + 1 < n, b[i + 1] == 0x22 {
          flags |= 2
          i += 2
          continue
        }
        break
      }
      if byte >= 0x80 {
        i = try skipSequence(at: i, recordOffset, recordLine)
        continue
      }
      if byte == 0 { throw notText(at: i, recordOffset, recordLine) }
      if byte == 0x0A || byte == 0x0D {
        if byte == 0x0D, i + 1 < n, b[i + 1] == 0x0A { i += 1 }
        line += 1
      }
      i += 1
    }
    fields.append(contentStart, i, flags)
    i += 1  // the closing quote
    guard i < n, b[i] != 0x2C, b[i] != 0x0A, b[i] != 0x0D else { return i }
    if openLine < line {
      // The field ran over line breaks to a quote that closes it too late:
      // most likely its own closing quote is missing.
      throw InputError(
        Diagnostic(
          .error, file: path, line: openLine,
          column: column(
            of: open, lineFrom: recordOffset, recordLine, openLine),
          "the quoted field opened here runs to line \(line), where text "
            + "follows its closing quote; its closing quote is probably "
            + "missing.",
          help:
            "Close the quote on line \(openLine), or double any quote "
            + "inside the field (\"\")."))
    }
    throw InputError(
      Diagnostic(
        .error, file: path, line: line,
        column: column(of: i, lineFrom: recordOffset, recordLine, line),
        "text follows the closing quote of a field.",
        help:
          "Put the whole field in quotes and double the quotes inside it "
          + "(\"\")."))
  }

  /// Validates the UTF-8 sequence whose lead byte is at `i`; returns the
  /// index after it.
  @inline(__always)
  private func skipSequence(
    at i: Int, _ recordOffset: Int, _ recordLine: Int
  ) throws(InputError) -> Int {
    let b = bytes
    let lead = b[i]
    // The common case in Chinese text: a three-byte sequence with a lead
    // of E1…EC or EE…EF, where any two continuation bytes are valid.
    if lead >= 0xE1, lead <= 0xEF, lead != 0xED, i + 2 < b.count,
      b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80
    {
      return i + 3
    }
    guard let length = Self.sequenceLength(b, at: i) else {
      throw notText(at: i, recordOffset, recordLine)
    }
    return i + length
  }

  /// The length of a valid UTF-8 sequence at `i` (overlong forms,
  /// surrogates and values above U+10FFFF are invalid), or nil.
  static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int)
    -> Int?
  {
    let lead = b[i]
    let length: Int
    var minimum: UInt32
    var scalar: UInt32
    switch lead {
    case 0x01...0x7F: return 1
    case 0xC2...0xDF:
      (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
    case 0xE0...0xEF:
      (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
    case 0xF0...0xF4:
      (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
    default: return nil
    }
    guard i + length <= b.count else { return nil }
    for k in 1..<length {
      let next = b[i + k]
      guard next & 0xC0 == 0x80 else { return nil }
      scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    if scalar < minimum || scalar > 0x10FFFF
      || (0xD800...0xDFFF).contains(scalar)
    {
      return nil
    }
    return length
  }

  /// The offset of the first NUL byte or malformed UTF-8 sequence from
  /// `start`, if any.
  static func firstInvalidTextByte(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> Int? {
    var i = start
    while i < b.count {
      if b[i] == 0 { return i }
      guard let length = sequenceLength(b, at: i) else { return i }
      i += length
    }
    return nil
  }

  /// The error for a NUL byte or a byte that is not UTF-8 at `offset`.
  private func notText(at offset: Int, _ recordOffset: Int, _ recordLine: Int)
    -> InputError
  {
    Self.notText(bytes, at: offset, path: path)
  }

  static func notText(
    _ b: UnsafeBufferPointer<UInt8>, at offset: Int, path: String
  ) -> InputError {
    let body = CSVFile.bodyStart(b)
    var line = 1
    var lineStart = body
    var i = body
    while i < offset {
      if b[i] == 0x0A || (b[i] == 0x0D && (i + 1 >= offset || b[i + 1] != 0x0A))
      {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    let column = characters(b, lineStart..<offset) + 1
    let byte = String(b[offset], radix: 16, uppercase: true)
    let what =
      b[offset] == 0 ? "a NUL byte" : "byte 0x\(byte), which is not UTF-8"
    return InputError(
      Diagnostic(
        .error, file: path, line: line, column: column,
        "the file holds \(what); it is not a UTF-8 text table.",
        help:
          "Save the sheet as \"CSV UTF-8\" (a GBK or binary file cannot be read)."
      ))
  }

  /// Characters (not bytes) in a range of UTF-8.
  static func characters(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Int
  {
    var count = 0
    for j in range where b[j] & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// Character column (1-based) of byte `offset`, found by walking from the
  /// record's start to the start of line `target`.
  private func column(
    of offset: Int, lineFrom recordOffset: Int, _ recordLine: Int,
    _ target: Int
  ) -> Int {
    Self.column(
      bytes, of: offset, lineFrom: recordOffset, recordLine, target: target)
  }

  static func column(
    _ b: UnsafeBufferPointer<UInt8>, of offset: Int, lineFrom recordOffset: Int,
    _ recordLine: Int, target: Int
  ) -> Int {
    var current = recordLine
    var lineStart = recordOffset
    var i = recordOffset
    while i < offset, current < target {
      if b[i] == 0x0A || b[i] == 0x0D {
        if b[i] == 0x0D, i + 1 < offset, b[i + 1] == 0x0A { i += 1 }
        current += 1
        lineStart = i + 1
      }
      i += 1
    }
    return characters(b, lineStart..<offset) + 1
  }
}
