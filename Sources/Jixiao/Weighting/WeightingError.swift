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
  /// A value the method cannot take, at an alternative's (or expert's)
  /// row and a criterion, both from 0, so a reader of a file can name its
  /// line and column.
  case cell(row: Int, criterion: Int, String)

  public var description: String {
    switch self {
    case .shape(let what), .badValue(let what), .degenerate(let what),
      .notPairwise(let what):
      what
    case .cell(let row, let criterion, let what):
      "row \(row + 1), criterion \(criterion + 1): \(what)"
    }
  }
}
