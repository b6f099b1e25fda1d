/// The Sobol low-discrepancy sequence in up to 4,096 dimensions, with the
/// direction numbers of Joe and Kuo (2008), file new-joe-kuo-6.21201.
///
/// Point n has coordinates in [0, 1), one per dimension. In dimension j
/// with primitive polynomial xˢ + a₁xˢ⁻¹ + … + aₛ₋₁x + 1 and initial
/// numbers m₁ … mₛ (odd, mₖ < 2ᵏ), the direction numbers are
/// vₖ = mₖ / 2ᵏ for k ≤ s and, beyond, the recurrence of Bratley and Fox
/// (1988) in Joe and Kuo's notation:
///
///     vₖ = vₖ₋ₛ ⊕ (vₖ₋ₛ / 2ˢ) ⊕ a₁vₖ₋₁ ⊕ … ⊕ aₛ₋₁vₖ₋ₛ₊₁
///
/// (⊕ is XOR of the binary fractions). Dimension 1 has every mₖ = 1, the
/// van der Corput sequence. Point n is xₙ = g₁v₁ ⊕ g₂v₂ ⊕ …, where gₖ are
/// the bits of the Gray code g = n ⊕ ⌊n/2⌋ (Antonov and Saleev 1979), so
/// consecutive points differ by one direction number: xₙ₊₁ = xₙ ⊕ v_c,
/// c − 1 the number of trailing ones of n. The numbers are held to 52 bits,
/// so every coordinate is an exact double k / 2⁵² and the sequence runs to
/// 2⁵² points without repeating.
///
///     var sobol = SobolSequence(dimension: 2)
///     sobol.next()  // [0, 0]
///     sobol.next()  // [0.5, 0.5]
///     sobol.next()  // [0.75, 0.25]
///
/// Properties to rely on: for every k, points 0 ..< 2ᵏ put exactly one
/// coordinate in each interval [i/2ᵏ, (i+1)/2ᵏ) of every dimension, and the
/// points are the same as scipy.stats.qmc.Sobol(scramble=False) and Joe
/// and Kuo's sobol.cc give (which skips point 0). Properties *not* to
/// assume: the points are not random (no seed, no independence); equal
/// spread in one dimension does not mean equal spread in every projection,
/// and high dimensions with few points can be poorly covered.
///
/// Blocks of the sequence can be made independently: `skip(to:)` places
/// the sequence at any point in O(dimension × 52), so parallel workers each
/// produce their own block and the whole does not depend on how many there
/// are.
///
/// - Complexity: O(dimension) per point.
public struct SobolSequence: Sendable {
  /// The most dimensions the embedded table covers.
  public static let maximumDimension = 4_096

  /// Bits of each coordinate; also log₂ of the number of distinct points.
  public static let precision = 52

  /// The number of coordinates of each point.
  public let dimension: Int

  /// Whether the point (0, …, 0) is left out, so that the sequence starts
  /// at (0.5, …, 0.5) as Joe and Kuo's sobol.cc does.
  public let skipsFirstPoint: Bool

  /// The number of the point `next` returns, counted from 0 among the
  /// points this sequence gives (so after the skipped first point, if it
  /// is skipped).
  public private(set) var position: Int

  /// Direction number k (0-based) of dimension j at `k * dimension + j`,
  /// as an integer numerator over 2⁵²: one row per k, so a step touches
  /// one contiguous row.
  private let directions: [UInt64]

  /// The numerators of the next point.
  private var numerators: [UInt64]

  /// The first `dimension` dimensions of the Sobol sequence, at point 0.
  ///
  /// - Parameters:
  ///   - dimension: 1 to `maximumDimension`.
  ///
  ///   - skipsFirstPoint: leave out the all-zero point 0 (default false:
  ///     the first 2ᵏ points then keep their one-per-interval balance,
  ///     which Owen (2020), "On dropping the first Sobol' point", shows is
  ///     lost by dropping it).
  public init(dimension: Int, skipsFirstPoint: Bool = false) {
    precondition(
      (1...Self.maximumDimension).contains(dimension),
      "the Sobol dimension must be between 1 and \(Self.maximumDimension)")
    self.dimension = dimension
    self.skipsFirstPoint = skipsFirstPoint
    self.position = 0
    self.directions = Self.directionNumbers(dimension: dimension)
    self.numerators = [UInt64](repeating: 0, count: dimension)
    skip(to: 0)
  }

  /// The next point, as a new array of `dimension` coordinates.
  public mutating func next() -> [Double] {
    var point = [Double](repeating: 0, count: dimension)
    next(into: &point)
    return point
  }

  /// Writes the next point into `point`, which must hold `dimension`
  /// values.
  public mutating func next(into point: inout [Double]) {
    point.withUnsafeMutableBufferPointer { next(into: $0) }
  }

