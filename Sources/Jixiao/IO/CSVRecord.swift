/// One record of a CSV file while it is being read: its place and the
/// spans of its fields. Valid until the reader moves on.
struct CSVRecord {
  let bytes: UnsafeBufferPointer<UInt8>
  let path: String
  /// First byte and physical line of the record.
  var offset = 0
  var line = 0
  let fields = FieldSpans()

  init(_ file: CSVFile) {
    bytes = file.bytes
    path = file.path
  }

  /// The field's text, quotes removed, surrounding white space trimmed.
  func text(_ column: Int) -> String {
    CSVFile.decode(
      bytes, fields.start(column), fields.end(column), fields.flags(column))
  }

  /// Calls `body` with the field's trimmed text as UTF-8, without making a
  /// `String` (a field with doubled quotes is unescaped into a buffer).
  func withText<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R)
    -> R
  {
    CSVFile.withText(
      bytes, fields.start(column), fields.end(column), fields.flags(column),
      body)
  }

  /// Whether the field's trimmed text equals `ascii` (an ASCII literal),
  /// ignoring ASCII case.
  func equalsIgnoringCase(_ column: Int, _ ascii: StaticString) -> Bool {
    withText(column) { text in
      guard text.count == ascii.utf8CodeUnitCount else { return false }
      let literal = ascii.utf8Start
      for i in 0..<text.count {
        let a = text[i]
        let b = literal[i]
        let lowerA = a &- 65 < 26 ? a | 0x20 : a
        let lowerB = b &- 65 < 26 ? b | 0x20 : b
        if lowerA != lowerB { return false }
      }
      return true
    }
  }

  /// Whether the field holds nothing but spaces and tabs.
  func isBlank(_ column: Int) -> Bool {
    var i = fields.start(column)
    let end = fields.end(column)
    while i < end {
      if !DecimalParser.isSpace(bytes[i]) { return false }
      i += 1
    }
    return true
  }

  /// Parses the field as a decimal number without building a String.
  func number(_ column: Int) -> DecimalParser.Outcome {
    DecimalParser.parse(
      UnsafeBufferPointer(
        rebasing: bytes[fields.start(column)..<fields.end(column)]))
  }

  /// The 1-based line and character column at which a field starts (at its
  /// opening quote when quoted), for messages.
  func position(_ column: Int) -> (line: Int, column: Int) {
    var target = fields.start(column)
    if fields.flags(column) & 1 != 0 { target -= 1 }
    var line = self.line
    var lineStart = offset
    var i = offset
    while i < target {
      let byte = bytes[i]
      if byte == 0x0A || byte == 0x0D {
        if byte == 0x0D, i + 1 < target, bytes[i + 1] == 0x0A { i += 1 }
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    return (line, CSVScanner.characters(bytes, lineStart..<target) + 1)
  }

  /// A diagnostic placed at a field.
  func diagnostic(
    _ severity: Diagnostic.Severity, column: Int, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    let place = position(column)
    return Diagnostic(
      severity, file: path, line: place.line, column: place.column, message,
      help: help)
  }
}

/// The records of one chunk of a CSV file, one at a time.
struct CSVRecordReader {
  let file: CSVFile
  private var scanner: CSVScanner
  /// The current record, after `next` returned true.
  private(set) var record: CSVRecord
  /// Records skipped because of a fault (reported to the log given to
  /// `next`).
  private(set) var droppedCount = 0
  /// A column whose text is kept for each dropped record, so that the
  /// caller can tell which entity lost a row (the project of an
  /// indicator row); nil keeps nothing.
  var keyColumn: Int?
  private(set) var droppedKeys: [String] = []
  private let chunkStart: Int

  init(_ file: CSVFile, _ chunk: CSVFile.Chunk) {
    self.file = file
    chunkStart = chunk.start
    scanner = CSVScanner(
      file.bytes, path: file.path, from: chunk.start, line: chunk.line,
      limit: chunk.end)
    record = CSVRecord(file)
  }

  /// Where the next record starts.
  var position: Int { scanner.position }

  /// Whether this is the first chunk of the file.
  var isFirst: Bool { chunkStart == file.bodyStart }

  /// Bytes in the chunk, to size what is built from it.
  var byteCount: Int { scanner.limit - chunkStart }

  /// Moves to the next record that has the header's number of fields and
  /// no stray quote; records that do not are reported to `log` and
  /// skipped.
  ///
  /// - Returns: false at the end of the chunk.
  mutating func next(log: inout DiagnosticLog) throws(InputError) -> Bool {
    let columns = file.columnCount
    while let place = try scanner.next(into: record.fields) {
      record.offset = place.offset
      record.line = place.line
      let count = record.fields.count
      guard count == columns else {
        dropped()
        log.append(
          Diagnostic(
            .error, file: file.path, line: place.line, column: 1,
            "this record has \(count) fields but the header has \(columns).",
            help:
              "Put a field that contains a comma in double quotes, or add the "
              + "missing fields."))
        continue
      }
      if let stray = record.fields.spans.firstIndex(where: { $0.flags & 4 != 0 }
      ) {
        dropped()
        log.append(
          record.diagnostic(
            .error, column: stray,
            "a double quote stands inside a field that does not start with one.",
            help:
              "Put the whole field in double quotes and double the quote inside "
              + "it (\"\"), or remove the quote."))
        continue
      }
      return true
    }
    return false
  }

  private mutating func dropped() {
    droppedCount += 1
    if let keyColumn, keyColumn < record.fields.count {
      droppedKeys.append(record.text(keyColumn))
    }
  }
}

extension CSVFile {
  /// A diagnostic at field `column` of the record that starts at `offset`
  /// on `line`, found by scanning that record again (for faults found
  /// after the file was read, such as weights that do not add up).
  func diagnostic(
    _ severity: Diagnostic.Severity, recordAt offset: Int, line: Int,
    column: Int, _ message: String, help: String = ""
  ) -> Diagnostic {
    var scanner = CSVScanner(
      bytes, path: path, from: offset, line: line, limit: offset + 1)
    var record = CSVRecord(self)
    record.offset = offset
    record.line = line
    guard (try? scanner.next(into: record.fields)) != nil,
      column < record.fields.count
    else {
      return Diagnostic(
        severity, file: path, line: line, column: 1, message, help: help)
    }
    return record.diagnostic(severity, column: column, message, help: help)
  }

  /// A diagnostic placed at a header cell (line 1 of the file).
  func headerDiagnostic(
    _ severity: Diagnostic.Severity, column: Int, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    diagnostic(
      severity, recordAt: Self.bodyStart(bytes), line: 1, column: column,
      message, help: help)
  }
}
