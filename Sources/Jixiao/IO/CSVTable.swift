import Foundation

/// A CSV file (RFC 4180) read into field spans over its bytes.
///
/// The table keeps the file's bytes and, per field, where it starts and
/// ends; text and numbers are decoded only when a column is read, so loading
/// a million rows builds no per-row Strings or dictionaries.
///
/// Accepted: UTF-8 with or without a byte-order mark; LF, CRLF or CR line
/// ends, mixed; quoted fields with embedded commas, quotes (`""`) and line
/// breaks; empty lines (skipped). Refused with a diagnostic: bytes that are
/// not UTF-8 or are NUL (a binary file), an unclosed quote, text after a
/// closing quote, a record longer than `maximumRecordBytes`, records whose
/// field count differs from the header's.
///
/// TODO: The whole file is read into one array and each field costs three
/// words of spans (24 bytes), so a 100 MB table of short fields needs a few
/// hundred MB. That is fine for national data sets of 10^5 projects but
/// not for the 10^7-row inputs of performance testing; issue 3 moves this
/// to a memory-mapped file and 32-bit offsets, and parses the two halves of
/// the file on both cores. The text of id and name columns is still
/// decoded into Strings by the loader, one per row.
public struct CSVTable: Sendable {
  /// The path as the user gave it; used in messages.
  public let path: String
  /// Column names of the header, trimmed, byte-order mark removed.
  public let header: [String]
  /// Number of data records (the header is not counted).
  public let recordCount: Int

  let bytes: [UInt8]
  /// Field `c` of record `r` is at index `r * header.count + c`.
  let fieldStart: [Int]
  let fieldEnd: [Int]
  /// Bit 0: the field was quoted; bit 1: it holds doubled quotes.
  let fieldFlags: [UInt8]
  /// 1-based physical line on which each record starts.
  let recordLine: [Int]
  /// Byte offset at which each record starts.
  let recordOffset: [Int]

  public var columnCount: Int { header.count }

  /// The largest record accepted (16 MiB); longer ones mean the file is
  /// not a table (for example one enormous line).
  public static let maximumRecordBytes = 16 << 20

  /// Reads and tokenises a file.
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - log: receives every recoverable problem (wrong field counts).
  /// - Throws: `InputError` when the file cannot be read or is not CSV text.
  public init(contentsOf path: String, log: inout DiagnosticLog)
    throws(InputError)
  {
    let bytes = try Self.readBytes(path)
    try self.init(bytes: bytes, path: path, log: &log)
  }

  /// Tokenises bytes already in memory; `path` names them in messages.
  public init(bytes: [UInt8], path: String, log: inout DiagnosticLog)
    throws(InputError)
  {
    self.path = path
    self.bytes = bytes
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    try Self.validateText(bytes, from: body, path: path)

    var tokens = Tokens()
    try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
      try Self.tokenise(buffer, from: body, path: path, into: &tokens)
    }
    guard tokens.recordCount > 0 else {
      throw InputError(
        Diagnostic(
          .error, file: path, "the file is empty.",
          help:
            "A table needs a header line naming its columns; see docs/format.md."
        ))
    }

    let columns = tokens.fieldCount(ofRecord: 0)
    var header: [String] = []
    header.reserveCapacity(columns)
    for field in 0..<columns {
      header.append(
        Self.decode(
          bytes, tokens.start[field], tokens.end[field], tokens.flags[field]))
    }
    self.header = header

