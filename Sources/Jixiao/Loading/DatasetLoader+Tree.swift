import Foundation

/// The unit tree and the duty → activity levels: units.csv, duties.csv,
/// activities.csv.
extension Reader {
  /// What a chunk of units.csv holds before parents are resolved.
  private struct UnitPart: Sendable {
    var ids = TextColumn()
    var names = TextColumn()
    var level = StringPool()
    var region = StringPool()
    var members: [Double?] = []
    var payroll: [Double?] = []
    /// The parent cell's text; empty for a root.
    var parents = TextColumn()
    var places = RecordPlaces()
  }

  mutating func readUnits(_ path: String, into dataset: inout Dataset) {
    let mark = log.diagnostics.count
    defer { sortDiagnostics(since: mark) }
    guard let (table, map) = table(path, specs: Columns.units),
      let parts = readChunks(
        table,
        { (worker, records) throws(InputError) in
          var part = UnitPart()
          while try records.next(log: &worker.log) {
            let record = records.record
            record.withText(map["id"] ?? 0) { part.ids.append($0) }
            record.withText(map["name"] ?? 0) { part.names.append($0) }
            Self.appendOptional(record, map["level"], to: &part.level)
            Self.appendOptional(record, map["region"], to: &part.region)
            part.members.append(
              Self.readMembers(record, map["members"], log: &worker.log))
            part.payroll.append(
              Self.readPayroll(record, map["payroll"], log: &worker.log))
            if let column = map["parent"] {
              record.withText(column) { part.parents.append($0) }
            } else {
              part.parents.append("")
            }
            part.places.append(record)
          }
          return part
        })
    else { return }

    var whole = UnitPart()
    for part in parts {
      whole.ids.append(contentsOf: part.ids)
      whole.names.append(contentsOf: part.names)
      whole.level.append(contentsOf: part.level)
      whole.region.append(contentsOf: part.region)
      whole.members.append(contentsOf: part.members)
      whole.payroll.append(contentsOf: part.payroll)
      whole.parents.append(contentsOf: part.parents)
      whole.places.append(contentsOf: part.places)
    }
    unitIndex = indexIDs(
      whole.ids, places: whole.places, table: table, column: map["id"] ?? 0,
      what: "unit")

    var units = Units()
    units.parent.reserveCapacity(whole.ids.count)
    for row in 0..<whole.ids.count {
      var parent: Int32 = -1
      if let column = map["parent"], whole.parents.byteCount(row) > 0 {
        parent =
          whole.parents.withBytes(row) { unitIndex.find($0) }
          ?? unknownReference(
            whole.parents[row], what: "parent unit", file: "units.csv",
            at: {
              whole.places.diagnostic(
                table, row, .error, column: column, $0, help: $1)
            })
      }
      units.parent.append(parent)
    }
    units.ids = whole.ids
    units.names = whole.names
    units.level = whole.level
    units.region = whole.region
    units.members = map["members"] == nil ? [] : whole.members
    units.payroll = map["payroll"] == nil ? [] : whole.payroll
    units.line = whole.places.line.map { Int32($0) }
    reportCycles(
      units, table: table, places: whole.places,
      column: map["parent"] ?? 0)
    dataset.units = units
  }

  /// Appends an optional column's text to a pool ("" when absent).
  /// A unit's member count (会员人数): empty is unknown; otherwise a
  /// whole number ≥ 0.
  static func readMembers(
    _ record: CSVRecord, _ column: Int?, log: inout DiagnosticLog
  ) -> Double? {
    guard let column,
      let value = record.readNumber(
        column, what: "members", required: false, log: &log)
    else { return nil }
    guard value >= 0, value == value.rounded() else {
      log.append(
        record.diagnostic(
          .error, column: column,
          "members is \(record.text(column)); a member count is a whole number ≥ 0.",
          help:
            "Enter the number of union members of the unit, or leave it empty.")
      )
      return nil
    }
    return value
  }

