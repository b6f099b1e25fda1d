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
    "sobol", "sampler", "scales", "threshold", "scheme", "rounding", "detail",
  ]
  where arguments[option] != nil || arguments.has(option) {
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
    // Only those without a value per criterion.
    guard let n = simpleNormalisation(name) else {
      throw UsageError(
        message:
          "--normalise names \(name); with --table use min-max (or min-max:L:U with L < U within ±1000000000), z-score, rank, percentile-rank, vector or sum."
      )
    }
    normalisations.append(n)
  }
  if normalisations.count > 1 {
    printError(
      "warning: the normalisations (\(normalisations.map(\.name).joined(separator: ", "))) put the scores on different scales; the mean, SD, P5 and P95 pool them, so compare alternatives by their rank bands."
    )
  }
  let zeros = try zeroRule(arguments)
  if arguments["zero-offset"] != nil,
    !settings.aggregations.contains(where: {
      if case .arithmetic = $0 { false } else { true }
    })
  {
    printError(
      "warning: --zero-offset changes only geometric and harmonic means, and no --aggregations here is one."
    )
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
  guard
    let (allWeights, weightNote) = try baseWeights(
      arguments, data, method: weightMethod, path: path)
  else { return .failure }
  // Criteria of weight 0 move no score: left out of the draws, as in a
  // data set (a Dirichlet draw needs every weight above 0).
  let kept = allWeights.indices.filter { allWeights[$0] > 0 }
  let weights = kept.map { allWeights[$0] }
  let left = allWeights.indices.filter { allWeights[$0] == 0 }.map {
    data.criteria[$0]
  }
  // Blocks small enough that every choice of normalisation and
  // aggregation gets draws: 64 at most, fewer when the draws are few.
  let choices = normalisations.count * settings.aggregations.count
  settings.block = min(64, max(1, settings.draws / choices))
  var matrices: [Matrix] = []
  var base: [Double] = []
  let result: WeightUncertainty
  do throws(WeightingError) {
    for normalisation in normalisations {
      let normal = try normalisation.apply(data.table)
      for aggregation in settings.aggregations
      where !positiveForMeans(
        normal.table, normalisation, aggregation, data, path: path)
      {
        return .failure
      }
      let m = normal.table.rows
      var used = Matrix(rows: m, columns: kept.count)
      for (k, j) in kept.enumerated() {
        for i in 0..<m { used[i, k] = normal.table[i, j] }
      }
      matrices.append(used)
      if base.isEmpty {
        base = try settings.aggregations[0].scores(
          normal.table, weights: allWeights)
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
    weights: allWeights, weightNote: weightNote,
    normalisations: normalisations.map(\.name), leftOut: left,
    language: output.language)
  let used = SensitivityReport.tableSettings(
    result.settings, criteria: data.criteria, weights: allWeights,
    weightNote: weightNote, normalisations: normalisations.map(\.name),
    language: output.language)
  return reportingFailures {
    try output.emit(
      shown: [table], all: [table, used], primary: table, inputs: [path])
  }
}
