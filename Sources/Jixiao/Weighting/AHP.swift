import Foundation

/// The analytic hierarchy process (Saaty 1980): priorities from a
/// pairwise comparison matrix A (aᵢⱼ: how much more i matters than j, on
/// the 1–9 scale, aⱼᵢ = 1/aᵢⱼ), with its consistency.
public enum AHP {
  /// How the priorities are taken from A.
  public enum Method: String, Sendable, CaseIterable {
    /// The principal (Perron) eigenvector, by power iteration to 1e-15.
    case eigenvector
    /// Row geometric means, normalised (Crawford & Williams 1985).
    case geometricMean = "geometric-mean"
    /// Columns normalised to sum 1, rows averaged (和积法).
    case columnAverage = "column-average"
  }

  /// A table of random indices RI(n), the mean CI of random reciprocal
  /// matrices of order n.
  public struct RandomIndex: Sendable, Equatable {
    public var name: String
    /// RI(1), RI(2), … in order.
    public var values: [Double]

    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }

    /// Saaty (1980), n = 1 … 15, as his table prints them (RI(12) = 1.48
    /// below RI(11) = 1.51 included).
    public static let saaty1980 = RandomIndex(
      name: "Saaty 1980",
      values: [
        0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56,
        1.57, 1.59,
      ])
    /// Alonso & Lamata (2006), 100,000 random matrices per order,
    /// n = 1 … 15.
    public static let alonsoLamata2006 = RandomIndex(
      name: "Alonso–Lamata 2006",
      values: [
        0, 0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854,
        1.5141, 1.5365, 1.5551, 1.5713, 1.5838,
      ])

    /// RI(n), nil beyond the table.
    public func callAsFunction(_ n: Int) -> Double? {
      n >= 1 && n <= values.count ? values[n - 1] : nil
    }
  }

  public struct Result: Sendable, Equatable {
    public var weights: [Double]
    public var method: Method
    /// λmax = (1/n) Σᵢ (Aw)ᵢ / wᵢ for the weights found (for the
    /// eigenvector, its eigenvalue).
    public var lambdaMax: Double
    /// CI = (λmax − n)/(n − 1); 0 for n ≤ 2.
    public var consistencyIndex: Double
    /// The random-index table and RI(n); nil RI when the table stops
    /// before n.
    public var randomIndex: RandomIndex
    public var ri: Double?
    /// CR = CI / RI(n); nil when n ≤ 2 (always consistent) or RI(n) is not
    /// in the table.
    public var consistencyRatio: Double?
    /// Why CR is absent, for output.
    public var note: String?
  }

  /// Priorities and consistency of `matrix` (rows of A).
  ///
  /// - Throws: `WeightingError.notPairwise` for a matrix that is not
  ///   square, has an entry ≤ 0 or not finite, a diagonal other than 1,
  ///   or a pair with aᵢⱼ · aⱼᵢ ≠ 1 (to 1e-6); it names the entries.
  public static func evaluate(
    _ matrix: [[Double]], method: Method = .eigenvector,
    randomIndex: RandomIndex = .saaty1980
  ) throws(WeightingError) -> Result {
    let n = matrix.count
    try check(matrix)
    var w: [Double]
    switch method {
    case .eigenvector:
      w = [Double](repeating: 1 / Double(n), count: n)
      for _ in 0..<100_000 {
        var next = multiply(matrix, w)
        let total = next.reduce(0, +)
        next = next.map { $0 / total }
        let change = zip(next, w).reduce(0) { max($0, abs($1.0 - $1.1)) }
        w = next
        if change < 1e-15 { break }
      }
    case .geometricMean:
      w = matrix.map { row in exp(row.reduce(0) { $0 + log($1) } / Double(n)) }
    case .columnAverage:
      let sums = (0..<n).map { j in matrix.reduce(0) { $0 + $1[j] } }
      w = matrix.map { row in
        (0..<n).reduce(0) { $0 + row[$1] / sums[$1] } / Double(n)
      }
    }
    let total = w.reduce(0, +)
    w = w.map { $0 / total }
    let aw = multiply(matrix, w)
    let lambda = (0..<n).reduce(0) { $0 + aw[$1] / w[$1] } / Double(n)
    let ci = n > 2 ? (lambda - Double(n)) / Double(n - 1) : 0
    let ri = randomIndex(n)
    var cr: Double?
    var note: String?
    if n <= 2 {
      note = "a matrix of order \(n) is always consistent"
    } else if let ri, ri > 0 {
      cr = ci / ri
    } else if let ri {
      note =
        "\(randomIndex.name) gives RI(\(n)) = \(Diagnostic.number(ri)); CR = CI/RI is not defined"
    } else {
      note =
        "\(randomIndex.name) gives RI up to n = \(randomIndex.values.count); CR of order \(n) is not defined"
    }
    return Result(
      weights: w, method: method, lambdaMax: lambda, consistencyIndex: ci,
      randomIndex: randomIndex, ri: ri, consistencyRatio: cr, note: note)
  }

  /// Several experts' matrices pooled entry by entry by the geometric
  /// mean (Aczél & Saaty 1983), which keeps the result reciprocal.
  public static func pool(_ matrices: [[[Double]]]) throws(WeightingError)
    -> [[Double]]
  {
    guard let first = matrices.first else {
      throw .shape("pooling needs at least one matrix")
    }
    for (k, m) in matrices.enumerated() {
      guard m.count == first.count else {
        throw .shape(
          "matrix \(k + 1) is of order \(m.count), the first of \(first.count)")
      }
      do { try check(m) } catch {
        throw .notPairwise("matrix \(k + 1): \(error)")
      }
    }
    let n = first.count
    let e = Double(matrices.count)
    return (0..<n).map { i in
      (0..<n).map { j in exp(matrices.reduce(0) { $0 + log($1[i][j]) } / e) }
    }
  }

  static func check(_ a: [[Double]]) throws(WeightingError) {
    let n = a.count
    guard n >= 1 else { throw .notPairwise("the matrix is empty") }
    for (i, row) in a.enumerated() {
      guard row.count == n else {
        throw .notPairwise(
          "row \(i + 1) has \(row.count) entries in a matrix of order \(n)")
      }
      for (j, x) in row.enumerated() {
        guard x.isFinite, x > 0 else {
          throw .notPairwise(
            "entry (\(i + 1), \(j + 1)) is \(Diagnostic.number(x)); judgements are numbers above 0"
          )
        }
      }
      guard abs(row[i] - 1) <= 1e-12 else {
        throw .notPairwise(
          "entry (\(i + 1), \(i + 1)) is \(Diagnostic.number(row[i])); the diagonal is 1"
        )
      }
    }
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) where abs(a[i][j] * a[j][i] - 1) > 1e-6 {
        throw .notPairwise(
          "entries (\(i + 1), \(j + 1)) = \(Diagnostic.number(a[i][j])) and (\(j + 1), \(i + 1)) = \(Diagnostic.number(a[j][i])) "
            + "are not reciprocal (their product is \(Diagnostic.number(a[i][j] * a[j][i])), not 1)"
            + (abs(a[i][j] * a[j][i] - 1) < 0.01
              ? "; write fractions such as 1/3 rather than 0.333" : "")
        )
      }
    }
  }

  static func multiply(_ a: [[Double]], _ w: [Double]) -> [Double] {
    a.map { row in zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } }
  }
}
