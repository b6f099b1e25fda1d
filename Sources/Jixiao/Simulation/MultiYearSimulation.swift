import JixiaoNumerics

/// Settings of a multi-year run over the three-year rolling project
/// library (三年滚动项目库, seed §三(一)1).
public struct MultiYearSettings: Sendable, Equatable {
  /// Budget years simulated after the data set's year.
  public var years = 3
  /// Monte Carlo runs.
  public var runs = 1000
  /// Seed of the random streams; run r uses stream r of this seed.
  public var seed: UInt64 = 1
  public var response = ResponseModel()
  /// Cores used; the numbers do not depend on it.
  public var threads = 1

  public init() {}
}

/// A scenario's rules applied year after year with scores that answer the
/// funding (`ResponseModel`), over many seeded runs.
///
/// Year 0 is the data set: its budgets, scores and grades. In year k the
/// scenario's rules turn the grades of year k − 1 into budgets
/// (`Reallocation`, with the rectification streaks and ended projects
/// carried over, starting from `history` when earlier grades are known), and the response model turns the budget ratio into
/// year k's scores and grades. Projects without a score follow the
/// `unrated` rule every year; no new projects enter the library.
///
/// Run r draws from `RandomStream(seed:stream: r)` in a fixed order
/// (each project's elasticity, then each year's noise for every project,
/// funded or not, as `fillNormal` gives them), so every scenario of one seed meets the same draws
/// (common random numbers) and the results are the same for any thread
/// count: runs are grouped in fixed blocks whose sums are added in block
/// order.
public struct MultiYearSimulation: Sendable {
  /// A distribution over the runs.
  public struct Band: Sendable, Equatable {
    public var mean: Double
    public var deviation: Double
    public var p5: Double
    public var median: Double
    public var p95: Double

    /// The band of `values` (quantiles of Hyndman–Fan type 7); the mean
    /// by compensated (Neumaier) summation, so that equal values give
    /// their value and not a last digit off.
    public init(_ values: [Double]) {
      let sorted = values.sorted()
      let n = Double(values.count)
      let low = sorted.first ?? 0
      let high = sorted.last ?? 0
      mean = min(high, max(low, Self.sum(values) / n))
      let m = mean
      deviation =
        values.count > 1 && low < high
        ? (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1))
          .squareRoot() : 0
      p5 = QuantileDefinition.standard.quantile(sorted, 0.05)
      median = QuantileDefinition.standard.quantile(sorted, 0.5)
      p95 = QuantileDefinition.standard.quantile(sorted, 0.95)
    }

    /// The band of the finite values; nil when there are none.
    init?(finite values: [Double]) {
      let kept = values.filter(\.isFinite)
      guard !kept.isEmpty else { return nil }
      self.init(kept)
    }

