import Foundation

extension Reader {
  /// What a chunk of projects.csv holds.
  private struct ProjectPart: Sendable {
    var projects = Projects()
    var places = RecordPlaces()
    /// Rows (within the chunk) outside the duty → activity tree.
    var excluded: [Int] = []
    /// Rows (within the chunk) that spent more than their budget.
    var overspent: [Int] = []
    /// Rows (within the chunk) whose executed amount was at fault, with
    /// the text given.
    var faultyExecuted: [(row: Int, text: String)] = []
    /// The previous row's unit and activity.
    var unit = ReferenceCache()
    var activity = ReferenceCache()
  }

  /// Reads projects.csv.
  ///
  /// - Returns: the projects outside the duty → activity tree.
  mutating func readProjects(_ path: String, into dataset: inout Dataset)
    -> [Int]
  {
    projectsPath = path
    let mark = log.diagnostics.count
    defer { sortDiagnostics(since: mark) }
    let tree = dataset
    guard let (table, map) = table(path, specs: Columns.projects),
      case let columns = ProjectColumns(map),
      let parts = readChunks(
        table,
        { (worker, records) throws(InputError) in
          var part = ProjectPart()
          while try records.next(log: &worker.log) {
            worker.readProject(records.record, columns, tree, path, into: &part)
          }
          return part
        })
    else { return [] }

    var projects = Projects()
    var places = RecordPlaces()
    var excluded: [Int] = []
    var overspent: [Int] = []
    for part in parts {
      let base = projects.count
      projects.append(contentsOf: part.projects)
      places.append(contentsOf: part.places)
      excluded += part.excluded.map { $0 + base }
      overspent += part.overspent.map { $0 + base }
      for (row, text) in part.faultyExecuted {
        faultyExecuted[row + base] = text
      }
    }
    var repeated: [Bool] = []
    projectIndex = indexIDs(
      projects.ids, places: places, table: table, column: map["id"] ?? 0,
      what: "project", repeated: &repeated)
    repeatedProjects = repeated
    projectIDs = projects.ids
    projectLine = places.line
    // Overspending matters only where execution is scored.
    if !overspent.isEmpty, dataset.scheme.executionIndex != nil {
      let lines = overspent.prefix(5).map { String(places.line[$0]) }
      let more = overspent.count > 5 ? ", …" : ""
      log.append(
        Diagnostic(
          .note, file: path,
          "\(overspent.count) project(s) spent more than their budget (line(s) "
            + "\(lines.joined(separator: ", "))\(more)); their execution rate is capped at 100 %."
        ))
    }
    dataset.projects = projects
    dataset.projects.line = places.line.map { Int32($0) }
    return excluded
  }

  /// Where each column of projects.csv is, looked up once per file.
  private struct ProjectColumns: Sendable {
    let id, name, unit, budget, executed: Int
    let activity, category, industry, startYear, endYear, major,
      provenance: Int?

    init(_ map: ColumnMap) {
      id = map["id"] ?? 0
      name = map["name"] ?? 0
      unit = map["unit"] ?? 0
      budget = map["budget"] ?? 0
      executed = map["executed"] ?? 0
      activity = map["activity"]
      category = map["category"]
      industry = map["industry"]
      startYear = map["start_year"]
      endYear = map["end_year"]
      major = map["major"]
      provenance = map["provenance"]
    }
  }

