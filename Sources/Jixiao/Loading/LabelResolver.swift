import Foundation

/// Turns the text of qualitative and rating cells into scores, using the
/// scheme's tiers, scales, aliases and its not-rated and missing labels.
struct LabelResolver {
  private let scheme: ScoringScheme
  private var tiers: [String: Double] = [:]
  /// Per dimension: normalised label or alias → points.
  private var points: [[String: Double]] = []
  private let notRated: Set<String>
  private let missing: Set<String>

  init(_ scheme: ScoringScheme) {
    self.scheme = scheme
    for tier in scheme.qualitativeTiers {
      for label in tier.labels {
        tiers[scheme.normalizedLabel(label)] = tier.share
      }
    }
    for dimension in scheme.dimensions {
      var table: [String: Double] = [:]
      for (label, value) in dimension.scale {
        table[scheme.normalizedLabel(label)] = value
      }
      for (variant, label) in dimension.scaleAliases {
        if let value = table[scheme.normalizedLabel(label)] {
          table[scheme.normalizedLabel(variant)] = value
        }
      }
      points.append(table)
    }
    notRated = Set(scheme.notRatedLabels.map(scheme.normalizedLabel))
    missing = Set(scheme.missingLabels.map(scheme.normalizedLabel))
  }

  /// Labels that mark a row as not applicable (不适用).
  static func isNotApplicable(_ text: String) -> Bool {
    ["n/a", "不适用", "not applicable"].contains(text.lowercased())
  }

  /// A qualitative cell: its tier's share, or not applicable; nil if unknown.
  func qualitative(_ text: String) -> Reader.Value? {
    if Self.isNotApplicable(text) {
      return Reader.Value(status: .notApplicable)
    }
    guard let share = tiers[scheme.normalizedLabel(text)] else { return nil }
    return Reader.Value(actual: share)
  }

  /// A rating cell: its points, or not rated / missing; nil if unknown.
  func rating(_ text: String, dimension: Int) -> Reader.Value? {
    let key = scheme.normalizedLabel(text)
    if let value = points[dimension][key] { return Reader.Value(actual: value) }
    if notRated.contains(key) { return Reader.Value(status: .notRated) }
    if missing.contains(key) { return Reader.Value(status: .missing) }
    return nil
  }

  var tierLabels: [String] { scheme.qualitativeTiers.flatMap(\.labels) }

  func ratingLabels(_ dimension: Int) -> [String] {
    Array(scheme.dimensions[dimension].scale.keys).sorted()
      + Array(scheme.dimensions[dimension].scaleAliases.keys).sorted()
  }
}

/// Targets written as in published tables: `≥50个`, `<=90 万元`, `=100%`.
enum TargetText {
  /// The operator a text starts with, and how many characters it takes.
  static func leadingOperator(_ text: Substring) -> (IndicatorOperator, Int)? {
    let table: [(String, IndicatorOperator)] = [
      (">=", .atLeast), ("≥", .atLeast), ("＞＝", .atLeast), ("⩾", .atLeast),
      ("<=", .atMost), ("≤", .atMost), ("＜＝", .atMost), ("⩽", .atMost),
      ("==", .exactly), ("=", .exactly), ("＝", .exactly),
    ]
    for (symbol, op) in table where text.hasPrefix(symbol) {
      return (op, symbol.count)
    }
    return nil
  }

  /// Parses an operator cell on its own.
  static func `operator`(_ text: String) -> IndicatorOperator? {
    switch text.lowercased() {
    case "positive", "正向", "越大越好": return .atLeast
    case "negative", "反向", "越小越好": return .atMost
    case "exact", "exactly": return .exactly
    default:
      let trimmed = Substring(text)
      guard let (op, length) = leadingOperator(trimmed), length == trimmed.count
      else {
        return nil
      }
      return op
    }
  }

  /// Splits `≥50个` into operator, number and unit; nil when no number.
  static func parse(_ text: String) -> (
    op: IndicatorOperator?, value: Double, unit: String
  )? {
    var rest = Substring(text.trimmingCharacters(in: .whitespaces))
    var op: IndicatorOperator?
    if let (found, length) = leadingOperator(rest) {
      op = found
      rest = rest.dropFirst(length).drop(while: { $0 == " " })
    }
    let numberEnd =
      rest.firstIndex { !($0.isASCII && ($0.isNumber || "+-.eE".contains($0))) }
      ?? rest.endIndex
    let numberText = rest[..<numberEnd]
    guard !numberText.isEmpty else { return nil }
    let bytes = Array(numberText.utf8)
    let outcome = bytes.withUnsafeBufferPointer { DecimalParser.parse($0) }
    guard case .value(let value) = outcome else { return nil }
    let unit = rest[numberEnd...].trimmingCharacters(in: .whitespaces)
    return (op, value, unit)
  }
}
