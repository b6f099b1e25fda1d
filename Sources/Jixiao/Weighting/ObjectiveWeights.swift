import Foundation
import JixiaoNumerics

/// Weights with the method that made them and the criteria it could give
/// no weight to.
public struct CriteriaWeights: Sendable, Equatable {
  /// One per criterion, ≥ 0, summing to 1.
  public var values: [Double]
  /// The method, as settings and output name it.
  public var method: String
  /// Criteria given weight 0 because they do not vary.
  public var constant: [Int] = []

  public init(values: [Double], method: String, constant: [Int] = []) {
    self.values = values
    self.method = method
    self.constant = constant
  }
}

/// Weights from the data themselves (客观赋权).
public enum ObjectiveWeights {
  /// Entropy weights (Shannon; Xu 2004, EJOR 156(2):530): with column
  /// shares pᵢⱼ = xᵢⱼ / Σᵢ xᵢⱼ of the values as given (≥ 0),
  /// eⱼ = −(1/ln m) Σᵢ pᵢⱼ ln pᵢⱼ with 0 · ln 0 = 0 (the convention of
  /// pyrepo-mcda, scikit-criteria and pyDecision), dⱼ = 1 − eⱼ and
  /// wⱼ = dⱼ / Σ d. A constant column (eⱼ = 1) gets exactly 0.
  ///
  /// - Throws: `WeightingError` for a negative value, fewer than two
  ///   alternatives, or every column constant (an all-zero column is
  ///   constant: weight 0).
  public static func entropy(_ table: CriteriaTable) throws(WeightingError)
    -> CriteriaWeights
  {
    let m = table.rows
    guard m >= 2 else {
      throw .degenerate("entropy weights need at least two alternatives")
    }
    var d = [Double](repeating: 0, count: table.columns)
    var constant: [Int] = []
    for j in 0..<table.columns {
      let x = table.column(j)
      guard let low = x.min(), low >= 0 else {
        // The column is a slice of the whole table: its first row is at
        // its start index, not at 0.
        throw .cell(
          row: (x.firstIndex { !($0 >= 0) } ?? x.startIndex) - x.startIndex,
          criterion: j,
          "entropy takes shares of values ≥ 0 (weigh by critic or sd, which normalise first, or shift the column)"
        )
      }
      let total = x.reduce(0, +)
      // All 0 is as constant as all 5: no shares to spread, weight 0.
      if total == 0 || x.max() == low {
        constant.append(j)
        continue
      }
      var h = 0.0
      for v in x where v > 0 {
        let p = v / total
        h -= p * log(p)
      }
      d[j] = max(0, 1 - h / log(Double(m)))
    }
    return try normalised(d, "entropy", constant: constant)
  }

  /// CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995): on the
  /// min-max normalised criteria, Cⱼ = σⱼ Σₖ (1 − rⱼₖ), σ the standard
  /// deviation and r Pearson's correlation, wⱼ = Cⱼ / Σ C.
  ///
  /// The direction convention: by default the normalisation honours each
  /// criterion's type (a cost is turned around, so its correlations change
  /// sign). `honouringTypes: false` normalises every criterion as a
  /// benefit, the variant whose numbers Tuş & Adalı (2019) published.
  /// A constant criterion gets weight 0 and is left out of the others'
  /// sums (its correlation is undefined).
  public static func critic(_ table: CriteriaTable, honouringTypes: Bool = true)
    throws(WeightingError) -> CriteriaWeights
  {
    var source = table
    if !honouringTypes {
      source.types = [CriterionType](repeating: .benefit, count: table.columns)
    }
    let normal = try Normalisation.unit.apply(source)
    let varying = (0..<table.columns).filter { !normal.constant.contains($0) }
    guard !varying.isEmpty else {
      throw .degenerate(
        "every criterion is the same for every alternative: CRITIC has no contrast to weigh"
      )
    }
    let z = normal.table
    let sd = (0..<table.columns).map { Self.deviation(Array(z.column($0))) }
    var c = [Double](repeating: 0, count: table.columns)
    for j in varying {
      var conflict = 0.0
      for k in varying {
        conflict += 1 - Self.correlation(Array(z.column(j)), Array(z.column(k)))
      }
      c[j] = sd[j] * conflict
    }
    guard c.reduce(0, +) > 0 else {
      // Conflict is 1 − r summed over the other varying criteria: none
      // when only one varies, or when those that vary move together.
      throw .degenerate(
        varying.count == 1
          ? "only criterion \(varying[0] + 1) varies: CRITIC weighs the conflict between criteria that vary, and there is none"
          : "the criteria that vary are perfectly correlated (r = 1 between each pair): CRITIC finds no conflict to weigh"
      )
    }
    return try normalised(
      c, honouringTypes ? "CRITIC" : "CRITIC (types ignored)",
      constant: normal.constant)
  }

