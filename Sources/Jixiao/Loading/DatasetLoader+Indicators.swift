extension Reader {
  /// Reads indicators.csv, resolving dimensions, kinds and labels against
  /// the scheme, and sorts the rows by project (CSR).
  mutating func readIndicators(_ path: String, into dataset: inout Dataset) {
    indicatorsPath = path
    guard let (table, map) = table(path, specs: Columns.indicators) else {
      return
    }
    indicatorTable = table
    indicatorWeightColumn = map["weight"] ?? 0
    let scheme = dataset.scheme
    let lookup = scheme.dimensionLookup()
    let labels = LabelResolver(scheme)
    var rows = Indicators()
    var records: [Int] = []
    let count = table.recordCount
    rows.project.reserveCapacity(count)

    for record in 0..<count {
      let project = reference(
        table, record, map["project"] ?? 0, in: projectIndex, what: "project",
        file: "projects.csv")
      guard project >= 0 else { continue }
      records.append(record)
      rows.project.append(project)
      rows.line.append(Int32(clamping: table.line(ofRecord: record)))
      rows.names.append(table.text(record, map["name"] ?? 0))
      rows.subdimension.append(
        map["subdimension"].map { table.text(record, $0) } ?? "")
      rows.provenance.append(
        map["provenance"].map { table.text(record, $0) } ?? "")

      let dimension = readDimension(
        table, record, map["dimension"] ?? 0, scheme, lookup)
      rows.dimension.append(dimension)
      let kind = readKind(table, record, map["kind"] ?? 0, scheme: scheme)
      rows.kind.append(kind)

      var weight =
        table.readNumber(record, map["weight"] ?? 0, what: "weight", log: &log)
        ?? 0
      if weight < 0 {
        log.append(
          table.diagnostic(
            .error, record: record, column: map["weight"] ?? 0,
            "the weight is negative (\(weight)).",
            help: "Weights are points ≥ 0."))
        weight = 0
      }
      rows.weight.append(weight)

      let actualColumn = map["actual"] ?? 0
      let actualText = table.text(record, actualColumn)
      rows.label.append(kind == .quantitative ? "" : actualText)
      var value = Value()
      switch kind {
      case .quantitative:
        value = readQuantitative(table, record, map, actualText: actualText)
      case .qualitative:
        value =
          labels.qualitative(actualText)
          ?? unknownLabel(
            table, record, actualColumn, labels.tierLabels,
            what: "qualitative tier")
      case .rating:
        if dimension >= 0 {
          value =
            labels.rating(actualText, dimension: Int(dimension))
            ?? unknownLabel(
              table, record, actualColumn, labels.ratingLabels(Int(dimension)),
              what: "rating")
        }
      }
      rows.op.append(value.op)
      rows.target.append(value.target)
      rows.actual.append(value.actual)
      rows.status.append(value.status)
      rows.unit.append(
        map["unit"].map { table.text(record, $0) }.flatMap {
          $0.isEmpty ? nil : $0
        }
          ?? value.unitFromTarget)
    }
    dataset.indicators = Self.sortedByProject(
      rows, records: &records, projectCount: dataset.projects.count)
    indicatorRecords = records
    indicatorsRead = true
  }

  /// What a row's cells resolve to.
  struct Value {
    var op = IndicatorOperator.atLeast
    var target = 0.0
    var actual = 0.0
    var status = RowStatus.applicable
    var unitFromTarget = ""
  }

  private mutating func readDimension(
    _ table: CSVTable, _ record: Int, _ column: Int, _ scheme: ScoringScheme,
    _ lookup: [String: Int]
  ) -> Int32 {
    let text = table.text(record, column)
    guard let index = scheme.dimensionIndex(for: text, in: lookup) else {
      let known = scheme.dimensions.filter {
        $0.id != ScoringScheme.executionID
      }
      .map { "\($0.id) (\($0.name))" }
      log.append(
        table.diagnostic(
          .error, record: record, column: column,
          "dimension \"\(text)\" is not in the scheme.",
          help:
            "Use one of: \(known.joined(separator: ", ")), or add it to scheme.json."
        ))
      return -1
    }
    if index == scheme.executionIndex {
      log.append(
        table.diagnostic(
          .error, record: record, column: column,
          "budget execution is not an indicator row: it is computed from the project's "
            + "budget and executed amount.",
          help: "Delete this row; set the execution weight in scheme.json."))
      return -1
    }
    return Int32(index)
  }

  private mutating func readKind(
    _ table: CSVTable, _ record: Int, _ column: Int, scheme: ScoringScheme
  ) -> IndicatorKind {
    let text = table.text(record, column)
    let kind: IndicatorKind?
    switch text.lowercased() {
    case "quantitative", "定量", "定量指标": kind = .quantitative
    case "qualitative", "定性", "定性指标": kind = .qualitative
    case "rating", "评级", "rated": kind = .rating
    default: kind = nil
    }
    guard let kind else {
      log.append(
        table.diagnostic(
          .error, record: record, column: column,
          "kind \"\(text)\" is not known.",
          help: "Write quantitative (定量), qualitative (定性) or rating (评级)."))
      return scheme.method == .ratings ? .rating : .quantitative
    }
    if (kind == .rating) != (scheme.method == .ratings) {
      let message =
        kind == .rating
        ? "a rating row needs a ratings scheme, but the scheme is self-evaluation."
        : "the scheme rates criteria, but this row is \(text)."
      log.append(
        table.diagnostic(
          .error, record: record, column: column, message,
          help:
            "Use rows of kind rating with \"method\": \"ratings\", or target/actual rows "
            + "with the self-evaluation scheme."))
    }
    return kind
  }

  private mutating func readQuantitative(
    _ table: CSVTable, _ record: Int, _ map: ColumnMap, actualText: String
  ) -> Value {
    var value = Value()
    let actualColumn = map["actual"] ?? 0
    if LabelResolver.isNotApplicable(actualText) {
      value.status = .notApplicable
    } else if let actual = table.readNumber(
      record, actualColumn, what: "actual", log: &log)
    {
      value.actual = actual
    }

    var op: IndicatorOperator?
    var operatorWasBad = false
    if let column = map["operator"], !table.isBlank(record, column) {
      let text = table.text(record, column)
      op = TargetText.operator(text)
      if op == nil {
        operatorWasBad = true
        log.append(
          table.diagnostic(
            .error, record: record, column: column,
            "operator \"\(text)\" is not known.",
            help:
              "Write >= (≥, more is better), <= (≤, less is better) or = (exact)."
          ))
      }
    }
    guard let column = map["target"] else {
      log.append(
        table.diagnostic(
          .error, record: record, column: actualColumn,
          "a quantitative row needs a target, but the file has no target column.",
          help: "Add a column headed target (年度指标值)."))
      return value
    }
    switch table.number(record, column) {
    case .value(let target):
      value.target = target
    case .empty:
      if value.status == .applicable {
        log.append(
          table.diagnostic(
            .error, record: record, column: column, "the target is empty.",
            help:
              "Enter the target value, or mark the row n/a in the actual column."
          ))
      }
    case .outOfRange, .notANumber:
      let text = table.text(record, column)
      if let parsed = TargetText.parse(text) {
        value.target = parsed.value
        value.unitFromTarget = parsed.unit
        if let inline = parsed.op {
          if let given = op, given != inline {
            log.append(
              table.diagnostic(
                .error, record: record, column: column,
                "the target says \(inline.symbol) but the operator column says \(given.symbol).",
                help: "Make the two agree."))
          }
          op = inline
        }
      } else {
        log.append(table.notANumber(record, column, what: "target"))
      }
    }
    if op == nil, !operatorWasBad, value.status == .applicable {
      log.append(
        table.diagnostic(
          .error, record: record, column: map["operator"] ?? column,
          "the row has no operator.",
          help:
            "Write >= , <= or = in the operator column, or in front of the target (≥50)."
        ))
    }
    value.op = op ?? .atLeast
    if value.target < 0, value.op != .exactly, value.status == .applicable,
      let column = map["target"]
    {
      log.append(
        table.diagnostic(
          .warning, record: record, column: column,
          "the target \(table.text(record, column)) is negative, so the ratio rule "
            + "of \(value.op.symbol) does not apply: the row earns full points when met "
            + "and 0 when missed.",
          help:
            "Prefer a positive measure (for example a decrease as a positive "
            + "amount with ≤)."))
    }
    return value
  }

  private mutating func unknownLabel(
    _ table: CSVTable, _ record: Int, _ column: Int, _ known: [String],
    what: String
  ) -> Value {
    let text = table.text(record, column)
    let suggestion =
      nearest(text, in: known).map { " Did you mean \"\($0)\"?" } ?? ""
    log.append(
      table.diagnostic(
        .error, record: record, column: column,
        "\"\(text)\" is not a known \(what).",
        help:
          "Use a label of the scheme or add an alias in scheme.json.\(suggestion)"
      ))
    return Value(status: .missing)
  }

  /// Stable counting sort of the rows by project, giving CSR offsets.
  static func sortedByProject(
    _ rows: Indicators, records: inout [Int], projectCount: Int
  ) -> Indicators {
    let n = rows.count
    var start = [Int](repeating: 0, count: projectCount + 1)
    for p in rows.project { start[Int(p) + 1] += 1 }
    for p in 0..<projectCount { start[p + 1] += start[p] }
    var next = start
    var order = [Int](repeating: 0, count: n)
    for i in 0..<n {
      let p = Int(rows.project[i])
      order[next[p]] = i
      next[p] += 1
    }
    var sorted = Indicators()
    sorted.project = order.map { rows.project[$0] }
    sorted.dimension = order.map { rows.dimension[$0] }
    sorted.names = order.map { rows.names[$0] }
    sorted.kind = order.map { rows.kind[$0] }
    sorted.op = order.map { rows.op[$0] }
    sorted.target = order.map { rows.target[$0] }
    sorted.actual = order.map { rows.actual[$0] }
    sorted.weight = order.map { rows.weight[$0] }
    sorted.status = order.map { rows.status[$0] }
    sorted.line = order.map { rows.line[$0] }
    for i in order {
      sorted.subdimension.append(rows.subdimension[i])
      sorted.label.append(rows.label[i])
      sorted.unit.append(rows.unit[i])
      sorted.provenance.append(rows.provenance[i])
    }
    sorted.rowStart = start
    records = order.map { records[$0] }
    return sorted
  }
}
