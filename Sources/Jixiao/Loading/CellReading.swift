/// Typed reads of CSV cells that report faults at the cell.
extension CSVRecord {
  /// Reads a finite number, or logs why the cell is not one.
  ///
  /// - Parameter what: the column's meaning, for the message ("budget").
  /// - Returns: nil when the cell is empty (and `required` is false) or bad.
  func readNumber(
    _ column: Int, what describe: @autoclosure () -> String,
    required: Bool = true, log: inout DiagnosticLog
  ) -> Double? {
    let outcome = number(column)
    if case .value(let value) = outcome, NumberRange.contains(value) {
      return value
    }
    // Only a fault needs the column's description.
    let what = describe()
    switch outcome {
    case .value(let value):
      guard NumberRange.contains(value) else {
        log.append(
          diagnostic(
            .error, column: column,
            "\(what) \(text(column)) is outside the range Jixiao accepts "
              + "(0, or a magnitude from 1e-9 to 1e15).",
            help:
              "Check the value and its unit; such a number is almost surely a "
              + "typing or unit error, and sums of it could overflow."))
        return nil
      }
      return value
    case .empty:
      if required {
        log.append(
          diagnostic(
            .error, column: column, "\(what) is empty.",
            help: "Enter a number."))
      }
      return nil
    case .outOfRange:
      log.append(
        diagnostic(
          .error, column: column,
          "\(what) \"\(text(column))\" is out of the range of numbers.",
          help: "Check the value and its unit."))
      return nil
    case .notANumber:
      log.append(notANumber(column, what: what))
      return nil
    }
  }

  func notANumber(_ column: Int, what: String) -> Diagnostic {
    let cell = text(column)
    let lowered = cell.lowercased()
    if [
      "nan", "inf", "-inf", "+inf", "infinity", "-infinity", "#div/0!", "#num!",
    ]
    .contains(lowered) {
      return diagnostic(
        .error, column: column,
        "\(what) is \"\(cell)\", which is not a finite number.",
        help:
          "Enter the real value; a spreadsheet error or NaN cannot be scored.")
    }
    return diagnostic(
      .error, column: column,
      "\(what) \"\(cell)\" is not a number.",
      help:
        "Write a plain decimal such as 1200 or 37.24, without thousands separators, "
        + "% or units.")
  }

  /// Reads a year such as 2022; empty gives 0.
  func readYear(
    _ column: Int, what: String, log: inout DiagnosticLog
  ) -> Int32 {
    let parsed = number(column)
    if parsed == .empty { return 0 }
    guard case .value(let value) = parsed, value == value.rounded(),
      (1900...2200).contains(value)
    else {
      log.append(
        diagnostic(
          .error, column: column,
          "\(what) \(text(column)) is not a year.",
          help: "Write a four-digit year such as 2022."))
      return 0
    }
    return Int32(value)
  }

  /// Reads a yes/no flag; empty is no.
  func readFlag(
    _ column: Int, what: String, log: inout DiagnosticLog
  ) -> Bool {
    // The usual cells, by their bytes.
    let quick: Bool? = withText(column) { text in
      if text.isEmpty { return false }
      if text.count == 1, text[0] == UInt8(ascii: "0") { return false }
      if text.count == 1, text[0] == UInt8(ascii: "1") { return true }
      return nil
    }
    if let quick { return quick }
    switch text(column).lowercased() {
    case "", "0", "false", "no", "n", "否": return false
    case "1", "true", "yes", "y", "是": return true
    default:
      log.append(
        diagnostic(
          .error, column: column,
          "\(what) \"\(text(column))\" is not yes or no.",
          help: "Write 1 or 0 (also true/false, yes/no, 是/否)."))
      return false
    }
  }
}

/// The numbers Jixiao accepts in data: 0, or a magnitude from 1e-9 to
/// 1e15. Larger values (10^15 万元 is a thousand times world output) and
/// tinier ones are typing or unit errors, and bounding them means sums
/// over millions of rows and ratios of two values stay finite.
enum NumberRange {
  static let smallest = 1e-9
  static let largest = 1e15

  static func contains(_ value: Double) -> Bool {
    value == 0 || (smallest...largest).contains(abs(value))
  }
}

/// Edit distance between two labels, to suggest the nearest known one.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  var current = previous
  for i in 1...a.count {
    current[0] = i
    for j in 1...max(1, b.count) where !b.isEmpty {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// The candidate nearest to `text`, for "did you mean" help.
func nearest(_ text: String, in candidates: [String]) -> String? {
  candidates.min { editDistance(text, $0) < editDistance(text, $1) }
}
