import Testing

@testable import Jixiao

/// Each rule of `BudgetRules` on a hand-built case; every expected budget
/// is worked by hand in the comment above it (source: hand computation
/// from the rule as docs/simulate.md states it).
@Suite struct RuleSetTests {
  /// `count` projects of 100 in unit 0 (of `units`), annual, not major,
  /// not core, not protected; the tests change what they need.
  static func facts(_ count: Int, units: Int = 1) -> ProjectFacts {
    ProjectFacts(
      unit: [Int32](repeating: 0, count: count), unitCount: units,
      isCore: [Bool](repeating: false, count: count),
      isMultiYear: [Bool](repeating: false, count: count),
      isMajor: [Bool](repeating: false, count: count),
      startYear: [Int32](repeating: 2025, count: count),
      endYear: [Int32](repeating: 2025, count: count),
      isProtected: [Bool](repeating: false, count: count),
      isRenewed: [Bool](repeating: false, count: count))
  }

  static func step(
    _ facts: ProjectFacts, _ budget: [Double], _ grade: [Grade?],
    year: Int = 2026, scenario: Scenario, history: inout RuleHistory
  ) -> Reallocation {
    Reallocation(
      facts: facts, budget: budget,
      status: [Evaluation.Status](repeating: .scored, count: budget.count),
      grade: grade, year: year, scenario: scenario, history: &history)
  }

  static var cycle: Scenario {
    var s = Scenario()
    s.rules.rectification = .init()
    return s
  }

