import Foundation

extension ReportTable {
  /// Aligned text for a terminal: numbers right-aligned, text left-aligned,
  /// widths counted in terminal columns (a CJK character takes two).
  public func renderText() -> String {
    var widths = columns.map { Self.displayWidth($0.name) }
    var cells: [[String]] = []
    cells.reserveCapacity(rowCount)
    for row in 0..<rowCount {
      let line = (0..<columns.count).map { Self.oneLine(cell(row, $0).display) }
      for (j, text) in line.enumerated() {
        widths[j] = max(widths[j], Self.displayWidth(text))
      }
      cells.append(line)
    }
    var lines: [String] = []
    if !title.isEmpty { lines.append(title) }
    lines.append(line(columns.map(\.name), widths))
    lines.append(
      widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
    for row in cells { lines.append(line(row, widths)) }
    lines.append(contentsOf: footnotes)
    return lines.joined(separator: "\n") + "\n"
  }

  private func line(_ cells: [String], _ widths: [Int]) -> String {
    var parts: [String] = []
    for (j, cell) in cells.enumerated() {
      let pad = String(
        repeating: " ", count: max(0, widths[j] - Self.displayWidth(cell)))
      parts.append(columns[j].isNumeric ? pad + cell : cell + pad)
    }
    var text = parts.joined(separator: "  ")
    while text.hasSuffix(" ") { text.removeLast() }
    return text
  }

  /// A cell's text on one terminal line: a line break or tab inside a
  /// name (a quoted CSV field may hold one) would break the alignment of
  /// every column after it, so it is shown as a space. Files keep it.
  static func oneLine(_ text: String) -> String {
    guard text.contains(where: { $0.isNewline || $0 == "\t" }) else {
      return text
    }
    return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }

  /// Terminal columns taken by a string: 2 for East Asian wide characters.
  static func displayWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
        width += 2
      case 0x0300...0x036F, 0x200B...0x200F:
        break
      default:
        width += 1
      }
    }
    return width
  }

  /// RFC 4180 CSV with a header; fields quoted only when they must be.
  public func renderCSV() -> String {
    let text = ByteText()
    writeCSVHeader(into: text)
    writeCSV(rows: 0..<rowCount, into: text)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  /// A JSON array of objects keyed by column name; numbers stay numbers.
  public func renderJSON() -> String {
    let text = ByteText()
    writeJSON(rows: 0..<rowCount, into: text)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  /// The table in a format.
  public func render(_ format: OutputFormat) -> String {
    switch format {
    case .table: renderText()
    case .csv: renderCSV()
    case .json: renderJSON()
    }
  }
}
