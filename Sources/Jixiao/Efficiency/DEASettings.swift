/// How a DEA envelopment program is set up.
public struct DEASettings: Sendable, Equatable {
  /// The returns to scale of the technology: which combinations of units
  /// count as feasible (the constraint on Σλ).
  public enum Returns: String, Sendable, CaseIterable {
    /// CCR (Charnes, Cooper & Rhodes 1978): λ ≥ 0.
    case constant = "crs"
    /// BCC (Banker, Charnes & Cooper 1984): Σλ = 1.
    case variable = "vrs"
    /// Σλ ≤ 1.
    case nonIncreasing = "nirs"
    /// Σλ ≥ 1.
    case nonDecreasing = "ndrs"
  }

  /// Which side is scaled: inputs shrunk by θ ≤ 1 at given outputs, or
  /// outputs grown by φ ≥ 1 at given inputs.
  public enum Orientation: String, Sendable, CaseIterable {
    case input, output
  }

  public var returns: Returns = .constant
  public var orientation: Orientation = .input
  /// Runs the second phase: at the fixed score, maximise the sum of the
  /// slacks (in the data's own units, as DEAP and R Benchmarking do), so
  /// targets and peers lie on the efficient part of the frontier.
  public var slacks = true
  /// Andersen & Petersen (1993): each unit is left out of its own
  /// reference set, so efficient units get scores beyond 1 (or no score,
  /// when the program is infeasible, which is reported as such).
  public var superEfficiency = false
  /// Solve against a reduced reference set (see `DEA`); the scores equal
  /// those of the full programs.
  public var referenceSetReduction = true

  public init(
    returns: Returns = .constant, orientation: Orientation = .input,
    slacks: Bool = true, superEfficiency: Bool = false
  ) {
    self.returns = returns
    self.orientation = orientation
    self.slacks = slacks
    self.superEfficiency = superEfficiency
  }
}

extension DEASettings.Returns {
  /// The bounds of the Σλ row that sets these returns to scale.
  var convexityBounds: (lower: Double, upper: Double) {
    switch self {
    case .constant: (-.infinity, .infinity)
    case .variable: (1, 1)
    case .nonIncreasing: (-.infinity, 1)
    case .nonDecreasing: (1, .infinity)
    }
  }

  /// Whether Σλ = `sum` meets the row to `tolerance`.
  func admits(_ sum: Double, tolerance: Double) -> Bool {
    let (lower, upper) = convexityBounds
    return sum >= lower - tolerance && sum <= upper + tolerance
  }
}
