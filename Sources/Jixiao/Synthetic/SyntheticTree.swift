import JixiaoNumerics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The unit → duty → activity tree of a synthetic data set, and which
/// projects each unit carries.
struct SyntheticTree: Sendable {
  /// Unit levels, in the order of `SyntheticSettings`' per-level arrays.
  enum Level: Int, CaseIterable {
    case province, city, county, grassroots, institution

    var name: String {
      switch self {
      case .province: "province"
      case .city: "city"
      case .county: "county"
      case .grassroots: "grassroots"
      case .institution: "institution"
      }
    }
  }

  struct Unit {
    var id: String
    var name: String
    var parent: Int
    var level: Level
    var region: String
    /// Union members; nil for institutions (直属单位), whose staff are not
    /// counted as a membership.
    var members: Double? = nil
    /// Payroll base (职工工资总额, 万元 a year); nil where members are.
    var payroll: Double? = nil
    /// Duties of the unit: `duties[firstDuty ..< firstDuty + dutyCount]`.
    var firstDuty = 0
    var dutyCount = 0
  }

  struct Duty {
    var id: String
    var unit: Int
    var name: String
    var category: Int
    var firstActivity = 0
    var activityCount = 0
  }

  struct Activity {
    var id: String
    var duty: Int
    var name: String
  }

  var units: [Unit] = []
  var duties: [Duty] = []
  var activities: [Activity] = []
  /// Projects of unit u are `projectStart[u] ..< projectStart[u + 1]`.
  var projectStart: [Int] = [0]

  init(_ settings: SyntheticSettings) {
    var random = RandomStream(seed: settings.seed, stream: 0)
    buildUnits(settings)
    countMembers(settings)
    countPayroll(settings)
    buildDuties(&random)
    allocateProjects(settings)
  }

  // MARK: Units

  private mutating func buildUnits(_ settings: SyntheticSettings) {
    let vocabulary = SyntheticVocabulary.self
    let n = Double(settings.projects)
    let countyCount = min(111, max(vocabulary.cities.count, Int(n / 500)))
    let leafCount = max(
      countyCount, Int((n / settings.projectsPerLeafUnit).rounded()))

    units.append(
      Unit(
        id: "GX", name: "广西壮族自治区总工会", parent: -1, level: .province,
        region: "广西"))
    for (k, institution) in vocabulary.institutions.enumerated() {
      units.append(
        Unit(
          id: "GX-I\(k + 1)", name: "自治区总工会\(institution)", parent: 0,
          level: .institution, region: "广西"))
    }
    var cityIndex: [Int] = []
    for (c, city) in vocabulary.cities.enumerated() {
      let id = "GX-C" + Self.padded(c + 1, 2)
      cityIndex.append(units.count)
      units.append(
        Unit(
          id: id, name: "\(city)市总工会", parent: 0, level: .city,
          region: "\(city)市"))
      for k in 0..<2 {
        units.append(
          Unit(
            id: "\(id)-I\(k + 1)",
            name: "\(city)市\(vocabulary.institutions[(c + k) % 5])",
            parent: cityIndex[c], level: .institution, region: "\(city)市"))
      }
    }
    var countyIndex: [Int] = []
    var countyNumber = [Int](repeating: 0, count: vocabulary.cities.count)
    for k in 0..<countyCount {
      let c = k % vocabulary.cities.count
      countyNumber[c] += 1
      let city = vocabulary.cities[c]
      countyIndex.append(units.count)
      units.append(
        Unit(
          id: units[cityIndex[c]].id + "-K" + Self.padded(countyNumber[c], 2),
          name: "\(city)市第\(countyNumber[c])县区总工会", parent: cityIndex[c],
          level: .county, region: "\(city)市"))
    }
    let kinds = ["企业工会", "机关工会", "学校工会", "园区联合工会", "社区工会"]
    var leafNumber = [Int](repeating: 0, count: countyCount)
    let width = max(4, String(leafCount).count)
    for g in 0..<leafCount {
      let k = g % countyCount
      leafNumber[k] += 1
      let county = units[countyIndex[k]]
      units.append(
        Unit(
          id: county.id + "-G" + Self.padded(leafNumber[k], width),
          name: county.name.replacingOccurrences(of: "总工会", with: "")
            + kinds[g % kinds.count] + "（\(leafNumber[k])）",
          parent: countyIndex[k], level: .grassroots, region: county.region))
    }
  }

  /// Grassroots unions get log-normal memberships, median 400 (e^N(ln 400,
  /// 0.9²), rounded, at least 10), from a stream of their own so no other
  /// draw of the data set moves; a county, city or the province counts the
  /// members of the unions below it.
  private mutating func countMembers(_ settings: SyntheticSettings) {
    var random = RandomStream(seed: settings.seed, stream: UInt64.max - 1)
    for u in units.indices where units[u].level == .grassroots {
      let draw = random.logNormal(mu: log(400), sigma: 0.9)
      units[u].members = max(10, draw.rounded())
    }
    // Parents come before their children, so one pass from the end adds
    // each union's members into its parent.
    for u in units.indices.reversed() {
      guard let members = units[u].members, units[u].parent >= 0,
        units[units[u].parent].level != .institution
      else { continue }
      units[units[u].parent].members =
        (units[units[u].parent].members ?? 0) + members
    }
  }

