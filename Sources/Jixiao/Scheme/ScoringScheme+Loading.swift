import Foundation
import JixiaoNumerics

extension ScoringScheme {
  /// Reads a scheme file; fields left out keep their defaults.
  ///
  /// - Returns: the scheme and the warnings found (unknown keys).
  /// - Throws: `InputError` listing every fault when the scheme is unusable.
  public static func load(from path: String) throws(InputError) -> (
    ScoringScheme, [Diagnostic]
  ) {
    let document = try JSONDocument.read(path)
    var log = DiagnosticLog()
    let scheme = parse(document, log: &log)
    try log.throwIfErrors()
    return (scheme, log.diagnostics)
  }

  static func parse(_ document: JSONDocument, log: inout DiagnosticLog)
    -> ScoringScheme
  {
    var scheme = ScoringScheme()
    let path = document.path
    guard
      var top = JSONObjectReader(
        document.root, path: path, keyPath: "", log: &log)
    else {
      return scheme
    }
    if let text = top.string("method", log: &log) {
      if let method = Method(rawValue: text) {
        scheme.method = method
      } else {
        log.append(
          choiceError(path, "method", text, Method.allCases.map(\.rawValue)))
      }
    }
    if scheme.method == .ratings {
      // A ratings scheme has no execution dimension and requires nothing by
      // default; its criteria come from the file.
      scheme.dimensions = []
      scheme.requiredDimensions = []
      scheme.weightCheck = .relative
      scheme.grades = ScoringScheme().grades
    }
    if let list = top.array("dimensions", log: &log) {
      scheme.dimensions = parseDimensions(list, path: path, log: &log)
    }
    if let required = top.strings("requiredDimensions", log: &log) {
      scheme.requiredDimensions = required
    }
    if let text = top.string("weightCheck", log: &log) {
      if let check = WeightCheck(rawValue: text) {
        scheme.weightCheck = check
      } else {
        log.append(
          choiceError(
            path, "weightCheck", text, WeightCheck.allCases.map(\.rawValue)))
      }
    }
    if let tolerance = top.number("weightTolerance", log: &log) {
      if tolerance >= 0 {
        scheme.weightTolerance = tolerance
      } else {
        log.append(
          Diagnostic(.error, file: path, "`weightTolerance` must be ≥ 0."))
      }
    }
    if let list = top.array("grades", log: &log) {
      scheme.grades = parseGrades(list, path: path, log: &log)
    }
    if let text = top.string("rowRounding", log: &log) {
      if let rounding = RowRounding(rawValue: text) {
        scheme.rowRounding = rounding
      } else {
        log.append(
          choiceError(
            path, "rowRounding", text, RowRounding.allCases.map(\.rawValue)))
      }
    }
    if let text = top.string("roundingRule", log: &log) {
      if let rule = RoundingRule(rawValue: text) {
        scheme.roundingRule = rule
      } else {
        log.append(
          choiceError(
            path, "roundingRule", text, RoundingRule.allCases.map(\.rawValue)))
      }
    }
    if let ratio = top.number("overshootReviewRatio", log: &log) {
      if ratio > 1 {
        scheme.overshootReviewRatio = ratio
      } else {
        log.append(
          Diagnostic(
            .error, file: path,
            "`overshootReviewRatio` must be greater than 1 (it is \(ratio)).",
            help:
              "1.2 flags rows whose actual beats the target by 20 % or more."))
      }
    }
    if let list = top.array("qualitativeTiers", log: &log) {
      scheme.qualitativeTiers = parseTiers(list, path: path, log: &log)
    }
    if let flag = top.bool("ignoreCase", log: &log) { scheme.ignoreCase = flag }
    if let labels = top.strings("notRated", log: &log) {
      scheme.notRatedLabels = labels
    }
    if let labels = top.strings("missing", log: &log) {
      scheme.missingLabels = labels
    }
    if let weight = top.number("minimumRatedWeight", log: &log) {
      scheme.minimumRatedWeight = weight
    }
    if let list = top.array("overall", log: &log) {
      scheme.overall = parseOverall(list, path: path, log: &log)
    }
    // `name` and `description` are for people; read them so they are not
    // reported as unknown.
    _ = top.string("name", log: &log)
    _ = top.string("description", log: &log)
    top.reportUnknownKeys(log: &log)
    scheme.validate(path: path, log: &log)
    return scheme
  }

