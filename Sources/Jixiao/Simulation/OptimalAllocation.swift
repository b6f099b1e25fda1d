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
    /// 万元 of total also raises the core minimum by the share).
    public var shadowPrice = 0.0
    public var bindings: [Binding] = []
    /// Per group: the dual of its row (0 when the row does not bind).
    public var groupDuals: [Double] = []
    /// The dual of the core-share row (0 when it does not bind).
    public var coreDual = 0.0
  }

  /// The amounts of each item at a tolerance of 1e-9 of the total.
  public func solve() throws(AllocationError) -> Result {
    try validate()
    let groups = groupFloor.count
    var columnItem: [Int32] = []
    var lengths: [Double] = []
    var slopes: [Double] = []
    for (i, item) in items.enumerated() {
      for segment in item.segments {
        columnItem.append(Int32(i))
        lengths.append(segment.length)
        slopes.append(segment.slope)
      }
    }
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
      while values.count < rows.count { values.append(1) }
      starts.append(Int32(rows.count))
    }
    var lower = [Double](repeating: -.infinity, count: rowCount)
    var upper = [Double](repeating: .infinity, count: rowCount)
    lower[0] = total - floors
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
    let lp: LinearProgram
    do {
      lp = try LinearProgram(
        sense: .maximize, objective: slopes, rowCount: rowCount,
        columnStarts: starts,
        rowIndices: rows, values: values, rowLower: lower, rowUpper: upper,
        columnLower: [Double](repeating: 0, count: slopes.count),
        columnUpper: lengths)
    } catch {
      throw .badData("the allocation program was rejected: \(error)")
    }
    let outcome = lp.solve(using: .primal)
    guard let solution = outcome.solution else {
      return Result(status: outcome.status)
    }
    var amounts = items.map(\.floor)
    var value = items.reduce(0.0) { $0 + $1.baseValue }
    for column in columnItem.indices {
      amounts[Int(columnItem[column])] += solution.columns[column]
      value += slopes[column] * solution.columns[column]
    }
    let tolerance = 1e-9 * max(1, abs(total))
    let bindings: [Binding] = items.indices.map { i in
      amounts[i] <= items[i].floor + tolerance
        ? .floor : amounts[i] >= items[i].cap - tolerance ? .cap : .between
    }
    let coreDual = coreRow >= 0 ? solution.rowDuals[coreRow] : 0
    return Result(
      status: .optimal, amounts: amounts, value: value,
      shadowPrice: solution.rowDuals[0] + (coreShare ?? 0) * coreDual,
      bindings: bindings,
      groupDuals: (0..<groups).map { solution.rowDuals[1 + $0] },
      coreDual: coreDual)
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
