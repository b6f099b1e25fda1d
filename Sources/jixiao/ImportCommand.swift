import Jixiao

/// `jixiao import TABLE --mapping MAP --out DATASET`.
func runImport(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(words, options: ["mapping", "out"], flags: [])
  guard let table = arguments.positionals.first,
    arguments.positionals.count == 1
  else {
    throw UsageError(message: "name one table (CSV file) to import.")
  }
  guard let mapping = arguments["mapping"] else {
    throw UsageError(message: "--mapping MAP.json is required.")
  }
  guard let folder = arguments["out"] else {
    throw UsageError(message: "--out DATASET is required.")
  }
  do {
    let result = try Importer.run(
      table: table, mapping: mapping, output: folder)
    report(result.diagnostics, minimum: .note)
    print(
      "imported \(result.projectCount) projects, \(result.indicatorCount) indicator rows, \(result.unitCount) units into \(folder)"
    )
    return .success
  } catch {
    report(error.diagnostics)
    printError("nothing was written.")
    return .failure
  }
}
