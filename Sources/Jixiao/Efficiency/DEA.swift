import JixiaoNumerics

/// Data envelopment analysis in envelopment form: one linear program per
/// unit (two with slacks), solved by CLP from the previous basis.
///
/// **Reference-set reduction.** A unit's score depends only on the
/// technology T, the set of points the units span; T is spanned by its
/// extreme efficient units alone. So: score a subsample among itself and
/// keep its efficient units as R; test every other unit against R, in
/// batches, and add to R each unit found outside T(R) (θ > 1, φ < 1, or
/// no feasible point); then every unit lies in T(R), hence T(R) = T(all),
/// and all units are scored against R, pruned to the units on its
/// frontier. The programs have |R| + 1 columns
/// instead of n + 1, and the scores equal those of the full programs
/// (a test compares both). Super-efficiency needs the units of R scored
/// against all others, so those few run as full programs.
///
/// **Threads.** Units are cut into chunks of a fixed size; each chunk
/// builds its own program and warm-starts unit after unit. The chunks, the
/// batches and the order R grows in do not depend on the thread count, so
/// neither do the results, λ included.
public struct DEA: Sendable {
  public var settings: DEASettings
  public var threads: Int

  /// Units a chunk solves with one program.
  static let chunkSize = 64
  /// Units per screening batch; R grows between batches.
  static let batchSize = 512
  /// Size of the first subsample.
  static let sampleSize = 256
  /// Both tests lean towards keeping a unit in R, which costs a column
  /// but never a wrong score. A unit stays in R when its score is within
  /// 1e-6 of 1: the solver's feasibility tolerance (1e-9 on data scaled
  /// near 1) moves a frontier unit's score by about 1e-9, and a test at
  /// that size dropped a needed unit (φ = 1 + 1.1e-9 under VRS output).
  static let keepTolerance = 1e-6
  /// A unit joins R as soon as it is outside T(R) by anything the solver
  /// can see; a unit on the boundary that joins is harmless.
  static let outsideTolerance = 1e-12

  public init(settings: DEASettings = DEASettings(), threads: Int = 1) {
    self.settings = settings
    self.threads = max(1, threads)
  }

  public func evaluate(_ data: DEAData) -> DEAResult {
    let n = data.unitCount
    let scales = Self.meanScales(data)
    let all = Array(0..<n)
    var reference = all
    var screened = 0
    if settings.referenceSetReduction && n > Self.sampleSize {
      (reference, screened) = reducedReference(data, scales: scales)
    }
    var result = DEAResult(data: data, settings: settings)
    result.referenceSet = reference
    result.unitsScreened = screened

    // Final pass: every unit against R.
    let outcomes = solveAll(
      data, points: all, reference: reference, scales: scales,
      excludeSelf: settings.superEfficiency && reference.count == n,
      slacks: settings.slacks)
    let excludes = settings.superEfficiency && reference.count == n
    for j in 0..<n {
      var outcome = outcomes[j]
      // Without leaving the unit out, its program always has a point (the
      // unit itself, or R, which spans its technology); "infeasible" there
      // is the solver failing on extreme data, not a fact.
      if outcome.status == .infeasible, !excludes {
        outcome.status = .numericalFailure
      }
      result.record(outcome, unit: j, reference: reference)
    }

    // Super-efficiency with a reduced R: the units of R against all others.
    if settings.superEfficiency && reference.count < n {
      let full = solveAll(
        data, points: reference, reference: all, scales: scales,
        excludeSelf: true, slacks: settings.slacks)
      for (k, unit) in reference.enumerated() {
        result.record(full[k], unit: unit, reference: all)
      }
    }
    return result
  }

