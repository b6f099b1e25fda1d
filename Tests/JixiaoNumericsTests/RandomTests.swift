import Testing

@testable import JixiaoNumerics

@Suite struct RandomTests {
  /// Reference: Blackman & Vigna's xoshiro256starstar.c seeded with their
  /// splitmix64.c from 42, compiled and run by hand (gcc -O2):
  /// 1546998764402558742, 6990951692964543102, 12544586762248559009.
  @Test func matchesTheReferenceImplementation() {
    var random = RandomStream(seed: 42)
    #expect(random.next() == 1_546_998_764_402_558_742)
    #expect(random.next() == 6_990_951_692_964_543_102)
    #expect(random.next() == 12_544_586_762_248_559_009)
  }

  /// splitmix64.c from state 0 gives 16294208416658607535 first.
  @Test func splitMixMatchesTheReference() {
    var mix = JixiaoNumerics.SplitMix64(state: 0)
    #expect(mix.next() == 16_294_208_416_658_607_535)
  }

  @Test func streamsDependOnlyOnSeedAndNumber() {
    var a = RandomStream(seed: 7, stream: 3)
    var b = RandomStream(seed: 7, stream: 3)
    var c = RandomStream(seed: 7, stream: 4)
    let first = (0..<4).map { _ in a.next() }
    #expect(first == (0..<4).map { _ in b.next() })
    #expect(first != (0..<4).map { _ in c.next() })
  }

  @Test func uniformAndBoundedDrawsStayInRange() {
    var random = RandomStream(seed: 1)
    for _ in 0..<10_000 {
      let u = random.uniform()
      #expect(u >= 0 && u < 1)
      let p = random.uniformPositive()
      #expect(p > 0 && p <= 1)
      let k = random.below(7)
      #expect((0..<7).contains(k))
    }
  }

  /// Each of 10 values of `below(10)` should appear about 10,000 times in
  /// 100,000 draws; the chi-square statistic with 9 degrees of freedom
  /// exceeds 27.9 with probability 0.001.
  @Test func boundedDrawsAreUniform() {
    var random = RandomStream(seed: 2)
    var counts = [Int](repeating: 0, count: 10)
    for _ in 0..<100_000 { counts[random.below(10)] += 1 }
    let chiSquare = counts.reduce(0.0) {
      $0 + pow(Double($1) - 10_000, 2) / 10_000
    }
    #expect(chiSquare < 27.9)
  }

  /// The mean and variance of 200,000 standard normal draws: standard
  /// errors 0.0022 and 0.0032, so ±0.015 is beyond 4.5 standard errors.
  @Test func normalDrawsHaveMeanZeroAndVarianceOne() {
    var random = RandomStream(seed: 3)
    let draws = (0..<200_000).map { _ in random.normal() }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance =
      draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
    #expect(abs(mean) < 0.015)
    #expect(abs(variance - 1) < 0.015)
  }

  /// The polar method's bulk draws: the same moments as above, the
  /// normal tail shares P(|z| > 1.96) = 0.05 and P(|z| > 3) = 0.0027
  /// (binomial standard errors 0.0005 and 0.00012 at n = 200,000), an odd
  /// length filled to its end, and the same numbers from the same seed.
  @Test func bulkNormalDrawsAreStandardNormal() {
    var random = RandomStream(seed: 5)
    var draws = [Double](repeating: .nan, count: 200_001)
    random.fillNormal(&draws)
    #expect(draws.allSatisfy { $0.isFinite })
    let n = Double(draws.count)
    let mean = draws.reduce(0, +) / n
    let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    #expect(abs(mean) < 0.015)
    #expect(abs(variance - 1) < 0.015)
    let beyond196 = Double(draws.count { abs($0) > 1.959_964 }) / n
    let beyond3 = Double(draws.count { abs($0) > 3 }) / n
    #expect(abs(beyond196 - 0.05) < 0.0025)
    #expect(abs(beyond3 - 0.0027) < 0.0006)
    var again = RandomStream(seed: 5)
    var second = [Double](repeating: 0, count: 200_001)
    again.fillNormal(&second)
    #expect(second == draws)
  }

  /// The median of exp(N(μ, σ)) is exp(μ).
  @Test func logNormalMedianIsExpMu() {
    var random = RandomStream(seed: 4)
    var draws = (0..<50_001).map { _ in
      random.logNormal(mu: log(25), sigma: 0.9)
    }
    draws.sort()
    #expect(abs(draws[25_000] / 25 - 1) < 0.03)
  }

  @Test func pickFollowsTheWeights() {
    var random = RandomStream(seed: 5)
    var counts = [0, 0, 0]
    for _ in 0..<30_000 { counts[random.pick(weights: [1, 0, 2])] += 1 }
    #expect(counts[1] == 0)
    #expect(abs(Double(counts[2]) / Double(counts[0]) - 2) < 0.1)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