  /// Each grassroots union's payroll base is its members times a yearly
  /// wage drawn log-normal, median 7 万元 (e^N(ln 7, 0.3²)), rounded to
  /// 0.01 万元: near the average wages of Guangxi's employers, private
  /// and non-private. It comes from a stream of its own, so memberships
  /// and every other file stay as they were; a county, city or the
  /// province counts the payroll of the unions below it, as it counts
  /// their members.
  private mutating func countPayroll(_ settings: SyntheticSettings) {
    var random = RandomStream(seed: settings.seed, stream: UInt64.max - 2)
    for u in units.indices where units[u].level == .grassroots {
      let wage = random.logNormal(mu: log(7), sigma: 0.3)
      units[u].payroll = ProjectBlock.round((units[u].members ?? 0) * wage, 2)
    }
    for u in units.indices.reversed() {
      guard let payroll = units[u].payroll, units[u].parent >= 0,
        units[units[u].parent].level != .institution
      else { continue }
      units[units[u].parent].payroll =
        (units[units[u].parent].payroll ?? 0) + payroll
    }
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  // MARK: Duties and activities

  /// Each unit works in 2–4 categories (institutions 1–2), one duty per
  /// category, each duty with 1–3 of the category's activities.
  private mutating func buildDuties(_ random: inout RandomStream) {
    let categories = SyntheticVocabulary.categories
    let shares = categories.map(\.share)
    for u in units.indices {
      let wanted =
        units[u].level == .institution
        ? random.integer(in: 1...2) : random.integer(in: 2...4)
      var chosen: [Int] = []
      var weights = shares
      while chosen.count < wanted {
        let c = random.pick(weights: weights)
        weights[c] = 0
        chosen.append(c)
      }
      units[u].firstDuty = duties.count
      units[u].dutyCount = chosen.count
      for (k, c) in chosen.enumerated() {
        let dutyID = "\(units[u].id)-D\(k + 1)"
        let category = categories[c]
        var duty = Duty(
          id: dutyID, unit: u, name: category.duty, category: c,
          firstActivity: activities.count)
        let count = random.integer(in: 1...min(3, category.activities.count))
        let offset = random.below(category.activities.count)
        for a in 0..<count {
          activities.append(
            Activity(
              id: "\(dutyID)-A\(a + 1)", duty: duties.count,
              name: category.activities[
                (offset + a) % category.activities.count]))
        }
        duty.activityCount = count
        duties.append(duty)
      }
    }
  }

  // MARK: Projects per unit

  /// Splits the projects over units in proportion to the weight of each
  /// unit's level, by largest remainder, so the total is exact.
  private mutating func allocateProjects(_ settings: SyntheticSettings) {
    let weights = units.map { settings.projectWeightByLevel[$0.level.rawValue] }
    let total = weights.reduce(0, +)
    let n = settings.projects
    var counts = weights.map { Int(Double(n) * $0 / total) }
    var remainders = weights.indices.map {
      (Double(n) * weights[$0] / total - Double(counts[$0]), $0)
    }
    remainders.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
    var left = n - counts.reduce(0, +)
    var k = 0
    while left > 0 {
      counts[remainders[k % remainders.count].1] += 1
      left -= 1
      k += 1
    }
    var sum = 0
    for count in counts {
      sum += count
      projectStart.append(sum)
    }
  }

  /// The unit carrying project `p` (binary search over `projectStart`).
  func unit(ofProject p: Int) -> Int {
    var low = 0
    var high = units.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if projectStart[middle] <= p { low = middle } else { high = middle }
    }
    return low
  }

  // MARK: Files

  func unitsCSV() -> [UInt8] {
    let text = ByteText()
    text.append("id,name,parent,level,region,members,payroll\n")
    for unit in units {
      let parent = unit.parent >= 0 ? units[unit.parent].id : ""
      let members = unit.members.map { String(Int($0)) } ?? ""
      text.append(
        "\(unit.id),\(unit.name),\(parent),\(unit.level.name),\(unit.region),\(members),"
      )
      if let payroll = unit.payroll { text.append(payroll, decimals: 2) }
      text.append("\n")
    }
    return text.bytes
  }

  func dutiesCSV() -> [UInt8] {
    let text = ByteText()
    text.append("id,unit,name\n")
    for duty in duties {
      text.append("\(duty.id),\(units[duty.unit].id),\(duty.name)\n")
    }
    return text.bytes
  }

  func activitiesCSV() -> [UInt8] {
    let text = ByteText()
    text.append("id,duty,name\n")
    for activity in activities {
      text.append(
        "\(activity.id),\(duties[activity.duty].id),\(activity.name)\n")
    }
    return text.bytes
  }
}
