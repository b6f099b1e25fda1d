/// Bytes of UTF-8 text being built: the writers' buffer.
///
/// Numbers are formatted by integer arithmetic into the buffer, without a
/// `String` per value, so writing millions of cells costs a few
/// nanoseconds each.
final class ByteText: @unchecked Sendable {
  // One owner writes at a time (a block of rows, a file's bytes); the
  // buffer is managed by hand so that an append is a store, with no
  // uniqueness check or bounds check per byte.
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 0) {
    self.capacity = max(64, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// A copy of the bytes.
  var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  var last: UInt8? { count > 0 ? base[count - 1] : nil }

  func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R)
    rethrows -> R
  {
    try body(UnsafeRawBufferPointer(start: base, count: count))
  }

  func withUnsafeBufferPointer<R>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  func removeAll() { count = 0 }

  func removeLast() {
    precondition(count > 0, "nothing to remove")
    count -= 1
  }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  private func reserve(_ extra: Int) {
    if count + extra > capacity { grow(count + extra) }
  }

  private func grow(_ needed: Int) {
    var size = capacity * 2
    while size < needed { size *= 2 }
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity = size
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  @inline(__always)
  func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard let source = buffer.baseAddress, buffer.count > 0 else { return }
    let n = buffer.count
    reserve(n)
    let target = base + count
    if n <= 16 {
      // Cells are short: a loop beats a call to memmove.
      for i in 0..<n { target[i] = source[i] }
    } else {
      target.update(from: source, count: n)
    }
    count += n
  }

  func append(contentsOf bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  func append(_ other: ByteText) {
    other.withUnsafeBufferPointer { append($0) }
  }

  /// A field of a CSV record: quoted (with inner quotes doubled) only when
  /// it holds a comma, a quote or a line break (RFC 4180).
  func appendCSVField(_ text: String) {
    var text = text
    text.withUTF8 { appendCSVField($0) }
  }

  func appendCSVField(_ field: UnsafeBufferPointer<UInt8>) {
    var needsQuotes = false
    for byte in field
    where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    guard needsQuotes else {
      append(field)
      return
    }
    append(0x22)
    for byte in field {
      append(byte)
      if byte == 0x22 { append(0x22) }
    }
    append(0x22)
  }

  /// A signed integer in decimal.
  func append(integer value: Int64) {
    if value < 0 {
      append(UInt8(ascii: "-"))
      append(unsigned: value.magnitude)
    } else {
      append(unsigned: UInt64(value))
    }
  }

  func append(unsigned value: UInt64) {
    // Digits are written from the right into room made for 20 of them.
    reserve(20)
    var digits = 1
    var rest = value / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    var i = count + digits - 1
    rest = value
    repeat {
      base[i] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
      rest /= 10
      i -= 1
    } while rest > 0
    count += digits
  }

  /// `value` with exactly `decimals` digits after the point (0…9),
  /// rounded half away from zero; "-0.00" is written as "0.00".
  ///
  /// Values whose scaled magnitude does not fit 2⁶² fall back to the C
  /// library's formatting.
  func append(_ value: Double, decimals: Int) {
    precondition((0...9).contains(decimals), "0 to 9 decimals")
    let scale = Self.powersOfTen[decimals]
    let scaled = (value.magnitude * Double(scale)).rounded(
      .toNearestOrAwayFromZero)
    guard value.isFinite, scaled < 0x1p62 else {
      append(Self.formatted(value, decimals))
      return
    }
    let units = UInt64(scaled)
    if units != 0, value < 0 { append(UInt8(ascii: "-")) }
    append(unsigned: units / scale)
    guard decimals > 0 else { return }
    append(UInt8(ascii: "."))
    appendFraction(units % scale, width: decimals)
  }

  /// `fraction` as exactly `width` digits, with leading zeros.
  private func appendFraction(_ fraction: UInt64, width: Int) {
    reserve(width)
    var rest = fraction
    var i = count + width - 1
    while i >= count {
      base[i] = UInt8(truncatingIfNeeded: rest % 10) &+ 48
      rest /= 10
      i -= 1
    }
    count += width
  }

  /// A number for machines: rounded to 10 decimals with trailing zeros
  /// dropped (119.35999999999999 → 119.36), integers without a point.
  /// Ten decimals keep every digit money or a score carries and drop the
  /// noise of binary arithmetic.
  func append(machine value: Double) {
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
      append(UInt8(ascii: "0"))
      return
    }
    if value < 0 { append(UInt8(ascii: "-")) }
    append(unsigned: units / 10_000_000_000)
    var fraction = units % 10_000_000_000
    guard fraction > 0 else { return }
    var width = 10
    while fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    append(UInt8(ascii: "."))
    appendFraction(fraction, width: width)
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
