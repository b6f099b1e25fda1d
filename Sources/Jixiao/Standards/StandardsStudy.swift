import Foundation
import JixiaoNumerics

/// Distributions, standard values (标准值) and benchmark values (标杆值) of
/// every measure, per group of projects (seed §三(一)3: standards "by
/// category and industry, with indicator values and benchmark values").
///
/// Groups nest: level 0 is all projects, level ℓ groups by the first ℓ
/// keys of `settings.groupBy`. At every level each (measure, group) cell
/// is screened for outliers (`OutlierRule`), then summarised on what
/// remains: n, mean, median, trimmed mean, P10/P25/P75/P90, MAD, and its
/// standard and benchmark. A cell of the finest level with fewer than
/// `minimumGroupSize` values takes its standard and benchmark from the
/// nearest coarser cell that has enough, and says which (`source`).
public struct StandardsStudy: Sendable {
  public let settings: StandardsSettings
  public let measures: Measures

  /// One level of grouping.
  public struct Level: Sendable {
    /// The keys this level groups by (a prefix of `settings.groupBy`).
    public var keys: [StandardsSettings.GroupKey]
    /// Each group's values of the keys, e.g. ["维权帮扶", "city"].
    public var labels: [[String]]
    /// The group of each project of `measures.projects`.
    public var groupOfProject: [Int32]
    /// The group one level coarser that holds each group (−1 at level 0).
    public var parent: [Int32]
    public var cells: Cells
  }

  /// The summaries of one level's (measure, group) cells, column by
  /// column.
  public struct Cells: Sendable {
    public var measure: [Int32] = []
    public var group: [Int32] = []
    /// Values kept (after screening) and values screened out or pulled in.
    public var n: [Int32] = []
    public var screened: [Int32] = []
    /// Why the outlier rule could not judge the cell, if it could not.
    public var unjudged: [OutlierRule.Unjudged?] = []
    public var mean: [Double] = []
    public var median: [Double] = []
    public var trimmedMean: [Double] = []
    public var p10: [Double] = []
    public var p25: [Double] = []
    public var p75: [Double] = []
    public var p90: [Double] = []
    public var mad: [Double] = []
    public var minimum: [Double] = []
    public var maximum: [Double] = []
    public var standard: [Double] = []
    public var benchmark: [Double] = []
    /// (measure, group) → cell.
    var index: [Int64: Int32] = [:]

    public var count: Int { measure.count }

    func cell(measure m: Int32, group g: Int32) -> Int32? {
      index[Int64(m) << 32 | Int64(g)]
    }
  }

  /// A value screened out (or pulled in to the fence).
  public struct Outlier: Sendable {
    public var level: Int
    public var cell: Int32
    /// Index into the measures' values.
    public var value: Int32
    public var fence: Double
    /// The value is above the upper fence (else below the lower).
    public var isHigh: Bool
  }

  /// Where a finest-level cell's standard and benchmark come from.
  public struct Resolved: Sendable {
    /// The level and cell used: the cell itself, or a coarser one.
    public var level: Int
    public var cell: Int32
  }

  public private(set) var levels: [Level] = []
  public private(set) var outliers: [Outlier] = []
  /// For each cell of the finest level, where its standard comes from;
  /// nil when no level has enough values.
  public private(set) var resolved: [Resolved?] = []

  public var finest: Level { levels[levels.count - 1] }

