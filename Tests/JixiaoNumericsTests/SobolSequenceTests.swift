import Testing

@testable import JixiaoNumerics

@Suite struct SobolSequenceTests {
  /// The first 16 points of dimensions 1, 2, 3, 4, 5, 10, 100, 1000, 1024
  /// and 4096, from scipy 1.17.1: `qmc.Sobol(d=4096, scramble=False,
  /// bits=52).random(16)`, columns 0, 1, 2, 3, 4, 9, 99, 999, 1023, 4095.
  /// Dimension 1 is the van der Corput sequence in Gray-code order.
  static let scipyFirstPoints: [(dimension: Int, points: [Double])] = [
    (
      1,
      [
        0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875, 0.6875,
        0.9375, 0.4375, 0.3125, 0.8125, 0.5625, 0.0625,
      ]
    ),
    (
      2,
      [
        0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625, 0.3125, 0.8125,
        0.0625, 0.5625, 0.1875, 0.6875, 0.4375, 0.9375,
      ]
    ),
    (
      3,
      [
        0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375, 0.4375,
        0.6875, 0.1875, 0.3125, 0.8125, 0.0625, 0.5625,
      ]
    ),
    (
      4,
      [
        0, 0.5, 0.25, 0.75, 0.875, 0.375, 0.625, 0.125, 0.4375, 0.9375,
        0.1875, 0.6875, 0.5625, 0.0625, 0.8125, 0.3125,
      ]
    ),
    (
      5,
      [
        0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.5625, 0.0625,
        0.3125, 0.8125, 0.9375, 0.4375, 0.1875, 0.6875,
      ]
    ),
    (
      10,
      [
        0, 0.5, 0.75, 0.25, 0.625, 0.125, 0.375, 0.875, 0.3125, 0.8125,
        0.5625, 0.0625, 0.9375, 0.4375, 0.1875, 0.6875,
      ]
    ),
    (
      100,
      [
        0, 0.5, 0.75, 0.25, 0.875, 0.375, 0.125, 0.625, 0.9375, 0.4375,
        0.1875, 0.6875, 0.0625, 0.5625, 0.8125, 0.3125,
      ]
    ),
    (
      1000,
      [
        0, 0.5, 0.75, 0.25, 0.125, 0.625, 0.875, 0.375, 0.9375, 0.4375,
        0.1875, 0.6875, 0.8125, 0.3125, 0.0625, 0.5625,
      ]
    ),
    (
      1024,
      [
        0, 0.5, 0.75, 0.25, 0.875, 0.375, 0.125, 0.625, 0.0625, 0.5625,
        0.8125, 0.3125, 0.9375, 0.4375, 0.1875, 0.6875,
      ]
    ),
    (
      4096,
      [
        0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625, 0.6875, 0.1875,
        0.9375, 0.4375, 0.8125, 0.3125, 0.5625, 0.0625,
      ]
    ),
  ]

  @Test func firstPointsMatchScipy() {
    var sobol = SobolSequence(dimension: SobolSequence.maximumDimension)
    var points: [[Double]] = []
    for _ in 0..<16 { points.append(sobol.next()) }
    for (dimension, expected) in Self.scipyFirstPoints {
      #expect(points.map { $0[dimension - 1] } == expected, "dim \(dimension)")
    }
  }

  /// Later points, where the recurrence's direction numbers beyond mₛ
  /// matter. scipy 1.17.1, `qmc.Sobol(d=4096, scramble=False, bits=32)`,
  /// `fast_forward(n)` then `random(1)`, times 2³²; the 52-bit numerators
  /// here, shifted right by 20, must agree (points below 2³² use only the
  /// first 32 direction numbers, whose top bits do not depend on the
  /// precision).
  @Test(arguments: [
    (
      12_345,
      [
        2_752_774_144, 3_493_593_088, 688_652_288, 1_845_231_616,
        562_823_168, 2_695_102_464,
      ]
    ),
    (
      4_206_649,
      [
        2_752_775_680, 3_057_411_584, 1_535_037_952, 2_373_323_264,
        1_584_194_048, 4_255_486_464,
      ]
    ),
  ])
  func laterPointsMatchScipy(index: Int, expected: [Int]) {
    var sobol = SobolSequence(dimension: SobolSequence.maximumDimension)
    sobol.skip(to: index)
    let point = sobol.next()
    let dimensions = [1, 2, 3, 10, 1000, 4096]
    let top32 = dimensions.map { Int(point[$0 - 1] * 0x1p52) >> 20 }
    #expect(top32 == expected)
  }

