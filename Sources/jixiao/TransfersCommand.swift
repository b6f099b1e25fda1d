import Foundation
import Jixiao

/// `jixiao transfers DATASET --total T …`: a transfer to the units of one
/// level by formula (因素法), with the balance of capacity per member
/// before and after (docs/transfers.md).
func runTransfers(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: commonOptions.subtracting(["levels"]).union(
      TransfersOptions.names),
    flags: commonFlags)
  let output = try Output(arguments)
  try setThreads(arguments)
  var formula = try TransfersOptions.formula(arguments)
  guard let loaded = try loadDataset(arguments) else { return .failure }
  let dataset = loaded.dataset
  try checkLevel(formula.level, of: dataset)
  // --target is per member in the unit the tables show (元 for 万元).
  let factor = TransfersReport.perMemberUnit(
    moneyUnit: dataset.info.moneyUnit
  ).factor
  if let target = formula.target { formula.target = target / factor }
  return reportingFailures {
    var clock = Stopwatch()
    let evaluation = try Evaluator.evaluate(dataset)
    clock.lap("scoring")
    let result: Transfers
    do {
      result = try Transfers(dataset, evaluation, formula: formula)
    } catch {
      printError("error: \(error).")
      throw InputError([])
    }
    clock.lap("transfers")
    for name in result.redistributed {
      printError(
        "note: the \(name.rawValue) factor is 0 for every unit of level "
          + "\(result.level); its weight went to the other factors in proportion."
      )
    }
    let language = output.language
    let recipients = TransfersReport.recipients(
      result, dataset, language: language)
    let summary = TransfersReport.summary(result, dataset, language: language)
    let settings = TransfersReport.settings(result, dataset, language: language)
    let tables = [recipients, summary, settings]
    try output.emit(
      shown: tables, all: tables, primary: recipients,
      inputs: inputs(arguments, dataset: dataset))
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}

/// The options of `jixiao transfers` and the formula they give.
enum TransfersOptions {
  static let names: Set<String> = [
    "total", "level", "weights", "performance", "grade-points", "target",
    "neutral-score",
  ]

  static func formula(_ arguments: Arguments) throws(UsageError)
    -> TransferFormula
  {
    guard let totalText = arguments["total"] else {
      throw UsageError(
        message:
          "--total is needed: the amount to share, in the money unit, such as --total 5000."
      )
    }
    guard let total = plainNumber(totalText), total > 0 else {
      throw UsageError(
        message:
          "--total is \(totalText); give a plain decimal amount > 0 in the money unit (digits and a point, no exponent), such as 5000."
      )
    }
    var formula = TransferFormula(total: total)
    formula.level = arguments["level"]
    if let text = arguments["weights"] { formula.weights = try weights(text) }
    if let text = arguments["performance"] {
      guard let mode = TransferFormula.Performance(rawValue: text) else {
        throw UsageError(
          message: "--performance is \(text); use grade or score.")
      }
      formula.performance = mode
    }
    if let text = arguments["grade-points"] {
      formula.gradePoints = try gradePoints(text)
    }
    if let text = arguments["target"] {
      guard let target = plainNumber(text) else {
        throw UsageError(
          message:
            "--target is \(text); give the capacity per member to lift units towards, "
            + "≥ 0, in the unit of the tables (元 per member for 万元), such as 350."
        )
      }
      formula.target = target
    }
    if let text = arguments["neutral-score"] {
      if text == "none" {
        formula.neutralScore = nil
      } else {
        guard let score = plainNumber(text), score <= 100 else {
          throw UsageError(
            message:
              "--neutral-score is \(text); give a score from 0 to 100, such as 80, or none."
          )
        }
        formula.neutralScore = score
      }
    }
    do {
      try formula.validate()
    } catch {
      throw UsageError(message: error.description + ".")
    }
    return formula
  }

  /// A number written as digits with at most one point (no sign, no
  /// exponent, no `nan`): what a person types for an amount.
  static func plainNumber(_ text: String) -> Double? {
    guard !text.isEmpty,
      text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      let value = Double(text), value.isFinite
    else { return nil }
    return value
  }

  /// `name=value` pairs separated by commas.
  static func pairs(_ text: String, option: String, example: String)
    throws(UsageError) -> [(String, Double)]
  {
    var list: [(String, Double)] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pieces = part.split(separator: "=", omittingEmptySubsequences: false)
      guard pieces.count == 2,
        !pieces[0].trimmingCharacters(in: .whitespaces).isEmpty,
        let value = plainNumber(
          pieces[1].trimmingCharacters(in: .whitespaces))
      else {
        throw UsageError(
          message:
            "--\(option) is \(text); give name=number pairs ≥ 0 separated by commas, "
            + "such as \(example).")
      }
      let name = pieces[0].trimmingCharacters(in: .whitespaces)
      guard !list.contains(where: { $0.0 == name }) else {
        throw UsageError(message: "--\(option) names \(name) twice.")
      }
      list.append((name, value))
    }
    return list
  }

  static let weightExample =
    "members=0.4,payroll=0.2,performance=0.2,equalisation=0.2"

  /// `--weights`: factors not named weigh 0; the weights must sum to 1.
  static func weights(_ text: String) throws(UsageError)
    -> [TransferFormula.Factor: Double]
  {
    var weights: [TransferFormula.Factor: Double] = [:]
    for (name, value) in try pairs(
      text, option: "weights", example: weightExample)
    {
      guard let factor = TransferFormula.Factor(rawValue: name) else {
        throw UsageError(
          message:
            "--weights names \(name); the factors are "
            + TransferFormula.Factor.allCases.map(\.rawValue).joined(
              separator: ", ") + ".")
      }
      weights[factor] = value
    }
    let sum = weights.values.reduce(0, +)
    guard abs(sum - 1) <= 1e-9 else {
      let shown = (sum * 1e9).rounded() / 1e9
      throw UsageError(
        message:
          "--weights sum to \(Diagnostic.number(shown)); they must sum to 1, "
          + "such as \(weightExample).")
    }
    return weights
  }

  /// `--grade-points`: the grades named replace their defaults.
  static func gradePoints(_ text: String) throws(UsageError) -> [Grade: Double]
  {
    var points = TransferFormula.defaultGradePoints
    var named: Set<Grade> = []
    for (name, value) in try pairs(
      text, option: "grade-points", example: "优=1.2,良=1,中=0.8,差=0.5")
    {
      guard let grade = Grade(name: name) else {
        throw UsageError(
          message:
            "--grade-points names \(name); the grades are 优, 良, 中, 差 "
            + "(or excellent, good, fair, poor).")
      }
      guard named.insert(grade).inserted else {
        throw UsageError(
          message: "--grade-points names \(grade.chinese) twice.")
      }
      points[grade] = value
    }
    return points
  }
}
