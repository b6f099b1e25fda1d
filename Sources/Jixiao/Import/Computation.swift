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
/// observed row with an empty actual records "not observed". The import
/// names each input cell that is not a number (or date), counts the
/// divisions by zero apart, and refuses a column empty in every row.
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

  /// What one record gives.
  enum Outcome: Equatable {
    case value(Double)
    /// An input cell is empty.
    case emptyInput
    /// These input columns hold text that is not a number (for
    /// `monthsBetween`, not a date).
    case unreadable([Int])
    /// `ratio` with a divisor of 0.
    case divisionByZero
  }

  /// What the inputs need to hold, for messages.
  var needs: String {
    operation == .monthsBetween ? "dates (YYYY-MM-DD)" : "numbers"
  }

  /// The value for one record, or nil when it cannot be computed.
  func value(_ table: CSVTable, _ record: Int) -> Double? {
    if case .value(let value) = outcome(table, record) { return value }
    return nil
  }

  /// The value for one record, or why there is none.
  func outcome(_ table: CSVTable, _ record: Int) -> Outcome {
    let a = table.text(record, inputs.0).trimmingCharacters(in: .whitespaces)
    let b = table.text(record, inputs.1).trimmingCharacters(in: .whitespaces)
    if a.isEmpty || b.isEmpty { return .emptyInput }
    switch operation {
    case .ratio, .difference:
      guard let x = Self.number(a), let y = Self.number(b) else {
        return .unreadable(
          [(a, inputs.0), (b, inputs.1)].filter { Self.number($0.0) == nil }
            .map(\.1))
      }
      if operation == .difference { return .value(x - y) }
      return y == 0 ? .divisionByZero : .value(x / y)
    case .monthsBetween:
      guard let from = Self.day(a), let to = Self.day(b) else {
        return .unreadable(
          [(a, inputs.0), (b, inputs.1)].filter { Self.day($0.0) == nil }
            .map(\.1))
      }
      return .value(Double(to - from) / 30.436875)
    }
  }

  /// What a column of the table holds in `records`, in words, when it
  /// holds nothing an operation can use: "holds numbers", "holds text
  /// such as "n/a"", "is empty in every row"; nil when some cell is of
  /// the kind needed.
  func contents(
    of column: Int, _ table: CSVTable, records: [Int]
  ) -> String? {
    var numbers = 0
    var dates = 0
    var example: String?
    for record in records {
      let text = table.text(record, column)
        .trimmingCharacters(in: .whitespaces)
      if text.isEmpty { continue }
      let isDate = Self.day(text) != nil
      let isNumber = Self.number(text) != nil
      if operation == .monthsBetween ? isDate : isNumber { return nil }
      if isDate {
        dates += 1
      } else if isNumber {
        numbers += 1
      } else if example == nil {
        example = text
      }
    }
    if let example { return "holds text such as \"\(example)\"" }
    if numbers > 0 { return "holds numbers" }
    if dates > 0 { return "holds dates" }
    return "is empty in every row"
  }

  /// The cell text for one record: the value to `decimals` places, or
  /// for a magnitude of 1e15 or more (which no money or count reaches,
  /// and which `%f` would print with hundreds of digits) the shortest
  /// form, `1e300`.
  func text(_ table: CSVTable, _ record: Int) -> String {
    guard let value = value(table, record), value.isFinite else { return "" }
    guard abs(value) < 1e15 else { return Diagnostic.number(value) }
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
