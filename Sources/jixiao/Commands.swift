import Foundation
import Jixiao
import JixiaoNumerics

/// Exit statuses: 0 success, 1 failure (bad input, errors found), 64 usage.
enum ExitStatus: Int32 {
  case success = 0
  case failure = 1
  case usage = 64
}

/// Loads a data set named on the command line, printing its problems.
///
/// - Returns: nil (after printing) when errors block the work.
func loadDataset(_ arguments: Arguments, quiet: Bool = false) throws(UsageError)
  -> LoadedDataset?
{
  guard let folder = arguments.positionals.first else {
    throw UsageError(message: "name the data set folder.")
  }
  guard arguments.positionals.count == 1 else {
    throw UsageError(
      message: "unexpected argument \(arguments.positionals[1]).")
  }
  var loaded = DatasetLoader.load(
    folder: folder, schemePath: arguments["scheme"],
    threads: try threadCount(arguments))
  printTimings(arguments, loaded.timings)
  if let rounding = arguments["rounding"] {
    guard let value = ScoringScheme.RowRounding(rawValue: rounding) else {
      throw UsageError(
        message: "--rounding is \(rounding); use none, integer or twoDecimals.")
    }
    loaded.dataset.scheme.rowRounding = value
    if value != .none, !loaded.dataset.scheme.roundsRows, !loaded.hasErrors {
      printError(
        "warning: "
          + ScoringScheme.rowRoundingIgnored("--rounding \(rounding)"))
    }
  }
  if loaded.hasErrors {
    report(loaded.diagnostics)
    let count = loaded.diagnostics.count { $0.severity == .error }
    printError(
      "\(count) error(s) in \(folder); nothing was scored. Run `jixiao check \(folder)\(arguments["scheme"].map { " --scheme \($0)" } ?? "")` for the full list."
    )
    return nil
  }
  if !quiet { report(loaded.diagnostics) }
  return loaded
}

/// `--levels N`: how many levels of the unit tree the terminal shows.
func levels(_ arguments: Arguments) throws(UsageError) -> Int? {
  guard let text = arguments["levels"] else { return nil }
  guard let count = Int(text), count >= 1 else {
    throw UsageError(message: "--levels is \(text); give a whole number ≥ 1.")
  }
  return count
}

/// `--threads N`: how many cores read and write files (default: all).
///
/// One level of parallelism (docs/design.md §4): the work here is split into
/// chunks of files and blocks of rows, so BLAS itself runs on one thread;
/// its products (projects × dimensions times a vector) are too small to
/// gain from more.
func threadCount(_ arguments: Arguments) throws(UsageError) -> Int {
  guard let text = arguments["threads"] else {
    return ProcessInfo.processInfo.activeProcessorCount
  }
  guard let count = Int(text), (1...256).contains(count) else {
    throw UsageError(
      message: "--threads is \(text); give a whole number from 1 to 256.")
  }
  return count
}

func setThreads(_ arguments: Arguments) throws(UsageError) {
  _ = try threadCount(arguments)
  BLAS.setThreadCount(1)
}

/// With `--timings`, the seconds each step took, on standard error.
func printTimings(
  _ arguments: Arguments, _ laps: [(stage: String, seconds: Double)]
) {
  guard arguments.has("timings") else { return }
  for lap in laps {
    printError(
      "timing: \(lap.stage) \(String(format: "%.1f", lap.seconds * 1000)) ms")
  }
}

let commonOptions: Set<String> = [
  "scheme", "format", "out", "lang", "threads", "rounding", "levels",
]

let commonFlags: Set<String> = ["timings"]

