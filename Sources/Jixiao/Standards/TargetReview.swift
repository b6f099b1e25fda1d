/// Target review (绩效目标审核, docs/domain.md §3 and §9): targets softer
/// than the group's standard value, its benchmark value or the project's
/// own history (历史标准), and actuals that overshoot their targets, so
/// that soft targets are found before budgets are approved.
///
/// "Softer" follows the measure's direction: a `≥` target below the
/// standard, a `≤` target above it. History is the project's actual for
/// the same measure in the latest earlier year among the data sets.
///
/// A quantity target (数量指标 in a countable unit) grows with the money
/// behind it, so comparing it with other projects' counts says nothing: a
/// small project's 200 trainees are not softer than a large one's 2,000.
/// Such a target is reviewed through the unit cost it plans, budget ÷
/// target, against the standard and benchmark of the unit cost (lower is
/// better): a project that plans 0.5 万元 a trainee where the standard is
/// 0.3 has set its target soft. Its overshoot and history are judged on
/// the count itself.
public struct TargetReview: Sendable {
  /// What makes a target look soft.
  public struct Flags: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let belowStandard = Flags(rawValue: 1)
    public static let belowBenchmark = Flags(rawValue: 2)
    public static let belowHistory = Flags(rawValue: 4)
    public static let overshoot = Flags(rawValue: 8)
  }

  public struct Finding: Sendable {
    /// Index into the measures' values: an indicator value, or for a
    /// quantity target a unit-cost value (the target is then budget ÷
    /// target quantity, the actual executed ÷ actual quantity).
    public var value: Int32
    public var target: Double
    public var actual: Double
    public var standard: Double?
    public var benchmark: Double?
    /// The project's actual of the latest earlier year, and that year.
    public var history: Double?
    public var historyYear: Int?
    public var flags: Flags
    /// How far the target falls short of the standard, as a share of the
    /// standard (positive: softer), when there is a standard.
    public var gap: Double?
  }

  public private(set) var findings: [Finding] = []

  public init(_ study: StandardsStudy, _ datasets: [Dataset]) {
    let measures = study.measures
    let finest = study.finest
    let ratio = study.settings.overshootRatio
    // (project id, measure) → (year, actual) of every value, for history.
    var past: [String: [(year: Int, actual: Double)]] = [:]
    if Set(measures.years).count > 1 {
      for v in 0..<measures.count {
        let owner = Int(measures.owner[v])
        let dataset = Int(measures.projects[owner].dataset)
        past[
          "\(measures.projectIDs[owner])\u{1F}\(measures.measure[v])",
          default: []
        ].append(
          (measures.years[dataset], measures.value[v]))
      }
    }
    var targets = [Double](repeating: 0, count: measures.count)
    // Only quantitative rows have targets (observations have none).
    var hasTarget = [Bool](repeating: false, count: measures.count)
    // Quantity rows (those that give a unit cost) are compared with other
    // projects through the unit cost, not the count.
    var comparedAsUnitCost = [Bool](repeating: false, count: measures.count)
    for (d, dataset) in datasets.enumerated() {
      let rows = dataset.indicators
      let budget = dataset.projects.budget
      let range = measures.valueStart[d]..<measures.valueStart[d + 1]
      for v in range {
        let r = Int(measures.row[v])
        hasTarget[v] = rows.kind[r] == .quantitative
        guard measures.measures[Int(measures.measure[v])].kind == .unitCost
        else {
          targets[v] = rows.target[r]
          continue
        }
        // The planned unit cost: the budget over the target quantity.
        let target = rows.target[r]
        let p = Int(measures.projects[Int(measures.owner[v])].project)
        hasTarget[v] = hasTarget[v] && target > 0 && budget[p] > 0
        targets[v] = hasTarget[v] ? budget[p] / target : 0
        // The count value of the same row comes just before.
        if v > range.lowerBound, measures.row[v - 1] == measures.row[v] {
          comparedAsUnitCost[v - 1] = true
        }
      }
    }
    for v in 0..<measures.count where hasTarget[v] {
      let m = Int(measures.measure[v])
      let kind = measures.measures[m].kind
      guard kind == .indicator || kind == .unitCost else { continue }
      let direction = measures.measures[m].direction
      guard direction != .exact else { continue }
      let ownerIndex = Int(measures.owner[v])
      let owner = measures.projects[ownerIndex]
      let target = targets[v]
      let actual = measures.value[v]
      let sign = direction == .higher ? 1.0 : -1.0

      var finding = Finding(
        value: Int32(v), target: target, actual: actual, standard: nil,
        benchmark: nil, history: nil, historyYear: nil, flags: [], gap: nil)
      let group = finest.groupOfProject[Int(measures.owner[v])]
      if !comparedAsUnitCost[v],
        let cell = finest.cells.cell(measure: Int32(m), group: group),
        let source = study.resolved[Int(cell)]
      {
        let cells = study.levels[source.level].cells
        let standard = cells.standard[Int(source.cell)]
        let benchmark = cells.benchmark[Int(source.cell)]
        finding.standard = standard
        finding.benchmark = benchmark
        if Self.isSofter(target, than: standard, sign: sign) {
          finding.flags.insert(.belowStandard)
        }
        if Self.isSofter(target, than: benchmark, sign: sign) {
          finding.flags.insert(.belowBenchmark)
        }
        if standard != 0 {
          // A target equal to the standard up to rounding has no gap.
          let difference = standard - target
          finding.gap =
            Self.isEqual(standard, target)
            ? 0 : sign * difference / abs(standard)
        }
      }
      if !past.isEmpty, kind == .indicator {
        let year = measures.years[Int(owner.dataset)]
        let id = measures.projectIDs[ownerIndex]
        let earlier = (past["\(id)\u{1F}\(m)"] ?? []).filter { $0.year < year }
        if let last = earlier.max(by: { $0.year < $1.year }) {
          finding.history = last.actual
          finding.historyYear = last.year
          if Self.isSofter(target, than: last.actual, sign: sign) {
            finding.flags.insert(.belowHistory)
          }
        }
      }
      if kind == .indicator, target > 0,
        direction == .higher
          ? actual >= ratio * target || Self.isEqual(actual, ratio * target)
          : actual <= target / ratio || Self.isEqual(actual, target / ratio)
      {
        finding.flags.insert(.overshoot)
      }
      if !finding.flags.isEmpty { findings.append(finding) }
    }
  }

  /// Relative tolerance of the comparisons: values this close are equal.
  ///
  /// A standard is computed (a median interpolated between two values, a
  /// mean), so a target written as 88.8 may meet a standard of
  /// 88.80000000000001: equal in every digit anyone wrote down, and not
  /// softer. The tolerance, 1e-9 of the larger magnitude (or absolutely
  /// below 1), is far above the rounding of a few operations (about
  /// 1e-16 relative) and far below any difference a target states.
  static let relativeTolerance = 1e-9

  /// Whether `a` and `b` are equal within `relativeTolerance`:
  /// |a − b| ≤ 1e-9 · max(1, |a|, |b|). Symmetric; not transitive, so not
  /// for sorting or hashing.
  static func isEqual(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= relativeTolerance * max(1, abs(a), abs(b))
  }

  /// Whether `target` is softer than `reference` in the direction `sign`
  /// (+1: higher is better, so below the reference; −1: above it), by
  /// more than the tolerance.
  static func isSofter(
    _ target: Double, than reference: Double, sign: Double
  ) -> Bool {
    sign * (reference - target) > 0 && !isEqual(reference, target)
  }
}
