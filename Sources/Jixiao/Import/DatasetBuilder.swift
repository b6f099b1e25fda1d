import Foundation

/// Collects units, duties, activities, projects and indicator rows from
/// table records, de-duplicating the tree levels, and writes them as CSV.
struct DatasetBuilder {
  private var units: ReportTable
  private var duties = ReportTable(
    name: "duties", title: "",
    columns: ["id", "unit", "name"].map { .init($0) })
  private var activities = ReportTable(
    name: "activities", title: "",
    columns: ["id", "duty", "name"].map { .init($0) })
  private var projects: ReportTable
  /// Optional columns are written only when the mapping fills them.
  private let hasRegion: Bool
  private let hasIndustry: Bool
  private var indicators = ReportTable(
    name: "indicators", title: "",
    columns: (["project"] + Importer.indicatorFields).map { .init($0) })
  /// Id → (name, level, parent) of units seen, to check consistency.
  private var seenUnits: [String: [String]] = [:]
  private var seenDuties: Set<String> = []
  private var seenActivities: Set<String> = []
  /// The table record each written project and indicator row came from,
  /// and for indicator rows the mapping's `indicators` entry.
  private var projectSource: [Int] = []
  private var indicatorSource: [(record: Int, entry: Int)] = []

  init(_ mapping: ImportMapping) {
    hasRegion = mapping.units.contains { $0.region != nil }
    hasIndustry = mapping.project["industry"] != nil
    units = ReportTable(
      name: "units", title: "",
      columns: (["id", "name", "parent", "level"]
        + (hasRegion ? ["region"] : []))
        .map { .init($0) })
    let projectColumns: [String] =
      ["id", "name", "unit", "activity", "category"]
      + (hasIndustry ? ["industry"] : [])
      + ["budget", "executed", "start_year", "end_year", "major", "provenance"]
    projects = ReportTable(
      name: "projects", title: "", columns: projectColumns.map { .init($0) })
  }

  var projectCount: Int { projects.rows.count }
  var indicatorCount: Int { indicators.rows.count }
  var unitCount: Int { units.rows.count }

  mutating func add(
    _ table: CSVTable, _ record: Int, _ mapping: ImportMapping,
    log: inout DiagnosticLog
  ) {
    var parent = ""
    for level in mapping.units {
      let id = level.id.fill(table, record)
      guard !id.isEmpty else {
        log.append(
          fault(
            table, record, level.id,
            "the unit id \"\(level.id.source)\" is empty in this row."))
        return
      }
      let fields = [
        level.name.fill(table, record),
        level.levelName?.fill(table, record) ?? "", parent,
        level.region?.fill(table, record) ?? "",
      ]
      if let seen = seenUnits[id] {
        if seen != fields {
          log.append(
            fault(
              table, record, level.name,
              "unit \"\(id)\" appears with another name, level, parent or region than "
                + "before (\(seen.joined(separator: ", ")) vs \(fields.joined(separator: ", ")))."
            ))
        }
      } else {
        seenUnits[id] = fields
        units.append(
          [.text(id), .text(fields[0]), .text(parent), .text(fields[1])]
            + (hasRegion ? [.text(fields[3])] : []))
      }
      parent = id
    }
    let unit = parent

    var activityID = ""
    if let duty = mapping.duty, let activity = mapping.activity {
      let dutyID = duty.id.fill(table, record)
      activityID = activity.id.fill(table, record)
      if seenDuties.insert(dutyID).inserted {
        duties.append([
          .text(dutyID), .text(unit), .text(duty.name.fill(table, record)),
        ])
      }
      if seenActivities.insert(activityID).inserted {
        activities.append([
          .text(activityID), .text(dutyID),
          .text(activity.name.fill(table, record)),
        ])
      }
    }

    let value = { (field: String) -> String in
      mapping.project[field]?.fill(table, record) ?? ""
    }
    let id = value("id")
    for field in ["budget", "executed"] {
      guard let template = mapping.project[field] else { continue }
      checkNumber(table, record, template, what: field, log: &log)
    }
    projectSource.append(record)
    projects.append(
      [
        .text(id), .text(value("name")), .text(unit), .text(activityID),
        .text(value("category")),
      ] + (hasIndustry ? [.text(value("industry"))] : []) + [
        .text(value("budget")), .text(value("executed")),
        .text(value("startYear")),
        .text(value("endYear")), .text(value("major")),
        .text(value("provenance")),
      ])
    for (entry, fields) in mapping.indicators.enumerated() {
      if let weight = fields["weight"] {
        checkNumber(table, record, weight, what: "weight", log: &log)
      }
      var row: [ReportTable.Cell] = [.text(id)]
      for field in Importer.indicatorFields {
        row.append(.text(fields[field]?.fill(table, record) ?? ""))
      }
      indicators.append(row)
      indicatorSource.append((record, entry))
    }
  }

  /// Checks that a template's text is a finite number ≥ 0, at the cell.
  /// A template that reads no column was checked once in the mapping.
  private func checkNumber(
    _ table: CSVTable, _ record: Int, _ template: Template, what: String,
    log: inout DiagnosticLog
  ) {
    guard !template.columns.isEmpty,
      let fault = Self.numberFault(template.fill(table, record), what: what)
    else { return }
    log.append(
      self.fault(table, record, template, fault.message, help: fault.help))
  }

