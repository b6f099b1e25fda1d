import Foundation
import Jixiao
import JixiaoNumerics

/// `jixiao efficiency DATASET …` and `jixiao efficiency --table FILE …`:
/// DEA, cost and allocative efficiency, Malmquist, cost-effectiveness,
/// the core-duty share and the balance of funds per member.
func runEfficiency(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: commonOptions.subtracting(["levels"]).union([
      "table", "id", "inputs", "outputs", "prices", "period", "returns",
      "orientation", "scenario", "core-categories", "elasticity", "level",
      "balance-by",
    ]),
    flags: commonFlags.union(["super", "no-slacks", "full", "detail", "scale"]))
  let output = try Output(arguments)
  let threads = try threadCount(arguments)
  BLAS.setThreadCount(1)
  var settings = DEASettings()
  if let text = arguments["returns"] {
    guard let returns = DEASettings.Returns(rawValue: text) else {
      throw UsageError(
        message: "--returns is \(text); use crs, vrs, nirs or ndrs.")
    }
    settings.returns = returns
  }
  if let text = arguments["orientation"] {
    guard let orientation = DEASettings.Orientation(rawValue: text) else {
      throw UsageError(
        message: "--orientation is \(text); use input or output.")
    }
    settings.orientation = orientation
  }
  settings.superEfficiency = arguments.has("super")
  settings.slacks = !arguments.has("no-slacks")
  settings.referenceSetReduction = !arguments.has("full")

  if let path = arguments["table"] {
    guard arguments.positionals.isEmpty else {
      throw UsageError(
        message: "give either a data set folder or --table FILE, not both.")
    }
    for option in [
      "scenario", "core-categories", "elasticity", "level", "scheme",
      "balance-by",
      "rounding",
    ]
    where arguments[option] != nil {
      throw UsageError(message: "--\(option) needs a data set, not --table.")
    }
    return try runEfficiencyTable(path, arguments, settings, output, threads)
  }
  for option in ["id", "prices", "period"] where arguments[option] != nil {
    throw UsageError(message: "--\(option) goes with --table FILE.")
  }
  return try runEfficiencyDataset(arguments, settings, output, threads)
}

/// A comma-separated list of names; nil when the option is absent.
func nameList(_ arguments: Arguments, _ option: String) throws(UsageError)
  -> [String]?
{
  guard let text = arguments[option] else { return nil }
  let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
    $0.trimmingCharacters(in: .whitespaces)
  }
  guard !names.contains(where: \.isEmpty) else {
    throw UsageError(
      message: "--\(option) is \"\(text)\"; give names separated by commas.")
  }
  guard Set(names).count == names.count else {
    let twice =
      names.first { name in names.filter { $0 == name }.count > 1 } ?? ""
    throw UsageError(message: "--\(option) names \(twice) twice.")
  }
  return names
}

