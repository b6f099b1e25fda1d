import Foundation
import Jixiao

/// "1 project", "2 projects".
private func counted(_ n: Int, _ one: String, _ many: String? = nil) -> String {
  "\(n) \(n == 1 ? one : many ?? one + "s")"
}

/// `jixiao generate --projects N [--seed S] [--year Y] --out DIR`.
func runGenerate(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words, options: ["projects", "seed", "year", "out", "threads"],
    flags: commonFlags)
  guard arguments.positionals.isEmpty else {
    throw UsageError(
      message: "unexpected argument \(arguments.positionals[0]).")
  }
  guard let count = arguments["projects"] else {
    throw UsageError(message: "--projects N is required.")
  }
  guard let projects = Int(count),
    (1...SyntheticGenerator.largestProjectCount).contains(projects)
  else {
    throw UsageError(
      message: "--projects is \(count); give a whole number from 1 to "
        + "\(SyntheticGenerator.largestProjectCount).")
  }
  guard let folder = arguments["out"] else {
    throw UsageError(message: "--out DIR is required.")
  }
  var settings = SyntheticSettings(projects: projects, seed: 1)
  if let text = arguments["seed"] {
    guard let seed = UInt64(text) else {
      throw UsageError(
        message: "--seed is \(text); give a whole number from 0 to "
          + "18446744073709551615.")
    }
    settings.seed = seed
  }
  if let text = arguments["year"] {
    guard let year = Int(text), (1950...2200).contains(year) else {
      throw UsageError(
        message:
          "--year is \(text); give a year from 1950 to 2200, such as 2025.")
    }
    settings.year = year
  }
  settings.threads = try threadCount(arguments)
  do {
    var clock = Stopwatch()
    let summary = try SyntheticGenerator.generate(settings, into: folder)
    clock.lap("generate")
    printTimings(arguments, clock.laps)
    let megabytes = String(format: "%.1f", Double(summary.bytes) / 1e6)
    let parts: [String] = [
      counted(summary.units, "unit"), counted(summary.duties, "duty", "duties"),
      counted(summary.activities, "activity", "activities"),
      counted(summary.projects, "project"),
      counted(summary.indicators, "indicator row") + " (\(megabytes) MB)",
    ]
    print(
      "wrote \(folder): " + parts.joined(separator: ", ")
        + ", seed \(settings.seed)")
    return .success
  } catch {
    report(error.diagnostics)
    return .failure
  }
}
