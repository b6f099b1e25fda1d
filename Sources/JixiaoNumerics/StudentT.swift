#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Student's t distribution, for prediction and confidence bounds.
///
/// The CDF is written through the regularised incomplete beta function,
/// F(t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (Abramowitz & Stegun
/// 26.7.1, 26.5.27); I is evaluated by its continued fraction (A&S
/// 26.5.8) with the modified Lentz method, and the quantile by bisection
/// of the CDF, which is monotone, to full double precision.
public enum StudentT {
  public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    precondition(nu > 0, "degrees of freedom must be positive")
    guard t.isFinite else { return t > 0 ? 1 : 0 }
    let x = nu / (nu + t * t)
    let tail = 0.5 * incompleteBeta(x, nu / 2, 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// The p-quantile (0 < p < 1).
  public static func quantile(_ p: Double, degreesOfFreedom nu: Double)
    -> Double
  {
    precondition(p > 0 && p < 1, "p must be strictly between 0 and 1")
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
    var low = 0.0
    var high = 1.0
    while cdf(high, degreesOfFreedom: nu) < p { high *= 2 }
    for _ in 0..<200 {
      let middle = (low + high) / 2
      if middle == low || middle == high { break }
      if cdf(middle, degreesOfFreedom: nu) < p {
        low = middle
      } else {
        high = middle
      }
    }
    return (low + high) / 2
  }

  /// The regularised incomplete beta function I_x(a, b).
  static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront =
      lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x)
    let front = exp(logFront)
    // The continued fraction converges fast for x < (a + 1) / (a + b + 2);
    // otherwise use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1) / (a + b + 2) {
      return front * continuedFraction(x, a, b) / a
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b
  }

  /// The continued fraction of A&S 26.5.8, by the modified Lentz method.
  private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double)
    -> Double
  {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...1_000 {
      let m = Double(m)
      // Even step.
      var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      // Odd step.
      numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return h
  }
}
