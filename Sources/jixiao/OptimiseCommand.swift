import Foundation
import Jixiao
import JixiaoNumerics

/// The options of `jixiao simulate DATASET --optimise`.
enum OptimiseOptions {
  static let names: Set<String> = [
    "value", "floor", "cap", "elasticity", "pieces", "total", "unit-cap",
    "core-share",
    "core-categories", "indivisible",
  ]

  static func settings(_ arguments: Arguments) throws(UsageError)
    -> OptimalReallocation.Settings
  {
    var settings = OptimalReallocation.Settings()
    if let text = arguments["value"] {
      guard let value = OptimalReallocation.Value(rawValue: text) else {
        throw UsageError(message: "--value is \(text); use linear or concave.")
      }
      settings.value = value
    }
    func number(_ name: String, _ range: ClosedRange<Double>, _ hint: String)
      throws(UsageError)
      -> Double?
    {
      try decimalOption(arguments, name, range, hint)
    }
    settings.floorShare =
      try number(
        "floor", 0...1, "give a share of each budget from 0 to 1, such as 0.5")
      ?? settings.floorShare
    settings.capShare =
      try number(
        "cap", 1...100, "give a multiple of each budget from 1, such as 1.5")
      ?? settings.capShare
    settings.elasticity =
      try number("elasticity", 0...1, "give a number from 0 to 1, such as 0.2")
      ?? settings.elasticity
    if let pieces = try number(
      "pieces", 1...1000, "give a whole number from 1 to 1000")
    {
      guard pieces == pieces.rounded() else {
        throw UsageError(message: "--pieces is \(pieces); give a whole number.")
      }
      settings.pieces = Int(pieces)
    }
    settings.total = try number(
      "total", 0...1e15, "give an amount ≥ 0 in the money unit")
    settings.unitCapShare = try number(
      "unit-cap", 1...100,
      "give a multiple of each unit's budget from 1, such as 1.2")
    settings.coreShare = try number(
      "core-share", 0...1, "give a share of the total from 0 to 1, such as 0.4")
    if let text = arguments["indivisible"] {
      guard let value = OptimalReallocation.Indivisible(rawValue: text) else {
        throw UsageError(
          message: "--indivisible is \(text); use none, major or all.")
      }
      settings.indivisible = value
    }
    if let names = try nameList(arguments, "core-categories") {
      settings.coreCategories = names
    }
    return settings
  }
}

/// `jixiao simulate DATASET --optimise …`: budgets that maximise
/// performance under a fixed total (docs/simulate.md).
func runOptimise(_ arguments: Arguments, _ output: Output) throws(UsageError)
  -> ExitStatus
{
  if arguments["scenario"] != nil {
    throw UsageError(
      message: "--optimise chooses the budgets itself; leave out --scenario.")
  }
  if arguments["history"] != nil {
    throw UsageError(
      message:
        "--history goes with the rectification cycle of a scenario, not with --optimise."
    )
  }
  let settings = try OptimiseOptions.settings(arguments)
  guard let loaded = try loadDataset(arguments) else { return .failure }
  let dataset = loaded.dataset
  return reportingFailures {
    var clock = Stopwatch()
    let evaluation = try Evaluator.evaluate(dataset)
    clock.lap("scoring")
    let result = try OptimalReallocation(
      dataset, evaluation, settings: settings)
    clock.lap("optimisation")
    guard result.status == .optimal else {
      printError(
        "error: the optimisation is \(result.status.rawValue): the floors, caps and shares "
          + "cannot all hold with a total of \(Diagnostic.number(result.total)) "
          + "\(dataset.info.moneyUnit). Lower --floor, raise --cap or --unit-cap, lower "
          + "--core-share, or change --total. Nothing was written.")
      throw InputError([])
    }
    let language = output.language
    let summary = OptimalReallocationReport.summary(
      result, dataset, language: language)
    let projects = OptimalReallocationReport.projects(
      result, dataset, evaluation, language: language)
    let listsProjects = arguments.has("detail") || dataset.projects.count <= 40
    try output.emit(
      shown: listsProjects ? [projects, summary] : [summary],
      all: [summary, projects],
      primary: projects, inputs: inputs(arguments, dataset: dataset))
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}

/// A plain decimal option (digits and a point) within `range`; nil when
/// not given. `hint` says what to give, for the message.
func decimalOption(
  _ arguments: Arguments, _ name: String, _ range: ClosedRange<Double>,
  _ hint: String
) throws(UsageError) -> Double? {
  guard let text = arguments[name] else { return nil }
  guard let value = Double(text), value.isFinite, range.contains(value),
    text.allSatisfy({ $0.isNumber || $0 == "." })
  else {
    throw UsageError(message: "--\(name) is \(text); \(hint).")
  }
  return value
}
