import Dispatch
import Foundation
import JixiaoNumerics

/// A CSV file (RFC 4180) read straight from its bytes: the header, and the
/// records after it, scanned one at a time on all cores.
///
/// The file is memory-mapped (`FileBytes`); nothing is kept per field or
/// per record, so a table of any size is read in the memory its result
/// columns take. `forEachChunk` splits the records after the header into
/// one chunk per core at record boundaries; each chunk is scanned on its
/// own thread by `CSVRecordReader`. Because a quoted field may hold line
/// breaks, the boundaries are found from the parity of quotes before
/// them; a file whose quotes break RFC 4180 falls back to one chunk, so
/// the result never depends on the split.
///
/// Accepted: UTF-8 with or without a byte-order mark; LF, CRLF or CR line
/// ends, mixed; quoted fields with embedded commas, quotes (`""`) and line
/// breaks; empty lines (skipped). Refused with a diagnostic: bytes that are
/// not UTF-8 or are NUL (a binary file), an unclosed quote, text after a
/// closing quote, a record longer than `maximumRecordBytes`.
struct CSVFile: Sendable {
  /// The path as the user gave it; used in messages.
  let path: String
  let storage: FileBytes
  /// Column names of the header, trimmed, byte-order mark removed.
  let header: [String]
  /// The first byte after the header record, and its line.
  let bodyStart: Int
  let bodyLine: Int

  /// The largest record accepted (16 MiB); longer ones mean the file is
  /// not a table (for example one enormous line).
  static let maximumRecordBytes = 16 << 20

  /// Files smaller than this are scanned as one chunk.
  static let minimumChunkBytes = 1 << 20

  var bytes: UnsafeBufferPointer<UInt8> { storage.buffer }
  var columnCount: Int { header.count }

  init(contentsOf path: String) throws(InputError) {
    try self.init(storage: FileBytes(contentsOf: path), path: path)
  }

  init(bytes: [UInt8], path: String) throws(InputError) {
    try self.init(storage: FileBytes(bytes), path: path)
  }

  private init(storage: FileBytes, path: String) throws(InputError) {
    self.path = path
    self.storage = storage
    let b = storage.buffer
    let body = Self.bodyStart(b)
    var scanner = CSVScanner(
      b, path: path, from: body, line: 1, limit: b.count)
    let fields = FieldSpans()
    let first: (offset: Int, line: Int)?
    do {
      first = try scanner.next(into: fields)
    } catch {
      throw Self.preferEncodingError(error, b, path: path)
    }
    guard first != nil else {
      if let bad = CSVScanner.firstInvalidTextByte(b, from: body) {
        throw CSVScanner.notText(b, at: bad, path: path)
      }
      throw InputError(
        Diagnostic(
          .error, file: path, "the file is empty.",
          help:
            "A table needs a header line naming its columns; see docs/format.md."
        ))
    }
    var header: [String] = []
    for field in 0..<fields.count {
      header.append(
        Self.decode(
          b, fields.start(field), fields.end(field), fields.flags(field)))
    }
    self.header = header
    bodyStart = scanner.position
    bodyLine = scanner.line
  }

  /// 3 when the bytes start with a UTF-8 byte-order mark, else 0.
  static func bodyStart(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
  }

  /// A structural fault in a file that is not UTF-8 text is reported as
  /// the encoding problem, which is the one to fix (a binary or GBK file).
  static func preferEncodingError(
    _ error: InputError, _ b: UnsafeBufferPointer<UInt8>, path: String
  ) -> InputError {
    if let bad = CSVScanner.firstInvalidTextByte(b, from: bodyStart(b)) {
      return CSVScanner.notText(b, at: bad, path: path)
    }
    return error
  }

  // MARK: Chunks

  /// A run of whole records: from `start` (at `line`) to `end`.
  struct Chunk: Sendable {
    var start: Int
    var line: Int
    var end: Int
  }

