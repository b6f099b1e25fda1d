import COpenBLAS

extension BLAS {
  /// `C = A·B` (dgemm) on column-major blocks given by pointers and
  /// leading dimensions, so that tiles of larger matrices are multiplied
  /// where they lie, without copies: A is m × k, B is k × n, C is m × n.
  ///
  /// The caller keeps the pointers valid and the sizes within their
  /// buffers; the sizes are checked for the 32-bit BLAS interface.
  /// With `transposeA`, A is stored k × m and used as its transpose
  /// (likewise `transposeB`: B stored n × k).
  public static func multiplyTiles(
    m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>,
    ldc: Int, transposeA: Bool = false, transposeB: Bool = false
  ) throws(NumericsError) {
    guard m > 0, n > 0 else { return }
    cblas_dgemm(
      CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans, try int32(m), try int32(n),
      try int32(k), 1.0, a, try int32(lda), b, try int32(ldb), 0.0, c,
      try int32(ldc))
  }
}
