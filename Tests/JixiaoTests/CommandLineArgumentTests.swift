import Foundation
import Testing

/// How `jixiao` treats the words of its command line: repeated options,
/// settings that cannot apply, help topics.
@Suite struct CommandLineArgumentTests {
  /// `--format csv --format json` would silently take the last value.
  @Test(arguments: [
    ["score", "datasets/union", "--format", "csv", "--format", "json"],
    ["score", "datasets/union", "--format=csv", "--format=json"],
  ])
  func repeatedOptionIsAUsageError(words: [String]) throws {
    let run = try CommandLineTests.run(
      words.map { $0.hasPrefix("datasets/") ? Fixture.repo($0) : $0 })
    #expect(run.status == 64)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr.split(separator: "\n").first
        == "error: --format is given twice (csv and json); give it once.")
  }

  /// Row rounding changes nothing on a ratings scheme: said, not ignored.
  @Test func roundingOnARatingsSchemeWarns() throws {
    let run = try CommandLineTests.run([
      "score", Fixture.repo("datasets/adb"), "--rounding", "integer",
      "--format", "csv",
    ])
    #expect(run.status == 0)
    #expect(
      run.stderr.split(separator: "\n").map(String.init) == [
        "warning: --rounding integer has no effect on a ratings scheme: its "
          + "scores are weighted means of rating points, with no row points "
          + "to round."
      ])
  }

  @Test func roundingOnASelfEvaluationSchemeIsQuiet() throws {
    let run = try CommandLineTests.run([
      "score", Fixture.repo("datasets/union"), "--rounding", "integer",
      "--format", "csv",
    ])
    #expect(run.status == 0)
    #expect(!run.stderr.contains("warning"))
  }
}

@Suite struct HelpTests {
  /// `help [COMMAND]` is listed, so `help help` is help about help.
  @Test func helpAboutHelp() throws {
    let run = try CommandLineTests.run(["help", "help"])
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty)
    #expect(run.stdout.hasPrefix("Usage: jixiao help [COMMAND]\n"))
  }

  @Test func unknownTopicIsAUsageError() throws {
    let run = try CommandLineTests.run(["help", "nope"])
    #expect(run.status == 64)
    let expected =
      "error: no help for \"nope\"; the commands are check, score, "
      + "simulate, standards, efficiency, transfers, weights, rank, fuzzy, sensitivity, "
      + "import, generate, help and version."
    #expect(
      run.stderr.split(separator: "\n").first.map(String.init) == expected)
  }
}
