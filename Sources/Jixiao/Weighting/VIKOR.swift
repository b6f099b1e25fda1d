/// VIKOR (Opricovic 1998; Opricovic & Tzeng 2004): the compromise
/// ranking. With f*ⱼ the best and f⁻ⱼ the worst value of criterion j:
///
///     Sᵢ = Σⱼ wⱼ (f*ⱼ − fᵢⱼ)/(f*ⱼ − f⁻ⱼ),   Rᵢ = maxⱼ wⱼ (f*ⱼ − fᵢⱼ)/(f*ⱼ − f⁻ⱼ)
///     Qᵢ = v (Sᵢ − S*)/(S⁻ − S*) + (1 − v)(Rᵢ − R*)/(R⁻ − R*)
///
/// lower better, v = 0.5 by default ("by consensus"). A criterion with
/// f*ⱼ = f⁻ⱼ contributes nothing and is listed in `constant`; a term whose
/// S⁻ = S* (or R⁻ = R*) is 0. The compromise solution is the best by Q
/// when it has acceptable advantage (C1: Q(a″) − Q(a′) ≥ 1/(m − 1)) and
/// acceptable stability (C2: it is also best by S or by R); otherwise the
/// compromise set is as Opricovic & Tzeng define it.
public struct VIKOR: Sendable, Equatable {
  public var s: [Double]
  public var r: [Double]
  public var q: [Double]
  public var v: Double
  public var constant: [Int]
  /// The alternatives of the compromise solution, best first.
  public var compromise: [Int]

  public init(_ table: CriteriaTable, weights: [Double], v: Double = 0.5)
    throws(WeightingError)
  {
    try Aggregation.checkWeights(weights, count: table.columns)
    guard v >= 0, v <= 1 else {
      throw .badValue(
        "v is \(Diagnostic.number(v)); the weight of the majority strategy is from 0 to 1"
      )
    }
    let m = table.rows
    var s = [Double](repeating: 0, count: m)
    var r = s
    var constant: [Int] = []
    for j in 0..<table.columns {
      let x = table.column(j)
      let high = x.max() ?? 0
      let low = x.min() ?? 0
      guard high > low else {
        constant.append(j)
        continue
      }
      let (best, worst) = table.types[j] == .benefit ? (high, low) : (low, high)
      for i in 0..<m {
        let term = weights[j] * (best - table[i, j]) / (best - worst)
        s[i] += term
        r[i] = max(r[i], term)
      }
    }
    let sLow = s.min() ?? 0
    let sHigh = s.max() ?? 0
    let rLow = r.min() ?? 0
    let rHigh = r.max() ?? 0
    let q = (0..<m).map { i in
      (sHigh > sLow ? v * (s[i] - sLow) / (sHigh - sLow) : 0)
        + (rHigh > rLow ? (1 - v) * (r[i] - rLow) / (rHigh - rLow) : 0)
    }
    self.s = s
    self.r = r
    self.q = q
    self.v = v
    self.constant = constant
    let order = (0..<m).sorted { q[$0] != q[$1] ? q[$0] < q[$1] : $0 < $1 }
    guard m > 1 else {
      compromise = order
      return
    }
    let dq = 1 / Double(m - 1)
    let first = order[0]
    let advantage = q[order[1]] - q[first] >= dq
    let stable = s[first] == sLow || r[first] == rLow
    if advantage && stable {
      compromise = [first]
    } else if advantage {
      compromise = [first, order[1]]
    } else {
      // Every alternative up to the last one within 1/(m − 1) of the best.
      compromise = order.filter { q[$0] - q[first] < dq }
    }
  }
}
