import Foundation
import Testing

@testable import Jixiao

/// The `--codes` table checked against the data sets it joins.
@Suite struct IndicatorCodesTests {
  private func codes(_ text: String) throws -> IndicatorCodes {
    let path = Fixture.temporaryFolder() + "/codes.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return try IndicatorCodes(contentsOf: path)
  }

  private func fixture() -> Dataset {
    let loaded = DatasetLoader.load(folder: Fixture.dataset())
    #expect(!loaded.hasErrors, "\(loaded.diagnostics)")
    return loaded.dataset
  }

  /// No row of the fixture is called 慰问户数 (line 3 of the table): a
  /// warning at its name cell, column 1.
  @Test func aWordingNoRowHasIsAWarning() throws {
    let table = try codes("name,code\n慰问人数,N\n慰问户数,N\n")
    #expect(
      table.check([fixture()]).map(\.description) == [
        "\(table.path):3:1: warning: no indicator row of the data sets is "
          + "named \"慰问户数\", so this row joins nothing. Check the wording "
          + "against the name column of indicators.csv."
      ])
  }

  /// The fixture's 慰问人数 (P1, 人, ≥, indicators.csv line 2) and 取证率
  /// (P2, %, ≥, line 7) given one code: an error at the code cell of the
  /// second wording (line 3, column 5: after "取证率,").
  @Test func oneCodeForDifferentUnitsIsAnError() throws {
    let dataset = fixture()
    let file = dataset.folder + "/indicators.csv"
    let table = try codes("name,code\n慰问人数,N\n取证率,N\n")
    #expect(
      table.check([dataset]).map(\.description) == [
        "\(table.path):3:5: error: the code N joins rows of different units "
          + "of measure: \"慰问人数\" (unit 人, ≥, at \(file):2) and \"取证率\" "
          + "(unit %, ≥, at \(file):7); they cannot be one indicator. Give "
          + "them different codes, or correct the unit or operator in "
          + "indicators.csv."
      ])
  }

  /// Same unit (%), different directions.
  @Test func oneCodeForDifferentDirectionsIsAnError() throws {
    let folder = Fixture.dataset([
      "indicators.csv": """
      project,dimension,subdimension,name,kind,operator,target,actual,unit,weight
      P1,output,质量指标,合格率,quantitative,>=,90,95,%,50
      P1,benefit,社会效益,率,quantitative,>=,1,1,%,30
      P1,satisfaction,满意度,满意度,quantitative,>=,1,1,%,10
      P2,output,质量指标,返工率,quantitative,<=,5,3,%,50
      P2,benefit,社会效益,率,quantitative,>=,1,1,%,30
      P2,satisfaction,满意度,满意度,quantitative,>=,1,1,%,10
      """
    ])
    let dataset = DatasetLoader.load(folder: folder).dataset
    let table = try codes("name,code\n合格率,Q\n返工率,Q\n")
    let problems = table.check([dataset])
    #expect(problems.count == 1)
    #expect(
      problems.first?.description.hasPrefix(
        "\(table.path):3:5: error: the code Q joins rows of different "
          + "directions: \"合格率\" (unit %, ≥,") == true)
    // A table whose wordings agree in unit and direction is clean.
    #expect(try codes("name,code\n合格率,Q\n").check([dataset]) == [])
  }
}
