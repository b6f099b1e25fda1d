import Foundation
import JixiaoNumerics

/// How a project's score answers its funding from one year to the next
/// (docs/simulate.md, multi-year runs) [D]: no published model exists, so
/// every number is a setting.
///
///     s′ = min(100, max(0, s · (b′ / b)^ε + σ z)),   z ~ N(0, 1)
///
/// the constant-elasticity response of the efficiency layer's what-if
/// (s(b) = min(100, s·(b/b₀)^ε), docs/efficiency.md) plus noise. Each
/// project draws its own ε ~ N(`elasticity`, `elasticitySpread`), floored
/// at 0, once per run; z is drawn per project and year. A project whose
/// budget was 0 keeps the ratio b′/b = 1; one with b′ = 0 has no score.
public struct ResponseModel: Sendable, Equatable {
  /// Mean elasticity ε of the score to the budget [D].
  public var elasticity = 0.2
  /// Standard deviation of ε across projects [D].
  public var elasticitySpread = 0.1
  /// Standard deviation σ of the yearly score noise, in points [D].
  public var noise = 5.0

  public init() {}

  /// A project's elasticity for one run from a standard normal draw.
  public func elasticity(fromNormal z: Double) -> Double {
    max(0, elasticity + elasticitySpread * z)
  }

  /// Next year's score from this year's, the budget ratio b′/b and a
  /// standard normal draw `z`.
  @inline(__always)
  public func next(score: Double, ratio: Double, elasticity: Double, z: Double)
    -> Double
  {
    let funded =
      ratio == 1 || elasticity == 0 ? score : score * pow(ratio, elasticity)
    return min(100, max(0, funded + noise * z))
  }
}
