import JixiaoNumerics
import Testing

@testable import Jixiao

/// RC-1 and RC-2 of docs/references.md.
@Suite struct DEATests {
  /// Coelli, Rao & Battese (1998), DEAP 2.1 example 1: five firms, inputs
  /// x1, x2, one output; input prices (1, 3).
  static var coelli: DEAData {
    get throws {
      try DEAData(
        units: ["1", "2", "3", "4", "5"], inputNames: ["x1", "x2"],
        outputNames: ["y"],
        inputs: [[2, 5], [2, 4], [6, 6], [3, 2], [6, 2]],
        outputs: [[1], [2], [3], [1], [2]])
    }
  }

  /// RC-2: one input, one output.
  static var single: DEAData {
    get throws {
      try DEAData(
        units: ["a", "b", "c", "d", "e"], inputNames: ["x"], outputNames: ["y"],
        inputs: [[2], [4], [3], [5], [6]], outputs: [[1], [2], [3], [4], [5]])
    }
  }

  static func scores(
    _ data: DEAData, _ returns: DEASettings.Returns,
    _ orientation: DEASettings.Orientation = .input,
    superEfficiency: Bool = false
  ) -> [Double?] {
    let dea = DEA(
      settings: DEASettings(
        returns: returns, orientation: orientation,
        superEfficiency: superEfficiency))
    let result = dea.evaluate(data)
    return (0..<data.unitCount).map { result.unit($0)?.score }
  }

