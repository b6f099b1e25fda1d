extension Scenario {
  /// Reads a scenario file; fields left out keep their defaults.
  ///
  /// - Returns: the scenario and its warnings (unknown keys).
  /// - Throws: `InputError` listing every fault.
  public static func load(from path: String) throws(InputError) -> (
    Scenario, [Diagnostic]
  ) {
    let document = try JSONDocument.read(path)
    var log = DiagnosticLog()
    var scenario = Scenario()
    guard var top = JSONObjectReader(document, log: &log) else {
      try log.throwIfErrors()
      return (scenario, log.diagnostics)
    }
    // A file with keys but none of a scenario's is another file (a scoring
    // scheme, a mapping) given by mistake: an error, not a default run.
    let known: Set<String> = [
      "name", "description", "byGrade", "unrated", "excluded", "budgetNeutral",
      "priorityGrades", "maxRaise", "rules",
    ]
    if !top.values.isEmpty, Set(top.values.keys).isDisjoint(with: known) {
      throw InputError(
        Diagnostic(
          .error, file: path,
          "has none of the fields of a scenario (\(known.sorted().joined(separator: ", "))); "
            + "it is not a scenario file.",
          help:
            "Name a scenario file such as datasets/scenarios/grade-rules.json (docs/simulate.md)."
        ))
    }
    scenario.name = top.string("name", log: &log) ?? scenario.name
    if scenario.name.trimmingCharacters(in: .whitespaces).isEmpty
      || scenario.name.unicodeScalars.contains(where: {
        $0.properties.generalCategory == .control
      })
    {
      log.append(
        top.diagnostic(
          .error, "name",
          "`name` is \(JSONObjectReader.show(scenario.name)); it names the scenario in every table.",
          help: "Give a short name of letters, digits and spaces on one line."))
    }
    scenario.description = top.string("description", log: &log) ?? ""
    if var grades = top.object("byGrade", log: &log) {
      var actions: [Grade: Action] = [:]
      var given: [Grade: String] = [:]
      for key in grades.values.keys.sorted() {
        guard let grade = Grade(name: key) else {
          log.append(
            grades.diagnostic(
              .error, key, "`byGrade.\(key)` is not a grade.",
              help: "Use excellent (优), good (良), fair (中) or poor (差)."))
          _ = grades.raw(key)
          continue
        }
        if let first = given[grade] {
          log.append(
            grades.diagnostic(
              .error, key,
              "`byGrade.\(key)` and `byGrade.\(first)` both set grade \(grade.name).",
              help: "Keep one of the two."))
        }
        given[grade] = key
        if let action = readAction(&grades, key, log: &log) {
          actions[grade] = action
        }
      }
      scenario.byGrade = actions
    }
    if let action = readAction(&top, "unrated", log: &log) {
      scenario.unrated = action
    }
    if let action = readAction(&top, "excluded", log: &log) {
      scenario.excluded = action
    }
    scenario.budgetNeutral = top.bool("budgetNeutral", log: &log) ?? false
    if let names = top.strings("priorityGrades", log: &log) {
      scenario.priorityGrades = []
      for (index, name) in names.enumerated() {
        if let grade = Grade(name: name) {
          scenario.priorityGrades.append(grade)
        } else {
          log.append(
            document.places.diagnostic(
              .error, "priorityGrades[\(index)]",
              "`priorityGrades` lists \"\(name)\", which is not a grade."))
        }
      }
    }
    // `null` is documented for maxRaise: no cap, the default.
    let cap =
      top.raw("maxRaise") is JSONNull ? nil : top.number("maxRaise", log: &log)
    if let cap {
      if cap >= 0, cap <= 100 {
        scenario.maxRaise = cap
      } else {
        log.append(
          top.diagnostic(
            .error, "maxRaise",
            "`maxRaise` is \(Diagnostic.number(cap)); it must be from 0 to 100 (0.3 means at most +30 %)."
          ))
      }
    }
    if scenario.budgetNeutral, scenario.priorityGrades.isEmpty {
      log.append(
        top.diagnostic(
          .error, "priorityGrades",
          "a budget-neutral scenario needs at least one priority grade to receive "
            + "the freed money.",
          help: "For example \"priorityGrades\": [\"excellent\"]."))
    }
    if !scenario.budgetNeutral, scenario.maxRaise != nil {
      log.append(
        top.diagnostic(
          .warning, "maxRaise",
          "`maxRaise` only limits shares of freed money and is ignored when "
            + "`budgetNeutral` is false."))
    }
    if var rules = top.object("rules", log: &log) {
      scenario.rules = readRules(&rules, log: &log, places: &scenario.idPlaces)
    }
    scenario.file = path
    if scenario.rules.rectification != nil {
      let weak: [Grade] = [.fair, .poor]
      let written = Set(
        ((top.values["byGrade"] as? [String: Any])?.keys).map {
          $0.compactMap { Grade(name: $0) }
        } ?? [])
      let ignored = weak.filter {
        written.contains($0)
          || (scenario.budgetNeutral && scenario.priorityGrades.contains($0))
      }
      if !ignored.isEmpty {
        log.append(
          top.diagnostic(
            .warning, "rules",
            "the rectification cycle decides the budgets of \(ignored.map(\.name).joined(separator: " and ")) "
              + "projects, so what `byGrade` or `priorityGrades` say of them is not used."
          ))
      }
    }
    if scenario.budgetNeutral {
      let raised = Grade.allCases.filter {
        !scenario.priorityGrades.contains($0)
          && scenario.action(for: $0) != .change(0)
          && !scenario.action(for: $0).cuts
      }
      if !raised.isEmpty {
        log.append(
          top.diagnostic(
            .warning, "byGrade",
            "the scenario is budget neutral but raises \(raised.map(\.name).joined(separator: ", ")), "
              + "which is not a priority grade: the priority projects pay for that raise, and "
              + "what they cannot pay raises the total."))
      }
    }
    top.reportUnknownKeys(log: &log)
    try log.throwIfErrors()
    return (scenario, log.diagnostics)
  }

  /// Reads an action: a relative change (−1 … ), "cancel" or "keep".
  private static func readAction(
    _ reader: inout JSONObjectReader, _ key: String,
    log: inout DiagnosticLog
  ) -> Action? {
    guard let value = reader.given(key, log: &log) else { return nil }
    let name = reader.key(key)
    if let text = value as? String {
      switch text.lowercased() {
      case "cancel", "取消": return .cancel
      case "keep", "保持": return .change(0)
      default:
        log.append(
          reader.diagnostic(
            .error, key, "`\(name)` is \"\(text)\".",
            help:
              "Write a relative change such as 0.1 or -0.1, \"keep\" or \"cancel\"."
          ))
        return nil
      }
    }
    if let written = value as? JSONNumber, written.value.isFinite {
      let number = written.value
      if number > 100 {
        log.append(
          reader.diagnostic(
            .error, key,
            "`\(name)` is \(written.text), a rise of more than 10,000 %.",
            help: "0.1 means +10 %; check the value."))
        return nil
      }
      if number < -1 {
        log.append(
          reader.diagnostic(
            .error, key,
            "`\(name)` is \(written.text); a cut cannot exceed −1 (−100 %).",
            help: "Use \"cancel\" to remove the budget."))
        return nil
      }
      return .change(number)
    }
    log.append(
      reader.diagnostic(
        .error, key,
        "`\(name)` must be a number, \"keep\" or \"cancel\".",
        help: "0.1 means +10 %, -0.1 means −10 %."))
    return nil
  }
}
