import Foundation

extension Reader {
  /// What a chunk of indicators.csv holds.
  struct IndicatorPart: Sendable {
    var rows = Indicators()
    /// Byte offset of each row's record, for messages.
    var offsets: [Int] = []
    /// Project ids of records that were dropped (a fault in the record).
    var droppedProjects: [String] = []
  }

  /// The lookups of one chunk: each distinct text of the dimension, kind,
  /// operator and label columns is resolved once.
  struct IndicatorMemos {
    var dimension = TextMemo<Int32>()
    var kind = TextMemo<IndicatorKind?>()
    var qualitative = TextMemo<Value?>()
    var rating: [TextMemo<Value?>]
    /// The previous row's project.
    var project: ReferenceCache

    init(dimensions: Int, projects: ReferenceCache) {
      rating = Array(repeating: TextMemo<Value?>(), count: dimensions)
      project = projects
    }
  }

  /// Codes the dimension memo stores besides dimension indices.
  static let unknownDimension: Int32 = -1
  static let executionDimension: Int32 = -2

  /// Reads indicators.csv, resolving dimensions, kinds and labels against
  /// the scheme, and sorts the rows by project (CSR).
  mutating func readIndicators(_ path: String, into dataset: inout Dataset) {
    indicatorsPath = path
    let mark = log.diagnostics.count
    defer { sortDiagnostics(since: mark) }
    guard let (table, map) = table(path, specs: Columns.indicators) else {
      return
    }
    indicatorFile = table
    indicatorWeightColumn = map["weight"] ?? 0
    let scheme = dataset.scheme
    let context = IndicatorContext(scheme: scheme, map: map)
    guard
      var parts = readChunks(
        table,
        { (worker, records) throws(InputError) in
          var part = IndicatorPart()
          // About 90 bytes a row: reserve once instead of growing. The
          // first chunk reserves for the whole file, since the others are
          // appended to it.
          let bytes = records.isFirst ? table.bytes.count : records.byteCount
          let estimate = bytes / 80 + 16
          part.rows.reserveCapacity(estimate)
          part.rows.names.reserveCapacity(rows: estimate, bytes: estimate * 24)
          part.offsets.reserveCapacity(estimate)
          var memos = IndicatorMemos(
            dimensions: scheme.dimensions.count,
            projects: ReferenceCache(
              next: worker.projectIDs, skip: worker.repeatedProjects))
          records.keyColumn = context.columns.project
          while try records.next(log: &worker.log) {
            worker.readIndicator(records.record, context, &memos, into: &part)
          }
          part.droppedProjects = records.droppedKeys
          return part
        })
    else { return }

    // A project that lost a row to a fault is not checked for weights and
    // dimensions: the fault is reported, its sums would only mislead.
    for part in parts {
      for id in part.droppedProjects {
        if let p = projectIndex.find(id) { projectsMissingRows.insert(Int(p)) }
      }
    }
    // Take the first chunk's columns over (no copy) and append the rest.
    var rows = parts[0].rows
    var offsets = parts[0].offsets
    parts[0] = IndicatorPart()
    let total = parts.reduce(rows.count) { $0 + $1.rows.count }
    rows.reserveCapacity(total)
    offsets.reserveCapacity(total)
    for part in parts.dropFirst() {
      rows.append(contentsOf: part.rows)
      offsets += part.offsets
    }
    dataset.indicators = Self.sortedByProject(
      rows, offsets: &offsets, projectCount: dataset.projects.count)
    indicatorOffsets = offsets
    indicatorsRead = true
  }

  /// What every chunk of indicators.csv reads with; a class, so that
  /// closures and calls per row share it instead of copying its tables.
  final class IndicatorContext: Sendable {
    let scheme: ScoringScheme
    let map: ColumnMap
    let lookup: [String: Int]
    let labels: LabelResolver
    let columns: Columns

    /// Positions of the columns (−1 when absent).
    struct Columns: Sendable {
      var project, code, dimension, subdimension, name, kind, op, target,
        actual, unit, weight, provenance: Int
    }

