import CClp

/// What the solver concluded about a linear program.
///
/// Only `.optimal` comes with numbers: an `LPResult` of any other status
/// has no solution, so no value of an unsolved problem can be read by
/// mistake.
public enum LPStatus: String, Sendable, Equatable, CaseIterable {
  case optimal
  /// No point satisfies the constraints.
  case infeasible
  /// The objective improves without limit (CLP: dual infeasible).
  case unbounded
  /// The iteration or time limit stopped the solver first.
  case stopped = "iteration limit"
  /// The solver gave up on numerical grounds, or its answer breaks the
  /// constraints of the unscaled problem by more than the tolerance.
  case numericalFailure = "numerical failure"
}

/// An optimal point of a linear program, in the problem's own units (the
/// wrapper's column scaling undone).
public struct LPSolution: Sendable, Equatable {
  /// cᵀx.
  public var objective: Double
  /// x, one per column.
  public var columns: [Double]
  /// A x, one per row.
  public var rowActivities: [Double]
  /// The dual value of each row: the change of the objective per unit
  /// increase of the row's active bound.
  public var rowDuals: [Double]
  /// c − Aᵀy, one per column.
  public var reducedCosts: [Double]
}

/// The outcome of one solve.
public struct LPResult: Sendable, Equatable {
  public var status: LPStatus
  /// Present exactly when `status == .optimal`.
  public var solution: LPSolution?
  /// Simplex iterations this solve took (0 when warm-started at the optimum).
  public var iterations: Int
}

/// The basis of a solved program (one status per column, then one per
/// row), to start a later solve from.
public struct LPBasis: Sendable, Equatable {
  var status: [UInt8]
}

/// Faults in the data of a linear program, found before the solver runs.
public enum LPError: Error, Equatable, CustomStringConvertible {
  case shape(String)
  case nonFinite(String)
  case badBounds(String)

  public var description: String {
    switch self {
    case .shape(let what): "linear program: \(what)"
    case .nonFinite(let what): "linear program: \(what) is not a finite number"
    case .badBounds(let what): "linear program: \(what)"
    }
  }
}

/// A linear program  min (or max) cᵀx  subject to  rₗ ≤ A x ≤ rᵤ,
/// xₗ ≤ x ≤ xᵤ, solved by COIN-OR CLP's simplex method.
///
/// The program is built once; objective, bounds and coefficients can then
/// be changed and the program solved again from the previous basis (CLP
/// keeps it between solves), which is how DEA solves one program a unit.
///
/// Columns are scaled by powers of two inside the wrapper, so entries of
/// very different magnitudes (万元 next to head counts, 1e6 next to 1e-3)
/// reach the solver near 1, and no rounding is added by the scaling
/// itself: column j is multiplied by sⱼ = 2^−round(log₂ √(maxᵢ|aᵢⱼ| ·
/// minᵢ|aᵢⱼ|)) (binary exponents averaged), x′ⱼ = xⱼ / sⱼ. CLP's own
/// scaling is off (see `init`). Infinite bounds are written `±.infinity`.
///
/// A program owns a CLP model and is not `Sendable`: parallel work builds
/// one program a thread.
public final class LinearProgram {
  public enum Sense: Sendable { case minimize, maximize }
  public enum Algorithm: Sendable {
    /// Dual simplex: the right choice after bounds or right-hand sides
    /// change, since the old basis stays dual feasible.
    case dual
    /// Primal simplex: the right choice after objective changes.
    case primal
  }

  public let rowCount: Int
  public let columnCount: Int
  /// sⱼ of the column scaling (1 when scaling is off).
  public let columnScales: [Double]
  /// Relative tolerance for checking the unscaled answer against its
  /// bounds: a column may miss its bound by tolerance · (1 + |bound|), a
  /// row by tolerance · (1 + |bound| + Σⱼ |aᵢⱼ xⱼ|), the size of the terms
  /// it adds up.
  public var feasibilityTolerance = 1e-6

  private let model: UnsafeMutableRawPointer
  /// The power of two the objective is multiplied by inside CLP.
  private var objectiveScale = 1.0
  private var rowLower: [Double]
  private var rowUpper: [Double]
  private var columnLower: [Double]
  private var columnUpper: [Double]
  private var objective: [Double]
  /// The unscaled matrix in column-major sparse form, for checking answers.
  private var starts: [Int32]
  private var indices: [Int32]
  private var values: [Double]

