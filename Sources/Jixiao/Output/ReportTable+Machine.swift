import Dispatch
import Foundation
import JixiaoNumerics

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
  ///
  /// - Parameter threads: cores that format blocks of rows (default: all).
  public func write<Sink: ByteSink>(
    _ format: OutputFormat, to stream: inout Sink,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(InputError) {
    let isJSON = format == .json
    let head = ByteText()
    if isJSON {
      head.append(rowCount == 0 ? "[]\n" : "[\n")
    } else {
      writeCSVHeader(into: head)
    }
    try stream.write(head)
    guard rowCount > 0 else { return }

    let blocks = (rowCount + Self.blockRows - 1) / Self.blockRows
    let wave = max(1, 2 * threads)
    var first = 0
    while first < blocks {
      let count = min(wave, blocks - first)
      let texts = ResultSlots<ByteText>(count: count)
      let firstBlock = first
      let table = self
      parallelFor(count, threads: threads) { offset in
        let block = firstBlock + offset
        let start = block * Self.blockRows
        let rows = start..<min(table.rowCount, start + Self.blockRows)
        let text = ByteText(capacity: rows.count * 64)
        if isJSON {
          if block > 0 { text.append(",\n") }
          table.writeJSONObjects(rows: rows, into: text)
        } else {
          table.writeCSV(rows: rows, into: text)
        }
        texts[offset] = text
      }
      for offset in 0..<count {
        if let text = texts[offset] { try stream.write(text) }
      }
      first += count
    }
    if isJSON { try stream.write(Array("\n]\n".utf8)) }
  }

  // MARK: CSV

  func writeCSVHeader(into text: ByteText) {
    for (j, column) in columns.enumerated() {
      if j > 0 { text.append(0x2C) }
      text.appendCSVField(column.name)
    }
    text.append(0x0A)
  }

  func writeCSV(rows: Range<Int>, into text: ByteText) {
    guard sources != nil else {
      for row in rows {
        for column in 0..<columns.count {
          if column > 0 { text.append(0x2C) }
          writeCell(cell(row, column), json: false, into: text)
        }
        text.append(0x0A)
      }
      return
    }
    let cells = formatColumns(rows: rows, json: false)
    cells.interleave(
      into: text, rowStart: [], prefixes: [], between: [0x2C], rowEnd: [0x0A],
      rowSeparator: [])
  }

  /// Formats each column's cells for `rows` into one arena, column by
  /// column: the switch on a column's source happens once, and the loop
  /// over its rows touches only that column's array.
  private func formatColumns(rows: Range<Int>, json: Bool) -> FormattedCells {
    var cells = FormattedCells(columns: columns.count, rows: rows.count)
    for column in 0..<columns.count {
      formatColumn(column, rows: rows, json: json, into: &cells)
    }
    return cells
  }

  private func formatColumn(
    _ column: Int, rows: Range<Int>, json: Bool,
    into cells: inout FormattedCells
  ) {
    switch source(column) {
    case .text(let texts)?:
      texts.withStorage { bytes, offsets in
        for row in rows {
          let text = UnsafeBufferPointer(
            rebasing: bytes[offsets[row]..<offsets[row + 1]])
          if json {
            cells.text.appendJSONString(text)
          } else {
            cells.text.appendCSVField(text)
          }
          cells.end()
        }
      }
    case .pooled(let pool)?:
      let encoded = pool.values.map { Self.encoded($0, json: json) }
      for row in rows {
        cells.text.append(contentsOf: encoded[Int(pool.codes[row])])
        cells.end()
      }
    case .numbers(let values, _, let present)?:
      for row in rows {
        if present?[row] ?? true, values[row].isFinite {
          cells.text.append(machine: values[row])
        } else if json {
          cells.text.append("null")
        }
        cells.end()
      }
    case .integers(let values)?:
      for row in rows {
        cells.text.append(integer: Int64(values[row]))
        cells.end()
      }
    case .labels(let labels, let codes)?:
      let encoded = labels.map { Self.encoded($0, json: json) }
      let empty: [UInt8] = json ? Array("null".utf8) : []
      for row in rows {
        let code = Int(codes[row])
        cells.text.append(contentsOf: code >= 0 ? encoded[code] : empty)
        cells.end()
      }
    case .lookup(let texts, let indices)?:
      for row in rows {
        let index = Int(indices[row])
        if index >= 0 {
          texts.withBytes(index) {
            json
              ? cells.text.appendJSONString($0) : cells.text.appendCSVField($0)
          }
        } else if json {
          cells.text.append("null")
        }
        cells.end()
      }
    case .numberOrLabel(let values, _, let present, let labels)?:
      let encoded = labels.values.map { Self.encoded($0, json: json) }
      for row in rows {
        if present[row] {
          cells.text.append(machine: values[row])
        } else {
          cells.text.append(contentsOf: encoded[Int(labels.codes[row])])
        }
        cells.end()
      }
    case .cells, nil:
      for row in rows {
        writeCell(cell(row, column), json: json, into: cells.text)
        cells.end()
      }
    }
  }

  /// A text as a CSV field or a JSON string.
  private static func encoded(_ value: String, json: Bool) -> [UInt8] {
    let text = ByteText()
    if json { text.appendJSONString(value) } else { text.appendCSVField(value) }
    return text.bytes
  }

  private func writeCell(_ cell: Cell, json: Bool, into text: ByteText) {
    switch cell {
    case .text(let value), .indented(let value, _):
      if json {
        text.appendJSONString(value)
      } else {
        text.appendCSVField(value)
      }
    case .number(let value, _):
      if value.isFinite {
        text.append(machine: value)
      } else if json {
        text.append("null")
      }
    case .integer(let value): text.append(integer: Int64(value))
    case .numbers(let values, _):
      guard json else {
        text.appendCSVField(cell.machine)
        return
      }
      text.append("[")
      for (index, value) in values.enumerated() {
        if index > 0 { text.append(", ") }
        if value.isFinite {
          text.append(machine: value)
        } else {
          text.append("null")
        }
      }
      text.append("]")
    case .empty: if json { text.append("null") }
    }
  }

  // MARK: JSON

  /// The rows as JSON objects, one per line, separated by ",\n" (no
  /// surrounding brackets).
  func writeJSONObjects(rows: Range<Int>, into text: ByteText) {
    let names = columns.map { column -> [UInt8] in
      let key = ByteText()
      key.appendJSONString(column.name)
      key.append(": ")
      return key.bytes
    }
    if sources == nil {
      for row in rows {
        if row > rows.lowerBound { text.append(",\n") }
        text.append("  {")
        for column in 0..<columns.count {
          if column > 0 { text.append(", ") }
          text.append(contentsOf: names[column])
          writeCell(cell(row, column), json: true, into: text)
        }
        text.append(0x7D)
      }
      return
    }
    let cells = formatColumns(rows: rows, json: true)
    cells.interleave(
      into: text, rowStart: Array("  {".utf8), prefixes: names,
      between: Array(", ".utf8), rowEnd: [0x7D], rowSeparator: Array(",\n".utf8)
    )
  }

  /// The whole table as a JSON array of objects.
  func writeJSON(rows: Range<Int>, into text: ByteText) {
    guard !rows.isEmpty else {
      text.append("[]\n")
      return
    }
    text.append("[\n")
    writeJSONObjects(rows: rows, into: text)
    text.append("\n]\n")
  }

}

