import COpenBLAS

/// A linear least-squares fit y ≈ X·β, with what prediction bounds need.
public struct LinearFit: Sendable {
  /// β, one per column of the design.
  public var coefficients: [Double]
  public var fitted: [Double]
  public var residuals: [Double]
  /// Σ wᵢ rᵢ² and Σ wᵢ (yᵢ − ȳ_w)² (weights 1 for an unweighted fit).
  public var residualSumOfSquares: Double
  public var totalSumOfSquares: Double
  /// n − p.
  public var degreesOfFreedom: Int
  /// (XᵀWX)⁻¹, p × p: times σ², the covariance of β.
  public var unscaledCovariance: Matrix
  /// The weights used (all 1 for ordinary least squares).
  public var weights: [Double]

  /// 1 − RSS / TSS; for a fit with an intercept, the share of variance
  /// explained. 0 when y does not vary.
  public var rSquared: Double {
    totalSumOfSquares > 0 ? 1 - residualSumOfSquares / totalSumOfSquares : 0
  }

  /// The residual standard error √(RSS / (n − p)).
  public var sigma: Double {
    degreesOfFreedom > 0
      ? (residualSumOfSquares / Double(degreesOfFreedom)).squareRoot() : 0
  }

  /// The prediction at design row `x`, and the bounds within which a new
  /// observation falls with probability `level`:
  /// ŷ ± t_{n−p, (1+level)/2} · σ · √(1 + xᵀ(XᵀX)⁻¹x)
  /// (for a weighted fit, a new observation of weight 1).
  public func prediction(at x: [Double], level: Double = 0.95) -> (
    value: Double, low: Double, high: Double
  ) {
    let t =
      degreesOfFreedom > 0
      ? StudentT.quantile(
        (1 + level) / 2, degreesOfFreedom: Double(degreesOfFreedom))
      : 0
    return prediction(at: x, t: t)
  }

  /// `prediction(at:level:)` with the t quantile given, for many
  /// predictions from one fit.
  public func prediction(at x: [Double], t: Double) -> (
    value: Double, low: Double, high: Double
  ) {
    precondition(x.count == coefficients.count, "one value per coefficient")
    var value = 0.0
    for j in x.indices { value += x[j] * coefficients[j] }
    var leverage = 0.0
    for i in x.indices {
      for j in x.indices { leverage += x[i] * unscaledCovariance[i, j] * x[j] }
    }
    guard degreesOfFreedom > 0 else { return (value, value, value) }
    let half = t * sigma * (1 + leverage).squareRoot()
    return (value, value - half, value + half)
  }
}

/// Linear least squares on LAPACK: `dgelsd` (SVD, so a design whose
/// columns are not independent is found and reported, never solved into
/// nonsense), the covariance from `dsyrk` + `dpotrf` + `dpotri`, and
/// Huber's robust fit by iteratively reweighted least squares.
public enum LeastSquares {
  /// Fits y ≈ X·β, minimising Σ wᵢ (yᵢ − xᵢβ)².
  ///
  /// - Parameters:
  ///   - design: n × p, column-major (a column of ones for an intercept).
  ///   - weights: wᵢ > 0, or nil for ordinary least squares.
  /// - Throws: `.tooFewObservations` when n ≤ p, `.rankDeficient` when the
  ///   columns are not independent.
  public static func fit(
    _ design: Matrix, _ y: [Double], weights: [Double]? = nil
  ) throws(NumericsError) -> LinearFit {
    let n = design.rows
    let p = design.columns
    precondition(y.count == n, "one y per row")
    guard n > p else { throw .tooFewObservations(n, needed: p + 1) }
    let w = weights ?? [Double](repeating: 1, count: n)
    precondition(w.count == n && w.allSatisfy { $0 > 0 }, "weights > 0")

    // Rows scaled by √w turn the weighted problem into an ordinary one.
    var a = design
    var b = y
    for i in 0..<n {
      let s = w[i].squareRoot()
      b[i] *= s
      for j in 0..<p { a[i, j] *= s }
    }
    let scaled = a
    let m32 = try BLAS.int32(n)
    let p32 = try BLAS.int32(p)
    var singular = [Double](repeating: 0, count: p)
    var rank: Int32 = 0
    let info = a.storage.withUnsafeMutableBufferPointer { aBuffer in
      b.withUnsafeMutableBufferPointer { bBuffer in
        singular.withUnsafeMutableBufferPointer { sBuffer in
          LAPACKE_dgelsd(
            LAPACK_COL_MAJOR, m32, p32, 1, aBuffer.baseAddress, m32,
            bBuffer.baseAddress, m32, sBuffer.baseAddress, 1e-10, &rank)
        }
      }
    }
    guard info == 0 else { throw .lapack("dgelsd", info) }
    guard Int(rank) == p else {
      throw .rankDeficient(rank: Int(rank), columns: p)
    }
    let beta = Array(b.prefix(p))

    var fitted = [Double](repeating: 0, count: n)
    var residuals = [Double](repeating: 0, count: n)
    var rss = 0.0
    var weightSum = 0.0
    var weightedY = 0.0
    for i in 0..<n {
      var value = 0.0
      for j in 0..<p { value += design[i, j] * beta[j] }
      fitted[i] = value
      residuals[i] = y[i] - value
      rss += w[i] * residuals[i] * residuals[i]
      weightSum += w[i]
      weightedY += w[i] * y[i]
    }
    let mean = weightedY / weightSum
    var tss = 0.0
    for i in 0..<n { tss += w[i] * (y[i] - mean) * (y[i] - mean) }

    let covariance = try inverseGram(scaled)
    return LinearFit(
      coefficients: beta, fitted: fitted, residuals: residuals,
      residualSumOfSquares: rss, totalSumOfSquares: tss,
      degreesOfFreedom: n - p, unscaledCovariance: covariance, weights: w)
  }

