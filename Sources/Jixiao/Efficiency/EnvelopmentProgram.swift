import JixiaoNumerics

/// The DEA envelopment program of one reference set, solved for one point
/// after another from the previous basis.
///
/// Input orientation, for the point (x₀, y₀):
///
///     min θ  s.t.  Σₖ λₖ xᵢₖ − θ xᵢ₀ ≤ 0   (each input i)
///                  Σₖ λₖ yᵣₖ ≥ yᵣ₀         (each output r)
///                  Σₖ λₖ  = 1 (VRS), ≤ 1 (NIRS), ≥ 1 (NDRS), free (CRS)
///                  λ ≥ 0, θ ≥ 0
///
/// Output orientation: max φ s.t. Σ λₖ xᵢₖ ≤ xᵢ₀, Σ λₖ yᵣₖ − φ yᵣ₀ ≥ 0,
/// the same convexity row (Cooper, Seiford & Tone 2007, ch. 3–4).
///
/// Column 0 is θ (or φ), column k + 1 is λ of `reference[k]`. Per point
/// only the θ column and the right-hand sides change. Each input and output
/// is divided by its mean over the data before it reaches the solver: the
/// scores and λ are unchanged by such a row scaling, and the solver sees
/// numbers near 1 whatever the units (万元, head counts, ratings).
///
/// Phase 2 fixes the score and maximises Σ s⁻ + Σ s⁺ in the data's own
/// units. With the rows as inequalities the slacks are the rows' gaps, so
/// the objective is linear in λ alone: minimise Σₖ λₖ (Σᵢ xᵢₖ − Σᵣ yᵣₖ).
final class EnvelopmentProgram {
  let data: DEAData
  let reference: [Int]
  let settings: DEASettings
  let inputScale: [Double]
  let outputScale: [Double]
  /// The score program, and the phase-2 program with the slack objective:
  /// two programs, so each keeps a basis for its own objective and starts
  /// the next unit near its optimum.
  private let lp: LinearProgram
  private let slackLP: LinearProgram
  private var excludedInScore: Int?
  private var excludedInSlack: Int?

  var m: Int { data.inputCount }
  var s: Int { data.outputCount }

  /// What one point's programs gave.
  struct Outcome {
    var status: LPStatus
    /// θ or φ.
    var score: Double = 0
    /// λ per reference position (phase 2's when slacks are on).
    var lambdas: [Double] = []
    var iterations = 0
    /// Phase 2 was asked for and failed: the score and phase 1's λ stand,
    /// the slacks are unknown.
    var slacksMissing = false
  }

  init(
    data: DEAData, reference: [Int], settings: DEASettings,
    inputScale: [Double], outputScale: [Double]
  ) {
    self.data = data
    self.reference = reference
    self.settings = settings
    self.inputScale = inputScale
    self.outputScale = outputScale
    let m = data.inputCount
    let s = data.outputCount
    let rows = m + s + 1
    let k = reference.count
    var a = Matrix(rows: rows, columns: k + 1)
    Self.placeReference(
      data, reference, in: &a, from: 1, inputScale: inputScale,
      outputScale: outputScale)
    var lower = [Double](repeating: 0, count: rows)
    var upper = [Double](repeating: .infinity, count: rows)
    (lower[rows - 1], upper[rows - 1]) = settings.returns.convexityBounds
    for i in 0..<m { (lower[i], upper[i]) = (-.infinity, 0) }
    var objective = [Double](repeating: 0, count: k + 1)
    objective[0] = settings.orientation == .input ? 1 : -1
    var slack = [Double](repeating: 0, count: k + 1)
    for (position, unit) in reference.enumerated() {
      var c = 0.0
      for i in 0..<m { c += data.input(i, of: unit) }
      for r in 0..<s { c -= data.output(r, of: unit) }
      slack[position + 1] = c
    }
    do {
      // The data are checked finite and ≥ 0, and the bounds are built
      // above, so the program cannot be rejected; a throw here is a bug.
      self.lp = try LinearProgram(
        objective: objective, constraints: a, rowLower: lower,
        rowUpper: upper)
      self.slackLP = try LinearProgram(
        objective: slack, constraints: a, rowLower: lower, rowUpper: upper)
    } catch { fatalError("DEA program rejected: \(error)") }
    // Slacks are read off the rows' gaps, so the solver's tolerance is
    // the noise floor of every slack: 1e-9 instead of CLP's 1e-7.
    lp.solverTolerance = 1e-9
    slackLP.solverTolerance = 1e-9
  }

