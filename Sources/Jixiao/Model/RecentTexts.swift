/// The last few distinct texts of a column and their codes, checked
/// before a hash lookup.
///
/// Columns such as dimension, kind, subdimension and unit of measure take
/// a handful of values; comparing a field with up to eight recent ones
/// (short texts, compared eight bytes at a time) is several times cheaper
/// than hashing it.
struct RecentTexts: Sendable {
  static let slots = 8
  static let width = 48

  private var lengths = [Int](repeating: -1, count: slots)
  private var codes = [Int32](repeating: 0, count: slots)
  private var storage = [UInt8](repeating: 0, count: slots * width)
  private var next = 0
  /// The slot that matched last, tried first.
  private var lastHit = 0

  /// The code remembered for `text`, if it is one of the recent ones.
  @inline(__always)
  mutating func code(for text: UnsafeBufferPointer<UInt8>) -> Int32? {
    let n = text.count
    guard n <= Self.width else { return nil }
    let hit = storage.withUnsafeBufferPointer { stored -> Int? in
      func matches(_ slot: Int) -> Bool {
        lengths[slot] == n
          && equalBytes(
            UnsafeBufferPointer(
              rebasing: stored[(slot * Self.width)..<(slot * Self.width + n)]),
            text)
      }
      if matches(lastHit) { return lastHit }
      for slot in 0..<Self.slots where slot != lastHit && matches(slot) {
        return slot
      }
      return nil
    }
    guard let hit else { return nil }
    lastHit = hit
    return codes[hit]
  }

  /// Remembers `text` with its code, replacing the oldest entry.
  mutating func remember(_ text: UnsafeBufferPointer<UInt8>, code: Int32) {
    guard text.count <= Self.width else { return }
    let slot = next
    next = (next + 1) % Self.slots
    lengths[slot] = text.count
    codes[slot] = code
    storage.withUnsafeMutableBufferPointer { stored in
      for i in 0..<text.count { stored[slot * Self.width + i] = text[i] }
    }
  }
}

/// Whether two byte runs are equal, compared eight bytes at a time.
@inline(__always)
func equalBytes(
  _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
)
  -> Bool
{
  let n = a.count
  guard n == b.count else { return false }
  guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else {
    return true
  }
  let ra = UnsafeRawPointer(pa)
  let rb = UnsafeRawPointer(pb)
  var i = 0
  while i + 8 <= n {
    if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
    {
      return false
    }
    i += 8
  }
  while i < n {
    if pa[i] != pb[i] { return false }
    i += 1
  }
  return true
}
