import Testing

@testable import JixiaoNumerics

@Suite struct BLASTests {
  /// Reference: the textbook triple loop.
  func naive(_ a: Matrix, _ x: [Double]) -> [Double] {
    (0..<a.rows).map { i in (0..<a.columns).reduce(0) { $0 + a[i, $1] * x[$1] }
    }
  }

  @Test(arguments: [(0, 3), (3, 0), (1, 1), (4, 7), (50, 4)])
  func multiplyMatchesNaiveLoop(shape: (Int, Int)) throws {
    let (rows, columns) = shape
    var generator = RandomStream(seed: 7)
    var a = Matrix(rows: rows, columns: columns)
    for k in a.storage.indices { a.storage[k] = generator.uniform() - 0.5 }
    let x = (0..<columns).map { _ in generator.uniform() }
    let y = try BLAS.multiply(a, x)
    let expected = naive(a, x)
    #expect(y.count == rows)
    for i in 0..<rows { #expect(abs(y[i] - expected[i]) <= 1e-12) }
  }

  @Test func matrixFromRowsIsColumnMajor() {
    let m = Matrix(rowsOf: [[1, 2, 3], [4, 5, 6]])
    #expect(m.storage == [1, 4, 2, 5, 3, 6])
    #expect(m.column(2) == [3, 6])
  }

  @Test func coreNameIsKnown() {
    #expect(!BLAS.coreName.isEmpty)
    #expect(BLAS.threadCount >= 1)
  }
}

@Suite struct SegmentsTests {
  @Test func sumsSkipNegativeGroups() {
    let sums = Segments.sums(
      [1, 2, 3, 4, 5], groups: [0, 2, 0, -1, 2], groupCount: 3)
    #expect(sums == [4, 0, 7])
    #expect(
      Segments.counts(groups: [0, 2, 0, -1, 2], groupCount: 3) == [2, 0, 2])
  }
}

@Suite struct RoundingTests {
  /// Langfang 2019 (SELF-1): 10 × 37.24 / 43.2 = 8.6204 is published as 9.
  @Test func halfUpRoundsLikePublishedTables() {
    #expect(RoundingRule.halfUp.round(8.6204, decimals: 0) == 9)
    #expect(RoundingRule.halfUp.round(8.5, decimals: 0) == 9)
    #expect(RoundingRule.halfUp.round(-8.5, decimals: 0) == -9)
    #expect(RoundingRule.halfEven.round(8.5, decimals: 0) == 8)
    #expect(RoundingRule.halfEven.round(9.5, decimals: 0) == 10)
  }

  /// 8.625 is stored as 8.62499999…; the decimal half must still round up.
  @Test func decimalHalvesAreHalves() {
    #expect(RoundingRule.halfUp.round(8.625, decimals: 2) == 8.63)
    #expect(RoundingRule.halfUp.round(1.005, decimals: 2) == 1.01)
    #expect(RoundingRule.halfEven.round(8.625, decimals: 2) == 8.62)
  }
}
