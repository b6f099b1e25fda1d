/// The scoring rules for one indicator row (docs/domain.md §6.3, 财预〔2020〕10号).
///
/// Each rule returns the share of the row's weight earned, in [0, 1]:
/// over-completion earns no bonus, and no input gives a negative share.
public enum IndicatorRules {
  /// `≥` (positive, 正向): `a ≥ t` → 1; else `a / t` for `t > 0`.
  ///
  ///     IndicatorRules.atLeast(actual: 37.24, target: 43.2)  // 0.86204
  ///
  /// A target ≤ 0 that is missed earns 0: a ratio to a non-positive target
  /// has no meaning.
  public static func atLeast(actual a: Double, target t: Double) -> Double {
    if a >= t { return 1 }
    guard t > 0 else { return 0 }
    return max(0, a / t)
  }

  /// `≤` (negative, 反向): `a ≤ t` → 1; else `t / a` for `a > t > 0`.
  ///
  ///     IndicatorRules.atMost(actual: 100, target: 90)  // 0.9
  ///
  /// Source: the local rule "target/actual × weight" (biz.doczj.com, see
  /// docs/domain.md §6.3.3). A target ≤ 0 that is exceeded earns 0.
  public static func atMost(actual a: Double, target t: Double) -> Double {
    if a <= t { return 1 }
    guard t > 0 else { return 0 }
    return t / a
  }

  /// `=` (exact): `a = t` → 1; else `1 − |a − t| / |t|`, floored at 0.
  ///
  ///     IndicatorRules.exactly(actual: 95, target: 100)  // 0.95
  ///
  /// The relative deviation in either direction costs the same; a target
  /// of 0 that is missed earns 0.
  public static func exactly(actual a: Double, target t: Double) -> Double {
    if a == t { return 1 }
    guard t != 0 else { return 0 }
    return max(0, 1 - abs(a - t) / abs(t))
  }

  /// The share for a quantitative row.
  public static func share(
    _ op: IndicatorOperator, actual: Double, target: Double
  ) -> Double {
    switch op {
    case .atLeast: atLeast(actual: actual, target: target)
    case .atMost: atMost(actual: actual, target: target)
    case .exactly: exactly(actual: actual, target: target)
    }
  }

  /// Whether the actual beats the target by `ratio` or more, which
  /// suggests the target was set too low (docs/domain.md §6.3.4).
  ///
  /// `≥`: `a ≥ ratio × t`; `≤`: `a ≤ t / ratio`; both need `t > 0`.
  /// Exact targets are never soft.
  public static func looksSoft(
    _ op: IndicatorOperator, actual a: Double, target t: Double, ratio: Double
  ) -> Bool {
    guard t > 0 else { return false }
    switch op {
    case .atLeast: return a >= ratio * t
    case .atMost: return a <= t / ratio
    case .exactly: return false
    }
  }
}