  /// Defaults: weak year 1 → rectify (kept), 2 → cut 10 %, 3 → cancel;
  /// 差 twice → cancel; a 良 ends the streak.
  /// Project A: 中, 中, 中 → 100, 90, 0.
  /// Project B: 差, 差 → 100, then cancelled (second 差).
  /// Project C: 中, 良, 中 → 100, 100, 100 (the 良 resets the streak).
  @Test func rectificationCycle() {
    let facts = Self.facts(3)
    var history = RuleHistory(count: 3)
    let s = Self.cycle
    var budget: [Double] = [100, 100, 100]
    let grades: [[Grade?]] = [
      [.fair, .poor, .fair], [.fair, .poor, .good], [.fair, .poor, .fair],
    ]
    var afters: [[Double]] = []
    var reasons: [[Reallocation.Reason]] = []
    for (k, g) in grades.enumerated() {
      let r = Self.step(
        facts, budget, g, year: 2026 + k, scenario: s, history: &history)
      afters.append(r.after)
      reasons.append(r.reason)
      budget = r.after
    }
    #expect(afters[0] == [100, 100, 100])
    #expect(afters[1] == [90, 0, 100])
    #expect(afters[2] == [0, 0, 100])
    #expect(
      reasons[0][0]
        == .rectification(.fair, .rectify, weakYears: 1, poorYears: 0))
    #expect(
      reasons[1][0]
        == .rectification(.fair, .cut(-0.1), weakYears: 2, poorYears: 0))
    #expect(
      reasons[1][1]
        == .rectification(.poor, .cancel, weakYears: 2, poorYears: 2))
    #expect(reasons[1][2] == .grade(.good, .change(0)))
    #expect(
      reasons[2][0]
        == .rectification(.fair, .cancel, weakYears: 3, poorYears: 0))
    #expect(reasons[2][1] == .exitedEarlier)
    #expect(
      reasons[2][2]
        == .rectification(.fair, .rectify, weakYears: 1, poorYears: 0))
    #expect(history.exited == [true, true, false])
  }

  /// Settings change the stages: cut at the first weak year by 25 %,
  /// cancel at the second: 中 → 75, 中 → 0.
  @Test func rectificationSettings() {
    let facts = Self.facts(1)
    var history = RuleHistory(count: 1)
    var s = Scenario()
    var cycle = BudgetRules.Rectification()
    cycle.cutAfter = 1
    cycle.cutBy = 0.25
    cycle.cancelAfterWeak = 2
    s.rules.rectification = cycle
    let first = Self.step(facts, [100], [.fair], scenario: s, history: &history)
    #expect(first.after == [75])
    #expect(first.change == [.cut])
    let second = Self.step(
      facts, first.after, [.fair], year: 2027, scenario: s, history: &history)
    #expect(second.after == [0])
    #expect(second.change == [.cancelled])
  }

  /// A multi-year project graded 差 exits at once, before the cycle; an
  /// annual one graded 差 is told to rectify.
  @Test func multiYearProjectsExitWhenPoor() {
    var facts = Self.facts(2)
    facts.isMultiYear[0] = true
    facts.endYear[0] = 2028
    var s = Self.cycle
    s.rules.multiYearExit = [.poor]
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [100, 100], [.poor, .poor], scenario: s, history: &history)
    #expect(r.after == [0, 100])
    #expect(r.reason[0] == .multiYearExit(.poor))
    #expect(r.change == [.cancelled, .kept])
  }

  /// Major projects started 2023 with a limit of 3 years: budget year
  /// 2026 is their 4th (2026 − 2023 + 1), so they end unless renewed; in
  /// 2025 (3rd year) they go on. A project that is not major goes on.
  @Test func majorProjectsEndAfterTheirYears() {
    var facts = Self.facts(3)
    facts.isMajor[0] = true
    facts.isMajor[1] = true
    facts.isRenewed[1] = true
    for p in 0..<3 { facts.startYear[p] = 2023 }
    var s = Scenario()
    s.rules.majorYears = 3
    var history = RuleHistory(count: 3)
    let r = Self.step(
      facts, [100, 100, 100], [.good, .good, .good], scenario: s,
      history: &history)
    #expect(r.after == [0, 100, 100])
    #expect(r.reason[0] == .majorLimit(years: 3))
    #expect(r.change[0] == .ended)
    var fresh = RuleHistory(count: 3)
    let earlier = Self.step(
      facts, [100, 100, 100], [.good, .good, .good], year: 2025, scenario: s,
      history: &fresh)
    #expect(earlier.after == [100, 100, 100])
  }

  /// With endCompleted, a multi-year project that ended in 2025 leaves
  /// the 2026 library; one that ends in 2026 is still funded.
  @Test func completedProjectsLeave() {
    var facts = Self.facts(2)
    facts.isMultiYear = [true, true]
    facts.startYear = [2023, 2024]
    facts.endYear = [2025, 2026]
    var s = Scenario()
    s.rules.endCompleted = true
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [100, 100], [.good, .good], scenario: s, history: &history)
    #expect(r.after == [0, 100])
    #expect(r.reason[0] == .completed(endYear: 2025))
    #expect(r.change == [.ended, .kept])
  }

  /// Protected projects take no cut: 差 (cancel under the default rules)
  /// keeps 100, with the blocked rule named; 优 (+10 %) is still raised
  /// to 110. Under the cycle a protected project's weak streak is still
  /// counted, and its reason names the cycle's cut it escaped.
  @Test func protectedProjectsAreNotCut() {
    var facts = Self.facts(3)
    facts.isProtected = [true, true, false]
    var history = RuleHistory(count: 3)
    let r = Self.step(
      facts, [100, 100, 100], [.poor, .excellent, .poor], scenario: Scenario(),
      history: &history)
    #expect(r.after == [100, 110, 0])
    #expect(r.reason[0] == .grade(.poor, .cancel))
    #expect(r.adjustment[0] == .protected)
    #expect(r.adjustment[1] == .none)
    #expect(r.change == [.kept, .raised, .cancelled])
    var cycle = RuleHistory(count: 3)
    cycle.weakYears[0] = 1
    let s = Self.step(
      facts, [100, 100, 100], [.fair, .good, .good], scenario: Self.cycle,
      history: &cycle)
    #expect(s.after[0] == 100)
    #expect(
      s.reason[0]
        == .rectification(.fair, .cut(-0.1), weakYears: 2, poorYears: 0))
    #expect(s.adjustment[0] == .protected)
    #expect(cycle.weakYears[0] == 2)
  }

  /// Unit cap 1.1 on a unit of three projects of 100 (300 before, at most
  /// 330): raises of +50 % and +10 % ask for 360, 30 too much, taken pro
  /// rata to the raises (50 : 10): −25 and −5, so 125, 105, 100.
  @Test func unitCapHoldsRaisesProRata() {
    let facts = Self.facts(3)
    var s = Scenario()
    s.byGrade = [.excellent: .change(0.5), .good: .change(0.1)]
    s.rules.unitCap = 1.1
    var history = RuleHistory(count: 3)
    let r = Self.step(
      facts, [100, 100, 100], [.excellent, .good, .fair], scenario: s,
      history: &history)
    #expect(r.after.map { ($0 * 1e9).rounded() / 1e9 } == [125, 105, 100])
    #expect(abs(r.heldByUnitCaps - 30) < 1e-9)
    #expect(r.adjustment[0] == .unitCap(wanted: 150))
    #expect(r.adjustment[2] == .none)
  }

  /// Core floor 0.9 over three core projects of 100: A 中 −20 % → 80,
  /// B 差 → cancelled, so it leaves the base; C 良 → 100. Base 200 before,
  /// 180 after, 180 needed: none short. With floor 1.0, 200 is needed: A's
  /// whole cut of 20 is undone. With a second cut core project D (中,
  /// 100 → 80) and floor 0.95: base 300, after 260, 285 needed, 25 of the
  /// 40 cut undone pro rata (12.5 each): A and D at 92.5.
  @Test func coreFloorUndoesCuts() {
    var facts = Self.facts(4)
    facts.isCore = [true, true, true, false]
    var s = Scenario()
    s.byGrade[.fair] = .change(-0.2)
    s.rules.coreFloor = 0.9
    var history = RuleHistory(count: 4)
    let r = Self.step(
      facts, [100, 100, 100, 100], [.fair, .poor, .good, .fair], scenario: s,
      history: &history)
    #expect(r.after == [80, 0, 100, 80])
    #expect(r.coreShortfall == 0)
    s.rules.coreFloor = 1
    var h2 = RuleHistory(count: 4)
    let full = Self.step(
      facts, [100, 100, 100, 100], [.fair, .poor, .good, .fair], scenario: s,
      history: &h2)
    #expect(full.after == [100, 0, 100, 80])
    #expect(full.adjustment[0] == .coreFloor(wanted: 80))
    facts.isCore[3] = true
    s.rules.coreFloor = 0.95
    var h3 = RuleHistory(count: 4)
    let two = Self.step(
      facts, [100, 100, 100, 100], [.fair, .poor, .good, .fair], scenario: s,
      history: &h3)
    #expect(
      two.after.map { ($0 * 1e9).rounded() / 1e9 } == [92.5, 0, 100, 92.5])
  }

  /// The floor and the cap together (a tester's case): unit U holds E
  /// (优 +50 %) and core C (中 −50 %), cap 1.0, floor 1.0. The floor puts
  /// C back to 100 first; then E's raise has no room under the cap: 100.
  @Test func coreFloorThenUnitCap() {
    var facts = Self.facts(2)
    facts.isCore = [false, true]
    var s = Scenario()
    s.byGrade = [.excellent: .change(0.5), .fair: .change(-0.5)]
    s.rules.unitCap = 1.0
    s.rules.coreFloor = 1.0
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [100, 100], [.excellent, .fair], scenario: s, history: &history)
    #expect(r.after == [100, 100])
    #expect(r.totalAfter <= 1.0 * r.totalBefore)
  }

  /// Budget neutral where another grade's raise exceeds what is freed
  /// (a tester's case): 良 +1000 % on 20 asks 200 more, nothing is freed,
  /// the 优 project (100) pays all it has, 100, and 100 is not covered.
  @Test func uncoveredRaisesAreReported() {
    let facts = Self.facts(2)
    var s = Scenario()
    s.byGrade = [.good: .change(10)]
    s.budgetNeutral = true
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [100, 20], [.excellent, .good], scenario: s, history: &history)
    #expect(r.after == [0, 220])
    #expect(r.pool == -200)
    #expect(r.sharedOut == -100)
    #expect(r.uncovered == 100)
    #expect(r.pool == r.sharedOut - r.uncovered)
  }

  /// Budget neutral with unit cap 1.0: unit 0 has the 优 project P1 (100)
  /// and C (100, 中 −50 % → 50); unit 1 has the 优 project P2 (100). Pool
  /// 50. Unit 1 has no room (100 of 100), unit 0 has 50 (200 − 150): P1
  /// takes all 50 (25 in the first round, the other 25 in the second).
  @Test func sharesRespectUnitCaps() {
    var facts = Self.facts(3, units: 2)
    facts.unit = [0, 0, 1]
    var s = Scenario()
    s.byGrade = [.fair: .change(-0.5)]
    s.budgetNeutral = true
    s.rules.unitCap = 1.0
    var history = RuleHistory(count: 3)
    let r = Self.step(
      facts, [100, 100, 100], [.excellent, .fair, .excellent], scenario: s,
      history: &history)
    #expect(r.after == [150, 50, 100])
    #expect(r.pool == 50)
    #expect(r.unallocated == 0)
    #expect(r.totalAfter == r.totalBefore)
  }

  /// Without rules the engine is the grade table it always was: the
  /// union data set's expected results of datasets/scenarios/README.md
  /// come out of `SimulationTests`; here, the order of rules does not
  /// touch a scenario that names none.
  @Test func noRulesIsGradeTable() {
    let facts = Self.facts(4)
    var history = RuleHistory(count: 4)
    let r = Self.step(
      facts, [100, 200, 300, 400], [.excellent, .good, .fair, .poor],
      scenario: Scenario(), history: &history)
    #expect(r.after == [110, 200, 270, 0])
    #expect(Scenario().rules.isEmpty)
  }

  // MARK: A second tester's cases

  /// Budget neutral, 中 +50 % on P1 (100) and P2 (优, 200) protected: the
  /// 50 that P2 would pay is not taken from it but reported as not
  /// covered.
  @Test func protectedPriorityProjectsDoNotPay() {
    var facts = Self.facts(2, units: 2)
    facts.unit = [0, 1]
    facts.isProtected = [false, true]
    var s = Scenario()
    s.byGrade = [.fair: .change(0.5), .excellent: .change(0)]
    s.budgetNeutral = true
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [100, 200], [.fair, .excellent], scenario: s, history: &history)
    #expect(r.after == [150, 200])
    #expect(r.uncovered == 50)
    #expect(r.adjustment[1] == .protected)
  }

  /// The same with P2 a core project under a floor of 0.95 and not
  /// protected: it pays 50 (to 150), then the floor gives 40 back (to
  /// 190 = 0.95 × 200); those 40 are not covered.
  @Test func coreFloorHoldsAfterPayments() {
    var facts = Self.facts(2, units: 2)
    facts.unit = [0, 1]
    facts.isCore = [false, true]
    var s = Scenario()
    s.byGrade = [.fair: .change(0.5), .excellent: .change(0)]
    s.budgetNeutral = true
    s.rules.coreFloor = 0.95
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [100, 200], [.fair, .excellent], scenario: s, history: &history)
    #expect(abs(r.after[1] - 190) < 1e-9)
    #expect(abs(r.uncovered - 40) < 1e-9)
    #expect(r.coreShortfall == 0)
    #expect(abs(r.totalAfter - r.totalBefore - r.uncovered) < 1e-9)
  }

  /// One unit, cap 1.0, floor 1.0: core P1 差 +50 %, core P2 中 −50 %,
  /// other P3 差 +50 %. P1's raise does not count toward the floor, so
  /// P2's cut is undone (core 200); the cap then takes both raises back:
  /// 100, 100, 100.
  @Test func coreRaisesDoNotCountTowardTheFloor() {
    var facts = Self.facts(3)
    facts.isCore = [true, true, false]
    var s = Scenario()
    s.byGrade = [.poor: .change(0.5), .fair: .change(-0.5)]
    s.rules.unitCap = 1
    s.rules.coreFloor = 1
    var history = RuleHistory(count: 3)
    let r = Self.step(
      facts, [100, 100, 100], [.poor, .fair, .poor], scenario: s,
      history: &history)
    #expect(r.after == [100, 100, 100])
    #expect(r.change == [.kept, .kept, .kept])
  }

  /// Protection shields from performance rules only: a protected
  /// multi-year project completed before the budget year still ends.
  @Test func protectionDoesNotStopCompletion() {
    var facts = Self.facts(1)
    facts.isMultiYear = [true]
    facts.startYear = [2023]
    facts.endYear = [2025]
    facts.isProtected = [true]
    var s = Scenario()
    s.rules.endCompleted = true
    var history = RuleHistory(count: 1)
    let r = Self.step(facts, [100], [.good], scenario: s, history: &history)
    #expect(r.after == [0])
    #expect(r.change == [.ended])
    #expect(r.adjustment == [.none])
  }

  /// A raise the unit cap takes back whole leaves the budget exactly as
  /// it was (427, not 427.00000000000006), so it reads kept.
  @Test func aRaiseHeldWholeIsKept() {
    let facts = Self.facts(2)
    var s = Scenario()
    s.byGrade = [.fair: .change(0), .poor: .change(0.1)]
    s.rules.unitCap = 1
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [140, 427], [.fair, .poor], scenario: s, history: &history)
    #expect(r.after == [140, 427])
    #expect(r.change == [.kept, .kept])
  }

  /// A priority project that pays all it has for raises elsewhere is cut,
  /// not cancelled, and stays in the library.
  @Test func payingEverythingIsNotACancellation() {
    let facts = Self.facts(2)
    var s = Scenario()
    s.byGrade = [.good: .change(2), .excellent: .change(0)]
    s.budgetNeutral = true
    var history = RuleHistory(count: 2)
    let r = Self.step(
      facts, [100, 50], [.excellent, .good], scenario: s, history: &history)
    #expect(r.after == [0, 150])
    #expect(r.change == [.cut, .raised])
    #expect(history.exited == [false, false])
  }
}
