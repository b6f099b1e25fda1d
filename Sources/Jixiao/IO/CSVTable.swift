/// A whole CSV file tokenised into field spans, for tables read by record
/// number (the source table of `jixiao import`, tests).
///
/// Data set files are read by `DatasetLoader` straight from `CSVFile`
/// records, keeping nothing per field; this type keeps three words per
/// field, which suits tables of thousands of rows, not millions. It
/// accepts and refuses exactly what `CSVFile` does; records with a fault
/// (wrong field count, a stray quote) are reported to the log and left
/// out.
public struct CSVTable: Sendable {
  let file: CSVFile
  /// Number of data records (the header is not counted).
  public let recordCount: Int
  /// Field `c` of record `r` is at index `r * columnCount + c`.
  private let fieldStart: [Int]
  private let fieldEnd: [Int]
  private let fieldFlags: [UInt8]
  private let recordLine: [Int]
  private let recordOffset: [Int]

  /// The path as the user gave it; used in messages.
  public var path: String { file.path }
  /// Column names of the header, trimmed, byte-order mark removed.
  public var header: [String] { file.header }
  public var columnCount: Int { file.columnCount }

  /// The largest record accepted (16 MiB).
  public static var maximumRecordBytes: Int { CSVFile.maximumRecordBytes }

  /// Reads and tokenises a file.
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - log: receives every recoverable problem (wrong field counts).
  /// - Throws: `InputError` when the file cannot be read or is not CSV text.
  public init(contentsOf path: String, log: inout DiagnosticLog)
    throws(InputError)
  {
    try self.init(file: CSVFile(contentsOf: path), log: &log)
  }

  /// Tokenises bytes already in memory; `path` names them in messages.
  public init(bytes: [UInt8], path: String, log: inout DiagnosticLog)
    throws(InputError)
  {
    try self.init(file: CSVFile(bytes: bytes, path: path), log: &log)
  }

  init(file: CSVFile, log: inout DiagnosticLog) throws(InputError) {
    self.file = file
    var starts: [Int] = []
    var ends: [Int] = []
    var flags: [UInt8] = []
    var lines: [Int] = []
    var offsets: [Int] = []
    var reader = CSVRecordReader(
      file,
      CSVFile.Chunk(
        start: file.bodyStart, line: file.bodyLine, end: file.bytes.count))
    do {
      while try reader.next(log: &log) {
        let fields = reader.record.fields
        for span in fields.spans {
          starts.append(span.start)
          ends.append(span.end)
          flags.append(span.flags)
        }
        lines.append(reader.record.line)
        offsets.append(reader.record.offset)
      }
    } catch {
      throw CSVFile.preferEncodingError(error, file.bytes, path: file.path)
    }
    fieldStart = starts
    fieldEnd = ends
    fieldFlags = flags
    recordLine = lines
    recordOffset = offsets
    recordCount = lines.count
  }

  // MARK: Reading fields

  /// The field's text with quotes removed and surrounding spaces trimmed.
  public func text(_ record: Int, _ column: Int) -> String {
    let index = record * columnCount + column
    return CSVFile.decode(
      file.bytes, fieldStart[index], fieldEnd[index], fieldFlags[index])
  }

  /// Whether the field holds nothing but spaces.
  public func isBlank(_ record: Int, _ column: Int) -> Bool {
    let index = record * columnCount + column
    var i = fieldStart[index]
    while i < fieldEnd[index] {
      if !DecimalParser.isSpace(file.bytes[i]) { return false }
      i += 1
    }
    return true
  }

  /// Parses the field as a decimal number without building a String.
  func number(_ record: Int, _ column: Int) -> DecimalParser.Outcome {
    let index = record * columnCount + column
    return DecimalParser.parse(
      UnsafeBufferPointer(
        rebasing: file.bytes[fieldStart[index]..<fieldEnd[index]]))
  }

  /// The 1-based line on which a record starts.
  public func line(ofRecord record: Int) -> Int { recordLine[record] }

  /// The 1-based line and character column at which a field starts (at its
  /// opening quote when quoted), for messages.
  public func position(_ record: Int, _ column: Int) -> (line: Int, column: Int)
  {
    self.record(record).position(column)
  }

  /// A diagnostic placed at a field.
  public func diagnostic(
    _ severity: Diagnostic.Severity, record: Int, column: Int,
    _ message: String, help: String = ""
  ) -> Diagnostic {
    self.record(record).diagnostic(
      severity, column: column, message, help: help)
  }

  /// A diagnostic placed at a header cell (line 1 of the file).
  public func headerDiagnostic(
    _ severity: Diagnostic.Severity, column: Int, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    file.headerDiagnostic(severity, column: column, message, help: help)
  }

  /// Record r, for the typed cell reads of CellReading.swift.
  func recordView(_ r: Int) -> CSVRecord { record(r) }

  private func record(_ record: Int) -> CSVRecord {
    var result = CSVRecord(file)
    result.offset = recordOffset[record]
    result.line = recordLine[record]
    let first = record * columnCount
    for index in first..<(first + columnCount) {
      result.fields.append(
        fieldStart[index], fieldEnd[index], fieldFlags[index])
    }
    return result
  }
}