  /// R as described above, and how many units were tested against it.
  func reducedReference(_ data: DEAData, scales: ([Double], [Double])) -> (
    [Int], Int
  ) {
    let n = data.unitCount
    let step = Double(n) / Double(Self.sampleSize)
    var inSample = [Bool](repeating: false, count: n)
    let sample = (0..<Self.sampleSize).map { Int(Double($0) * step) }
    for unit in sample { inSample[unit] = true }
    let sampleScores = solveAll(
      data, points: sample, reference: sample, scales: scales,
      excludeSelf: false, slacks: false)
    var reference = zip(sample, sampleScores).compactMap { unit, outcome in
      onFrontier(outcome) ? unit : nil
    }
    var member = [Bool](repeating: false, count: n)
    for unit in reference { member[unit] = true }
    let others = (0..<n).filter { !member[$0] }
    var start = 0
    while start < others.count {
      let batch = Array(
        others[start..<min(start + Self.batchSize, others.count)])
      let outcomes = solveAll(
        data, points: batch, reference: reference, scales: scales,
        excludeSelf: false, slacks: false)
      var grew = false
      for (unit, outcome) in zip(batch, outcomes) where outside(outcome) {
        reference.append(unit)
        grew = true
      }
      if grew { reference.sort() }
      start += Self.batchSize
    }
    // Units added on the way may have fallen inside the frontier the later
    // ones drew; T(R) is spanned by its frontier units alone, so only they
    // need columns in the final programs.
    let scores = solveAll(
      data, points: reference, reference: reference, scales: scales,
      excludeSelf: false, slacks: false)
    let frontier = zip(reference, scores).compactMap { unit, outcome in
      onFrontier(outcome) ? unit : nil
    }
    return (frontier, others.count)
  }

  /// Whether a unit scored against a set it belongs to stays in R: all
  /// but those clearly inside. A unit without a score stays too: one that
  /// produces nothing has an unbounded output program, yet under VRS its
  /// small inputs may be what spans the technology's corner.
  private func onFrontier(_ outcome: EnvelopmentProgram.Outcome) -> Bool {
    guard outcome.status == .optimal else { return true }
    switch settings.orientation {
    case .input: return outcome.score >= 1 - Self.keepTolerance
    case .output: return outcome.score <= 1 + Self.keepTolerance
    }
  }

  /// True when the point is not in the technology of the reference set.
  /// An unbounded output program (all outputs 0) is inside any technology;
  /// a numerical failure is treated as outside, which only enlarges R.
  private func outside(_ outcome: EnvelopmentProgram.Outcome) -> Bool {
    switch outcome.status {
    case .optimal:
      switch settings.orientation {
      case .input: return outcome.score > 1 + Self.outsideTolerance
      case .output: return outcome.score < 1 - Self.outsideTolerance
      }
    case .unbounded: return false
    case .infeasible, .stopped, .numericalFailure: return true
    }
  }

  /// Solves each point of `points` (units of `data`) against `reference`,
  /// in fixed chunks over the threads.
  func solveAll(
    _ data: DEAData, points: [Int], reference: [Int],
    scales: ([Double], [Double]), excludeSelf: Bool, slacks: Bool
  ) -> [EnvelopmentProgram.Outcome] {
    let chunks = (points.count + Self.chunkSize - 1) / Self.chunkSize
    let results = ResultSlots<EnvelopmentProgram.Outcome>(count: points.count)
    var position = [Int](repeating: -1, count: data.unitCount)
    if excludeSelf {
      for (k, unit) in reference.enumerated() { position[unit] = k }
    }
    let positions = position
    let settings = self.settings
    parallelFor(chunks, threads: threads) { chunk in
      let program = EnvelopmentProgram(
        data: data, reference: reference, settings: settings,
        inputScale: scales.0, outputScale: scales.1)
      let m = data.inputCount
      let s = data.outputCount
      let lo = chunk * Self.chunkSize
      for p in lo..<min(lo + Self.chunkSize, points.count) {
        let unit = points[p]
        let own = positions[unit]
        let outcome = program.solve(
          x: data.inputs[unit * m..<(unit + 1) * m],
          y: data.outputs[unit * s..<(unit + 1) * s],
          exclude: excludeSelf && own >= 0 ? own : nil, slacks: slacks)
        results[p] = outcome
      }
    }
    return (0..<points.count).map {
      results[$0] ?? EnvelopmentProgram.Outcome(status: .numericalFailure)
    }
  }

  /// 1 / mean of each input and output over the units (1 for a variable
  /// that is 0 everywhere).
  static func meanScales(_ data: DEAData) -> ([Double], [Double]) {
    let n = Double(data.unitCount)
    var inputs = [Double](repeating: 0, count: data.inputCount)
    var outputs = [Double](repeating: 0, count: data.outputCount)
    for j in 0..<data.unitCount {
      for i in inputs.indices { inputs[i] += data.input(i, of: j) }
      for r in outputs.indices { outputs[r] += data.output(r, of: j) }
    }
    return (
      inputs.map { $0 > 0 ? n / $0 : 1 }, outputs.map { $0 > 0 ? n / $0 : 1 }
    )
  }
}
