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
    case "help", "--help", "-h":
      print(rest.first.flatMap(Help.text(for:)) ?? Help.overview)
      return .success
    case "version", "--version":
      print("jixiao \(Help.version)")
      return .success
    default:
      throw UsageError(message: "unknown command \"\(command)\".")
    }
  } catch {
    printError("error: \(error.message)")
    printError("Usage: \(Help.usage(for: command) ?? "jixiao <command> …")")
    printError(
      "See 'jixiao help \(Help.usage(for: command) == nil ? "" : command)'.")
    return .usage
  }
}

exit(run(Array(CommandLine.arguments.dropFirst())).rawValue)
