import Dispatch
import Foundation

/// CSV and JSON for machines, written as bytes.
///
/// Typed columns are formatted straight into a byte buffer (`ByteText`);
/// large tables are formatted in blocks of rows on all cores and the
/// blocks written in order, so a table of millions of rows streams to its
/// file at a few nanoseconds a cell without ever being held whole.
extension ReportTable {
  /// Rows per block when a table is formatted on several cores.
  static let blockRows = 16_384

  /// Writes the table in `format` (CSV or JSON) to `stream`.
  public func write<Sink: ByteSink>(
    _ format: OutputFormat, to stream: inout Sink
  )
    throws(InputError)
  {
    let isJSON = format == .json
    var head = ByteText()
    if isJSON {
      head.append(rowCount == 0 ? "[]\n" : "[\n")
    } else {
      writeCSVHeader(into: &head)
    }
    try stream.write(head.bytes)
    guard rowCount > 0 else { return }

    let blocks = (rowCount + Self.blockRows - 1) / Self.blockRows
    let wave = max(1, 2 * ProcessInfo.processInfo.activeProcessorCount)
    var first = 0
    while first < blocks {
      let count = min(wave, blocks - first)
      let texts = ResultSlots<ByteText>(count: count)
      let firstBlock = first
      let table = self
      DispatchQueue.concurrentPerform(iterations: count) { offset in
        let block = firstBlock + offset
        let start = block * Self.blockRows
        let rows = start..<min(table.rowCount, start + Self.blockRows)
        var text = ByteText(capacity: rows.count * 64)
        if isJSON {
          if block > 0 { text.append(",\n") }
          table.writeJSONObjects(rows: rows, into: &text)
        } else {
          table.writeCSV(rows: rows, into: &text)
        }
        texts[offset] = text
      }
      for offset in 0..<count {
        if let text = texts[offset] { try stream.write(text.bytes) }
      }
      first += count
    }
    if isJSON { try stream.write(Array("\n]\n".utf8)) }
  }

  // MARK: CSV

  func writeCSVHeader(into text: inout ByteText) {
    for (j, column) in columns.enumerated() {
      if j > 0 { text.append(0x2C) }
      text.appendCSVField(column.name)
    }
    text.append(0x0A)
  }

  func writeCSV(rows: Range<Int>, into text: inout ByteText) {
    for row in rows {
      for column in 0..<columns.count {
        if column > 0 { text.append(0x2C) }
        writeCSVCell(row, column, into: &text)
      }
      text.append(0x0A)
    }
  }

  private func writeCSVCell(
    _ row: Int, _ column: Int, into text: inout ByteText
  ) {
    switch source(column) {
    case .text(let texts)?:
      texts.withBytes(row) { text.appendCSVField($0) }
    case .pooled(let pool)?:
      text.appendCSVField(pool[row])
    case .numbers(let values, _, let present)?:
      if present?[row] ?? true { text.append(machine: values[row]) }
    case .integers(let values)?:
      text.append(integer: Int64(values[row]))
    case .labels(let labels, let codes)?:
      let code = Int(codes[row])
      if code >= 0 { text.appendCSVField(labels[code]) }
    case .cells, nil:
      switch cell(row, column) {
      case .text(let value), .indented(let value, _):
        text.appendCSVField(value)
      case .number(let value, _): text.append(machine: value)
      case .integer(let value): text.append(integer: Int64(value))
      case .empty: break
      }
    }
  }

  // MARK: JSON

  /// The rows as JSON objects, one per line, separated by ",\n" (no
  /// surrounding brackets).
  func writeJSONObjects(rows: Range<Int>, into text: inout ByteText) {
    let names = columns.map { column -> [UInt8] in
      var key = ByteText()
      key.appendJSONString(column.name)
      key.append(": ")
      return key.bytes
    }
    for row in rows {
      if row > rows.lowerBound { text.append(",\n") }
      text.append("  {")
      for column in 0..<columns.count {
        if column > 0 { text.append(", ") }
        text.bytes.append(contentsOf: names[column])
        writeJSONValue(row, column, into: &text)
      }
      text.append(0x7D)
    }
  }

  /// The whole table as a JSON array of objects.
  func writeJSON(rows: Range<Int>, into text: inout ByteText) {
    guard !rows.isEmpty else {
      text.append("[]\n")
      return
    }
    text.append("[\n")
    writeJSONObjects(rows: rows, into: &text)
    text.append("\n]\n")
  }

  private func writeJSONValue(
    _ row: Int, _ column: Int, into text: inout ByteText
  ) {
    switch source(column) {
    case .text(let texts)?:
      texts.withBytes(row) { text.appendJSONString($0) }
    case .pooled(let pool)?:
      text.appendJSONString(pool[row])
    case .numbers(let values, _, let present)?:
      if present?[row] ?? true, values[row].isFinite {
        text.append(machine: values[row])
      } else {
        text.append("null")
      }
    case .integers(let values)?:
      text.append(integer: Int64(values[row]))
    case .labels(let labels, let codes)?:
      let code = Int(codes[row])
      if code >= 0 {
        text.appendJSONString(labels[code])
      } else {
        text.append("null")
      }
    case .cells, nil:
      switch cell(row, column) {
      case .text(let value), .indented(let value, _):
        text.appendJSONString(value)
      case .number(let value, _):
        if value.isFinite {
          text.append(machine: value)
        } else {
          text.append("null")
        }
      case .integer(let value): text.append(integer: Int64(value))
      case .empty: text.append("null")
      }
    }
  }
}

/// Where written bytes go: a file being staged, standard output.
public protocol ByteSink {
  mutating func write(_ bytes: [UInt8]) throws(InputError)
}

/// Standard output as a sink. C's buffered streams (which `print` uses)
/// are flushed first, so the two keep their order.
public struct StandardOutput: ByteSink {
  public init() {}

  public mutating func write(_ bytes: [UInt8]) throws(InputError) {
    fflush(nil)
    var offset = 0
    var failed = false
    bytes.withUnsafeBufferPointer { buffer in
      while offset < buffer.count, let base = buffer.baseAddress {
        let written = Glibc.write(1, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failed = true
          return
        }
        offset += written
      }
    }
    guard !failed else {
      throw InputError(
        Diagnostic(
          .error, file: "standard output",
          "cannot be written (\(String(cString: strerror(errno))))."))
    }
  }
}

extension ByteText {
  /// A JSON string: quotes, backslashes and control characters escaped.
  mutating func appendJSONString(_ value: String) {
    var value = value
    value.withUTF8 { appendJSONString($0) }
  }

  mutating func appendJSONString(_ utf8: UnsafeBufferPointer<UInt8>) {
    append(0x22)
    for byte in utf8 {
      switch byte {
      case 0x22: append("\\\"")
      case 0x5C: append("\\\\")
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      case 0..<0x20:
        append("\\u00")
        let digits = Array("0123456789abcdef".utf8)
        append(digits[Int(byte >> 4)])
        append(digits[Int(byte & 0xF)])
      default: append(byte)
      }
    }
    append(0x22)
  }
}
