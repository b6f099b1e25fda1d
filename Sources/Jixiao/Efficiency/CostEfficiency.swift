import JixiaoNumerics

/// Cost efficiency (Färe, Grosskopf & Lovell 1985): the least cost at which
/// the technology produces a unit's outputs, over what the unit spends.
///
///     min Σᵢ wᵢ₀ x̃ᵢ  s.t.  Σₖ λₖ xᵢₖ − x̃ᵢ ≤ 0,  Σₖ λₖ yᵣₖ ≥ yᵣ₀,
///                          the convexity row of the returns setting,
///                          λ ≥ 0, x̃ ≥ 0
///
/// CE = w₀·x̃* / w₀·x₀ ≤ 1, and allocative efficiency AE = CE / θ, with θ
/// the input-oriented technical score under the same returns to scale,
/// so CE = θ · AE.
public struct CostEfficiency: Sendable {
  public var returns: DEASettings.Returns
  public var threads: Int

  public init(returns: DEASettings.Returns = .constant, threads: Int = 1) {
    self.returns = returns
    self.threads = max(1, threads)
  }

  /// One unit's answer; nil where a program was not solved.
  public struct Unit: Sendable, Equatable {
    public var cost: Double
    public var minimumCost: Double
    /// x̃*: the cost-minimising inputs.
    public var inputs: [Double]
    public var costEfficiency: Double
    public var technical: Double
    /// CE / θ; nil when θ = 0 (a unit that produces nothing).
    public var allocative: Double?
  }

  public struct Result: Sendable {
    public var status: [LPStatus]
    public var units: [Unit?]
  }

  /// `prices` holds m prices per unit, unit by unit (the layout of
  /// `data.inputs`); every price finite and ≥ 0, and each unit's cost > 0.
  public func evaluate(_ data: DEAData, prices: [Double])
    throws(EfficiencyError)
    -> Result
  {
    let m = data.inputCount
    let n = data.unitCount
    guard prices.count == n * m else {
      throw .badData("cost efficiency needs \(m) prices for each of \(n) units")
    }
    for j in 0..<n {
      var cost = 0.0
      for i in 0..<m {
        let w = prices[j * m + i]
        guard w.isFinite, w >= 0 else {
          throw .badData(
            "the price of \(data.inputNames[i]) for unit \(data.unitNames[j]) must be a number ≥ 0"
          )
        }
        cost += w * data.input(i, of: j)
      }
      guard cost > 0 else {
        throw .badData(
          "unit \(data.unitNames[j]) has a cost of 0 at its prices")
      }
    }
    // Technical scores, and the reference set, which spans the technology.
    let dea = DEA(
      settings: DEASettings(
        returns: returns, orientation: .input, slacks: false),
      threads: threads)
    let technical = dea.evaluate(data)
    let reference = technical.referenceSet
    let scales = DEA.meanScales(data)
    let chunks = (n + DEA.chunkSize - 1) / DEA.chunkSize
    let slots = ResultSlots<(LPStatus, Unit?)>(count: n)
    let returns = self.returns
    parallelFor(chunks, threads: threads) { chunk in
      let program = CostProgram(
        data: data, reference: reference, returns: returns, scales: scales)
      let lo = chunk * DEA.chunkSize
      for j in lo..<min(lo + DEA.chunkSize, n) {
        let w = Array(prices[j * m..<(j + 1) * m])
        let (status, minimum, inputs) = program.solve(unit: j, prices: w)
        guard status == .optimal, let theta = technical.unit(j)?.score else {
          slots[j] = (status == .optimal ? technical.status[j] : status, nil)
          continue
        }
        let cost = (0..<m).reduce(0.0) { $0 + w[$1] * data.input($1, of: j) }
        let ce = minimum / cost
        slots[j] = (
          .optimal,
          Unit(
            cost: cost, minimumCost: minimum, inputs: inputs,
            costEfficiency: ce, technical: theta,
            allocative: theta > 0 ? ce / theta : nil)
        )
      }
    }
    var result = Result(status: [], units: [])
    for j in 0..<n {
      let (status, unit) = slots[j] ?? (.numericalFailure, nil)
      result.status.append(status)
      result.units.append(unit)
    }
    return result
  }
}

/// The cost program of one reference set; columns x̃₁ … x̃ₘ, then λ.
final class CostProgram {
  private let data: DEAData
  private let reference: [Int]
  private let returns: DEASettings.Returns
  private let scales: ([Double], [Double])
  private let lp: LinearProgram