  /// The table holds Joe and Kuo's lines for dimensions 2 to 4,096; spot
  /// lines from new-joe-kuo-6.21201 ("d s a m_i"): 2 1 0 1; 21 7 4 1 3 7
  /// 13 13 15 69; 1025 13 3540 1 3 3 13 31 25 37 47 261 607 1703 2603 417.
  @Test func tableMatchesThePublishedLines() {
    let entries = JoeKuoTable.shared.entries
    #expect(entries.count == SobolSequence.maximumDimension - 1)
    #expect(entries[0].coefficients == 0 && entries[0].initial == [1])
    #expect(entries[19].coefficients == 4)
    #expect(entries[19].initial == [1, 3, 7, 13, 13, 15, 69])
    #expect(entries[1023].coefficients == 3540)
    #expect(
      entries[1023].initial == [
        1, 3, 3, 13, 31, 25, 37, 47, 261, 607, 1703, 2603, 417,
      ])
    // Every mₖ is odd and below 2ᵏ, as the construction requires.
    for entry in entries {
      for (k, m) in entry.initial.enumerated() {
        #expect(m % 2 == 1 && m < 1 << (k + 1))
      }
    }
  }

  /// The (0, m, 1)-net property in every dimension: points 0 ..< 2ᵏ put
  /// one coordinate in each interval [i/2ᵏ, (i+1)/2ᵏ) (Sobol 1967).
  @Test(arguments: [1, 4, 10, 12])
  func eachDyadicIntervalHoldsOnePoint(k: Int) {
    let count = 1 << k
    let dimension = 300
    var sobol = SobolSequence(dimension: dimension)
    var hits = [Int](repeating: 0, count: count * dimension)
    var point = [Double](repeating: 0, count: dimension)
    for _ in 0..<count {
      sobol.next(into: &point)
      for j in 0..<dimension {
        hits[j * count + Int(point[j] * Double(count))] += 1
      }
    }
    #expect(hits.allSatisfy { $0 == 1 })
  }

  /// A block made by `skip(to:)` or `jump(by:)` equals the same points
  /// reached one by one, so parallel blocks reproduce the serial run.
  @Test func skippingEqualsStepping() {
    var serial = SobolSequence(dimension: 7)
    var all: [[Double]] = []
    for _ in 0..<300 { all.append(serial.next()) }
    for start in [0, 1, 2, 63, 64, 65, 200] {
      var block = SobolSequence(dimension: 7)
      block.skip(to: start)
      #expect(block.position == start)
      for n in start..<min(start + 40, 300) { #expect(block.next() == all[n]) }
    }
    var jumper = SobolSequence(dimension: 7)
    _ = jumper.next()
    jumper.jump(by: 99)
    #expect(jumper.next() == all[100])
    jumper.jump(by: -51)
    #expect(jumper.next() == all[50])
  }

  /// Skipping the first point starts at Joe and Kuo's sobol.cc first point
  /// (0.5, …, 0.5) and shifts every later point by one.
  @Test func skippingTheFirstPoint() {
    var full = SobolSequence(dimension: 5)
    var skipped = SobolSequence(dimension: 5, skipsFirstPoint: true)
    _ = full.next()
    #expect(skipped.position == 0)
    for _ in 0..<50 { #expect(skipped.next() == full.next()) }
    skipped.skip(to: 0)
    #expect(skipped.next() == [0.5, 0.5, 0.5, 0.5, 0.5])
    #expect(skipped.next() == [0.75, 0.25, 0.25, 0.25, 0.75])
  }

  /// Far into the sequence: a jump to 2⁵⁰ gives coordinates in [0, 1)
  /// and the next point differs from it by the direction numbers of
  /// bit 0 only (Gray code), so dimension 1 moves by exactly one half.
  @Test func farPointsStayInTheUnitCube() {
    var sobol = SobolSequence(dimension: 3)
    sobol.skip(to: 1 << 50)
    let a = sobol.next()
    let b = sobol.next()
    #expect(a.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(abs(a[0] - b[0]) == 0.5)
  }
}
