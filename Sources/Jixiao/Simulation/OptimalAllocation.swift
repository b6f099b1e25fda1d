import JixiaoNumerics

/// Splits a fixed total over items (projects) to maximise a value that is
/// concave and piecewise linear in each item's amount, under floors and
/// caps per item and per group (unit) and a minimum share for core items;
/// solved as one linear program by COIN-OR CLP.
///
/// Item i gets xᵢ = floorᵢ + Σₖ yᵢₖ with 0 ≤ yᵢₖ ≤ lengthᵢₖ and value
/// Vᵢ(floorᵢ) + Σₖ slopeᵢₖ yᵢₖ. Slopes must not increase along an item
/// (concavity), so the program fills an item's segments in order without
/// integer variables:
///
///     max Σ slope·y  s.t.  Σ xᵢ = total,
///                          gFloor ≤ Σ_{i∈g} xᵢ ≤ gCap   (each group),
///                          Σ_{i core} xᵢ ≥ coreShare · total
///
/// The dual value of the total row is what one more unit of money is worth
/// at the optimum (the shadow price); a linear value (one segment an item)
/// is the special case in which the optimum fills items by value per unit
/// of money, from their floors, until the total is spent.
public struct AllocationModel: Sendable {
  public struct Item: Sendable {
    public var floor: Double
    public var cap: Double
    /// V(floor): the value of the floor itself.
    public var baseValue: Double
    /// (length, slope) pieces from the floor up; lengths add up to cap − floor.
    public var segments: [(length: Double, slope: Double)]
    /// The group (unit) of the item, −1 for none.
    public var group: Int32
    public var core: Bool
    /// All or nothing: the item gets its cap or 0 (its floor must be 0),
    /// and is worth V(cap) or 0. Solved by CBC's branch and cut.
    public var indivisible = false

    public init(
      floor: Double, cap: Double, baseValue: Double = 0,
      segments: [(length: Double, slope: Double)], group: Int32 = -1,
      core: Bool = false
    ) {
      self.floor = floor
      self.cap = cap
      self.baseValue = baseValue
      self.segments = segments
      self.group = group
      self.core = core
    }

    /// An item of constant value per unit of money between floor and cap.
    public static func linear(
      floor: Double, cap: Double, value: Double, group: Int32 = -1,
      core: Bool = false
    ) -> Item {
      Item(
        floor: floor, cap: cap, baseValue: value * floor,
        segments: cap > floor ? [(cap - floor, value)] : [], group: group,
        core: core)
    }

    /// The chords of a concave value function v at `pieces` equal steps
    /// from floor to cap: exact at the breakpoints, below v between them.
    public static func concave(
      floor: Double, cap: Double, pieces: Int, group: Int32 = -1,
      core: Bool = false,
      value v: (Double) -> Double
    ) -> Item {
      guard cap > floor, pieces > 0 else {
        return Item(
          floor: floor, cap: cap, baseValue: v(floor), segments: [],
          group: group, core: core)
      }
      let step = (cap - floor) / Double(pieces)
      var segments: [(length: Double, slope: Double)] = []
      var x0 = floor
      var v0 = v(floor)
      for k in 1...pieces {
        let x1 = k == pieces ? cap : floor + Double(k) * step
        let v1 = v(x1)
        segments.append((x1 - x0, (v1 - v0) / (x1 - x0)))
        (x0, v0) = (x1, v1)
      }
      return Item(
        floor: floor, cap: cap, baseValue: v(floor), segments: segments,
        group: group,
        core: core)
    }
  }

  public var items: [Item]
  public var total: Double
  /// Per group: the least and most it may get in all (−∞ / ∞ for none).
  public var groupFloor: [Double] = []
  public var groupCap: [Double] = []
  /// The least share of the total for core items (nil: none).
  public var coreShare: Double?

  public init(items: [Item], total: Double) {
    self.items = items
    self.total = total
  }

  /// What holds an item at its amount.
  public enum Binding: String, Sendable {
    case floor, cap, between
  }

