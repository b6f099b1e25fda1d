/// Whether more of a criterion is better.
public enum CriterionType: Int8, Sendable, Equatable {
  /// Higher is better (正向指标), type +1.
  case benefit = 1
  /// Lower is better (逆向指标), type −1.
  case cost = -1
}

/// Alternatives (projects, units) × criteria (indicators): the decision
/// matrix of the weighting and scoring methods, held column by column.
public struct CriteriaTable: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  /// Column-major values: criterion j is `values[j*rows ..< (j+1)*rows]`.
  public var values: [Double]
  public var types: [CriterionType]

  /// - Throws: `WeightingError` when a row has another length, a type is
  ///   missing, or a value is not finite.
  public init(rows table: [[Double]], types: [CriterionType])
    throws(WeightingError)
  {
    let m = table.count
    let n = types.count
    guard m > 0, n > 0 else {
      throw .shape("a table needs at least one alternative and one criterion")
    }
    var values = [Double](repeating: 0, count: m * n)
    for (i, row) in table.enumerated() {
      guard row.count == n else {
        throw .shape(
          "alternative \(i + 1) has \(row.count) values for \(n) criteria")
      }
      for (j, x) in row.enumerated() {
        guard x.isFinite else {
          throw .badValue(
            "alternative \(i + 1), criterion \(j + 1) is not a finite number")
        }
        values[j * m + i] = x
      }
    }
    self.rows = m
    self.columns = n
    self.values = values
    self.types = types
  }

  /// Column-major values as they are.
  public init(rows: Int, columns: Int, values: [Double], types: [CriterionType])
  {
    precondition(values.count == rows * columns && types.count == columns)
    self.rows = rows
    self.columns = columns
    self.values = values
    self.types = types
  }

  public subscript(row: Int, column: Int) -> Double {
    get { values[column * rows + row] }
    set { values[column * rows + row] = newValue }
  }

  /// Criterion j.
  public func column(_ j: Int) -> ArraySlice<Double> {
    values[j * rows..<(j + 1) * rows]
  }

  /// Alternative i's values.
  public func row(_ i: Int) -> [Double] {
    (0..<columns).map { values[$0 * rows + i] }
  }
}
