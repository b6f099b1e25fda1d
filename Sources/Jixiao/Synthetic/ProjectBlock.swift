import JixiaoNumerics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The CSV bytes of a block of consecutive synthetic projects: their
/// projects.csv, indicators.csv and spending.csv records.
struct ProjectBlock: Sendable {
  static let projectHeader =
    "id,name,unit,activity,category,budget,executed,start_year,end_year,major\n"
  static let indicatorHeader =
    "project,dimension,subdimension,name,kind,operator,target,actual,unit,weight\n"
  static let spendingHeader =
    "project,"
    + (1...12).map { "m" + SyntheticTree.padded($0, 2) }
    .joined(separator: ",") + "\n"

  var projects = ByteText()
  var indicators = ByteText()
  var spending = ByteText()
  var rowCount = 0

  private typealias Template = SyntheticVocabulary.IndicatorTemplate

  init(
    _ settings: SyntheticSettings, _ tree: SyntheticTree,
    projects range: Range<Int>, stream: UInt64
  ) {
    var random = RandomStream(seed: settings.seed, stream: stream)
    let width = max(7, String(settings.projects).count)
    projects = ByteText(capacity: range.count * 110)
    indicators = ByteText(capacity: range.count * 12 * 95)
    spending = ByteText(capacity: range.count * 100)
    var u = tree.unit(ofProject: range.lowerBound)
    for p in range {
      while tree.projectStart[u + 1] <= p { u += 1 }
      let id = "P" + SyntheticTree.padded(p + 1, width)
      let project = drawProject(settings, tree, unit: u, &random)
      writeProject(id, project, tree, unit: u)
      writeIndicators(id, project, settings, &random)
      writeSpending(id, project, settings, &random)
    }
  }

  /// The project-level draws.
  private struct Project {
    var category: Int
    var activity: Int
    var name: String
    var budget: Double
    var executed: Double
    var startYear: Int
    var endYear: Int
    var isMajor: Bool
    var performance: Double
    var isFailing: Bool
  }

  private func drawProject(
    _ settings: SyntheticSettings, _ tree: SyntheticTree, unit u: Int,
    _ random: inout RandomStream
  ) -> Project {
    let unit = tree.units[u]
    let duty = tree.duties[unit.firstDuty + random.below(unit.dutyCount)]
    let category = SyntheticVocabulary.categories[duty.category]
    let activity =
      random.chance(settings.outsideTreeShare)
      ? -1 : duty.firstActivity + random.below(duty.activityCount)
    let title = category.projects[random.below(category.projects.count)]

    var start = settings.year
    var end = settings.year
    if random.chance(settings.multiYearShare) {
      start = settings.year - random.integer(in: 0...3)
      end = max(settings.year, start + random.integer(in: 1...4))
    }
    let name =
      start == end ? "\(start)年\(title)" : "\(title)（\(start)—\(end)年）"

    let median = settings.medianBudgetByLevel[unit.level.rawValue]
    let budget = max(
      0.1,
      Self.round(
        random.logNormal(mu: log(median), sigma: settings.budgetSigma), 2))

    var rate: Double
    if random.chance(settings.stalledShare) {
      rate = 0.2 + 0.4 * random.uniform()
    } else if random.chance(settings.overspentShare) {
      rate = 1 + 0.04 * random.uniform()
    } else {
      rate = random.normal(
        mean: settings.executionMean, deviation: settings.executionDeviation)
      rate = min(1, max(0.05, rate))
    }
    let isFailing = random.chance(settings.failingShare)
    let performance =
      isFailing
      ? 0.3 * random.uniform()
      : min(
        1,
        max(
          0.05,
          random.normal(
            mean: settings.performanceMean,
            deviation: settings.performanceDeviation)))
    let isMajor =
      budget >= settings.majorBudget || random.chance(settings.majorShare)
    return Project(
      category: duty.category, activity: activity, name: name, budget: budget,
      executed: Self.round(budget * rate, 2), startYear: start, endYear: end,
      isMajor: isMajor, performance: performance, isFailing: isFailing)
  }

  private mutating func writeProject(
    _ id: String, _ project: Project, _ tree: SyntheticTree, unit u: Int
  ) {
    projects.append(id)
    projects.append(0x2C)
    projects.append(project.name)
    projects.append(0x2C)
    projects.append(tree.units[u].id)
    projects.append(0x2C)
    if project.activity >= 0 {
      projects.append(tree.activities[project.activity].id)
    }
    projects.append(0x2C)
    projects.append(SyntheticVocabulary.categories[project.category].name)
    projects.append(0x2C)
    projects.append(project.budget, decimals: 2)
    projects.append(0x2C)
    projects.append(project.executed, decimals: 2)
    projects.append(0x2C)
    projects.append(integer: Int64(project.startYear))
    projects.append(0x2C)
    projects.append(integer: Int64(project.endYear))
    projects.append(0x2C)
    projects.append(project.isMajor ? UInt8(ascii: "1") : UInt8(ascii: "0"))
    projects.append(0x0A)
  }

