import JixiaoNumerics

/// Expenditure quota standards (支出定额标准, docs/domain.md §9): per group
/// and quantity indicator, cost = fixed + variable × quantity by least
/// squares (LAPACK; Huber's robust fit as an option), with R², the
/// residual spread and prediction bounds. A project's quota is the fit's
/// prediction at its quantity; a project above the upper bound is flagged
/// with the excess.
///
/// Cost is the project's executed amount; quantity the actual of the
/// indicator, above 0 (a project that delivered none has no unit cost and
/// is left out). A group whose quantities are all equal has no spread to
/// split cost into fixed and variable: it is listed in `unfitted`. A group with fewer projects than a fit needs (three, and at
/// least `minimumGroupSize`) uses the fit of the group above it.
public struct QuotaStudy: Sendable {
  public struct Fit: Sendable {
    public var level: Int
    public var cell: Int32
    public var n: Int
    public var fixed: Double
    public var variable: Double
    public var rSquared: Double
    public var sigma: Double
    public var robust: Bool
    public var converged: Bool
    public var model: LinearFit
  }

  /// The quota of one project for one quantity indicator.
  public struct ProjectQuota: Sendable {
    /// Index into the measures' values (a unit-cost value).
    public var value: Int32
    public var quantity: Double
    public var cost: Double
    /// Index into `fits`.
    public var fit: Int32
    public var quota: Double
    public var upper: Double
    /// Cost above the upper bound, 0 when within.
    public var excess: Double
  }

  public private(set) var fits: [Fit] = []
  public private(set) var projects: [ProjectQuota] = []
  /// A group with enough projects whose fit could not be made.
  public struct Unfitted: Sendable {
    public var level: Int
    public var cell: Int32
    public var n: Int
    /// All quantities are this one value: no spread to fit a slope on.
    public var commonQuantity: Double?
    /// The numerical fault otherwise (LAPACK's).
    public var fault: String
  }

  /// Groups that could not be fitted, and why; their projects take the
  /// fit of the group above, if it has one.
  public private(set) var unfitted: [Unfitted] = []

  public init(_ study: StandardsStudy, _ datasets: [Dataset]) {
    let measures = study.measures
    let settings = study.settings
    let minimum = max(3, settings.minimumGroupSize)
    // Per level, the unit-cost values of each cell.
    var members: [[Int32: [Int32]]] = Array(
      repeating: [:], count: study.levels.count)
    for v in 0..<measures.count
    where measures.measures[Int(measures.measure[v])].kind == .unitCost {
      let owner = Int(measures.owner[v])
      for (l, level) in study.levels.enumerated() {
        if let cell = level.cells.cell(
          measure: measures.measure[v], group: level.groupOfProject[owner])
        {
          members[l][cell, default: []].append(Int32(v))
        }
      }
    }
    // Quantity and cost of every value, read once per data set.
    var quantities = [Double](repeating: 0, count: measures.count)
    var costs = [Double](repeating: 0, count: measures.count)
    for (d, dataset) in datasets.enumerated() {
      let actual = dataset.indicators.actual
      let executed = dataset.projects.executed
      for v in 0..<measures.count {
        let owner = measures.projects[Int(measures.owner[v])]
        guard owner.dataset == Int32(d) else { continue }
        quantities[v] = actual[Int(measures.row[v])]
        costs[v] = executed[Int(owner.project)]
      }
    }
    func point(_ v: Int32) -> (x: Double, y: Double) {
      (quantities[Int(v)], costs[Int(v)])
    }
    // Fit every cell with enough projects, coarse levels too (borrowed).
    var fitOfCell: [[Int32: Int32]] = Array(
      repeating: [:], count: study.levels.count)
    for l in members.indices {
      for (cell, values) in members[l].sorted(by: { $0.key < $1.key })
      where values.count >= minimum {
        let points = values.map(point)
        var design = Matrix(rows: points.count, columns: 2)
        for (i, p) in points.enumerated() {
          design[i, 0] = 1
          design[i, 1] = p.x
        }
        let y = points.map(\.y)
        do {
          let model: LinearFit
          var converged = true
          if settings.robustQuotas {
            let robust = try LeastSquares.huber(design, y)
            model = robust.fit
            converged = robust.converged
          } else {
            model = try LeastSquares.fit(design, y)
          }
          fitOfCell[l][cell] = Int32(fits.count)
          fits.append(
            Fit(
              level: l, cell: cell, n: points.count,
              fixed: model.coefficients[0],
              variable: model.coefficients[1], rSquared: model.rSquared,
              sigma: model.sigma, robust: settings.robustQuotas,
              converged: converged, model: model))
        } catch {
          let first = points[0].x
          unfitted.append(
            Unfitted(
              level: l, cell: cell, n: points.count,
              commonQuantity: points.allSatisfy { $0.x == first } ? first : nil,
              fault: error.description))
        }
      }
    }
    // Each project's quota from its finest cell's fit, or the nearest
    // coarser one.
    let finest = study.levels.count - 1
    for (cell, values) in members[finest].sorted(by: { $0.key < $1.key }) {
      var level = finest
      var group = study.levels[finest].cells.group[Int(cell)]
      let measure = study.levels[finest].cells.measure[Int(cell)]
      var fitIndex: Int32?
      while level >= 0, fitIndex == nil {
        if let c = study.levels[level].cells.cell(
          measure: measure, group: group)
        {
          fitIndex = fitOfCell[level][c]
        }
        group = study.levels[level].parent[Int(group)]
        level -= 1
      }
      guard let fitIndex else { continue }
      let fit = fits[Int(fitIndex)]
      let df = Double(fit.model.degreesOfFreedom)
      let t =
        df > 0
        ? StudentT.quantile(
          (1 + settings.predictionLevel) / 2, degreesOfFreedom: df) : 0
      for v in values {
        let p = point(v)
        let bounds = fit.model.prediction(at: [1, p.x], t: t)
        projects.append(
          ProjectQuota(
            value: v, quantity: p.x, cost: p.y, fit: fitIndex,
            quota: bounds.value,
            upper: bounds.high, excess: max(0, p.y - bounds.high)))
      }
    }
  }
}
