/// The values a standards study works on, gathered from one or more data
/// sets (one per year): each comparable indicator's actuals, and derived
/// unit costs, with the project (and so the groups) each came from.
///
/// Comparable indicators share a code (the `id` column of indicators.csv)
/// or, without one, a name and unit of measure. A unit cost is the
/// project's executed amount divided by the actual of one of its quantity
/// indicators (数量指标: 万元 per person trained, per visit, …).
public struct Measures: Sendable {
  /// Which way is better.
  public enum Direction: Int8, Sendable {
    /// More is better (`≥`).
    case higher = 1
    /// Less is better (`≤`, costs).
    case lower = -1
    /// Neither (`=`).
    case exact = 0
  }

  public enum Kind: String, Sendable {
    /// The actual of a quantitative or observed indicator.
    case indicator
    /// Executed amount ÷ the actual of a quantity indicator.
    case unitCost
    /// The points of a rating on its criterion's scale (ratings schemes).
    case rating
  }

  public struct Measure: Sendable {
    public var kind: Kind
    /// The indicator's code, or its name (a rating's criterion id).
    public var key: String
    /// The indicator's code (指标编号), empty when rows are joined by name.
    public var code: String = ""
    /// The name of the first row (a rating's criterion name).
    public var name: String
    /// How tables name the measure: its code when it has one.
    public var label: String { code.isEmpty ? name : code }
    /// Unit of the values: the indicator's, or money per quantity unit
    /// (`万元/人次`; `万元/item` when the quantity has no unit).
    public var unit: String
    public var direction: Direction
    /// A unit cost whose quantity has no unit: money per item counted.
    public var isPerItem = false

    /// `unit` in a language: a cost per item is `万元/个` in Chinese.
    public func unit(in language: Language) -> String {
      guard isPerItem, language == .chinese, unit.hasSuffix(Self.perItem)
      else { return unit }
      return String(unit.dropLast(Self.perItem.count)) + "/个"
    }

    static let perItem = "/item"
  }

  public struct Project: Sendable, Hashable {
    public var dataset: Int32
    public var project: Int32
  }

  public private(set) var measures: [Measure] = []
  // One entry per value.
  public private(set) var measure: [Int32] = []
  public private(set) var value: [Double] = []
  /// Index into `projects`.
  public private(set) var owner: [Int32] = []
  /// The indicator row the value came from (in its data set).
  public private(set) var row: [Int32] = []
  /// Projects that gave values, in order of first value.
  public private(set) var projects: [Project] = []
  /// The id of each of `projects`.
  public private(set) var projectIDs = TextColumn()
  /// The values of data set d are `valueStart[d] ..< valueStart[d + 1]`.
  public private(set) var valueStart: [Int] = [0]
  /// The year of each data set (for trends and history).
  public private(set) var years: [Int]
  /// The scheme of each data set (for the labels of rating points).
  public private(set) var schemes: [ScoringScheme] = []
  /// Ratings the evaluator did not give (`not rated`, `na`): the rating
  /// measure and the project (index into `projects`) of each.
  public private(set) var unratedMeasure: [Int32] = []
  public private(set) var unratedOwner: [Int32] = []

  public var count: Int { value.count }