  static func expectClose(
    _ actual: [Double?], _ expected: [Double], tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
      guard let a else {
        Issue.record(
          "no score where \(e) was expected", sourceLocation: sourceLocation)
        continue
      }
      #expect(
        abs(a - e) < tolerance, "\(a) vs \(e)", sourceLocation: sourceLocation)
    }
  }

  @Test func coelliScores() throws {
    // CRS input θ, published to 3 dp; 0.833333 = 5/6, 0.714286 = 5/7.
    Self.expectClose(
      Self.scores(try Self.coelli, .constant), [0.5, 1, 5.0 / 6, 5.0 / 7, 1])
    Self.expectClose(Self.scores(try Self.coelli, .variable), [1, 1, 1, 1, 1])
    Self.expectClose(
      Self.scores(try Self.coelli, .constant, .output), [2, 1, 1.2, 1.4, 1])
  }

  @Test func coelliSlacksPeersAndTargets() throws {
    let result = DEA().evaluate(try Self.coelli)
    let firm1 = try #require(result.unit(0))
    #expect(abs(firm1.inputSlacks[0]) < 1e-9)
    #expect(abs(firm1.inputSlacks[1] - 0.5) < 1e-9)
    #expect(firm1.peers.count == 1 && firm1.peers[0].unit == 1)
    #expect(abs(firm1.peers[0].lambda - 0.5) < 1e-9)
    #expect(abs(firm1.inputTargets[0] - 1) < 1e-9)
    #expect(abs(firm1.inputTargets[1] - 2) < 1e-9)

    let firm3 = try #require(result.unit(2))
    #expect(firm3.peers.map(\.unit) == [1, 4])
    #expect(abs(firm3.peers[0].lambda - 1) < 1e-9)
    #expect(abs(firm3.peers[1].lambda - 0.5) < 1e-9)

    // Firm 4: λ₂ = 3/14 = 0.214, λ₅ = 2/7 = 0.286, targets (15/7, 10/7).
    let firm4 = try #require(result.unit(3))
    #expect(firm4.peers.map(\.unit) == [1, 4])
    #expect(abs(firm4.peers[0].lambda - 3.0 / 14) < 1e-9)
    #expect(abs(firm4.peers[1].lambda - 2.0 / 7) < 1e-9)
    #expect(abs(firm4.inputTargets[0] - 15.0 / 7) < 1e-9)
    #expect(abs(firm4.inputTargets[1] - 10.0 / 7) < 1e-9)
    #expect(firm4.inputSlacks.allSatisfy { abs($0) < 1e-9 })
  }

  @Test func singleInputScoresAndScaleEfficiency() throws {
    let crs = Self.scores(try Self.single, .constant)
    let vrs = Self.scores(try Self.single, .variable)
    Self.expectClose(crs, [0.5, 0.5, 1, 0.8, 5.0 / 6])
    Self.expectClose(vrs, [1, 0.625, 1, 0.9, 1])
    let scale = zip(crs, vrs).map { c, v in c.flatMap { c in v.map { c / $0 } }
    }
    Self.expectClose(scale, [0.5, 0.8, 1, 0.8 / 0.9, 5.0 / 6])
    Self.expectClose(
      Self.scores(try Self.single, .variable, .output),
      [1, 11.0 / 6, 1, 13.0 / 12, 1])
  }

  /// RC-1's edge: firm 1's output 0. Input θ = 0 is right (nothing is
  /// needed to produce nothing); the output program is unbounded and says
  /// so instead of giving a number.
  @Test func zeroOutput() throws {
    let data = try DEAData(
      units: ["1", "2", "3", "4", "5"], inputNames: ["x1", "x2"],
      outputNames: ["y"],
      inputs: [[2, 5], [2, 4], [6, 6], [3, 2], [6, 2]],
      outputs: [[0], [2], [3], [1], [2]])
    let input = DEA().evaluate(data)
    #expect(abs((input.unit(0)?.score ?? -1)) < 1e-9)
    let output = DEA(settings: DEASettings(orientation: .output)).evaluate(data)
    #expect(output.status[0] == .unbounded)
    #expect(output.unit(0) == nil)
    #expect(abs((output.unit(1)?.score ?? 0) - 1) < 1e-9)
  }

  /// Andersen–Petersen on RC-1, worked by hand. Under CRS, firm 2
  /// (2, 4; 2) without itself: every other firm needs at least 2 of x1 per
  /// unit of output, so producing 2 takes x1 ≥ 4 = θ · 2, θ ≥ 2, and firm 3
  /// alone reaches it. Firm 5 (6, 2; 2) likewise needs x2 ≥ 2 per unit of
  /// output, θ = 2 through firm 2. Inefficient firms keep their scores.
  /// Under VRS, firm 3 has the largest output (3), so no convex mix of the
  /// others reaches it: infeasible, reported as such.
  @Test func superEfficiency() throws {
    let crs = Self.scores(try Self.coelli, .constant, superEfficiency: true)
    Self.expectClose(crs, [0.5, 2, 5.0 / 6, 5.0 / 7, 2])
    let vrs = DEA(
      settings: DEASettings(returns: .variable, superEfficiency: true)
    )
    .evaluate(try Self.coelli)
    #expect(vrs.status[2] == .infeasible)
    #expect(vrs.unit(2) == nil)
  }

  @Test func badDataNamesTheCell() {
    #expect(throws: EfficiencyError.self) {
      _ = try DEAData(
        units: ["1"], inputNames: ["x"], outputNames: ["y"], inputs: [[-1]],
        outputs: [[1]])
    }
    do {
      _ = try DEAData(
        units: ["A", "B"], inputNames: ["x"], outputNames: ["y"],
        inputs: [[1], [.nan]], outputs: [[1], [1]])
      Issue.record("NaN accepted")
    } catch {
      #expect(error.description.contains("x of unit B"))
    }
  }
}

/// The reduced reference set against the full programs, and the thread
/// count against nothing.
@Suite struct DEAReductionTests {
  static var data: DEAData {
    get throws {
      try SyntheticUnits.make(
        units: 700, inputs: 3, outputs: 4, seed: 11)
    }
  }