  /// Scores the point (x, y) (raw units) against the reference set, and
  /// with `slacks` runs phase 2. `exclude` is a reference position to leave
  /// out (super-efficiency).
  func solve(
    x: ArraySlice<Double>, y: ArraySlice<Double>, exclude: Int? = nil,
    slacks: Bool
  ) -> Outcome {
    let outcome = solveHere(x: x, y: y, exclude: exclude, slacks: slacks)
    if hasNoFiniteEfficiency(outcome) {
      return Outcome(status: .infeasible, iterations: outcome.iterations)
    }
    let firstHolds = outcome.status == .optimal && holds(outcome, x: x, y: y)
    if firstHolds, !outcome.slacksMissing { return outcome }
    // Either the answer meets the rows to the solver's tolerance on data
    // scaled by the means but not the unit's own constraints to 1e-7 of
    // its own values (a unit far smaller than the mean in some input or
    // output: 1e-2 beside 1e4), or the solver found no answer. Solve again
    // on rows scaled by the unit's own values, where the tolerance is
    // relative to them, and take that program's word.
    let own = EnvelopmentProgram(
      data: data, reference: reference, settings: settings,
      inputScale: Self.ownScales(x, else: inputScale),
      outputScale: Self.ownScales(y, else: outputScale))
    var second = own.solveHere(x: x, y: y, exclude: exclude, slacks: slacks)
    second.iterations += outcome.iterations
    if hasNoFiniteEfficiency(second) {
      return Outcome(status: .infeasible, iterations: second.iterations)
    }
    let secondHolds = second.status == .optimal && own.holds(second, x: x, y: y)
    if secondHolds, !second.slacksMissing || !firstHolds { return second }
    if firstHolds { return outcome }
    if second.status == .optimal {
      return Outcome(status: .numericalFailure, iterations: second.iterations)
    }
    return second
  }

  /// Output orientation with φ ≈ 0 (≤ 1e-9): nothing the reference units
  /// do fits within the point's inputs (super-efficiency of a unit that
  /// alone uses none of some input), so its efficiency 1/φ has no finite
  /// value: infeasible, as the input-oriented program says of the same unit.
  private func hasNoFiniteEfficiency(_ outcome: Outcome) -> Bool {
    settings.orientation == .output && outcome.status == .optimal
      && outcome.score <= 1e-9
  }

  /// Whether the score and λ meet the point's constraints in raw units:
  /// each to 1e-7 of the point's own value, plus 1e-12 of the variable's
  /// mean for values of 0.
  func holds(_ outcome: Outcome, x: ArraySlice<Double>, y: ArraySlice<Double>)
    -> Bool
  {
    let relative = 1e-7
    let input = settings.orientation == .input
    let score = outcome.score
    var sum = 0.0
    for i in 0..<m {
      var combined = 0.0
      for (k, unit) in reference.enumerated() where outcome.lambdas[k] != 0 {
        combined += outcome.lambdas[k] * data.input(i, of: unit)
      }
      let own = x[x.startIndex + i]
      let bound = input ? score * own : own
      if combined > bound + relative * bound + 1e-12 / inputScale[i] {
        return false
      }
    }
    for r in 0..<s {
      var combined = 0.0
      for (k, unit) in reference.enumerated() where outcome.lambdas[k] != 0 {
        combined += outcome.lambdas[k] * data.output(r, of: unit)
      }
      let own = y[y.startIndex + r]
      let bound = input ? own : score * own
      if combined < bound - relative * bound - 1e-12 / outputScale[r] {
        return false
      }
    }
    for lambda in outcome.lambdas { sum += lambda }
    // Σλ to 1e-6: the solver's tolerance acts on every λ, and λ clamped at
    // 0 from −1e-9 add up over hundreds of columns.
    return settings.returns.admits(sum, tolerance: 1e-6)
  }

