import Foundation

/// A parsed mapping file: templates compiled against the table's header.
struct ImportMapping {
  struct Filter {
    var column: Int
    var values: Set<String>
  }

  struct Level {
    var id: Template
    var name: Template
    var levelName: Template?
    var region: Template?
  }

  var filters: [Filter] = []
  var units: [Level] = []
  var duty: (id: Template, name: Template)?
  var activity: (id: Template, name: Template)?
  var project: [String: Template] = [:]
  var indicators: [[String: Template]] = []
  var computed: [Computation] = []
  var schemePath: String?
  var datasetJSON = "{}\n"
  /// Where the mapping's values are, for faults placed at a template.
  var places: JSONPlaces

  /// Whether a record passes every filter.
  func keeps(_ table: CSVTable, _ record: Int) -> Bool {
    filters.allSatisfy { $0.values.contains(table.text(record, $0.column)) }
  }

  static func parse(
    _ document: JSONDocument, header: [String], log: inout DiagnosticLog
  ) -> ImportMapping? {
    let places = document.places
    guard var top = JSONObjectReader(document, log: &log) else { return nil }
    var mapping = ImportMapping(places: places)
    let (valid, failed) = parseComputed(&top, header: header, log: &log)
    mapping.computed = valid
    // A computed column whose definition is at fault was reported; the
    // templates that use it compile against a stand-in, so they raise no
    // second error (the mapping's errors stop the import before any row).
    let computed =
      valid
      + failed.map {
        Computation(name: $0, operation: .ratio, inputs: (0, 0), decimals: 0)
      }
    func compile(_ text: String?, _ key: String, log: inout DiagnosticLog)
      -> Template?
    {
      guard let text else { return nil }
      do {
        return try Template(text, header: header, computed: computed)
      } catch {
        log.append(
          places.diagnostic(
            .error, key, scalar: error.offset, "`\(key)`: \(error.message)",
            help: error.help))
        return nil
      }
    }
    /// A number field whose template reads no column is the same in every
    /// row: check it once, here, rather than once per row.
    func checkConstant(
      _ template: Template?, _ key: String, what: String,
      log: inout DiagnosticLog
    ) {
      guard let template, template.columns.isEmpty,
        let fault = DatasetBuilder.numberFault(template.source, what: what)
      else { return }
      log.append(
        places.diagnostic(.error, key, fault.message, help: fault.help))
    }

    for var reader in top.objects("filter", log: &log) {
      guard let name = reader.string("column", log: &log),
        let values = reader.strings("equals", log: &log)
      else { continue }
      reader.reportUnknownKeys(log: &log)
      guard let column = header.firstIndex(of: name) else {
        log.append(
          reader.diagnostic(
            .error, "column",
            "`\(reader.key("column"))` \"\(name)\" is not a column of the table.",
            help: "Column names must match the table's header exactly."))
        continue
      }
      mapping.filters.append(Filter(column: column, values: Set(values)))
    }

    for var reader in top.objects("units", log: &log) {
      let key = reader.keyPath
      let id = compile(reader.string("id", log: &log), "\(key).id", log: &log)
      let name = compile(
        reader.string("name", log: &log), "\(key).name", log: &log)
      let level = compile(
        reader.string("level", log: &log), "\(key).level", log: &log)
      let region = compile(
        reader.string("region", log: &log), "\(key).region", log: &log)
      reader.reportUnknownKeys(log: &log)
      if let id {
        mapping.units.append(
          Level(id: id, name: name ?? id, levelName: level, region: region))
      }
    }
    if mapping.units.isEmpty {
      log.append(
        places.diagnostic(
          .error, "units", "`units` is missing or empty.",
          help:
            "Give at least one level, e.g. [{\"id\": \"{单位}\", \"name\": \"{单位}\"}]."
        ))
    }

    var givenTree: [String] = []
    for key in ["duty", "activity"] {
      guard var reader = top.object(key, log: &log) else { continue }
      givenTree.append(key)
      if reader.values["id"] == nil {
        log.append(
          reader.diagnostic(
            .error, nil, "`\(key).id` is missing.",
            help: "Map it to the columns that identify the \(key), e.g. "
              + "\"{单位}-\(key)\"."))
      }
      let id = compile(reader.string("id", log: &log), "\(key).id", log: &log)
      let name = compile(
        reader.string("name", log: &log), "\(key).name", log: &log)
      reader.reportUnknownKeys(log: &log)
      guard let id else { continue }
      if key == "duty" {
        mapping.duty = (id, name ?? id)
      } else {
        mapping.activity = (id, name ?? id)
      }
    }
    // Judged on what the file gives, not on what compiled: a template
    // fault in one of the two is reported once, above.
    if givenTree.count == 1 {
      log.append(
        places.diagnostic(
          .error, givenTree[0],
          "`duty` and `activity` go together: give both or neither."))
    }

    var givenProjectFields: Set<String> = []
    if var reader = top.object("project", log: &log) {
      givenProjectFields = Set(reader.values.keys)
      for field in Importer.projectFields {
        if let template = compile(
          reader.string(field, log: &log), "project.\(field)", log: &log)
        {
          mapping.project[field] = template
        }
      }
      reader.reportUnknownKeys(log: &log)
    }
    for field in ["budget", "executed"] {
      checkConstant(
        mapping.project[field], "project.\(field)", what: field, log: &log)
    }
    for field in ["id", "name", "budget", "executed"]
    where !givenProjectFields.contains(field) {
      log.append(
        places.diagnostic(
          .error, "project", "`project.\(field)` is missing.",
          help: "Map it to a column, e.g. \"{项目名称}\"."))
    }

    for var reader in top.objects("indicators", log: &log) {
      let key = reader.keyPath
      var fields: [String: Template] = [:]
      for field in Importer.indicatorFields {
        if let template = compile(
          reader.string(field, log: &log), "\(key).\(field)", log: &log)
        {
          fields[field] = template
        }
      }
      reader.reportUnknownKeys(log: &log)
      checkConstant(
        fields["weight"], "\(key).weight", what: "weight", log: &log)
      mapping.indicators.append(fields)
    }

    mapping.schemePath = top.string("scheme", log: &log)
    if var dataset = top.object("dataset", log: &log) {
      // The text fields of dataset.json (docs/format.md), checked here at
      // the mapping's place rather than later in the written file.
      for key in ["name", "moneyUnit", "description", "source"] {
        _ = dataset.string(key, log: &log)
      }
      mapping.datasetJSON = JSONWriter.text(dataset.values) + "\n"
    }
    top.reportUnknownKeys(log: &log)
    return mapping
  }