    init(scheme: ScoringScheme, map: ColumnMap) {
      self.scheme = scheme
      self.map = map
      lookup = scheme.dimensionLookup()
      labels = LabelResolver(scheme)
      columns = Columns(
        project: map["project"] ?? 0, code: map["id"] ?? -1,
        dimension: map["dimension"] ?? 0,
        subdimension: map["subdimension"] ?? -1, name: map["name"] ?? 0,
        kind: map["kind"] ?? 0, op: map["operator"] ?? -1,
        target: map["target"] ?? -1, actual: map["actual"] ?? 0,
        unit: map["unit"] ?? -1, weight: map["weight"] ?? 0,
        provenance: map["provenance"] ?? -1)
    }
  }

  /// Reads one row of indicators.csv into `part`.
  private mutating func readIndicator(
    _ record: CSVRecord, _ context: IndicatorContext,
    _ memos: inout IndicatorMemos, into part: inout IndicatorPart
  ) {
    let c = context.columns
    let project = reference(
      record, c.project, in: projectIndex, cache: &memos.project,
      what: "project", file: "projects.csv")
    guard project >= 0 else { return }
    part.offsets.append(record.offset)
    part.rows.project.append(project)
    part.rows.line.append(Int32(clamping: record.line))
    record.withText(c.name) { part.rows.names.append($0) }
    Self.appendOptional(
      record, c.subdimension >= 0 ? c.subdimension : nil,
      to: &part.rows.subdimension)
    Self.appendOptional(
      record, c.code >= 0 ? c.code : nil, to: &part.rows.code)
    Self.appendOptional(
      record, c.provenance >= 0 ? c.provenance : nil,
      to: &part.rows.provenance)

    let kind = readKind(record, c.kind, context, &memos)
    // An observation needs no dimension: it is grouped by project, not
    // scored.
    let dimension =
      kind == .observed && record.isBlank(c.dimension)
      ? -1 : readDimension(record, c.dimension, context, &memos)
    part.rows.dimension.append(dimension)
    part.rows.kind.append(kind)

    // An observation's weight may be left empty: it earns nothing.
    var weight =
      kind == .observed && record.isBlank(c.weight)
      ? 0 : record.readNumber(c.weight, what: "weight", log: &log) ?? 0
    if weight < 0 {
      log.append(
        record.diagnostic(
          .error, column: c.weight,
          "the weight is negative (\(record.text(c.weight))).",
          help: "Weights are points ≥ 0."))
      weight = 0
    }
    if kind == .observed, weight != 0 {
      log.append(
        record.diagnostic(
          .error, column: c.weight,
          "an observed row earns no points, but its weight is \(record.text(c.weight)).",
          help:
            "Leave the weight empty or 0, or make the row quantitative with a target "
            + "to score it."))
      weight = 0
    }
    part.rows.weight.append(weight)

    var value = Value()
    switch kind {
    case .quantitative:
      part.rows.label.appendEmpty()
      value = readQuantitative(record, context)
    case .qualitative:
      let resolved = record.withText(c.actual) { text -> Value? in
        part.rows.label.append(text)
        return memos.qualitative.value(for: text) {
          context.labels.qualitative($0)
        }
      }
      value =
        resolved
        ?? unknownLabel(
          record, c.actual, context.labels.tierLabels,
          what: "qualitative tier")
    case .observed:
      part.rows.label.appendEmpty()
      value = readObserved(record, context)
    case .rating:
      record.withText(c.actual) { part.rows.label.append($0) }
      if dimension >= 0 {
        let d = Int(dimension)
        value =
          record.withText(c.actual) {
            memos.rating[d].value(for: $0) {
              context.labels.rating($0, dimension: d)
            }
          }
          ?? unknownLabel(
            record, c.actual, context.labels.ratingLabels(d), what: "rating")
      }
    }
    part.rows.op.append(value.op)
    part.rows.target.append(value.target)
    part.rows.actual.append(value.actual)
    part.rows.status.append(value.status)
    let hasUnit =
      c.unit >= 0
      && record.withText(c.unit) { text -> Bool in
        guard !text.isEmpty else { return false }
        part.rows.unit.append(text)
        return true
      }
    if !hasUnit { part.rows.unit.append(value.unitFromTarget) }
  }

