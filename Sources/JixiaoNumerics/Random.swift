#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A seeded pseudo-random stream: xoshiro256** (Blackman & Vigna 2018,
/// "Scrambled linear pseudorandom number generators"), seeded through
/// SplitMix64 as its authors recommend.
///
/// Every random number in Jixiao comes from a `RandomStream` passed in, so
/// the same seed gives the same numbers on every run. Independent streams
/// for parallel work come from `RandomStream(seed:stream:)`, which depends
/// only on the two numbers and not on the order or thread that asks, so
/// results do not change with the thread count.
///
///     var random = RandomStream(seed: 42)
///     random.next()  // 0x… the same on every machine
public struct RandomStream: RandomNumberGenerator, Sendable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A stream seeded from one number.
  public init(seed: UInt64) {
    var mix = SplitMix64(state: seed)
    s0 = mix.next()
    s1 = mix.next()
    s2 = mix.next()
    s3 = mix.next()
  }

  /// Stream number `stream` of `seed`: a stream of its own, unrelated to
  /// the others for practical purposes.
  public init(seed: UInt64, stream: UInt64) {
    var mix = SplitMix64(state: seed)
    // Decorrelate (seed, stream) pairs before seeding: one SplitMix64 step
    // of the seed, mixed with the stream number and stepped again.
    let first = mix.next()
    var second = SplitMix64(state: first ^ (stream &* 0xD1B5_4A32_D192_ED03))
    self.init(seed: second.next())
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotate(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotate(s3, 45)
    return result
  }

  @inline(__always)
  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }

  /// A uniform double in [0, 1): the top 53 bits, scaled by 2⁻⁵³.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform double in (0, 1], safe to take the logarithm of.
  public mutating func uniformPositive() -> Double {
    Double((next() >> 11) + 1) * 0x1p-53
  }

  /// A uniform integer in `0 ..< bound` (Lemire's multiply-shift with
  /// rejection, so there is no modulo bias).
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "the bound must be positive")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// A uniform integer in a closed range.
  public mutating func integer(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// A standard normal variate, by the Box–Muller transform (one of the
  /// pair is used, so each call costs two uniforms; simple and exact).
  public mutating func normal() -> Double {
    let u = uniformPositive()
    let v = uniform()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }

  /// Fills `buffer` with standard normal variates by Marsaglia's polar
  /// method: a point (u, v) uniform in the unit disc (drawn in the square
  /// and kept when 0 < s = u² + v² < 1) gives two, u·f and v·f with
  /// f = √(−2 ln s / s). No sine or cosine, so cheaper per variate than
  /// `normal()`, for bulk draws; a different sequence from it.
  public mutating func fillNormal(_ buffer: inout [Double]) {
    var k = 0
    let n = buffer.count
    while k < n {
      let u = 2 * uniform() - 1
      let v = 2 * uniform() - 1
      let s = u * u + v * v
      guard s < 1, s > 0 else { continue }
      let f = (-2 * log(s) / s).squareRoot()
      buffer[k] = u * f
      if k + 1 < n { buffer[k + 1] = v * f }
      k += 2
    }
  }

  /// A gamma variate of shape a > 0 and scale 1, by Marsaglia & Tsang
  /// (2000): for a ≥ 1, d = a − 1/3, c = 1/√(9d), accept d·v with
  /// v = (1 + c·z)³ when ln u < z²/2 + d − d·v + d·ln v; for a < 1, the
  /// variate of a + 1 times u^(1/a).
  public mutating func gamma(shape a: Double) -> Double {
    precondition(a > 0, "a gamma shape must be above 0")
    if a < 1 { return gamma(shape: a + 1) * pow(uniformPositive(), 1 / a) }
    let d = a - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      let z = normal()
      let t = 1 + c * z
      guard t > 0 else { continue }
      let v = t * t * t
      let u = uniformPositive()
      if log(u) < 0.5 * z * z + d - d * v + d * log(v) { return d * v }
    }
  }

  /// The logarithm of a gamma variate of shape a, from the same random
  /// numbers as `gamma(shape:)`: ln G(a + 1) + ln(U)/a below 1, which
  /// stays finite where G(a) itself underflows to 0 (a below about 0.01,
  /// where U^(1/a) is below the smallest double).
  public mutating func logGamma(shape a: Double) -> Double {
    precondition(a > 0, "a gamma shape must be above 0")
    if a < 1 { return logGamma(shape: a + 1) + log(uniformPositive()) / a }
    return log(gamma(shape: a))
  }

  /// A normal variate with mean `mu` and standard deviation `sigma`.
  public mutating func normal(mean mu: Double, deviation sigma: Double)
    -> Double
  {
    mu + sigma * normal()
  }

  /// A log-normal variate: `exp(N(mu, sigma))`, whose median is `exp(mu)`.
  public mutating func logNormal(mu: Double, sigma: Double) -> Double {
    exp(normal(mean: mu, deviation: sigma))
  }

  /// An index drawn with probability proportional to `weights` (≥ 0, not
  /// all zero).
  public mutating func pick(weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    precondition(total > 0, "at least one weight must be positive")
    var u = uniform() * total
    for (index, weight) in weights.enumerated() {
      if u < weight { return index }
      u -= weight
    }
    return weights.lastIndex { $0 > 0 } ?? 0
  }

  /// Whether an event of probability `p` happens.
  public mutating func chance(_ p: Double) -> Bool { uniform() < p }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to seed xoshiro.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