  public struct Result: Sendable {
    public var status: LPStatus
    public var amounts: [Double] = []
    public var value = 0.0
    /// ∂value/∂total at the optimum: the dual of the total row, plus, when
    /// a core share binds, that share times the core row's dual (one more
    /// 万元 of total also raises the core minimum by the share). nil with
    /// indivisible items: an integer program has no duals.
    public var shadowPrice: Double? = 0
    /// What the optimum leaves unspent (only with indivisible items).
    public var unallocated = 0.0
    public var bindings: [Binding] = []
    /// Per group: the dual of its row (0 when the row does not bind).
    public var groupDuals: [Double] = []
    /// The dual of the core-share row (0 when it does not bind).
    public var coreDual = 0.0

    init(status: LPStatus) {
      self.status = status
    }

    init(
      status: LPStatus, amounts: [Double], value: Double, shadowPrice: Double?,
      bindings: [Binding], groupDuals: [Double], coreDual: Double,
      unallocated: Double
    ) {
      self.status = status
      self.amounts = amounts
      self.value = value
      self.shadowPrice = shadowPrice
      self.bindings = bindings
      self.groupDuals = groupDuals
      self.coreDual = coreDual
      self.unallocated = unallocated
    }
  }

  /// The amounts of each item at a tolerance of 1e-9 of the total.
  public func solve() throws(AllocationError) -> Result {
    try validate()
    let groups = groupFloor.count
    // Columns: a piece of a divisible item, or one 0–1 column for an
    // indivisible item, worth V(cap) and weighing its cap in every row.
    var columnItem: [Int32] = []
    var lengths: [Double] = []
    var slopes: [Double] = []
    var weights: [Double] = []
    var integer: [Bool] = []
    for (i, item) in items.enumerated() {
      if item.indivisible {
        columnItem.append(Int32(i))
        lengths.append(1)
        slopes.append(
          item.baseValue
            + item.segments.reduce(0.0) { $0 + $1.length * $1.slope })
        weights.append(item.cap)
        integer.append(true)
        continue
      }
      for segment in item.segments {
        columnItem.append(Int32(i))
        lengths.append(segment.length)
        slopes.append(segment.slope)
        weights.append(1)
        integer.append(false)
      }
    }
    let anyIndivisible = items.contains { $0.indivisible }
    let floors = items.reduce(0.0) { $0 + $1.floor }
    // Rows: 0 total, 1 … groups, then core.
    let coreRow = coreShare == nil ? -1 : 1 + groups
    let rowCount = 1 + groups + (coreShare == nil ? 0 : 1)
    var starts: [Int32] = [0]
    var rows: [Int32] = []
    var values: [Double] = []
    for column in columnItem.indices {
      let item = items[Int(columnItem[column])]
      rows.append(0)
      if item.group >= 0 { rows.append(1 + item.group) }
      if coreRow >= 0, item.core { rows.append(Int32(coreRow)) }
      while values.count < rows.count { values.append(weights[column]) }
      starts.append(Int32(rows.count))
    }
    var lower = [Double](repeating: -.infinity, count: rowCount)
    var upper = [Double](repeating: .infinity, count: rowCount)
    // All-or-nothing items rarely add up to the total exactly: with any,
    // the total is an upper limit and what is left is unallocated.
    lower[0] = anyIndivisible ? -.infinity : total - floors
    upper[0] = total - floors
    var groupFloors = [Double](repeating: 0, count: groups)
    for item in items where item.group >= 0 {
      groupFloors[Int(item.group)] += item.floor
    }
    for g in 0..<groups {
      lower[1 + g] = groupFloor[g] - groupFloors[g]
      upper[1 + g] = groupCap[g] - groupFloors[g]
    }
    if let share = coreShare {
      let coreFloors = items.reduce(0.0) { $0 + ($1.core ? $1.floor : 0) }
      lower[coreRow] = share * total - coreFloors
    }
    let columns: [Double]
    var duals: [Double]?
    do {
      if anyIndivisible {
        let outcome = try MixedIntegerProgram.solve(
          sense: .maximize, objective: slopes, rowCount: rowCount,
          columnStarts: starts,
          rowIndices: rows, values: values, rowLower: lower, rowUpper: upper,
          columnLower: [Double](repeating: 0, count: slopes.count),
          columnUpper: lengths,
          integer: integer)
        guard let solution = outcome.solution else {
          return Result(status: outcome.status)
        }
        columns = solution.columns
      } else {
        let lp = try LinearProgram(
          sense: .maximize, objective: slopes, rowCount: rowCount,
          columnStarts: starts,
          rowIndices: rows, values: values, rowLower: lower, rowUpper: upper,
          columnLower: [Double](repeating: 0, count: slopes.count),
          columnUpper: lengths)
        let outcome = lp.solve(using: .primal)
        guard let solution = outcome.solution else {
          return Result(status: outcome.status)
        }
        columns = solution.columns
        duals = solution.rowDuals
      }
    } catch {
      throw .badData("the allocation program was rejected: \(error)")
    }
    var amounts = items.map(\.floor)
    var value = items.reduce(0.0) { $0 + ($1.indivisible ? 0 : $1.baseValue) }
    for column in columnItem.indices {
      amounts[Int(columnItem[column])] += weights[column] * columns[column]
      value += slopes[column] * columns[column]
    }
    let tolerance = 1e-9 * max(1, abs(total))
    let bindings: [Binding] = items.indices.map { i in
      amounts[i] <= items[i].floor + tolerance
        ? .floor : amounts[i] >= items[i].cap - tolerance ? .cap : .between
    }
    let coreDual = coreRow >= 0 ? (duals?[coreRow] ?? 0) : 0
    return Result(
      status: .optimal, amounts: amounts, value: value,
      shadowPrice: duals.map { $0[0] + (coreShare ?? 0) * coreDual },
      bindings: bindings,
      groupDuals: (0..<groups).map { duals?[1 + $0] ?? 0 },
      coreDual: coreDual,
      unallocated: total - amounts.reduce(0, +))
  }

