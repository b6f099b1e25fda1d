import Foundation

/// A wide table of units (one row a unit, or a unit and period) read for
/// DEA: `jixiao efficiency --table FILE --inputs … --outputs …`.
///
/// Every cell of a named column must hold a number ≥ 0; faults are
/// reported at their line and column, all in one pass.
public struct EfficiencyTable: Sendable {
  /// One period's units (the whole table when no period column is named).
  public struct Period: Sendable {
    public var label: String
    public var data: DEAData
    /// m prices per unit, unit by unit; nil without price columns.
    public var prices: [Double]?
  }

  public var periods: [Period]

  /// Reads `path`. `id` names the unit column (default: the first column);
  /// `prices` one price column per input, in the order of `inputs`.
  public init(
    path: String, id: String?, inputs: [String], outputs: [String],
    prices: [String] = [], period: String? = nil
  ) throws(InputError) {
    var log = DiagnosticLog()
    let table = try CSVTable(contentsOf: path, log: &log)
    try log.throwIfErrors()
    try table.checkSeparator()
    func column(_ name: String, _ role: String) -> Int? {
      table.column(named: name, role: role, log: &log)
    }
    let idColumn = id.map { column($0, "unit") } ?? 0
    let inputColumns = inputs.map { column($0, "input") }
    let outputColumns = outputs.map { column($0, "output") }
    let priceColumns = prices.map { column($0, "price") }
    let periodColumn = period.map { column($0, "period") }
    if !prices.isEmpty, prices.count != inputs.count {
      log.append(
        Diagnostic(
          .error, file: path,
          "\(prices.count) price column(s) for \(inputs.count) input(s).",
          help: "Give one price column per input, in the order of --inputs."))
    }
    try log.throwIfErrors()
    guard let idColumn, let periodColumn = periodColumn ?? Optional(-1) else {
      throw InputError(log.diagnostics)
    }
    let xs = inputColumns.compactMap { $0 }
    let ys = outputColumns.compactMap { $0 }
    let ps = priceColumns.compactMap { $0 }

    // Rows by period, in the order periods first appear.
    var periodLabels: [String] = []
    var periodOf: [String: Int] = [:]
    var rowsOf: [[Int]] = []
    for r in 0..<table.recordCount {
      let label = periodColumn >= 0 ? table.text(r, periodColumn) : ""
      if periodColumn >= 0, label.isEmpty {
        log.append(
          table.diagnostic(
            .error, record: r, column: periodColumn, "the period is empty.",
            help: "Enter the year or period of the row."))
        continue
      }
      if periodOf[label] == nil {
        periodOf[label] = periodLabels.count
        periodLabels.append(label)
        rowsOf.append([])
      }
      rowsOf[periodOf[label] ?? 0].append(r)
    }
    guard table.recordCount > 0 else {
      throw InputError(
        Diagnostic(
          .error, file: path, "the table has no rows.",
          help: "Add one row per unit."))
    }

    var rowFailed = false
    func read(_ r: Int, _ c: Int, _ what: String) -> Double {
      let record = table.recordView(r)
      guard let value = record.readNumber(c, what: what, log: &log) else {
        rowFailed = true
        return 0
      }
      if value < 0 {
        rowFailed = true
        log.append(
          table.diagnostic(
            .error, record: r, column: c,
            "\(what) is negative (\(table.text(r, c))); DEA data are ≥ 0.",
            help: "Enter the amount without a sign, or leave the unit out."))
      }
      return value
    }

    var periods: [Period] = []
    var firstUnits: [String]?
    for (k, rows) in rowsOf.enumerated() {
      var names: [String] = []
      var seen: [String: Int] = [:]
      var inputRows: [[Double]] = []
      var outputRows: [[Double]] = []
      var priceValues: [Double] = []
      var rowPlaces: [Int] = []
      for r in rows {
        let name = table.text(r, idColumn)
        guard !name.isEmpty else {
          log.append(
            table.diagnostic(
              .error, record: r, column: idColumn, "the unit is empty.",
              help: "Name the unit of every row."))
          continue
        }
        if let earlier = seen[name] {
          log.append(
            table.diagnostic(
              .error, record: r, column: idColumn,
              "unit \(name) appears twice\(periodColumn >= 0 ? " in period \(periodLabels[k])" : "") "
                + "(first on line \(table.line(ofRecord: earlier))).",
              help:
                "Give each unit one row\(periodColumn >= 0 ? " per period" : "")."
            ))
          continue
        }
        seen[name] = r
        names.append(name)
        rowFailed = false
        inputRows.append(zip(xs, inputs).map { read(r, $0, $1) })
        outputRows.append(zip(ys, outputs).map { read(r, $0, $1) })
        if !ps.isEmpty {
          let unitPrices = zip(ps, prices).map { read(r, $0, "price \($1)") }
          priceValues += unitPrices
          let cost = zip(unitPrices, inputRows[inputRows.count - 1]).reduce(0.0)
          { $0 + $1.0 * $1.1 }
          if !rowFailed, cost == 0 {
            log.append(
              table.diagnostic(
                .error, record: r, column: ps[0],
                "unit \(name) costs nothing at its prices (every input it uses has price 0), "
                  + "so its cost efficiency is undefined.",
                help:
                  "Enter the prices of the inputs the unit uses, or leave out --prices."
              ))
          }
        }
        rowPlaces.append(r)
        if !rowFailed,
          !inputRows[inputRows.count - 1].contains(where: { $0 > 0 })
        {
          log.append(
            table.diagnostic(
              .error, record: r, column: xs.first ?? 0,
              "every input of unit \(name) is 0; DEA cannot rank a unit that uses nothing.",
              help: "Leave the unit out, or enter its inputs."))
        }
      }
      if let firstUnits, periodColumn >= 0, Set(firstUnits) != Set(names) {
        let missing = Set(firstUnits).symmetricDifference(names).sorted()
          .prefix(3)
        log.append(
          Diagnostic(
            .error, file: path,
            "period \(periodLabels[k]) does not have the same units as period \(periodLabels[0]) "
              + "(\(missing.joined(separator: ", ")) differ).",
            help:
              "The Malmquist index compares the same units over periods; give every unit a row in each."
          ))
      }
      if firstUnits == nil { firstUnits = names }
      guard !log.hasErrors else { continue }
      Self.checkSpan(
        inputRows, columns: xs, names: inputs, rows: rowPlaces, table: table,
        log: &log)
      Self.checkSpan(
        outputRows, columns: ys, names: outputs, rows: rowPlaces, table: table,
        log: &log)
      guard !log.hasErrors else { continue }
      // Every period in the order of the first, so units line up.
      var order = Array(names.indices)
      if let firstUnits, k > 0 {
        let position = Dictionary(
          uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        order = firstUnits.compactMap { position[$0] }
      }
      let m = inputs.count
      do {
        let data = try DEAData(
          units: order.map { names[$0] }, inputNames: inputs,
          outputNames: outputs,
          inputs: order.map { inputRows[$0] },
          outputs: order.map { outputRows[$0] })
        let reordered: [Double]? =
          ps.isEmpty
          ? nil : order.flatMap { priceValues[$0 * m..<($0 + 1) * m] }
        periods.append(
          Period(label: periodLabels[k], data: data, prices: reordered))
      } catch {
        log.append(Diagnostic(.error, file: path, error.description))
      }
    }
    try log.throwIfErrors()
    // Periods in time order whatever the row order: numerically when every
    // label is a number (2019 before 2020, 9 before 10), else as text
    // (2023-Q4 before 2024-Q1).
    let numbers = periods.map { Double($0.label) }
    if numbers.allSatisfy({ $0 != nil }) {
      // 2020 and 2020.0 are one year written twice, not two periods.
      var seen: [Double: String] = [:]
      for (period, number) in zip(periods, numbers) {
        guard let number else { continue }
        if let other = seen[number] {
          throw InputError(
            Diagnostic(
              .error, file: path,
              "the periods \"\(other)\" and \"\(period.label)\" are the same number written "
                + "two ways.",
              help: "Write each period one way in the period column."))
        }
        seen[number] = period.label
      }
      periods.sort { (Double($0.label) ?? 0) < (Double($1.label) ?? 0) }
    } else {
      periods.sort { $0.label < $1.label }
    }
    self.periods = periods
  }

  /// The largest ratio of a variable's nonzero values that DEA accepts.
  /// Beyond it the programs mix terms more than 12 orders of magnitude
  /// apart, double precision keeps 16 digits, and no solver answer can be
  /// trusted; such a spread is almost surely a unit slip (元 and 万元).
  public static let largestSpan = 1e12

  private static func checkSpan(
    _ values: [[Double]], columns: [Int], names: [String], rows: [Int],
    table: CSVTable,
    log: inout DiagnosticLog
  ) {
    for (k, column) in columns.enumerated() {
      var low = (value: Double.infinity, row: 0)
      var high = (value: 0.0, row: 0)
      for (j, row) in values.enumerated() where row[k] > 0 {
        if row[k] < low.value { low = (row[k], rows[j]) }
        if row[k] > high.value { high = (row[k], rows[j]) }
      }
      guard high.value > 0, high.value / low.value > Self.largestSpan else {
        continue
      }
      let (line, _) = table.position(high.row, column)
      log.append(
        table.diagnostic(
          .error, record: low.row, column: column,
          "\(names[k]) runs from \(String(format: "%.4g", low.value)) here to "
            + "\(String(format: "%.4g", high.value)) on line \(line), more than 12 orders of "
            + "magnitude; DEA cannot be solved reliably on such data.",
          help:
            "Check the units of the column (元 against 万元, persons against thousands)."
        ))
    }
  }
}