  // MARK: Indicators

  /// 5–20 rows (mean about 10): satisfaction 1–3, benefit about a third of the rest,
  /// output the remainder; weights are whole points that add up to the
  /// scheme's 50 / 30 / 10.
  private mutating func writeIndicators(
    _ id: String, _ project: Project, _ settings: SyntheticSettings,
    _ random: inout RandomStream
  ) {
    let vocabulary = SyntheticVocabulary.self
    let category = vocabulary.categories[project.category]
    // Skewed to fewer rows, as real tables are: lower + ⌊(n + 1) u²⌋.
    let rows = settings.indicatorsPerProject
    let u = random.uniform()
    let k =
      rows.lowerBound
      + min(rows.count - 1, Int(Double(rows.count) * u * u))
    let outputPool = category.quantity + vocabulary.commonOutput
    let benefitPool = category.benefit + vocabulary.commonBenefit
    var satisfactionCount = k >= 12 ? 2 : 1
    var benefitCount = max(
      1, Int((Double(k - satisfactionCount) * 0.35).rounded()))
    var outputCount = k - satisfactionCount - benefitCount
    if outputCount > outputPool.count {
      benefitCount += outputCount - outputPool.count
      outputCount = outputPool.count
    }
    if benefitCount > benefitPool.count {
      satisfactionCount += benefitCount - benefitPool.count
      benefitCount = benefitPool.count
    }
    satisfactionCount = min(satisfactionCount, vocabulary.satisfaction.count)

    // The first rows of the output pool are the category's own quantity
    // indicators; keep at least one of them.
    var output = Self.choose(outputCount, from: outputPool, &random)
    if !output.contains(where: { $0 < category.quantity.count }) {
      output[0] = random.below(category.quantity.count)
    }
    let notApplicable =
      outputCount >= 2 && random.chance(settings.notApplicableShare)
      ? 1 + random.below(outputCount - 1) : -1
    let dimensions: [(String, [Template], [Int], Int)] = [
      ("产出指标", outputPool, output, 50),
      (
        "效益指标", benefitPool,
        Self.choose(benefitCount, from: benefitPool, &random), 30
      ),
      (
        "满意度指标", vocabulary.satisfaction,
        Self.choose(satisfactionCount, from: vocabulary.satisfaction, &random),
        10
      ),
    ]
    for (d, (dimension, pool, chosen, total)) in dimensions.enumerated() {
      let weights = Self.compose(total, parts: chosen.count, &random)
      for (r, index) in chosen.enumerated() {
        writeRow(
          id, dimension, pool[index], weight: weights[r],
          notApplicable: d == 0 && r == notApplicable,
          project: project, settings, &random)
      }
    }
  }

  /// `count` distinct indices of `pool`, in random order.
  private static func choose(
    _ count: Int, from pool: [Template], _ random: inout RandomStream
  ) -> [Int] {
    var indices = Array(pool.indices)
    for i in 0..<count {
      indices.swapAt(i, i + random.below(indices.count - i))
    }
    return Array(indices.prefix(count))
  }

  /// `total` whole points split over `parts` rows, each at least 1.
  private static func compose(
    _ total: Int, parts: Int, _ random: inout RandomStream
  ) -> [Int] {
    let raw = (0..<parts).map { _ in 0.5 + random.uniform() }
    let sum = raw.reduce(0, +)
    let spare = Double(total - parts)
    var weights = raw.map { 1 + Int(spare * $0 / sum) }
    var left = total - weights.reduce(0, +)
    var i = 0
    while left > 0 {
      weights[i % parts] += 1
      left -= 1
      i += 1
    }
    return weights
  }