  @Test(arguments: [
    (DEASettings.Returns.variable, DEASettings.Orientation.input),
    (.constant, .input), (.variable, .output), (.nonIncreasing, .input),
  ])
  func reducedEqualsFull(
    returns: DEASettings.Returns, orientation: DEASettings.Orientation
  ) throws {
    var settings = DEASettings(returns: returns, orientation: orientation)
    let reduced = DEA(settings: settings).evaluate(try Self.data)
    settings.referenceSetReduction = false
    let full = DEA(settings: settings).evaluate(try Self.data)
    #expect(reduced.referenceSet.count < 700)
    #expect(full.referenceSet.count == 700)
    var largest = 0.0
    var slackGap = 0.0
    for j in 0..<700 {
      let a = try #require(reduced.unit(j))
      let b = try #require(full.unit(j))
      largest = max(largest, abs(a.score - b.score))
      let sa = a.inputSlacks.reduce(0, +) + a.outputSlacks.reduce(0, +)
      let sb = b.inputSlacks.reduce(0, +) + b.outputSlacks.reduce(0, +)
      // The solver's feasibility tolerance (1e-7 on data scaled near 1)
      // bounds how closely two optimal slack sums agree.
      slackGap = max(slackGap, abs(sa - sb) / (1 + abs(sb)))
    }
    #expect(largest < 1e-9, "largest score difference \(largest)")
    #expect(
      slackGap < 1e-6, "largest relative slack-sum difference \(slackGap)")
  }

  /// Units of very different sizes (inputs and outputs log-normal with
  /// σ = 1, 300 units, 2 inputs, 2 outputs), where a tester found the
  /// reduced set missing a frontier unit under VRS output orientation: its
  /// φ came out 1 + 1.1e-9 and a keep test at 1e-9 dropped it.
  @Test(arguments: [
    (DEASettings.Returns.variable, DEASettings.Orientation.output),
    (.nonIncreasing, .output), (.variable, .input),
  ])
  func reducedEqualsFullOnSpreadData(
    returns: DEASettings.Returns, orientation: DEASettings.Orientation
  ) throws {
    for seed in UInt64(1)...4 {
      var random = RandomStream(seed: seed)
      let n = 300
      let xs = (0..<n).map { _ in
        (0..<2).map { _ in random.logNormal(mu: 3, sigma: 1) }
      }
      let ys = (0..<n).map { _ in
        (0..<2).map { _ in random.logNormal(mu: 3, sigma: 1) }
      }
      let data = try DEAData(
        units: (0..<n).map { "U\($0)" }, inputNames: ["x0", "x1"],
        outputNames: ["y0", "y1"],
        inputs: xs, outputs: ys)
      var settings = DEASettings(
        returns: returns, orientation: orientation, slacks: false)
      let reduced = DEA(settings: settings).evaluate(data)
      settings.referenceSetReduction = false
      let full = DEA(settings: settings).evaluate(data)
      #expect(reduced.referenceSet.count < n)
      for j in 0..<n {
        let a = try #require(
          reduced.unit(j), "seed \(seed) unit \(j): \(reduced.status[j])")
        let b = try #require(full.unit(j))
        #expect(
          abs(a.score - b.score) < 1e-7 * max(1, b.score),
          "seed \(seed) unit \(j)")
      }
    }
  }

  @Test func sameResultsOnAnyThreadCount() throws {
    let settings = DEASettings(returns: .variable)
    let one = DEA(settings: settings, threads: 1).evaluate(try Self.data)
    let two = DEA(settings: settings, threads: 2).evaluate(try Self.data)
    #expect(one.referenceSet == two.referenceSet)
    for j in 0..<700 {
      let a = try #require(one.unit(j))
      let b = try #require(two.unit(j))
      #expect(a.score == b.score)
      #expect(a.peers.map(\.unit) == b.peers.map(\.unit))
      #expect(a.peers.map(\.lambda) == b.peers.map(\.lambda))
    }
  }
}