  /// Splits the body into at most `count` chunks at record boundaries.
  func chunks(
    _ count: Int, minimumBytes: Int = CSVFile.minimumChunkBytes
  ) -> [Chunk] {
    let b = bytes
    let n = b.count
    let size = n - bodyStart
    let k = max(1, min(count, size / max(1, minimumBytes)))
    guard k > 1 else {
      return [Chunk(start: bodyStart, line: bodyLine, end: n)]
    }

    // Quotes and line breaks per equal segment, counted in parallel.
    let cuts = (0...k).map { bodyStart + size * $0 / k }
    // The last segment's counts are never needed.
    let counts = ResultSlots<(quotes: Int, lines: Int)>(count: k)
    let storage = self.storage
    DispatchQueue.concurrentPerform(iterations: k - 1) { j in
      counts[j] = Self.countQuotesAndLines(
        storage.buffer, cuts[j]..<cuts[j + 1])
    }
    var chunks: [Chunk] = []
    var start = bodyStart
    var line = bodyLine
    var quotes = 0
    var lines = bodyLine
    for j in 1..<k {
      guard let segment = counts[j - 1] else { continue }
      quotes += segment.quotes
      lines += segment.lines
      // From the cut, find the first line break outside quotes.
      var i = cuts[j]
      var inside = quotes % 2 == 1
      while i < n {
        let byte = b[i]
        if byte == 0x22 {
          inside.toggle()
        } else if !inside, byte == 0x0A || byte == 0x0D {
          i += byte == 0x0D && i + 1 < n && b[i + 1] == 0x0A ? 2 : 1
          break
        }
        i += 1
      }
      let boundary = min(i, n)
      guard boundary > start, boundary < n else { continue }
      let boundaryLine =
        lines + Self.countQuotesAndLines(b, cuts[j]..<boundary).lines
      chunks.append(Chunk(start: start, line: line, end: boundary))
      start = boundary
      line = boundaryLine
    }
    chunks.append(Chunk(start: start, line: line, end: n))
    return chunks
  }

  /// Quote bytes, and line breaks (LF, and CR not followed by LF), in a
  /// range; a CR at the end of the range looks at the byte after it.
  ///
  /// The CR–LF pairs are counted separately, and only when the range
  /// holds a CR at all.
  static func countQuotesAndLines(
    _ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
  ) -> (quotes: Int, lines: Int) {
    var quotes = 0
    var lineFeeds = 0
    var returns = 0
    var i = range.lowerBound
    if let base = b.baseAddress {
      // 32 bytes a step: a compare gives −1 per matching lane, and the
      // lanes are summed every 127 steps, before an Int8 could overflow.
      let raw = UnsafeRawPointer(base)
      let quote = SIMD32<UInt8>(repeating: 0x22)
      let lf = SIMD32<UInt8>(repeating: 0x0A)
      let cr = SIMD32<UInt8>(repeating: 0x0D)
      while i + 32 <= range.upperBound {
        var q = SIMD32<Int8>()
        var l = SIMD32<Int8>()
        var r = SIMD32<Int8>()
        var steps = 0
        while steps < 127, i + 32 <= range.upperBound {
          let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
          q &-= unsafeBitCast(v .== quote, to: SIMD32<Int8>.self)
          l &-= unsafeBitCast(v .== lf, to: SIMD32<Int8>.self)
          r &-= unsafeBitCast(v .== cr, to: SIMD32<Int8>.self)
          i += 32
          steps += 1
        }
        quotes += Int(SIMD32<Int16>(truncatingIfNeeded: q).wrappedSum())
        lineFeeds += Int(SIMD32<Int16>(truncatingIfNeeded: l).wrappedSum())
        returns += Int(SIMD32<Int16>(truncatingIfNeeded: r).wrappedSum())
      }
    }
    while i < range.upperBound {
      let byte = b[i]
      quotes += byte == 0x22 ? 1 : 0
      lineFeeds += byte == 0x0A ? 1 : 0
      returns += byte == 0x0D ? 1 : 0
      i += 1
    }
    var lines = lineFeeds
    if returns > 0 {
      // A CR counts unless an LF follows it (then the LF counts).
      for j in range where b[j] == 0x0D {
        if j + 1 >= b.count || b[j + 1] != 0x0A { lines += 1 }
      }
    }
    return (quotes, lines)
  }

  /// Runs `body` on every chunk's records, in parallel, and returns the
  /// results in file order.
  ///
  /// If the chunks do not meet exactly (quotes that break RFC 4180 fooled
  /// the split), the file is scanned again as one chunk, so the outcome is
  /// always that of a scan from start to end.
  ///
  /// - Throws: the first fault that stops the scan, in file order.
  func forEachChunk<Result: Sendable>(
    threads: Int, minimumChunkBytes: Int = CSVFile.minimumChunkBytes,
    _ body: @Sendable (inout CSVRecordReader) throws(InputError) -> Result
  ) throws(InputError) -> [Result] {
    // One chunk a thread: measured here, more and smaller chunks (taken
    // in turn) cost more in planning and merging than they gain in balance.
    let plan = chunks(threads, minimumBytes: minimumChunkBytes)
    let outcomes = ResultSlots<Swift.Result<(Result, Int), InputError>>(
      count: plan.count)
    let file = self
    parallelFor(plan.count, threads: threads) { j in
      var reader = CSVRecordReader(file, plan[j])
      do throws(InputError) {
        let result = try body(&reader)
        outcomes[j] = .success((result, reader.position))
      } catch {
        outcomes[j] = .failure(error)
      }
    }
    var results: [Result] = []
    for j in plan.indices {
      switch outcomes[j] {
      case .success(let (result, end)) where end == plan[j].end:
        results.append(result)
      case .failure(let error):
        // Every chunk before this one met its successor exactly, so this
        // one started where a scan from the start would have: its fault
        // is the first of the file.
        throw Self.preferEncodingError(error, bytes, path: path)
      default:
        return try [sequential(body)]
      }
    }
    return results
  }