  private mutating func readProject(
    _ record: CSVRecord, _ map: ProjectColumns, _ tree: Dataset, _ path: String,
    into part: inout ProjectPart
  ) {
    let row = part.projects.count
    part.places.append(record)
    record.withText(map.id) { part.projects.ids.append($0) }
    record.withText(map.name) { part.projects.names.append($0) }
    let unit = reference(
      record, map.unit, in: unitIndex, cache: &part.unit, what: "unit",
      file: "units.csv")
    part.projects.unit.append(unit)

    var activity: Int32 = -1
    if let column = map.activity, !record.isBlank(column) {
      activity = reference(
        record, column, in: activityIndex, cache: &part.activity,
        what: "activity", file: "activities.csv")
      if activity >= 0, unit >= 0 {
        checkActivityUnit(tree, record, column, activity: activity, unit: unit)
      }
    } else {
      part.excluded.append(row)
      log.append(
        Diagnostic(
          .note, file: path, line: record.line, column: 1,
          "project \"\(part.projects.ids[row])\" has no activity: it is outside the "
            + "duty → activity tree and is excluded from budgeting (seed §三(一)2).",
          help:
            "Attach it to an activity in activities.csv if it should be budgeted."
        ))
    }
    part.projects.activity.append(activity)
    Self.appendOptional(record, map.category, to: &part.projects.category)
    Self.appendOptional(record, map.industry, to: &part.projects.industry)

    let budget = readMoney(record, map.budget, what: "budget")
    let executed = readMoney(
      record, map.executed, what: "executed amount")
    part.projects.budget.append(budget ?? 0)
    part.projects.executed.append(executed ?? 0)
    if executed == nil, map.executed < record.fields.count {
      part.faultyExecuted.append(
        (part.projects.budget.count - 1, record.text(map.executed)))
    }
    if let budget, let executed, executed > budget {
      if budget == 0 {
        log.append(
          record.diagnostic(
            .warning, column: map.budget,
            "the budget is 0 but \(record.text(map.executed)) was "
              + "spent; execution is not scored for this project.",
            help: "Enter the adjusted budget of the year (全年预算数)."))
      } else {
        part.overspent.append(row)
      }
    }

    let start =
      map.startYear.map {
        record.readYear($0, what: "start year", log: &log)
      } ?? 0
    let end =
      map.endYear.map {
        record.readYear($0, what: "end year", log: &log)
      } ?? 0
    if start > 0, end > 0, end < start, let column = map.endYear {
      log.append(
        record.diagnostic(
          .error, column: column,
          "the end year \(end) is before the start year \(start).",
          help: "Swap the two years or correct one of them."))
    }
    part.projects.startYear.append(start)
    part.projects.endYear.append(end)
    part.projects.isMajor.append(
      map.major.map {
        record.readFlag($0, what: "major flag", log: &log)
      } ?? false)
    Self.appendOptional(
      record, map.provenance, to: &part.projects.provenance)
  }

  /// Reads an amount of money: a finite number ≥ 0; nil after a fault.
  private mutating func readMoney(
    _ record: CSVRecord, _ column: Int, what: String
  ) -> Double? {
    guard
      let value = record.readNumber(column, what: "the \(what)", log: &log)
    else { return nil }
    if value < 0 {
      log.append(
        record.diagnostic(
          .error, column: column,
          "the \(what) is negative (\(record.text(column))).",
          help:
            "Amounts are ≥ 0; enter the amount without a minus sign, in the data set's money unit."
        ))
      return nil
    }
    return value
  }

  /// Warns when a project's activity belongs to another unit.
  private mutating func checkActivityUnit(
    _ dataset: Dataset, _ record: CSVRecord, _ column: Int,
    activity: Int32, unit: Int32
  ) {
    let duty = dataset.activities.duty[Int(activity)]
    guard duty >= 0 else { return }
    let owner = dataset.duties.unit[Int(duty)]
    guard owner >= 0, owner != unit else { return }
    log.append(
      record.diagnostic(
        .warning, column: column,
        "activity \"\(dataset.activities.ids[Int(activity)])\" belongs to unit "
          + "\"\(dataset.units.ids[Int(owner)])\", not to the project's unit "
          + "\"\(dataset.units.ids[Int(unit)])\".",
        help: "Check the project's unit or activity."))
  }
}

extension Projects {
  /// Appends the rows of another set of projects (a chunk of the file).
  mutating func append(contentsOf other: Projects) {
    ids.append(contentsOf: other.ids)
    names.append(contentsOf: other.names)
    unit += other.unit
    activity += other.activity
    category.append(contentsOf: other.category)
    industry.append(contentsOf: other.industry)
    budget += other.budget
    executed += other.executed
    startYear += other.startYear
    endYear += other.endYear
    isMajor += other.isMajor
    provenance.append(contentsOf: other.provenance)
  }
}