@Suite struct CostEfficiencyTests {
  /// RC-1: prices (1, 3) for every firm; CRS cost efficiency 0.352941 (6/17),
  /// 0.857143 (6/7), 0.75, 0.666667, 1; allocative = cost / technical.
  @Test func coelliCostEfficiency() throws {
    let prices = [Double](repeating: 0, count: 10).indices.map {
      $0 % 2 == 0 ? 1.0 : 3.0
    }
    let result = try CostEfficiency().evaluate(
      try DEATests.coelli, prices: prices)
    let expected = [6.0 / 17, 6.0 / 7, 0.75, 2.0 / 3, 1]
    let technical = [0.5, 1, 5.0 / 6, 5.0 / 7, 1]
    for j in 0..<5 {
      let unit = try #require(result.units[j])
      #expect(abs(unit.costEfficiency - expected[j]) < 1e-9)
      let allocative = try #require(unit.allocative)
      #expect(abs(allocative - expected[j] / technical[j]) < 1e-9)
      #expect(abs(unit.technical * allocative - unit.costEfficiency) < 1e-12)
    }
  }

  /// Prices that differ by firm, so each unit's program has its own
  /// objective: (1, 3), (2, 1), (1, 1), (3, 1), (1, 2). Reference: scipy
  /// 1.17.1 HiGHS, the cost program run by hand, to 6 decimals.
  @Test(arguments: [
    (DEASettings.Returns.constant, [0.352941, 1, 0.75, 0.454545, 1]),
    (.variable, [0.529412, 1, 1, 0.909091, 1]),
  ])
  func pricesPerFirm(returns: DEASettings.Returns, expected: [Double]) throws {
    let prices: [Double] = [1, 3, 2, 1, 1, 1, 3, 1, 1, 2]
    let result = try CostEfficiency(returns: returns).evaluate(
      try DEATests.coelli, prices: prices)
    for j in 0..<5 {
      #expect(
        abs((result.units[j]?.costEfficiency ?? -1) - expected[j]) < 1e-6,
        "firm \(j + 1)")
    }
  }

  @Test func badPricesNameTheUnit() {
    #expect(throws: EfficiencyError.self) {
      _ = try CostEfficiency().evaluate(
        try DEATests.coelli, prices: [1, 3, 1, 3, 1, -3, 1, 3, 1, 3])
    }
  }
}

@Suite struct MalmquistTests {
  /// One input, one output, CRS: θ_a(b) = p_b / B_a, with p = y/x the
  /// unit's productivity and B_a the best productivity of period a. Then
  /// M = p_{t+1} / p_t, EC = (p_{t+1}/B_{t+1}) / (p_t/B_t), TC = B_{t+1}/B_t,
  /// worked by hand for the data below: period 1 p = (0.5, 1, 0.25),
  /// B = 1; period 2 p = (1, 1.5, 0.25), B = 1.5.
  @Test func productivityGrowthByHand() throws {
    let one = try DEAData(
      units: ["a", "b", "c"], inputNames: ["x"], outputNames: ["y"],
      inputs: [[4], [2], [8]], outputs: [[2], [2], [2]])
    let two = try DEAData(
      units: ["a", "b", "c"], inputNames: ["x"], outputNames: ["y"],
      inputs: [[2], [2], [8]], outputs: [[2], [3], [2]])
    let steps = try Malmquist().evaluate([one, two])
    #expect(steps.count == 1)
    let expected: [(m: Double, ec: Double, tc: Double)] = [
      (2, (1 / 1.5) / 0.5, 1.5), (1.5, 1, 1.5), (1, (0.25 / 1.5) / 0.25, 1.5),
    ]
    for j in 0..<3 {
      let change = try #require(steps[0].changes[j])
      #expect(abs(change.index - expected[j].m) < 1e-9)
      #expect(abs(change.efficiencyChange - expected[j].ec) < 1e-9)
      #expect(abs(change.technicalChange - expected[j].tc) < 1e-9)
      #expect(
        abs(change.efficiencyChange * change.technicalChange - change.index)
          < 1e-12)
    }
  }

  /// Under VRS a unit of period 2 with more output than any convex mix of
  /// period 1 can reach has no cross-period score: reported, not a number.
  @Test func infeasibleCrossPeriodIsAStatus() throws {
    let one = try DEAData(
      units: ["a", "b"], inputNames: ["x"], outputNames: ["y"],
      inputs: [[2], [3]], outputs: [[1], [2]])
    let two = try DEAData(
      units: ["a", "b"], inputNames: ["x"], outputNames: ["y"],
      inputs: [[2], [3]], outputs: [[1], [5]])
    let steps = try Malmquist(returns: .variable).evaluate([one, two])
    #expect(steps[0].changes[1] == nil)
    #expect(steps[0].status[1] == .infeasible)
    #expect(steps[0].changes[0] != nil)
  }
}

