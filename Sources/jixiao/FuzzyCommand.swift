import Foundation
import Jixiao

/// `jixiao fuzzy MEMBERSHIP.csv …`: fuzzy comprehensive evaluation
/// (模糊综合评价), B = w·R per alternative, with weights given or from AHP
/// judgements (AHP-FCE), the grade of largest membership and weighted
/// grade points (docs/weights.md).
func runFuzzy(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: [
      "format", "out", "lang", "weights", "ahp", "priority", "ri", "points",
      "id", "criterion",
    ],
    flags: ["votes"], repeatable: ["ahp"])
  let output = try Output(arguments)
  let language = output.language
  guard arguments.positionals.count == 1, let path = arguments.positionals.first
  else {
    throw UsageError(
      message: arguments.positionals.isEmpty
        ? "name the membership table: one row per alternative and criterion, one column per grade."
        : "give one membership table; got \(arguments.positionals.joined(separator: " "))."
    )
  }
  let ahpFiles = arguments.all("ahp")
  switch (arguments["weights"] != nil, !ahpFiles.isEmpty) {
  case (true, true):
    throw UsageError(message: "give --weights or --ahp, not both.")
  case (false, false):
    throw UsageError(
      message:
        "give the criteria's weights: --weights 0.5,0.3,0.2 (or name=weight), or --ahp MATRIX.csv."
    )
  default: break
  }
  if ahpFiles.isEmpty, arguments["priority"] != nil || arguments["ri"] != nil {
    throw UsageError(message: "--priority and --ri go with --ahp.")
  }
  var givenPoints: [Double]?
  if let text = arguments["points"] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    var values: [Double] = []
    for part in parts {
      guard let v = Double(part), v.isFinite, abs(v) <= 1e9 else {
        throw UsageError(
          message:
            "--points gives \"\(part)\"; give one number per grade column (within ±1e9), in their order, such as 95,85,70,50."
        )
      }
      values.append(v)
    }
    givenPoints = values
  }

  let data: CriteriaFile.Memberships
  do {
    data = try CriteriaFile.memberships(
      path, id: arguments["id"], criterion: arguments["criterion"],
      votes: arguments.has("votes"))
  } catch {
    report(error.diagnostics)
    return .failure
  }
  var tables: [ReportTable] = []
  var inputs = [path]
  let weights: [Double]
  let weightSource: String
  if arguments["weights"] != nil {
    (weights, weightSource) = try givenWeights(
      arguments, criteria: data.criteria)
  } else {
    guard
      let judged = try judgedWeights(ahpFiles, arguments, language: language)
    else { return .failure }
    // The judged criteria must be the table's, in any order.
    guard Set(judged.names) == Set(data.criteria),
      judged.names.count == data.criteria.count
    else {
      printError(
        "error: \(ahpFiles[0]): its criteria (\(judged.names.joined(separator: ", "))) are not those of \(path) (\(data.criteria.joined(separator: ", "))); judge the criteria the memberships are given for."
      )
      return .failure
    }
    weights = data.criteria.compactMap { name in
      judged.names.firstIndex(of: name).map { judged.weights.values[$0] }
    }
    weightSource = judged.weights.method
    tables.append(judged.consistency)
    inputs += ahpFiles
  }
  let points: [Double]?
  let pointsSource: String
  if let givenPoints {
    guard givenPoints.count == data.grades.count else {
      printError(
        "error: \(path): --points gives \(givenPoints.count) values for \(data.grades.count) grades (\(data.grades.joined(separator: ", "))); give one per grade column, in their order."
      )
      return .failure
    }
    points = givenPoints
    pointsSource = "given"
    // The grades are read best first: points that rise are likely given
    // worst first.
    if zip(givenPoints, givenPoints.dropFirst()).allSatisfy({ $0 < $1 }) {
      printError(
        "warning: --points rise from \(data.grades.first ?? "") to \(data.grades.last ?? ""); the grade columns are read best first, so the best grade scores least. Give the points in the columns' order, best first, if that is not meant."
      )
    }
  } else if data.grades.count == FuzzyEvaluation.defaultPoints.count {
    points = FuzzyEvaluation.defaultPoints
    pointsSource = "default"
  } else {
    points = nil
    pointsSource = ""
  }
  let result: FuzzyEvaluation
  do {
    result = try FuzzyEvaluation(
      data.matrices, weights: weights, gradePoints: points)
  } catch {
    printError("error: \(path): \(error).")
    return .failure
  }
  let evaluation = WeightingReport.fuzzy(
    result, ids: data.ids, grades: data.grades, language: language)
  let settings = WeightingReport.fuzzySettings(
    criteria: data.criteria, weights: weights, weightSource: weightSource,
    grades: data.grades, points: points, pointsSource: pointsSource,
    votes: arguments.has("votes"), language: language)
  let all = [evaluation, settings] + tables
  return reportingFailures {
    try output.emit(shown: all, all: all, primary: evaluation, inputs: inputs)
  }
}
