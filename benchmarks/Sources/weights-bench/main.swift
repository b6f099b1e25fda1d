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
print(
  "{\"tool\": \"jixiao\", \"stage\": \"weights_mc\", \"projects\": \(projects), \"dimensions\": \(dimensions), "
    + "\"draws\": \(draws), \"threads\": \(threads), \"seconds\": \(String(format: "%.3f", seconds)), "
    + "\"gflops\": \(String(format: "%.2f", flops / seconds / 1e9)), \"mean0\": \(result.mean[0])}"
)