/// `jixiao check DATASET`: every problem in one pass.
func runCheck(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words, options: ["scheme", "format", "threads"], flags: commonFlags)
  let output = try Output(arguments)
  guard let folder = arguments.positionals.first,
    arguments.positionals.count == 1
  else {
    throw UsageError(message: "name one data set folder.")
  }
  let loaded = DatasetLoader.load(
    folder: folder, schemePath: arguments["scheme"],
    threads: try threadCount(arguments))
  printTimings(arguments, loaded.timings)
  let errors = loaded.diagnostics.count { $0.severity == .error }
  let warnings = loaded.diagnostics.count { $0.severity == .warning }
  if output.format == .table {
    for diagnostic in loaded.diagnostics { print(diagnostic.description) }
    let dataset = loaded.dataset
    print(
      "\(folder): \(dataset.units.count) units, \(dataset.duties.count) duties, "
        + "\(dataset.activities.count) activities, \(dataset.projects.count) projects, "
        + "\(dataset.indicators.count) indicator rows; \(loaded.excluded.count) excluded; "
        + "\(errors) error(s), \(warnings) warning(s).")
    print(
      errors > 0
        ? "Scoring is blocked until the errors are fixed."
        : dataset.projects.count == 0
          ? "Nothing to score: the data set has no projects."
          : "Ready to score.")
  } else {
    var table = ReportTable(
      name: "diagnostics", title: "",
      columns: [
        .init("severity"), .init("file"), .init("line", numeric: true),
        .init("column", numeric: true), .init("message"), .init("help"),
      ])
    for d in loaded.diagnostics {
      table.append([
        .text(d.severity.rawValue), .text(d.file),
        d.line > 0 ? .integer(d.line) : .empty,
        d.column > 0 ? .integer(d.column) : .empty, .text(d.message),
        .text(d.help),
      ])
    }
    print(
      output.format == .csv ? table.renderCSV() : table.renderJSON(),
      terminator: "")
  }
  return errors > 0 ? .failure : .success
}

/// `jixiao score DATASET`: scores, grades and roll-ups.
func runScore(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words, options: commonOptions, flags: commonFlags.union(["detail"]))
  let output = try Output(arguments)
  let shownLevels = try levels(arguments)
  try setThreads(arguments)
  guard let loaded = try loadDataset(arguments) else { return .failure }
  let dataset = loaded.dataset
  return reportingFailures {
    var clock = Stopwatch()
    let evaluation = try Evaluator.evaluate(dataset)
    clock.lap("scoring")
    let language = output.language
    let projects = ScoreReport.projects(dataset, evaluation, language: language)
    let indicators = ScoreReport.indicators(
      dataset, evaluation, language: language)
    let (order, depth) = dataset.units.treeOrder()
    let unitTree = Rollup(evaluation, of: dataset, level: .unitTree)
    let parents = ScoreReport.unitParents(dataset)
    let units = ScoreReport.rollup(
      unitTree, order: order, depth: depth, unitParents: parents,
      language: language)
    let unitsShown = ScoreReport.rollup(
      unitTree, order: order, depth: depth, levels: shownLevels,
      unitParents: parents, language: language)
    let duties = ScoreReport.rollup(
      Rollup(evaluation, of: dataset, level: .duty), language: language)
    let activities = ScoreReport.rollup(
      Rollup(evaluation, of: dataset, level: .activity), language: language)
    var shown = [projects, unitsShown]
    if arguments.has("detail") {
      shown = [projects, indicators, activities, duties, unitsShown]
    }
    clock.lap("roll-ups and tables")
    try output.emit(
      shown: shown, all: [projects, indicators, activities, duties, units],
      primary: projects, inputs: inputs(arguments, dataset: dataset))
    clock.lap("output")
    printTimings(arguments, clock.laps)
  }
}

