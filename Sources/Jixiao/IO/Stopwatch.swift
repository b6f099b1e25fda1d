import Dispatch

/// Wall-clock laps of a piece of work, for `--timings` and benchmarks.
public struct Stopwatch: Sendable {
  private var start = DispatchTime.now().uptimeNanoseconds
  public private(set) var laps: [(stage: String, seconds: Double)] = []

  public init() {}

  /// Ends the current lap under `stage` and starts the next.
  public mutating func lap(_ stage: String) {
    let now = DispatchTime.now().uptimeNanoseconds
    laps.append((stage, Double(now - start) / 1e9))
    start = now
  }
}
