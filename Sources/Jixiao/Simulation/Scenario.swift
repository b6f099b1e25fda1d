/// A what-if rule set for next year's budgets (结果应用, docs/domain.md §7).
///
/// The default is the [D] rule of docs/domain.md: 优 +10 %, 良 unchanged,
/// 中 −10 %, 差 cancelled; unrated projects keep their budget; projects
/// outside the duty → activity tree get none. datasets/scenarios/ has
/// examples and docs/simulate.md describes every field.
public struct Scenario: Sendable {
  /// What happens to a project's budget.
  public enum Action: Sendable, Equatable {
    /// Relative change: 0.10 raises by 10 %, −0.10 cuts by 10 %.
    case change(Double)
    /// Budget 0.
    case cancel

    /// Whether it lowers a budget (a cut or a cancellation).
    public var cuts: Bool {
      switch self {
      case .change(let ratio): ratio < 0
      case .cancel: true
      }
    }

    /// The new budget from the old one.
    public func apply(to budget: Double) -> Double {
      switch self {
      // budget + budget × ratio, not budget × (1 + ratio): 1 + 0.1 is inexact.
      case .change(let ratio): max(0, budget + budget * ratio)
      case .cancel: 0
      }
    }
  }

  public var name = "grade rules"
  public var description = ""
  /// Action per grade; a grade left out keeps its budget.
  public var byGrade: [Grade: Action] = [
    .excellent: .change(0.10), .good: .change(0), .fair: .change(-0.10),
    .poor: .cancel,
  ]
  /// Projects without a grade (unrated, no applicable rows).
  public var unrated: Action = .change(0)
  /// Projects outside the duty → activity tree (seed §三(一)2: not budgeted).
  public var excluded: Action = .cancel
  /// Money freed by cuts goes to the priority grades, pro rata to budget,
  /// so the total stays the same.
  public var budgetNeutral = false
  /// Grades that receive freed money when budget neutral.
  public var priorityGrades: [Grade] = [.excellent]
  /// Budget neutral only: largest relative raise of a priority project
  /// (nil: no limit). Money that cannot be placed is reported unallocated.
  public var maxRaise: Double?
  /// Rules beyond one percentage per grade (off unless given).
  public var rules = BudgetRules()
  /// The file read (empty when built in code), and where each project id
  /// of `rules.renewed` and `rules.protected` is written in it, for
  /// messages about ids the data set does not have.
  public var file = ""
  var idPlaces: [IdPlace] = []

  /// A project id of a rules list and its place in the scenario file.
  struct IdPlace: Sendable {
    var list: String
    var id: String
    var line: Int
    var column: Int
  }

  public init() {}

  /// Budgets as they are: every project keeps its budget whatever its
  /// grade; the first row of every comparison.
  public static var baseline: Scenario {
    var s = Scenario()
    s.name = "baseline"
    s.description = "every budget as it is"
    s.byGrade = [:]
    s.unrated = .change(0)
    s.excluded = .change(0)
    return s
  }

  /// The action for a grade.
  public func action(for grade: Grade) -> Action {
    byGrade[grade] ?? .change(0)
  }
}
