import Foundation
import Testing

@testable import Jixiao

/// Data sets given together to `jixiao standards`: what cannot be pooled.
@Suite struct StandardsInputsTests {
  private func load(_ folder: String) -> Dataset {
    let loaded = DatasetLoader.load(folder: folder)
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    return loaded.dataset
  }

  /// 万元 and USD million differ by a factor of about 700: pooled, every
  /// unit cost would be a mixture. The error is at the second data set's
  /// moneyUnit (line 1, column 15 of the file written here) and names both
  /// data sets and both units.
  @Test func differentMoneyUnitsAreAnError() throws {
    let yuan = Fixture.dataset([
      "dataset.json": #"{"name": "a", "moneyUnit": "万元"}"#
    ])
    let dollars = Fixture.dataset([
      "dataset.json": #"{"moneyUnit": "USD million"}"#
    ])
    let problems = StandardsInputs.check([load(yuan), load(dollars)])
    #expect(
      problems.map(\.description) == [
        "\(dollars)/dataset.json:1:15: error: the data set \(dollars) counts "
          + "money in USD million, but \(yuan) counts it in 万元; amounts in "
          + "different units cannot be pooled into one standard. Give together "
          + "only data sets of one money unit, or convert the amounts of one "
          + "and set its moneyUnit in dataset.json."
      ])
    // The same unit twice (one by default) pools.
    #expect(StandardsInputs.check([load(yuan), load(Fixture.dataset())]) == [])
  }

  /// The command stops before computing anything.
  @Test func theCommandRefusesDifferentMoneyUnits() throws {
    let dollars = Fixture.dataset([
      "dataset.json": #"{"moneyUnit": "USD million"}"#
    ])
    let run = try CommandLineTests.run([
      "standards", Fixture.dataset(), dollars,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("counts money in USD million, but "))
    #expect(run.stderr.contains("(the default: its dataset.json gives no "))
    #expect(run.stderr.contains("nothing was computed."))
    #expect(run.stdout.isEmpty)
  }
}