/// Two more reference sets of ../shared/data/reference, scored by the peer
/// of docs/references.md: scipy 1.17.1's HiGHS, one envelopment LP per
/// unit, run by hand (to 6 decimals; "infeasible" is HiGHS' status 2).
@Suite struct DEAPeerTests {
  /// Tone (2001), EJOR 130:498, the SBM example (deaR data `Tone2001`).
  static var tone: DEAData {
    get throws {
      try DEAData(
        units: ["A", "B", "C", "D", "E"], inputNames: ["x1", "x2"],
        outputNames: ["y1", "y2"],
        inputs: [[4, 3], [6, 3], [8, 1], [8, 1], [2, 4]],
        outputs: [[2, 3], [2, 3], [6, 2], [6, 1], [1, 4]])
    }
  }

  /// Ali & Seiford (1993), 11 units, 3 inputs, 2 outputs (pyDEA tests).
  static var ali: DEAData {
    get throws {
      try DEAData(
        units: ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"],
        inputNames: ["I1", "I2", "I3"], outputNames: ["O1", "O2"],
        inputs: [
          [5, 13, 1], [16, 12, 2], [16, 26, 2], [17, 15, 3], [18, 14, 1],
          [23, 6, 2],
          [25, 10, 2], [27, 22, 3], [37, 14, 1], [42, 25, 2], [5, 17, 3],
        ],
        outputs: [
          [12, 34], [14, 13], [25, 56], [26, 23], [8, 18], [9, 39], [27, 21],
          [30, 10],
          [31, 25], [26.5, 17], [12, 37],
        ])
    }
  }

  @Test func toneScores() throws {
    typealias T = DEATests
    T.expectClose(T.scores(try Self.tone, .constant), [0.9, 0.833333, 1, 1, 1])
    T.expectClose(T.scores(try Self.tone, .variable), [1, 0.833333, 1, 1, 1])
    T.expectClose(
      T.scores(try Self.tone, .constant, .output), [1.111111, 1.2, 1, 1, 1])
    T.expectClose(
      T.scores(try Self.tone, .variable, .output),
      [1.111111, 1.111111, 1, 1, 1])
    T.expectClose(
      T.scores(try Self.tone, .constant, superEfficiency: true),
      [0.9, 0.833333, 2, 1, 2.666667])
  }

  @Test func aliSeifordScores() throws {
    typealias T = DEATests
    T.expectClose(
      T.scores(try Self.ali, .constant),
      [1, 0.648588, 0.909248, 1, 0.549072, 1, 1, 0.824121, 1, 0.626733, 1])
    T.expectClose(
      T.scores(try Self.ali, .variable),
      [1, 0.869986, 1, 1, 1, 1, 1, 1, 1, 0.638657, 1])
    T.expectClose(
      T.scores(try Self.ali, .constant, .output),
      [1, 1.541812, 1.09981, 1, 1.821256, 1, 1, 1.213415, 1, 1.595575, 1])
    T.expectClose(
      T.scores(try Self.ali, .variable, .output),
      [1, 1.507519, 1, 1, 1.821256, 1, 1, 1, 1, 1.169811, 1])
  }

