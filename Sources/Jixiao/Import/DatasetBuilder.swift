import Foundation

/// Collects units, duties, activities, projects and indicator rows from
/// table records, de-duplicating the tree levels, and writes them as CSV.
struct DatasetBuilder {
  private var units = ReportTable(
    name: "units", title: "",
    columns: ["id", "name", "parent", "level"].map { .init($0) })
  private var duties = ReportTable(
    name: "duties", title: "",
    columns: ["id", "unit", "name"].map { .init($0) })
  private var activities = ReportTable(
    name: "activities", title: "",
    columns: ["id", "duty", "name"].map { .init($0) })
  private var projects = ReportTable(
    name: "projects", title: "",
    columns: [
      "id", "name", "unit", "activity", "category", "budget", "executed",
      "start_year",
      "end_year", "major", "provenance",
    ].map { .init($0) })
  private var indicators = ReportTable(
    name: "indicators", title: "",
    columns: (["project"] + Importer.indicatorFields).map { .init($0) })
  /// Id → (name, level, parent) of units seen, to check consistency.
  private var seenUnits: [String: [String]] = [:]
  private var seenDuties: Set<String> = []
  private var seenActivities: Set<String> = []
  /// The table record each written project and indicator row came from.
  private var projectSource: [Int] = []
  private var indicatorSource: [Int] = []

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
      ]
      if let seen = seenUnits[id] {
        if seen != fields {
          log.append(
            fault(
              table, record, level.name,
              "unit \"\(id)\" appears with another name, level or parent than before (\(seen[0]) vs \(fields[0]))."
            ))
        }
      } else {
        seenUnits[id] = fields
        units.append([
          .text(id), .text(fields[0]), .text(parent), .text(fields[1]),
        ])
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
        .text(value("budget")), .text(value("executed")),
        .text(value("startYear")),
        .text(value("endYear")), .text(value("major")),
        .text(value("provenance")),
      ])
    for fields in mapping.indicators {
      if let weight = fields["weight"] {
        checkNumber(table, record, weight, what: "weight", log: &log)
      }
      var row: [ReportTable.Cell] = [.text(id)]
      for field in Importer.indicatorFields {
        row.append(.text(fields[field]?.fill(table, record) ?? ""))
      }
      indicators.append(row)
      indicatorSource.append(record)
    }
  }

  /// Checks that a template's text is a finite number ≥ 0, at the cell.
  private func checkNumber(
    _ table: CSVTable, _ record: Int, _ template: Template, what: String,
    log: inout DiagnosticLog
  ) {
    let text = template.fill(table, record)
    let bytes = Array(text.utf8)
    let outcome = bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
    switch outcome {
    case .value(let number) where number >= 0:
      return
    case .value:
      log.append(
        fault(
          table, record, template, "the \(what) is negative (\(text)).",
          help: "Amounts and weights are ≥ 0."))
    case .empty:
      log.append(
        fault(
          table, record, template, "the \(what) is empty.",
          help: "Fill the cell, or filter the row out."))
    case .notANumber, .outOfRange:
      log.append(
        fault(
          table, record, template,
          "the \(what) \"\(text)\" is not a finite number.",
          help: "Write a plain decimal such as 1200 or 37.24."))
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

  /// A diagnostic of the check of the written data set, placed at the
  /// table row it came from where that is known (project and indicator
  /// rows), with the place in the written file kept in the message.
  func placeInTable(
    _ diagnostic: Diagnostic, staging: String, output: String, table: CSVTable
  ) -> Diagnostic {
    var placed = diagnostic
    let name = (diagnostic.file as NSString).lastPathComponent
    let sources: [Int]? =
      switch name {
      case "projects.csv": projectSource
      case "indicators.csv": indicatorSource
      default: nil
      }
    // Line 1 is the header; written rows hold no line breaks.
    if let sources, diagnostic.line >= 2, diagnostic.line - 2 < sources.count {
      let record = sources[diagnostic.line - 2]
      placed.file = table.path
      placed.line = table.line(ofRecord: record)
      placed.column = 0
      placed.message =
        "(imported as \(name):\(diagnostic.line):\(diagnostic.column)) "
        + diagnostic.message
    } else if diagnostic.file.hasPrefix(staging) {
      placed.file = diagnostic.file.replacingOccurrences(
        of: staging, with: output)
      placed.message =
        "(in the file as it would be written) " + diagnostic.message
    }
    return placed
  }

  /// The data set's CSV files.
  func files() -> [(name: String, contents: String)] {
    [units, duties, activities, projects, indicators].map {
      (name: "\($0.name).csv", contents: $0.renderCSV())
    }
  }
}
