/// Rules that screen a sample for values too far from the rest.
///
/// - `interquartile(k)`: Tukey's fences, values outside
///   [Q1 − k·IQR, Q3 + k·IQR] (Tukey 1977, k = 1.5).
/// - `robustZ(threshold)`: the modified z-score of Iglewicz & Hoaglin
///   (1993), |x − median| / (1.4826 · MAD) > threshold (3.5 by their
///   advice).
///
/// Degenerate samples are defined once here: with fewer than
/// `minimumSample` values no rule judges (a quartile of three values says
/// little), and a sample without spread gives no scale: an IQR of 0 (half
/// the values or more equal) or a MAD of 0 (more than half equal). Tukey's
/// fences would then close on the quartile and screen every other value —
/// in budget data, every project not exactly at the common figure (a cost
/// overrun of 1.00, a completion rate of 100 %) — so neither rule judges.
/// Callers report why.
public enum OutlierRule: Sendable, Equatable {
  case none
  case interquartile(k: Double)
  case robustZ(threshold: Double)

  public static let tukey = OutlierRule.interquartile(k: 1.5)
  public static let iglewiczHoaglin = OutlierRule.robustZ(threshold: 3.5)
  public static let minimumSample = 4

  /// Why a rule did not judge a sample.
  public enum Unjudged: Sendable, Equatable {
    case tooFew(Int)
    case noSpread
  }

  /// The closed interval of values the rule keeps, or why it cannot say.
  public func fences(
    _ sorted: UnsafeBufferPointer<Double>, definition: QuantileDefinition
  ) -> Result<ClosedRange<Double>, UnjudgedError> {
    if case .none = self {
      return .success(
        -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
    }
    guard sorted.count >= Self.minimumSample else {
      return .failure(UnjudgedError(reason: .tooFew(sorted.count)))
    }
    switch self {
    case .none:
      return .success(
        -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
    case .interquartile(let k):
      let q1 = definition.quantile(sorted, 0.25)
      let q3 = definition.quantile(sorted, 0.75)
      guard q3 > q1 else { return .failure(UnjudgedError(reason: .noSpread)) }
      let spread = k * (q3 - q1)
      return .success((q1 - spread)...(q3 + spread))
    case .robustZ(let threshold):
      let mad = Summary.medianAbsoluteDeviation(sorted)
      guard mad > 0 else { return .failure(UnjudgedError(reason: .noSpread)) }
      let center = Summary.median(sorted)
      let reach = threshold * Summary.normalScale * mad
      return .success((center - reach)...(center + reach))
    }
  }

  public struct UnjudgedError: Error, Sendable, Equatable {
    public var reason: Unjudged
  }
}
