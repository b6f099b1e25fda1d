import Foundation

/// A column of an import computed from two columns of the table, named in
/// the mapping's `computed` list and used in templates like a column of
/// the table (docs/import.md):
///
/// - `ratio` [a, b]: a ÷ b, e.g. actual ÷ appraisal project cost (the cost
///   overrun of the ADB's evaluations);
/// - `difference` [a, b]: a − b;
/// - `monthsBetween` [from, to]: (to − from) in days ÷ 30.436875 (the mean
///   Gregorian month, 365.2425 ÷ 12), e.g. actual − estimated closing date.
///
/// A row where an input is empty or not a number (a date for
/// `monthsBetween`), or where b is 0 for `ratio`, gets an empty cell: an
/// observed row with an empty actual records "not observed".
struct Computation: Sendable {
  enum Operation: String, CaseIterable, Sendable {
    case ratio
    case difference
    case monthsBetween
  }

  var name: String
  var operation: Operation
  /// Table columns of the two inputs.
  var inputs: (Int, Int)
  /// Decimals kept (trailing zeros dropped).
  var decimals: Int

  static func defaultDecimals(_ operation: Operation) -> Int {
    switch operation {
    case .ratio: 4
    case .difference: 6
    case .monthsBetween: 1
    }
  }

  /// The value for one record, or nil when it cannot be computed.
  func value(_ table: CSVTable, _ record: Int) -> Double? {
    let a = table.text(record, inputs.0).trimmingCharacters(in: .whitespaces)
    let b = table.text(record, inputs.1).trimmingCharacters(in: .whitespaces)
    switch operation {
    case .ratio:
      guard let x = Self.number(a), let y = Self.number(b), y != 0 else {
        return nil
      }
      return x / y
    case .difference:
      guard let x = Self.number(a), let y = Self.number(b) else { return nil }
      return x - y
    case .monthsBetween:
      guard let from = Self.day(a), let to = Self.day(b) else { return nil }
      return Double(to - from) / 30.436875
    }
  }

  /// The cell text for one record: the value to `decimals` places.
  func text(_ table: CSVTable, _ record: Int) -> String {
    guard let value = value(table, record), value.isFinite else { return "" }
    var text = String(format: "%.\(decimals)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  private static func number(_ text: String) -> Double? {
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// Days since 1970-01-01 of an ISO date, `2021-09-27` or
  /// `2021-09-27T16:00:00` (the time is ignored: workbooks store dates as
  /// date-times shifted by a time zone, and the day is what was entered).
  static func day(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    guard
      bytes.count == 10 || (bytes.count > 10 && bytes[10] == UInt8(ascii: "T")),
      bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
    else { return nil }
    func digits(_ range: Range<Int>) -> Int? {
      var value = 0
      for i in range {
        let b = bytes[i]
        guard b >= 48, b <= 57 else { return nil }
        value = value * 10 + Int(b - 48)
      }
      return value
    }
    guard let year = digits(0..<4), let month = digits(5..<7),
      let day = digits(8..<10)
    else { return nil }
    let parts = DateComponents(year: year, month: month, day: day)
    // Foundation rolls 2021-02-30 over to March: a date that does not
    // come back as given is not a date.
    guard let date = gregorian.date(from: parts),
      gregorian.dateComponents([.year, .month, .day], from: date) == parts
    else { return nil }
    return Int((date.timeIntervalSince1970 / 86_400).rounded())
  }

  private static let gregorian: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar
  }()
}
