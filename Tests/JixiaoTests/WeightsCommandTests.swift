import Foundation
import Testing

/// `jixiao weights` and `jixiao rank` as a user runs them, on the
/// REFERENCES.md cases bundled in datasets/weights.
@Suite struct WeightsCommandTests {
  static func csv(_ arguments: [String]) throws -> [[String]] {
    let run = try CommandLineTests.run(arguments + ["--format", "csv"])
    #expect(run.status == 0, "\(run.stderr)")
    return run.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(
        String.init)
    }
  }

  /// R1 (Xu 2004) through the command: entropy column as published.
  @Test func entropyOfATable() throws {
    let rows = try Self.csv([
      "weights", Fixture.repo("datasets/weights/xu2004.csv"), "--method",
      "entropy",
    ])
    #expect(rows.count == 5)
    let w = rows.dropFirst().compactMap { Double($0[1]) }
    let expected = [0.462952, 0.399204, 0.137841, 0.000003]
    #expect(zip(w, expected).allSatisfy { abs($0 - $1) < 5e-7 }, "\(rows)")
  }

  /// AHP-1 from a matrix file with fractions; R7a with the Alonso–Lamata
  /// table: CR = CI / 1.3417 = 0.029438 / 1.3417.
  @Test func ahpFromAMatrixFile() throws {
    let out = Fixture.temporaryFolder() + "/out"
    let run = try CommandLineTests.run([
      "weights", "--ahp", Fixture.repo("datasets/weights/saaty-drinks.csv"),
      "--ri",
      "alonso-lamata", "--out", out, "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let text = try String(
      contentsOfFile: out + "/consistency.json", encoding: .utf8)
    #expect(text.contains("Alonso–Lamata 2006"))
    #expect(
      text.contains(String(format: "%.6f", 0.029438 / 1.3417).prefix(7)),
      "\(text)")
  }

  /// R5 through `rank`: TOPSIS closeness and the VIKOR Q of the hand
  /// computation in WeightingTests, and an agreement table.
  /// In Chinese the methods are named in Chinese too: the weights'
  /// columns, the ranking's columns and the settings table.
  @Test func chineseNamesTheMethods() throws {
    let weights = try Self.csv([
      "weights", Fixture.repo("datasets/weights/xu2004.csv"), "--method",
      "entropy,critic,sd", "--lang", "zh",
    ])
    #expect(weights.first == ["指标", "熵权法", "CRITIC 法", "标准差法", "说明"])
    let out = Fixture.temporaryFolder() + "/out"
    let run = try CommandLineTests.run([
      "rank", Fixture.repo("datasets/weights/topsis-ot2004.csv"), "--types",
      "-,+", "--method", "topsis,arithmetic", "--lang", "zh", "--out", out,
      "--format", "csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let ranking = try String(
      contentsOfFile: out + "/ranking.csv", encoding: .utf8)
    #expect(ranking.contains("TOPSIS（向量归一化）排名"), "\(ranking)")
    #expect(ranking.contains("加权算术平均，极差标准化"))
    let settings = try String(
      contentsOfFile: out + "/rank_settings.csv", encoding: .utf8)
    #expect(settings.contains("cost 的权重") && settings.contains("权重：等权"))
  }

  /// Two judgement files over the same criteria in another order are
  /// pooled in the first file's order: pooling a matrix with itself
  /// reordered gives the matrix's own weights.
  @Test func pooledMatricesMayListTheCriteriaInAnotherOrder() throws {
    let folder = Fixture.temporaryFolder()
    let first = folder + "/first.csv"
    let second = folder + "/second.csv"
    try "criterion,a,b,c\na,1,3,5\nb,1/3,1,2\nc,1/5,1/2,1\n".write(
      toFile: first, atomically: true, encoding: .utf8)
    try "criterion,c,a,b\nc,1,1/5,1/2\na,5,1,3\nb,2,1/3,1\n".write(
      toFile: second, atomically: true, encoding: .utf8)
    let alone = try Self.csv(["weights", "--ahp", first])
    let pooled = try Self.csv(["weights", "--ahp", first, "--ahp", second])
    #expect(alone.count == 4 && pooled.count == 4)
    #expect(alone == pooled, "\(alone) vs \(pooled)")
  }

  /// A zero after normalisation under a geometric mean names the
  /// alternative and the criterion, and what to give.
  @Test func zeroUnderAGeometricMeanIsNamed() throws {
    let path = Fixture.temporaryFolder() + "/t.csv"
    try "id,a,b\nA,1,5\nB,2,3\nC,3,4\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let run = try CommandLineTests.run(["rank", path, "--method", "geometric"])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("alternative A, criterion a is 0 after min-max")
        && run.stderr.contains("--zero-offset"), "\(run.stderr)")
  }

  @Test func rankByTwoMethods() throws {
    let rows = try Self.csv([
      "rank", Fixture.repo("datasets/weights/topsis-ot2004.csv"), "--types",
      "-,+",
      "--weights", "0.5,0.5", "--method", "topsis,vikor",
    ])
    #expect(rows.count == 4)
    #expect(
      rows[1][0] == "A1" && abs((Double(rows[1][1]) ?? 0) - 0.762141) < 5e-7)
    #expect(rows[2][3] == "0" && rows[2][4] == "1")
  }

  @Test(arguments: [
    ["weights"], ["weights", "x.csv", "--method", "magic"],
    ["weights", "--ahp", "a.csv", "--priority", "best"],
    ["weights", "--priority", "eigenvector"],
    ["rank", "t.csv", "--method", "electre"],
    ["rank", "t.csv", "--types", "+,?"],
    ["rank", "t.csv", "--normalise", "log"], ["rank", "t.csv", "--v", "2"],
    ["rank", "t.csv", "--weights", "1,2", "--weight-method", "entropy"],
  ])
  func usageErrorsExitWith64(_ arguments: [String]) throws {
    let run = try CommandLineTests.run(arguments)
    #expect(run.status == 64, "\(arguments): \(run.stderr)")
    #expect(run.stderr.hasPrefix("error: "))
  }

  /// Bad files: a non-reciprocal matrix names the entries; a bad cell of
  /// a table is named at its line and column.
  @Test func badFilesAreNamed() throws {
    let folder = Fixture.temporaryFolder()
    let matrix = folder + "/m.csv"
    #expect(
      FileManager.default.createFile(
        atPath: matrix, contents: Data("c,a,b\na,1,3\nb,1/2,1\n".utf8)))
    let run = try CommandLineTests.run(["weights", "--ahp", matrix])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("m.csv:3:3: error: b against a is 1/2"),
      "\(run.stderr)")
    let table = folder + "/t.csv"
    #expect(
      FileManager.default.createFile(
        atPath: table, contents: Data("id,x,y\nA,1,2\nB,abc,3\n".utf8)))
    let bad = try CommandLineTests.run(["rank", table, "--weights", "0.5,0.5"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("t.csv:3:3: error"), "\(bad.stderr)")
  }

  /// A method that ties every alternative leaves its coefficients empty
  /// and named instead of failing the run; a default method the data do
  /// not suit is a warning, the others still shown.
  @Test func undefinedPartsDoNotFailTheRun() throws {
    let folder = Fixture.temporaryFolder()
    let table = folder + "/x.csv"
    #expect(
      FileManager.default.createFile(
        atPath: table, contents: Data("id,a,b\nA,1,0\nB,0,1\n".utf8)))
    let run = try CommandLineTests.run([
      "rank", table, "--method", "vikor,topsis",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("ties every alternative"))
    let correlated = folder + "/c.csv"
    #expect(
      FileManager.default.createFile(
        atPath: correlated, contents: Data("id,a,b\nA,1,2\nB,3,5\n".utf8)))
    let weights = try CommandLineTests.run(["weights", correlated])
    #expect(weights.status == 0, "\(weights.stderr)")
    #expect(
      weights.stderr.contains("warning:") && weights.stderr.contains("critic"))
    #expect(weights.stdout.contains("entropy"))
    for bad in ["0,0,0.58,,0.9", "0,0,inf", "saaty"] {
      let r = try CommandLineTests.run([
        "weights", "--ahp", Fixture.repo("datasets/weights/ahp-department.csv"),
        "--ri", bad,
      ])
      #expect(r.status == 64, "\(bad): \(r.stderr)")
    }
  }

  /// A normalisation that gives values below 0 is named, with what would
  /// do: the lowest value of the 6 × 3 table below under z-scores is cost
  /// of A3, (21.333 − 32)/6.3944 = −1.66812 (cost turned around: (μ − x)/σ,
  /// σ the population SD).
  @Test func valuesBelowZeroNameTheWayOut() throws {
    let table = try Self.sixAlternatives()
    for extra in [[], ["--zero-offset", "0.01"]] {
      let run = try CommandLineTests.run(
        [
          "rank", table, "--types", "+,-,+", "--method", "geometric",
          "--normalise", "z-score",
        ] + extra)
      #expect(run.status == 1)
      #expect(
        run.stderr.contains("alternative A3, criterion cost is -1.66812"),
        "\(run.stderr)")
      #expect(run.stderr.contains("--zero-offset above 1.66812"))
    }
    let shifted = try CommandLineTests.run([
      "rank", table, "--types", "+,-,+", "--method", "geometric",
      "--normalise", "z-score", "--zero-offset", "2",
    ])
    #expect(shifted.status == 0, "\(shifted.stderr)")
  }

  /// Expert points over the table's criteria in another order weigh the
  /// same criteria: pooled and combined in the table's order.
  @Test func judgedCriteriaInAnotherOrder() throws {
    let folder = Fixture.temporaryFolder()
    try "id,a,b,c\nX,1,2,3\nY,2,2,5\nZ,4,1,1\n".write(
      toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
    try "e,c,a,b\nE1,20,50,30\n".write(
      toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
    let rows = try Self.csv([
      "weights", folder + "/t.csv", "--points", folder + "/p.csv",
      "--method", "sd",
    ])
    // criterion, points, sd, note
    #expect(rows.dropFirst().map { $0[0] } == ["a", "b", "c"])
    #expect(rows.dropFirst().map { Double($0[1]) } == [0.5, 0.3, 0.2])
    try "e,c,a,d\nE1,20,50,30\n".write(
      toFile: folder + "/q.csv", atomically: true, encoding: .utf8)
    let other = try CommandLineTests.run([
      "weights", folder + "/t.csv", "--points", folder + "/q.csv",
    ])
    #expect(other.status == 1)
    #expect(
      other.stderr.contains("q.csv: its criteria (c, a, d) are not those of"))
  }

  /// A value a method cannot take is named at its line and column.
  @Test func badValuesAtTheirCell() throws {
    let folder = Fixture.temporaryFolder()
    try "a,x,y\nA,1,2\nB,-3,4\nC,5,7\n".write(
      toFile: folder + "/neg.csv", atomically: true, encoding: .utf8)
    let entropy = try CommandLineTests.run([
      "weights", folder + "/neg.csv", "--method", "entropy",
    ])
    #expect(entropy.status == 1)
    #expect(
      entropy.stderr.contains(
        "neg.csv:3:3: error: entropy: x of B is -3; entropy takes shares of values ≥ 0"
      ), "\(entropy.stderr)")
    // In a later column, at its own row (the column is a slice of the
    // table, whose indices do not start at 0).
    try "unit,a,b,c\nA,10,5,3\nB,2,6,4\nC,8,7,-1\n".write(
      toFile: folder + "/neg3.csv", atomically: true, encoding: .utf8)
    let third = try CommandLineTests.run([
      "weights", folder + "/neg3.csv", "--method", "entropy",
    ])
    #expect(
      third.stderr.contains("neg3.csv:4:7: error: entropy: c of C is -1;"),
      "\(third.stderr)")
    let vector = try CommandLineTests.run([
      "rank", folder + "/neg.csv", "--normalise", "vector",
    ])
    #expect(vector.stderr.contains("neg.csv:3:3: error: x of B is -3;"))
    try "e,x,y\nE1,100,0\nE2,50,50\n".write(
      toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
    let points = try CommandLineTests.run([
      "weights", "--points", folder + "/p.csv", "--pooling", "geometric",
    ])
    #expect(points.stderr.contains("p.csv:2:8: error: y of E1 is 0;"))
  }

  /// Judgements written with spaces or beyond Saaty's scale, a matrix of
  /// order 1, the minus sign in --types, a repeated header name and the
  /// range of min-max in the method's name.
  @Test func looserInputsAndClearerNames() throws {
    let folder = Fixture.temporaryFolder()
    try "c,a,b\na,1,1 / 12\nb,12,1\n".write(
      toFile: folder + "/m.csv", atomically: true, encoding: .utf8)
    let ahp = try CommandLineTests.run(["weights", "--ahp", folder + "/m.csv"])
    #expect(ahp.status == 0, "\(ahp.stderr)")
    #expect(
      ahp.stderr.contains(
        "m.csv:3:3: warning: b against a is 12, beyond Saaty's scale"))
    // w = (1/13, 12/13) for a consistent 2 × 2 matrix.
    #expect(ahp.stdout.contains("0.076923") && ahp.stdout.contains("0.923077"))
    try "c,a\na,1\n".write(
      toFile: folder + "/one.csv", atomically: true, encoding: .utf8)
    let one = try CommandLineTests.run([
      "weights", "--ahp", folder + "/one.csv", "--format", "json",
    ])
    #expect(one.status == 0, "\(one.stderr)")
    // CI = 0/0 for one criterion: empty, not 0.
    let ci = one.stdout.split(separator: "\n").first { $0.contains("CI = ") }
    #expect(ci?.contains("null") == true, "\(one.stdout)")
    let ri = try CommandLineTests.run([
      "weights", "--ahp", folder + "/m.csv", "--ri", "0,0,1e300",
    ])
    #expect(ri.status == 64)
    try "a,x,X\nA,1,2\nB,3,4\n".write(
      toFile: folder + "/dup.csv", atomically: true, encoding: .utf8)
    let dup = try CommandLineTests.run(["rank", folder + "/dup.csv"])
    #expect(dup.status == 1)
    #expect(dup.stderr.split(separator: "\n").count == 1, "\(dup.stderr)")
    let table = Fixture.repo("datasets/weights/topsis-ot2004.csv")
    let minus = try Self.csv([
      "rank", table, "--types", "−,+", "--weights", "0.5,0.5", "--method",
      "arithmetic", "--normalise", "min-max:0:100",
    ])
    let hyphen = try Self.csv([
      "rank", table, "--types", "-,+", "--weights", "0.5,0.5", "--method",
      "arithmetic", "--normalise", "min-max:0:100",
    ])
    #expect(minus == hyphen)
    #expect(
      minus.first?.joined(separator: ",").contains(
        "weighted arithmetic mean, min-max to [0, 100]") == true)
  }

  /// Pooled judgements list each expert's own CR: AHP-1's matrix has
  /// CR 0.033199 (REFERENCES.md), and a second matrix with a 1/5 where
  /// AHP-1 has 5 contradicts itself.
  @Test func pooledJudgementsShowEachExpertsCR() throws {
    let folder = Fixture.temporaryFolder()
    try """
    criterion,output,benefit,satisfaction
    output,1,3,1/5
    benefit,1/3,1,3
    satisfaction,5,1/3,1
    """.write(toFile: folder + "/b.csv", atomically: true, encoding: .utf8)
    let first = Fixture.repo("datasets/weights/ahp-department.csv")
    let run = try CommandLineTests.run([
      "weights", "--ahp", first, "--ahp", folder + "/b.csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(
      lines.contains {
        $0.hasPrefix("CR of \(first)") && $0.hasSuffix("0.033199")
      },
      "\(run.stdout)")
    #expect(lines.contains { $0.contains("b.csv (not acceptable)") })
    #expect(run.stderr.contains("warning: the pooled judgements: CR = 0.4835"))
  }

  /// The normalisations with a value per criterion, by hand on the 6 × 3
  /// table (profit +, cost −, quality +; equal weights):
  /// - target 300, 16, 16, cap 1: A1 = (250/300 + 16/16 + 12/16)/3 = 0.861111
  ///   and A5 = (225/300 + 1 + 1)/3 = 0.916667;
  /// - goalposts 200:300, 10:40, 0:20 on a scale of 100, every criterion a
  ///   benefit: A1 = (50 + 20 + 60)/3 = 43.3333;
  /// - references 250, 20, 10: A1 = (0 − 0.2 + 0.2)/3 = 0, A2 = (−0.2 −
  ///   0.2 − 0.2)/3 = −0.2.
  @Test func normalisationsWithAValuePerCriterion() throws {
    let table = try Self.sixAlternatives()
    func scores(_ extra: [String]) throws -> [Double] {
      try Self.csv(["rank", table, "--method", "arithmetic"] + extra)
        .dropFirst().compactMap { Double($0[1]) }
    }
    let target = try scores([
      "--types", "+,-,+", "--normalise", "target", "--targets", "300,16,16",
    ])
    #expect(
      abs(target[0] - 0.861111) < 5e-7 && abs(target[4] - 0.916667) < 5e-7)
    let posts = try scores([
      "--normalise", "goalposts", "--goalposts", "200:300,10:40,0:20",
      "--scale", "100",
    ])
    #expect(abs(posts[0] - 130.0 / 3) < 1e-6)
    let reference = try scores([
      "--normalise", "reference", "--references",
      "quality=10,profit=250,cost=20",
    ])
    #expect(abs(reference[0]) < 1e-9 && abs(reference[1] + 0.2) < 1e-9)
    for bad in [
      ["--targets", "1,2,3"], ["--normalise", "target"],
      ["--normalise", "target", "--targets", "1,2"],
      ["--normalise", "goalposts", "--goalposts", "1:0,2:3,3:4"],
      ["--normalise", "reference", "--references", "profit=1,cost=2"],
      ["--normalise", "target", "--targets", "1,2,3", "--cap", "0"],
    ] {
      let run = try CommandLineTests.run(["rank", table] + bad)
      #expect(run.status == 64, "\(bad): \(run.stderr)")
    }
    // A target of 0 is the data's fault, named by the library.
    let zero = try CommandLineTests.run([
      "rank", table, "--normalise", "target", "--targets", "0,1,1",
    ])
    #expect(zero.status == 1 && zero.stderr.contains("target"))
  }

  /// A 6 × 3 table (profit, cost, quality) written to a new folder.
  static func sixAlternatives() throws -> String {
    let table = Fixture.temporaryFolder() + "/six.csv"
    try """
    a,profit,cost,quality
    A1,250,16,12
    A2,200,16,8
    A3,300,32,16
    A4,275,20,8
    A5,225,16,16
    A6,310,28,10
    """.write(toFile: table, atomically: true, encoding: .utf8)
    return table
  }

  /// A reference so small that a distance leaves the doubles is an error
  /// at the cell, not an infinite score; names in name=value forms and
  /// --criteria match without regard to case, and keep the header's
  /// spelling; the alternative column cannot be a criterion.
  @Test func settingsOfAnySizeAndCase() throws {
    let folder = Fixture.temporaryFolder()
    try "id,a,b\np1,1e15,1\np2,-1e15,2\np3,0,3\n".write(
      toFile: folder + "/h.csv", atomically: true, encoding: .utf8)
    let huge = try CommandLineTests.run([
      "rank", folder + "/h.csv", "--normalise", "reference", "--references",
      "1e-300,1", "--method", "arithmetic",
    ])
    #expect(huge.status == 1)
    #expect(
      huge.stderr.contains("h.csv:2:4: error: a of p1 is"), "\(huge.stderr)")
    let table = try Self.sixAlternatives()
    let cased = try Self.csv([
      "rank", table, "--criteria", "PROFIT,Quality", "--weights",
      "profit=1,QUALITY=2", "--method", "arithmetic",
    ])
    let plain = try Self.csv([
      "rank", table, "--criteria", "profit,quality", "--weights", "1,2",
      "--method", "arithmetic",
    ])
    #expect(cased == plain)
    let id = try CommandLineTests.run([
      "rank", table, "--id", "a", "--criteria", "a,profit",
    ])
    #expect(id.status == 1)
    #expect(id.stderr.contains("a is the alternative column"))
  }

  /// An offset no mean uses is said to do nothing.
  @Test func idleZeroOffsetIsWarned() throws {
    let run = try CommandLineTests.run([
      "rank", Fixture.repo("datasets/weights/xu2004.csv"), "--zero-offset",
      "0.1",
    ])
    #expect(run.status == 0)
    #expect(run.stderr.contains("warning: --zero-offset changes only"))
  }
}