  /// Builds the program from a dense column-major constraint matrix
  /// (`constraints.rows` rows, one column per variable). Zero entries are
  /// stored too, so any coefficient can be changed later without changing
  /// the structure.
  public convenience init(
    sense: Sense = .minimize,
    objective: [Double],
    constraints: Matrix,
    rowLower: [Double], rowUpper: [Double],
    columnLower: [Double]? = nil, columnUpper: [Double]? = nil,
    scaleColumns: Bool = true
  ) throws(LPError) {
    let m = constraints.rows
    let n = constraints.columns
    guard m <= Int(Int32.max), n <= Int(Int32.max), m * n <= Int(Int32.max)
    else { throw .shape("\(m) × \(n) is too large for CLP's 32-bit indices") }
    var starts = [Int32](repeating: 0, count: n + 1)
    for j in 0...n { starts[j] = Int32(j * m) }
    var indices = [Int32](repeating: 0, count: m * n)
    for j in 0..<n { for i in 0..<m { indices[i + j * m] = Int32(i) } }
    try self.init(
      sense: sense, objective: objective, rowCount: m,
      columnStarts: starts, rowIndices: indices, values: constraints.storage,
      rowLower: rowLower, rowUpper: rowUpper,
      columnLower: columnLower ?? [Double](repeating: 0, count: n),
      columnUpper: columnUpper ?? [Double](repeating: .infinity, count: n),
      scaleColumns: scaleColumns)
  }