  /// Standard-deviation weights: wⱼ ∝ σⱼ of the min-max normalised
  /// criteria (the spread each criterion brings).
  public static func standardDeviation(_ table: CriteriaTable)
    throws(WeightingError) -> CriteriaWeights
  {
    let normal = try Normalisation.unit.apply(table)
    let sd = (0..<table.columns).map {
      normal.constant.contains($0)
        ? 0 : Self.deviation(Array(normal.table.column($0)))
    }
    return try normalised(sd, "standard deviation", constant: normal.constant)
  }

  /// PCA weights: the squared loadings of the first principal component
  /// of the correlation matrix of the criteria (LAPACK dsyevd), which sum
  /// to 1. The component's sign is chosen so that its loadings sum to
  /// ≥ 0; the weights, being squares, do not depend on it. Constant
  /// criteria get 0 and are left out of the correlation matrix.
  public static func pca(_ table: CriteriaTable) throws(WeightingError)
    -> CriteriaWeights
  {
    let normal = try Normalisation.unit.apply(table)
    let varying = (0..<table.columns).filter { !normal.constant.contains($0) }
    guard varying.count >= 1, table.rows >= 2 else {
      throw .degenerate(
        "PCA weights need two alternatives and a criterion that varies")
    }
    let k = varying.count
    var r = Matrix(rows: k, columns: k)
    for (a, j) in varying.enumerated() {
      for (b, l) in varying.enumerated() {
        r[a, b] =
          a == b
          ? 1
          : Self.correlation(
            Array(normal.table.column(j)), Array(normal.table.column(l)))
      }
    }
    let eigen: SymmetricEigen
    do { eigen = try SymmetricEigen(r) } catch {
      throw .degenerate(
        "the correlation matrix could not be decomposed: \(error)")
    }
    if k > 1, eigen.values[0] - eigen.values[1] <= 1e-9 * abs(eigen.values[0]) {
      throw .degenerate(
        "the two largest eigenvalues of the correlation matrix are equal: the first principal component is not unique (the criteria are uncorrelated, or equally correlated), so PCA gives no weights"
      )
    }
    var w = [Double](repeating: 0, count: table.columns)
    for (a, j) in varying.enumerated() {
      let loading = eigen.vectors[a, 0]
      w[j] = loading * loading
    }
    return try normalised(w, "PCA (first component)", constant: normal.constant)
  }

  /// The population standard deviation.
  static func deviation(_ x: [Double]) -> Double {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
  }

  /// Pearson's correlation of two varying series.
  static func correlation(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in x.indices {
      sxy += (x[i] - mx) * (y[i] - my)
      sxx += (x[i] - mx) * (x[i] - mx)
      syy += (y[i] - my) * (y[i] - my)
    }
    return sxy / (sxx * syy).squareRoot()
  }

  /// Scales to sum 1.
  static func normalised(_ raw: [Double], _ method: String, constant: [Int])
    throws(WeightingError) -> CriteriaWeights
  {
    let total = raw.reduce(0, +)
    guard total > 0, total.isFinite else {
      throw .degenerate(
        "\(method) gives no criterion any weight: every criterion is constant")
    }
    return CriteriaWeights(
      values: raw.map { $0 / total }, method: method, constant: constant)
  }
}

/// A weighting of a table by name, as settings and the command line give
/// it.
public enum WeightMethod: String, Sendable, CaseIterable {
  case entropy
  case critic
  case criticIgnoringTypes = "critic-ignoring-types"
  case sd
  case pca
  case equal

  /// The names, for messages.
  public static var names: String {
    allCases.map(\.rawValue).joined(separator: ", ")
  }

  public func weights(_ table: CriteriaTable) throws(WeightingError)
    -> CriteriaWeights
  {
    switch self {
    case .entropy: try ObjectiveWeights.entropy(table)
    case .critic: try ObjectiveWeights.critic(table)
    case .criticIgnoringTypes:
      try ObjectiveWeights.critic(table, honouringTypes: false)
    case .sd: try ObjectiveWeights.standardDeviation(table)
    case .pca: try ObjectiveWeights.pca(table)
    case .equal: try SubjectiveWeights.equal(table.columns)
    }
  }
}
