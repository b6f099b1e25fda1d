/// How the ratings of each criterion are spread over its scale, per group:
/// the standard of a rated portfolio is its distribution, not one number
/// (ADB IED and World Bank IEG report the share of projects rated
/// satisfactory or better by sector and region).
///
/// For every level of a `StandardsStudy` and every (criterion, group):
/// the count and share of each point of the criterion's scale, the
/// ratings not given (`not rated`, `na`), the mean points, and the share
/// in the upper half of the scale: points above (lowest + highest) ÷ 2.
/// The upper half is the usual "satisfactory or better" line of the
/// published scales: ADB's four points 3–0 give 3 and 2 (relevant,
/// effective, efficient, likely sustainable or better); IEG's six points
/// give moderately satisfactory or better; its four-point M&E scale gives
/// substantial or high.
public struct RatingShares: Sendable {
  /// One (level, criterion, group) cell.
  public struct Cell: Sendable {
    public var level: Int
    /// Index into the study's measures.
    public var measure: Int32
    public var group: Int32
    /// Count of each point of `scales[measure]`, in its order.
    public var counts: [Int32]
    public var notRated: Int32
    public var rated: Int32 { counts.reduce(0, +) }
    public var meanPoints: Double
    public var upperHalfShare: Double
  }

  /// A criterion's scale: its points, highest first, with one label each.
  public struct Scale: Sendable {
    public var points: [Double]
    public var labels: [String]
    /// The lowest points in the upper half.
    public var upperHalfFrom: Double
  }

  /// The scale of each rating measure (nil for other measures).
  public private(set) var scales: [Scale?]
  public private(set) var cells: [Cell] = []

  public init(_ study: StandardsStudy) {
    let measures = study.measures
    scales = measures.measures.map { measure -> Scale? in
      guard measure.kind == .rating else { return nil }
      return Self.scale(of: measure.key, in: measures.schemes)
    }
    guard scales.contains(where: { $0 != nil }) else { return }
    let scales = self.scales
    for (depth, level) in study.levels.enumerated() {
      // (measure, group) → cell of this level, in order of first sight.
      var index: [Int64: Int] = [:]
      var levelCells: [Cell] = []
      func slot(_ m: Int32, _ owner: Int32, points: Int) -> Int {
        let g = level.groupOfProject[Int(owner)]
        let key = Int64(m) << 32 | Int64(g)
        if let c = index[key] { return c }
        index[key] = levelCells.count
        levelCells.append(
          Cell(
            level: depth, measure: m, group: g,
            counts: Array(repeating: 0, count: points),
            notRated: 0, meanPoints: 0, upperHalfShare: 0))
        return levelCells.count - 1
      }
      var sums: [Double] = []
      for v in 0..<measures.count {
        let m = measures.measure[v]
        guard let scale = scales[Int(m)] else { continue }
        let c = slot(m, measures.owner[v], points: scale.points.count)
        if sums.count < levelCells.count { sums.append(0) }
        let points = measures.value[v]
        if let i = scale.points.firstIndex(of: points) {
          levelCells[c].counts[i] += 1
        }
        sums[c] += points
      }
      for (m, owner) in zip(measures.unratedMeasure, measures.unratedOwner) {
        guard let scale = scales[Int(m)] else { continue }
        let c = slot(m, owner, points: scale.points.count)
        if sums.count < levelCells.count { sums.append(0) }
        levelCells[c].notRated += 1
      }
      for c in levelCells.indices {
        let cell = levelCells[c]
        let rated = cell.rated
        guard rated > 0, let scale = scales[Int(cell.measure)] else { continue }
        levelCells[c].meanPoints = sums[c] / Double(rated)
        let upper = zip(scale.points, cell.counts)
          .filter { $0.0 >= scale.upperHalfFrom }
          .reduce(0) { $0 + Int($1.1) }
        levelCells[c].upperHalfShare = Double(upper) / Double(rated)
      }
      levelCells.sort {
        ($0.measure, $0.group) < ($1.measure, $1.group)
      }
      cells += levelCells
    }
  }

  /// The scale of criterion `id` in the first scheme that has it. Where
  /// several labels give the same points (spellings of one grade), the
  /// first in alphabetical order names the point.
  static func scale(of id: String, in schemes: [ScoringScheme]) -> Scale? {
    for scheme in schemes {
      guard let dimension = scheme.dimensions.first(where: { $0.id == id }),
        !dimension.scale.isEmpty
      else { continue }
      let points = Set(dimension.scale.values).sorted(by: >)
      let labels = points.map { p in
        dimension.scale.filter { $0.value == p }.map(\.key).min() ?? ""
      }
      let middle = (points[0] + points[points.count - 1]) / 2
      let upperHalfFrom = points.filter { $0 > middle }.min() ?? points[0]
      return Scale(points: points, labels: labels, upperHalfFrom: upperHalfFrom)
    }
    return nil
  }
}
