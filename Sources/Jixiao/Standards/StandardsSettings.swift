import JixiaoNumerics

/// The settings of a standards study (`jixiao standards`), each with its
/// default. docs/standards.md explains each and why the default.
public struct StandardsSettings: Sendable {
  /// What projects are grouped by, coarsest first: a group too small
  /// borrows from the group of the keys before its last (and at the end
  /// from all projects).
  public enum GroupKey: String, Sendable, CaseIterable {
    case category, industry, level, region, year, unit
  }

  /// The statistic that is the standard value (标准值).
  public enum Standard: String, Sendable, CaseIterable {
    case median, mean, trimmedMean
  }

  /// The benchmark value (标杆值): a percentile counted in the good
  /// direction (the 80th of a `≥` measure, the 20th of a `≤` one), or the
  /// best value of the group.
  public enum Benchmark: Sendable, Equatable {
    case percentile(Double)
    case bestInClass
  }

  public var groupBy: [GroupKey] = [.category]
  public var quantiles = QuantileDefinition.standard
  /// Share cut from each end for the trimmed mean.
  public var trim = 0.1
  public var outliers = OutlierRule.tukey
  /// Pull screened values in to the fence instead of leaving them out.
  public var winsorize = false
  public var standard = Standard.median
  public var benchmark = Benchmark.percentile(0.8)
  /// Groups with fewer values (after screening) borrow from their parent.
  public var minimumGroupSize = 5
  /// A `≥` actual beyond target × ratio (a `≤` one below target ÷ ratio)
  /// is an overshoot: the target looks soft (docs/domain.md §6.3.4).
  public var overshootRatio = 1.2
  /// Quotas: fit cost = fixed + variable × quantity robustly (Huber).
  public var robustQuotas = false
  /// Probability of the prediction bounds of quotas.
  public var predictionLevel = 0.95
  /// Cores for the per-group work.
  public var threads = 1

  public init() {}
}