    /// Σ values by Neumaier's compensated summation.
    static func sum(_ values: [Double]) -> Double {
      var sum = 0.0
      var compensation = 0.0
      for x in values {
        let t = sum + x
        compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
        sum = t
      }
      return sum + compensation
    }
  }

  /// One simulated budget year.
  public struct Year: Sendable {
    public var year: Int
    /// Σ budgets.
    public var budget: Band
    /// Budget-weighted mean score of the funded scored projects,
    /// Σ s·b / Σ b, over the runs that fund any; nil when none does.
    public var performance: Band?
    /// Performance-weighted money Σ (s/100)·b.
    public var value: Band
    /// Projects exited so far: no longer funded by a rule (cancelled,
    /// multi-year exit, completed, time limit), excluded ones not counted.
    public var exited: Band
    /// Projects in a weak streak (graded 中 or 差 last time), still funded.
    public var rectifying: Band
    /// Members-weighted Gini of funds per member, per level of
    /// `MultiYearSimulation.levels`: the mean over runs, nil where a level
    /// had no balance.
    public var gini: [Double?]
  }

  public let scenario: Scenario
  public let settings: MultiYearSettings
  /// The data set's year (0 when unknown; years are then counted 1, 2, …).
  public var dataYear: Int
  /// Year 0, the data set: Σ budgets, performance (nil when nothing is
  /// funded), value.
  public var start: (budget: Double, performance: Double?, value: Double)
  public var startGini: [Double?]
  public var years: [Year] = []
  /// Levels of the balance columns (none without members).
  public var levels: [String] = []
  /// Per project: the share of runs in which it had exited by the last
  /// year, its mean last budget, its mean last score over the runs that
  /// still funded it (nil: never), and the share of runs with a cut.
  public var exitedShare: [Double]
  public var lastBudget: [Double]
  public var lastScore: [Double?]
  public var cutShare: [Double]

  /// Runs per block: the unit of work of a thread and of the ordered sums.
  static let blockSize = 8

  public init(
    _ dataset: Dataset, _ evaluation: Evaluation, scenario: Scenario,
    settings: MultiYearSettings, history: RuleHistory? = nil
  ) {
    self.scenario = scenario
    self.settings = settings
    let n = dataset.projects.count
    let facts = ProjectFacts(dataset, rules: scenario.rules)
    let year0 = DatasetYear.of(dataset)
    dataYear = year0
    let scored = (0..<n).map { evaluation.status[$0] == .scored }
    let budget0 = dataset.projects.budget
    let score0 = (0..<n).map { scored[$0] ? evaluation.score[$0] : 0 }
    let firstBalance = FundsBalance(dataset, evaluation, budgets: budget0)
    let levels = firstBalance.levels.map(\.level)
    self.levels = levels
    let groups = firstBalance.levels.map {
      LevelGroup(units: $0.units, members: dataset.units.members)
    }
    start = Self.figures(budget0, score0, scored)
    startGini = Self.gini(firstBalance, levels)

    let years = settings.years
    let runs = settings.runs
    let stride = 5 + levels.count
    let records = ResultSlots<[Double]>(count: runs)
    let blocks = (runs + Self.blockSize - 1) / Self.blockSize
    let tallies = ResultSlots<Tally>(count: blocks)
    let response = settings.response
    let scheme = dataset.scheme
    let history0 = history ?? RuleHistory(count: n)
    let cycle = scenario.rules.rectification != nil
    parallelFor(blocks, threads: settings.threads) { block in
      var tally = Tally(count: n)
      for run in block
        * Self.blockSize..<min(runs, (block + 1) * Self.blockSize)
      {
        var random = RandomStream(seed: settings.seed, stream: UInt64(run))
        var elasticity = [Double](repeating: 0, count: n)
        random.fillNormal(&elasticity)
        for p in 0..<n {
          elasticity[p] = response.elasticity(fromNormal: elasticity[p])
        }
        var noise = [Double](repeating: 0, count: n)
        var budget = budget0
        var score = score0
        var grade = evaluation.grade
        var history = history0
        var everCut = [Bool](repeating: false, count: n)
        var record = [Double](repeating: 0, count: years * stride)
        for k in 1...years {
          let step = Reallocation(
            facts: facts, budget: budget, status: evaluation.status,
            grade: grade, year: year0 > 0 ? year0 + k : 0, scenario: scenario,
            history: &history)
          random.fillNormal(&noise)
          for p in 0..<n {
            let z = noise[p]
            let after = step.after[p]
            if after > 0, after < budget[p] { everCut[p] = true }
            guard scored[p], after > 0 else { continue }
            let ratio = budget[p] > 0 ? after / budget[p] : 1
            score[p] = response.next(
              score: score[p], ratio: ratio, elasticity: elasticity[p], z: z)
            grade[p] = scheme.grade(forScore: score[p])
          }
          budget = step.after
          let f = Self.figures(budget, score, scored)
          var ended = 0
          var rectifying = 0
          for p in 0..<n where evaluation.status[p] != .excluded {
            if history.exited[p] {
              ended += 1
            } else if cycle, history.weakYears[p] > 0 {
              // Streaks count only where a cycle reads them (one given
              // by --history stays in the record of the others).
              rectifying += 1
            }
          }
          let base = (k - 1) * stride
          record[base] = f.budget
          record[base + 1] = f.performance ?? .nan
          record[base + 2] = f.value
          record[base + 3] = Double(ended)
          record[base + 4] = Double(rectifying)
          if !groups.isEmpty {
            let funds = FundsBalance.ownFunds(
              dataset, evaluation, budgets: budget)
            for (l, group) in groups.enumerated() {
              record[base + 5 + l] = group.gini(funds) ?? -1
            }
          }
        }
        records[run] = record
        tally.add(
          budget: budget, score: score, scored: scored, exited: history.exited,
          everCut: everCut)
      }
      tallies[block] = tally
    }

    var total = Tally(count: n)
    for b in 0..<blocks { if let t = tallies[b] { total.merge(t) } }
    let all = (0..<runs).map { records[$0] ?? [] }
    for k in 0..<years {
      func column(_ c: Int) -> [Double] { all.map { $0[k * stride + c] } }
      let gini = levels.indices.map { l -> Double? in
        let values = column(5 + l).filter { $0 >= 0 }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
      }
      self.years.append(
        Year(
          year: year0 > 0 ? year0 + k + 1 : k + 1, budget: Band(column(0)),
          performance: Band(finite: column(1)), value: Band(column(2)),
          exited: Band(column(3)), rectifying: Band(column(4)), gini: gini))
    }
    let r = Double(runs)
    exitedShare = total.exited.map { Double($0) / r }
    lastBudget = total.budget.map { $0 / r }
    lastScore = (0..<n).map {
      total.funded[$0] > 0 ? total.score[$0] / Double(total.funded[$0]) : nil
    }
    cutShare = total.cut.map { Double($0) / r }
  }

  /// Σ budgets, Σ s·b / Σ b and Σ (s/100)·b over the funded scored
  /// projects.
  static func figures(_ budget: [Double], _ score: [Double], _ scored: [Bool])
    -> (budget: Double, performance: Double?, value: Double)
  {
    var weighted = 0.0
    var funded = 0.0
    for p in budget.indices {
      if scored[p], budget[p] > 0 {
        weighted += score[p] * budget[p]
        funded += budget[p]
      }
    }
    // The total compensated, so that budgets that do not change add up
    // to the same last digit every year.
    return (
      Band.sum(budget), funded > 0 ? weighted / funded : nil, weighted / 100
    )
  }

  /// The Gini of each of `levels` (nil where the balance skipped it).
  static func gini(_ balance: FundsBalance, _ levels: [String]) -> [Double?] {
    levels.map { level in
      balance.levels.first { $0.level == level }?.balance.gini
    }
  }

  /// The units of one level with members, for the Gini of funds per
  /// member year after year (the computation of `FundsBalance`, without
  /// the parts a run does not report).
  struct LevelGroup: Sendable {
    var units: [Int]
    var weights: [Double]
    var total: Double

    init(units: [Int], members: [Double?]) {
      self.units = units
      weights = units.map { members[$0] ?? 0 }
      total = weights.reduce(0, +)
    }

    /// The members-weighted Gini of funds per member; nil when every
    /// unit has 0.
    func gini(_ funds: [Double]) -> Double? {
      let values = units.indices.map { funds[units[$0]] / weights[$0] }
      var sum = 0.0
      for (x, w) in zip(values, weights) { sum += x * w }
      let mean = sum / total
      guard mean > 0 else { return nil }
      return Balance.gini(values, weights, total: total, mean: mean)
    }
  }

  /// Per-project sums over runs.
  struct Tally: Sendable {
    var exited: [Int]
    var budget: [Double]
    var score: [Double]
    var funded: [Int]
    var cut: [Int]

    init(count: Int) {
      exited = [Int](repeating: 0, count: count)
      budget = [Double](repeating: 0, count: count)
      score = budget
      funded = exited
      cut = exited
    }

    mutating func add(
      budget b: [Double], score s: [Double], scored: [Bool], exited e: [Bool],
      everCut: [Bool]
    ) {
      for p in b.indices {
        if e[p] { exited[p] += 1 }
        budget[p] += b[p]
        if scored[p], b[p] > 0 {
          score[p] += s[p]
          funded[p] += 1
        }
        if everCut[p] { cut[p] += 1 }
      }
    }

    mutating func merge(_ other: Tally) {
      for p in budget.indices {
        exited[p] += other.exited[p]
        budget[p] += other.budget[p]
        score[p] += other.score[p]
        funded[p] += other.funded[p]
        cut[p] += other.cut[p]
      }
    }
  }
}
