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
  if arguments["weights"] != nil, arguments["weight-method"] != nil {
    throw UsageError(message: "give --weights or --weight-method, not both.")
  }
  let weightMethodName = arguments["weight-method"] ?? "equal"
  guard let weightMethod = WeightMethod(rawValue: weightMethodName) else {
    throw UsageError(
      message:
        "--weight-method is \(weightMethodName); use \(WeightMethod.names).")
  }
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
  var zeros = Aggregation.ZeroRule.error
  if let text = arguments["zero-offset"] {
    guard let e = Double(text), e > 0, e <= 1e6 else {
      throw UsageError(
        message:
          "--zero-offset is \(text); give a number above 0 and at most 1000000, such as 0.01."
      )
    }
    zeros = .offset(e)
  }
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
  let weights: [Double]
  let weightNote: String
  if arguments["weights"] != nil {
    (weights, weightNote) = try givenWeights(arguments, criteria: data.criteria)
  } else {
    do {
      let w = try weightMethod.weights(data.table)
      (weights, weightNote) = (w.values, w.method)
    } catch {
      printError("error: \(path): \(error).")
      return .failure
    }
  }
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
    if let placed = data.diagnostic(error) {
      report([placed])
    } else {
      printError("error: \(path): \(error).")
    }
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
