import Foundation
import Jixiao

/// Options shared by `jixiao weights` and `jixiao rank`: which columns
/// of the table are the criteria and which way each points.
enum CriteriaOptions {
  static let names: Set<String> = ["id", "criteria", "types"]

  /// `--types +,-,+` (or benefit,cost,…), one per criterion.
  static func types(_ arguments: Arguments) throws(UsageError)
    -> [CriterionType]?
  {
    guard let text = arguments["types"] else { return nil }
    var types: [CriterionType] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      switch part.trimmingCharacters(in: .whitespaces).lowercased() {
      case "+", "＋", "benefit", "1", "+1", "正向": types.append(.benefit)
      // The minus sign (U+2212) and the full-width hyphen as well as '-'.
      case "-", "−", "－", "cost", "-1", "−1", "逆向": types.append(.cost)
      default:
        throw UsageError(
          message:
            "--types is \(text); give + (benefit) or - (cost) per criterion, separated by commas, such as +,-,+."
        )
      }
    }
    return types
  }

  static func table(_ arguments: Arguments) throws(UsageError) -> String {
    guard arguments.positionals.count == 1,
      let path = arguments.positionals.first
    else {
      throw UsageError(
        message: arguments.positionals.isEmpty
          ? "name the table: one row per alternative, one column per criterion."
          : "give one table; got \(arguments.positionals.joined(separator: " "))."
      )
    }
    return path
  }

  static func read(_ arguments: Arguments, path given: String? = nil)
    throws(UsageError) -> CriteriaFile.Alternatives?
  {
    let path: String
    if let given { path = given } else { path = try table(arguments) }
    let criteria = try nameList(arguments, "criteria")
    let types = try types(arguments)
    do {
      return try CriteriaFile.alternatives(
        path, id: arguments["id"], criteria: criteria, types: types)
    } catch {
      report(error.diagnostics)
      return nil
    }
  }
}