  /// Writes the next point into `point`, which must hold `dimension`
  /// values; the form for writing straight into a larger buffer.
  public mutating func next(into point: UnsafeMutableBufferPointer<Double>) {
    precondition(point.count == dimension, "the buffer must hold one point")
    let raw = rawIndex
    precondition(raw < Self.pointCount, "the Sobol sequence is exhausted")
    let d = dimension
    // Step to the next point's numerators as this one is written out:
    // Gray codes of n and n + 1 differ in bit c, the trailing ones of n.
    let c = (~raw).trailingZeroBitCount
    let row = min(c, Self.precision - 1) * d
    directions.withUnsafeBufferPointer { v in
      numerators.withUnsafeMutableBufferPointer { x in
        for j in 0..<d {
          point[j] = Double(x[j]) * 0x1p-52
          x[j] ^= v[row + j]
        }
      }
    }
    position += 1
  }

  /// Places the sequence so that `next` returns point `position`.
  ///
  /// - Complexity: O(dimension × 52).
  public mutating func skip(to position: Int) {
    precondition(position >= 0, "a Sobol position is ≥ 0")
    self.position = position
    let raw = rawIndex
    precondition(raw < Self.pointCount, "the Sobol sequence is exhausted")
    let gray = raw ^ (raw >> 1)
    for j in 0..<dimension { numerators[j] = 0 }
    for k in 0..<Self.precision where gray & (1 << k) != 0 {
      for j in 0..<dimension { numerators[j] ^= directions[k * dimension + j] }
    }
  }

  /// Moves the sequence `count` points ahead (or back, if negative).
  public mutating func jump(by count: Int) {
    skip(to: position + count)
  }

  /// The index of the next point in the full sequence, counting point 0
  /// whether or not it is skipped.
  private var rawIndex: Int { position + (skipsFirstPoint ? 1 : 0) }

  private static let pointCount = 1 << precision

  /// Direction numbers as numerators over 2⁵², laid out as `directions`.
  private static func directionNumbers(dimension d: Int) -> [UInt64] {
    let bits = precision
    var v = [UInt64](repeating: 0, count: bits * d)
    // Dimension 1: every m is 1, so vₖ = 2⁻ᵏ.
    for k in 0..<bits { v[k * d] = 1 << UInt64(bits - 1 - k) }
    let table = JoeKuoTable.shared
    for j in 1..<d {
      let entry = table.entries[j - 1]
      let s = entry.initial.count
      for k in 0..<min(s, bits) {
        v[k * d + j] = entry.initial[k] << UInt64(bits - 1 - k)
      }
      guard s < bits else { continue }
      for k in s..<bits {
        var value = v[(k - s) * d + j]
        value ^= value >> UInt64(s)
        // aᵢ multiplies vₖ₋ᵢ; a's bits run from a₁ (highest) to aₛ₋₁.
        for i in 1..<s where (entry.coefficients >> UInt64(s - 1 - i)) & 1 == 1
        {
          value ^= v[(k - i) * d + j]
        }
        v[k * d + j] = value
      }
    }
    return v
  }
}

/// Joe and Kuo's direction numbers, read once from the embedded text.
struct JoeKuoTable: Sendable {
  struct Entry: Sendable {
    /// The polynomial's inner coefficients a₁ … aₛ₋₁ as bits, a₁ highest.
    let coefficients: UInt64
    /// m₁ … mₛ.
    let initial: [UInt64]
  }

  /// Dimensions 2, 3, …, in order.
  let entries: [Entry]

  static let shared = JoeKuoTable(text: SobolSequence.joeKuoTable)

  /// Parses lines of decimal numbers "a m₁ … mₛ"; the table is fixed data
  /// checked by the tests, so a malformed line is a build defect.
  init(text: String) {
    var entries: [Entry] = []
    entries.reserveCapacity(SobolSequence.maximumDimension)
    var numbers: [UInt64] = []
    var current: UInt64 = 0
    var inNumber = false
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        current = current * 10 + UInt64(byte - UInt8(ascii: "0"))
        inNumber = true
      default:
        if inNumber { numbers.append(current) }
        current = 0
        inNumber = false
        if byte == UInt8(ascii: "\n"), !numbers.isEmpty {
          entries.append(Self.entry(numbers))
          numbers.removeAll(keepingCapacity: true)
        }
      }
    }
    if inNumber { numbers.append(current) }
    if !numbers.isEmpty { entries.append(Self.entry(numbers)) }
    self.entries = entries
  }

  private static func entry(_ numbers: [UInt64]) -> Entry {
    precondition(numbers.count >= 2, "a table line holds a and m₁ … mₛ")
    return Entry(coefficients: numbers[0], initial: Array(numbers[1...]))
  }
}