  private static func choiceError(
    _ path: String, _ key: String, _ value: String, _ choices: [String]
  ) -> Diagnostic {
    Diagnostic(
      .error, file: path,
      "`\(key)` is \"\(value)\", which is not one of its choices.",
      help: "Use one of: \(choices.joined(separator: ", ")).")
  }

  private static func parseDimensions(
    _ list: [Any], path: String, log: inout DiagnosticLog
  ) -> [Dimension] {
    var dimensions: [Dimension] = []
    for (index, item) in list.enumerated() {
      guard
        var reader = JSONObjectReader(
          item, path: path, keyPath: "dimensions[\(index)]", log: &log)
      else { continue }
      let id = reader.string("id", log: &log) ?? ""
      if id.isEmpty {
        log.append(
          Diagnostic(
            .error, file: path, "`dimensions[\(index)].id` is missing.",
            help: "Give every dimension an id such as \"output\"."))
      }
      let name = reader.string("name", log: &log) ?? id
      let weight = reader.number("weight", log: &log) ?? 0
      if weight < 0 {
        log.append(
          Diagnostic(
            .error, file: path,
            "`dimensions[\(index)].weight` is negative (\(weight))."))
      }
      // `aliases` is a list of other names of the dimension, or, in a
      // rating criterion, an object of label spellings → scale labels.
      var aliases: [String] = []
      var scaleAliases: [String: String] = [:]
      if var aliasReader = reader.values["aliases"] is [String: Any]
        ? reader.object("aliases", log: &log) : nil
      {
        for key in aliasReader.values.keys.sorted() {
          if let label = aliasReader.string(key, log: &log) {
            scaleAliases[key] = label
          }
        }
      } else {
        aliases = reader.strings("aliases", log: &log) ?? []
      }
      var scale: [String: Double] = [:]
      if var scaleReader = reader.object("scale", log: &log) {
        for key in scaleReader.values.keys.sorted() {
          if let points = scaleReader.number(key, log: &log) {
            scale[key] = points
          }
        }
      }
      reader.reportUnknownKeys(log: &log)
      dimensions.append(
        Dimension(
          id: id, name: name, weight: weight, aliases: aliases,
          scale: scale, scaleAliases: scaleAliases))
    }
    return dimensions
  }

  private static func parseGrades(
    _ list: [Any], path: String, log: inout DiagnosticLog
  ) -> [GradeCutoff] {
    var cutoffs: [GradeCutoff] = []
    for (index, item) in list.enumerated() {
      guard
        var reader = JSONObjectReader(
          item, path: path, keyPath: "grades[\(index)]", log: &log)
      else { continue }
      let name = reader.string("grade", log: &log) ?? ""
      let minimum = reader.number("min", log: &log)
      reader.reportUnknownKeys(log: &log)
      guard let grade = Grade(name: name) else {
        log.append(
          Diagnostic(
            .error, file: path,
            "`grades[\(index)].grade` is \"\(name)\", which is not a grade.",
            help: "Use excellent (优), good (良), fair (中) or poor (差)."))
        continue
      }
      guard let minimum else {
        log.append(
          Diagnostic(.error, file: path, "`grades[\(index)].min` is missing."))
        continue
      }
      cutoffs.append(GradeCutoff(grade: grade, minimum: minimum))
    }
    return cutoffs
  }

  private static func parseTiers(
    _ list: [Any], path: String, log: inout DiagnosticLog
  ) -> [QualitativeTier] {
    var tiers: [QualitativeTier] = []
    for (index, item) in list.enumerated() {
      guard
        var reader = JSONObjectReader(
          item, path: path, keyPath: "qualitativeTiers[\(index)]", log: &log)
      else { continue }
      let id = reader.string("tier", log: &log) ?? "tier\(index + 1)"
      let share = reader.number("share", log: &log) ?? 0
      let labels = reader.strings("labels", log: &log) ?? []
      reader.reportUnknownKeys(log: &log)
      if !(0...1).contains(share) {
        log.append(
          Diagnostic(
            .error, file: path,
            "`qualitativeTiers[\(index)].share` is \(share); it must be in [0, 1].",
            help:
              "The share is the fraction of the row's weight the tier earns."))
      }
      tiers.append(QualitativeTier(id: id, share: share, labels: labels))
    }
    return tiers
  }