/// `jixiao weights …`: weights from a table (entropy, CRITIC, standard
/// deviation, PCA, equal), from expert points, or from AHP judgement
/// matrices, optionally combined (docs/weights.md).
func runWeights(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: Set([
      "format", "out", "lang", "method", "ahp", "priority", "ri", "points",
      "pooling", "combine", "tree",
    ]).union(CriteriaOptions.names),
    flags: [], repeatable: ["ahp"])
  let output = try Output(arguments)
  if let path = arguments["tree"] {
    return try treeWeights(path, arguments, output: output)
  }
  let ahpFiles = arguments.all("ahp")
  var subjective: CriteriaWeights?
  var subjectiveNames: [String] = []
  var tables: [ReportTable] = []
  var inputs: [String] = ahpFiles
  let language = output.language
  if !ahpFiles.isEmpty {
    guard
      let judged = try judgedWeights(ahpFiles, arguments, language: language)
    else { return .failure }
    subjective = judged.weights
    subjectiveNames = judged.names
    tables.append(judged.consistency)
  } else if arguments["priority"] != nil || arguments["ri"] != nil {
    throw UsageError(message: "--priority and --ri go with --ahp.")
  }
  if let path = arguments["points"] {
    guard subjective == nil else {
      throw UsageError(message: "give --ahp or --points, not both.")
    }
    let pooling: SubjectiveWeights.Pooling
    if let text = arguments["pooling"] {
      guard let p = SubjectiveWeights.Pooling(rawValue: text) else {
        throw UsageError(
          message: "--pooling is \(text); use mean or geometric.")
      }
      pooling = p
    } else {
      pooling = .mean
    }
    var read: CriteriaFile.Alternatives?
    do {
      let experts = try CriteriaFile.alternatives(path)
      read = experts
      subjectiveNames = experts.criteria
      let rows = (0..<experts.table.rows).map { experts.table.row($0) }
      // Each expert's points, checked where they are written.
      var faults: [Diagnostic] = []
      for (e, row) in rows.enumerated() {
        let total = row.reduce(0, +)
        if abs(total - 100) > SubjectiveWeights.pointsTolerance {
          faults.append(
            Diagnostic(
              .error, file: path, line: experts.lines[e],
              "expert \(experts.ids[e])'s points sum to \(String(format: "%.6g", total)); each expert shares 100 points.",
              help:
                "Make the row add up to 100 (within \(Diagnostic.number(SubjectiveWeights.pointsTolerance)): rounded points are scaled to 100)."
            ))
        }
      }
      if !faults.isEmpty { throw InputError(faults) }
      subjective = try SubjectiveWeights.expertPoints(rows, pooling: pooling)
      inputs.append(path)
    } catch let error as InputError {
      report(error.diagnostics)
      return .failure
    } catch let error as WeightingError {
      if let placed = read?.diagnostic(error) {
        report([placed])
      } else {
        printError("error: \(path): \(error).")
      }
      return .failure
    } catch {
      printError("error: \(path): \(error).")
      return .failure
    }
  } else if arguments["pooling"] != nil {
    throw UsageError(message: "--pooling goes with --points.")
  }

  var sets: [CriteriaWeights] = []
  var names = subjectiveNames
  let named = try nameList(arguments, "method")?.map {
    name throws(UsageError) -> WeightMethod in
    guard let method = WeightMethod(rawValue: name) else {
      throw UsageError(
        message: "--method names \(name); use \(WeightMethod.names).")
    }
    return method
  }
  if !arguments.positionals.isEmpty {
    guard let data = try CriteriaOptions.read(arguments) else {
      return .failure
    }
    inputs.append(try CriteriaOptions.table(arguments))
    names = data.criteria
    let methods = named ?? [.entropy, .critic, .sd]
    let path = try CriteriaOptions.table(arguments)
    var failed = 0
    for method in methods {
      do throws(WeightingError) {
        sets.append(try method.weights(data.table))
      } catch {
        // One method the data do not suit does not hide the others'.
        if let placed = data.diagnostic(
          error, severity: named == nil ? .warning : .error,
          prefix: "\(method.rawValue): ")
        {
          report([placed])
        } else {
          printError(
            "\(named == nil ? "warning" : "error"): \(path): \(method.rawValue): \(error)."
          )
        }
        failed += 1
      }
    }
    if named != nil, failed > 0 { return .failure }
    if sets.isEmpty {
      printError(
        "error: \(path): none of the methods (\(methods.map(\.rawValue).joined(separator: ", "))) can weigh this table; see the warnings above."
      )
      return .failure
    }
  } else if arguments["method"] != nil || arguments["criteria"] != nil
    || arguments["types"] != nil
  {
    throw UsageError(
      message:
        "--method, --criteria and --types go with a table of alternatives.")
  }
  if var subjective {
    if !sets.isEmpty, subjectiveNames != names {
      // The same criteria in another order are put in the table's order.
      guard Set(subjectiveNames) == Set(names),
        subjectiveNames.count == names.count
      else {
        let source = arguments["points"] ?? ahpFiles.first ?? ""
        printError(
          "error: \(source): its criteria (\(subjectiveNames.joined(separator: ", "))) are not those of \(try CriteriaOptions.table(arguments)) (\(names.joined(separator: ", "))); judge the table's criteria."
        )
        return .failure
      }
      subjective.values = names.compactMap { name in
        subjectiveNames.firstIndex(of: name).map { subjective.values[$0] }
      }
    }
    sets.insert(subjective, at: 0)
  }
  guard !sets.isEmpty else {
    throw UsageError(
      message:
        "give a table of alternatives, --ahp MATRIX.csv or --points POINTS.csv."
    )
  }
  if let text = arguments["combine"] {
    guard sets.count >= 2, subjective != nil else {
      throw UsageError(
        message:
          "--combine needs judged weights (--ahp or --points) and a table's method."
      )
    }
    let rule: SubjectiveWeights.Combination
    if text == "multiplicative" {
      rule = .multiplicative
    } else if text.hasPrefix("linear:"), let alpha = Double(text.dropFirst(7)),
      alpha >= 0, alpha <= 1
    {
      rule = .linear(alpha: alpha)
    } else {
      throw UsageError(
        message:
          "--combine is \(text); use multiplicative or linear:A with A from 0 to 1, such as linear:0.5."
      )
    }
    do {
      sets.append(try SubjectiveWeights.combine(sets[0], sets[1], by: rule))
    } catch {
      printError("error: \(error).")
      return .failure
    }
  }
  let weights = WeightingReport.weights(
    sets, criteria: names, language: language)
  let all = [weights] + tables
  return reportingFailures {
    try output.emit(shown: all, all: all, primary: weights, inputs: inputs)
  }
}

/// `jixiao weights --tree TREE.csv`: the effective weights of an
/// indicator system's leaves, from shares or points per level.
func treeWeights(_ path: String, _ arguments: Arguments, output: Output)
  throws(UsageError) -> ExitStatus
{
  let others = [
    "ahp", "points", "method", "combine", "priority", "ri", "pooling",
  ]
  .filter { arguments[$0] != nil }.map { "--\($0)" }
  guard arguments.positionals.isEmpty, others.isEmpty else {
    throw UsageError(
      message:
        "--tree takes no table and no \((others.isEmpty ? ["other source"] : others).joined(separator: ", ")); run the tree on its own."
    )
  }
  let tree: CriteriaFile.Tree
  do {
    tree = try CriteriaFile.tree(path)
  } catch {
    report(error.diagnostics)
    return .failure
  }
  let table = WeightingReport.tree(tree, language: output.language)
  return reportingFailures {
    try output.emit(
      shown: [table], all: [table], primary: table, inputs: [path])
  }
}

