import JixiaoNumerics

/// The Malmquist productivity index between consecutive periods (Färe,
/// Grosskopf, Norris & Zhang 1994), from input-oriented Farrell scores
/// θ_a(b): period b's point of a unit against period a's technology.
///
///     M  = √( θ_t(t+1) / θ_t(t) · θ_{t+1}(t+1) / θ_{t+1}(t) )
///     EC = θ_{t+1}(t+1) / θ_t(t)                    (efficiency change)
///     TC = √( θ_t(t+1) / θ_{t+1}(t+1) · θ_t(t) / θ_{t+1}(t) )
///                                                   (technical change)
///
/// so M = EC · TC. **Convention: M > 1 means productivity grew** (the same
/// unit needs less input for its output than before); texts that write the
/// index with Shephard distances the other way up get the reciprocal. θ = 1/D with D the
/// Shephard input distance. Constant returns are the default, as in Färe et
/// al.; under variable returns cross-period programs can be infeasible,
/// which is reported as a status.
public struct Malmquist: Sendable {
  public var returns: DEASettings.Returns
  public var threads: Int

  public init(returns: DEASettings.Returns = .constant, threads: Int = 1) {
    self.returns = returns
    self.threads = max(1, threads)
  }

  /// One unit from period t to t + 1.
  public struct Change: Sendable, Equatable {
    /// θ_t(t), θ_t(t+1), θ_{t+1}(t), θ_{t+1}(t+1).
    public var own: Double
    public var nextAgainstThis: Double
    public var thisAgainstNext: Double
    public var nextOwn: Double
    public var index: Double
    public var efficiencyChange: Double
    public var technicalChange: Double
  }

  public struct Step: Sendable {
    /// Index of the first period of the pair.
    public var period: Int
    /// The worst status of a unit's four programs (optimal when all are).
    public var status: [LPStatus]
    public var changes: [Change?]
    /// θ_t(t), θ_t(t+1), θ_{t+1}(t), θ_{t+1}(t+1) per unit, each nil where
    /// its program was not solved: the solved ones are shown even when the
    /// index cannot be formed.
    public var scores: [[Double?]] = []
  }

  /// `periods` are the same units, in the same order, period after period.
  public func evaluate(_ periods: [DEAData]) throws(EfficiencyError) -> [Step] {
    guard periods.count >= 2 else {
      throw .badSettings("the Malmquist index needs at least two periods")
    }
    let first = periods[0]
    for (t, data) in periods.enumerated().dropFirst() {
      guard data.unitNames == first.unitNames else {
        throw .badData(
          "period \(t + 1) does not list the same units in the same order")
      }
      guard data.inputNames == first.inputNames,
        data.outputNames == first.outputNames
      else {
        throw .badData(
          "period \(t + 1) does not have the same inputs and outputs")
      }
    }
    let settings = DEASettings(
      returns: returns, orientation: .input, slacks: false)
    let dea = DEA(settings: settings, threads: threads)
    let own = periods.map { dea.evaluate($0) }
    var steps: [Step] = []
    for t in 0..<(periods.count - 1) {
      let forward = cross(periods[t + 1], against: periods[t], own[t], settings)
      let backward = cross(
        periods[t], against: periods[t + 1], own[t + 1], settings)
      var step = Step(period: t, status: [], changes: [])
      for j in 0..<first.unitCount {
        let statuses = [
          own[t].status[j], forward[j].status, backward[j].status,
          own[t + 1].status[j],
        ]
        step.scores.append([
          own[t].unit(j)?.score,
          forward[j].status == .optimal ? forward[j].score : nil,
          backward[j].status == .optimal ? backward[j].score : nil,
          own[t + 1].unit(j)?.score,
        ])
        guard statuses.allSatisfy({ $0 == .optimal }),
          let a = own[t].unit(j)?.score, let d = own[t + 1].unit(j)?.score,
          a > 0, d > 0, forward[j].score > 0, backward[j].score > 0
        else {
          // All four solved but a score is 0 (a unit producing nothing):
          // the index is undefined, which is no solver status.
          step.status.append(statuses.first { $0 != .optimal } ?? .optimal)
          step.changes.append(nil)
          continue
        }
        let b = forward[j].score
        let c = backward[j].score
        let index = (b / a * (d / c)).squareRoot()
        let ec = d / a
        step.status.append(.optimal)
        step.changes.append(
          Change(
            own: a, nextAgainstThis: b, thisAgainstNext: c, nextOwn: d,
            index: index, efficiencyChange: ec,
            technicalChange: (b / d * (a / c)).squareRoot()))
      }
      steps.append(step)
    }
    return steps
  }

  /// Every unit's point of `points` against the technology of `reference`
  /// (spanned by that period's reference set).
  private func cross(
    _ points: DEAData, against reference: DEAData, _ result: DEAResult,
    _ settings: DEASettings
  ) -> [EnvelopmentProgram.Outcome] {
    let n = points.unitCount
    let m = points.inputCount
    let s = points.outputCount
    let scales = DEA.meanScales(reference)
    let chunks = (n + DEA.chunkSize - 1) / DEA.chunkSize
    let slots = ResultSlots<EnvelopmentProgram.Outcome>(count: n)
    let set = result.referenceSet
    parallelFor(chunks, threads: threads) { chunk in
      let program = EnvelopmentProgram(
        data: reference, reference: set, settings: settings,
        inputScale: scales.0, outputScale: scales.1)
      let lo = chunk * DEA.chunkSize
      for j in lo..<min(lo + DEA.chunkSize, n) {
        slots[j] = program.solve(
          x: points.inputs[j * m..<(j + 1) * m],
          y: points.outputs[j * s..<(j + 1) * s], slacks: false)
      }
    }
    return (0..<n).map {
      slots[$0] ?? EnvelopmentProgram.Outcome(status: .numericalFailure)
    }
  }
}