  /// What a row's cells resolve to.
  struct Value: Sendable {
    var op = IndicatorOperator.atLeast
    var target = 0.0
    var actual = 0.0
    var status = RowStatus.applicable
    var unitFromTarget = ""
  }

  private mutating func readDimension(
    _ record: CSVRecord, _ column: Int, _ context: IndicatorContext,
    _ memos: inout IndicatorMemos
  ) -> Int32 {
    let code = record.withText(column) {
      memos.dimension.value(for: $0) { text in
        let scheme = context.scheme
        guard let index = scheme.dimensionIndex(for: text, in: context.lookup)
        else { return Self.unknownDimension }
        return index == scheme.executionIndex
          ? Self.executionDimension : Int32(index)
      }
    }
    if code >= 0 { return code }
    let scheme = context.scheme
    if code == Self.executionDimension {
      log.append(
        record.diagnostic(
          .error, column: column,
          "budget execution is not an indicator row: it is computed from the project's "
            + "budget and executed amount.",
          help: "Delete this row; set the execution weight in scheme.json."))
      return -1
    }
    let known = scheme.dimensions.filter {
      $0.id != ScoringScheme.executionID
    }
    .map { "\($0.id) (\($0.name))" }
    log.append(
      record.diagnostic(
        .error, column: column,
        "dimension \"\(record.text(column))\" is not in the scheme.",
        help:
          "Use one of: \(known.joined(separator: ", ")), or add it to scheme.json."
      ))
    return -1
  }

  private mutating func readKind(
    _ record: CSVRecord, _ column: Int, _ context: IndicatorContext,
    _ memos: inout IndicatorMemos
  ) -> IndicatorKind {
    let method = context.scheme.method
    let known = record.withText(column) {
      memos.kind.value(for: $0) { text in
        switch text.lowercased() {
        case "quantitative", "定量", "定量指标": .quantitative
        case "qualitative", "定性", "定性指标": .qualitative
        case "rating", "评级", "rated": .rating
        case "observed", "observation", "观测", "观测值": .observed
        default: nil
        }
      }
    }
    guard let kind = known else {
      log.append(
        record.diagnostic(
          .error, column: column,
          "kind \"\(record.text(column))\" is not known.",
          help:
            "Write quantitative (定量), qualitative (定性), rating (评级) or "
            + "observed (观测)."))
      return method == .ratings ? .rating : .quantitative
    }
    if kind != .observed, (kind == .rating) != (method == .ratings) {
      let message =
        kind == .rating
        ? "a rating row needs a ratings scheme, but the scheme is self-evaluation."
        : "the scheme rates criteria, but this row is \(record.text(column))."
      log.append(
        record.diagnostic(
          .error, column: column, message,
          help:
            "Use rows of kind rating with \"method\": \"ratings\", or target/actual rows "
            + "with the self-evaluation scheme."))
    }
    return kind
  }