  private static func parseOverall(
    _ list: [Any], path: String, log: inout DiagnosticLog
  ) -> [OverallRating] {
    var bands: [OverallRating] = []
    for (index, item) in list.enumerated() {
      guard
        var reader = JSONObjectReader(
          item, path: path, keyPath: "overall[\(index)]", log: &log)
      else { continue }
      let rating = reader.string("rating", log: &log) ?? ""
      let minimum = reader.number("min", log: &log)
      let gradeName = reader.string("grade", log: &log) ?? ""
      reader.reportUnknownKeys(log: &log)
      guard let minimum, let grade = Grade(name: gradeName) else {
        log.append(
          Diagnostic(
            .error, file: path,
            "`overall[\(index)]` needs `min` (a number) and `grade`.",
            help:
              "For example {\"rating\": \"successful\", \"min\": 1.6, \"grade\": \"good\"}."
          ))
        continue
      }
      bands.append(
        OverallRating(rating: rating, minimum: minimum, grade: grade))
    }
    return bands
  }

  /// Checks the scheme as a whole: unique ids, ordered cut-offs, scales.
  func validate(path: String, log: inout DiagnosticLog) {
    var seen: Set<String> = []
    for dimension in dimensions
    where !seen.insert(dimension.id.lowercased()).inserted {
      log.append(
        Diagnostic(
          .error, file: path, "dimension id \"\(dimension.id)\" appears twice.")
      )
    }
    if dimensions.isEmpty {
      log.append(
        Diagnostic(
          .error, file: path, "the scheme has no dimensions.",
          help:
            "List the level-1 dimensions (or rated criteria) under `dimensions`."
        ))
    } else if totalWeight <= 0 {
      log.append(
        Diagnostic(
          .error, file: path, "the dimension weights add up to 0.",
          help:
            "Give the dimensions positive weights, normally adding up to 100."))
    }
    for id in requiredDimensions
    where !dimensions.contains(where: { $0.id == id }) {
      log.append(
        Diagnostic(
          .error, file: path,
          "`requiredDimensions` names \"\(id)\", which is not a dimension."))
    }
    if grades.isEmpty {
      log.append(Diagnostic(.error, file: path, "`grades` is empty."))
    }
    for (a, b) in zip(grades, grades.dropFirst())
    where !(a.minimum > b.minimum && a.grade < b.grade) {
      log.append(
        Diagnostic(
          .error, file: path,
          "`grades` must run from the best grade down with falling minimums "
            + "(\(a.grade.name) \(a.minimum) is followed by \(b.grade.name) \(b.minimum)).",
          help:
            "Write excellent, good, fair, poor with minimums such as 90, 80, 60, 0."
        ))
    }
    if method == .ratings {
      validateRatings(path: path, log: &log)
    }
  }

  private func validateRatings(path: String, log: inout DiagnosticLog) {
    for dimension in dimensions {
      if dimension.id == Self.executionID {
        log.append(
          Diagnostic(
            .error, file: path,
            "a ratings scheme cannot have an `execution` dimension.",
            help: "Execution is reported for every project; rate criteria only."
          ))
      }
      if dimension.scale.isEmpty {
        log.append(
          Diagnostic(
            .error, file: path, "criterion \"\(dimension.id)\" has no `scale`.",
            help:
              "Give its labels and points, e.g. {\"relevant\": 2, \"less than relevant\": 1}."
          ))
      }
      let labels = Set(dimension.scale.keys.map(normalizedLabel))
      for (variant, label) in dimension.scaleAliases
      where !labels.contains(normalizedLabel(label)) {
        log.append(
          Diagnostic(
            .error, file: path,
            "criterion \"\(dimension.id)\": alias \"\(variant)\" points to \"\(label)\", "
              + "which is not in its scale."))
      }
    }
    if !overall.isEmpty {
      let maxima = Set(dimensions.map(\.maximumPoints))
      if maxima.count > 1 {
        log.append(
          Diagnostic(
            .error, file: path,
            "criteria have different highest points (\(maxima.sorted())), so one mean rating "
              + "cannot be cut into `overall` bands.",
            help: "Put every criterion on the same scale."))
      }
      for (a, b) in zip(overall, overall.dropFirst())
      where !(a.minimum > b.minimum) {
        log.append(
          Diagnostic(
            .error, file: path,
            "`overall` bands must have falling minimums (\(a.minimum), \(b.minimum))."
          ))
      }
    }
    if minimumRatedWeight < 0 || minimumRatedWeight > totalWeight {
      log.append(
        Diagnostic(
          .error, file: path,
          "`minimumRatedWeight` is \(minimumRatedWeight); it must lie between 0 and the total "
            + "weight \(totalWeight)."))
    }
  }
}