  /// VRS super-efficiency: C and I have no feasible program (reported as
  /// infeasible, no number); E is on the frontier but not extreme (1).
  @Test func aliSeifordSuperEfficiencyUnderVRS() throws {
    let result = DEA(
      settings: DEASettings(returns: .variable, superEfficiency: true)
    )
    .evaluate(try Self.ali)
    #expect(result.status[2] == .infeasible && result.status[8] == .infeasible)
    let expected: [Double?] = [
      2.194332, 0.869986, nil, 1.204589, 1, 2.659091, 1.291048, 1.222222, nil,
      0.638657, 1.3,
    ]
    for (j, e) in expected.enumerated() {
      if let e {
        #expect(abs((result.unit(j)?.score ?? -1) - e) < 1e-6, "unit \(j)")
      } else {
        #expect(result.unit(j) == nil)
      }
    }
  }
}

@Suite struct ScaleEfficiencyTests {
  /// RC-2: scale efficiency CRS/VRS 0.5, 0.8, 1, 0.888889, 0.833333. The
  /// VRS frontier runs a(2, 1) – c(3, 3) – e(6, 5): a and b project onto
  /// the rising part (too small: increasing returns), d and e onto the
  /// flat part (too large: decreasing), c is at the most productive scale.
  @Test func singleInputSet() throws {
    let result = ScaleEfficiency(try DEATests.single)
    let expected = [0.5, 0.8, 1, 0.8 / 0.9, 5.0 / 6]
    let returns: [ScaleEfficiency.Returns] = [
      .increasing, .increasing, .constant, .decreasing, .decreasing,
    ]
    for j in 0..<5 {
      let unit = try #require(result.units[j])
      #expect(abs(unit.scale - expected[j]) < 1e-9)
      #expect(unit.returns == returns[j], "unit \(j)")
    }
    // Output orientation: 1/φ; scale efficiency of unit b is
    // (1/2) / (6/11) = 11/12 (φ_CRS = 2, φ_VRS = 11/6).
    let output = ScaleEfficiency(try DEATests.single, orientation: .output)
    #expect(abs((output.units[1]?.scale ?? 0) - 11.0 / 12) < 1e-9)
  }
}

@Suite struct DuplicateUnitTests {
  /// RC-1 with firm 2 entered twice: both copies score 1, the others keep
  /// their RC-1 scores, and the table says that λ between the copies is
  /// arbitrary.
  @Test func identicalUnitsGetEqualScoresAndANote() throws {
    let data = try DEAData(
      units: ["1", "2", "2b", "3", "4", "5"], inputNames: ["x1", "x2"],
      outputNames: ["y"],
      inputs: [[2, 5], [2, 4], [2, 4], [6, 6], [3, 2], [6, 2]],
      outputs: [[1], [2], [2], [3], [1], [2]])
    #expect(data.duplicateGroups == [[1, 2]])
    let result = DEA().evaluate(data)
    DEATests.expectClose(
      (0..<6).map { result.unit($0)?.score }, [0.5, 1, 1, 5.0 / 6, 5.0 / 7, 1])
    let table = EfficiencyReport.dea(result, language: .english)
    #expect(
      table.footnotes.contains {
        $0.contains("Units 2, 2b have identical data")
          && $0.contains("arbitrary")
      })
  }
}

/// The tables of Tests/JixiaoTests/Fixtures/dea (README there), on which
/// earlier versions gave wrong numbers.
@Suite struct DEARegressionTests {
  static func table(_ name: String) throws -> DEAData {
    try EfficiencyTable(
      path: Fixture.repo("Tests/JixiaoTests/Fixtures/dea/\(name)"), id: nil,
      inputs: ["x0", "x1"], outputs: ["y0", "y1"]
    ).periods[0].data
  }

