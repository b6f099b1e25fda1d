/// A dense matrix of doubles in column-major order, ready for BLAS.
///
/// Element (i, j) is at `storage[i + j * rows]`: a column is contiguous, the
/// layout LAPACK expects, so no transposed copies are made on the way to C.
///
///     var m = Matrix(rows: 2, columns: 3)
///     m[1, 2] = 5
///     m.column(2)  // [0, 5]
public struct Matrix: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  public var storage: [Double]

  /// A matrix of zeros.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be ≥ 0")
    self.rows = rows
    self.columns = columns
    self.storage = [Double](repeating: 0, count: rows * columns)
  }

  /// A matrix over existing column-major storage.
  public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
    precondition(
      storage.count == rows * columns, "storage must hold rows × columns values"
    )
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// A matrix from rows of values, as written in a paper.
  public init(rowsOf values: [[Double]]) {
    let rows = values.count
    let columns = values.first?.count ?? 0
    precondition(
      values.allSatisfy { $0.count == columns }, "rows must have equal length")
    var m = Matrix(rows: rows, columns: columns)
    for i in 0..<rows {
      for j in 0..<columns { m[i, j] = values[i][j] }
    }
    self = m
  }

  public subscript(row: Int, column: Int) -> Double {
    get { storage[row + column * rows] }
    set { storage[row + column * rows] = newValue }
  }

  /// A copy of one column.
  public func column(_ j: Int) -> [Double] {
    Array(storage[(j * rows)..<((j + 1) * rows)])
  }
}
