/// Standards over several years: the standard value of each measure and
/// group year by year, and its trend, the least-squares slope of the
/// standard on the year, slope = Σ(t − t̄)(s − s̄) / Σ(t − t̄)².
public struct Trends: Sendable {
  public struct Series: Sendable {
    public var measure: Int32
    /// The group's label without the year.
    public var group: String
    public var years: [Int]
    public var standards: [Double]
    public var counts: [Int]
    /// Change of the standard per year; nil with a single year.
    public var slope: Double?
  }

  public private(set) var series: [Series] = []

  /// Needs the study to group by year last (`StandardsSettings.groupBy`
  /// ending in `.year`); `Trends.settings(for:)` makes such settings.
  public init(_ study: StandardsStudy) {
    let finest = study.finest
    guard finest.keys.last == .year else { return }
    var byKey: [String: Int] = [:]
    for c in 0..<finest.cells.count {
      let group = Int(finest.cells.group[c])
      let labels = finest.labels[group]
      guard let year = Int(labels.last ?? ""), finest.cells.n[c] > 0 else {
        continue
      }
      let parent = finest.parent[group]
      let label = study.label(level: study.levels.count - 2, group: parent)
      let key = "\(finest.cells.measure[c])\u{1F}\(label)"
      let index: Int
      if let known = byKey[key] {
        index = known
      } else {
        index = series.count
        byKey[key] = index
        series.append(
          Series(
            measure: finest.cells.measure[c], group: label, years: [],
            standards: [],
            counts: [], slope: nil))
      }
      series[index].years.append(year)
      series[index].standards.append(finest.cells.standard[c])
      series[index].counts.append(Int(finest.cells.n[c]))
    }
    for i in series.indices {
      let order = series[i].years.indices.sorted {
        series[i].years[$0] < series[i].years[$1]
      }
      series[i].years = order.map { series[i].years[$0] }
      series[i].standards = order.map { series[i].standards[$0] }
      series[i].counts = order.map { series[i].counts[$0] }
      series[i].slope = Self.slope(
        series[i].years.map(Double.init), series[i].standards)
    }
  }

  /// The settings of a study whose last key is the year.
  public static func settings(for settings: StandardsSettings)
    -> StandardsSettings
  {
    var result = settings
    result.groupBy = settings.groupBy.filter { $0 != .year } + [.year]
    return result
  }

  static func slope(_ t: [Double], _ s: [Double]) -> Double? {
    guard t.count >= 2 else { return nil }
    let tMean = t.reduce(0, +) / Double(t.count)
    let sMean = s.reduce(0, +) / Double(s.count)
    var numerator = 0.0
    var denominator = 0.0
    for i in t.indices {
      numerator += (t[i] - tMean) * (s[i] - sMean)
      denominator += (t[i] - tMean) * (t[i] - tMean)
    }
    return denominator > 0 ? numerator / denominator : nil
  }
}