  /// Builds the program from a column-major sparse matrix: the entries of
  /// column j are `values[columnStarts[j] ..< columnStarts[j + 1]]` in rows
  /// `rowIndices[…]`.
  public init(
    sense: Sense = .minimize,
    objective: [Double],
    rowCount: Int,
    columnStarts: [Int32], rowIndices: [Int32], values: [Double],
    rowLower: [Double], rowUpper: [Double],
    columnLower: [Double], columnUpper: [Double],
    scaleColumns: Bool = true
  ) throws(LPError) {
    let n = objective.count
    guard columnStarts.count == n + 1, columnStarts.first == 0,
      let nonzeros = columnStarts.last, Int(nonzeros) == values.count,
      rowIndices.count == values.count
    else { throw .shape("column starts do not match the entries") }
    guard zip(columnStarts, columnStarts.dropFirst()).allSatisfy({ $0 <= $1 })
    else { throw .shape("column starts must not decrease") }
    guard rowIndices.allSatisfy({ $0 >= 0 && Int($0) < rowCount }) else {
      throw .shape("a row index is outside 0..<\(rowCount)")
    }
    guard rowLower.count == rowCount, rowUpper.count == rowCount else {
      throw .shape("row bounds need \(rowCount) values each")
    }
    guard columnLower.count == n, columnUpper.count == n else {
      throw .shape("column bounds need \(n) values each")
    }
    if let j = objective.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite("objective coefficient \(j)")
    }
    if let k = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite("matrix entry \(k)")
    }
    try Self.checkBounds(rowLower, rowUpper, what: "row")
    try Self.checkBounds(columnLower, columnUpper, what: "column")

    self.rowCount = rowCount
    self.columnCount = n
    self.rowLower = rowLower
    self.rowUpper = rowUpper
    self.columnLower = columnLower
    self.columnUpper = columnUpper
    self.objective = objective
    self.starts = columnStarts
    self.indices = rowIndices
    self.values = values

    var scales = [Double](repeating: 1, count: n)
    if scaleColumns {
      for j in 0..<n {
        var largest = 0.0
        var smallest = Double.infinity
        for k in Int(columnStarts[j])..<Int(columnStarts[j + 1]) {
          let a = abs(values[k])
          if a > 0 {
            largest = max(largest, a)
            smallest = min(smallest, a)
          }
        }
        if largest > 0 {
          let exponent = (Int(largest.exponent) + Int(smallest.exponent)) / 2
          scales[j] = Double(sign: .plus, exponent: -exponent, significand: 1)
        }
      }
    }
    self.columnScales = scales

    guard let model = Clp_newModel() else {
      fatalError("CLP could not allocate a model")
    }
    self.model = model
    Clp_setLogLevel(model, 0)
    // CLP's own scaling off: on entries spread over many orders of
    // magnitude it reached answers that were optimal on its scaled copy but
    // broke the program's rows (secondary status 2), which the check below
    // then had to reject. The wrapper's column scaling, and the row scaling
    // callers apply (DEA divides each row by its mean or by the unit's own
    // value), keep the program well scaled without it.
    Clp_scaling(model, 0)
    var scaled = values
    for j in 0..<n {
      for k in Int(columnStarts[j])..<Int(columnStarts[j + 1]) {
        scaled[k] *= scales[j]
      }
    }
    let c = [Double](repeating: 0, count: n)
    let lower = (0..<n).map { Self.clp(columnLower[$0] / scales[$0]) }
    let upper = (0..<n).map { Self.clp(columnUpper[$0] / scales[$0]) }
    Clp_loadProblem(
      model, Int32(n), Int32(rowCount), columnStarts, rowIndices, scaled,
      lower, upper, c, rowLower.map(Self.clp), rowUpper.map(Self.clp))
    Clp_setOptimizationDirection(model, sense == .minimize ? 1 : -1)
    pushObjective()
  }

  deinit { Clp_deleteModel(model) }

  /// Hands CLP the objective, column-scaled and divided by a power of two
  /// near its largest entry: the optimum does not move, and CLP never
  /// meets the huge coefficients its own scaling would then blow past its
  /// 1e25 limit (an abort inside CLP, not an error). Duals and reduced
  /// costs are scaled back on the way out.
  private func pushObjective() {
    var largest = 0.0
    for j in 0..<columnCount {
      largest = max(largest, abs(objective[j] * columnScales[j]))
    }
    objectiveScale =
      largest > 0
      ? Double(sign: .plus, exponent: -Int(largest.exponent), significand: 1)
      : 1
    Clp_chgObjCoefficients(
      model,
      (0..<columnCount).map {
        objective[$0] * columnScales[$0] * objectiveScale
      })
  }

  // MARK: Changes

  /// Sets objective coefficient cⱼ.
  public func setObjective(_ j: Int, _ value: Double) throws(LPError) {
    guard value.isFinite else { throw .nonFinite("objective coefficient \(j)") }
    objective[j] = value
    // Through CLP's change function, never its array: a write into the
    // array would leave CLP's cached scaled copy stale.
    pushObjective()
  }

  /// Replaces the whole objective.
  public func setObjective(_ c: [Double]) throws(LPError) {
    guard c.count == columnCount else {
      throw .shape("the objective needs \(columnCount) values")
    }
    if let j = c.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite("objective coefficient \(j)")
    }
    objective = c
    pushObjective()
  }

  /// Sets the bounds of row i.
  public func setRowBounds(_ i: Int, lower: Double, upper: Double)
    throws(LPError)
  {
    try Self.checkBounds([lower], [upper], what: "row", first: i)
    rowLower[i] = lower
    rowUpper[i] = upper
    Clp_rowLower(model)[i] = Self.clp(lower)
    Clp_rowUpper(model)[i] = Self.clp(upper)
    Clp_chgRowLower(model, Clp_rowLower(model))
    Clp_chgRowUpper(model, Clp_rowUpper(model))
  }

  /// Replaces the bounds of every row at once.
  public func setRowBounds(lower: [Double], upper: [Double]) throws(LPError) {
    guard lower.count == rowCount, upper.count == rowCount else {
      throw .shape("row bounds need \(rowCount) values each")
    }
    try Self.checkBounds(lower, upper, what: "row")
    rowLower = lower
    rowUpper = upper
    Clp_chgRowLower(model, lower.map(Self.clp))
    Clp_chgRowUpper(model, upper.map(Self.clp))
  }

  /// Sets the bounds of column j.
  public func setColumnBounds(_ j: Int, lower: Double, upper: Double)
    throws(LPError)
  {
    try Self.checkBounds([lower], [upper], what: "column", first: j)
    columnLower[j] = lower
    columnUpper[j] = upper
    // CLP's change functions copy a whole array; handing them CLP's own
    // arrays with one entry changed keeps that copy the only work.
    Clp_columnLower(model)[j] = Self.clp(lower / columnScales[j])
    Clp_columnUpper(model)[j] = Self.clp(upper / columnScales[j])
    Clp_chgColumnLower(model, Clp_columnLower(model))
    Clp_chgColumnUpper(model, Clp_columnUpper(model))
  }

  /// Sets aᵢⱼ. The entry must be part of the structure given at build time
  /// (every entry is, for a program built from a dense matrix).
  public func setCoefficient(row i: Int, column j: Int, _ value: Double)
    throws(LPError)
  {
    guard value.isFinite else { throw .nonFinite("entry (\(i), \(j))") }
    let range = Int(starts[j])..<Int(starts[j + 1])
    guard let k = range.first(where: { Int(indices[$0]) == i }) else {
      throw .shape("entry (\(i), \(j)) is not part of the structure")
    }
    values[k] = value
    Clp_modifyCoefficient(
      model, Int32(i), Int32(j), value * columnScales[j], true)
  }

  /// CLP's primal and dual feasibility tolerances (1e-7 by default), on
  /// the scaled program.
  public var solverTolerance: Double {
    get { Clp_primalTolerance(model) }
    set {
      Clp_setPrimalTolerance(model, newValue)
      Clp_setDualTolerance(model, newValue)
    }
  }

  // MARK: Basis

  /// The current basis, to restore later with `setBasis`.
  public var basis: LPBasis {
    let count = rowCount + columnCount
    guard Clp_statusExists(model) != 0, let pointer = Clp_statusArray(model)
    else { return LPBasis(status: []) }
    return LPBasis(
      status: Array(UnsafeBufferPointer(start: pointer, count: count)))
  }

  /// Starts the next solve from `basis` (one taken from a program of the
  /// same shape). An empty basis means a cold start.
  public func setBasis(_ basis: LPBasis) {
    guard basis.status.count == rowCount + columnCount else { return }
    Clp_copyinStatus(model, basis.status)
  }

  // MARK: Solving

  /// Solves from the current basis (a cold start the first time).
  public func solve(using algorithm: Algorithm = .dual) -> LPResult {
    switch algorithm {
    case .dual: _ = Clp_dual(model, 0)
    case .primal: _ = Clp_primal(model, 0)
    }
    let iterations = Int(Clp_numberIterations(model))
    let status: LPStatus
    switch Clp_status(model) {
    case 0: status = .optimal
    case 1: status = .infeasible
    case 2: status = .unbounded
    case 3: status = .stopped
    default: status = .numericalFailure
    }
    guard status == .optimal else {
      return LPResult(status: status, solution: nil, iterations: iterations)
    }
    guard let solution = readSolution() else {
      return LPResult(
        status: .numericalFailure, solution: nil, iterations: iterations)
    }
    return LPResult(
      status: .optimal, solution: solution, iterations: iterations)
  }

  /// Reads the answer, undoes the column scaling and checks it against the
  /// unscaled bounds; nil if it breaks them or is not finite.
  private func readSolution() -> LPSolution? {
    let n = columnCount
    let m = rowCount
    guard let xs = Clp_getColSolution(model), let ys = Clp_getRowPrice(model),
      let ds = Clp_getReducedCost(model)
    else { return nil }
    let tolerance = feasibilityTolerance
    var x = [Double](repeating: 0, count: n)
    var reduced = [Double](repeating: 0, count: n)
    for j in 0..<n {
      // Clamped to the bounds: a λ of −1e-9 is the solver's tolerance on
      // its own scaling (on top of ours), not a negative weight; the rows
      // are then checked with the clamped values. Only a gross miss, in
      // x′ = x / sⱼ where the solver works, is a failure.
      let s = columnScales[j]
      guard xs[j].isFinite,
        xs[j] >= columnLower[j] / s - 1e-3 * (1 + abs(columnLower[j] / s)),
        xs[j] <= columnUpper[j] / s + 1e-3 * (1 + abs(columnUpper[j] / s))
      else { return nil }
      x[j] = min(max(xs[j] * s, columnLower[j]), columnUpper[j])
      reduced[j] = ds[j] / s / objectiveScale
    }
    let duals = UnsafeBufferPointer(start: ys, count: m).map {
      $0 / objectiveScale
    }
    var activity = [Double](repeating: 0, count: m)
    // Σⱼ |aᵢⱼ xⱼ|: the size of the terms a row's activity sums, which
    // rounding and the solver's tolerance act on.
    var size = [Double](repeating: 0, count: m)
    var value = 0.0
    for j in 0..<n {
      value += objective[j] * x[j]
      for k in Int(starts[j])..<Int(starts[j + 1]) {
        let term = values[k] * x[j]
        activity[Int(indices[k])] += term
        size[Int(indices[k])] += abs(term)
      }
    }
    guard value.isFinite, duals.allSatisfy(\.isFinite),
      reduced.allSatisfy(\.isFinite)
    else { return nil }
    for i in 0..<m {
      let slack = tolerance * size[i]
      guard
        activity[i] >= rowLower[i] - slack - tolerance * (1 + abs(rowLower[i])),
        activity[i] <= rowUpper[i] + slack + tolerance * (1 + abs(rowUpper[i]))
      else { return nil }
    }
    return LPSolution(
      objective: value, columns: x, rowActivities: activity, rowDuals: duals,
      reducedCosts: reduced)
  }

  // MARK: Helpers

  /// CLP's infinity is COIN_DBL_MAX.
  private static func clp(_ bound: Double) -> Double {
    bound == .infinity
      ? .greatestFiniteMagnitude
      : bound == -.infinity ? -.greatestFiniteMagnitude : bound
  }

  private static func checkBounds(
    _ lower: [Double], _ upper: [Double], what: String, first: Int = 0
  ) throws(LPError) {
    for k in lower.indices {
      let index = first + k
      let (lo, hi) = (lower[k], upper[k])
      guard !lo.isNaN, !hi.isNaN, lo != .infinity, hi != -.infinity else {
        throw .nonFinite("a bound of \(what) \(index)")
      }
      guard lo <= hi else {
        throw .badBounds(
          "\(what) \(index) has lower bound \(lo) above upper \(hi)")
      }
    }
  }
}
