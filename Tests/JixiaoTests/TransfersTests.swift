import Foundation
import Testing

@testable import Jixiao

/// Transfers by formula (因素法) on a four-city fixture whose every share
/// and transfer is worked out by hand (source: hand computation, from the
/// formulas of docs/transfers.md).
///
/// | city | region | members | payroll | own funds | capacity | score | grade |
/// |---|---|---|---|---|---|---|---|
/// | A | 甲 | 100 | 1000 | 50 | 0.50 | 100 | 优 |
/// | B | 甲 | 200 | 1000 | 40 | 0.20 | 85 | 良 |
/// | C | 乙 | 300 | 2000 | 30 | 0.10 | 70 | 中 |
/// | D | 乙 | 400 | 1000 | 60 | 0.15 | 55 | 差 |
///
/// Each city runs one project whose indicators give 50 + actual/2 points
/// (execution 10, output 50 × actual/100, benefit 30, satisfaction 10).
@Suite struct TransfersTests {
  static let units = """
    id,name,parent,level,region,members,payroll
    P,省总工会,,province,,1000,5000
    A,甲一市总工会,P,city,甲,100,1000
    B,甲二市总工会,P,city,甲,200,1000
    C,乙一市总工会,P,city,乙,300,2000
    D,乙二市总工会,P,city,乙,400,1000
    """

  static func files(units: String = Self.units, extra: String = "")
    -> [String: String?]
  {
    let ids = ["A", "B", "C", "D"]
    let budgets = ["A": 50, "B": 40, "C": 30, "D": 60]
    let actual = ["A": 100, "B": 70, "C": 40, "D": 10]
    var indicators =
      "project,dimension,name,kind,operator,target,actual,weight\n"
    for id in ids {
      indicators +=
        "P\(id),output,慰问人数,quantitative,>=,100,\(actual[id] ?? 0),50\n"
        + "P\(id),benefit,覆盖率,quantitative,>=,90,90,30\n"
        + "P\(id),satisfaction,满意度,quantitative,>=,90,90,10\n"
    }
    return [
      "units.csv": units + extra,
      "duties.csv": "id,unit,name\n"
        + ids.map { "D\($0),\($0),维护职工合法权益" }.joined(separator: "\n"),
      "activities.csv": "id,duty,name\n"
        + ids.map { "A\($0),D\($0),困难职工帮扶" }.joined(separator: "\n"),
      "projects.csv": "id,name,unit,activity,category,budget,executed\n"
        + ids.map {
          "P\($0),送温暖,\($0),A\($0),维权帮扶,\(budgets[$0] ?? 0),\(budgets[$0] ?? 0)"
        }.joined(separator: "\n"),
      "indicators.csv": indicators,
    ]
  }

  static func load(_ files: [String: String?] = Self.files()) throws -> (
    Dataset, Evaluation
  ) {
    let loaded = DatasetLoader.load(folder: Fixture.dataset(files))
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    return (loaded.dataset, try Evaluator.evaluate(loaded.dataset))
  }