  private func sequential<Result>(
    _ body: (inout CSVRecordReader) throws(InputError) -> Result
  ) throws(InputError) -> Result {
    var reader = CSVRecordReader(
      self, Chunk(start: bodyStart, line: bodyLine, end: bytes.count))
    do {
      return try body(&reader)
    } catch {
      throw Self.preferEncodingError(error, bytes, path: path)
    }
  }

  // MARK: Text of fields

  /// The text of a span with quotes unescaped and surrounding white space
  /// (Unicode Zs and tab) trimmed.
  static func decode(
    _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ flags: UInt8
  ) -> String {
    withText(b, start, end, flags) { String(decoding: $0, as: UTF8.self) }
  }

  /// Calls `body` with a field's text: quotes unescaped (into a buffer,
  /// only when the field holds doubled quotes) and white space trimmed.
  static func withText<R>(
    _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ flags: UInt8,
    _ body: (UnsafeBufferPointer<UInt8>) -> R
  ) -> R {
    guard flags & 2 != 0 else {
      return body(UnsafeBufferPointer(rebasing: b[trim(b, start, end)]))
    }
    var unescaped: [UInt8] = []
    unescaped.reserveCapacity(end - start)
    var i = start
    while i < end {
      unescaped.append(b[i])
      i += b[i] == 0x22 ? 2 : 1
    }
    return unescaped.withUnsafeBufferPointer { buffer in
      body(UnsafeBufferPointer(rebasing: buffer[trim(buffer, 0, buffer.count)]))
    }
  }

  /// The span without leading and trailing white space: tab and the
  /// characters of Unicode category Zs (space, no-break space, U+1680,
  /// U+2000–U+200A, U+202F, U+205F, the ideographic space U+3000), the
  /// same set as Foundation's `CharacterSet.whitespaces`.
  static func trim(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Range<Int>
  {
    // Most fields neither start with a byte that can begin white space
    // (space, tab, C2 of U+00A0, E1–E3 of the wide spaces) nor end with
    // one that can end it (space, tab, A0 after C2, or a continuation
    // byte of a three-byte sequence led by E1–E3).
    if start < end {
      let first = b[start]
      let last = b[end - 1]
      let firstCanBeSpace =
        first == 0x20 || first == 0x09 || first == 0xC2
        || (first >= 0xE1 && first <= 0xE3)
      var lastCanBeSpace = last == 0x20 || last == 0x09
      if last >= 0x80 {
        let lead = end - 3 >= start ? b[end - 3] : 0
        let before = end - 2 >= start ? b[end - 2] : 0
        lastCanBeSpace =
          (lead >= 0xE1 && lead <= 0xE3) || (last == 0xA0 && before == 0xC2)
      }
      if !firstCanBeSpace, !lastCanBeSpace { return start..<end }
    }
    var s = start
    var e = end
    while s < e {
      let width = spaceWidth(b, at: s, end: e)
      guard width > 0 else { break }
      s += width
    }
    while e > s {
      let width = spaceWidthEnding(b, at: e, start: s)
      guard width > 0 else { break }
      e -= width
    }
    return s..<e
  }

  /// Bytes of the white-space character starting at `i`, or 0.
  @inline(__always)
  private static func spaceWidth(
    _ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int
  ) -> Int {
    let x = b[i]
    if x == 0x20 || x == 0x09 { return 1 }
    if x < 0xC2 { return 0 }
    if x == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
    guard i + 2 < end else { return 0 }
    return isWideSpace(x, b[i + 1], b[i + 2]) ? 3 : 0
  }

  /// Bytes of the white-space character ending just before `e`, or 0.
  @inline(__always)
  private static func spaceWidthEnding(
    _ b: UnsafeBufferPointer<UInt8>, at e: Int, start: Int
  ) -> Int {
    let x = b[e - 1]
    if x == 0x20 || x == 0x09 { return 1 }
    if x < 0x80 { return 0 }
    if x == 0xA0, e - 2 >= start, b[e - 2] == 0xC2 { return 2 }
    guard e - 3 >= start else { return 0 }
    return isWideSpace(b[e - 3], b[e - 2], x) ? 3 : 0
  }

  /// Whether three bytes encode U+1680, U+2000–U+200A, U+202F, U+205F or
  /// U+3000.
  @inline(__always)
  private static func isWideSpace(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
    switch (a, b) {
    case (0xE1, 0x9A): c == 0x80
    case (0xE2, 0x80): c <= 0x8A || c == 0xAF
    case (0xE2, 0x81): c == 0x9F
    case (0xE3, 0x80): c == 0x80
    default: false
    }
  }
}
