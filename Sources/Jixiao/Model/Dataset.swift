/// A validated data set, held column by column (struct of arrays).
///
/// Rows refer to each other by `Int32` indices, never by id lookups, so
/// roll-ups and scoring are loops over arrays. `Dataset` is immutable once
/// loaded; analyses are pure functions of it and their settings.
public struct Dataset: Sendable {
  /// Descriptive fields of `dataset.json`.
  public struct Info: Sendable {
    public var name: String = ""
    public var moneyUnit: String = "万元"
    public var description: String = ""
    public var source: String = ""
  }

  public var info = Info()
  /// The folder the data set was read from (empty when built in memory).
  public var folder = ""
  public var scheme = ScoringScheme()
  public var units = Units()
  public var duties = Duties()
  public var activities = Activities()
  public var projects = Projects()
  public var indicators = Indicators()
  /// Cumulative spending by month (`spending.csv`); empty when absent.
  public var spending = MonthlySpending()
}

/// Cumulative spending of projects by month (`spending.csv`): the input of
/// execution-progress monitoring (双监控, docs/domain.md §5).
public struct MonthlySpending: Sendable {
  /// Months reported: 1 (January only) to 12.
  public var months = 0
  /// The project of each row.
  public var project: [Int32] = []
  /// `months` amounts per row, row after row: cumulative spending at the
  /// end of each month, in the data set's money unit.
  public var cumulative: [Double] = []

  public var count: Int { project.count }

  /// Cumulative spending of row `row` at the end of month `month` (1-based).
  public func amount(_ row: Int, month: Int) -> Double {
    cumulative[row * months + month - 1]
  }
}

/// Units (单位): unions, departments, institutions; a forest by `parent`.
public struct Units: Sendable {
  public var ids = TextColumn()
  public var names = TextColumn()
  /// Index of the parent unit, −1 for a root.
  public var parent: [Int32] = []
  public var level = StringPool()
  public var region = StringPool()
  /// Union members (会员人数) per unit, nil where unknown; empty when
  /// units.csv has no members column.
  public var members: [Double?] = []
  /// Line of the row in units.csv, for messages; empty when built in
  /// code.
  public var line: [Int32] = []
  /// Payroll base (职工工资总额, the base of the 2 % dues, docs/domain.md
  /// §8) per unit in the money unit, nil where unknown; empty when
  /// units.csv has no payroll column.
  public var payroll: [Double?] = []

  public var count: Int { ids.count }
}

/// Duties (部门职责), each owned by one unit.
public struct Duties: Sendable {
  public var ids = TextColumn()
  public var names = TextColumn()
  public var unit: [Int32] = []

  public var count: Int { ids.count }
}

/// Work activities (工作活动), each serving one duty.
public struct Activities: Sendable {
  public var ids = TextColumn()
  public var names = TextColumn()
  public var duty: [Int32] = []

  public var count: Int { ids.count }
}

/// Budget projects (预算项目). Money in the data set's money unit.
public struct Projects: Sendable {
  public var ids = TextColumn()
  public var names = TextColumn()
  public var unit: [Int32] = []
  /// Index of the activity, −1 when the project is outside the duty →
  /// activity tree (it may not be budgeted; seed §三(一)2).
  public var activity: [Int32] = []
  public var category = StringPool()
  /// Industry or sector (行业), for standards by industry; "" when not given.
  public var industry = StringPool()
  /// Adjusted budget of the year (全年预算数), ≥ 0.
  public var budget: [Double] = []
  /// Amount spent in the year (全年执行数), ≥ 0.
  public var executed: [Double] = []
  /// First and last budget year; 0 when not given.
  public var startYear: [Int32] = []
  public var endYear: [Int32] = []
  public var isMajor: [Bool] = []
  public var provenance = StringPool()
  /// Line of the row in projects.csv, for messages; empty when built in
  /// code.
  public var line: [Int32] = []

  public var count: Int { ids.count }

  /// Whether the project sits in the duty → activity tree.
  public func isInTree(_ project: Int) -> Bool { activity[project] >= 0 }
}

/// How a quantitative row compares actual with target.
public enum IndicatorOperator: UInt8, Sendable {
  /// `≥`: more is better (正向).
  case atLeast
  /// `≤`: less is better (反向).
  case atMost
  /// `=`: the target exactly.
  case exactly

  public var symbol: String {
    switch self {
    case .atLeast: "≥"
    case .atMost: "≤"
    case .exactly: "="
    }
  }
}

/// The kind of an indicator row.
public enum IndicatorKind: UInt8, Sendable {
  /// 定量: a number against a target.
  case quantitative
  /// 定性: a tier label (达成年度指标, …).
  case qualitative
  /// 评级: an ordinal rating label scored by the scheme's scale.
  case rating
  /// 观测: a measured value with no target and no points (a unit cost, a
  /// cost overrun, a head count), kept for studies such as `jixiao
  /// standards` and never scored. Allowed with either scheme method.
  case observed
}

/// Whether a row takes part in scoring.
public enum RowStatus: UInt8, Sendable {
  /// Scored.
  case applicable
  /// Marked `n/a` / `不适用`: dropped, the rest rescaled.
  case notApplicable
  /// A rating the evaluator declined to give (`nr`).
  case notRated
  /// No rating exists (blank, `na`).
  case missing
}

/// Indicator rows (绩效指标), sorted by project.
///
/// Rows of project `p` are `rowStart[p] ..< rowStart[p + 1]`, so per-project
/// work is a contiguous slice (CSR layout).
public struct Indicators: Sendable {
  public var project: [Int32] = []
  /// Index into the scheme's dimensions.
  public var dimension: [Int32] = []
  public var subdimension = StringPool()
  /// The indicator's code (指标编号), shared by comparable indicators of
  /// different projects; "" when not given.
  public var code = StringPool()
  public var names = TextColumn()
  public var kind: [IndicatorKind] = []
  public var op: [IndicatorOperator] = []
  /// Quantitative target; 0 for other kinds.
  public var target: [Double] = []
  /// Quantitative actual; for qualitative rows the tier's share of the
  /// weight; for ratings the points of the label.
  public var actual: [Double] = []
  /// The actual cell as written, for qualitative and rating rows.
  public var label = StringPool()
  public var unit = StringPool()
  public var weight: [Double] = []
  public var status: [RowStatus] = []
  public var provenance = StringPool()
  /// Line of the row in indicators.csv, for messages; 0 when built in code.
  public var line: [Int32] = []
  /// CSR offsets: `projectCount + 1` entries.
  public var rowStart: [Int] = [0]

  public var count: Int { project.count }

  /// The rows of a project.
  public func rows(of project: Int) -> Range<Int> {
    rowStart[project]..<rowStart[project + 1]
  }
}