/// `jixiao simulate DATASET --scenario FILE`: budgets before and after;
/// with several scenarios or `--years`, a comparison (CompareCommand).
func runSimulate(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: commonOptions.union(["scenario", "history"]).union(
      OptimiseOptions.names
    )
    .union(MultiYearOptions.names),
    flags: commonFlags.union(["detail", "optimise"]),
    repeatable: ["scenario"])
  let output = try Output(arguments)
  let shownLevels = try levels(arguments)
  try setThreads(arguments)
  if arguments.has("optimise") {
    if let option = MultiYearOptions.names.sorted().first(where: {
      arguments[$0] != nil
    }) {
      throw UsageError(message: "--\(option) does not go with --optimise.")
    }
    return try runOptimise(arguments, output)
  }
  let multiYear = try MultiYearOptions.settings(arguments)
  // --elasticity is the response model's too, in a multi-year run.
  if let option = OptimiseOptions.names.sorted().first(where: {
    arguments[$0] != nil && !(multiYear != nil && $0 == "elasticity")
  }) {
    throw UsageError(
      message: option == "elasticity"
        ? "--elasticity goes with --optimise or --years."
        : "--\(option) goes with --optimise.")
  }
  // Every file's faults are reported before the run stops.
  let files = arguments.all("scenario").map(loadScenario)
  guard files.allSatisfy({ $0 != nil }) else { return .failure }
  let scenarios = files.compactMap { $0 }
  if scenarios.count > 1 || multiYear != nil {
    return try runCompare(
      arguments, output, scenarios: scenarios, settings: multiYear)
  }
  let scenario = scenarios.first ?? Scenario()
  guard let loaded = try loadDataset(arguments) else { return .failure }
  let dataset = loaded.dataset
  if let path = arguments.all("scenario").first,
    !checkProjects(of: scenario, path: path, in: dataset)
  {
    return .failure
  }
  return reportingFailures {
    var clock = Stopwatch()
    let history = try readHistory(
      arguments, dataset: dataset, scenarios: [scenario])
    let evaluation = try Evaluator.evaluate(dataset)
    clock.lap("scoring")
    let result = Reallocation(
      dataset, evaluation: evaluation, scenario: scenario, history: history)
    clock.lap("reallocation")
    let language = output.language
    let summary = SimulationReport.summary(
      result, evaluation, moneyUnit: dataset.info.moneyUnit, language: language)
    let units = SimulationReport.units(result, dataset, language: language)
    let unitsShown = SimulationReport.units(
      result, dataset, levels: shownLevels, language: language)
    let projects = SimulationReport.projects(
      result, dataset, evaluation, language: language)
    var shown = [unitsShown, summary]
    let listsProjects = arguments.has("detail") || dataset.projects.count <= 40
    if listsProjects { shown.insert(projects, at: 0) }
    var inputList = inputs(arguments, dataset: dataset)
    if let path = arguments["scenario"] { inputList.append(path) }
    if let path = arguments["history"] { inputList.append(path) }
    try output.emit(
      shown: shown, all: [summary, units, projects], primary: projects,
      inputs: inputList)
    if output.format == .table, output.folder == nil, !listsProjects {
      print(
        "(\(dataset.projects.count) projects: add --detail to list each, "
          + "or --out DIR to write projects.csv)")
    }
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}

/// The scenario of a file, its warnings reported; nil when its faults
/// were reported (the command exits with 1).
func loadScenario(_ path: String) -> Scenario? {
  do {
    let (loaded, warnings) = try Scenario.load(from: path)
    report(warnings)
    return loaded
  } catch {
    report(error.diagnostics)
    return nil
  }
}

/// Runs a command's work; input and numeric failures become messages on
/// standard error and exit status 1.
func reportingFailures(_ work: () throws -> Void) -> ExitStatus {
  do {
    try work()
    return .success
  } catch let error as InputError {
    report(error.diagnostics)
    return .failure
  } catch {
    printError("error: \(error)")
    return .failure
  }
}

/// The files a run reads, which its outputs may not replace.
func inputs(_ arguments: Arguments, dataset: Dataset) -> [String] {
  var list = [dataset.folder]
  for name in [
    "units.csv", "duties.csv", "activities.csv", "projects.csv",
    "indicators.csv", "spending.csv", "scheme.json", "dataset.json",
  ] {
    list.append(DatasetLoader.path(dataset.folder, name))
  }
  if let scheme = arguments["scheme"] { list.append(scheme) }
  return list
}
