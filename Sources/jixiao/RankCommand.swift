import Foundation
import Jixiao

/// `jixiao rank TABLE …`: scores and ranks of the alternatives of a wide
/// table by one or several methods, and how alike their rankings are
/// (docs/weights.md).
func runRank(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: Set([
      "format", "out", "lang", "method", "weights", "weight-method",
      "normalise", "targets", "cap", "references", "goalposts", "scale",
      "zero-offset", "v",
    ]).union(CriteriaOptions.names),
    flags: [])
  let output = try Output(arguments)
  let path = try CriteriaOptions.table(arguments)
  // The name and settings are checked before the table is read; the
  // values per criterion once its criteria are known.
  _ = try normalisationOption(arguments, criteria: nil)
  let methods =
    try nameList(arguments, "method") ?? ["arithmetic", "topsis", "vikor"]
  for method in methods
  where !["arithmetic", "geometric", "harmonic", "topsis", "vikor"].contains(
    method)
  {
    throw UsageError(
      message:
        "--method names \(method); use arithmetic, geometric, harmonic, topsis or vikor."
    )
  }
  let zeros = try zeroRule(arguments)
  if arguments["zero-offset"] != nil,
    !methods.contains(where: { $0 == "geometric" || $0 == "harmonic" })
  {
    printError(
      "warning: --zero-offset changes only geometric and harmonic means, and no --method here is one."
    )
  }
  var v = 0.5
  if let text = arguments["v"] {
    guard let value = Double(text), value >= 0, value <= 1 else {
      throw UsageError(
        message:
          "--v is \(text); give the weight of the majority strategy from 0 to 1."
      )
    }
    v = value
  }
  let weightMethod = try weightChoice(arguments)
  guard let data = try CriteriaOptions.read(arguments) else { return .failure }
  let normalisation = try normalisationOption(
    arguments, criteria: data.criteria)
  guard
    let (weights, weightNote) = try baseWeights(
      arguments, data, method: weightMethod, path: path)
  else { return .failure }
  var results: [(name: String, scores: [Double], lowerIsBetter: Bool)] = []
  var notes: [WeightingReport.RankingNote] = [.weights(weightNote)]
  // The values per criterion a normalisation was given, kept with the run.
  func list(_ values: [Double]) -> String {
    zip(data.criteria, values).map { "\($0) \(Diagnostic.number($1))" }
      .joined(separator: ", ")
  }
  switch normalisation {
  case .ratioToTarget(let targets, let cap):
    notes.append(
      .normalisation(
        "ratio to target, targets \(list(targets)); cap \(Diagnostic.number(cap))"
      ))
  case .distanceToReference(let references):
    notes.append(
      .normalisation("distance to reference, references \(list(references))"))
  case .goalposts(let low, let high, let scale):
    let posts = data.criteria.indices.map {
      "\(data.criteria[$0]) \(Diagnostic.number(low[$0]))–\(Diagnostic.number(high[$0]))"
    }
    notes.append(
      .normalisation(
        "goalposts \(posts.joined(separator: ", ")); scale \(Diagnostic.number(scale))"
      ))
  default: break
  }
  do {
    for method in methods {
      switch method {
      case "topsis":
        let t = try TOPSIS(
          data.table, weights: weights, normalisation: normalisation ?? .vector)
        results.append(("TOPSIS (\(t.normalisation.name))", t.closeness, false))
        if !t.constant.isEmpty {
          notes.append(
            .constant(
              method: "TOPSIS", criteria: t.constant.map { data.criteria[$0] }))
        }
      case "vikor":
        let r = try VIKOR(data.table, weights: weights, v: v)
        results.append(("VIKOR Q (v = \(v))", r.q, true))
        notes.append(.compromise(r.compromise.map { data.ids[$0] }))
        if !r.constant.isEmpty {
          notes.append(
            .constant(
              method: "VIKOR", criteria: r.constant.map { data.criteria[$0] }))
        }
      default:
        let aggregation: Aggregation =
          method == "arithmetic"
          ? .arithmetic
          : method == "geometric"
            ? .geometric(zeros: zeros) : .harmonic(zeros: zeros)
        let normal = try (normalisation ?? .unit).apply(data.table)
        if method != "arithmetic",
          !positiveForMeans(
            normal.table, normalisation ?? .unit, aggregation, data, path: path)
        {
          return .failure
        }
        let scores = try aggregation.scores(normal.table, weights: weights)
        results.append(
          (
            "\(aggregation.name), \((normalisation ?? .unit).name)", scores,
            false
          ))
      }
    }
  } catch {
    reportWeighting(error, data, path: path)
    return .failure
  }
  let language = output.language
  let ranking = WeightingReport.ranking(
    ids: data.ids, methods: results, language: language)
  // The notes are in the settings table, shown and written with it.
  let used = WeightingReport.rankSettings(
    criteria: data.criteria, weights: weights, notes: notes,
    language: language)
  var tables = [ranking, used]
  if results.count > 1 {
    tables.append(
      WeightingReport.agreement(methods: results, language: language))
  }
  return reportingFailures {
    try output.emit(
      shown: tables, all: tables, primary: ranking, inputs: [path])
  }
}