  static func expectClose(
    _ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    for (x, y) in zip(a, b) {
      #expect(
        abs(x - y) <= tolerance, "\(x) vs \(y)", sourceLocation: sourceLocation)
    }
  }

  /// Default formula, T = 100 (hand computation):
  /// - members shares 0.1, 0.2, 0.3, 0.4; payroll 0.2, 0.2, 0.4, 0.2;
  /// - performance m × points: 120, 200, 240, 200, Σ 760 → 3/19, 5/19,
  ///   6/19, 5/19;
  /// - target = Σ own / Σ m = 180 / 1000 = 0.18; equalisation
  ///   m × max(0, 0.18 − c): 0, 0, 300·0.08 = 24, 400·0.03 = 12 → 0, 0,
  ///   2/3, 1/3;
  /// - transfer = 100 × (0.4 m + 0.2 p + 0.2 perf + 0.2 eq):
  ///   A 8 + 60/19 = 212/19, B 12 + 100/19 = 328/19,
  ///   C 20 + 120/19 + 40/3 = 2260/57, D 20 + 100/19 + 20/3 = 1820/57,
  ///   Σ = 5700/57 = 100;
  /// - capacity after (own + transfer)/m: 1162/1900, 1088/3800,
  ///   3970/17100, 5240/22800; equal split 10, 20, 30, 40 → 0.6, 0.3,
  ///   0.2, 0.25.
  @Test func handWorkedDefaultFormula() throws {
    let (dataset, evaluation) = try Self.load()
    let r = try Transfers(
      dataset, evaluation, formula: TransferFormula(total: 100))
    #expect(r.level == "city")
    #expect(r.units.map { dataset.units.ids[$0] } == ["A", "B", "C", "D"])
    #expect(r.grade == [.excellent, .good, .fair, .poor])
    Self.expectClose(r.score.map { $0 ?? -1 }, [100, 85, 70, 55])
    Self.expectClose(r.capacityBefore, [0.5, 0.2, 0.1, 0.15])
    #expect(abs(r.target - 0.18) < 1e-15)
    let s = r.shares.map { $0 ?? [] }
    Self.expectClose(s[0], [0.1, 0.2, 0.3, 0.4])
    Self.expectClose(s[1], [0.2, 0.2, 0.4, 0.2])
    Self.expectClose(s[2], [3, 5, 6, 5].map { $0 / 19.0 })
    Self.expectClose(s[3], [0, 0, 2.0 / 3, 1.0 / 3])
    Self.expectClose(r.appliedWeights, [0.4, 0.2, 0.2, 0.2])
    #expect(r.redistributed.isEmpty)
    Self.expectClose(
      r.transfer, [212.0 / 19, 328.0 / 19, 2260.0 / 57, 1820.0 / 57], 1e-12)
    Self.expectClose(
      r.capacityAfter,
      [1162.0 / 1900, 1088.0 / 3800, 3970.0 / 17100, 5240.0 / 22800])
    Self.expectClose(r.equalTransfer, [10, 20, 30, 40])
    Self.expectClose(r.capacityEqual, [0.6, 0.3, 0.2, 0.25])
  }

  /// Score mode: m × s/100 = 100, 170, 210, 220, Σ 700 (hand computation).
  @Test func performanceByScore() throws {
    let (dataset, evaluation) = try Self.load()
    var formula = TransferFormula(total: 100)
    formula.performance = .score
    let r = try Transfers(dataset, evaluation, formula: formula)
    Self.expectClose(r.shares[2] ?? [], [100, 170, 210, 220].map { $0 / 700 })
  }

  /// A target of 0 leaves nobody below it: the equalisation weight 0.2 goes
  /// to the others in proportion, 0.4/0.8, 0.2/0.8, 0.2/0.8 = 0.5, 0.25,
  /// 0.25, and A gets 100 × (0.5·0.1 + 0.25·0.2 + 0.25·3/19) = 10 + 75/19
  /// (hand computation).
  @Test func weightOfAnEmptyFactorIsRedistributed() throws {
    let (dataset, evaluation) = try Self.load()
    var formula = TransferFormula(total: 100)
    formula.target = 0
    let r = try Transfers(dataset, evaluation, formula: formula)
    #expect(r.redistributed == [.equalisation])
    #expect(r.shares[3] == nil)
    Self.expectClose(r.appliedWeights, [0.5, 0.25, 0.25, 0])
    #expect(abs(r.transfer[0] - (10 + 75.0 / 19)) < 1e-12)
    #expect(abs(r.transfer.reduce(0, +) - 100) <= 1e-9 * 100)
    let notes = TransfersReport.notes(r, dataset, Labels(language: .english))
    #expect(notes.contains { $0.contains("equalisation factor is 0") })
    // All the weight on a factor that is 0 everywhere: nothing to share.
    formula.weights = [.equalisation: 1]
    #expect(throws: AllocationError.self) {
      _ = try Transfers(dataset, evaluation, formula: formula)
    }
  }

  /// Σ transfers = T to 1e-9 relative, over awkward totals and weights.
  @Test(arguments: [1e-3, 7.77, 123_456.789, 9.9e11])
  func transfersAddUpToTheTotal(total: Double) throws {
    let (dataset, evaluation) = try Self.load()
    var formula = TransferFormula(total: total)
    formula.weights = [
      .members: 0.1, .payroll: 0.3, .performance: 0.35, .equalisation: 0.25,
    ]
    let r = try Transfers(dataset, evaluation, formula: formula)
    let sum = r.transfer.reduce(0, +)
    #expect(abs(sum - total) <= 1e-9 * total)
    #expect(r.transfer.allSatisfy { $0 >= 0 })
  }

  /// Members-weighted Gini Σᵢ Σⱼ wᵢwⱼ|xᵢ − xⱼ| / (2 W² μ), the O(n²)
  /// definition; Theil T and CV straight from their formulas.
  static func naive(_ x: [Double], _ w: [Double]) -> (
    gini: Double, theil: Double, cv: Double
  ) {
    let total = w.reduce(0, +)
    let mean = zip(x, w).map { $0 * $1 }.reduce(0, +) / total
    var pairs = 0.0
    for i in x.indices {
      for j in x.indices { pairs += w[i] * w[j] * abs(x[i] - x[j]) }
    }
    let theil =
      zip(x, w).map { v, u in v > 0 ? u * (v / mean) * log(v / mean) : 0 }
      .reduce(0, +) / total
    let variance =
      zip(x, w).map { v, u in u * (v - mean) * (v - mean) }.reduce(0, +)
      / total
    return (
      pairs / (2 * total * total * mean), theil, variance.squareRoot() / mean
    )
  }

  /// The indices before, after and under the equal split equal the naive
  /// formulas on the capacities, and Theil's T splits into regions.
  @Test func balanceBeforeAndAfter() throws {
    let (dataset, evaluation) = try Self.load()
    let r = try Transfers(
      dataset, evaluation, formula: TransferFormula(total: 100))
    let m = [100.0, 200, 300, 400]
    for (spread, x) in [
      (r.before, [0.5, 0.2, 0.1, 0.15]),
      (
        r.after,
        r.units.indices.map { (r.ownFunds[$0] + r.transfer[$0]) / m[$0] }
      ),
      (r.equal, [0.6, 0.3, 0.2, 0.25]),
    ] {
      let b = try #require(spread.balance)
      let n = Self.naive(x, m)
      #expect(abs(b.gini - n.gini) < 1e-12)
      #expect(abs(b.theil - n.theil) < 1e-12)
      #expect(abs(b.coefficientOfVariation - n.cv) < 1e-12)
      #expect(
        abs((b.maxMinRatio ?? 0) - (x.max() ?? 0) / (x.min() ?? 1)) < 1e-12)
      let split = try #require(spread.split)
      #expect(abs(split.within + split.between - b.theil) < 1e-12)
      #expect(Set(split.groups.map(\.label)) == ["甲", "乙"])
    }
    // The formula moves money to C and D, the poorest: less spread than
    // before (Gini 0.2333… before, by the naive formula).
    #expect(
      abs(
        (r.before.balance?.gini ?? 0)
          - Self.naive([0.5, 0.2, 0.1, 0.15], m).gini) < 1e-12)
    #expect((r.after.balance?.gini ?? 1) < (r.before.balance?.gini ?? 0))
  }

  /// A fifth city without projects counts with the neutral score 80 (良,
  /// 1.0 point); without a neutral score it is an error naming it.
  @Test func unitWithoutScoredProjects() throws {
    let files = Self.files(extra: "\nE,丙市总工会,P,city,丙,100,500")
    let (dataset, evaluation) = try Self.load(files)
    var formula = TransferFormula(total: 100)
    let r = try Transfers(dataset, evaluation, formula: formula)
    #expect(r.scoredProjects == [1, 1, 1, 1, 0])
    #expect(r.score[4] == nil && r.scoreUsed[4] == 80)
    #expect(r.grade[4] == .good)
    // 120, 200, 240, 200, 100: Σ 860.
    #expect(abs((r.shares[2]?[4] ?? 0) - 100.0 / 860) < 1e-12)
    formula.neutralScore = nil
    #expect(throws: AllocationError.self) {
      _ = try Transfers(dataset, evaluation, formula: formula)
    }
    do {
      _ = try Transfers(dataset, evaluation, formula: formula)
    } catch {
      #expect(error.description.contains("E"))
    }
    // Performance unweighted: no error, and no performance shares.
    formula.weights = [.members: 0.5, .payroll: 0.5]
    let unweighted = try Transfers(dataset, evaluation, formula: formula)
    #expect(unweighted.shares[2] == nil)
  }

  /// A weight on a factor whose data is missing names the column.
  @Test func missingDataIsNamed() throws {
    let noPayroll = Self.units.replacingOccurrences(of: ",payroll", with: "")
      .split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6)
          .joined(separator: ",")
      }.joined(separator: "\n")
    let (dataset, evaluation) = try Self.load(Self.files(units: noPayroll))
    let formula = TransferFormula(total: 100)
    func message(_ formula: TransferFormula) -> String {
      do {
        _ = try Transfers(dataset, evaluation, formula: formula)
        return ""
      } catch { return error.description }
    }
    #expect(message(formula).contains("no payroll column"))
    var without = formula
    without.weights = [.members: 0.5, .performance: 0.25, .equalisation: 0.25]
    #expect(message(without).isEmpty)
    // One empty payroll cell: the unit is named.
    let gap = Self.units.replacingOccurrences(of: "300,2000", with: "300,")
    let (d2, e2) = try Self.load(Self.files(units: gap))
    do {
      _ = try Transfers(d2, e2, formula: formula)
      Issue.record("no error")
    } catch {
      #expect(error.description.contains("C"))
      #expect(error.description.contains("units.csv payroll"))
    }
    // No members column.
    let noMembers = """
      id,name,parent,level,region
      P,省总工会,,province,
      A,甲一市总工会,P,city,甲
      B,甲二市总工会,P,city,甲
      C,乙一市总工会,P,city,乙
      D,乙二市总工会,P,city,乙
      """
    let (d3, e3) = try Self.load(Self.files(units: noMembers))
    do {
      _ = try Transfers(d3, e3, formula: without)
      Issue.record("no error")
    } catch { #expect(error.description.contains("members column")) }
  }

  @Test func badSettings() throws {
    let (dataset, evaluation) = try Self.load()
    func message(_ change: (inout TransferFormula) -> Void) -> String {
      var formula = TransferFormula(total: 100)
      change(&formula)
      do {
        _ = try Transfers(dataset, evaluation, formula: formula)
        return ""
      } catch { return error.description }
    }
    #expect(message { $0.weights[.members] = 0.5 }.contains("sum to 1.1"))
    #expect(message { $0.weights[.payroll] = -0.2 }.contains("≥ 0"))
    #expect(message { $0.total = 0 }.contains("> 0"))
    #expect(message { $0.level = "town" }.contains("city"))
    #expect(message { $0.gradePoints[.poor] = -1 }.contains("差"))
    #expect(message { $0.neutralScore = 120 }.contains("0 to 100"))
    // The province runs no project: performance has nothing to go by.
    #expect(
      message { $0.level = "province" }.contains("no unit of level province"))
    #expect(
      message {
        $0.level = "province"
        $0.weights = [.members: 1]
      }.isEmpty)
  }

  /// payroll cells: empty is unknown, a negative or non-numeric one is an
  /// error at its line and column.
  @Test func payrollCells() throws {
    let bad = Self.units.replacingOccurrences(of: "100,1000", with: "100,-5")
      .replacingOccurrences(of: "200,1000", with: "200,abc")
    let problems = Fixture.problems(Fixture.dataset(Self.files(units: bad)))
    // Columns count characters: the payroll cell of A starts at 23.
    #expect(
      problems.contains {
        $0.contains("units.csv:3:23: error: payroll is -5")
      })
    #expect(
      problems.contains {
        $0.contains("units.csv:4:") && $0.contains("payroll")
      })
    let (dataset, _) = try Self.load()
    #expect(
      dataset.units.payroll.compactMap { $0 } == [5000, 1000, 1000, 2000, 1000])
    // Chinese header alias.
    let zh = Self.units.replacingOccurrences(of: "payroll", with: "职工工资总额")
    let (d2, _) = try Self.load(Self.files(units: zh))
    #expect(d2.units.payroll.count == 5)
  }

  /// The default level is the one below the roots held by units with
  /// members: city, not institution.
  @Test func defaultLevelSkipsUnitsWithoutMembers() throws {
    let (dataset, evaluation) = try Self.load(
      Self.files(
        extra:
          "\nI1,服务中心,P,institution,,,\nI2,文化宫,P,institution,,,\nI3,疗休养中心,P,institution,,,"
      ))
    #expect(try Transfers.defaultLevel(dataset.units) == "city")
    let r = try Transfers(
      dataset, evaluation, formula: TransferFormula(total: 10))
    #expect(r.units.count == 4)
  }

  /// The generated data set end to end: every city receives, the total is
  /// shared exactly, and the formula narrows the spread of capacity.
  @Test func generatedDataSet() throws {
    let folder = Fixture.temporaryFolder() + "/set"
    _ = try SyntheticGenerator.generate(
      SyntheticSettings(projects: 2_000, seed: 5), into: folder)
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors)
    let evaluation = try Evaluator.evaluate(loaded.dataset)
    let r = try Transfers(
      loaded.dataset, evaluation, formula: TransferFormula(total: 5_000))
    #expect(r.level == "city" && r.units.count == 14)
    #expect(r.payroll.allSatisfy { ($0 ?? 0) > 0 })
    #expect(abs(r.transfer.reduce(0, +) - 5_000) <= 1e-9 * 5_000)
    let before = try #require(r.before.balance)
    let after = try #require(r.after.balance)
    #expect(after.gini < before.gini)
    let tables = [
      TransfersReport.recipients(r, loaded.dataset, language: .chinese),
      TransfersReport.summary(r, loaded.dataset, language: .english),
      TransfersReport.settings(r, loaded.dataset, language: .english),
    ]
    #expect(tables[0].rowCount == 14 && tables[1].rowCount == 3)
    #expect(tables[2].renderCSV().contains("members=0.4,payroll=0.2"))
  }
}
