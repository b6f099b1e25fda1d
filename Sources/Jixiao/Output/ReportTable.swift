import Foundation

/// A table of results, ready to print for people or write for machines.
///
/// Analyses return plain values; commands turn them into `ReportTable`s,
/// and one set of writers renders any table as aligned text, CSV or JSON,
/// so every command offers the same formats.
public struct ReportTable: Sendable {
  /// A cell: text, a number shown with a fixed number of decimals, or
  /// nothing (printed as `—`, empty in CSV, `null` in JSON).
  public enum Cell: Sendable, Equatable {
    case text(String)
    /// Text indented by tree depth on the terminal, plain for machines.
    case indented(String, depth: Int)
    case number(Double, decimals: Int)
    case integer(Int)
    case empty
  }

  public struct Column: Sendable {
    public var name: String
    public var isNumeric: Bool

    public init(_ name: String, numeric: Bool = false) {
      self.name = name
      self.isNumeric = numeric
    }
  }

  /// File stem used with `--out` (`projects` → projects.csv).
  public var name: String
  /// Heading printed above the table for people.
  public var title: String
  public var columns: [Column]
  public var rows: [[Cell]] = []
  /// Lines printed under the table for people (totals, notes).
  public var footnotes: [String] = []

  public init(name: String, title: String, columns: [Column]) {
    self.name = name
    self.title = title
    self.columns = columns
  }

  public mutating func append(_ row: [Cell]) {
    precondition(row.count == columns.count, "a row needs one cell per column")
    rows.append(row)
  }
}

/// Output formats of every command.
public enum OutputFormat: String, Sendable, CaseIterable {
  case table
  case csv
  case json

  public var fileExtension: String {
    switch self {
    case .table: "txt"
    case .csv: "csv"
    case .json: "json"
    }
  }
}

extension ReportTable.Cell {
  /// The cell for people: fixed decimals, `—` for nothing.
  var display: String {
    switch self {
    case .text(let text): text
    case .indented(let text, let depth):
      String(repeating: "  ", count: depth) + text
    case .number(let value, let decimals): Self.fixed(value, decimals)
    case .integer(let value): String(value)
    case .empty: "—"
    }
  }

  /// The cell for machines: full precision, empty for nothing.
  var machine: String {
    switch self {
    case .text(let text), .indented(let text, _): text
    case .number(let value, _): Self.shortest(value)
    case .integer(let value): String(value)
    case .empty: ""
    }
  }

  static func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "—" }
    let text = String(format: "%.\(decimals)f", value)
    // Never print "-0.00".
    if text.hasPrefix("-"),
      text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
    {
      return String(text.dropFirst())
    }
    return text
  }

  /// A number for machines: rounded to 10 decimals, trailing zeros
  /// dropped (119.35999999999999 → 119.36, −5.8e-11 → 0). Ten decimals keep
  /// every digit that money in 万元 or a score carries, and remove the noise
  /// of binary arithmetic that would otherwise reach spreadsheets.
  static func shortest(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    var text = String(format: "%.10f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    if text == "-0" { text = "0" }
    return text
  }
}
