import Foundation

/// Coefficients that say how alike two rankings are. Rankings are
/// positions, 1 the best, ties given the average of their positions
/// (`Ranking.positions`).
public enum RankCorrelation {
  /// Spearman's ρ: Pearson's correlation of the two rankings (with ties,
  /// of their average ranks); 1 when they agree.
  public static func spearman(_ x: [Double], _ y: [Double])
    throws(WeightingError)
    -> Double
  {
    try check(x, y)
    let r = ObjectiveWeights.correlation(x, y)
    guard r.isFinite else {
      throw .degenerate("a ranking with every position tied has no correlation")
    }
    return r
  }

  /// The weighted rank correlation r_W of Pinto da Costa & Soares (2005),
  /// which counts disagreements near the top more:
  /// r_W = 1 − 6 Σ (xᵢ − yᵢ)² ((N − xᵢ + 1) + (N − yᵢ + 1)) / (N⁴ + N³ − N² − N).
  public static func weightedSpearman(_ x: [Double], _ y: [Double])
    throws(WeightingError) -> Double
  {
    try check(x, y)
    let n = Double(x.count)
    var sum = 0.0
    for i in x.indices {
      let d = x[i] - y[i]
      sum += d * d * ((n - x[i] + 1) + (n - y[i] + 1))
    }
    return 1 - 6 * sum / (n * n * n * n + n * n * n - n * n - n)
  }

  /// The WS similarity coefficient of Sałabun & Urbaniak (2020), with x
  /// the reference ranking: WS = 1 − Σ 2^(−xᵢ) |xᵢ − yᵢ| / max(|xᵢ − 1|, |xᵢ − N|);
  /// not symmetric in x and y.
  public static func ws(_ x: [Double], _ y: [Double]) throws(WeightingError)
    -> Double
  {
    try check(x, y)
    let n = Double(x.count)
    var sum = 0.0
    for i in x.indices {
      sum +=
        pow(2, -x[i]) * abs(x[i] - y[i]) / max(abs(x[i] - 1), abs(x[i] - n))
    }
    return 1 - sum
  }

  /// Kendall's τ_b, which corrects for ties in either ranking:
  /// (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)), n₀ = n(n − 1)/2 and n₁, n₂ the
  /// pairs tied in x, in y. In O(n log n) by Knight (1966): sort by
  /// (x, y), count the discordant pairs as the inversions a merge sort of
  /// the y's undoes, and n_c − n_d = n₀ − n₁ − n₂ + n₃ − 2 n_d with n₃ the
  /// pairs tied in both.
  public static func kendall(_ x: [Double], _ y: [Double])
    throws(WeightingError)
    -> Double
  {
    try check(x, y)
    let n = x.count
    let order = x.indices.sorted {
      x[$0] != x[$1] ? x[$0] < x[$1] : y[$0] < y[$1]
    }
    func tiedPairs(_ equal: (Int, Int) -> Bool) -> Double {
      var pairs = 0.0
      var run = 1.0
      for k in 1..<n {
        if equal(order[k - 1], order[k]) {
          run += 1
        } else {
          pairs += run * (run - 1) / 2
          run = 1
        }
      }
      return pairs + run * (run - 1) / 2
    }
    let tiedX = tiedPairs { x[$0] == x[$1] }
    let tiedBoth = tiedPairs { x[$0] == x[$1] && y[$0] == y[$1] }
    var values = order.map { y[$0] }
    var buffer = values
    var discordant = 0.0
    var width = 1
    while width < n {
      var start = 0
      while start < n {
        let middle = min(start + width, n)
        let end = min(start + 2 * width, n)
        var a = start
        var b = middle
        var k = start
        while a < middle, b < end {
          if values[b] < values[a] {
            buffer[k] = values[b]
            discordant += Double(middle - a)
            b += 1
          } else {
            buffer[k] = values[a]
            a += 1
          }
          k += 1
        }
        while a < middle {
          buffer[k] = values[a]
          a += 1
          k += 1
        }
        while b < end {
          buffer[k] = values[b]
          b += 1
          k += 1
        }
        start = end
      }
      swap(&values, &buffer)
      width *= 2
    }
    var tiedY = 0.0
    var run = 1.0
    for k in 1..<n {
      if values[k] == values[k - 1] {
        run += 1
      } else {
        tiedY += run * (run - 1) / 2
        run = 1
      }
    }
    tiedY += run * (run - 1) / 2
    let pairs = Double(n) * Double(n - 1) / 2
    let difference = pairs - tiedX - tiedY + tiedBoth - 2 * discordant
    let denominator = ((pairs - tiedX) * (pairs - tiedY)).squareRoot()
    guard denominator > 0 else {
      throw .degenerate("a ranking with every position tied has no τ")
    }
    return difference / denominator
  }

  static func check(_ x: [Double], _ y: [Double]) throws(WeightingError) {
    guard x.count == y.count else {
      throw .shape("the rankings have \(x.count) and \(y.count) positions")
    }
    guard x.count >= 2 else {
      throw .degenerate("a comparison needs two alternatives")
    }
  }
}
