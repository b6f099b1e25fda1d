import Foundation
import Jixiao
import JixiaoNumerics

/// The options of a multi-year `jixiao simulate` run.
enum MultiYearOptions {
  static let names: Set<String> = [
    "years", "runs", "seed", "elasticity-spread", "noise",
  ]

  /// The settings, or nil without `--years`; `--elasticity` is shared
  /// with `--optimise`.
  static func settings(_ arguments: Arguments) throws(UsageError)
    -> MultiYearSettings?
  {
    guard let years = arguments["years"] else {
      if let option = names.sorted().first(where: { arguments[$0] != nil }) {
        throw UsageError(message: "--\(option) goes with --years.")
      }
      return nil
    }
    var settings = MultiYearSettings()
    settings.years = try whole("years", years, 1...20, "such as 3")
    if let runs = arguments["runs"] {
      settings.runs = try whole("runs", runs, 1...1_000_000, "such as 1000")
    }
    if let seed = arguments["seed"] {
      guard let value = UInt64(seed), seed.allSatisfy(\.isNumber) else {
        throw UsageError(
          message: "--seed is \(seed); give a whole number from 0, such as 7.")
      }
      settings.seed = value
    }
    func number(_ name: String, _ range: ClosedRange<Double>, _ hint: String)
      throws(UsageError) -> Double?
    {
      try decimalOption(arguments, name, range, hint)
    }
    var response = settings.response
    response.elasticity =
      try number("elasticity", 0...1, "give a number from 0 to 1, such as 0.2")
      ?? response.elasticity
    response.elasticitySpread =
      try number(
        "elasticity-spread", 0...1, "give a number from 0 to 1, such as 0.1")
      ?? response.elasticitySpread
    response.noise =
      try number(
        "noise", 0...100, "give points of score from 0 to 100, such as 5")
      ?? response.noise
    settings.response = response
    settings.threads = try threadCount(arguments)
    return settings
  }

  private static func whole(
    _ name: String, _ text: String, _ range: ClosedRange<Int>, _ example: String
  ) throws(UsageError) -> Int {
    guard let value = Int(text), text.allSatisfy(\.isNumber),
      range.contains(value)
    else {
      throw UsageError(
        message:
          "--\(name) is \(text); give a whole number from \(range.lowerBound) to \(range.upperBound), \(example)."
      )
    }
    return value
  }
}

/// `jixiao simulate DATASET --scenario A --scenario B … [--years N]`: the
/// baseline (budgets as they are) and every scenario side by side, and,
/// with `--years`, each run year after year over many seeded runs.
func runCompare(
  _ arguments: Arguments, _ output: Output, scenarios: [Scenario],
  settings: MultiYearSettings?
) throws(UsageError) -> ExitStatus {
  // Names compare without regard to case: "Baseline" beside "baseline"
  // would read as one row twice.
  var files: [String: String] = [Scenario.baseline.name: ""]
  for (scenario, path) in zip(scenarios, arguments.all("scenario")) {
    if let first = files[scenario.name.lowercased()] {
      printError(
        "error: \(path): the scenario is named \"\(scenario.name)\", as "
          + (first.isEmpty
            ? "the baseline (budgets as they are) is"
            : "\(first) is")
          + ".\n  help: Give each scenario file its own \"name\".")
      return .failure
    }
    files[scenario.name.lowercased()] = path
  }
  guard let loaded = try loadDataset(arguments) else { return .failure }
  let dataset = loaded.dataset
  for (scenario, path) in zip(scenarios, arguments.all("scenario"))
  where !checkProjects(of: scenario, path: path, in: dataset) {
    return .failure
  }
  let all = [Scenario.baseline] + scenarios
  return reportingFailures {
    var clock = Stopwatch()
    let history = try readHistory(
      arguments, dataset: dataset, scenarios: scenarios)
    let evaluation = try Evaluator.evaluate(dataset)
    clock.lap("scoring")
    let results = all.map {
      Reallocation(
        dataset, evaluation: evaluation, scenario: $0, history: history)
    }
    clock.lap("reallocation")
    let language = output.language
    let response = settings?.response ?? ResponseModel()
    let table = ScenarioComparisonReport.scenarios(
      results, dataset, evaluation, response: response, language: language)
    let projects = ScenarioComparisonReport.projects(
      results, dataset, evaluation, language: language)
    var shown = [table]
    var tables = [table, projects]
    var primary = table
    if arguments.has("detail") { shown.insert(projects, at: 0) }
    if let settings {
      let runs = all.map {
        MultiYearSimulation(
          dataset, evaluation, scenario: $0, settings: settings,
          history: history)
      }
      clock.lap("multi-year runs")
      let years = MultiYearReport.years(runs, dataset, language: language)
      let perProject = MultiYearReport.projects(
        runs, dataset, evaluation, language: language)
      shown.append(years)
      if arguments.has("detail") { shown.append(perProject) }
      tables += [years, perProject]
      primary = years
    }
    var inputList = inputs(arguments, dataset: dataset)
    inputList += arguments.all("scenario")
    if let path = arguments["history"] { inputList.append(path) }
    try output.emit(
      shown: shown, all: tables, primary: primary, inputs: inputList)
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}

/// Whether a scenario's rules fit the data set: reports the faults
/// (`Scenario.check`) and says false when any is an error.
func checkProjects(of scenario: Scenario, path: String, in dataset: Dataset)
  -> Bool
{
  let found = scenario.check(against: dataset)
  report(found)
  return !found.contains { $0.severity == .error }
}

/// The earlier grades of `--history FILE`, its warnings reported; a
/// warning too when no scenario has a rectification cycle to use them.
func readHistory(
  _ arguments: Arguments, dataset: Dataset, scenarios: [Scenario]
) throws(InputError) -> RuleHistory? {
  guard let path = arguments["history"] else { return nil }
  let (history, warnings) = try GradeHistory.load(path, dataset: dataset)
  report(warnings)
  if !scenarios.contains(where: { $0.rules.rectification != nil }) {
    printError(
      "warning: \(path): no scenario has a rectification cycle (`rules.rectification`), "
        + "so the earlier grades change nothing.")
  }
  return history
}
