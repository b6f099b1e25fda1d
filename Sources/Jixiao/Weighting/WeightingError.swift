/// A fault in the data or settings of weighting, normalisation or
/// scoring: says what is wrong and with which criterion or alternative.
public enum WeightingError: Error, Sendable, Equatable, CustomStringConvertible
{
  /// The sizes of the parts do not match.
  case shape(String)
  /// A value the method cannot take (negative, zero, not finite).
  case badValue(String)
  /// The data leave the method nothing to work with (every criterion
  /// constant, a zero column where a norm is taken).
  case degenerate(String)
  /// A pairwise comparison matrix that is not one.
  case notPairwise(String)

  public var description: String {
    switch self {
    case .shape(let what), .badValue(let what), .degenerate(let what),
      .notPairwise(let what):
      what
    }
  }
}