/// The formatted cells of a block of rows, column after column in one
/// arena; cell (row, column) ends at `ends[column * rows + row]`.
struct FormattedCells {
  let text: ByteText
  var ends: [Int] = []
  let columns: Int
  let rows: Int

  init(columns: Int, rows: Int) {
    self.columns = columns
    self.rows = rows
    text = ByteText(capacity: columns * rows * 8)
    ends.reserveCapacity(columns * rows)
  }

  /// Marks the end of the cell just formatted.
  @inline(__always)
  mutating func end() { ends.append(text.count) }

  /// Copies a few bytes (a cell, a separator) and returns how many.
  @inline(__always)
  static func copy(
    _ source: UnsafeBufferPointer<UInt8>, _ target: UnsafeMutablePointer<UInt8>
  ) -> Int {
    let n = source.count
    guard let from = source.baseAddress else { return 0 }
    if n > 16 {
      target.update(from: from, count: n)
    } else {
      for i in 0..<n { target[i] = from[i] }
    }
    return n
  }

  /// Writes the cells row by row: `rowSeparator` between rows, then
  /// `rowStart`, the cells with `prefixes[column]` (if given) before each
  /// and `between` between them, and `rowEnd`. The size is known before,
  /// so the bytes are copied straight into the output's buffer.
  func interleave(
    into out: ByteText, rowStart: [UInt8], prefixes: [[UInt8]],
    between: [UInt8], rowEnd: [UInt8], rowSeparator: [UInt8]
  ) {
    let prefixBytes = prefixes.flatMap { $0 }
    var prefixEnds: [Int] = []
    var sum = 0
    for prefix in prefixes {
      sum += prefix.count
      prefixEnds.append(sum)
    }
    let perRow =
      rowStart.count + rowEnd.count + max(0, columns - 1) * between.count
      + prefixBytes.count
    let total =
      text.count + rows * perRow + max(0, rows - 1) * rowSeparator.count
    text.withUnsafeBufferPointer { arena in
      ends.withUnsafeBufferPointer { ends in
        prefixBytes.withUnsafeBufferPointer { prefixBytes in
          rowStart.withUnsafeBufferPointer { rowStart in
            rowEnd.withUnsafeBufferPointer { rowEnd in
              between.withUnsafeBufferPointer { between in
                rowSeparator.withUnsafeBufferPointer { rowSeparator in
                  out.appendInPlace(capacity: total) { start in
                    var p = start
                    let copy = Self.copy
                    for row in 0..<rows {
                      if row > 0 { p += copy(rowSeparator, p) }
                      p += copy(rowStart, p)
                      for column in 0..<columns {
                        if column > 0 { p += copy(between, p) }
                        if !prefixEnds.isEmpty {
                          let from = column == 0 ? 0 : prefixEnds[column - 1]
                          p += copy(
                            UnsafeBufferPointer(
                              rebasing: prefixBytes[from..<prefixEnds[column]]),
                            p)
                        }
                        let index = column * rows + row
                        let from = index == 0 ? 0 : ends[index - 1]
                        p += copy(
                          UnsafeBufferPointer(
                            rebasing: arena[from..<ends[index]]), p)
                      }
                      p += copy(rowEnd, p)
                    }
                    return p - start
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Where written bytes go: a file being staged, standard output.
public protocol ByteSink {
  mutating func write(_ bytes: [UInt8]) throws(InputError)
  mutating func write(_ bytes: UnsafeRawBufferPointer) throws(InputError)
}

extension ByteSink {
  public mutating func write(_ bytes: [UInt8]) throws(InputError) {
    var failure: InputError?
    bytes.withUnsafeBytes { buffer in
      do throws(InputError) {
        try write(buffer)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }

  mutating func write(_ text: ByteText) throws(InputError) {
    var failure: InputError?
    text.withUnsafeBytes { buffer in
      do throws(InputError) {
        try write(buffer)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }
}

/// Standard output as a sink. C's buffered streams (which `print` uses)
/// are flushed first, so the two keep their order.
public struct StandardOutput: ByteSink {
  public init() {}

  public mutating func write(_ buffer: UnsafeRawBufferPointer)
    throws(InputError)
  {
    fflush(nil)
    var offset = 0
    var failed = false
    while offset < buffer.count, let base = buffer.baseAddress {
      let written = Glibc.write(1, base + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        failed = true
        break
      }
      offset += written
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
  func appendJSONString(_ value: String) {
    var value = value
    value.withUTF8 { appendJSONString($0) }
  }

  func appendJSONString(_ utf8: UnsafeBufferPointer<UInt8>) {
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
