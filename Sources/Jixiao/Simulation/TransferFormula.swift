import Foundation

/// The settings of a transfer to lower-level unions by formula (因素法,
/// docs/transfers.md): who receives, how much is shared, and the factors
/// with their weights. Defaults marked [D] are Jixiao's (no union rule
/// fixes them, docs/domain.md §7–§8).
///
/// Each factor k gives recipient i a value f_k,i and so a share
/// f_k,i / Σ_j f_k,j; the transfer is T × Σ_k w_k share_k,i.
///
///     var formula = TransferFormula(total: 1_000)
///     formula.weights = [.members: 0.5, .equalisation: 0.5]
public struct TransferFormula: Sendable, Equatable {
  /// A factor of the formula.
  public enum Factor: String, Sendable, CaseIterable {
    /// Need: union members (会员人数, units.csv `members`), f = m.
    case members
    /// Need: the payroll base (职工工资总额, units.csv `payroll`), the base
    /// of the 2 % dues (docs/domain.md §8), f = payroll.
    case payroll
    /// Performance (绩效因素): f = m × points(grade), or m × score / 100,
    /// so that a small union with a good grade does not outweigh a large
    /// one: performance scales the members, it does not replace them.
    case performance
    /// Equalisation of financial capacity (财力均衡):
    /// f = m × max(0, target − c), c the unit's own funds per member, so
    /// only units below the target receive it, in proportion to the money
    /// that would lift them to it.
    case equalisation

    /// The factor's name in tables: the option word in English, the usual
    /// term in Chinese.
    public func label(_ language: Language) -> String {
      guard language == .chinese else { return rawValue }
      switch self {
      case .members: return "会员人数因素"
      case .payroll: return "工资总额因素"
      case .performance: return "绩效因素"
      case .equalisation: return "财力均衡因素"
      }
    }
  }

  /// How a recipient's performance is measured.
  public enum Performance: String, Sendable, CaseIterable {
    /// Points per grade (`gradePoints`) of the grade the unit's score
    /// earns under the scheme's cut-offs.
    case grade
    /// The unit's score ÷ 100.
    case score
  }

  /// [D] members 0.4, payroll 0.2, performance 0.2, equalisation 0.2.
  public static let defaultWeights: [Factor: Double] = [
    .members: 0.4, .payroll: 0.2, .performance: 0.2, .equalisation: 0.2,
  ]

  /// [D] 优 1.2 (eligible for an increase), 良 1.0 (keep), 中 0.8 (adjust),
  /// 差 0.5 (adjust or exit): the order of docs/domain.md §7, the numbers
  /// Jixiao's.
  public static let defaultGradePoints: [Grade: Double] = [
    .excellent: 1.2, .good: 1.0, .fair: 0.8, .poor: 0.5,
  ]

  /// T, the amount shared out, in the money unit; > 0.
  public var total: Double
  /// The recipients: the units of this level (units.csv `level`); nil:
  /// the level just below the roots (`Transfers.defaultLevel`).
  public var level: String?
  /// w_k ≥ 0 per factor, summing to 1; a factor not named weighs 0.
  public var weights = Self.defaultWeights
  /// [D] `.grade`.
  public var performance = Performance.grade
  /// Points per grade, each ≥ 0; a grade not named earns 0.
  public var gradePoints = Self.defaultGradePoints
  /// The capacity the equalisation factor lifts units towards, in the
  /// money unit per member; nil [D]: the members-weighted mean capacity
  /// of the recipients, Σ own funds ÷ Σ members.
  public var target: Double?
  /// The score of a recipient without a scored project (its performance
  /// is then that of the score); nil: such a recipient is an error when
  /// performance is weighted. [D] 80, the lowest 良 score by default:
  /// 良 means keep (docs/domain.md §7), neither reward nor cut.
  public var neutralScore: Double? = 80

  public init(total: Double) {
    self.total = total
  }

  /// The weight of `factor` (0 when not named).
  public func weight(_ factor: Factor) -> Double { weights[factor] ?? 0 }

  /// Checks the numbers that do not depend on the data.
  ///
  /// - Throws: `AllocationError.badSettings` naming the setting and the
  ///   value it needs.
  public func validate() throws(AllocationError) {
    guard total.isFinite, total > 0 else {
      throw .badSettings(
        "the total to share is \(Diagnostic.number(total)); give an amount > 0"
      )
    }
    for factor in Factor.allCases {
      let w = weight(factor)
      guard w.isFinite, w >= 0 else {
        throw .badSettings(
          "the \(factor.rawValue) weight is \(Diagnostic.number(w)); "
            + "a weight is a number ≥ 0")
      }
    }
    let sum = Factor.allCases.reduce(0.0) { $0 + weight($1) }
    guard abs(sum - 1) <= 1e-9 else {
      throw .badSettings(
        "the weights sum to \(Diagnostic.number((sum * 1e9).rounded() / 1e9)); "
          + "they must sum to 1")
    }
    for grade in Grade.allCases {
      let points = gradePoints[grade] ?? 0
      guard points.isFinite, points >= 0 else {
        throw .badSettings(
          "the points of \(grade.chinese) (\(grade.name)) are "
            + "\(Diagnostic.number(points)); give a number ≥ 0")
      }
    }
    if let target, !(target.isFinite && target >= 0) {
      throw .badSettings(
        "the target capacity is \(Diagnostic.number(target)); give an amount ≥ 0 per member"
      )
    }
    if let neutralScore,
      !(neutralScore.isFinite && (0...100).contains(neutralScore))
    {
      throw .badSettings(
        "the neutral score is \(Diagnostic.number(neutralScore)); give a score from 0 to 100"
      )
    }
  }
}