  /// What is wrong with a budget, executed amount or weight, if anything:
  /// it must be a finite number ≥ 0.
  static func numberFault(_ text: String, what: String) -> (
    message: String, help: String
  )? {
    let bytes = Array(text.utf8)
    let outcome = bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
    switch outcome {
    case .value(let number) where number >= 0:
      return nil
    case .value:
      return (
        "the \(what) is negative (\(text)).", "Amounts and weights are ≥ 0."
      )
    case .empty:
      return (
        "the \(what) is empty.", "Fill the cell, or filter the row out."
      )
    case .notANumber, .outOfRange:
      return (
        "the \(what) \"\(text)\" is not a finite number.",
        "Write a plain decimal such as 1200 or 37.24."
      )
    }
  }

  private func fault(
    _ table: CSVTable, _ record: Int, _ template: Template, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    let column = template.columns.first ?? 0
    return table.diagnostic(
      .error, record: record, column: column, message, help: help)
  }

  /// A diagnostic of the check of the written data set, placed where
  /// the value came from: for project and indicator rows, the table cell
  /// the field's template reads (or the template in the mapping when it
  /// reads no column), with the place in the written file kept in the
  /// message.
  func placeInTable(
    _ diagnostic: Diagnostic, staging: String, output: String,
    table: CSVTable, mapping: ImportMapping,
    files: [(name: String, contents: String)]
  ) -> Diagnostic {
    var placed = diagnostic
    let name = (diagnostic.file as NSString).lastPathComponent
    let row = diagnostic.line - 2  // line 1 is the header
    let written =
      "(imported as \(name):\(diagnostic.line):\(diagnostic.column)) "
    let record: Int
    let source: (template: Template?, keyPath: String)?
    switch name {
    case "projects.csv" where row >= 0 && row < projectSource.count:
      record = projectSource[row]
      source = field(diagnostic, in: files, name: name).map {
        projectTemplate(column: $0, mapping)
      }
    case "indicators.csv" where row >= 0 && row < indicatorSource.count:
      record = indicatorSource[row].record
      let entry = indicatorSource[row].entry
      source = field(diagnostic, in: files, name: name).map {
        indicatorTemplate(column: $0, entry: entry, mapping)
      }
    default:
      if diagnostic.file.hasPrefix(staging) {
        placed.file = diagnostic.file.replacingOccurrences(
          of: staging, with: output)
        placed.message =
          "(in the file as it would be written) " + diagnostic.message
      }
      return placed
    }
    placed.message = written + diagnostic.message
    if let source, let template = source.template,
      let column = template.columns.first
    {
      let place = table.position(record, column)
      placed.file = table.path
      placed.line = place.line
      placed.column = place.column
    } else if let source {
      // A template without columns (or an unmapped field) is the same in
      // every row: the fault is in the mapping.
      let at = mapping.places.diagnostic(
        diagnostic.severity, source.keyPath, "")
      placed.file = at.file
      placed.line = at.line
      placed.column = at.column
    } else {
      placed.file = table.path
      placed.line = table.line(ofRecord: record)
      placed.column = 0
    }
    return placed
  }

  /// The 0-based field of a written CSV file at a diagnostic's column.
  private func field(
    _ diagnostic: Diagnostic, in files: [(name: String, contents: String)],
    name: String
  ) -> Int? {
    guard diagnostic.column > 0,
      let contents = files.first(where: { $0.name == name })?.contents
    else { return nil }
    let lines = contents.split(
      separator: "\n", omittingEmptySubsequences: false)
    guard diagnostic.line - 1 < lines.count else { return nil }
    var field = 0
    var column = 1
    var quoted = false
    for scalar in lines[diagnostic.line - 1].unicodeScalars {
      if column >= diagnostic.column { break }
      if scalar == "\"" { quoted.toggle() }
      if scalar == ",", !quoted { field += 1 }
      column += 1
    }
    return field
  }

  /// The template and mapping key of a projects.csv column.
  private func projectTemplate(column: Int, _ mapping: ImportMapping) -> (
    template: Template?, keyPath: String
  ) {
    let header = projects.columns[min(column, projects.columns.count - 1)].name
    switch header {
    case "unit":
      return (mapping.units.last?.id, "units[\(mapping.units.count - 1)].id")
    case "activity": return (mapping.activity?.id, "activity.id")
    default:
      let field = Self.projectField(header)
      let template = mapping.project[field]
      return (template, template == nil ? "project" : "project.\(field)")
    }
  }

  /// The template and mapping key of an indicators.csv column.
  private func indicatorTemplate(
    column: Int, entry: Int, _ mapping: ImportMapping
  ) -> (template: Template?, keyPath: String) {
    let header = indicators.columns[min(column, indicators.columns.count - 1)]
      .name
    if header == "project" { return (mapping.project["id"], "project.id") }
    let fields = mapping.indicators[entry]
    let key = "indicators[\(entry)]"
    return fields[header] == nil
      ? (nil, key) : (fields[header], key + "." + header)
  }

  /// The mapping's name of a projects.csv column (`start_year` → `startYear`).
  private static func projectField(_ column: String) -> String {
    switch column {
    case "start_year": "startYear"
    case "end_year": "endYear"
    default: column
    }
  }

  /// The data set's CSV files.
  func files() -> [(name: String, contents: String)] {
    [units, duties, activities, projects, indicators].map {
      (name: "\($0.name).csv", contents: $0.renderCSV())
    }
  }
}
