import Testing

@testable import Jixiao

/// Values worked by hand (and checked in Python 3's math and statistics
/// modules) from the definitions in Balance.swift.
@Suite struct BalanceTests {
  /// x = 1, 2, 3, 4: Σ|xᵢ − xⱼ| = 20 over ordered pairs, μ = 2.5, so
  /// G = 20 / (2 · 16 · 2.5) = 0.25; T = ¼ Σ (x/μ) ln(x/μ) =
  /// 0.106440135286; CV = √1.25 / 2.5 = 0.447213595500; max/min 4.
  @Test func equalWeights() throws {
    let b = try Balance(values: [3, 1, 4, 2])
    #expect(abs(b.gini - 0.25) < 1e-12)
    #expect(abs(b.theil - 0.106440135286) < 1e-12)
    #expect(abs(b.coefficientOfVariation - 0.447213595500) < 1e-12)
    #expect(b.maxMinRatio == 4)
  }

  /// Values 10 and 20 for 3 and 1 members: μ = 12.5, G = 2·3·1·10 /
  /// (2 · 16 · 12.5) = 0.15, T = 0.054115320910.
  @Test func weightedByMembers() throws {
    let b = try Balance(values: [10, 20], weights: [3, 1])
    #expect(abs(b.mean - 12.5) < 1e-12)
    #expect(abs(b.gini - 0.15) < 1e-12)
    #expect(abs(b.theil - 0.054115320910) < 1e-12)
  }

  /// Groups {1, 2} and {3, 4}: shares 0.3 and 0.7, within
  /// 0.3·T(1,2) + 0.7·T(3,4) = 0.024157256781, between
  /// 0.3 ln(1.5/2.5) + 0.7 ln(3.5/2.5) = 0.082282878505; they add to T.
  @Test func theilWithinAndBetween() throws {
    let d = try Balance.decompose(
      values: [1, 2, 3, 4], groups: ["A", "A", "B", "B"])
    #expect(abs(d.within - 0.024157256781) < 1e-12)
    #expect(abs(d.between - 0.082282878505) < 1e-12)
    #expect(abs(d.within + d.between - 0.106440135286) < 1e-12)
  }

  /// A zero value: 0 · ln 0 = 0 in Theil, and no max/min ratio.
  @Test func zeroValueAndBadInput() throws {
    let b = try Balance(values: [0, 2])
    // μ = 1: T = ½ (2 ln 2) = ln 2; G = 2·2 / (2·4·1) = 0.5.
    #expect(abs(b.theil - 0.693147180560) < 1e-12)
    #expect(abs(b.gini - 0.5) < 1e-12)
    #expect(b.maxMinRatio == nil)
    #expect(throws: EfficiencyError.self) { _ = try Balance(values: [1, -1]) }
    #expect(throws: EfficiencyError.self) { _ = try Balance(values: [0, 0]) }
    #expect(throws: EfficiencyError.self) {
      _ = try Balance(values: [1, 2], weights: [1, 0])
    }
  }
}