  private mutating func readQuantitative(
    _ record: CSVRecord, _ context: IndicatorContext
  ) -> Value {
    var value = Value()
    let c = context.columns
    let actualColumn = c.actual
    if case .value(let actual) = record.number(actualColumn),
      NumberRange.contains(actual)
    {
      value.actual = actual
    } else if Self.isNotApplicable(record, actualColumn) {
      value.status = .notApplicable
    } else if let actual = record.readNumber(
      actualColumn, what: "actual", log: &log)
    {
      value.actual = actual
    }

    var op: IndicatorOperator?
    var operatorWasBad = false
    if c.op >= 0, !record.isBlank(c.op) {
      op = record.withText(c.op) { IndicatorOperatorText.parse($0) }
      if op == nil {
        operatorWasBad = true
        log.append(
          record.diagnostic(
            .error, column: c.op,
            "operator \"\(record.text(c.op))\" is not known.",
            help:
              "Write >= (≥, more is better), <= (≤, less is better) or = (exact)."
          ))
      }
    }
    guard c.target >= 0 else {
      log.append(
        record.diagnostic(
          .error, column: actualColumn,
          "a quantitative row needs a target, but the file has no target column.",
          help: "Add a column headed target (年度指标值)."))
      return value
    }
    let column = c.target
    switch record.number(column) {
    case .value(let target) where !NumberRange.contains(target):
      _ = record.readNumber(column, what: "target", log: &log)
    case .value(let target):
      value.target = target
    case .empty:
      if value.status == .applicable {
        log.append(
          record.diagnostic(
            .error, column: column, "the target is empty.",
            help:
              "Enter the target value, or mark the row n/a in the actual column."
          ))
      }
    case .outOfRange:
      log.append(
        record.diagnostic(
          .error, column: column,
          "target \"\(record.text(column))\" is out of the range of numbers.",
          help: "Check the value and its unit."))
    case .notANumber:
      let text = record.text(column)
      if let parsed = TargetText.parse(text) {
        value.target = parsed.value
        value.unitFromTarget = parsed.unit
        if let inline = parsed.op {
          if let given = op, given != inline {
            log.append(
              record.diagnostic(
                .error, column: column,
                "the target says \(inline.symbol) but the operator column says \(given.symbol).",
                help: "Make the two agree."))
          }
          op = inline
        }
      } else {
        log.append(record.notANumber(column, what: "target"))
      }
    }
    if op == nil, !operatorWasBad, value.status == .applicable {
      log.append(
        record.diagnostic(
          .error, column: c.op >= 0 ? c.op : column,
          "the row has no operator.",
          help:
            "Write >= , <= or = in the operator column, or in front of the target (≥50)."
        ))
    }
    value.op = op ?? .atLeast
    if value.target < 0, value.op != .exactly, value.status == .applicable {
      log.append(
        record.diagnostic(
          .warning, column: column,
          "the target \(record.text(column)) is negative, so the ratio rule "
            + "of \(value.op.symbol) does not apply: the row earns full points when met "
            + "and 0 when missed.",
          help:
            "Prefer a positive measure (for example a decrease as a positive "
            + "amount with ≤)."))
    }
    return value
  }

  /// An observed row: a number (or nothing, when the value was not
  /// observed), an optional operator naming the good direction, no target.
  private mutating func readObserved(
    _ record: CSVRecord, _ context: IndicatorContext
  ) -> Value {
    var value = Value(op: .exactly)
    let c = context.columns
    if record.isBlank(c.actual) || Self.isNotApplicable(record, c.actual) {
      value.status = .notApplicable
    } else if let actual = record.readNumber(
      c.actual, what: "actual", log: &log)
    {
      value.actual = actual
    } else {
      value.status = .missing
    }
    if c.op >= 0, !record.isBlank(c.op) {
      if let op = record.withText(c.op, { IndicatorOperatorText.parse($0) }) {
        value.op = op
      } else {
        log.append(
          record.diagnostic(
            .error, column: c.op,
            "operator \"\(record.text(c.op))\" is not known.",
            help:
              "For an observation the operator names the good direction: >= (more is "
              + "better), <= (less is better) or = (neither); or leave it empty."
          ))
      }
    }
    if c.target >= 0, !record.isBlank(c.target) {
      log.append(
        record.diagnostic(
          .error, column: c.target,
          "an observed row has no target, but this one has \(record.text(c.target)).",
          help:
            "Make the row quantitative to score it against the target, or clear "
            + "the target."))
    }
    return value
  }

  /// Whether a cell marks its row not applicable: `n/a`, `not applicable`
  /// (any case) or `不适用`.
  static func isNotApplicable(_ record: CSVRecord, _ column: Int) -> Bool {
    record.equalsIgnoringCase(column, "n/a")
      || record.equalsIgnoringCase(column, "not applicable")
      || record.equalsIgnoringCase(column, "不适用")
  }

