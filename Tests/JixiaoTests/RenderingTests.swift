import Testing

@testable import Jixiao

/// The terminal table.
@Suite struct RenderingTests {
  /// A quoted CSV name may hold a line break; on the terminal it is a
  /// space, so the columns after it stay aligned, and CSV keeps it.
  @Test func lineBreaksInNamesKeepTheTableAligned() {
    var table = ReportTable(
      name: "t", title: "",
      columns: [.init("name"), .init("value", numeric: true)])
    table.append([.text("two\nlines"), .number(1, decimals: 1)])
    table.append([.text("tab\there"), .number(22, decimals: 1)])
    let lines = table.renderText().split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[2] == "two lines    1.0")
    #expect(lines[3] == "tab here    22.0")
    #expect(table.renderCSV().contains("\"two\nlines\""))
  }
}
