import Synchronization
import Testing

@testable import JixiaoNumerics

@Suite struct ParallelTests {
  /// Every index is visited exactly once, whatever the thread count.
  /// A counter per index; each index is counted by the body that has it.
  final class Visits: @unchecked Sendable {
    let counts: UnsafeMutablePointer<Int>
    let count: Int

    init(_ count: Int) {
      self.count = count
      counts = .allocate(capacity: max(1, count))
      counts.initialize(repeating: 0, count: max(1, count))
    }

    deinit { counts.deallocate() }

    func visit(_ i: Int) { counts[i] += 1 }

    var all: [Int] { (0..<count).map { counts[$0] } }
  }

  @Test(arguments: [1, 2, 3, 8])
  func everyIndexOnce(threads: Int) {
    for count in [0, 1, 2, 7, 100, 1_000] {
      let visits = Visits(count)
      parallelFor(count, threads: threads) { visits.visit($0) }
      #expect(visits.all == [Int](repeating: 1, count: count))
    }
  }

  /// No more than `threads` bodies run at once.
  @Test func threadsAreCapped() {
    let running = Atomic<Int>(0)
    let most = Atomic<Int>(0)
    parallelFor(64, threads: 2) { _ in
      let now = running.wrappingAdd(1, ordering: .sequentiallyConsistent)
        .newValue
      var seen = most.load(ordering: .sequentiallyConsistent)
      while now > seen {
        let (exchanged, original) = most.compareExchange(
          expected: seen, desired: now, ordering: .sequentiallyConsistent)
        if exchanged { break }
        seen = original
      }
      var x = 0.0
      for k in 0..<20_000 { x += Double(k) }
      #expect(x > 0)
      running.wrappingSubtract(1, ordering: .sequentiallyConsistent)
    }
    #expect(most.load(ordering: .sequentiallyConsistent) <= 2)
  }
}