  private mutating func unknownLabel(
    _ record: CSVRecord, _ column: Int, _ known: [String], what: String
  ) -> Value {
    let text = record.text(column)
    let suggestion =
      nearest(text, in: known).map { " Did you mean \"\($0)\"?" } ?? ""
    log.append(
      record.diagnostic(
        .error, column: column, "\"\(text)\" is not a known \(what).",
        help:
          "Use a label of the scheme or add an alias in scheme.json.\(suggestion)"
      ))
    return Value(status: .missing)
  }

  /// Stable counting sort of the rows by project, giving CSR offsets. Rows
  /// already in project order (the usual case) are kept as they are.
  static func sortedByProject(
    _ rows: Indicators, offsets: inout [Int], projectCount: Int
  ) -> Indicators {
    let n = rows.count
    var start = [Int](repeating: 0, count: projectCount + 1)
    var isSorted = true
    var previous: Int32 = 0
    for p in rows.project {
      start[Int(p) + 1] += 1
      if p < previous { isSorted = false }
      previous = p
    }
    for p in 0..<projectCount { start[p + 1] += start[p] }
    if isSorted {
      var sorted = rows
      sorted.rowStart = start
      return sorted
    }
    var next = start
    var order = [Int](repeating: 0, count: n)
    for i in 0..<n {
      let p = Int(rows.project[i])
      order[next[p]] = i
      next[p] += 1
    }
    var sorted = rows.permuted(order)
    sorted.rowStart = start
    offsets = order.map { offsets[$0] }
    return sorted
  }
}

/// Operator cells: `>=`, `≥`, `正向`, … (see `TargetText.operator`).
enum IndicatorOperatorText {
  static func parse(_ text: UnsafeBufferPointer<UInt8>) -> IndicatorOperator? {
    // The three symbols of generated and most real tables, by bytes.
    // ≥ is E2 89 A5 and ≤ is E2 89 A4 in UTF-8.
    if text.count == 3, text[0] == 0xE2, text[1] == 0x89 {
      if text[2] == 0xA5 { return .atLeast }
      if text[2] == 0xA4 { return .atMost }
    }
    if text.count == 1, text[0] == UInt8(ascii: "=") { return .exactly }
    return TargetText.operator(String(decoding: text, as: UTF8.self))
  }
}

extension Indicators {
  mutating func reserveCapacity(_ n: Int) {
    project.reserveCapacity(n)
    dimension.reserveCapacity(n)
    subdimension.reserveCapacity(n)
    code.reserveCapacity(n)
    kind.reserveCapacity(n)
    op.reserveCapacity(n)
    target.reserveCapacity(n)
    actual.reserveCapacity(n)
    label.reserveCapacity(n)
    unit.reserveCapacity(n)
    weight.reserveCapacity(n)
    status.reserveCapacity(n)
    provenance.reserveCapacity(n)
    line.reserveCapacity(n)
  }

  /// Appends the rows of another chunk (without offsets).
  mutating func append(contentsOf other: Indicators) {
    project += other.project
    dimension += other.dimension
    subdimension.append(contentsOf: other.subdimension)
    code.append(contentsOf: other.code)
    names.append(contentsOf: other.names)
    kind += other.kind
    op += other.op
    target += other.target
    actual += other.actual
    label.append(contentsOf: other.label)
    unit.append(contentsOf: other.unit)
    weight += other.weight
    status += other.status
    provenance.append(contentsOf: other.provenance)
    line += other.line
  }

  /// The rows in the order `order` gives (without offsets).
  func permuted(_ order: [Int]) -> Indicators {
    var result = Indicators()
    result.project = order.map { project[$0] }
    result.dimension = order.map { dimension[$0] }
    result.subdimension = subdimension.permuted(order)
    result.code = code.permuted(order)
    result.names = names.permuted(order)
    result.kind = order.map { kind[$0] }
    result.op = order.map { op[$0] }
    result.target = order.map { target[$0] }
    result.actual = order.map { actual[$0] }
    result.label = label.permuted(order)
    result.unit = unit.permuted(order)
    result.weight = order.map { weight[$0] }
    result.status = order.map { status[$0] }
    result.provenance = provenance.permuted(order)
    result.line = order.map { line[$0] }
    return result
  }
}