private func runEfficiencyTable(
  _ path: String, _ arguments: Arguments, _ settings: DEASettings,
  _ output: Output,
  _ threads: Int
) throws(UsageError) -> ExitStatus {
  guard let inputs = try nameList(arguments, "inputs"),
    let outputs = try nameList(arguments, "outputs")
  else {
    throw UsageError(
      message: "--table needs --inputs and --outputs (column names).")
  }
  if let overlap = Set(inputs).intersection(outputs).first {
    throw UsageError(message: "\(overlap) is both an input and an output.")
  }
  let prices = try nameList(arguments, "prices") ?? []
  if let clash = Set(prices).intersection(inputs + outputs).first {
    throw UsageError(
      message:
        "--prices names \(clash), which is also an input or output column.")
  }
  if !prices.isEmpty, prices.count != inputs.count {
    throw UsageError(
      message:
        "--prices names \(prices.count) column(s) for \(inputs.count) input(s); give one price "
        + "column per input, in the order of --inputs.")
  }
  for option in ["id", "period"] {
    if let name = arguments[option],
      (inputs + outputs + prices).contains(where: {
        $0.lowercased() == name.lowercased()
      })
    {
      throw UsageError(
        message: "--\(option) \(name) is also an input, output or price column."
      )
    }
  }
  let table: EfficiencyTable
  do {
    table = try EfficiencyTable(
      path: path, id: arguments["id"], inputs: inputs, outputs: outputs,
      prices: prices,
      period: arguments["period"])
  } catch {
    report(error.diagnostics)
    printError("nothing was computed.")
    return .failure
  }
  return reportingFailures {
    var clock = Stopwatch()
    let language = output.language
    let dea = DEA(settings: settings, threads: threads)
    let labels = table.periods.map(\.label)
    var deaTables: [ReportTable] = []
    var scaleTables: [ReportTable] = []
    var costTables: [ReportTable] = []
    for period in table.periods {
      deaTables.append(
        EfficiencyReport.dea(dea.evaluate(period.data), language: language))
      if arguments.has("scale") {
        scaleTables.append(
          EfficiencyReport.scale(
            ScaleEfficiency(
              period.data, orientation: settings.orientation, threads: threads),
            data: period.data, language: language))
      }
      if let prices = period.prices {
        let cost = try CostEfficiency(
          returns: settings.returns, threads: threads
        )
        .evaluate(period.data, prices: prices)
        costTables.append(
          EfficiencyReport.cost(cost, data: period.data, language: language))
      }
    }
    if let first = table.periods.first { warnAboutFewUnits(first.data) }
    clock.lap("DEA")
    // Several periods: one table of each kind with a period column.
    func combine(_ parts: [ReportTable]) -> [ReportTable] {
      guard !parts.isEmpty else { return [] }
      return labels.count > 1
        ? [EfficiencyReport.stacked(parts, periods: labels, language: language)]
        : parts
    }
    var tables = combine(deaTables) + combine(scaleTables) + combine(costTables)
    if table.periods.count > 1 {
      let steps = try Malmquist(returns: settings.returns, threads: threads)
        .evaluate(table.periods.map(\.data))
      tables.append(
        EfficiencyReport.malmquist(
          steps, units: table.periods[0].data.unitNames, periods: labels,
          language: language))
      clock.lap("Malmquist")
    } else if arguments["period"] != nil, var first = tables.first {
      printError(
        "note: the period column holds one period (\(labels[0])); the Malmquist index "
          + "needs two or more.")
      first.title += " — \(labels[0])"
      tables[0] = first
    }
    try output.emit(
      shown: tables, all: tables, primary: tables[0], inputs: [path])
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}

private func runEfficiencyDataset(
  _ arguments: Arguments, _ settings: DEASettings, _ output: Output,
  _ threads: Int
) throws(UsageError) -> ExitStatus {
  func measures(_ option: String, _ defaults: [UnitFigures.Measure])
    throws(UsageError)
    -> [UnitFigures.Measure]
  {
    guard let names = try nameList(arguments, option) else { return defaults }
    var list: [UnitFigures.Measure] = []
    for name in names {
      guard let measure = UnitFigures.Measure(rawValue: name) else {
        throw UsageError(
          message:
            "--\(option) names \(name); for a data set use "
            + UnitFigures.Measure.allCases.map(\.rawValue).joined(
              separator: ", ")
            + " (or --table FILE for any columns).")
      }
      list.append(measure)
    }
    return list
  }
  let inputMeasures = try measures("inputs", [.executed])
  let outputs = try measures("outputs", [.points, .good])
  if let overlap = Set(inputMeasures).intersection(outputs).first {
    throw UsageError(
      message: "\(overlap.rawValue) is both an input and an output.")
  }
  let core =
    try nameList(arguments, "core-categories")
    ?? CoreDutyShare.defaultCategories
  var elasticity = 0.2
  if let text = arguments["elasticity"] {
    guard let value = Double(text), value.isFinite, (0...1).contains(value)
    else {
      throw UsageError(
        message:
          "--elasticity is \(text); give a number from 0 to 1, such as 0.2.")
    }
    elasticity = value
  }
  var split = FundsBalance.Split.region
  if let text = arguments["balance-by"] {
    guard let value = FundsBalance.Split(rawValue: text) else {
      throw UsageError(message: "--balance-by is \(text); use region or level.")
    }
    split = value
  }
  var scenario: Scenario?
  if let path = arguments["scenario"] {
    guard let loaded = loadScenario(path) else { return .failure }
    scenario = loaded
  }
  if let folder = arguments.positionals.first,
    folder.lowercased().hasSuffix(".csv")
      || folder.lowercased().hasSuffix(".tsv")
  {
    throw UsageError(
      message:
        "\(folder) is a table, not a data set folder; for a table use --table \(folder)."
    )
  }
  guard let loaded = try loadDataset(arguments) else { return .failure }
  let dataset = loaded.dataset
  try checkLevel(arguments["level"], of: dataset)
  if dataset.units.members.isEmpty,
    let measure = (inputMeasures + outputs).first(where: { $0 == .members })
  {
    printError(
      "error: --inputs or --outputs uses \(measure.rawValue), but units.csv of \(dataset.folder) "
        + "has no members column. Add the members of each unit (docs/format.md) or choose other "
        + "measures.")
    return .failure
  }
  let categories = Set(dataset.projects.category.values)
  let unknownCategories = core.filter { !categories.contains($0) }
  if arguments["core-categories"] != nil, !unknownCategories.isEmpty {
    printError(
      "warning: --core-categories names "
        + unknownCategories.joined(separator: ", ")
        + ", which no project of \(dataset.folder) has; its categories are "
        + categories.filter { !$0.isEmpty }.sorted().joined(separator: ", ")
        + ".")
  }
  return reportingFailures {
    var clock = Stopwatch()
    let language = output.language
    let evaluation = try Evaluator.evaluate(dataset)
    clock.lap("scoring")
    let figures = UnitFigures(dataset, evaluation)
    let (data, units, leftOut) = try figures.deaData(
      dataset, inputs: inputMeasures, outputs: outputs,
      level: arguments["level"],
      language: language)
    let result = DEA(settings: settings, threads: threads).evaluate(data)
    warnAboutFewUnits(data)
    let scale =
      arguments.has("scale")
      ? EfficiencyReport.scale(
        ScaleEfficiency(
          data, orientation: settings.orientation, threads: threads),
        data: data, language: language) : nil
    clock.lap("DEA")
    var deaTable = EfficiencyReport.dea(
      result, names: units.map { dataset.units.names[$0] }, language: language)
    let levels = Set(units.map { dataset.units.level[$0] })
    if arguments["level"] == nil, levels.count > 1 {
      deaTable.footnotes.append(
        "Units of \(levels.count) levels ("
          + levels.sorted().joined(separator: ", ")
          + ") are compared with each other; --level keeps one level.")
    }
    if !leftOut.isEmpty {
      let sample = leftOut.prefix(3).map {
        "\(dataset.units.ids[$0.0]) (\($0.1))"
      }
      deaTable.footnotes.append(
        "\(leftOut.count) unit(s) with scored projects left out: "
          + sample.joined(separator: ", ") + (leftOut.count > 3 ? ", …" : "")
          + ".")
    }
    let effectiveness = try CostEffectiveness(
      dataset, evaluation, elasticity: elasticity)
    let reallocation = scenario.map {
      Reallocation(dataset, evaluation: evaluation, scenario: $0)
    }
    let coreBefore = CoreDutyShare(dataset, evaluation, categories: core)
    let coreAfter = reallocation.map {
      CoreDutyShare(dataset, evaluation, categories: core, budgets: $0.after)
    }
    let balanceBefore = FundsBalance(dataset, evaluation, split: split)
    let balanceAfter = reallocation.map {
      FundsBalance(dataset, evaluation, budgets: $0.after, split: split)
    }
    clock.lap("cost-effectiveness and balance")
    let groups = EfficiencyReport.costEffectiveness(
      effectiveness, dataset, language: language)
    let coreTable = EfficiencyReport.coreDuties(
      coreBefore, after: coreAfter, dataset, language: language)
    let balance = EfficiencyReport.balance(
      balanceBefore, after: balanceAfter, dataset, language: language)
    let projects = EfficiencyReport.costEffectivenessProjects(
      effectiveness, dataset, evaluation, language: language)
    var all = [deaTable, groups, coreTable, balance, projects]
    var shown = arguments.has("detail") ? all : [deaTable, groups, balance]
    if let reallocation, let scenario {
      let response = ScenarioResponse(
        dataset, evaluation, after: reallocation.after, elasticity: elasticity)
      let whatIf = EfficiencyReport.whatIf(
        response, dataset, scenario: scenario.name, language: language)
      all.append(whatIf)
      shown.append(whatIf)
    }
    if let scale {
      all.insert(scale, at: 1)
      shown.insert(scale, at: 1)
    }
    var inputList = inputs(arguments, dataset: dataset)
    if let path = arguments["scenario"] { inputList.append(path) }
    try output.emit(
      shown: shown, all: all, primary: deaTable, inputs: inputList)
    if output.format == .table, output.folder == nil, !arguments.has("detail") {
      print(
        "(add --detail for the core-duty and per-project tables, or --out DIR)")
    }
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}

/// The rule of thumb n ≥ max(m·s, 3(m+s)) on standard error too, since a
/// footnote is easy to miss.
func warnAboutFewUnits(_ data: DEAData) {
  guard data.hasFewUnits else { return }
  let m = data.inputCount
  let s = data.outputCount
  printError(
    "warning: \(data.unitCount) unit(s) are fewer than max(m·s, 3(m+s)) = "
      + "\(max(m * s, 3 * (m + s))) for \(m) input(s) and \(s) output(s); many units will "
      + "look efficient. Use fewer inputs and outputs, or more units.")
}

/// `--level L` must be a level of the data set's units.
func checkLevel(_ level: String?, of dataset: Dataset) throws(UsageError) {
  guard let level, !dataset.units.level.values.contains(level) else { return }
  let known = dataset.units.level.values.filter { !$0.isEmpty }
  throw UsageError(
    message:
      "--level is \(level); the levels of \(dataset.folder) are "
      + (known.isEmpty
        ? "not given (units.csv has no level column)"
        : known.joined(separator: ", "))
      + ".")
}
