import COpenBLAS

/// Eigenvalues and eigenvectors of a symmetric matrix, by LAPACK's
/// divide and conquer (`dsyevd`), largest first.
public struct SymmetricEigen: Sendable {
  /// Eigenvalues, largest first.
  public var values: [Double]
  /// Eigenvectors, column k for `values[k]`, each of unit length.
  public var vectors: Matrix

  /// - Throws: `NumericsError` when the matrix is not square or LAPACK
  ///   fails.
  public init(_ a: Matrix) throws(NumericsError) {
    guard a.rows == a.columns else {
      throw .notSquare(rows: a.rows, columns: a.columns)
    }
    let n = a.rows
    let n32 = try BLAS.int32(n)
    var work = a.storage
    var w = [Double](repeating: 0, count: n)
    let info = work.withUnsafeMutableBufferPointer { aBuffer in
      w.withUnsafeMutableBufferPointer { wBuffer in
        LAPACKE_dsyevd(
          LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
          n32, aBuffer.baseAddress, n32, wBuffer.baseAddress)
      }
    }
    guard info == 0 else { throw .lapack("dsyevd", info) }
    // dsyevd orders eigenvalues ascending; turn both around.
    values = w.reversed()
    var v = Matrix(rows: n, columns: n)
    for k in 0..<n {
      for i in 0..<n { v[i, k] = work[(n - 1 - k) * n + i] }
    }
    vectors = v
  }
}
