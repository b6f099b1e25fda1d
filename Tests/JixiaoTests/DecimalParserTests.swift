import Foundation
import Testing

@testable import Jixiao

@Suite struct DecimalParserTests {
  func parse(_ text: String) -> DecimalParser.Outcome {
    Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0) }
  }

  @Test(arguments: [
    ("37.24", 37.24), ("43.2", 43.2), ("-3.5", -3.5), ("+7", 7),
    ("1.5e3", 1500),
    ("  12  ", 12), ("0.1", 0.1), (".5", 0.5), ("5.", 5), ("1E-2", 0.01),
    ("123456789012345678901234567890", 1.2345678901234568e29),
    ("0.000000000000000000000000001", 1e-27), ("89.974", 89.974),
  ])
  func parsesDecimals(_ text: String, _ expected: Double) {
    #expect(parse(text) == .value(expected))
  }

  @Test(arguments: [
    "1,200", "12%", "nan", "inf", "-", "e5", "1e", "1.2.3", "１２", "0x10",
  ])
  func refusesNonNumbers(_ text: String) {
    #expect(parse(text) == .notANumber)
  }

  @Test func emptyAndOutOfRange() {
    #expect(parse("   ") == .empty)
    #expect(parse("1e400") == .outOfRange)
    // Too small for a double is out of range too, not 0; a zero is a zero.
    #expect(parse("1e-400") == .outOfRange)
    #expect(parse("-2.5e-330") == .outOfRange)
    #expect(parse("0e-400") == .value(0))
    #expect(parse("0.000e5") == .value(0))
  }

  /// The fast path must agree bit for bit with the correctly rounded
  /// conversion of the standard library, on random decimals of every length.
  @Test func agreesWithStandardConversionOnRandomDecimals() {
    var state: UInt64 = 12345
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    for _ in 0..<20_000 {
      let digits = Int(next() % 20) + 1
      var text = ""
      for _ in 0..<digits { text.append(Character(String(next() % 10))) }
      let point = Int(next() % UInt64(digits + 1))
      text.insert(".", at: text.index(text.startIndex, offsetBy: point))
      if next() % 3 == 0 { text += "e\(Int(next() % 40) - 20)" }
      guard let expected = Double(text) else { continue }
      #expect(parse(text) == .value(expected), "\(text)")
    }
  }
}