  /// (AᵀA)⁻¹ by a Cholesky factorisation of AᵀA (`dsyrk`, `dpotrf`,
  /// `dpotri`).
  static func inverseGram(_ a: Matrix) throws(NumericsError) -> Matrix {
    let n32 = try BLAS.int32(a.rows)
    let p = a.columns
    let p32 = try BLAS.int32(p)
    var gram = Matrix(rows: p, columns: p)
    a.storage.withUnsafeBufferPointer { aBuffer in
      gram.storage.withUnsafeMutableBufferPointer { gBuffer in
        cblas_dsyrk(
          CblasColMajor, CblasUpper, CblasTrans, p32, n32, 1,
          aBuffer.baseAddress,
          n32, 0, gBuffer.baseAddress, p32)
      }
    }
    var info = gram.storage.withUnsafeMutableBufferPointer { g in
      LAPACKE_dpotrf(
        LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), p32, g.baseAddress, p32)
    }
    guard info == 0 else {
      throw .rankDeficient(rank: Int(info) - 1, columns: p)
    }
    info = gram.storage.withUnsafeMutableBufferPointer { g in
      LAPACKE_dpotri(
        LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), p32, g.baseAddress, p32)
    }
    guard info == 0 else { throw .lapack("dpotri", info) }
    for j in 0..<p {
      for i in (j + 1)..<p where i < p { gram[i, j] = gram[j, i] }
    }
    return gram
  }

  /// The outcome of a robust fit.
  public struct RobustFit: Sendable {
    public var fit: LinearFit
    public var iterations: Int
    public var converged: Bool
  }

  /// Huber's M-estimate by iteratively reweighted least squares (Huber
  /// 1964; Holland & Welsch 1977): residuals are scaled by
  /// s = 1.4826 · median |rᵢ| (the MAD about 0, re-estimated each step,
  /// as statsmodels' RLM does), and a row whose scaled residual u
  /// exceeds k gets weight k / |u| (k = 1.345 keeps 95 % efficiency
  /// under normal errors). Stops when no coefficient moves by more than
  /// `tolerance` relative to its size.
  public static func huber(
    _ design: Matrix, _ y: [Double], k: Double = 1.345,
    maximumIterations: Int = 50, tolerance: Double = 1e-8
  ) throws(NumericsError) -> RobustFit {
    var fit = try Self.fit(design, y)
    for iteration in 1...maximumIterations {
      var absolute = fit.residuals.map(abs)
      absolute.sort()
      let scale =
        absolute.withUnsafeBufferPointer { Summary.median($0) }
        * Summary.normalScale
      guard scale > 0 else {
        return RobustFit(fit: fit, iterations: iteration, converged: true)
      }
      let weights = fit.residuals.map { r -> Double in
        let u = abs(r) / scale
        return u <= k ? 1 : k / u
      }
      let next = try Self.fit(design, y, weights: weights)
      let moved = zip(next.coefficients, fit.coefficients).allSatisfy {
        abs($0 - $1) <= tolerance * max(1, abs($1))
      }
      fit = next
      if moved {
        return RobustFit(fit: fit, iterations: iteration, converged: true)
      }
    }
    return RobustFit(fit: fit, iterations: maximumIterations, converged: false)
  }
}
