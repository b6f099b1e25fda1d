import Foundation

/// A performance grade of 财预〔2020〕10号: 优, 良, 中, 差.
///
/// Cases are ordered from best to worst, so `Grade.excellent < .poor`.
public enum Grade: Int, Sendable, CaseIterable, Comparable, Hashable {
  /// 优 (excellent), 90 ≤ score by default.
  case excellent
  /// 良 (good), 80 ≤ score < 90 by default.
  case good
  /// 中 (fair), 60 ≤ score < 80 by default.
  case fair
  /// 差 (poor), score < 60 by default.
  case poor

  public static func < (lhs: Grade, rhs: Grade) -> Bool {
    lhs.rawValue < rhs.rawValue
  }

  /// The English name used in files: `excellent`, `good`, `fair`, `poor`.
  public var name: String {
    switch self {
    case .excellent: "excellent"
    case .good: "good"
    case .fair: "fair"
    case .poor: "poor"
    }
  }

  /// The Chinese character: 优, 良, 中, 差.
  public var chinese: String {
    switch self {
    case .excellent: "优"
    case .good: "良"
    case .fair: "中"
    case .poor: "差"
    }
  }

  /// The label in the given language.
  public func label(_ language: Language) -> String {
    language == .chinese ? chinese : name
  }

  /// Accepts the English name or the Chinese character.
  public init?(name: String) {
    let key = name.trimmingCharacters(in: .whitespaces).lowercased()
    guard
      let grade = Grade.allCases.first(where: {
        $0.name == key || $0.chinese == key
      })
    else { return nil }
    self = grade
  }
}

/// The language of labels in printed output.
public enum Language: String, Sendable {
  case chinese = "zh"
  case english = "en"
}
