/// TOPSIS (Hwang & Yoon 1981; Opricovic & Tzeng 2004): closeness to the
/// ideal solution.
///
/// With the normalised values r (every criterion a benefit, so the ideal
/// is the column maximum and the anti-ideal the minimum) and
/// vᵢⱼ = wⱼrᵢⱼ: D⁺ᵢ = ‖vᵢ − v⁺‖₂, D⁻ᵢ = ‖vᵢ − v⁻‖₂, Cᵢ = D⁻ᵢ/(D⁺ᵢ + D⁻ᵢ),
/// higher better. The normalisation changes the answer (vector, the
/// textbook's, or min-max, pymcdm's default), so it is a named setting;
/// turning a cost around (1 − r under vector) does not move distances.
public struct TOPSIS: Sendable, Equatable {
  public var closeness: [Double]
  public var toIdeal: [Double]
  public var toAntiIdeal: [Double]
  public var normalisation: Normalisation
  /// Criteria with no spread: they contribute nothing.
  public var constant: [Int]

  /// - Throws: `WeightingError` for bad weights, or when every
  ///   alternative is the same (no distance to either solution).
  public init(
    _ table: CriteriaTable, weights: [Double],
    normalisation: Normalisation = .vector
  ) throws(WeightingError) {
    try Aggregation.checkWeights(weights, count: table.columns)
    let normal = try normalisation.apply(table)
    let r = normal.table
    var best = [Double](repeating: 0, count: r.columns)
    var worst = best
    for j in 0..<r.columns {
      let v = r.column(j).map { $0 * weights[j] }
      best[j] = v.max() ?? 0
      worst[j] = v.min() ?? 0
    }
    var plus = [Double](repeating: 0, count: r.rows)
    var minus = plus
    var c = plus
    for i in 0..<r.rows {
      var dp = 0.0
      var dm = 0.0
      for j in 0..<r.columns {
        let v = weights[j] * r[i, j]
        dp += (v - best[j]) * (v - best[j])
        dm += (v - worst[j]) * (v - worst[j])
      }
      plus[i] = dp.squareRoot()
      minus[i] = dm.squareRoot()
      guard plus[i] + minus[i] > 0 else {
        throw .degenerate(
          "every alternative has the same weighted values: the ideal and the anti-ideal are one point, and closeness is not defined"
        )
      }
      c[i] = minus[i] / (plus[i] + minus[i])
    }
    closeness = c
    toIdeal = plus
    toAntiIdeal = minus
    self.normalisation = normalisation
    constant = normal.constant
  }
}
