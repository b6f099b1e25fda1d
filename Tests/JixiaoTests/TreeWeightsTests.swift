import Foundation
import Testing

@testable import Jixiao

/// `jixiao weights --tree`: an indicator system's effective weights from
/// shares or points per level.
@Suite struct TreeWeightsTests {
  static func write(_ text: String) throws -> String {
    let path = Fixture.temporaryFolder() + "/tree.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The rows of the tree table: name → (level, share, effective).
  static func rows(_ path: String) throws -> [String: [Double]] {
    let run = try CommandLineTests.run([
      "weights", "--tree", path, "--format", "csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    var out: [String: [Double]] = [:]
    for line in run.stdout.split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      out[String(cells[0])] = cells[1...3].compactMap { Double($0) }
    }
    return out
  }

  /// The self-evaluation tree in points (docs/domain.md §6.2: 预算执行率 10,
  /// 产出 50, 效益 30, 满意度 10; the level-2 points are the example's):
  /// a leaf's effective weight is its points over 100, and a share among
  /// siblings its points over its parent's (社会效益 20 of 效益 30 = 2/3).
  @Test func pointsTree() throws {
    let rows = try Self.rows(Fixture.repo("datasets/weights/tree-points.csv"))
    let expected: [String: [Double]] = [
      "预算执行率": [1, 0.1, 0.1], "产出指标": [1, 0.5, 0.5],
      "数量指标": [2, 0.4, 0.2], "成本指标": [2, 0.1, 0.05],
      "社会效益指标": [2, 2.0 / 3, 0.2], "服务对象满意度指标": [2, 1, 0.1],
    ]
    for (name, values) in expected {
      let got = rows[name] ?? []
      #expect(got.count == 3, "\(name): \(got)")
      #expect(
        zip(got, values).allSatisfy { abs($0 - $1) < 5e-7 },
        "\(name): \(got) against \(values)")
    }
  }

  /// Shares per level, the 10号 附件2 framework with its common level-1
  /// weights (决策 15, 过程 20, 产出 35, 效益 30, docs/domain.md §6.4) and
  /// three levels: 资金到位率 = 0.20 × 0.6 × 0.5 = 0.06. Rows in any
  /// order: a child may come before its parent.
  @Test func sharesTreeOfThreeLevels() throws {
    let path = try Self.write(
      """
      indicator,parent,weight
      资金到位率,资金管理,0.5
      预算执行率,资金管理,0.5
      决策,,0.15
      过程,,0.20
      产出,,0.35
      效益,,0.30
      资金管理,过程,0.6
      组织实施,过程,0.4
      """)
    let rows = try Self.rows(path)
    #expect(rows["资金到位率"].map { $0[0] } == 3)
    #expect(abs((rows["资金到位率"]?[2] ?? 0) - 0.06) < 1e-12)
    #expect(abs((rows["过程"]?[2] ?? 0) - 0.20) < 1e-12)
    let leaves = ["资金到位率", "预算执行率", "组织实施", "决策", "产出", "效益"]
    let total = leaves.reduce(0) { $0 + (rows[$1]?[2] ?? 0) }
    #expect(abs(total - 1) < 1e-12)
  }

  @Test func faultsAreNamedAtTheirPlace() throws {
    let shares = try Self.write(
      """
      indicator,parent,weight
      a,,0.5
      b,,0.5
      a1,a,0.5
      a2,a,0.6
      b1,b,1
      """)
    var run = try CommandLineTests.run(["weights", "--tree", shares])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "tree.csv:2:4: error: the weights under a sum to 1.1, not 1."))

    let points = try Self.write(
      """
      indicator,parent,weight
      a,,60
      b,,40
      a1,a,50
      b1,b,40
      """)
    run = try CommandLineTests.run(["weights", "--tree", points])
    #expect(
      run.stderr.contains(
        "tree.csv:2:4: error: the points under a sum to 50, but a has 60."))

    let top = try Self.write(
      """
      indicator,parent,weight
      a,,0.5
      b,,0.4
      a1,a,1
      """)
    run = try CommandLineTests.run(["weights", "--tree", top])
    #expect(
      run.stderr.contains(
        "tree.csv:1: error: the top-level weights sum to 0.9, not 1."))

    let names = try Self.write(
      """
      indicator,parent,weight
      a,,1
      a,,1
      c,x,1
      """)
    run = try CommandLineTests.run(["weights", "--tree", names])
    #expect(
      run.stderr.contains(
        "tree.csv:3:1: error: \"a\" is also the indicator on line 2."))

    let loop = try Self.write(
      """
      indicator,parent,weight
      a,,1
      b,c,1
      c,b,1
      """)
    run = try CommandLineTests.run(["weights", "--tree", loop])
    #expect(run.status == 1)
    #expect(run.stderr.contains("lead back to it"))
  }

  @Test func treeStandsAlone() throws {
    let run = try CommandLineTests.run([
      "weights", "--tree", Fixture.repo("datasets/weights/tree-points.csv"),
      "--method", "entropy",
    ])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--method"))
  }

  /// A chain of 100,000 levels is walked without recursion; the last
  /// leaf carries the whole weight.
  @Test func deepChain() throws {
    var text = "indicator,parent,weight\nL0,,1\n"
    for k in 1..<100_000 { text += "L\(k),L\(k - 1),1\n" }
    let rows = try Self.rows(try Self.write(text))
    #expect(rows["L99999"] == [100_000, 1, 1])
  }

  /// 0.6 + 0.3 is said as 0.9.
  @Test func sumsAreSaidPlainly() throws {
    let path = try Self.write(
      "indicator,parent,weight\nA,,0.6\nB,,0.3\nA1,A,1\n")
    let run = try CommandLineTests.run(["weights", "--tree", path])
    #expect(run.stderr.contains("the top-level weights sum to 0.9, not 1."))
  }
}
