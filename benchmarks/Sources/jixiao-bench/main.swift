import Foundation
import Jixiao
import JixiaoNumerics

/// `jixiao-bench --data DIR [--runs N] [--out DIR]`: times each stage of
/// the main job on a data set and prints one JSON line per stage:
/// {"tool": "jixiao", "stage": …, "seconds": [...], "work": …, "unit": …}.
///
/// Stages, each on the result of the one before (as the peers run them):
///   bytes       map every CSV file and count its line breaks (the floor
///               of reading the bytes at all)
///   scan        split every file into records and fields, converting
///               nothing (the floor of parsing)
///   load        read and validate every CSV file (work: MB of CSV)
///   score_rows  score every indicator row (work: rows)
///   composite   dimension shares, BLAS composite, grades, unit roll-up
///               (work: projects)
///   simulate    the default grade-rules scenario (work: projects)
///   write       projects.csv and indicators.csv with scores (work: rows)
///   standards   distributions of every measure (indicator actuals and unit
///               costs) per category and unit, at all three levels, with
///               IQR screening (work: values)
///   end_to_end  all of the above from the files to the written files
struct Options {
  var data = ""
  var runs = 5
  var out = NSTemporaryDirectory() + "jixiao-bench-out"
  var threads = ProcessInfo.processInfo.activeProcessorCount
  /// Stages to time (all when empty); the others run once, untimed.
  var stages: Set<String> = []

  func runs(_ stage: String) -> Int {
    stages.isEmpty || stages.contains(stage) ? runs : 1
  }
}

func parse() -> Options {
  var options = Options()
  var words = CommandLine.arguments.dropFirst().makeIterator()
  while let word = words.next() {
    switch word {
    case "--data": options.data = words.next() ?? ""
    case "--runs": options.runs = Int(words.next() ?? "") ?? 5
    case "--out": options.out = words.next() ?? options.out
    case "--threads": options.threads = Int(words.next() ?? "") ?? 1
    case "--stages":
      options.stages = Set(
        (words.next() ?? "").split(separator: ",").map(String.init))
    default:
      FileHandle.standardError.write(Data("unknown argument \(word)\n".utf8))
      exit(64)
    }
  }
  guard !options.data.isEmpty else {
    FileHandle.standardError.write(
      Data("usage: jixiao-bench --data DIR [--runs N] [--out DIR]\n".utf8))
    exit(64)
  }
  return options
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try work()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

nonisolated(unsafe) var selected: Set<String> = []

func emit(
  _ stage: String, _ times: [Double], work: Double, unit: String,
  extra: String = ""
) {
  guard selected.isEmpty || selected.contains(stage) else { return }
  let list = times.map { String(format: "%.6f", $0) }.joined(separator: ", ")
  let more = extra.isEmpty ? "" : ", " + extra
  print(
    "{\"tool\": \"jixiao\", \"stage\": \"\(stage)\", \"seconds\": [\(list)], "
      + "\"work\": \(work), \"unit\": \"\(unit)\"\(more)}")
}

func csvBytes(_ folder: String) -> Double {
  var total = 0
  for name in [
    "units.csv", "duties.csv", "activities.csv", "projects.csv",
    "indicators.csv", "spending.csv",
  ] {
    let path = DatasetLoader.path(folder, name)
    let size =
      (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int
    total += size ?? 0
  }
  return Double(total) / 1e6
}

func writeTables(
  _ dataset: Dataset, _ evaluation: Evaluation, to folder: String
) throws {
  let tables = [
    ScoreReport.projects(dataset, evaluation, language: .english),
    ScoreReport.indicators(dataset, evaluation, language: .english),
  ]
  try AtomicWriter(folder: folder, inputs: [dataset.folder]).write(
    tables, format: .csv)
}

func main() throws {
  let options = parse()
  selected = options.stages
  BLAS.setThreadCount(1)
  print(
    "{\"info\": {\"blas_core\": \"\(BLAS.coreName)\", \"blas_threads\": "
      + "\(BLAS.threadCount), \"threads\": \(options.threads)}}")
  // The floors under loading: bytes through the cores once, and records
  // split into fields without converting them.
  var count = 0
  var times = try (0..<options.runs("bytes")).map { _ in
    try seconds {
      count = try DatasetLoader.touchBytes(
        folder: options.data, threads: options.threads)
    }
  }
  emit("bytes", times, work: csvBytes(options.data), unit: "MB")
  times = try (0..<options.runs("scan")).map { _ in
    try seconds {
      count = try DatasetLoader.scanFields(
        folder: options.data, threads: options.threads)
    }
  }
  emit("scan", times, work: csvBytes(options.data), unit: "MB")
  precondition(count > 0, "the data set has no fields")

  var loaded: LoadedDataset?
  times = []
  for _ in 0..<options.runs("load") {
    times.append(
      seconds {
        loaded = DatasetLoader.load(
          folder: options.data, threads: options.threads)
      })
  }
  guard let loaded, !loaded.hasErrors else {
    FileHandle.standardError.write(Data("the data set has errors\n".utf8))
    exit(1)
  }
  emit("load", times, work: csvBytes(options.data), unit: "MB")
  let dataset = loaded.dataset

  var rows: Evaluator.RowScores?
  times = try (0..<options.runs("score_rows")).map { _ in
    seconds { rows = Evaluator.scoreRows(dataset) }
  }
  emit(
    "score_rows", times, work: Double(dataset.indicators.count), unit: "rows")

  var evaluation: Evaluation?
  times = try (0..<options.runs("composite")).map { _ in
    try seconds {
      guard let rows else { return }
      let result = try Evaluator.composite(dataset, rows)
      _ = Rollup(result, of: dataset, level: .unitTree)
      evaluation = result
    }
  }
  emit(
    "composite", times, work: Double(dataset.projects.count), unit: "projects")
  guard let evaluation else { return }

  var total = 0.0
  times = (0..<options.runs("simulate")).map { _ in
    seconds {
      let result = Reallocation(
        dataset, evaluation: evaluation, scenario: Scenario())
      total = result.after.reduce(0, +)
    }
  }
  emit(
    "simulate", times, work: Double(dataset.projects.count), unit: "projects")
  precondition(total >= 0, "a negative total")

  times = try (0..<options.runs("write")).map { _ in
    try seconds { try writeTables(dataset, evaluation, to: options.out) }
  }
  emit("write", times, work: Double(dataset.indicators.count), unit: "rows")

  // Standards: distributions of every measure per category and unit.
  var settings = StandardsSettings()
  settings.groupBy = [.category, .unit]
  settings.threads = options.threads
  var study: StandardsStudy?
  times = (0..<options.runs("standards")).map { _ in
    seconds {
      let measures = Measures([dataset], years: [DatasetYear.of(dataset)])
      study = StandardsStudy([dataset], measures: measures, settings: settings)
    }
  }
  if let study {
    let groups = study.finest.labels.count
    emit(
      "standards", times, work: Double(study.measures.count), unit: "values",
      extra: "\"groups\": \(groups), \"cells\": \(study.finest.cells.count)")
    try AtomicWriter(folder: options.out, inputs: [dataset.folder]).write(
      [StandardsReport.distributions(study, language: .english)], format: .csv)
  }

  times = try (0..<options.runs("end_to_end")).map { _ in
    try seconds {
      let fresh = DatasetLoader.load(
        folder: options.data, threads: options.threads)
      let result = try Evaluator.evaluate(fresh.dataset)
      try writeTables(fresh.dataset, result, to: options.out)
    }
  }
  emit(
    "end_to_end", times, work: Double(dataset.indicators.count), unit: "rows")
}

do {
  try main()
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
