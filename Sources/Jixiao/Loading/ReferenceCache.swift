/// The last id a column referred to, and its row: rows that refer to
/// another table usually come grouped (indicator rows by project, projects
/// by unit) and often in that table's order, so most references are the
/// previous one or the row after it, found without a hash lookup (whose
/// table does not stay in cache for a million ids).
struct ReferenceCache: Sendable {
  private var lastID: [UInt8] = []
  private var last: Int32 = -1
  /// The ids of the referred table, to try the row after the last one;
  /// rows marked in `skip` (repeated ids) are never guessed.
  private let ids: TextColumn
  private let skip: [Bool]

  /// A cache of the previous reference only.
  init() {
    ids = TextColumn()
    skip = []
  }

  /// A cache that also tries the row after the previous one in `ids`.
  init(next ids: TextColumn, skip: [Bool]) {
    self.ids = ids
    self.skip = skip
  }

  /// The row `id` names, if it is the previous reference or the row after
  /// it.
  mutating func find(_ id: UnsafeBufferPointer<UInt8>) -> Int32? {
    if last >= 0, lastID.withUnsafeBufferPointer({ equalBytes(id, $0) }) {
      return last
    }
    let next = Int(last) + 1
    guard next < ids.count, next >= skip.count || !skip[next],
      ids.withBytes(next, { equalBytes(id, $0) })
    else { return nil }
    remember(id, Int32(next))
    return last
  }

  /// Records the row that `id` named.
  mutating func remember(_ id: UnsafeBufferPointer<UInt8>, _ row: Int32) {
    lastID.removeAll(keepingCapacity: true)
    lastID.append(contentsOf: id)
    last = row
  }
}

extension Reader {
  /// A reference to another table's id, through `cache` first; −1 (and a
  /// diagnostic) when the id is unknown.
  mutating func reference(
    _ record: CSVRecord, _ column: Int, in index: ByteIndex,
    cache: inout ReferenceCache, what: String, file: String
  ) -> Int32 {
    if let found = record.withText(column, { cache.find($0) }) {
      return found
    }
    let row = reference(record, column, in: index, what: what, file: file)
    if row >= 0 { record.withText(column) { cache.remember($0, row) } }
    return row
  }
}