  public init(
    _ datasets: [Dataset], measures: Measures, settings: StandardsSettings
  ) {
    self.settings = settings
    self.measures = measures
    let keyValues = settings.groupBy.map {
      Self.values(of: $0, datasets, measures)
    }
    var groupOfProject = [Int32](repeating: 0, count: measures.projects.count)
    var labels: [[String]] = [[]]
    var parent: [Int32] = [-1]
    for depth in 0...settings.groupBy.count {
      if depth > 0 {
        // Split each group of the level above by the next key's value.
        let (codes, texts) = keyValues[depth - 1]
        var dense: [Int64: Int32] = [:]
        var nextLabels: [[String]] = []
        var nextParent: [Int32] = []
        for p in groupOfProject.indices {
          let pair = Int64(groupOfProject[p]) << 32 | Int64(codes[p])
          if let g = dense[pair] {
            groupOfProject[p] = g
            continue
          }
          let g = Int32(nextLabels.count)
          dense[pair] = g
          nextLabels.append(
            labels[Int(groupOfProject[p])] + [texts[Int(codes[p])]])
          nextParent.append(groupOfProject[p])
          groupOfProject[p] = g
        }
        // Number the groups in the order of their labels, so tables list
        // them alphabetically whatever order the projects came in.
        let order = nextLabels.indices.sorted {
          nextLabels[$0].lexicographicallyPrecedes(nextLabels[$1])
        }
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, g) in order.enumerated() { rank[g] = Int32(r) }
        for p in groupOfProject.indices {
          groupOfProject[p] = rank[Int(groupOfProject[p])]
        }
        labels = order.map { nextLabels[$0] }
        parent = order.map { nextParent[$0] }
      }
      let cells = Self.summarise(
        measures, groupOfProject: groupOfProject, settings: settings,
        level: depth, outliers: &outliers)
      levels.append(
        Level(
          keys: Array(settings.groupBy.prefix(depth)), labels: labels,
          groupOfProject: groupOfProject, parent: parent, cells: cells))
    }
    resolved = Self.resolve(levels, minimum: settings.minimumGroupSize)
  }

  /// The code of every project for one key, and the texts of the codes.
  static func values(
    of key: StandardsSettings.GroupKey, _ datasets: [Dataset],
    _ measures: Measures
  ) -> (codes: [Int32], texts: [String]) {
    var pool = StringPool()
    for (d, dataset) in datasets.enumerated() {
      let projects = dataset.projects
      let units = dataset.units
      let year = measures.years[d]
      for owner in measures.projects where owner.dataset == Int32(d) {
        let p = Int(owner.project)
        let unit = Int(projects.unit[p])
        switch key {
        case .category: pool.append(projects.category[p])
        case .industry: pool.append(projects.industry[p])
        case .level: pool.append(unit >= 0 ? units.level[unit] : "")
        case .region: pool.append(unit >= 0 ? units.region[unit] : "")
        case .unit: pool.append(unit >= 0 ? units.ids[unit] : "")
        case .year:
          let own =
            projects.endYear[p] > 0
            ? projects.endYear[p] : projects.startYear[p]
          let shown = year > 0 ? year : Int(own)
          pool.append(shown > 0 ? String(shown) : "")
        }
      }
    }
    return (pool.codes, pool.values)
  }

  /// Screens and summarises every (measure, group) cell of one level.
  static func summarise(
    _ measures: Measures, groupOfProject: [Int32], settings: StandardsSettings,
    level: Int, outliers: inout [Outlier]
  ) -> Cells {
    var cells = Cells()
    var cellOfValue = [Int32](repeating: -1, count: measures.count)
    for v in 0..<measures.count {
      let m = measures.measure[v]
      let g = groupOfProject[Int(measures.owner[v])]
      let key = Int64(m) << 32 | Int64(g)
      if let c = cells.index[key] {
        cellOfValue[v] = c
        continue
      }
      let c = Int32(cells.measure.count)
      cells.index[key] = c
      cells.measure.append(m)
      cells.group.append(g)
      cellOfValue[v] = c
    }
    let count = cells.measure.count
    let samples = GroupedSamples(
      values: measures.value, groups: cellOfValue, groupCount: count,
      threads: settings.threads)
    let results = ResultSlots<CellSummary>(count: count)
    let directions = cells.measure.map { measures.measures[Int($0)].direction }
    // Ratings are ordinal points on a short scale: a fence would call
    // every rare grade an outlier, so they are summarised as they are.
    let screens = cells.measure.map {
      measures.measures[Int($0)].kind != .rating
    }
    parallelFor(count, threads: settings.threads) { c in
      results[c] = samples.withGroup(c) { sorted in
        CellSummary(
          sorted, direction: directions[c], screen: screens[c],
          settings: settings)
      }
    }
    cells.reserve(count)
    for c in 0..<count {
      guard let summary = results[c] else { continue }
      cells.append(summary)
      let base = samples.start[c]
      for (offset, fence, isHigh) in summary.screenedValues {
        outliers.append(
          Outlier(
            level: level, cell: Int32(c), value: samples.rows[base + offset],
            fence: fence, isHigh: isHigh))
      }
    }
    return cells
  }

  /// For each finest cell, the nearest cell (itself or coarser) with at
  /// least `minimum` values.
  static func resolve(_ levels: [Level], minimum: Int) -> [Resolved?] {
    let finest = levels.count - 1
    let cells = levels[finest].cells
    return (0..<cells.count).map { c in
      var level = finest
      var group = cells.group[c]
      let measure = cells.measure[c]
      while level >= 0 {
        if let cell = levels[level].cells.cell(measure: measure, group: group),
          levels[level].cells.n[Int(cell)] >= minimum
        {
          return Resolved(level: level, cell: cell)
        }
        group = levels[level].parent[Int(group)]
        level -= 1
      }
      return nil
    }
  }

  /// The label of a group, "维权帮扶 / city", or "all projects".
  public func label(level: Int, group: Int32) -> String {
    let parts = levels[level].labels[Int(group)].map { $0.isEmpty ? "—" : $0 }
    return parts.isEmpty ? "all projects" : parts.joined(separator: " / ")
  }
}