  init(
    data: DEAData, reference: [Int], returns: DEASettings.Returns,
    scales: ([Double], [Double])
  ) {
    self.data = data
    self.reference = reference
    self.returns = returns
    self.scales = scales
    let m = data.inputCount
    let s = data.outputCount
    let rows = m + s + 1
    var a = Matrix(rows: rows, columns: m + reference.count)
    for i in 0..<m { a[i, i] = -1 }
    EnvelopmentProgram.placeReference(
      data, reference, in: &a, from: m, inputScale: scales.0,
      outputScale: scales.1)
    var lower = [Double](repeating: 0, count: rows)
    var upper = [Double](repeating: .infinity, count: rows)
    for i in 0..<m { (lower[i], upper[i]) = (-.infinity, 0) }
    (lower[rows - 1], upper[rows - 1]) = returns.convexityBounds
    do {
      lp = try LinearProgram(
        objective: [Double](repeating: 0, count: m + reference.count),
        constraints: a, rowLower: lower, rowUpper: upper)
    } catch { fatalError("cost program rejected: \(error)") }
    lp.solverTolerance = 1e-9
  }

  /// Least cost of unit j's outputs at prices w (raw units), and x̃*.
  func solve(unit j: Int, prices w: [Double]) -> (LPStatus, Double, [Double]) {
    if let answer = solveHere(unit: j, prices: w).answer {
      return (.optimal, answer.cost, answer.inputs)
    }
    // As in EnvelopmentProgram: on rows scaled by the means a unit far from
    // the mean can meet the rows yet miss its own outputs; solve again on
    // rows scaled by the unit's own values, and trust only a checked answer.
    let m = data.inputCount
    let s = data.outputCount
    let own = CostProgram(
      data: data, reference: reference, returns: returns,
      scales: (
        EnvelopmentProgram.ownScales(
          data.inputs[j * m..<(j + 1) * m], else: scales.0),
        EnvelopmentProgram.ownScales(
          data.outputs[j * s..<(j + 1) * s], else: scales.1)
      ))
    let second = own.solveHere(unit: j, prices: w)
    guard let answer = second.answer else {
      return (
        second.status == .optimal ? .numericalFailure : second.status, 0, []
      )
    }
    return (.optimal, answer.cost, answer.inputs)
  }

  /// One solve on this program's scaling: the solver's status, and the
  /// answer when it is optimal and passes `checked`.
  private func solveHere(unit j: Int, prices w: [Double]) -> (
    status: LPStatus, answer: (cost: Double, inputs: [Double])?
  ) {
    let m = data.inputCount
    let s = data.outputCount
    // x̃′ = scale · x̃, so the price of x̃′ is w / scale; λ cost nothing.
    var objective = [Double](repeating: 0, count: m + reference.count)
    for i in 0..<m { objective[i] = w[i] / scales.0[i] }
    var lower = [Double](repeating: -.infinity, count: m + s + 1)
    var upper = [Double](repeating: 0, count: m + s + 1)
    for r in 0..<s {
      (lower[m + r], upper[m + r]) = (
        data.output(r, of: j) * scales.1[r], .infinity
      )
    }
    (lower[m + s], upper[m + s]) = returns.convexityBounds
    do {
      try lp.setObjective(objective)
      try lp.setRowBounds(lower: lower, upper: upper)
    } catch { fatalError("cost program rejected a change: \(error)") }
    let result = lp.solve(using: .dual)
    guard let solution = result.solution else { return (result.status, nil) }
    return (.optimal, checked(solution.columns, unit: j, prices: w))
  }

  /// x̃ and the cost from a solution, if Σλy meets unit j's outputs and Σλx
  /// stays within x̃ to 1e-7 of the values, and Σλ its returns row to 1e-6.
  private func checked(_ columns: [Double], unit j: Int, prices w: [Double])
    -> (
      cost: Double, inputs: [Double]
    )?
  {
    let m = data.inputCount
    let s = data.outputCount
    let inputs = (0..<m).map { columns[$0] / scales.0[$0] }
    var sum = 0.0
    var x = [Double](repeating: 0, count: m)
    var y = [Double](repeating: 0, count: s)
    for (k, unit) in reference.enumerated() {
      let lambda = columns[m + k]
      guard lambda != 0 else { continue }
      sum += lambda
      for i in 0..<m { x[i] += lambda * data.input(i, of: unit) }
      for r in 0..<s { y[r] += lambda * data.output(r, of: unit) }
    }
    for i in 0..<m where x[i] > inputs[i] * (1 + 1e-7) + 1e-12 / scales.0[i] {
      return nil
    }
    for r in 0..<s {
      let own = data.output(r, of: j)
      if y[r] < own * (1 - 1e-7) - 1e-12 / scales.1[r] { return nil }
    }
    guard returns.admits(sum, tolerance: 1e-6) else { return nil }
    return ((0..<m).reduce(0.0) { $0 + w[$1] * inputs[$1] }, inputs)
  }
}
