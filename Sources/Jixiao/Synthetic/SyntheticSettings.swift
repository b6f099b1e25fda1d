import Foundation

/// The distributions of a synthetic data set, each with its default.
///
/// docs/generate.md gives the same table with the reasons for each value.
/// Money is in 万元. Every field is a parameter; none is a rule of any
/// regulation, and the defaults aim only at a realistic spread of grades
/// (most projects 优 or 良, a tail of 中 and 差) and of budgets (many small
/// grassroots projects, few large provincial ones).
public struct SyntheticSettings: Sendable {
  /// Number of budget projects (1 … 10,000,000).
  public var projects = 1_000
  /// The seed: the same seed and settings give byte-identical files.
  public var seed: UInt64 = 1
  /// The budget year (1950 … 2200).
  public var year = 2025
  /// Cores that generate blocks of projects (the files do not depend on
  /// it).
  public var threads = ProcessInfo.processInfo.activeProcessorCount

  /// Projects per grassroots unit on average; sets the size of the tree.
  public var projectsPerLeafUnit = 20.0
  /// Relative number of projects carried by a unit of each level
  /// (province, city, county, grassroots, institution).
  public var projectWeightByLevel: [Double] = [8, 4, 2, 1, 3]
  /// Median budget in 万元 by level (log-normal medians).
  public var medianBudgetByLevel: [Double] = [150, 60, 25, 6, 40]
  /// Log-normal σ of budgets.
  public var budgetSigma = 0.9

  /// Rows per project, over this range and skewed to fewer:
  /// `lower + ⌊n·u²⌋` for n values and u uniform (mean about 10 for 5…20).
  public var indicatorsPerProject = 5...20
  /// Share of projects with one output row marked not applicable.
  public var notApplicableShare = 0.01
  /// Quantity targets (数量指标 counts) follow the budget, so that unit
  /// costs and quota fits mean something: target = budget × g ÷
  /// `quantityReferenceBudget` × e^(`quantityNoise`·z), z standard normal,
  /// with g the geometric middle of the template's range (a project of
  /// the reference budget plans g units on average).
  public var quantityReferenceBudget = 40.0
  public var quantityNoise = 0.35
  /// Share of quantitative count rows whose actual beats the target by
  /// 20–100 % (a soft target, flagged by the scheme's overshoot ratio).
  public var softTargetShare = 0.03

  /// Project performance `q`, the probability that a row meets its
  /// target: normal(mean, deviation) clipped to [0.05, 1]. A missed row
  /// reaches a completion ratio uniform over `shortfall` of its target.
  public var performanceMean = 0.72
  public var performanceDeviation = 0.15
  public var shortfall = 0.2...1.0
  /// Share of projects that fail badly: `q` uniform in [0, 0.3], and a
  /// missed row reaches a ratio uniform over `failingShortfall`.
  public var failingShare = 0.04
  public var failingShortfall = 0.0...0.6

  /// Budget execution: normal(mean, deviation) clipped to [0.05, 1];
  /// `stalledShare` of projects execute only 20–60 %, and
  /// `overspentShare` spend 100–104 % of the budget.
  public var executionMean = 0.93
  public var executionDeviation = 0.07
  public var stalledShare = 0.03
  public var overspentShare = 0.01

  /// Share of multi-year projects (2–5 years, started up to 3 years ago).
  public var multiYearShare = 0.3
  /// Projects at or above this budget (万元) are major; others are major
  /// with probability `majorShare`.
  public var majorBudget = 500.0
  public var majorShare = 0.02
  /// Share of projects outside the duty → activity tree (no activity).
  public var outsideTreeShare = 0.002

  /// Monthly spending curves: cumulative share at month m is
  /// `(m / 12)^k` with k uniform over this range (k > 1 spends late).
  public var spendingShape = 0.7...2.5

  public init() {}

  public init(projects: Int, seed: UInt64) {
    self.projects = projects
    self.seed = seed
  }
}
