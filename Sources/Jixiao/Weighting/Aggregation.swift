import Foundation

/// Weighted means of normalised criteria, one score per alternative.
///
/// With weights w (Σ w = 1) and values xⱼ of one alternative:
/// arithmetic Σ wⱼxⱼ; geometric Π xⱼ^wⱼ; harmonic 1 / Σ (wⱼ/xⱼ).
/// The geometric and harmonic means need every x above 0; a value of 0
/// (min-max to [0, 100] gives one to the worst alternative of every
/// criterion) is either an error or moved by a named offset ε: the mean
/// is taken of x + ε and ε taken off again, Π (xⱼ + ε)^wⱼ − ε, so the
/// score stays on the scale of x.
public enum Aggregation: Sendable, Equatable {
  case arithmetic
  case geometric(zeros: ZeroRule)
  case harmonic(zeros: ZeroRule)

  /// What a geometric or harmonic mean does with a value of 0.
  public enum ZeroRule: Sendable, Equatable {
    /// An error naming the alternative and criterion.
    case error
    /// Every value is taken as x + ε (ε > 0) before the mean.
    case offset(Double)
  }

  public var name: String {
    switch self {
    case .arithmetic: "weighted arithmetic mean"
    case .geometric(let z): "weighted geometric mean" + Self.suffix(z)
    case .harmonic(let z): "weighted harmonic mean" + Self.suffix(z)
    }
  }

  private static func suffix(_ rule: ZeroRule) -> String {
    if case .offset(let e) = rule {
      return
        " (of values + \(Diagnostic.number(e)), less \(Diagnostic.number(e)))"
    }
    return ""
  }

  /// The score of every alternative of `table` (already normalised, so
  /// every criterion a benefit).
  ///
  /// - Throws: `WeightingError` for weights of another count, negative or
  ///   not summing to 1 (to 1e-9), and for a value ≤ 0 under the
  ///   geometric or harmonic mean without an offset.
  public func scores(_ table: CriteriaTable, weights: [Double])
    throws(WeightingError) -> [Double]
  {
    try Self.checkWeights(weights, count: table.columns)
    var out = [Double](repeating: 0, count: table.rows)
    for i in 0..<table.rows {
      switch self {
      case .arithmetic:
        var s = 0.0
        for j in 0..<table.columns { s += weights[j] * table[i, j] }
        out[i] = s
      case .geometric(let rule), .harmonic(let rule):
        let shift: Double
        if case .offset(let e) = rule { shift = e } else { shift = 0 }
        var logSum = 0.0
        var inverse = 0.0
        for j in 0..<table.columns where weights[j] > 0 {
          let x = table[i, j] + shift
          guard x > 0 else {
            throw .badValue(
              "alternative \(i + 1), criterion \(j + 1) is \(Diagnostic.number(table[i, j])); the \(name) needs "
                + "values above 0 (choose an offset, or another normalisation)")
          }
          logSum += weights[j] * log(x)
          inverse += weights[j] / x
        }
        if case .geometric = self {
          out[i] = exp(logSum) - shift
        } else {
          out[i] = 1 / inverse - shift
        }
      }
    }
    return out
  }

  static func checkWeights(_ w: [Double], count: Int) throws(WeightingError) {
    guard w.count == count else {
      throw .shape("\(w.count) weights for \(count) criteria")
    }
    guard w.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw .badValue("a weight is below 0 or not finite")
    }
    let total = w.reduce(0, +)
    guard abs(total - 1) <= 1e-9 else {
      throw .badValue(
        "the weights sum to \(Diagnostic.number(total)); they must sum to 1")
    }
  }
}
