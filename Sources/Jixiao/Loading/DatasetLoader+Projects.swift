extension Reader {
  /// Reads projects.csv.
  ///
  /// - Returns: the projects outside the duty → activity tree.
  mutating func readProjects(_ path: String, into dataset: inout Dataset)
    -> [Int]
  {
    projectsPath = path
    guard let (table, map) = table(path, specs: Columns.projects) else {
      return []
    }
    var projects = Projects()
    let count = table.recordCount
    var index = projectIndex
    projects.ids = readIDs(
      table, column: map["id"] ?? 0, what: "project", into: &index)
    projectIndex = index
    projects.names.reserveCapacity(count)
    var excluded: [Int] = []
    var overspent: [Int] = []

    for record in 0..<count {
      projectLine.append(table.line(ofRecord: record))
      projects.names.append(table.text(record, map["name"] ?? 0))
      let unit = reference(
        table, record, map["unit"] ?? 0, in: unitIndex, what: "unit",
        file: "units.csv")
      projects.unit.append(unit)

      var activity: Int32 = -1
      if let column = map["activity"], !table.isBlank(record, column) {
        activity = reference(
          table, record, column, in: activityIndex, what: "activity",
          file: "activities.csv")
        if activity >= 0, unit >= 0 {
          checkActivityUnit(
            dataset, table, record, column, activity: activity, unit: unit)
        }
      } else {
        excluded.append(record)
        log.append(
          Diagnostic(
            .note, file: path, line: table.line(ofRecord: record), column: 1,
            "project \"\(projects.ids[record])\" has no activity: it is outside the "
              + "duty → activity tree and is excluded from budgeting (seed §三(一)2).",
            help:
              "Attach it to an activity in activities.csv if it should be budgeted."
          ))
      }
      projects.activity.append(activity)
      projects.category.append(
        map["category"].map { table.text(record, $0) } ?? "")

      let budget = readMoney(table, record, map["budget"] ?? 0, what: "budget")
      let executed = readMoney(
        table, record, map["executed"] ?? 0, what: "executed amount")
      projects.budget.append(budget ?? 0)
      projects.executed.append(executed ?? 0)
      if let budget, let executed, executed > budget {
        if budget == 0 {
          log.append(
            table.diagnostic(
              .warning, record: record, column: map["budget"] ?? 0,
              "the budget is 0 but \(table.text(record, map["executed"] ?? 0)) was "
                + "spent; execution is not scored for this project.",
              help: "Enter the adjusted budget of the year (全年预算数)."))
        } else {
          overspent.append(record)
        }
      }

      let start =
        map["start_year"].map {
          table.readYear(record, $0, what: "start year", log: &log)
        } ?? 0
      let end =
        map["end_year"].map {
          table.readYear(record, $0, what: "end year", log: &log)
        } ?? 0
      if start > 0, end > 0, end < start, let column = map["end_year"] {
        log.append(
          table.diagnostic(
            .error, record: record, column: column,
            "the end year \(end) is before the start year \(start).",
            help: "Swap the two years or correct one of them."))
      }
      projects.startYear.append(start)
      projects.endYear.append(end)
      projects.isMajor.append(
        map["major"].map {
          table.readFlag(record, $0, what: "major flag", log: &log)
        } ?? false)
      projects.provenance.append(
        map["provenance"].map { table.text(record, $0) } ?? "")
    }
    if !overspent.isEmpty {
      let lines = overspent.prefix(5).map { String(table.line(ofRecord: $0)) }
      let more = overspent.count > 5 ? ", …" : ""
      log.append(
        Diagnostic(
          .note, file: path,
          "\(overspent.count) project(s) spent more than their budget (line(s) "
            + "\(lines.joined(separator: ", "))\(more)); their execution rate is capped at 100 %."
        ))
    }
    dataset.projects = projects
    return excluded
  }

  /// Reads an amount of money: a finite number ≥ 0; nil after a fault.
  private mutating func readMoney(
    _ table: CSVTable, _ record: Int, _ column: Int, what: String
  ) -> Double? {
    guard
      let value = table.readNumber(
        record, column, what: "the \(what)", log: &log)
    else { return nil }
    if value < 0 {
      log.append(
        table.diagnostic(
          .error, record: record, column: column,
          "the \(what) is negative (\(table.text(record, column))).",
          help:
            "Amounts are ≥ 0; enter the amount without a minus sign, in the data set's money unit."
        ))
      return nil
    }
    return value
  }

  /// Warns when a project's activity belongs to another unit.
  private mutating func checkActivityUnit(
    _ dataset: Dataset, _ table: CSVTable, _ record: Int, _ column: Int,
    activity: Int32, unit: Int32
  ) {
    let duty = dataset.activities.duty[Int(activity)]
    guard duty >= 0 else { return }
    let owner = dataset.duties.unit[Int(duty)]
    guard owner >= 0, owner != unit else { return }
    log.append(
      table.diagnostic(
        .warning, record: record, column: column,
        "activity \"\(dataset.activities.ids[Int(activity)])\" belongs to unit "
          + "\"\(dataset.units.ids[Int(owner)])\", not to the project's unit "
          + "\"\(dataset.units.ids[Int(unit)])\".",
        help: "Check the project's unit or activity."))
  }
}