  private func validate() throws(AllocationError) {
    guard total.isFinite, total >= 0 else {
      throw .badSettings("the total must be a number ≥ 0")
    }
    guard groupFloor.count == groupCap.count else {
      throw .badSettings("one floor and one cap per group")
    }
    for (i, item) in items.enumerated() {
      guard item.floor.isFinite, item.cap.isFinite, item.floor >= 0,
        item.floor <= item.cap
      else {
        throw .badData(
          "item \(i + 1): the floor must be ≥ 0 and at most the cap")
      }
      guard !item.indivisible || item.floor == 0 else {
        throw .badData(
          "item \(i + 1) is all or nothing, so its floor must be 0")
      }
      guard Int(item.group) < groupFloor.count else {
        throw .badData(
          "item \(i + 1) names group \(item.group), which has no bounds")
      }
      var length = 0.0
      var previous = Double.infinity
      for segment in item.segments {
        guard segment.length.isFinite, segment.length >= 0,
          segment.slope.isFinite
        else {
          throw .badData(
            "item \(i + 1) has a piece that is not a finite number")
        }
        guard segment.slope <= previous + 1e-12 * max(1, abs(previous)) else {
          throw .badData(
            "item \(i + 1): the value per unit of money rises from one piece to the next; "
              + "the value must be concave (diminishing returns)")
        }
        previous = segment.slope
        length += segment.length
      }
      guard abs(length - (item.cap - item.floor)) <= 1e-9 * max(1, item.cap)
      else {
        throw .badData("item \(i + 1): the pieces do not add up to cap − floor")
      }
    }
    if let share = coreShare, !(share.isFinite && share >= 0 && share <= 1) {
      throw .badSettings("the core share must be from 0 to 1")
    }
  }
}

/// Faults in an allocation problem, found before the solver runs.
public enum AllocationError: Error, Sendable, Equatable, CustomStringConvertible
{
  case badData(String)
  case badSettings(String)

  public var description: String {
    switch self {
    case .badData(let what): what
    case .badSettings(let what): what
    }
  }
}