  /// Gathers the values of `datasets`.
  ///
  /// - Parameters:
  ///   - years: the year of each data set (`DatasetYear.of`).
  ///   - codes: codes for rows that have none, by their name.
  public init(
    _ datasets: [Dataset], years: [Int],
    codes: IndicatorCodes = IndicatorCodes()
  ) {
    self.years = years
    // Measures are found by a byte key: kind, direction, unit of measure,
    // then the code or the name, so no String is made per row.
    var index = ByteIndex()
    var key: [UInt8] = []
    for (d, dataset) in datasets.enumerated() {
      let rows = dataset.indicators
      let projects = dataset.projects
      let scheme = dataset.scheme
      let money = dataset.info.moneyUnit
      func find(_ make: () -> Measure) -> Int32 {
        let next = Int32(measures.count)
        if let found = key.withUnsafeBufferPointer({
          index.insert($0, value: next)
        }) {
          return found
        }
        measures.append(make())
        return next
      }
      func measureIndex(_ kind: Kind, _ r: Int, _ direction: Direction) -> Int32
      {
        key.removeAll(keepingCapacity: true)
        key.append(kind == .indicator ? 1 : 2)
        key.append(UInt8(bitPattern: direction.rawValue))
        let unit = rows.unit[r]
        key.append(contentsOf: unit.utf8)
        key.append(0)
        var code = rows.code[r]
        // A String per row only when a table of codes is given.
        if code.isEmpty, !codes.isEmpty {
          code = codes.codeOfName[rows.names[r]] ?? ""
        }
        if code.isEmpty {
          key.append(1)
          rows.names.withBytes(r) { key.append(contentsOf: $0) }
        } else {
          key.append(2)
          key.append(contentsOf: code.utf8)
        }
        return find {
          let name = rows.names[r]
          return Measure(
            kind: kind, key: code.isEmpty ? name : code, code: code, name: name,
            unit: kind == .indicator
              ? unit
              : "\(money)\(unit.isEmpty ? Measure.perItem : "/" + unit)",
            direction: direction, isPerItem: kind == .unitCost && unit.isEmpty)
        }
      }
      // A rating is a measure of its criterion, whatever the row's name:
      // the scale, and so the points, belong to the criterion.
      var ratingMeasure = [Int32?](
        repeating: nil, count: scheme.dimensions.count)
      func ratingIndex(_ dimension: Int) -> Int32 {
        if let m = ratingMeasure[dimension] { return m }
        let criterion = scheme.dimensions[dimension]
        key.removeAll(keepingCapacity: true)
        key.append(3)
        key.append(contentsOf: criterion.id.utf8)
        let m = find {
          Measure(
            kind: .rating, key: criterion.id, name: criterion.name,
            unit: "points", direction: .higher)
        }
        ratingMeasure[dimension] = m
        return m
      }
      let quantity = rows.subdimension.values.map(Self.isQuantity)
      let countable = rows.unit.values.map {
        Self.isCountable($0, money: money)
      }
      for p in 0..<projects.count {
        let range = rows.rows(of: p)
        guard !range.isEmpty else { continue }
        let projectIndex = Int32(self.projects.count)
        var used = false
        for r in range {
          let status = rows.status[r]
          switch rows.kind[r] {
          case .quantitative, .observed:
            guard status == .applicable else { continue }
            let direction: Direction =
              rows.op[r] == .atLeast
              ? .higher : rows.op[r] == .atMost ? .lower : .exact
            append(
              measureIndex(.indicator, r, direction), rows.actual[r],
              projectIndex, Int32(r))
            used = true
            // A quantity indicator with a positive actual gives a unit cost.
            if quantity[Int(rows.subdimension.codes[r])],
              countable[Int(rows.unit.codes[r])],
              rows.actual[r] > 0,
              projects.executed[p] > 0
            {
              append(
                measureIndex(.unitCost, r, .lower),
                projects.executed[p] / rows.actual[r], projectIndex, Int32(r))
            }
          case .rating:
            let dimension = Int(rows.dimension[r])
            guard dimension >= 0, status != .notApplicable else { continue }
            let m = ratingIndex(dimension)
            used = true
            if status == .applicable {
              append(m, rows.actual[r], projectIndex, Int32(r))
            } else {
              unratedMeasure.append(m)
              unratedOwner.append(projectIndex)
            }
          case .qualitative:
            continue
          }
        }
        if used {
          self.projects.append(Project(dataset: Int32(d), project: Int32(p)))
          projects.ids.withBytes(p) { projectIDs.append($0) }
        }
      }
      valueStart.append(value.count)
      schemes.append(scheme)
    }
  }

  private mutating func append(
    _ m: Int32, _ v: Double, _ project: Int32, _ r: Int32
  ) {
    measure.append(m)
    value.append(v)
    owner.append(project)
    row.append(r)
  }

  /// Units of measure that count things: not money (元, 万元, the data
  /// set's unit) and not a rate (%), whose "cost per unit" means nothing.
  static func isCountable(_ unit: String, money: String) -> Bool {
    !(unit == money || unit.contains("元") || unit.contains("%")
      || unit.contains("％") || unit.lowercased().contains("usd"))
  }

  /// Level-2 dimensions that count things (数量指标, quantity).
  static func isQuantity(_ subdimension: String) -> Bool {
    subdimension.contains("数量") || subdimension.lowercased().contains("quantit")
  }
}

/// The year a data set stands for.
public enum DatasetYear {
  /// The most common end year of its projects (else start year); 0 when
  /// none is given.
  public static func of(_ dataset: Dataset) -> Int {
    var counts: [Int32: Int] = [:]
    for p in 0..<dataset.projects.count {
      let year =
        dataset.projects.endYear[p] > 0
        ? dataset.projects.endYear[p] : dataset.projects.startYear[p]
      if year > 0 { counts[year, default: 0] += 1 }
    }
    let best = counts.max {
      $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key
    }
    return Int(best?.key ?? 0)
  }
}
