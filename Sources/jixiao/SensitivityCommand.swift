import Foundation
import Jixiao
import JixiaoNumerics

/// `jixiao sensitivity DATASET …`: how each project's score, grade and
/// rank move when the dimension weights are uncertain, and which
/// dimension's weight drives the outcomes of the data set (Sobol
/// indices). docs/sensitivity.md.
func runSensitivity(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: commonOptions.subtracting(["levels"]).union([
      "draws", "seed", "perturbation", "aggregations", "sobol", "sampler",
      "scales", "threshold", "table", "id", "criteria", "types", "weights",
      "weight-method", "normalise", "zero-offset",
    ]),
    flags: commonFlags.union(["detail"]))
  let output = try Output(arguments)
  let threads = try threadCount(arguments)
  BLAS.setThreadCount(1)
  var settings = WeightUncertainty.Settings()
  settings.threads = threads
  if let text = arguments["draws"] {
    guard let n = Int(text), n >= 1, n <= 65_535 else {
      throw UsageError(
        message: "--draws is \(text); give a whole number from 1 to 65535.")
    }
    settings.draws = n
  }
  if let text = arguments["seed"] {
    guard let seed = UInt64(text) else {
      throw UsageError(
        message: "--seed is \(text); give a whole number from 0.")
    }
    settings.seed = seed
  }
  if let threshold = try decimalOption(
    arguments, "threshold", 0...100, "give a score from 0 to 100, such as 60")
  {
    settings.threshold = threshold
  }
  var share = 0.2
  if let text = arguments["perturbation"] {
    let parts = text.split(separator: ":")
    if parts.count == 2, parts[0] == "dirichlet", let c = Double(parts[1]),
      c > 0, c.isFinite
    {
      settings.perturbation = .dirichlet(concentration: c)
    } else if parts.count == 2, parts[0] == "uniform", let x = Double(parts[1]),
      x >= 0, x < 1
    {
      settings.perturbation = .uniform(share: x)
      share = x
    } else {
      throw UsageError(
        message:
          "--perturbation is \(text); give dirichlet:C (C > 0, such as dirichlet:50) or uniform:X (0 ≤ X < 1, such as uniform:0.2)."
      )
    }
  }
  if let names = try nameList(arguments, "aggregations") {
    settings.aggregations = []
    for name in names {
      switch name {
      case "arithmetic": settings.aggregations.append(.arithmetic)
      case "geometric":
        settings.aggregations.append(.geometric(zeros: .offset(1)))
      case "harmonic":
        settings.aggregations.append(.harmonic(zeros: .offset(1)))
      default:
        throw UsageError(
          message:
            "--aggregations names \(name); use arithmetic, geometric or harmonic."
        )
      }
    }
  }
  var sobol: SobolSettings?
  if let text = arguments["sobol"] {
    // Below 64 points the first Sobol coordinates of several dimensions
    // repeat each other (up to 8 points, some A and B columns are equal)
    // and the estimators are noise.
    guard let n = Int(text), n >= 64, n <= 1 << 20, n & (n - 1) == 0 else {
      throw UsageError(
        message:
          "--sobol is \(text); give the design's N, a power of two from 64 to 1048576, such as 4096 (below 64 the estimates are noise)."
      )
    }
    var s = SobolSettings(sampleCount: n, threads: threads)
    if let sampler = arguments["sampler"] {
      switch sampler {
      case "sobol": break
      case "random": s.sampler = .random(seed: settings.seed)
      default:
        throw UsageError(
          message: "--sampler is \(sampler); use sobol or random.")
      }
    }
    sobol = s
  } else if arguments["sampler"] != nil {
    throw UsageError(message: "--sampler goes with --sobol N.")
  }
  var scales: [DimensionSensitivity.Scale] = [.shares]
  if let names = try nameList(arguments, "scales") {
    scales = []
    for name in names {
      guard let scale = DimensionSensitivity.Scale(rawValue: name) else {
        throw UsageError(
          message:
            "--scales names \(name); use shares, min-max or percentile-rank.")
      }
      scales.append(scale)
    }
  }
  if let path = arguments["table"] {
    return try runTableSensitivity(
      path, arguments, settings: settings, output: output)
  }
  for option in [
    "id", "criteria", "types", "weights", "weight-method", "normalise",
    "zero-offset",
  ] where arguments[option] != nil {
    throw UsageError(
      message:
        "--\(option) goes with --table: a data set's weights are its scheme's, its scores the dimension shares (other scales: --scales), and its geometric and harmonic means take x + 1."
    )
  }
  // Blocks small enough that every scale × aggregation gets draws.
  settings.block = min(
    64, max(1, settings.draws / (scales.count * settings.aggregations.count)))
  guard let loaded = try loadDataset(arguments) else { return .failure }
  let dataset = loaded.dataset
  return reportingFailures {
    var clock = Stopwatch()
    let evaluation = try Evaluator.evaluate(dataset)
    clock.lap("scoring")
    let result: DimensionSensitivity
    do {
      result = try DimensionSensitivity(
        dataset, evaluation, settings: settings, sobol: sobol,
        sobolShare: share, scales: scales)
    } catch {
      printError("error: \(dataset.folder): \(error).")
      throw InputError([])
    }
    clock.lap("draws")
    let language = output.language
    let projects = SensitivityReport.projects(
      result, dataset, evaluation, language: language)
    var tables = [projects]
    if sobol != nil {
      tables.append(SensitivityReport.sobol(result, language: language))
    }
    // Past 40 projects the terminal gets the project table's notes and a
    // hint instead of its rows; files and other formats get everything.
    let brief = !arguments.has("detail") && result.projects.count > 40
    let shown = brief ? Array(tables.dropFirst()) : tables
    try output.emit(
      shown: shown, all: tables, primary: projects,
      inputs: inputs(arguments, dataset: dataset))
    if output.format == .table, output.folder == nil, brief {
      for line in projects.footnotes { print(line) }
      print(
        language == .chinese
          ? "（共 \(result.projects.count) 个项目：加 --detail 逐个列出，或用 --out DIR 写入文件）"
          : "(\(result.projects.count) projects: add --detail to list each, or --out DIR)"
      )
    }
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}
