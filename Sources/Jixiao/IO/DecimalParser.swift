#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses decimal numbers straight from UTF-8 bytes, without building Strings.
///
/// Grammar: optional spaces, optional sign, digits with an optional decimal
/// point (at least one digit), optional exponent `e±ddd`, optional spaces.
/// Thousands separators, `%`, `nan` and `inf` are not numbers here.
///
/// Exactness: the result is the double nearest to the decimal, as a
/// correctly rounded `strtod` gives. The fast path is Clinger's (1990): when
/// the significand has at most 15 digits (so it is an exact integer below
/// 2^53) and the power of ten is at most 22 in size (10^22 is exact in
/// binary), one IEEE multiplication or division is correctly rounded, so the
/// result is exact. Everything else goes to the C library's `strtod`.
enum DecimalParser {
  enum Outcome: Equatable {
    case value(Double)
    case empty
    case notANumber
    case outOfRange
  }

  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
    if let value = plainDecimal(bytes) { return .value(value) }
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    if start == end { return .empty }

    var i = start
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var significand: UInt64 = 0
    var digits = 0  // significant digits kept in `significand`
    var dropped = false  // a non-zero digit did not fit
    var scale = 0  // power of ten to apply to `significand`
    var sawDigit = false
    while i < end, isDigit(bytes[i]) {
      sawDigit = true
      accumulate(bytes[i], &significand, &digits, &dropped, &scale)
      i += 1
    }
    if i < end, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < end, isDigit(bytes[i]) {
        sawDigit = true
        accumulate(bytes[i], &significand, &digits, &dropped, &scale)
        scale -= 1
        i += 1
      }
    }
    guard sawDigit else { return .notANumber }
    if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      var exponentNegative = false
      if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")
      {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var exponent = 0
      var sawExponentDigit = false
      while i < end, isDigit(bytes[i]) {
        sawExponentDigit = true
        // Saturate: anything this large is out of range either way.
        if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- 48) }
        i += 1
      }
      guard sawExponentDigit else { return .notANumber }
      scale += exponentNegative ? -exponent : exponent
    }
    guard i == end else { return .notANumber }

    if significand == 0 { return .value(negative ? -0.0 : 0.0) }
    if !dropped, digits <= 15, abs(scale) <= 22 {
      var value = Double(significand)
      if scale >= 0 {
        value *= powersOfTen[scale]
      } else {
        value /= powersOfTen[-scale]
      }
      return .value(negative ? -value : value)
    }
    return slowPath(UnsafeBufferPointer(rebasing: bytes[start..<end]))
  }

  /// The common cell, `-?digits(.digits)?` with at most 15 digits and
  /// nothing around it, in one tight loop (Clinger's exact case); nil for
  /// anything else, which the general parser then reads.
  @inline(__always)
  private static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    let n = b.count
    guard n > 0, n <= 16 else { return nil }
    var i = 0
    let negative = b[0] == UInt8(ascii: "-")
    if negative { i = 1 }
    var significand: UInt64 = 0
    var digits = 0
    var fraction = -1
    while i < n {
      let byte = b[i]
      let digit = byte &- 48
      if digit < 10 {
        significand = significand &* 10 &+ UInt64(digit)
        digits += 1
      } else if byte == UInt8(ascii: "."), fraction < 0 {
        fraction = 0
        i += 1
        continue
      } else {
        return nil
      }
      if fraction >= 0 { fraction += 1 }
      i += 1
    }
    guard digits > 0, digits <= 15, fraction != 0 else { return nil }
    var value = Double(significand)
    if fraction > 0 { value /= powersOfTen[fraction] }
    return negative ? -value : value
  }

  private static func accumulate(
    _ byte: UInt8, _ significand: inout UInt64, _ digits: inout Int,
    _ dropped: inout Bool, _ scale: inout Int
  ) {
    let digit = UInt64(byte &- 48)
    if digits == 0, digit == 0 { return }  // leading zeros carry nothing
    if digits < 19 {
      significand = significand * 10 + digit
      digits += 1
    } else {
      // Beyond 19 digits the value is only used by the slow path; keep
      // track of the magnitude so the fast-path test stays honest.
      if digit != 0 { dropped = true }
      scale += 1
    }
  }

  private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
    var buffer = [CChar](repeating: 0, count: bytes.count + 1)
    for (index, byte) in bytes.enumerated() {
      buffer[index] = CChar(bitPattern: byte)
    }
    let value = buffer.withUnsafeBufferPointer { pointer in
      pointer.baseAddress.map { strtod($0, nil) } ?? .nan
    }
    guard value.isFinite else { return .outOfRange }
    // strtod gives 0 for a literal too small for a double (1e-400): that
    // is out of range, not zero, when the digits before the exponent are
    // not all 0.
    if value == 0 {
      for byte in bytes {
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
        if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
          return .outOfRange
        }
      }
    }
    return .value(value)
  }

  @inline(__always)
  static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
  }
}
