extension Scenario {
  /// Reads the `rules` object of a scenario file (docs/simulate.md).
  static func readRules(
    _ reader: inout JSONObjectReader, log: inout DiagnosticLog,
    places: inout [IdPlace]
  ) -> BudgetRules {
    var rules = BudgetRules()
    if let value = reader.given("rectification", log: &log) {
      if let on = value as? Bool {
        rules.rectification = on ? .init() : nil
      } else if var cycle = JSONObjectReader(
        value, places: reader.places, keyPath: reader.key("rectification"),
        log: &log)
      {
        var r = BudgetRules.Rectification()
        r.cutAfter = count(&cycle, "cutAfter", log: &log) ?? r.cutAfter
        r.cancelAfterWeak =
          count(&cycle, "cancelAfterWeak", log: &log) ?? r.cancelAfterWeak
        r.cancelAfterPoor =
          count(&cycle, "cancelAfterPoor", log: &log) ?? r.cancelAfterPoor
        if let cut = cycle.number("cutBy", log: &log) {
          if cut > 0, cut <= 1 {
            r.cutBy = cut
          } else {
            log.append(
              cycle.diagnostic(
                .error, "cutBy",
                "`\(cycle.key("cutBy"))` is \(Diagnostic.number(cut)); give a share above 0 and at most 1 (0.1 cuts by 10 %)."
              ))
          }
        }
        if r.cancelAfterWeak < r.cutAfter {
          log.append(
            cycle.diagnostic(
              .warning, "cancelAfterWeak",
              "`cancelAfterWeak` (\(r.cancelAfterWeak)) comes before `cutAfter` (\(r.cutAfter)): no weak year is ever cut, the streak goes from rectify to cancel."
            ))
        }
        cycle.reportUnknownKeys(log: &log)
        rules.rectification = r
      }
    }
    if let names = reader.strings("multiYearExit", log: &log) {
      for (index, name) in names.enumerated() {
        if let grade = Grade(name: name) {
          rules.multiYearExit.insert(grade)
        } else {
          log.append(
            reader.places.diagnostic(
              .error, reader.key("multiYearExit") + "[\(index)]",
              "`multiYearExit` lists \"\(name)\", which is not a grade.",
              help: "Use excellent (优), good (良), fair (中) or poor (差)."))
        }
      }
    }
    rules.majorYears = count(&reader, "majorYears", log: &log)
    for list in ["renewed", "protected"] {
      let ids = reader.strings(list, log: &log) ?? []
      for (index, id) in ids.enumerated() {
        let place = reader.places.position(of: reader.key(list) + "[\(index)]")
        places.append(
          IdPlace(
            list: list, id: id, line: place?.line ?? 0,
            column: place?.column ?? 0))
      }
      if list == "renewed" {
        rules.renewed = Set(ids)
      } else {
        rules.protected = Set(ids)
      }
    }
    rules.protectedCategories = Set(
      reader.strings("protectedCategories", log: &log) ?? [])
    rules.endCompleted = reader.bool("endCompleted", log: &log) ?? false
    if let floor = reader.number("coreFloor", log: &log) {
      if floor >= 0, floor <= 1 {
        rules.coreFloor = floor
      } else {
        log.append(
          reader.diagnostic(
            .error, "coreFloor",
            "`\(reader.key("coreFloor"))` is \(Diagnostic.number(floor)); give a share from 0 to 1 (0.95: core duties keep at least 95 % of what they had)."
          ))
      }
    }
    if let categories = reader.strings("coreCategories", log: &log) {
      if categories.isEmpty {
        log.append(
          reader.diagnostic(
            .error, "coreCategories",
            "`\(reader.key("coreCategories"))` is empty.",
            help:
              "Name the core-duty categories, or leave the key out for 职工活动, 工会业务, 维权帮扶."
          ))
      } else {
        rules.coreCategories = categories
      }
    }
    if let cap = reader.number("unitCap", log: &log) {
      if cap >= 1, cap <= 100 {
        rules.unitCap = cap
      } else {
        log.append(
          reader.diagnostic(
            .error, "unitCap",
            "`\(reader.key("unitCap"))` is \(Diagnostic.number(cap)); give a multiple from 1 to 100 (1.2: a unit gets at most 120 % of what it had)."
          ))
      }
    }
    reader.reportUnknownKeys(log: &log)
    return rules
  }

  /// A whole number ≥ 1 (a count of years).
  private static func count(
    _ reader: inout JSONObjectReader, _ key: String, log: inout DiagnosticLog
  ) -> Int? {
    guard let number = reader.number(key, log: &log) else { return nil }
    guard number >= 1, number <= 100, number == number.rounded() else {
      log.append(
        reader.diagnostic(
          .error, key,
          "`\(reader.key(key))` is \(Diagnostic.number(number)); give a whole number of years from 1 to 100."
        ))
      return nil
    }
    return Int(number)
  }

  /// What the rules name that the data set does not have: project ids of
  /// `renewed` and `protected` that are not its projects (errors, at
  /// their place in the file), and rules that can never apply to it
  /// (warnings).
  public func check(against dataset: Dataset) -> [Diagnostic] {
    let projects = dataset.projects
    var index: [String: Int] = [:]
    for p in 0..<projects.count { index[projects.ids[p]] = p }
    var found: [Diagnostic] = []
    for place in idPlaces where index[place.id] == nil {
      found.append(
        Diagnostic(
          .error, file: file, line: place.line, column: place.column,
          "`rules.\(place.list)` names \(place.id), which is not a project of "
            + "\(DatasetLoader.path(dataset.folder, "projects.csv")).",
          help: "Check the id, or remove it from the list."))
    }
    let categories = Set((0..<projects.count).map { projects.category[$0] })
    if rules.coreFloor != nil {
      let missing = rules.coreCategories.filter { !categories.contains($0) }
      if missing.count == rules.coreCategories.count {
        found.append(
          Diagnostic(
            .warning, file: file,
            "no project has a core-duty category (\(missing.joined(separator: ", "))): "
              + "`rules.coreFloor` has nothing to hold.",
            help:
              "Name the data set's core categories in `rules.coreCategories`."))
      }
    }
    for category in rules.protectedCategories.sorted()
    where !categories.contains(category) {
      found.append(
        Diagnostic(
          .warning, file: file,
          "`rules.protectedCategories` names \"\(category)\", which no project has.",
          help:
            "Check the spelling against the category column of projects.csv."))
    }
    for place in idPlaces where place.list == "renewed" {
      guard let p = index[place.id] else { continue }
      let why =
        rules.majorYears == nil
        ? "`rules.majorYears` is not set, so no time limit applies"
        : !projects.isMajor[p] ? "it is not a major project" : nil
      if let why {
        found.append(
          Diagnostic(
            .warning, file: file, line: place.line, column: place.column,
            "`rules.renewed` names \(place.id), but \(why): renewing it changes nothing."
          ))
      }
    }
    if rules.majorYears != nil {
      let undated = (0..<projects.count).filter {
        projects.isMajor[$0] && projects.startYear[$0] <= 0
      }
      if let first = undated.first {
        found.append(
          Diagnostic(
            .warning, file: file,
            "\(undated.count) major project(s) have no start_year (the first: \(projects.ids[first])): "
              + "`rules.majorYears` cannot limit them.",
            help: "Give start_year in projects.csv."))
      }
    }
    return found
  }
}