/// The summary of one cell's sorted values.
struct CellSummary: Sendable {
  var n = 0
  var unjudged: OutlierRule.Unjudged?
  var mean = 0.0
  var median = 0.0
  var trimmedMean = 0.0
  var p10 = 0.0
  var p25 = 0.0
  var p75 = 0.0
  var p90 = 0.0
  var mad = 0.0
  var minimum = 0.0
  var maximum = 0.0
  var standard = 0.0
  var benchmark = 0.0
  /// (offset in the cell, fence, above the upper fence) of each value
  /// screened out or pulled in.
  var screenedValues: [(Int, Double, Bool)] = []

  init(
    _ sorted: UnsafeBufferPointer<Double>, direction: Measures.Direction,
    screen: Bool = true, settings: StandardsSettings
  ) {
    var kept: [Double]
    let rule = screen ? settings.outliers : .none
    switch rule.fences(sorted, definition: settings.quantiles) {
    case .failure(let error):
      unjudged = error.reason
      kept = Array(sorted)
    case .success(let fences):
      kept = []
      kept.reserveCapacity(sorted.count)
      for (offset, value) in sorted.enumerated() {
        if fences.contains(value) {
          kept.append(value)
          continue
        }
        let isHigh = value > fences.upperBound
        let fence = isHigh ? fences.upperBound : fences.lowerBound
        screenedValues.append((offset, fence, isHigh))
        // Pulled in to the fence keeps the order: the values below the
        // lower fence come first, those above the upper last.
        if settings.winsorize { kept.append(fence) }
      }
    }
    n = kept.count
    guard n > 0 else { return }
    kept.withUnsafeBufferPointer { x in
      let q = settings.quantiles
      mean = Summary.mean(x)
      median = q.quantile(x, 0.5)
      trimmedMean = Summary.trimmedMean(x, cut: min(settings.trim, 0.49))
      p10 = q.quantile(x, 0.1)
      p25 = q.quantile(x, 0.25)
      p75 = q.quantile(x, 0.75)
      p90 = q.quantile(x, 0.9)
      // Around the sample median, as the `mad` rule's modified z is,
      // not the median of the quantile type (docs/standards.md).
      mad = Summary.medianAbsoluteDeviation(x)
      minimum = x[0]
      maximum = x[n - 1]
      switch settings.standard {
      case .median: standard = median
      case .mean: standard = mean
      case .trimmedMean: standard = trimmedMean
      }
      switch (settings.benchmark, direction) {
      case (_, .exact): benchmark = standard
      case (.bestInClass, .higher): benchmark = maximum
      case (.bestInClass, .lower): benchmark = minimum
      case (.percentile(let p), .higher): benchmark = q.quantile(x, p)
      case (.percentile(let p), .lower): benchmark = q.quantile(x, 1 - p)
      }
    }
  }
}

extension StandardsStudy.Cells {
  mutating func reserve(_ count: Int) {
    n.reserveCapacity(count)
    mean.reserveCapacity(count)
  }

  mutating func append(_ s: CellSummary) {
    n.append(Int32(s.n))
    screened.append(Int32(s.screenedValues.count))
    unjudged.append(s.unjudged)
    mean.append(s.mean)
    median.append(s.median)
    trimmedMean.append(s.trimmedMean)
    p10.append(s.p10)
    p25.append(s.p25)
    p75.append(s.p75)
    p90.append(s.p90)
    mad.append(s.mad)
    minimum.append(s.minimum)
    maximum.append(s.maximum)
    standard.append(s.standard)
    benchmark.append(s.benchmark)
  }
}