  private mutating func writeRow(
    _ id: String, _ dimension: String, _ template: Template, weight: Int,
    notApplicable: Bool, project: Project, _ settings: SyntheticSettings,
    _ random: inout RandomStream
  ) {
    // Completion ratio: met with probability `performance` (a little over
    // the target, or far over it for a soft target), else a shortfall.
    var completion: Double
    if random.chance(project.performance) {
      completion =
        random.chance(settings.softTargetShare)
        ? 1.2 + 0.8 * random.uniform() : 1 + abs(random.normal()) * 0.03
    } else {
      let range =
        project.isFailing ? settings.failingShortfall : settings.shortfall
      completion =
        range.lowerBound + (range.upperBound - range.lowerBound)
        * random.uniform()
    }
    completion = max(completion, 0.01)

    indicators.append(id)
    indicators.append(0x2C)
    indicators.append(dimension)
    indicators.append(0x2C)
    indicators.append(template.subdimension)
    indicators.append(0x2C)
    indicators.append(template.name)
    indicators.append(0x2C)
    rowCount += 1
    guard let op = template.op, let scale = template.scale else {
      indicators.append("定性,,")
      indicators.append(SyntheticVocabulary.qualitativeTarget)
      indicators.append(0x2C)
      let tier = completion >= 0.92 ? 0 : completion >= 0.7 ? 1 : 2
      indicators.append(
        notApplicable ? "不适用" : SyntheticVocabulary.tiers[tier])
      indicators.append(",,")
      indicators.append(integer: Int64(weight))
      indicators.append(0x0A)
      return
    }
    indicators.append("定量,")
    indicators.append(op.symbol)
    indicators.append(0x2C)
    // A quantity the budget buys grows with the budget (SyntheticSettings).
    var planned: Double?
    if template.subdimension == "数量指标", case .count(let range) = scale {
      let middle = (range.lowerBound * range.upperBound).squareRoot()
      planned = project.budget * middle / settings.quantityReferenceBudget
    }
    let (target, actual, decimals) = Self.values(
      op, scale, completion: completion, planned: planned,
      noise: settings.quantityNoise, &random)
    indicators.append(target, decimals: decimals)
    indicators.append(0x2C)
    if notApplicable {
      indicators.append("不适用")
    } else {
      indicators.append(actual, decimals: decimals)
    }
    indicators.append(0x2C)
    indicators.append(template.unit)
    indicators.append(0x2C)
    indicators.append(integer: Int64(weight))
    indicators.append(0x0A)
  }

  /// Target and actual of a quantitative row, and the decimals to print.
  private static func values(
    _ op: IndicatorOperator, _ scale: SyntheticVocabulary.Scale,
    completion c: Double, planned: Double?, noise: Double,
    _ random: inout RandomStream
  ) -> (target: Double, actual: Double, decimals: Int) {
    func logUniform(_ range: ClosedRange<Double>) -> Double {
      let (a, b) = (log(range.lowerBound), log(range.upperBound))
      return exp(a + (b - a) * random.uniform())
    }
    func uniform(_ range: ClosedRange<Double>) -> Double {
      range.lowerBound + (range.upperBound - range.lowerBound)
        * random.uniform()
    }
    // A `≥` row reaches c × target; a `≤` row spends target ÷ c, so a
    // completion above 1 comes in under the target.
    switch scale {
    case .count(let range):
      let drawn =
        planned.map { $0 * exp(noise * random.normal()) } ?? logUniform(range)
      let target = max(1, round(drawn, 0))
      return (target, round(target * c, 0), 0)
    case .percent(let range):
      let target = round(uniform(range), 1)
      switch op {
      case .atLeast: return (target, min(100, round(target * c, 1)), 1)
      case .exactly:
        return (target, c >= 0.97 ? target : round(target * c, 1), 1)
      case .atMost: return (target, round(target / c, 1), 1)
      }
    case .money(let range):
      let target = round(logUniform(range), 2)
      return (target, round(target / c, 2), 2)
    case .days(let range):
      let target = max(1, round(uniform(range), 0))
      return (target, max(1, round(target / c, 0)), 0)
    }
  }

  // MARK: Spending curves

  /// Cumulative spending by month: `executed × (m / 12)^k`, k uniform over
  /// the settings' range; December is exactly the executed amount.
  private mutating func writeSpending(
    _ id: String, _ project: Project, _ settings: SyntheticSettings,
    _ random: inout RandomStream
  ) {
    let shape = settings.spendingShape
    let k =
      shape.lowerBound + (shape.upperBound - shape.lowerBound)
      * random.uniform()
    spending.append(id)
    for month in 1...12 {
      spending.append(0x2C)
      let share = month == 12 ? 1 : pow(Double(month) / 12, k)
      spending.append(
        month == 12
          ? project.executed : Self.round(project.executed * share, 2),
        decimals: 2)
    }
    spending.append(0x0A)
  }

  /// Rounds half away from zero to `decimals` places.
  static func round(_ value: Double, _ decimals: Int) -> Double {
    let scale = [1.0, 10, 100][decimals]
    return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
  }
}
