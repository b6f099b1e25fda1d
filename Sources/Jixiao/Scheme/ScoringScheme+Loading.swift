import Foundation
import JixiaoNumerics

extension ScoringScheme {
  /// Reads a scheme file; fields left out keep their defaults.
  ///
  /// - Returns: the scheme and the warnings found (unknown keys).
  /// - Throws: `InputError` listing every fault, each at its
  ///   `file:line:column`, when the scheme is unusable.
  public static func load(from path: String) throws(InputError)
    -> (ScoringScheme, [Diagnostic])
  {
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
    guard var top = JSONObjectReader(document, log: &log) else { return scheme }
    if let method: Method = choice(&top, "method", log: &log) {
      scheme.method = method
    }
    if scheme.method == .ratings {
      // A ratings scheme has no execution dimension and requires nothing by
      // default; its criteria come from the file.
      scheme.dimensions = []
      scheme.requiredDimensions = []
    }
    if top.values["dimensions"] != nil {
      scheme.dimensions = top.objects("dimensions", log: &log).map {
        parseDimension($0, log: &log)
      }
    }
    if let required = top.strings("requiredDimensions", log: &log) {
      scheme.requiredDimensions = required
    }
    if let check: WeightCheck = choice(&top, "weightCheck", log: &log) {
      scheme.weightCheck = check
    }
    if let tolerance = top.number("weightTolerance", log: &log) {
      if tolerance >= 0 {
        scheme.weightTolerance = tolerance
      } else {
        log.append(
          top.diagnostic(
            .error, "weightTolerance", "`weightTolerance` must be ≥ 0."))
      }
    }
    if top.values["grades"] != nil {
      scheme.grades = top.objects("grades", log: &log).compactMap {
        parseGrade($0, log: &log)
      }
    }
    if let rounding: RowRounding = choice(&top, "rowRounding", log: &log) {
      scheme.rowRounding = rounding
    }
    if let rule: RoundingRule = choice(&top, "roundingRule", log: &log) {
      scheme.roundingRule = rule
    }
    if let ratio = top.number("overshootReviewRatio", log: &log) {
      if ratio > 1 {
        scheme.overshootReviewRatio = ratio
      } else {
        log.append(
          top.diagnostic(
            .error, "overshootReviewRatio",
            "`overshootReviewRatio` must be greater than 1 (it is "
              + "\(Diagnostic.number(ratio))).",
            help:
              "1.2 flags rows whose actual beats the target by 20 % or more."))
      }
    }
    if top.values["qualitativeTiers"] != nil {
      scheme.qualitativeTiers = top.objects("qualitativeTiers", log: &log)
        .enumerated().map { parseTier($1, index: $0, log: &log) }
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
    if top.values["overall"] != nil {
      scheme.overall = top.objects("overall", log: &log).compactMap {
        parseOverall($0, log: &log)
      }
    }
    // `name` and `description` are for people; read them so they are not
    // reported as unknown.
    _ = top.string("name", log: &log)
    _ = top.string("description", log: &log)
    top.reportUnknownKeys(log: &log)
    scheme.validate(document.places, log: &log)
    return scheme
  }

  /// Whether `rowRounding` changes scores: only self-evaluation schemes
  /// add up row points; a ratings score is a weighted mean of rating
  /// points, which has no rows to round.
  public var roundsRows: Bool { method == .selfEvaluation }

  /// The warning text for a row-rounding setting on a scheme that does not
  /// round rows; `setting` names it (`--rounding integer`).
  public static func rowRoundingIgnored(_ setting: String) -> String {
    "\(setting) has no effect on a ratings scheme: its scores are weighted "
      + "means of rating points, with no row points to round."
  }

  /// Reads a text setting that must be one of an enumeration's raw values.
  private static func choice<Choice: RawRepresentable & CaseIterable>(
    _ reader: inout JSONObjectReader, _ key: String, log: inout DiagnosticLog
  ) -> Choice? where Choice.RawValue == String {
    guard let text = reader.string(key, log: &log) else { return nil }
    if let value = Choice(rawValue: text) { return value }
    let choices = Choice.allCases.map(\.rawValue).joined(separator: ", ")
    log.append(
      reader.diagnostic(
        .error, key,
        "`\(reader.key(key))` is \"\(text)\", which is not one of its choices.",
        help: "Use one of: \(choices)."))
    return nil
  }

  private static func parseDimension(
    _ reader: JSONObjectReader, log: inout DiagnosticLog
  ) -> Dimension {
    var reader = reader
    let id = reader.string("id", log: &log) ?? ""
    if id.isEmpty {
      log.append(
        reader.diagnostic(
          .error, nil, "`\(reader.keyPath).id` is missing.",
          help: "Give every dimension an id such as \"output\"."))
    }
    let name = reader.string("name", log: &log) ?? id
    let weight = reader.number("weight", log: &log) ?? 0
    if weight < 0 || weight > 1e15 {
      log.append(
        reader.diagnostic(
          .error, "weight",
          "`\(reader.key("weight"))` is \(Diagnostic.number(weight)).",
          help: "Weights are points from 0 to 1e15, normally adding up to 100.")
      )
    }
    // `aliases` is a list of other names of the dimension, or, in a rating
    // criterion, an object of label spellings → scale labels.
    var aliases: [String] = []
    var scaleAliases: [String: String] = [:]
    if reader.values["aliases"] is [String: Any],
      var aliasReader = reader.object("aliases", log: &log)
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
    return Dimension(
      id: id, name: name, weight: weight, aliases: aliases, scale: scale,
      scaleAliases: scaleAliases)
  }

  private static func parseGrade(
    _ reader: JSONObjectReader, log: inout DiagnosticLog
  ) -> GradeCutoff? {
    var reader = reader
    let name = reader.string("grade", log: &log) ?? ""
    let minimum = reader.number("min", log: &log)
    reader.reportUnknownKeys(log: &log)
    guard let grade = Grade(name: name) else {
      log.append(
        reader.diagnostic(
          .error, "grade",
          "`\(reader.key("grade"))` is \"\(name)\", which is not a grade.",
          help: "Use excellent (优), good (良), fair (中) or poor (差)."))
      return nil
    }
    guard let minimum else {
      log.append(
        reader.diagnostic(.error, nil, "`\(reader.key("min"))` is missing."))
      return nil
    }
    return GradeCutoff(grade: grade, minimum: minimum)
  }

  private static func parseTier(
    _ reader: JSONObjectReader, index: Int, log: inout DiagnosticLog
  ) -> QualitativeTier {
    var reader = reader
    let id = reader.string("tier", log: &log) ?? "tier\(index + 1)"
    let share = reader.number("share", log: &log) ?? 0
    let labels = reader.strings("labels", log: &log) ?? []
    reader.reportUnknownKeys(log: &log)
    if !(0...1).contains(share) {
      log.append(
        reader.diagnostic(
          .error, "share",
          "`\(reader.key("share"))` is \(Diagnostic.number(share)); it must "
            + "be in [0, 1].",
          help: "The share is the fraction of the row's weight the tier earns.")
      )
    }
    return QualitativeTier(id: id, share: share, labels: labels)
  }

  private static func parseOverall(
    _ reader: JSONObjectReader, log: inout DiagnosticLog
  ) -> OverallRating? {
    var reader = reader
    let rating = reader.string("rating", log: &log) ?? ""
    let minimum = reader.number("min", log: &log)
    let gradeName = reader.string("grade", log: &log) ?? ""
    reader.reportUnknownKeys(log: &log)
    guard let minimum, let grade = Grade(name: gradeName) else {
      log.append(
        reader.diagnostic(
          .error, nil,
          "`\(reader.keyPath)` needs `min` (a number) and `grade`.",
          help:
            "For example {\"rating\": \"successful\", \"min\": 1.6, \"grade\": \"good\"}."
        ))
      return nil
    }
    return OverallRating(rating: rating, minimum: minimum, grade: grade)
  }

  /// Checks the scheme as a whole: unique ids, ordered cut-offs, scales.
  func validate(_ places: JSONPlaces, log: inout DiagnosticLog) {
    var seen: Set<String> = []
    for (index, dimension) in dimensions.enumerated()
    where !seen.insert(dimension.id.lowercased()).inserted {
      log.append(
        places.diagnostic(
          .error, "dimensions[\(index)].id",
          "dimension id \"\(dimension.id)\" appears twice."))
    }
    if dimensions.isEmpty {
      log.append(
        places.diagnostic(
          .error, "dimensions", "the scheme has no dimensions.",
          help:
            "List the level-1 dimensions (or rated criteria) under `dimensions`."
        ))
    } else if totalWeight <= 0 {
      log.append(
        places.diagnostic(
          .error, "dimensions", "the dimension weights add up to 0.",
          help:
            "Give the dimensions positive weights, normally adding up to 100."))
    }
    // Scores are 100 × earned ÷ available points, so weights adding up to
    // 90 are silently stretched to 100. Say so: usually a weight is missing.
    // (A ratings scheme takes a weighted mean, where only ratios count.)
    if method == .selfEvaluation, totalWeight > 0, totalWeight.isFinite,
      abs(totalWeight - 100) > weightTolerance
    {
      let total = Diagnostic.number(totalWeight)
      log.append(
        places.diagnostic(
          .warning, "dimensions",
          "the dimension weights add up to \(total), not 100; scores are "
            + "rescaled to 100 (each point counts 100 ÷ \(total)).",
          help: "Check the weights; if the rescaling is meant, nothing needs "
            + "to change."))
    }
    for (index, id) in requiredDimensions.enumerated()
    where !dimensions.contains(where: { $0.id == id }) {
      log.append(
        places.diagnostic(
          .error, "requiredDimensions[\(index)]",
          "`requiredDimensions` names \"\(id)\", which is not a dimension."))
    }
    if grades.isEmpty {
      log.append(places.diagnostic(.error, "grades", "`grades` is empty."))
    } else if let last = grades.last, last.minimum > 0 {
      log.append(
        places.diagnostic(
          .error, "grades[\(grades.count - 1)]",
          "the lowest grade starts at \(Diagnostic.number(last.minimum)), so a lower score would get "
            + "no grade.",
          help: "Give the last grade \"min\": 0."))
    }
    for (index, cutoff) in grades.enumerated() where cutoff.minimum > 100 {
      log.append(
        places.diagnostic(
          .warning, "grades[\(index)].min",
          "no score reaches \(Diagnostic.number(cutoff.minimum)): scores run from 0 to 100."
        ))
    }
    for (index, (a, b)) in zip(grades, grades.dropFirst()).enumerated()
    where !(a.minimum > b.minimum && a.grade < b.grade) {
      log.append(
        places.diagnostic(
          .error, "grades[\(index + 1)]",
          "`grades` must run from the best grade down with falling minimums "
            + "(\(a.grade.name) \(Diagnostic.number(a.minimum)) is followed by "
            + "\(b.grade.name) \(Diagnostic.number(b.minimum))).",
          help:
            "Write excellent, good, fair, poor with minimums such as 90, 80, 60, 0."
        ))
    }
    if method == .ratings {
      validateRatings(places, log: &log)
    }
    if !roundsRows, rowRounding != .none {
      log.append(
        places.diagnostic(
          .warning, "rowRounding",
          Self.rowRoundingIgnored("`rowRounding` \"\(rowRounding.rawValue)\""),
          help: "Remove `rowRounding` from the scheme."))
    }
  }

  private func validateRatings(_ places: JSONPlaces, log: inout DiagnosticLog) {
    for (index, dimension) in dimensions.enumerated() {
      let key = "dimensions[\(index)]"
      if dimension.id == Self.executionID {
        log.append(
          places.diagnostic(
            .error, key,
            "a ratings scheme cannot have an `execution` dimension.",
            help: "Execution is reported for every project; rate criteria only."
          ))
      }
      if dimension.scale.isEmpty {
        log.append(
          places.diagnostic(
            .error, key, "criterion \"\(dimension.id)\" has no `scale`.",
            help:
              "Give its labels and points, e.g. {\"relevant\": 2, \"less than relevant\": 1}."
          ))
      }
      let labels = Set(dimension.scale.keys.map(normalizedLabel))
      for (variant, label) in dimension.scaleAliases.sorted(by: {
        $0.key < $1.key
      })
      where !labels.contains(normalizedLabel(label)) {
        log.append(
          places.diagnostic(
            .error, "\(key).aliases.\(variant)",
            "criterion \"\(dimension.id)\": alias \"\(variant)\" points to \"\(label)\", "
              + "which is not in its scale."))
      }
    }
    if !overall.isEmpty {
      let maxima = Set(dimensions.map(\.maximumPoints))
      if maxima.count > 1 {
        log.append(
          places.diagnostic(
            .error, "overall",
            "criteria have different highest points "
              + "([\(Diagnostic.numbers(maxima.sorted()))]), so one mean "
              + "rating cannot be cut into `overall` bands.",
            help: "Put every criterion on the same scale."))
      }
      let lowest = dimensions.flatMap(\.scale.values).min() ?? 0
      if let last = overall.last, last.minimum > lowest {
        log.append(
          places.diagnostic(
            .error, "overall[\(overall.count - 1)]",
            "the lowest band starts at \(Diagnostic.number(last.minimum)), above "
              + "the lowest points \(Diagnostic.number(lowest)), so some projects would get no rating.",
            help: "Give the last band \"min\": \(Diagnostic.number(lowest))."))
      }
      for (index, (a, b)) in zip(overall, overall.dropFirst()).enumerated()
      where !(a.minimum > b.minimum) {
        log.append(
          places.diagnostic(
            .error, "overall[\(index + 1)]",
            "`overall` bands must have falling minimums "
              + "(\(Diagnostic.number(a.minimum)), \(Diagnostic.number(b.minimum)))."
          ))
      }
    }
    if minimumRatedWeight < 0 || minimumRatedWeight > totalWeight {
      log.append(
        places.diagnostic(
          .error, "minimumRatedWeight",
          "`minimumRatedWeight` is \(Diagnostic.number(minimumRatedWeight)); it "
            + "must lie between 0 and the total weight "
            + "\(Diagnostic.number(totalWeight))."))
    }
  }
}
