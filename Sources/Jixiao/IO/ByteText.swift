/// Bytes of UTF-8 text being built: the writers' buffer.
///
/// Numbers are formatted by integer arithmetic into the buffer, without a
/// `String` per value, so writing millions of cells costs a few
/// nanoseconds each.
struct ByteText {
  var bytes: [UInt8] = []

  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  var count: Int { bytes.count }

  mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  @inline(__always)
  mutating func append(_ byte: UInt8) { bytes.append(byte) }

  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { bytes.append(contentsOf: $0) }
  }

  mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: buffer)
  }

  /// A field of a CSV record: quoted (with inner quotes doubled) only when
  /// it holds a comma, a quote or a line break (RFC 4180).
  mutating func appendCSVField(_ text: String) {
    var text = text
    text.withUTF8 { appendCSVField($0) }
  }

  mutating func appendCSVField(_ field: UnsafeBufferPointer<UInt8>) {
    var needsQuotes = false
    for byte in field
    where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    guard needsQuotes else {
      bytes.append(contentsOf: field)
      return
    }
    bytes.append(0x22)
    for byte in field {
      bytes.append(byte)
      if byte == 0x22 { bytes.append(0x22) }
    }
    bytes.append(0x22)
  }

  /// A signed integer in decimal.
  mutating func append(integer value: Int64) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      append(unsigned: value.magnitude)
    } else {
      append(unsigned: UInt64(value))
    }
  }

  mutating func append(unsigned value: UInt64) {
    var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
        rest /= 10
        count += 1
      } while rest > 0
      var i = count - 1
      while i >= 0 {
        bytes.append(buffer[i])
        i -= 1
      }
    }
  }

  /// `value` with exactly `decimals` digits after the point (0…9),
  /// rounded half away from zero; "-0.00" is written as "0.00".
  ///
  /// Values whose scaled magnitude does not fit 2⁶² fall back to the C
  /// library's formatting.
  mutating func append(_ value: Double, decimals: Int) {
    precondition((0...9).contains(decimals), "0 to 9 decimals")
    let scale = Self.powersOfTen[decimals]
    let scaled = (value.magnitude * Double(scale)).rounded(
      .toNearestOrAwayFromZero)
    guard value.isFinite, scaled < 0x1p62 else {
      append(Self.formatted(value, decimals))
      return
    }
    let units = UInt64(scaled)
    if units != 0, value < 0 { bytes.append(UInt8(ascii: "-")) }
    append(unsigned: units / scale)
    guard decimals > 0 else { return }
    bytes.append(UInt8(ascii: "."))
    var fraction = units % scale
    var digits = [UInt8](repeating: 48, count: decimals)
    var i = decimals - 1
    while i >= 0 {
      digits[i] = UInt8(truncatingIfNeeded: fraction % 10) &+ 48
      fraction /= 10
      i -= 1
    }
    bytes.append(contentsOf: digits)
  }

  /// A number for machines: rounded to 10 decimals with trailing zeros
  /// dropped (119.35999999999999 → 119.36), integers without a point.
  /// Ten decimals keep every digit money or a score carries and drop the
  /// noise of binary arithmetic.
  mutating func append(machine value: Double) {
    guard value.isFinite else { return }
    let magnitude = value.magnitude
    if magnitude < 1e15, value == value.rounded() {
      append(integer: Int64(value))
      return
    }
    // 10 decimals of a value below 9e8 fit in 63 bits.
    guard magnitude < 9e8 else {
      append(Self.machineFallback(value))
      return
    }
    let units = UInt64((magnitude * 1e10).rounded(.toNearestOrAwayFromZero))
    if units == 0 {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    append(unsigned: units / 10_000_000_000)
    var fraction = units % 10_000_000_000
    guard fraction > 0 else { return }
    var width = 10
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    bytes.append(UInt8(ascii: "."))
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(48, count: width))
    var i = start + width - 1
    while fraction > 0 {
      bytes[i] = UInt8(truncatingIfNeeded: fraction % 10) &+ 48
      fraction /= 10
      i -= 1
    }
  }

  static let powersOfTen: [UInt64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
    1_000_000_000,
  ]

  static func formatted(_ value: Double, _ decimals: Int) -> String {
    ReportTable.Cell.fixed(value, decimals)
  }

  static func machineFallback(_ value: Double) -> String {
    ReportTable.Cell.shortestByFormat(value)
  }
}
