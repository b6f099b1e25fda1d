import Foundation
import Jixiao

/// Entry point: `jixiao <command> [arguments]`.
func run(_ words: [String]) -> ExitStatus {
  guard let command = words.first else {
    print(Help.overview)
    return .usage
  }
  let rest = Array(words.dropFirst())
  if rest.contains("--help") || rest.contains("-h") {
    print(Help.text(for: command) ?? Help.overview)
    return .success
  }
  do throws(UsageError) {
    switch command {
    case "check": return try runCheck(rest)
    case "score": return try runScore(rest)
    case "simulate": return try runSimulate(rest)
    case "import": return try runImport(rest)
    case "generate": return try runGenerate(rest)
    case "standards": return try runStandards(rest)
    case "efficiency": return try runEfficiency(rest)
    case "transfers": return try runTransfers(rest)
    case "weights": return try runWeights(rest)
    case "rank": return try runRank(rest)
    case "fuzzy": return try runFuzzy(rest)
    case "sensitivity": return try runSensitivity(rest)
    case "help", "--help", "-h":
      guard let topic = rest.first else {
        print(Help.overview)
        return .success
      }
      guard rest.count == 1, let text = Help.text(for: topic) else {
        throw UsageError(
          message:
            "no help for \"\(rest.joined(separator: " "))\"; the commands "
            + "are check, score, simulate, standards, efficiency, transfers, weights, rank, fuzzy, sensitivity, import, generate, help and version."
        )
      }
      print(text)
      return .success
    case "version", "--version":
      guard rest.isEmpty else {
        throw UsageError(message: "version takes no arguments.")
      }
      print("jixiao \(Help.version)")
      return .success
    default:
      throw UsageError(message: "unknown command \"\(command)\".")
    }
  } catch {
    printError("error: \(error.message)")
    printError("Usage: \(Help.usage(for: command) ?? "jixiao <command> …")")
    printError(
      Help.usage(for: command) == nil
        ? "See 'jixiao help'." : "See 'jixiao help \(command)'.")
    return .usage
  }
}

exit(run(Array(CommandLine.arguments.dropFirst())).rawValue)