  /// A unit's payroll base (职工工资总额, the base of the 2 % dues): empty
  /// is unknown; otherwise an amount ≥ 0 in the money unit.
  static func readPayroll(
    _ record: CSVRecord, _ column: Int?, log: inout DiagnosticLog
  ) -> Double? {
    guard let column,
      let value = record.readNumber(
        column, what: "payroll", required: false, log: &log)
    else { return nil }
    guard value >= 0 else {
      log.append(
        record.diagnostic(
          .error, column: column,
          "payroll is \(record.text(column)); a payroll is an amount ≥ 0.",
          help:
            "Enter the unit's total payroll (职工工资总额) in the money unit, or leave it empty."
        )
      )
      return nil
    }
    return value
  }

  static func appendOptional(
    _ record: CSVRecord, _ column: Int?, to pool: inout StringPool
  ) {
    if let column {
      record.withText(column) { pool.append($0) }
    } else {
      pool.appendEmpty()
    }
  }

  /// Logs each unit whose chain of parents loops back on itself.
  private mutating func reportCycles(
    _ units: Units, table: CSVFile, places: RecordPlaces, column: Int
  ) {
    // 0: not seen, 1: on the current walk, 2: done.
    var state = [UInt8](repeating: 0, count: units.count)
    for start in 0..<units.count where state[start] == 0 {
      var path: [Int] = []
      var node = start
      while node >= 0, state[node] == 0 {
        state[node] = 1
        path.append(node)
        node = Int(units.parent[node])
      }
      if node >= 0, state[node] == 1 {
        log.append(
          places.diagnostic(
            table, node, .error, column: column,
            "unit \"\(units.ids[node])\" is its own ancestor (the parent chain loops).",
            help: "Give the top unit of the chain an empty parent."))
      }
      for visited in path { state[visited] = 2 }
    }
  }

  mutating func readDuties(_ path: String, into dataset: inout Dataset) {
    let parent = unitIndex
    guard
      let level = readTreeLevel(
        path, specs: Columns.duties, what: "duty",
        parent: ("unit", parent, "units.csv"))
    else { return }
    dutyIndex = level.index
    dataset.duties = Duties(
      ids: level.ids, names: level.names, unit: level.parents)
  }

  mutating func readActivities(_ path: String, into dataset: inout Dataset) {
    let parent = dutyIndex
    guard
      let level = readTreeLevel(
        path, specs: Columns.activities, what: "activity",
        parent: ("duty", parent, "duties.csv"))
    else { return }
    activityIndex = level.index
    dataset.activities = Activities(
      ids: level.ids, names: level.names, duty: level.parents)
  }

  private struct LevelPart: Sendable {
    var ids = TextColumn()
    var names = TextColumn()
    var parents: [Int32] = []
    var places = RecordPlaces()
  }

  /// Reads a level of the duty → activity tree: id, name, and a reference
  /// to the level above.
  private mutating func readTreeLevel(
    _ path: String, specs: [ColumnSpec], what: String,
    parent: (column: String, index: ByteIndex, file: String)
  ) -> (ids: TextColumn, names: TextColumn, parents: [Int32], index: ByteIndex)?
  {
    let mark = log.diagnostics.count
    defer { sortDiagnostics(since: mark) }
    guard let (table, map) = table(path, specs: specs),
      let parts = readChunks(
        table,
        { (worker, records) throws(InputError) in
          var part = LevelPart()
          let parentColumn = map[parent.column] ?? 0
          while try records.next(log: &worker.log) {
            let record = records.record
            record.withText(map["id"] ?? 0) { part.ids.append($0) }
            record.withText(map["name"] ?? 0) { part.names.append($0) }
            part.parents.append(
              worker.reference(
                record, parentColumn, in: parent.index, what: parent.column,
                file: parent.file))
            part.places.append(record)
          }
          return part
        })
    else { return nil }
    var whole = LevelPart()
    for part in parts {
      whole.ids.append(contentsOf: part.ids)
      whole.names.append(contentsOf: part.names)
      whole.parents.append(contentsOf: part.parents)
      whole.places.append(contentsOf: part.places)
    }
    let index = indexIDs(
      whole.ids, places: whole.places, table: table, column: map["id"] ?? 0,
      what: what)
    return (whole.ids, whole.names, whole.parents, index)
  }
}