    // Drop the header's fields; keep only records of the header's width.
    var keep = [Bool](repeating: true, count: tokens.recordCount)
    keep[0] = false
    for record in 1..<tokens.recordCount {
      let count = tokens.fieldCount(ofRecord: record)
      guard count != columns else { continue }
      keep[record] = false
      log.append(
        Diagnostic(
          .error, file: path, line: tokens.line[record], column: 1,
          "this record has \(count) fields but the header has \(columns).",
          help:
            "Put a field that contains a comma in double quotes, or add the "
            + "missing fields."
        ))
    }
    if keep.dropFirst().allSatisfy({ $0 }) {
      // The common case: one slice, no per-record work.
      fieldStart = Array(tokens.start[columns...])
      fieldEnd = Array(tokens.end[columns...])
      fieldFlags = Array(tokens.flags[columns...])
      recordLine = Array(tokens.line.dropFirst())
      recordOffset = Array(tokens.offset.dropFirst())
    } else {
      var starts: [Int] = []
      var ends: [Int] = []
      var flags: [UInt8] = []
      var lines: [Int] = []
      var offsets: [Int] = []
      for record in 1..<tokens.recordCount where keep[record] {
        let fields = tokens.firstField[record]..<tokens.firstField[record + 1]
        starts.append(contentsOf: tokens.start[fields])
        ends.append(contentsOf: tokens.end[fields])
        flags.append(contentsOf: tokens.flags[fields])
        lines.append(tokens.line[record])
        offsets.append(tokens.offset[record])
      }
      fieldStart = starts
      fieldEnd = ends
      fieldFlags = flags
      recordLine = lines
      recordOffset = offsets
    }
    recordCount = recordLine.count
  }

  // MARK: Reading fields

  /// The field's text with quotes removed and surrounding spaces trimmed.
  public func text(_ record: Int, _ column: Int) -> String {
    let index = record * columnCount + column
    return Self.decode(
      bytes, fieldStart[index], fieldEnd[index], fieldFlags[index])
  }

  /// Whether the field holds nothing but spaces.
  public func isBlank(_ record: Int, _ column: Int) -> Bool {
    let index = record * columnCount + column
    var i = fieldStart[index]
    while i < fieldEnd[index] {
      if !DecimalParser.isSpace(bytes[i]) { return false }
      i += 1
    }
    return true
  }

  /// Parses the field as a decimal number without building a String.
  func number(_ record: Int, _ column: Int) -> DecimalParser.Outcome {
    let index = record * columnCount + column
    let start = fieldStart[index]
    let end = fieldEnd[index]
    return bytes.withUnsafeBufferPointer { buffer in
      DecimalParser.parse(UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }
  }

  /// The 1-based line on which a record starts.
  public func line(ofRecord record: Int) -> Int { recordLine[record] }

  /// The 1-based line and character column at which a field starts (at its
  /// opening quote when quoted), for messages.
  public func position(_ record: Int, _ column: Int) -> (line: Int, column: Int)
  {
    let index = record * columnCount + column
    var target = fieldStart[index]
    if fieldFlags[index] & 1 != 0 { target -= 1 }
    var line = recordLine[record]
    var lineStart = recordOffset[record]
    var i = lineStart
    while i < target {
      let byte = bytes[i]
      if byte == 0x0A || byte == 0x0D {
        if byte == 0x0D, i + 1 < target, bytes[i + 1] == 0x0A { i += 1 }
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    var characters = 0
    for j in lineStart..<target where bytes[j] & 0xC0 != 0x80 {
      characters += 1
    }
    return (line, characters + 1)
  }

  /// A diagnostic placed at a field.
  public func diagnostic(
    _ severity: Diagnostic.Severity, record: Int, column: Int,
    _ message: String, help: String = ""
  ) -> Diagnostic {
    let place = position(record, column)
    return Diagnostic(
      severity, file: path, line: place.line, column: place.column, message,
      help: help)
  }

  /// A diagnostic placed at a header cell (line 1 of the file).
  public func headerDiagnostic(
    _ severity: Diagnostic.Severity, column: Int, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    var characters = 0
    var commas = 0
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var i = body
    while i < bytes.count, commas < column {
      if bytes[i] == UInt8(ascii: ",") { commas += 1 }
      if bytes[i] & 0xC0 != 0x80 { characters += 1 }
      i += 1
    }
    return Diagnostic(
      severity, file: path, line: 1, column: characters + 1, message, help: help
    )
  }

  static func decode(_ bytes: [UInt8], _ start: Int, _ end: Int, _ flags: UInt8)
    -> String
  {
    var text: String
    if flags & 2 != 0 {
      var unescaped: [UInt8] = []
      unescaped.reserveCapacity(end - start)
      var i = start
      while i < end {
        unescaped.append(bytes[i])
        i += bytes[i] == UInt8(ascii: "\"") ? 2 : 1
      }
      text = String(decoding: unescaped, as: UTF8.self)
    } else {
      text = String(decoding: bytes[start..<end], as: UTF8.self)
    }
    return text.trimmingCharacters(in: .whitespaces)
  }
}

// MARK: - Tokeniser

extension CSVTable {
  /// Field spans of every record, in flat arrays (no array per record).
  struct Tokens {
    var start: [Int] = []
    var end: [Int] = []
    var flags: [UInt8] = []
    /// Index of each record's first field; one extra entry at the end.
    var firstField: [Int] = [0]
    var line: [Int] = []
    var offset: [Int] = []

    var recordCount: Int { line.count }

    func fieldCount(ofRecord record: Int) -> Int {
      firstField[record + 1] - firstField[record]
    }

    mutating func appendField(_ start: Int, _ end: Int, _ flags: UInt8) {
      self.start.append(start)
      self.end.append(end)
      self.flags.append(flags)
    }
  }

  private static func readBytes(_ path: String) throws(InputError) -> [UInt8] {
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
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(
        Diagnostic(
          .error, file: path, "cannot be read.",
          help: "Check that you may read the file."))
    }
    return [UInt8](data)
  }

  /// Refuses NUL bytes and malformed UTF-8, naming the first bad byte.
  private static func validateText(
    _ bytes: [UInt8], from start: Int, path: String
  ) throws(InputError) {
    let bad: Int? = bytes.withUnsafeBufferPointer { buffer in
      firstInvalidTextByte(buffer, from: start)
    }
    guard let offset = bad else { return }
    var line = 1
    var lineStart = start
    var i = start
    while i < offset {
      if bytes[i] == 0x0A
        || (bytes[i] == 0x0D && (i + 1 >= offset || bytes[i + 1] != 0x0A))
      {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    var column = 1
    for j in lineStart..<offset where bytes[j] & 0xC0 != 0x80 { column += 1 }
    let byte = String(bytes[offset], radix: 16, uppercase: true)
    let what =
      bytes[offset] == 0 ? "a NUL byte" : "byte 0x\(byte), which is not UTF-8"
    throw InputError(
      Diagnostic(
        .error, file: path, line: line, column: column,
        "the file holds \(what); it is not a UTF-8 text table.",
        help:
          "Save the sheet as \"CSV UTF-8\" (a GBK or binary file cannot be read)."
      ))
  }

  /// The offset of the first NUL byte or malformed UTF-8 sequence, if any.
  static func firstInvalidTextByte(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> Int? {
    var i = start
    let n = b.count
    while i < n {
      let lead = b[i]
      if lead < 0x80 {
        if lead == 0 { return i }
        i += 1
        continue
      }
      let length: Int
      var minimum: UInt32
      var scalar: UInt32
      switch lead {
      case 0xC2...0xDF:
        (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
      case 0xE0...0xEF:
        (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
      case 0xF0...0xF4:
        (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
      default: return i
      }
      guard i + length <= n else { return i }
      for k in 1..<length {
        let next = b[i + k]
        guard next & 0xC0 == 0x80 else { return i }
        scalar = scalar << 6 | UInt32(next & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF
        || (0xD800...0xDFFF).contains(scalar)
      {
        return i
      }
      i += length
    }
    return nil
  }

  private static func tokenise(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, path: String,
    into tokens: inout Tokens
  ) throws(InputError) {
    let quote = UInt8(ascii: "\"")
    let comma = UInt8(ascii: ",")
    let lf: UInt8 = 0x0A
    let cr: UInt8 = 0x0D
    let n = b.count
    var i = start
    var line = 1

    while i < n {
      let recordLine = line
      let recordOffset = i
      let firstField = tokens.start.count
      while true {
        if b[i] == quote {
          let openLine = line
          let open = i
          i += 1
          let contentStart = i
          var flags: UInt8 = 1
          while true {
            guard i < n else {
              throw InputError(
                Diagnostic(
                  .error, file: path, line: openLine,
                  column: characterColumn(
                    b, at: open, lineFrom: recordOffset, line: recordLine,
                    target: openLine),
                  "a quoted field opened here is never closed (the file ends inside it).",
                  help:
                    "Add the closing double quote, or double any quote inside the field (\"\")."
                ))
            }
            let byte = b[i]
            if byte == quote {
              if i + 1 < n, b[i + 1] == quote {
                flags |= 2
                i += 2
                continue
              }
              break
            }
            if byte == lf || byte == cr {
              if byte == cr, i + 1 < n, b[i + 1] == lf { i += 1 }
              line += 1
            }
            i += 1
          }
          tokens.appendField(contentStart, i, flags)
          i += 1  // the closing quote
          if i < n, b[i] != comma, b[i] != lf, b[i] != cr {
            let column = characterColumn(
              b, at: i, lineFrom: recordOffset, line: recordLine, target: line)
            if openLine < line {
              // The field ran over line breaks to a quote that closes it
              // too late: most likely its own closing quote is missing.
              let openColumn = characterColumn(
                b, at: open, lineFrom: recordOffset, line: recordLine,
                target: openLine)
              throw InputError(
                Diagnostic(
                  .error, file: path, line: openLine, column: openColumn,
                  "the quoted field opened here runs to line \(line), where text "
                    + "follows its closing quote; its closing quote is probably "
                    + "missing.",
                  help:
                    "Close the quote on line \(openLine), or double any quote "
                    + "inside the field (\"\")."))
            }
            throw InputError(
              Diagnostic(
                .error, file: path, line: line, column: column,
                "text follows the closing quote of a field.",
                help:
                  "Put the whole field in quotes and double the quotes inside it "
                  + "(\"\")."))
          }
        } else {
          let fieldStart = i
          while i < n, b[i] != comma, b[i] != lf, b[i] != cr { i += 1 }
          tokens.appendField(fieldStart, i, 0)
        }
        if i - recordOffset > maximumRecordBytes {
          throw InputError(
            Diagnostic(
              .error, file: path, line: recordLine, column: 1,
              "this record is longer than \(maximumRecordBytes >> 20) MiB; the file is not a table.",
              help:
                "Check that this is the CSV export of the sheet, with one line per row."
            ))
        }
        if i < n, b[i] == comma {
          i += 1
          if i == n { tokens.appendField(n, n, 0) }
          if i < n { continue }
        }
        break
      }
      if i < n {
        if b[i] == cr, i + 1 < n, b[i + 1] == lf { i += 1 }
        i += 1
        line += 1
      }
      let fieldCount = tokens.start.count - firstField
      let isEmptyLine =
        fieldCount == 1 && tokens.flags[firstField] == 0
        && tokens.start[firstField] == tokens.end[firstField]
      if isEmptyLine {
        tokens.start.removeLast()
        tokens.end.removeLast()
        tokens.flags.removeLast()
      } else {
        tokens.firstField.append(tokens.start.count)
        tokens.line.append(recordLine)
        tokens.offset.append(recordOffset)
      }
    }
  }

  /// Character column (1-based) of byte `offset`, found by walking from the
  /// record's start to the start of the line `target`.
  private static func characterColumn(
    _ b: UnsafeBufferPointer<UInt8>, at offset: Int, lineFrom recordOffset: Int,
    line: Int,
    target: Int
  ) -> Int {
    var current = line
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
    var column = 1
    for j in lineStart..<offset where b[j] & 0xC0 != 0x80 { column += 1 }
    return column
  }
}
