import Foundation
import Jixiao
import JixiaoNumerics

/// `weights-bench [--projects N] [--dimensions D] [--draws K] [--threads T]`:
/// times the Monte Carlo over weights (WeightUncertainty) on seeded
/// scores and prints one JSON line.
var projects = 100_000
var dimensions = 8
var draws = 10_000
var threads = 1
var words = CommandLine.arguments.dropFirst().makeIterator()
while let word = words.next() {
  let value = Int(words.next() ?? "") ?? 0
  switch word {
  case "--projects": projects = value
  case "--dimensions": dimensions = value
  case "--draws": draws = value
  case "--threads": threads = value
  default:
    FileHandle.standardError.write(Data("unknown argument \(word)\n".utf8))
    exit(64)
  }
}
BLAS.setThreadCount(1)
var random = RandomStream(seed: 1)
var s = Matrix(rows: projects, columns: dimensions)
for j in 0..<dimensions {
  for i in 0..<projects { s[i, j] = 40 + 60 * random.uniform() }
}
let w0 = [Double](repeating: 1 / Double(dimensions), count: dimensions)
var settings = WeightUncertainty.Settings()
settings.draws = draws
settings.threads = threads
settings.perturbation = .dirichlet(concentration: 50)
let start = DispatchTime.now().uptimeNanoseconds
let result = try WeightUncertainty(scores: [s], weights: w0, settings: settings)
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let flops = 2.0 * Double(projects) * Double(dimensions) * Double(draws) * 2

// The machine's own limits, measured in the same run: dgemm on a square
// 1,500 × 1,500 product (one core), and memory bandwidth by summing
// 400 MB.
let size = 1500
var a = Matrix(rows: size, columns: size)
for k in a.storage.indices { a.storage[k] = Double(k % 7) }
var c = [Double](repeating: 0, count: size * size)
let gemmStart = DispatchTime.now().uptimeNanoseconds
a.storage.withUnsafeBufferPointer { x in
  c.withUnsafeMutableBufferPointer { y in
    if let x0 = x.baseAddress, let y0 = y.baseAddress {
      try? BLAS.multiplyTiles(
        m: size, n: size, k: size, a: x0, lda: size, b: x0, ldb: size, c: y0,
        ldc: size)
    }
  }
}
let gemmSeconds = Double(DispatchTime.now().uptimeNanoseconds - gemmStart) / 1e9
let peak = 2 * pow(Double(size), 3) / gemmSeconds / 1e9
// Bandwidth: summing 400 MB with eight sums, so the adds do not wait on
// one another and the loads set the pace.
let big = [Double](repeating: 1, count: 50_000_000)
let memoryStart = DispatchTime.now().uptimeNanoseconds
var total = 0.0
big.withUnsafeBufferPointer { b in
  var sums = [Double](repeating: 0, count: 8)
  var i = 0
  while i + 8 <= b.count {
    for l in 0..<8 { sums[l] += b[i + l] }
    i += 8
  }
  total = sums.reduce(0, +)
}
let memorySeconds =
  Double(DispatchTime.now().uptimeNanoseconds - memoryStart) / 1e9
let bandwidth = 8 * Double(big.count) / memorySeconds / 1e9
// What the stage must at least move or compute: the products S·W twice
// (flops) at the dgemm peak, or the operand read once a block of 64
// draws; tiles that stay in cache never write the scores out, so the
// bound is the larger of flops/peak and the operand reads.
let computeBound = flops / (peak * 1e9)
let memoryBound =
  8.0 * Double(projects) * Double(dimensions) * Double((draws + 63) / 64) * 2
  / (bandwidth * 1e9)
let bound = max(computeBound, memoryBound)
// The histogram increments the statistics need, three a score (the
// draw's histogram for ranks, the alternative's score and rank
// histograms), at the rate this machine does random 16-bit increments
// within 16 KB (L1), its best case.
let cells = 8192
var table = [UInt16](repeating: 0, count: cells)
var picks = [Int32](repeating: 0, count: 1 << 16)
var state: UInt64 = 1
for i in picks.indices {
  state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
  picks[i] = Int32(truncatingIfNeeded: (state >> 33) % UInt64(cells))
}
let rounds = 400
let incrementStart = DispatchTime.now().uptimeNanoseconds
table.withUnsafeMutableBufferPointer { t in
  picks.withUnsafeBufferPointer { p in
    for _ in 0..<rounds {
      for i in p.indices { t[Int(p[i])] &+= 1 }
    }
  }
}
let incrementSeconds =
  Double(DispatchTime.now().uptimeNanoseconds - incrementStart) / 1e9
let perIncrement = incrementSeconds / Double(rounds * picks.count)
let incrementFloor =
  3 * Double(projects) * Double(draws) * perIncrement
print(
  "{\"tool\": \"jixiao\", \"stage\": \"weights_mc\", \"projects\": \(projects), \"dimensions\": \(dimensions), "
    + "\"draws\": \(draws), \"threads\": \(threads), \"seconds\": \(String(format: "%.3f", seconds)), "
    + "\"gflops\": \(String(format: "%.2f", flops / seconds / 1e9)), \"mean0\": \(result.mean[0]), "
    + "\"dgemm_peak_gflops\": \(String(format: "%.1f", peak)), "
    + "\"bandwidth_gbs\": \(String(format: "%.1f", bandwidth)), "
    + "\"bound_seconds\": \(String(format: "%.3f", bound)), "
    + "\"increment_ns\": \(String(format: "%.3f", perIncrement * 1e9)), "
    + "\"increment_floor_seconds\": \(String(format: "%.3f", incrementFloor)), "
    + "\"checksum_positive\": \(total > 0 && table[0] < UInt16.max)}"
)