/// Weights from AHP judgement matrices (`--ahp`, given again to pool
/// experts by the element-wise geometric mean), with `--priority` and
/// `--ri`, and the consistency table; nil after printing why not.
func judgedWeights(
  _ files: [String], _ arguments: Arguments, language: Language
) throws(UsageError) -> (
  names: [String], weights: CriteriaWeights, consistency: ReportTable
)? {
  let method: AHP.Method
  if let text = arguments["priority"] {
    guard let m = AHP.Method(rawValue: text) else {
      throw UsageError(
        message:
          "--priority is \(text); use eigenvector, geometric-mean or column-average."
      )
    }
    method = m
  } else {
    method = .eigenvector
  }
  let table = try randomIndex(arguments)
  var names: [String] = []
  var matrices: [[[Double]]] = []
  for path in files {
    do throws(InputError) {
      let (given, matrix, warnings) = try CriteriaFile.pairwise(path)
      report(warnings)
      if names.isEmpty {
        names = given
        matrices.append(matrix)
      } else if Set(given) == Set(names), given.count == names.count {
        // The same criteria in another order: the judgements are put in
        // the first file's order before they are pooled.
        let at = names.compactMap { given.firstIndex(of: $0) }
        matrices.append(at.map { r in at.map { c in matrix[r][c] } })
      } else {
        printError(
          "error: \(path): its criteria (\(given.joined(separator: ", "))) are not those of \(files[0]) (\(names.joined(separator: ", "))); pool judgements of the same criteria."
        )
        return nil
      }
    } catch {
      report(error.diagnostics)
      return nil
    }
  }
  do {
    let pooled = try AHP.pool(matrices)
    let result = try AHP.evaluate(pooled, method: method, randomIndex: table)
    // Said on standard error too, so a run writing CSV does not pass an
    // inconsistent matrix in silence.
    if let cr = result.consistencyRatio, cr >= 0.1 {
      printError(
        "warning: \(files.count == 1 ? files[0] : "the pooled judgements"): CR = \(String(format: "%.4f", cr)), not below 0.10: the judgements are not consistent enough; revise them."
      )
    }
    var consistency = WeightingReport.consistency(
      result, criteria: names, pooled: matrices.count, language: language)
    if matrices.count > 1 {
      // Each expert's own consistency: a pooled matrix can pass while one
      // expert's judgements contradict themselves.
      var own: [(file: String, cr: Double?)] = []
      for (path, matrix) in zip(files, matrices) {
        let single = try AHP.evaluate(
          matrix, method: method, randomIndex: table)
        own.append((path, single.consistencyRatio))
      }
      WeightingReport.appendExperts(own, to: &consistency, language: language)
    }
    return (
      names,
      CriteriaWeights(
        values: result.weights, method: "AHP (\(method.rawValue))"),
      consistency
    )
  } catch {
    printError("error: \(files.count == 1 ? files[0] + ": " : "")\(error).")
    return nil
  }
}

/// `--weights 0.4,0.6` (one per criterion, in their order) or
/// `--weights 产出=0.5,效益=0.3,…` (by name, every criterion once), scaled
/// to sum 1 if they do not; with the note that says which.
func givenWeights(_ arguments: Arguments, criteria: [String])
  throws(UsageError) -> (values: [Double], note: String)
{
  let values = try criterionValues(arguments, "weights", criteria: criteria)
  guard values.allSatisfy({ $0 >= 0 }) else {
    throw UsageError(
      message:
        "--weights is \(arguments["weights"] ?? ""); give \(criteria.count) numbers ≥ 0, one per criterion (\(criteria.joined(separator: ", "))), in that order or as name=weight."
    )
  }
  let total = values.reduce(0, +)
  guard total > 0, total.isFinite else {
    throw UsageError(message: "--weights are all 0, or too large to add up.")
  }
  // Weights such as points out of 100 are scaled to sum 1, and said so.
  return (
    values.map { $0 / total },
    abs(total - 1) <= 1e-9
      ? "given"
      : "given, scaled to sum 1 (their sum was \(Diagnostic.number(total)))"
  )
}

/// `--ri saaty1980 | alonso-lamata | 0,0,0.58,…`.
private func randomIndex(_ arguments: Arguments) throws(UsageError)
  -> AHP.RandomIndex
{
  guard let text = arguments["ri"] else { return .saaty1980 }
  switch text {
  case "saaty1980": return .saaty1980
  case "alonso-lamata": return .alonsoLamata2006
  default:
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    let values = parts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
    // Random indices lie below 2 for every order (they approach about 1.98
    // as n grows); 10 leaves room for other tables, not for typing slips.
    guard values.allSatisfy({ v in v.map { $0 >= 0 && $0 <= 10 } ?? false })
    else {
      throw UsageError(
        message:
          "--ri is \(text); use saaty1980, alonso-lamata, or RI(1),RI(2),… as numbers from 0 to 10, none left empty."
      )
    }
    return AHP.RandomIndex(
      name: "given (\(text))", values: values.compactMap { $0 })
  }
}
