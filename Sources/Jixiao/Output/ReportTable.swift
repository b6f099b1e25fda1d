import Foundation

/// A table of results, ready to print for people or write for machines.
///
/// Analyses return plain values; commands turn them into `ReportTable`s,
/// and one set of writers renders any table as aligned text, CSV or JSON,
/// so every command offers the same formats.
///
/// A small table is built row by row (`append`). A large one (a row per
/// project or per indicator) is built from columns (`init(name:title:
/// sources:rowCount:)`) that point into the result arrays: no cell exists
/// until a writer asks for it, and the CSV and JSON writers format typed
/// columns straight into bytes, on all cores.
public struct ReportTable: Sendable {
  /// A cell: text, a number shown with a fixed number of decimals, or
  /// nothing (printed as `—`, empty in CSV, `null` in JSON).
  public enum Cell: Sendable, Equatable {
    case text(String)
    /// Text indented by tree depth on the terminal, plain for machines.
    case indented(String, depth: Int)
    case number(Double, decimals: Int)
    case integer(Int)
    /// A list of numbers (a standard per year): `94.80, 96.60` for people
    /// and in CSV, a JSON array of numbers in JSON.
    case numbers([Double], decimals: Int)
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

  /// Where a column's cells come from.
  public enum Source: Sendable {
    /// Texts of a data set column.
    case text(TextColumn)
    /// Dictionary-encoded texts.
    case pooled(StringPool)
    /// Numbers with the decimals shown to people; rows where `present` is
    /// false are empty.
    case numbers([Double], decimals: Int, present: [Bool]?)
    /// Whole numbers.
    case integers([Int32])
    /// One of a few labels per row, by code (−1: empty).
    case labels([String], codes: [Int32])
    /// The text of another table's row, by index (−1: empty): the unit of
    /// each project, the project of each indicator.
    case lookup(TextColumn, rows: [Int32])
    /// A number where `present` is true (decimals as for `numbers`), the
    /// row's text of `labels` elsewhere: a column that mixes measured
    /// values and tier labels.
    case numberOrLabel(
      [Double], decimals: Int, present: [Bool], labels: StringPool)
    /// Anything else, computed per row.
    case cells(@Sendable (Int) -> Cell)
  }

  /// File stem used with `--out` (`projects` → projects.csv).
  public var name: String
  /// Heading printed above the table for people.
  public var title: String
  public var columns: [Column]
  /// Lines printed under the table for people (totals, notes).
  public var footnotes: [String] = []

  private var rowCells: [[Cell]] = []
  private(set) var sources: [Source]?
  private var columnarRowCount = 0

  /// An empty table to be filled row by row.
  public init(name: String, title: String, columns: [Column]) {
    self.name = name
    self.title = title
    self.columns = columns
  }

  /// A table whose columns are read from `sources`, `rowCount` rows each.
  public init(
    name: String, title: String, sources: [(Column, Source)], rowCount: Int
  ) {
    self.name = name
    self.title = title
    self.columns = sources.map(\.0)
    self.sources = sources.map(\.1)
    self.columnarRowCount = rowCount
  }

  public var rowCount: Int {
    sources == nil ? rowCells.count : columnarRowCount
  }

  public mutating func append(_ row: [Cell]) {
    precondition(sources == nil, "a table built from columns takes no rows")
    precondition(row.count == columns.count, "a row needs one cell per column")
    rowCells.append(row)
  }

  /// The cell at a row and column.
  public func cell(_ row: Int, _ column: Int) -> Cell {
    guard let sources else { return rowCells[row][column] }
    switch sources[column] {
    case .text(let texts): return .text(texts[row])
    case .pooled(let pool): return .text(pool[row])
    case .numbers(let values, let decimals, let present):
      if let present, !present[row] { return .empty }
      return .number(values[row], decimals: decimals)
    case .integers(let values): return .integer(Int(values[row]))
    case .labels(let labels, let codes):
      let code = Int(codes[row])
      return code >= 0 ? .text(labels[code]) : .empty
    case .lookup(let texts, let rows):
      let index = Int(rows[row])
      return index >= 0 ? .text(texts[index]) : .empty
    case .numberOrLabel(let values, let decimals, let present, let labels):
      return present[row]
        ? .number(values[row], decimals: decimals) : .text(labels[row])
    case .cells(let make): return make(row)
    }
  }

  /// The source of a column of a table built from columns.
  func source(_ column: Int) -> Source? { sources?[column] }

  /// Every row's cells (made on demand for a table built from columns).
  public var rows: [[Cell]] {
    guard sources != nil else { return rowCells }
    return (0..<rowCount).map { row in
      (0..<columns.count).map { cell(row, $0) }
    }
  }

  /// A table with only the rows `keep` selects, in that order.
  public func selecting(rows keep: [Int]) -> ReportTable {
    var table = ReportTable(name: name, title: title, columns: columns)
    table.footnotes = footnotes
    for row in keep {
      table.append((0..<columns.count).map { cell(row, $0) })
    }
    return table
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
      Self.indent(depth) + text
    case .number(let value, let decimals): Self.fixed(value, decimals)
    case .integer(let value): String(value)
    case .numbers(let values, let decimals):
      values.map { Self.fixed($0, decimals) }.joined(separator: ", ")
    case .empty: "—"
    }
  }

  /// The cell for machines: full precision, empty for nothing.
  var machine: String {
    switch self {
    case .text(let text), .indented(let text, _): text
    case .number(let value, _): Self.shortest(value)
    case .integer(let value): String(value)
    case .numbers(let values, _):
      values.map(Self.shortest).joined(separator: ", ")
    case .empty: ""
    }
  }

  /// Two spaces a level, up to `deepestIndent` levels; a deeper tree shows
  /// its depth instead of more spaces, so that a tree thousands of levels
  /// deep still prints lines of sensible width.
  static func indent(_ depth: Int) -> String {
    guard depth > deepestIndent else {
      return String(repeating: "  ", count: max(0, depth))
    }
    return String(repeating: "  ", count: deepestIndent) + "[\(depth)] "
  }

  static let deepestIndent = 12

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

  /// A number for machines: at most 15 significant digits and 10
  /// decimals, trailing zeros dropped (119.35999999999999 → 119.36,
  /// −4e-11 → 0); see `ByteText.append(machine:)`.
  static func shortest(_ value: Double) -> String {
    let text = ByteText()
    text.append(machine: value)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  /// `shortest` by the C library, for magnitudes of 1e15 and more (which
  /// the inputs' range keeps out of money, but a product could reach):
  /// fifteen significant digits.
  static func shortestByFormat(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    return String(format: "%.15g", value)
  }
}
