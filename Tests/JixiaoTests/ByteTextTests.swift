import Testing

@testable import Jixiao

/// The number formats of the writers, checked against values worked out
/// by hand (and, for the fixed-decimal cases, against C's printf).
@Suite struct ByteTextTests {
  private func machine(_ value: Double) -> String {
    let text = ByteText()
    text.append(machine: value)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  private func fixed(_ value: Double, _ decimals: Int) -> String {
    let text = ByteText()
    text.append(value, decimals: decimals)
    return String(decoding: text.bytes, as: UTF8.self)
  }

  @Test func machineNumbersDropBinaryNoise() {
    #expect(machine(119.35999999999999) == "119.36")
    #expect(machine(267_617.9700000003) == "267617.97")
    #expect(machine(0.1 + 0.2) == "0.3")
    #expect(machine(1.0 / 3) == "0.3333333333")
    // 9 digits before the point leave 6 after it.
    #expect(machine(123_456_789.123456789) == "123456789.123457")
    #expect(machine(-2.5) == "-2.5")
    #expect(machine(-4e-11) == "0")
    #expect(machine(-5.8e-11) == "-0.0000000001")
    #expect(machine(97.240740740740748) == "97.2407407407")
  }

  @Test func machineIntegersHaveNoPoint() {
    #expect(machine(0) == "0")
    #expect(machine(-0.0) == "0")
    #expect(machine(1_200) == "1200")
    #expect(machine(-37) == "-37")
    #expect(machine(999_999_999_999_999) == "999999999999999")
    #expect(machine(1e15) == "1e+15")
  }

  @Test func fixedDecimalsRoundHalfAwayFromZero() {
    #expect(fixed(37.24, 2) == "37.24")
    #expect(fixed(8.6204, 0) == "9")
    #expect(fixed(0.125, 2) == "0.13")
    #expect(fixed(-0.001, 2) == "0.00")
    #expect(fixed(-1.5, 0) == "-2")
    #expect(fixed(1_234_567.891, 1) == "1234567.9")
  }

  @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
    for (field, expected) in [
      ("plain text 送温暖", "plain text 送温暖"), ("a,b", "\"a,b\""),
      ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
      (
        "a long field without any of them at all",
        "a long field without any of them at all"
      ),
      (
        "a long field that ends with a comma,",
        "\"a long field that ends with a comma,\""
      ),
    ] {
      let text = ByteText()
      text.appendCSVField(field)
      #expect(String(decoding: text.bytes, as: UTF8.self) == expected)
    }
  }
}