  /// 69 of 300 φ were wrong and one unit "infeasible" under VRS output
  /// orientation with the reduced reference set.
  @Test(arguments: [
    (DEASettings.Returns.variable, DEASettings.Orientation.output),
    (.nonIncreasing, .output),
  ])
  func reducedSetKeepsEveryFrontierUnit(
    returns: DEASettings.Returns, orientation: DEASettings.Orientation
  ) throws {
    let data = try Self.table("spread-300.csv")
    var settings = DEASettings(
      returns: returns, orientation: orientation, slacks: false)
    let reduced = DEA(settings: settings).evaluate(data)
    settings.referenceSetReduction = false
    let full = DEA(settings: settings).evaluate(data)
    for j in 0..<data.unitCount {
      let a = try #require(reduced.unit(j), "unit \(j): \(reduced.status[j])")
      let b = try #require(full.unit(j))
      #expect(abs(a.score - b.score) < 1e-7 * b.score, "unit \(j)")
    }
  }

  /// Units that differ by six orders of magnitude in x0 and y0: every θ and
  /// φ as HiGHS gives them, none "optimal" but wrong.
  @Test func twoScalesMatchHiGHS() throws {
    let data = try Self.table("two-scales-60.csv")
    let text = try String(
      contentsOfFile: Fixture.repo(
        "Tests/JixiaoTests/Fixtures/dea/two-scales-60-highs.csv"),
      encoding: .utf8)
    let expected = text.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").dropFirst().compactMap { Double($0) }
    }
    let input = DEA(settings: DEASettings(orientation: .input)).evaluate(data)
    let output = DEA(settings: DEASettings(orientation: .output)).evaluate(data)
    var solved = 0
    for j in 0..<data.unitCount {
      for (result, e) in [(input, expected[j][0]), (output, expected[j][1])] {
        guard let unit = result.unit(j) else {
          #expect(result.status[j] == .numericalFailure)
          continue
        }
        solved += 1
        #expect(
          abs(unit.score - e) < 1e-6 * e, "unit \(j): \(unit.score) vs \(e)")
      }
    }
    #expect(solved >= 110)
  }
}

/// Edge cases a second tester found.
@Suite struct DEAEdgeTests {
  /// Output-oriented super-efficiency of a unit that alone uses no x1: no
  /// mix of the others fits within its inputs, φ = 0, and 1/φ has no finite
  /// value; reported infeasible as under input orientation, no number.
  @Test func outputSuperEfficiencyWithPhiZero() throws {
    let data = try DEAData(
      units: ["A", "B", "C", "D"], inputNames: ["x1", "x2"], outputNames: ["y"],
      inputs: [[0, 2], [2, 3], [3, 1], [4, 4]], outputs: [[2], [3], [3], [2]])
    let output = DEA(
      settings: DEASettings(orientation: .output, superEfficiency: true)
    )
    .evaluate(data)
    #expect(
      output.status[0] == .infeasible,
      "\(output.status[0]) \(output.unit(0)?.score ?? -1)")
    #expect(output.unit(0) == nil)
    let input = DEA(
      settings: DEASettings(orientation: .input, superEfficiency: true)
    )
    .evaluate(data)
    #expect(input.status[0] == .infeasible)
  }

  /// A cost efficiency of 0 (a unit producing nothing) has no allocative
  /// share: 0/0 is not 0.
  @Test func allocativeOfZeroIsUndefined() throws {
    let data = try DEAData(
      units: ["A", "B", "C"], inputNames: ["x1", "x2"], outputNames: ["y"],
      inputs: [[1, 2], [2, 1], [2, 2]], outputs: [[0], [1], [1]])
    let result = try CostEfficiency().evaluate(
      data, prices: [1, 1, 1, 1, 1, 1])
    let a = try #require(result.units[0])
    #expect(a.costEfficiency == 0 && a.technical == 0 && a.allocative == nil)
  }
}
