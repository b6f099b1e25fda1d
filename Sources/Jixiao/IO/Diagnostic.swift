/// One problem found in the input, with the place it is at and what to do.
///
/// Every message Jixiao gives about bad input is a `Diagnostic`, so the
/// wording lives in one place and every message names its place:
///
///     projects.csv:12:34: error: budget is negative (-5). Budgets are ≥ 0;
///     enter the amount in 万元 without a sign.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  /// How much a problem matters.
  public enum Severity: String, Sendable, Hashable, Comparable {
    /// Blocks scoring: the command exits with status 1.
    case error
    /// Worth reading; the command still runs.
    case warning
    /// Information, such as a project excluded from the tree.
    case note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
      lhs.rank < rhs.rank
    }
  }

  public var severity: Severity
  /// The file as the user named it (a path), or empty when no file is at fault.
  public var file: String
  /// 1-based physical line; 0 when the whole file is meant.
  public var line: Int
  /// 1-based character position in the line; 0 when the whole line is meant.
  public var column: Int
  /// What is wrong, as a sentence.
  public var message: String
  /// What to do about it, as a sentence.
  public var help: String

  public init(
    _ severity: Severity, file: String, line: Int = 0, column: Int = 0,
    _ message: String, help: String = ""
  ) {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.help = help
  }

  /// The place as `file:line:column`, leaving out the parts that are 0.
  public var place: String {
    var text = file
    if line > 0 {
      text += ":\(line)"
      if column > 0 { text += ":\(column)" }
    }
    return text
  }

  /// `file:line:column: severity: message help`, on one line: line
  /// breaks inside quoted text (an id with a line break in it) are shown
  /// as `\n`, so one diagnostic is always one line.
  public var description: String {
    let prefix = place.isEmpty ? "" : place + ": "
    let tail = help.isEmpty ? "" : " " + help
    return Self.oneLine("\(prefix)\(severity.rawValue): \(message)\(tail)")
  }

  static func oneLine(_ text: String) -> String {
    guard text.contains(where: { $0.isNewline }) else { return text }
    var result = ""
    for character in text {
      switch character {
      case "\r\n": result += "\\r\\n"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      default: result.append(character)
      }
    }
    return result
  }
}

/// The error thrown when input cannot be used; it carries every problem found.
///
/// Loaders collect all problems of a pass before they throw, so the user
/// sees the whole list at once rather than one problem per run.
public struct InputError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  public init(_ diagnostic: Diagnostic) {
    self.diagnostics = [diagnostic]
  }

  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}

/// Collects diagnostics during one pass over the input.
public struct DiagnosticLog: Sendable {
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  public var hasErrors: Bool {
    diagnostics.contains { $0.severity == .error }
  }

  public var errorCount: Int {
    diagnostics.count { $0.severity == .error }
  }

  public var warningCount: Int {
    diagnostics.count { $0.severity == .warning }
  }

  public mutating func append(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  public mutating func append(contentsOf other: [Diagnostic]) {
    diagnostics.append(contentsOf: other)
  }

  /// Replaces the diagnostics from index `start` on (to reorder them).
  mutating func replace(from start: Int, with replacement: [Diagnostic]) {
    diagnostics.replaceSubrange(start..., with: replacement)
  }

  /// Throws the collected diagnostics when any of them is an error.
  public func throwIfErrors() throws(InputError) {
    if hasErrors { throw InputError(diagnostics) }
  }
}

extension Diagnostic {
  /// A number as messages show it: whole numbers without a decimal point
  /// (`-10`, `1000000000000040`), others in the shortest form that reads
  /// back as the same `Double` (`0.25`, `1e300`).
  ///
  ///     Diagnostic.number(-10)     // "-10"
  ///     Diagnostic.number(0.1)     // "0.1"
  ///     Diagnostic.number(1e300)   // "1e300"
  public static func number(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-infinity" : "infinity" }
    // Below 2^53 every whole Double is an exact integer.
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
      return String(Int64(value))
    }
    return "\(value)".replacing("e+", with: "e")
  }

  /// Numbers joined for a message: `3, 4`.
  public static func numbers(_ values: [Double]) -> String {
    values.map(number).joined(separator: ", ")
  }
}
