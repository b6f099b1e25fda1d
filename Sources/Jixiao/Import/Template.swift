import Foundation

/// A mapping value: literal text with `{Column}` or `{Column|year}` holes
/// filled from a table row; `{{` and `}}` are literal braces.
struct Template {
  enum Filter: String {
    /// The first four-digit run, e.g. 2021 from 2021-09-27.
    case year
  }

  enum Part {
    case literal(String)
    case column(Int, Filter?)
  }

  let source: String
  let parts: [Part]

  /// The table columns the template reads.
  var columns: [Int] {
    parts.compactMap { if case .column(let c, _) = $0 { c } else { nil } }
  }

  /// Whether the template is exactly one column (so faults can point at it).
  var singleColumn: Int? {
    parts.count == 1 ? columns.first : nil
  }

  /// Compiles a template against a table header.
  ///
  /// - Throws: a message naming the unknown column or the bad brace, with
  ///   the position of the brace at fault.
  init(_ source: String, header: [String]) throws(TemplateError) {
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
        if let bar = name.lastIndex(of: "|") {
          let filterName = String(name[name.index(after: bar)...])
          guard let parsed = Filter(rawValue: filterName) else {
            throw TemplateError(
              message:
                "\"\(source)\" uses the unknown filter |\(filterName).",
              help: "The filter is |year.", offset: offset(index))
          }
          filter = parsed
          name = String(name[..<bar])
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
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
        let cell = Self.oneLine(table.text(record, column))
        switch filter {
        case nil: text += cell
        case .year: text += Self.firstYear(cell)
        }
      }
    }
    return text
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
