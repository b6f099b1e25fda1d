import Foundation
import Jixiao
import JixiaoNumerics

/// `jixiao sensitivity --table T.csv …`: the weights Monte Carlo on a wide
/// table of alternatives (provinces, units, projects × criteria), as
/// `jixiao rank` scores it: how each alternative's score and rank move
/// when the weights are uncertain, cycling through normalisations and
/// aggregations. docs/sensitivity.md §4.
func runTableSensitivity(
  _ path: String, _ arguments: Arguments, settings: WeightUncertainty.Settings,
  output: Output
) throws(UsageError) -> ExitStatus {
  for option in [
    "sobol", "sampler", "scales", "threshold", "scheme", "rounding",
  ]
  where arguments[option] != nil {
    throw UsageError(
      message:
        "--\(option) goes with a data set, not with --table; see jixiao help sensitivity."
    )
  }
  guard arguments.positionals.isEmpty else {
    throw UsageError(
      message:
        "give a data set or --table, not both (got \(arguments.positionals.joined(separator: " ")))."
    )
  }
  let weightMethod = try weightChoice(arguments)
  // The normalisations the blocks of draws cycle through.
  var normalisations: [Normalisation] = []
  for name in try nameList(arguments, "normalise") ?? ["min-max"] {
    let one = try Arguments(
      ["--normalise", name], options: ["normalise"], flags: [])
    guard let n = try normalisationOption(one, criteria: nil) else {
      throw UsageError(
        message:
          "--normalise names \(name); with --table use min-max (or min-max:L:U), z-score, rank, percentile-rank, vector or sum."
      )
    }
    normalisations.append(n)
  }
  let zeros = try zeroRule(arguments)
  var settings = settings
  // Geometric and harmonic means of normalised values take the table's
  // zero rule, not the data set's offset of 1 point.
  settings.aggregations = settings.aggregations.map {
    switch $0 {
    case .arithmetic: .arithmetic
    case .geometric: .geometric(zeros: zeros)
    case .harmonic: .harmonic(zeros: zeros)
    }
  }
  // No grades: a table's composite has no cut-offs.
  settings.gradeMinimums = []
  settings.threshold = -.infinity

  guard let data = try CriteriaOptions.read(arguments, path: path) else {
    return .failure
  }
  guard
    let (weights, weightNote) = try baseWeights(
      arguments, data, method: weightMethod, path: path)
  else { return .failure }
  var matrices: [Matrix] = []
  var base: [Double] = []
  let result: WeightUncertainty
  do throws(WeightingError) {
    for normalisation in normalisations {
      let normal = try normalisation.apply(data.table)
      matrices.append(
        Matrix(
          rows: normal.table.rows, columns: normal.table.columns,
          columnMajor: normal.table.values))
      if base.isEmpty {
        base = try settings.aggregations[0].scores(
          normal.table, weights: weights)
      }
    }
    result = try WeightUncertainty(
      scores: matrices, weights: weights, settings: settings)
  } catch {
    reportWeighting(error, data, path: path)
    return .failure
  }
  let table = SensitivityReport.table(
    result, ids: data.ids, base: base, criteria: data.criteria,
    weights: weights, weightNote: weightNote,
    normalisations: normalisations.map(\.name), language: output.language)
  return reportingFailures {
    try output.emit(
      shown: [table], all: [table], primary: table, inputs: [path])
  }
}
