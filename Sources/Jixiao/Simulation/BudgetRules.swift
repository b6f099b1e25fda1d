/// Rules of result application beyond one percentage per grade
/// (结果应用, docs/domain.md §7; seed §三(二)8 and §三(一)1,3), the `rules`
/// object of a scenario file.
///
/// Every rule is off until the scenario names it; a rule named without
/// its numbers takes the defaults below, which are design proposals [D]
/// (no regulation gives numbers). docs/simulate.md describes each.
///
/// In one budget year a project meets the rules in this order, the first
/// that applies deciding its budget (`Reallocation.Reason` names it):
/// outside the tree; exited earlier; completed; major-project time limit;
/// no grade; multi-year exit; rectification; the grade's rule. A
/// protected project keeps its budget where that rule would cut it. Then
/// the core-duty floor, the unit caps and (budget neutral) the share of
/// freed money adjust the result, and say so per project.
public struct BudgetRules: Sendable, Equatable {
  /// The rectification cycle (整改): "对评价结果较差的要督促整改，不整改或
  /// 整改不到位的，相应调减预算，直至取消预算" (seed §三(二)8; 财预〔2020〕10号
  /// [M]). A weak year is one graded 中 or 差; a 良 or 优 ends the streak.
  ///
  /// The k-th weak year in a row: k < `cutAfter` → rectify (budget kept,
  /// the project is told to rectify); k ≥ `cutAfter` → cut by `cutBy`;
  /// k ≥ `cancelAfterWeak`, or the `cancelAfterPoor`-th 差 of the
  /// streak → cancelled. Defaults [D]: once → rectify, twice → cut 10 %,
  /// 差 twice or three weak years → cancel.
  public struct Rectification: Sendable, Equatable {
    public var cutAfter = 2
    public var cutBy = 0.10
    public var cancelAfterWeak = 3
    public var cancelAfterPoor = 2

    public init() {}
  }

  public var rectification: Rectification?
  /// Multi-year projects (end year after start year) re-evaluated each
  /// year exit at once (budget 0) when graded one of these (seed §三(一)3
  /// [D]: poor ones exit). Empty: no exit rule.
  public var multiYearExit: Set<Grade> = []
  /// Major projects (重大项目) are funded for at most this many budget
  /// years, counted from their start year, unless renewed; nil: no limit.
  public var majorYears: Int?
  /// Ids of major projects renewed past `majorYears`.
  public var renewed: Set<String> = []
  /// Ids of projects no rule may cut or cancel (raises still apply; a
  /// weak streak is still counted).
  public var protected: Set<String> = []
  /// Categories whose projects are protected.
  public var protectedCategories: Set<String> = []
  /// Multi-year projects whose end year is before the budget year leave
  /// the library as completed (budget 0, not counted as cut).
  public var endCompleted = false
  /// Core-duty floor: the core-duty projects' total after is at least
  /// this share of their total before; cuts of core projects are undone
  /// pro rata to the cut until it holds. nil: no floor.
  public var coreFloor: Double?
  /// The core-duty (主责主业) categories for `coreFloor`.
  public var coreCategories = CoreDutyShare.defaultCategories
  /// Unit cap: each unit's own projects get at most this multiple of
  /// what they had (≥ 1); raises are scaled back pro rata. nil: no cap.
  public var unitCap: Double?

  public init() {}

  /// Whether any rule is on (a scenario without rules is one percentage
  /// per grade, as before rule sets existed).
  public var isEmpty: Bool { self == BudgetRules() }
}

/// What the rules need to know of each project that does not change from
/// year to year: its unit and the flags the rules test.
public struct ProjectFacts: Sendable {
  public var unit: [Int32]
  public var unitCount: Int
  public var isCore: [Bool]
  /// End year after start year (both given).
  public var isMultiYear: [Bool]
  public var isMajor: [Bool]
  public var startYear: [Int32]
  public var endYear: [Int32]
  public var isProtected: [Bool]
  public var isRenewed: [Bool]

  public var count: Int { unit.count }
}

extension ProjectFacts {
  public init(_ dataset: Dataset, rules: BudgetRules) {
    let projects = dataset.projects
    let n = projects.count
    unit = projects.unit
    unitCount = dataset.units.count
    let core = Set(rules.coreCategories)
    isCore = (0..<n).map { core.contains(projects.category[$0]) }
    startYear = projects.startYear
    endYear = projects.endYear
    isMultiYear = (0..<n).map {
      projects.startYear[$0] > 0
        && projects.endYear[$0] > projects.startYear[$0]
    }
    isMajor = projects.isMajor
    isProtected = (0..<n).map {
      rules.protected.contains(projects.ids[$0])
        || rules.protectedCategories.contains(projects.category[$0])
    }
    isRenewed = (0..<n).map { rules.renewed.contains(projects.ids[$0]) }
  }
}

/// Where each project stands in the rectification cycle and whether a
/// rule has ended it, carried from one budget year to the next.
public struct RuleHistory: Sendable, Equatable {
  /// Weak years (中 or 差) in a row up to the last evaluation.
  public var weakYears: [Int32]
  /// Years graded 差 in that streak.
  public var poorYears: [Int32]
  /// Exited by a rule (cancelled, exited, completed, time limit): it gets
  /// no budget in later years.
  public var exited: [Bool]

  public init(count: Int) {
    weakYears = [Int32](repeating: 0, count: count)
    poorYears = [Int32](repeating: 0, count: count)
    exited = [Bool](repeating: false, count: count)
  }
}
