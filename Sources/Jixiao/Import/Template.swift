import Foundation

/// A mapping value: literal text with `{Column}` holes filled from a table
/// row; `{{` and `}}` are literal braces. A hole may name a computed
/// column (`Computation`) and end in a filter: `{Column|year}`,
/// `{Column|or:text}`.
struct Template {
  enum Filter: Equatable {
    /// The first four-digit run, e.g. 2021 from 2021-09-27.
    case year
    /// The cell, or the given text when the cell is empty.
    case or(String)

    init?(_ text: String) {
      if text == "year" {
        self = .year
      } else if text.hasPrefix("or:") {
        self = .or(String(text.dropFirst(3)))
      } else {
        return nil
      }
    }
  }

  enum Part {
    case literal(String)
    case column(Int, Filter?)
    case computed(Computation, Filter?)
  }

  let source: String
  let parts: [Part]

  /// The table columns the template reads (a computed column reads its
  /// two inputs).
  var columns: [Int] {
    parts.flatMap { part -> [Int] in
      switch part {
      case .literal: []
      case .column(let c, _): [c]
      case .computed(let computation, _):
        [computation.inputs.0, computation.inputs.1]
      }
    }
  }

  /// Whether the template is exactly one column (so faults can point at it).
  var singleColumn: Int? {
    if parts.count == 1, case .column(let c, _) = parts[0] { return c }
    return nil
  }

  /// Compiles a template against a table header.
  ///
  /// - Throws: a message naming the unknown column or the bad brace, with
  ///   the position of the brace at fault.
  init(_ source: String, header: [String], computed: [Computation] = [])
    throws(TemplateError)
  {
    self.source = source
    var parts: [Part] = []
    var literal = ""
    var index = source.startIndex
    /// The fault's place, in Unicode scalars from the start of the text.
    func offset(_ index: String.Index) -> Int {
      source.unicodeScalars.distance(from: source.startIndex, to: index)
    }
    while index < source.endIndex {
      let character = source[index]
      let next = source.index(after: index)
      if character == "{", next < source.endIndex, source[next] == "{" {
        literal.append("{")
        index = source.index(after: next)
        continue
      }
      if character == "}", next < source.endIndex, source[next] == "}" {
        literal.append("}")
        index = source.index(after: next)
        continue
      }
      if character == "}" {
        throw TemplateError(
          message: "\"\(source)\" has a } that closes nothing.",
          help: "Write }} for a literal brace.", offset: offset(index))
      }
      if character == "{" {
        guard let close = source[next...].firstIndex(of: "}") else {
          throw TemplateError(
            message: "\"\(source)\" opens { without closing it.",
            help: "Close the column name with }, or write {{ for a literal "
              + "brace.", offset: offset(index))
        }
        var name = String(source[next..<close])
        var filter: Filter?
        // A column whose name holds a bar is named whole; otherwise the
        // first bar starts the filter (whose text may hold bars).
        let whole = name.trimmingCharacters(in: .whitespaces)
        let isName =
          header.contains(whole) || computed.contains { $0.name == whole }
        if !isName, let bar = name.firstIndex(of: "|") {
          let filterName = String(name[name.index(after: bar)...])
          guard let parsed = Filter(filterName) else {
            throw TemplateError(
              message:
                "\"\(source)\" uses the unknown filter |\(filterName).",
              help:
                "The filters are |year and |or:text (text when the cell is empty).",
              offset: offset(index))
          }
          filter = parsed
          name = String(name[..<bar])
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let computation = computed.first(where: { $0.name == trimmed }) {
          if !literal.isEmpty { parts.append(.literal(literal)) }
          literal = ""
          parts.append(.computed(computation, filter))
          index = source.index(after: close)
          continue
        }
        let copies = header.filter { $0 == trimmed }.count
        if copies > 1 {
          throw TemplateError(
            message:
              "\"\(source)\" names the column \"\(trimmed)\", which the table "
              + "has \(copies) times.",
            help: "Rename the copies so the mapping can tell them apart.",
            offset: offset(index))
        }
        guard let column = Self.column(named: name, in: header) else {
          let suggestion =
            nearest(name, in: header).map { " Did you mean \"\($0)\"?" } ?? ""
          throw TemplateError(
            message:
              "\"\(source)\" names the column \"\(name)\", which the table "
              + "does not have.\(suggestion)",
            help: "Column names must match the table's header exactly.",
            offset: offset(index))
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        literal = ""
        parts.append(.column(column, filter))
        index = source.index(after: close)
        continue
      }
      literal.append(character)
      index = next
    }
    if !literal.isEmpty { parts.append(.literal(literal)) }
    self.parts = parts
  }

  private static func column(named name: String, in header: [String]) -> Int? {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    return header.firstIndex(of: trimmed)
      ?? header.firstIndex { $0.lowercased() == trimmed.lowercased() }
  }

  /// The template filled from one record. Cells are trimmed and line
  /// breaks inside them become spaces: a spreadsheet cell wrapped over two
  /// lines is still one id or name.
  func fill(_ table: CSVTable, _ record: Int) -> String {
    var text = ""
    for part in parts {
      switch part {
      case .literal(let literal): text += literal
      case .column(let column, let filter):
        text += Self.apply(filter, Self.oneLine(table.text(record, column)))
      case .computed(let computation, let filter):
        text += Self.apply(filter, computation.text(table, record))
      }
    }
    return text
  }

  private static func apply(_ filter: Filter?, _ cell: String) -> String {
    switch filter {
    case nil: cell
    case .year: firstYear(cell)
    case .or(let fallback): cell.isEmpty ? fallback : cell
    }
  }

  static func oneLine(_ text: String) -> String {
    guard text.contains(where: \.isNewline) else { return text }
    return text.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
      .joined(separator: " ")
  }

  static func firstYear(_ text: String) -> String {
    let characters = Array(text)
    var i = 0
    while i + 4 <= characters.count {
      let window = characters[i..<(i + 4)]
      if window.allSatisfy({ $0.isASCII && $0.isNumber }) {
        let before =
          i == 0 || !(characters[i - 1].isASCII && characters[i - 1].isNumber)
        let after =
          i + 4 == characters.count
          || !(characters[i + 4].isASCII && characters[i + 4].isNumber)
        if before && after { return String(window) }
      }
      i += 1
    }
    return ""
  }
}

struct TemplateError: Error {
  var message: String
  var help: String
  /// Where in the template the fault is, in Unicode scalars (the brace).
  var offset: Int
}
