extension Scenario {
  /// Reads the `rules` object of a scenario file (docs/simulate.md).
  static func readRules(
    _ reader: inout JSONObjectReader, log: inout DiagnosticLog
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
    rules.renewed = Set(reader.strings("renewed", log: &log) ?? [])
    rules.protected = Set(reader.strings("protected", log: &log) ?? [])
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

  /// Ids the rules name that are not projects of the data set, with the
  /// list that names each (`renewed`, `protected`).
  public func unknownProjects(in dataset: Dataset) -> [(
    list: String, id: String
  )] {
    var ids = Set<String>()
    for p in 0..<dataset.projects.count { ids.insert(dataset.projects.ids[p]) }
    var unknown: [(String, String)] = []
    for id in rules.renewed.sorted() where !ids.contains(id) {
      unknown.append(("renewed", id))
    }
    for id in rules.protected.sorted() where !ids.contains(id) {
      unknown.append(("protected", id))
    }
    return unknown
  }
}