/// `--normalise min-max|min-max:L:U|z-score|rank|percentile-rank|vector|sum`,
/// or one that takes a value per criterion: `target` (`--targets`, and
/// `--cap`, 1 by default: no credit past the target), `reference`
/// (`--references`) or `goalposts` (`--goalposts L:U,…`, and `--scale`, 1
/// by default). Without `criteria` only the names and settings are
/// checked, and the per-criterion kinds give nil.
func normalisationOption(_ arguments: Arguments, criteria: [String]?)
  throws(UsageError) -> Normalisation?
{
  let perCriterion = ["targets", "cap", "references", "goalposts", "scale"]
  let kinds = [
    "target": ["targets", "cap"], "reference": ["references"],
    "goalposts": ["goalposts", "scale"],
  ]
  let text = arguments["normalise"]
  let allowed = text.flatMap { kinds[$0] } ?? []
  for option in perCriterion
  where arguments[option] != nil && !allowed.contains(option) {
    throw UsageError(
      message:
        "--\(option) goes with --normalise \(kinds.first { $0.value.contains(option) }?.key ?? "")."
    )
  }
  guard let text else { return nil }
  if let simple = simpleNormalisation(text) { return simple }
  switch text {
  case "target":
    let cap = try positive(arguments, "cap") ?? 1
    guard arguments["targets"] != nil else {
      throw UsageError(
        message: "--normalise target needs --targets, one per criterion.")
    }
    guard let criteria else { return nil }
    let targets = try criterionValues(
      arguments, "targets", criteria: criteria)
    return .ratioToTarget(targets: targets, cap: cap)
  case "reference":
    guard arguments["references"] != nil else {
      throw UsageError(
        message: "--normalise reference needs --references, one per criterion.")
    }
    guard let criteria else { return nil }
    return .distanceToReference(
      references: try criterionValues(
        arguments, "references", criteria: criteria))
  case "goalposts":
    let scale = try positive(arguments, "scale") ?? 1
    guard arguments["goalposts"] != nil else {
      throw UsageError(
        message:
          "--normalise goalposts needs --goalposts L:U per criterion, such as 0:100,20:80."
      )
    }
    guard let criteria else { return nil }
    let pairs = try criterionTexts(arguments, "goalposts", criteria: criteria)
    var low: [Double] = []
    var high: [Double] = []
    for (j, pair) in pairs.enumerated() {
      let ends = pair.split(separator: ":").map {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      guard ends.count == 2, let l = ends[0], let u = ends[1],
        abs(l) <= criterionValueLimit, abs(u) <= criterionValueLimit, u > l
      else {
        throw UsageError(
          message:
            "--goalposts gives \(criteria[j]) \"\(pair)\"; give L:U with L below U, both within ±1e15, such as 0:100."
        )
      }
      low.append(l)
      high.append(u)
    }
    return .goalposts(low: low, high: high, scale: scale)
  default:
    throw UsageError(
      message:
        "--normalise is \(text); use min-max (or min-max:L:U with L < U within ±1000000000, such as min-max:0:100), z-score, rank, percentile-rank, vector, sum, target, reference or goalposts."
    )
  }
}

/// A normalisation that needs no value per criterion, by its name:
/// min-max (min-max:L:U), z-score, rank, percentile-rank, vector or sum.
func simpleNormalisation(_ text: String) -> Normalisation? {
  switch text {
  case "min-max": return .unit
  case "z-score": return .zScore
  case "rank": return .rank
  case "percentile-rank": return .percentileRank
  case "vector": return .vector
  case "sum": return .sum
  default:
    let parts = text.split(separator: ":")
    // Bounds within ±10⁹, so products and squares of the normalised
    // values stay finite and exact enough.
    guard parts.count == 3, parts[0] == "min-max", let l = Double(parts[1]),
      let u = Double(parts[2]), u > l, abs(l) <= 1e9, abs(u) <= 1e9
    else { return nil }
    return .minMax(lower: l, upper: u)
  }
}

/// A number above 0 given to an option, or nil when it is not given.
private func positive(_ arguments: Arguments, _ option: String)
  throws(UsageError) -> Double?
{
  guard let text = arguments[option] else { return nil }
  guard let value = Double(text), value > 0, value <= 1e9 else {
    throw UsageError(
      message: "--\(option) is \(text); give a number above 0 (at most 1e9).")
  }
  return value
}

/// One text per criterion: in the criteria's order, or as name=value,
/// every criterion once.
func criterionTexts(
  _ arguments: Arguments, _ option: String, criteria: [String]
) throws(UsageError) -> [String] {
  let text = arguments[option] ?? ""
  let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    .map { $0.trimmingCharacters(in: .whitespaces) }
  guard parts.contains(where: { $0.contains("=") }) else {
    guard parts.count == criteria.count, !parts.contains(where: \.isEmpty)
    else {
      throw UsageError(
        message:
          "--\(option) is \(text); give \(criteria.count) values, one per criterion (\(criteria.joined(separator: ", "))), in that order or as name=value."
      )
    }
    return parts
  }
  if let plain = parts.first(where: { !$0.contains("=") }) {
    throw UsageError(
      message:
        "--\(option) mixes name=value with \(plain); give every value as name=value, or all in the criteria's order (\(criteria.joined(separator: ", ")))."
    )
  }
  var values = [String?](repeating: nil, count: criteria.count)
  for part in parts {
    let pair = part.split(separator: "=", maxSplits: 1).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    // Names match without regard to case, as column names do.
    guard pair.count == 2,
      let j = criteria.firstIndex(where: {
        $0.lowercased() == pair[0].lowercased()
      }), values[j] == nil
    else {
      throw UsageError(
        message:
          "--\(option) names \(pair.first ?? part), which is not a criterion or is named twice; the criteria are \(criteria.joined(separator: ", "))."
      )
    }
    values[j] = pair[1]
  }
  guard let missing = values.firstIndex(where: { $0 == nil }) else {
    return values.compactMap { $0 }
  }
  throw UsageError(
    message: "--\(option) gives no value for \(criteria[missing]).")
}

/// The largest value a per-criterion setting may take: past it, sums and
/// differences of settings lose the values' digits or overflow.
let criterionValueLimit = 1e15

/// One finite number per criterion (see `criterionTexts`).
func criterionValues(
  _ arguments: Arguments, _ option: String, criteria: [String]
) throws(UsageError) -> [Double] {
  let texts = try criterionTexts(arguments, option, criteria: criteria)
  var values: [Double] = []
  for (j, text) in texts.enumerated() {
    guard let v = Double(text), v.isFinite, abs(v) <= criterionValueLimit
    else {
      throw UsageError(
        message:
          "--\(option) gives \(criteria[j]) \"\(text)\"; give a number within ±1e15."
      )
    }
    values.append(v)
  }
  return values
}

/// The lowest value of a table if it is at or below −offset, as
/// (alternative, criterion): the first such place, at the lowest value.
func firstNonPositive(_ table: CriteriaTable, offset: Double = 0) -> (Int, Int)?
{
  var found: (Int, Int)?
  for i in 0..<table.rows {
    for j in 0..<table.columns where !(table[i, j] + offset > 0) {
      if let (a, b) = found, !(table[i, j] < table[a, b]) { continue }
      found = (i, j)
    }
  }
  return found
}

/// `--zero-offset E`: geometric and harmonic means take x + E (less E);
/// without it a value of 0 is an error.
func zeroRule(_ arguments: Arguments) throws(UsageError)
  -> Aggregation.ZeroRule
{
  guard let text = arguments["zero-offset"] else { return .error }
  // Above 10⁶ the offset swamps the values: (x + ε) less ε loses them to
  // rounding.
  guard let e = Double(text), e > 0, e <= 1e6 else {
    throw UsageError(
      message:
        "--zero-offset is \(text); give a number above 0 and at most 1000000, such as 0.01."
    )
  }
  return .offset(e)
}

/// `--weight-method M` (equal by default), refused beside `--weights`.
func weightChoice(_ arguments: Arguments) throws(UsageError) -> WeightMethod {
  if arguments["weights"] != nil, arguments["weight-method"] != nil {
    throw UsageError(message: "give --weights or --weight-method, not both.")
  }
  let name = arguments["weight-method"] ?? "equal"
  guard let method = WeightMethod(rawValue: name) else {
    throw UsageError(
      message: "--weight-method is \(name); use \(WeightMethod.names).")
  }
  return method
}

/// The weights a table is scored with: `--weights`, or the method's on
/// the table, with the note that names them; nil after printing why the
/// method cannot weigh the table.
func baseWeights(
  _ arguments: Arguments, _ data: CriteriaFile.Alternatives,
  method: WeightMethod, path: String
) throws(UsageError) -> (values: [Double], note: String)? {
  if arguments["weights"] != nil {
    return try givenWeights(arguments, criteria: data.criteria)
  }
  do {
    let w = try method.weights(data.table)
    return (w.values, w.method)
  } catch {
    printError("error: \(path): \(error).")
    return nil
  }
}

/// A weighting fault on standard error: at its cell of the table when it
/// has one.
func reportWeighting(
  _ error: WeightingError, _ data: CriteriaFile.Alternatives, path: String
) {
  if let placed = data.diagnostic(error) {
    report([placed])
  } else {
    printError("error: \(path): \(error).")
  }
}

/// Whether a normalised table suits a geometric or harmonic mean (every
/// value + the offset above 0); if not, says where and what would do: an
/// offset for a zero, another normalisation or a larger offset for values
/// below 0.
func positiveForMeans(
  _ table: CriteriaTable, _ normalisation: Normalisation,
  _ aggregation: Aggregation, _ data: CriteriaFile.Alternatives,
  path: String
) -> Bool {
  var offset = 0.0
  switch aggregation {
  case .arithmetic: return true
  case .geometric(let rule), .harmonic(let rule):
    if case .offset(let e) = rule { offset = e }
  }
  guard let (i, j) = firstNonPositive(table, offset: offset) else {
    return true
  }
  let value = table[i, j]
  let name = normalisation.name
  let at =
    "alternative \(data.ids[i]), criterion \(data.criteria[j]) is \(String(format: "%.6g", value)) after \(name) normalisation"
  let lowest = firstNonPositive(table, offset: 0).map { table[$0.0, $0.1] }
  let most = -(lowest ?? 0)
  printError(
    value == 0 && offset == 0
      ? "error: \(path): \(at); the \(aggregation.name) needs values above 0. Give --zero-offset E (such as --zero-offset 0.01), or another --normalise."
      : "error: \(path): \(at)\(offset > 0 ? ", \(String(format: "%.6g", value + offset)) with the offset" : ""); the \(aggregation.name) needs values above 0. \(name) gives values below 0 (down to \(String(format: "%.6g", -most))): use --normalise min-max, rank or percentile-rank, or --zero-offset above \(String(format: "%.6g", most))."
  )
  return false
}
