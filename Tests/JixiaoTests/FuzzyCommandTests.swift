import Foundation
import Testing

@testable import Jixiao

/// `jixiao fuzzy` on datasets/weights/fuzzy-votes.csv: three projects,
/// three criteria, ten experts' votes over 优/良/中/差 per criterion.
@Suite struct FuzzyCommandTests {
  static let votes = Fixture.repo("datasets/weights/fuzzy-votes.csv")

  /// The evaluation table's rows after the header, as cells.
  static func rows(_ arguments: [String]) throws -> [[String]] {
    let run = try CommandLineTests.run(arguments + ["--format", "csv"])
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(
        String.init)
    }
  }

  static func write(_ text: String) throws -> String {
    let path = Fixture.temporaryFolder() + "/memberships.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// B = w·R by hand, w = (0.5, 0.3, 0.2) and each row of votes over 10:
  /// P1 = 0.5(.4,.5,.1,0) + 0.3(.3,.5,.2,0) + 0.2(.6,.3,.1,0)
  ///    = (0.41, 0.46, 0.13, 0), 良, points 0.41·95 + 0.46·85 + 0.13·70
  ///    = 87.15; P2 = (0.15, 0.39, 0.36, 0.10), 良, 77.6;
  /// P3 = (0.09, 0.22, 0.43, 0.26), 中, 70.35.
  @Test func votesWithGivenWeights() throws {
    let rows = try Self.rows([
      "fuzzy", Self.votes, "--votes", "--weights", "0.5,0.3,0.2",
    ])
    let expected: [(String, [Double], String, Double)] = [
      ("P1", [0.41, 0.46, 0.13, 0], "良", 87.15),
      ("P2", [0.15, 0.39, 0.36, 0.10], "良", 77.6),
      ("P3", [0.09, 0.22, 0.43, 0.26], "中", 70.35),
    ]
    #expect(rows.count == 3)
    for (row, (id, b, grade, points)) in zip(rows, expected) {
      #expect(row[0] == id)
      let degrees = row[1...4].compactMap(Double.init)
      #expect(zip(degrees, b).allSatisfy { abs($0 - $1) < 1e-9 }, "\(row)")
      #expect(row[5] == grade)
      #expect(abs((Double(row[6]) ?? 0) - points) < 1e-9, "\(row)")
    }
  }

  /// The same weights by name, in another order, and as points out of 100.
  @Test func weightsByNameAndScaled() throws {
    let byOrder = try Self.rows([
      "fuzzy", Self.votes, "--votes", "--weights", "0.5,0.3,0.2",
    ])
    let byName = try Self.rows([
      "fuzzy", Self.votes, "--votes", "--weights",
      "satisfaction=20,output=50,benefit=30",
    ])
    #expect(byName == byOrder)
  }

  /// AHP-FCE: the weights are AHP-1's exact eigenvector (REFERENCES.md,
  /// (0.6370, 0.2583, 0.1047)), so P1's 优 is
  /// 0.6370·0.4 + 0.2583·0.3 + 0.1047·0.6 = 0.39511 to the reference's
  /// four decimals.
  @Test func ahpWeights() throws {
    let rows = try Self.rows([
      "fuzzy", Self.votes, "--votes", "--ahp",
      Fixture.repo("datasets/weights/ahp-department.csv"),
    ])
    let w = [0.6370, 0.2583, 0.1047]
    let excellent = w[0] * 0.4 + w[1] * 0.3 + w[2] * 0.6
    #expect(abs((Double(rows[0][1]) ?? 0) - excellent) < 2e-4, "\(rows)")
  }

  /// A tie at the largest membership takes the first grade and says so.
  @Test func tieIsNamed() throws {
    let path = try Self.write(
      """
      project,criterion,优,良,中,差
      A,x,0.5,0.5,0,0
      """)
    let rows = try Self.rows(["fuzzy", path, "--weights", "1"])
    #expect(rows.first?[5] == "优")
    #expect(rows.first?.last?.contains("tie") == true, "\(rows)")
  }

  /// Faults are reported at their line and column, all at once.
  @Test func badRowsAreNamed() throws {
    let path = try Self.write(
      """
      project,criterion,优,良,中,差
      A,x,0.5,0.4,0,0
      A,y,0.2,0.2,0.2,0.4
      A,y,0.2,0.2,0.2,0.4
      B,x,0.25,0.25,0.25,0.25
      C,x,1,0,-0.5,0.5
      """)
    let run = try CommandLineTests.run(["fuzzy", path, "--weights", "1,1"])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "memberships.csv:2:5: error: the degrees of A, x sum to 0.9"))
    #expect(
      run.stderr.contains("memberships.csv:4:3: error: A, y is also on line 3"))
    #expect(run.stderr.contains("memberships.csv:6:9: error: -0.5 is below 0"))
    // Counts without --votes are pointed to it.
    let counts = try CommandLineTests.run([
      "fuzzy", Self.votes, "--weights", "1,1,1",
    ])
    #expect(counts.status == 1)
    #expect(counts.stderr.contains("give --votes"))
  }

  @Test func missingCriterionIsNamed() throws {
    let path = try Self.write(
      """
      project,criterion,好,差
      A,x,0.5,0.5
      A,y,1,0
      B,x,0,1
      """)
    let run = try CommandLineTests.run(["fuzzy", path, "--weights", "1,1"])
    #expect(run.status == 1)
    #expect(run.stderr.contains(":4: error: B has no row for criterion y"))
  }

  /// Two grades: no default points; given points must match the grades.
  @Test func pointsFollowTheGrades() throws {
    let path = try Self.write(
      """
      project,criterion,好,差
      A,x,0.75,0.25
      """)
    let plain = try Self.rows(["fuzzy", path, "--weights", "1"])
    #expect(plain.first?.count == 5)  // alternative, 2 grades, grade, note
    let scored = try Self.rows([
      "fuzzy", path, "--weights", "1", "--points", "100,0",
    ])
    #expect(scored.first.flatMap { Double($0[4]) } == 75)
    let wrong = try CommandLineTests.run([
      "fuzzy", path, "--weights", "1", "--points", "95,85,70,50",
    ])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.contains("4 values for 2 grades"))
  }

  @Test(arguments: [
    ["--weights", "1,1,1", "--ahp", "x.csv"],
    [],
    ["--weights", "1,1"],
    ["--weights", "output=1,output=2,benefit=1"],
    ["--weights", "1,1,1", "--priority", "eigenvector"],
    ["--weights", "1,1,1", "--points", "95,x"],
  ])
  func usageMistakes(extra: [String]) throws {
    let run = try CommandLineTests.run(
      ["fuzzy", Self.votes, "--votes"] + extra)
    #expect(run.status == 64, "\(extra): \(run.stderr)")
  }

  /// 0.1·0 + 0.2·0 + 0.7·0.5 = 0.35 and 0.1·0.8 + 0.2·1 + 0.7·0.1 =
  /// 0.35000000000000003: a tie all the same, and the first grade (a
  /// tester's case).
  @Test func tieWithinRoundingTakesTheFirst() throws {
    let path = try Self.write(
      """
      p,c,A,B,C
      q,c1,0,0.8,0.2
      q,c2,0,1,0
      q,c3,0.5,0.1,0.4
      """)
    let rows = try Self.rows([
      "fuzzy", path, "--weights", "0.1,0.2,0.7", "--points", "3,2,1",
    ])
    #expect(rows.first?[4] == "A", "\(rows)")
  }

  @Test func columnsAndGradesThatCannotServe() throws {
    let one = try Self.write("p,c,G\nq,x,1\n")
    let single = try CommandLineTests.run(["fuzzy", one, "--weights", "1"])
    #expect(single.status == 1 && single.stderr.contains("at least two grades"))
    let same = try CommandLineTests.run([
      "fuzzy", Self.votes, "--votes", "--weights", "1,1,1", "--id", "project",
      "--criterion", "project",
    ])
    #expect(same.status == 1 && same.stderr.contains("the same column"))
    let mixed = try CommandLineTests.run([
      "fuzzy", Self.votes, "--votes", "--weights", "output=0.5,0.3,0.2",
    ])
    #expect(mixed.status == 64 && mixed.stderr.contains("mixes name=value"))
    let rising = try CommandLineTests.run([
      "fuzzy", Self.votes, "--votes", "--weights", "1,1,1", "--points",
      "50,70,85,95",
    ])
    #expect(
      rising.status == 0 && rising.stderr.contains("warning: --points rise"))
  }
}
