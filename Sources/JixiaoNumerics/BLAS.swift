import COpenBLAS

/// Errors from the numeric core. Data-dependent failures are thrown;
/// caller bugs (mismatched shapes) stop with a precondition.
public enum NumericsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A dimension does not fit the 32-bit integers of the LP64 BLAS build.
  case dimensionTooLarge(Int)
  /// A result that should be finite is not; names what was computed.
  case nonFinite(String)
  /// A least-squares design whose columns are not independent (rank below
  /// the number of columns): for example every x the same.
  case rankDeficient(rank: Int, columns: Int)
  /// Fewer observations than a fit needs.
  case tooFewObservations(Int, needed: Int)
  /// A LAPACK routine reported an error code.
  case lapack(String, Int32)
  /// A square matrix was needed.
  case notSquare(rows: Int, columns: Int)

  public var description: String {
    switch self {
    case .nonFinite(let what):
      "\(what) is not a finite number; the input holds values too large or "
        + "too small to compute with"

    case .dimensionTooLarge(let n):
      "dimension \(n) exceeds the 32-bit range of the BLAS library (LP64 build)"
    case .rankDeficient(let rank, let columns):
      "the design has rank \(rank) but \(columns) columns: its columns are not "
        + "independent (for example every x is the same)"
    case .tooFewObservations(let n, let needed):
      "\(n) observation(s) are too few; the fit needs at least \(needed)"
    case .lapack(let routine, let info):
      "LAPACK's \(routine) failed (info \(info))"
    case .notSquare(let rows, let columns):
      "the matrix is \(rows) × \(columns); a square one is needed"
    }
  }
}

/// Thin, checked entry points into OpenBLAS.
public enum BLAS {
  /// The OpenBLAS kernel family chosen for this CPU, e.g. "Cooperlake".
  public static var coreName: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
  }

  /// The number of threads BLAS uses for one call.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// Sets the BLAS thread count for the whole process.
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(clamping: max(1, count)))
  }

  static func int32(_ n: Int) throws(NumericsError) -> Int32 {
    guard let value = Int32(exactly: n) else { throw .dimensionTooLarge(n) }
    return value
  }

  /// `y = A·x` (dgemv).
  ///
  /// - Complexity: O(rows × columns).
  public static func multiply(_ a: Matrix, _ x: [Double]) throws(NumericsError)
    -> [Double]
  {
    precondition(
      x.count == a.columns, "vector length must equal the column count")
    let m = try int32(a.rows)
    let n = try int32(a.columns)
    let lda = try int32(max(1, a.rows))
    guard a.rows > 0 else { return [] }
    guard a.columns > 0 else { return [Double](repeating: 0, count: a.rows) }
    return [Double](unsafeUninitializedCapacity: a.rows) { y, count in
      a.storage.withUnsafeBufferPointer { aPointer in
        x.withUnsafeBufferPointer { xPointer in
          // beta = 0: BLAS never reads y, so it need not be zero-filled.
          cblas_dgemv(
            CblasColMajor, CblasNoTrans, m, n, 1.0, aPointer.baseAddress, lda,
            xPointer.baseAddress, 1, 0.0, y.baseAddress, 1)
        }
      }
      count = a.rows
    }
  }
}
