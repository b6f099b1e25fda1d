import Dispatch
import Synchronization

/// Runs `body(i)` for every i in `0 ..< count` on at most `threads`
/// threads; each thread takes the next index when it is done with one,
/// so uneven pieces of work still keep every thread busy to the end.
///
/// Results must go to places that belong to one index each (a slot per
/// index); `body` sees each index exactly once.
public func parallelFor(
  _ count: Int, threads: Int, _ body: @Sendable (Int) -> Void
) {
  guard count > 0 else { return }
  let workers = max(1, min(threads, count))
  if workers == 1 {
    for i in 0..<count { body(i) }
    return
  }
  let next = Atomic<Int>(0)
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while true {
      let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard i < count else { return }
      body(i)
    }
  }
}