  /// The `computed` list: `{"name": …, "ratio" | "difference" |
  /// "monthsBetween": [column, column], "decimals": n}`.
  private static func parseComputed(
    _ top: inout JSONObjectReader, header: [String], log: inout DiagnosticLog
  ) -> (valid: [Computation], failed: [String]) {
    var list: [Computation] = []
    var failed: [String] = []
    for var reader in top.objects("computed", log: &log) {
      let errors = log.errorCount
      guard let name = reader.string("name", log: &log) else {
        log.append(
          reader.diagnostic(
            .error, nil, "`\(reader.keyPath).name` is missing.",
            help: "Name the computed column, e.g. \"cost overrun\"."))
        continue
      }
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      if header.contains(trimmed)
        || list.contains(where: { $0.name == trimmed })
      {
        log.append(
          reader.diagnostic(
            .error, "name",
            "the computed column \"\(trimmed)\" has the name of "
              + (header.contains(trimmed)
                ? "a column of the table." : "another computed column."),
            help: "Give it a name of its own."))
        continue
      }
      let given = Computation.Operation.allCases.filter {
        reader.values[$0.rawValue] != nil
      }
      guard given.count == 1, let operation = given.first else {
        log.append(
          reader.diagnostic(
            .error, nil,
            "`\(reader.keyPath)` needs exactly one of ratio, difference and monthsBetween.",
            help: "e.g. \"ratio\": [\"actual cost\", \"appraisal cost\"]."))
        failed.append(trimmed)
        continue
      }
      let key = operation.rawValue
      guard let names = reader.strings(key, log: &log) else {
        failed.append(trimmed)
        continue
      }
      var decimals = Computation.defaultDecimals(operation)
      if let given = reader.number("decimals", log: &log) {
        guard given >= 0, given <= 12, given == given.rounded() else {
          log.append(
            reader.diagnostic(
              .error, "decimals", "`decimals` is \(Diagnostic.number(given)).",
              help: "Give a whole number from 0 to 12."))
          failed.append(trimmed)
          continue
        }
        decimals = Int(given)
      }
      reader.reportUnknownKeys(log: &log)
      guard names.count == 2 else {
        log.append(
          reader.diagnostic(
            .error, key, "`\(reader.key(key))` lists \(names.count) column(s).",
            help: "Give two column names of the table."))
        failed.append(trimmed)
        continue
      }
      var columns: [Int] = []
      for column in names {
        if let index = header.firstIndex(
          of: column.trimmingCharacters(in: .whitespaces))
        {
          columns.append(index)
          continue
        }
        let suggestion =
          nearest(column, in: header).map { " Did you mean \"\($0)\"?" } ?? ""
        log.append(
          reader.diagnostic(
            .error, key,
            "`\(reader.key(key))` names \"\(column)\", which the table does not "
              + "have.\(suggestion)",
            help: "Column names must match the table's header exactly."))
      }
      guard columns.count == 2, log.errorCount == errors else {
        failed.append(trimmed)
        continue
      }
      list.append(
        Computation(
          name: trimmed, operation: operation, inputs: (columns[0], columns[1]),
          decimals: decimals))
    }
    return (list, failed)
  }
}
