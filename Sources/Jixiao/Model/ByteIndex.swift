#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hash table from byte strings (ids, labels) to `Int32` values.
///
/// Loading looks up an id for every indicator row; doing it on the bytes
/// of the field, without making a `String`, keeps that lookup at a hash
/// and a `memcmp`. Open addressing with linear probing, at most half full.
struct ByteIndex: Sendable {
  /// Entry number per slot, −1 when empty.
  private var slots: [Int32]
  private var hashes: [UInt64] = []
  private var keys = TextColumn()
  private var values: [Int32] = []
  private var mask: Int

  init(capacity: Int = 16) {
    var size = 16
    while size < 2 * capacity { size <<= 1 }
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  var count: Int { values.count }

  /// The value stored for `key`, if any.
  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
    let hash = Self.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { return nil }
      if hashes[entry] == hash, matches(entry, key) { return values[entry] }
      slot = (slot + 1) & mask
    }
  }

  func find(_ key: String) -> Int32? {
    var key = key
    return key.withUTF8 { find($0) }
  }

  /// Stores `value` for `key` unless the key is present.
  ///
  /// - Returns: the value already stored, or nil when the key was added.
  @discardableResult
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>, value: Int32)
    -> Int32?
  {
    let hash = Self.hash(key)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { break }
      if hashes[entry] == hash, matches(entry, key) { return values[entry] }
      slot = (slot + 1) & mask
    }
    slots[slot] = Int32(values.count)
    hashes.append(hash)
    keys.append(key)
    values.append(value)
    if 2 * values.count > slots.count { grow() }
    return nil
  }

  @discardableResult
  mutating func insert(_ key: String, value: Int32) -> Int32? {
    var key = key
    return key.withUTF8 { insert($0, value: value) }
  }

  private func matches(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard keys.byteCount(entry) == key.count else { return false }
    return keys.withBytes(entry) { stored in
      guard let a = stored.baseAddress, let b = key.baseAddress else {
        return true  // both empty
      }
      return memcmp(a, b, key.count) == 0
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
    for entry in 0..<values.count {
      var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(entry)
    }
  }

  /// A 64-bit hash of the bytes, eight at a time (multiply–xorshift mixing
  /// of each word, as in the finalisers of MurmurHash3 and SplitMix64).
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
    guard let base = key.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= key.count {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < key.count {
      tail |= UInt64(key[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 29)
  }
}
