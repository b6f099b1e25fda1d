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

  /// Makes room for `capacity` bytes at the end and lets `body` write
  /// them through a pointer; `body` returns how many it wrote.
  func appendInPlace(
    capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int
  ) {
    reserve(capacity)
    let written = body(base + count)
    precondition(written <= capacity, "wrote past the room made")
    count += written
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
    guard Self.needsQuotes(field) else {
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

  /// Whether a field holds a comma, a quote or a line break, looked for
  /// eight bytes at a time: a byte b equals c when (b ^ c) has a zero
  /// byte, found by the classic (x − 0x01…) & ~x & 0x80… test.
  static func needsQuotes(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = field.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    let n = field.count
    var i = 0
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always)
    func hasByte(_ word: UInt64, _ byte: UInt64) -> Bool {
      let x = word ^ (byte &* ones)
      return (x &- ones) & ~x & highs != 0
    }
    while i + 8 <= n {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      if hasByte(word, 0x2C) || hasByte(word, 0x22) || hasByte(word, 0x0A)
        || hasByte(word, 0x0D)
      {
        return true
      }
      i += 8
    }
    while i < n {
      let byte = field[i]
      if byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
        return true
      }
      i += 1
    }
    return false
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
    // Digits are written from the right, two at a time from a table, into
    // room made for 20 of them.
    reserve(20)
    var digits = 1
    var rest = value
    while rest >= 10 {
      digits += 1
      rest /= 10
    }
    writeDigits(value, width: digits, at: base + count)
    count += digits
  }

  /// `value` as exactly `width` digits (leading zeros) ending at
  /// `target + width`.
  @inline(__always)
  private func writeDigits(
    _ value: UInt64, width: Int, at target: UnsafeMutablePointer<UInt8>
  ) {
    // Two digits a step: one division by 100, and the pair split by a
    // multiplication (divisions by constants compile to multiplications).
    var rest = value
    var i = width
    while i >= 2 {
      let next = rest / 100
      let pair = rest &- next &* 100
      let tens = pair / 10
      target[i - 1] = UInt8(truncatingIfNeeded: pair &- tens &* 10) &+ 48
      target[i - 2] = UInt8(truncatingIfNeeded: tens) &+ 48
      rest = next
      i -= 2
    }
    if i == 1 { target[0] = UInt8(truncatingIfNeeded: rest % 10) &+ 48 }
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
    writeDigits(fraction, width: width, at: base + count)
    count += width
  }

  /// A number for machines: at most 15 significant digits and at most 10
  /// decimals, trailing zeros dropped (119.35999999999999 → 119.36,
  /// 267617.9700000003 → 267617.97), integers without a point. A double
  /// carries 15 to 17 significant digits, of which the last are the noise
  /// of binary arithmetic; fifteen keep every digit that money or a score
  /// carries and drop that noise before it reaches a spreadsheet.
  func append(machine value: Double) {
    guard value.isFinite else { return }
    let magnitude = value.magnitude
    guard magnitude < 1e15 else {
      append(Self.machineFallback(value))
      return
    }
    let whole = Int64(value)
    if Double(whole) == value {
      append(integer: whole)
      return
    }
    // Decimals so that digits before and after the point are at most 15.
    var integerDigits = 1
    var limit = 10.0
    while magnitude >= limit, integerDigits < 15 {
      integerDigits += 1
      limit *= 10
    }
    let decimals = min(10, 15 - integerDigits)
    let scale = Self.powersOfTen[decimals]
    // Round half away from zero: below 2^53 the difference is exact, and
    // above it the scaled value has no fraction left.
    let scaled = magnitude * Double(scale)
    var units = UInt64(scaled)
    if scaled - Double(units) >= 0.5 { units += 1 }
    if units == 0 {
      append(UInt8(ascii: "0"))
      return
    }
    if value < 0 { append(UInt8(ascii: "-")) }
    append(unsigned: units / scale)
    var fraction = units % scale
    guard fraction > 0 else { return }
    var width = decimals
    while fraction % 100 == 0 {
      fraction /= 100
      width -= 2
    }
    if fraction % 10 == 0 {
      fraction /= 10
      width -= 1
    }
    append(UInt8(ascii: "."))
    appendFraction(fraction, width: width)
  }

  static let powersOfTen: [UInt64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
    1_000_000_000, 10_000_000_000,
  ]

  static func formatted(_ value: Double, _ decimals: Int) -> String {
    ReportTable.Cell.fixed(value, decimals)
  }

  static func machineFallback(_ value: Double) -> String {
    ReportTable.Cell.shortestByFormat(value)
  }
}