  /// Phase 1 and, with `slacks`, phase 2 on this program's scaling.
  private func solveHere(
    x: ArraySlice<Double>, y: ArraySlice<Double>, exclude: Int?, slacks: Bool
  ) -> Outcome {
    self.exclude(exclude, in: lp, current: &excludedInScore)
    load(x: x, y: y, into: lp)
    let first = lp.solve(using: .dual)
    guard let phase1 = first.solution else {
      return Outcome(status: first.status, iterations: first.iterations)
    }
    let score = phase1.columns[0]
    var outcome = Outcome(
      status: .optimal, score: score,
      lambdas: Array(phase1.columns.dropFirst()),
      iterations: first.iterations)
    guard slacks else { return outcome }

    // Phase 2: the score held (to a relative 1e-9, so the solver's own
    // tolerance cannot make the fixed program infeasible), slacks maximised.
    self.exclude(exclude, in: slackLP, current: &excludedInSlack)
    load(x: x, y: y, into: slackLP)
    let give = 1e-9 * max(1, abs(score))
    do {
      switch settings.orientation {
      case .input:
        try slackLP.setColumnBounds(0, lower: score, upper: score + give)
      case .output:
        try slackLP.setColumnBounds(
          0, lower: max(0, score - give), upper: score)
      }
    } catch { fatalError("DEA program rejected a change: \(error)") }
    let second = slackLP.solve(using: .dual)
    outcome.iterations += second.iterations
    guard let phase2 = second.solution else {
      // The score stands; only the slacks are unknown.
      outcome.slacksMissing = true
      return outcome
    }
    outcome.lambdas = Array(phase2.columns.dropFirst())
    return outcome
  }

  /// Writes the point into the θ column and the right-hand sides.
  private func load(
    x: ArraySlice<Double>, y: ArraySlice<Double>, into lp: LinearProgram
  ) {
    var lower = [Double](repeating: 0, count: m + s + 1)
    var upper = [Double](repeating: .infinity, count: m + s + 1)
    let convexity = m + s
    (lower[convexity], upper[convexity]) = settings.returns.convexityBounds
    do {
      switch settings.orientation {
      case .input:
        for (i, v) in x.enumerated() {
          try lp.setCoefficient(row: i, column: 0, -v * inputScale[i])
          (lower[i], upper[i]) = (-.infinity, 0)
        }
        for (r, v) in y.enumerated() {
          lower[m + r] = v * outputScale[r]
        }
      case .output:
        for (i, v) in x.enumerated() {
          (lower[i], upper[i]) = (-.infinity, v * inputScale[i])
        }
        for (r, v) in y.enumerated() {
          try lp.setCoefficient(row: m + r, column: 0, -v * outputScale[r])
        }
      }
      try lp.setRowBounds(lower: lower, upper: upper)
    } catch { fatalError("DEA program rejected a change: \(error)") }
  }

  /// Leaves out reference position `position` (nil: none) in `lp`, whose
  /// currently left-out position is `current`.
  private func exclude(
    _ position: Int?, in lp: LinearProgram, current: inout Int?
  ) {
    guard position != current else { return }
    do {
      if let old = current {
        try lp.setColumnBounds(old + 1, lower: 0, upper: .infinity)
      }
      if let new = position {
        try lp.setColumnBounds(new + 1, lower: 0, upper: 0)
      }
    } catch { fatalError("DEA program rejected a change: \(error)") }
    current = position
  }

  /// Writes the reference units' scaled inputs and outputs, and the 1 of
  /// the Σλ row, into columns `first ..< first + reference.count` of the
  /// rows inputs, outputs, Σλ (the layout of both DEA programs).
  static func placeReference(
    _ data: DEAData, _ reference: [Int], in a: inout Matrix, from first: Int,
    inputScale: [Double], outputScale: [Double]
  ) {
    let m = data.inputCount
    let s = data.outputCount
    for (position, unit) in reference.enumerated() {
      let column = first + position
      for i in 0..<m { a[i, column] = data.input(i, of: unit) * inputScale[i] }
      for r in 0..<s {
        a[m + r, column] = data.output(r, of: unit) * outputScale[r]
      }
      a[m + s, column] = 1
    }
  }

  /// Row scales from a unit's own values, 1/v, where v > 0; `fallback`
  /// (the mean scale) where v = 0.
  static func ownScales(_ values: ArraySlice<Double>, else fallback: [Double])
    -> [Double]
  {
    values.indices.map { k in
      values[k] > 0 ? 1 / values[k] : fallback[k - values.startIndex]
    }
  }
}
