import Foundation
import Jixiao
import JixiaoNumerics

/// `mc-bench --dataset DIR --scenario FILE [--years Y] [--runs R]
/// [--seed S] [--threads "1 2"] [--export DIR]`: times the multi-year
/// Monte Carlo of one scenario (`MultiYearSimulation`) and prints one JSON
/// line per thread count with the mean figures per year, for the peer to
/// be checked against. `--export` writes the projects and units as the
/// peer reads them.
struct Options {
  var dataset = ""
  var scenario = ""
  var years = 3
  var runs = 1000
  var seed: UInt64 = 1
  var threads = [1, 2]
  var export = ""
}

func parse() -> Options {
  var options = Options()
  var words = CommandLine.arguments.dropFirst().makeIterator()
  while let word = words.next() {
    let value = words.next() ?? ""
    switch word {
    case "--dataset": options.dataset = value
    case "--scenario": options.scenario = value
    case "--years": options.years = Int(value) ?? options.years
    case "--runs": options.runs = Int(value) ?? options.runs
    case "--seed": options.seed = UInt64(value) ?? options.seed
    case "--threads":
      options.threads = value.split(separator: " ").compactMap { Int($0) }
    case "--export": options.export = value
    default:
      FileHandle.standardError.write(Data("unknown argument \(word)\n".utf8))
      exit(64)
    }
  }
  return options
}

func seconds(_ work: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  work()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The projects and units for the peer: one row each, indices for links.
func export(_ dataset: Dataset, _ evaluation: Evaluation, to folder: String)
  throws
{
  try FileManager.default.createDirectory(
    atPath: folder, withIntermediateDirectories: true)
  var text =
    "budget,score,status,grade,unit,category,multi_year,major,start_year,end_year\n"
  let p = dataset.projects
  for k in 0..<p.count {
    let status =
      switch evaluation.status[k] {
      case .scored: 0
      case .excluded: 2
      default: 1
      }
    let grade = evaluation.grade[k]?.rawValue ?? -1
    let multi = p.startYear[k] > 0 && p.endYear[k] > p.startYear[k]
    text +=
      "\(p.budget[k]),\(status == 0 ? evaluation.score[k] : 0),\(status),\(grade),"
      + "\(p.unit[k]),\(p.category[k]),\(multi ? 1 : 0),\(p.isMajor[k] ? 1 : 0),"
      + "\(p.startYear[k]),\(p.endYear[k])\n"
  }
  try text.write(
    toFile: folder + "/projects.csv", atomically: true, encoding: .utf8)
  var units = "members,level\n"
  for u in 0..<dataset.units.count {
    let members = dataset.units.members.isEmpty ? nil : dataset.units.members[u]
    units += "\(members.map { String($0) } ?? ""),\(dataset.units.level[u])\n"
  }
  try units.write(
    toFile: folder + "/units.csv", atomically: true, encoding: .utf8)
  let cutoffs = dataset.scheme.grades.map { String($0.minimum) }
  try
    "{\"year\": \(DatasetYear.of(dataset)), \"cutoffs\": [\(cutoffs.joined(separator: ", "))]}\n"
    .write(toFile: folder + "/meta.json", atomically: true, encoding: .utf8)
}

func main() throws {
  let options = parse()
  BLAS.setThreadCount(1)
  let loaded = DatasetLoader.load(folder: options.dataset)
  guard !loaded.hasErrors else {
    FileHandle.standardError.write(Data("the data set has errors\n".utf8))
    exit(1)
  }
  let dataset = loaded.dataset
  let evaluation = try Evaluator.evaluate(dataset)
  let (scenario, _) = try Scenario.load(from: options.scenario)
  if !options.export.isEmpty {
    try export(dataset, evaluation, to: options.export)
  }
  var settings = MultiYearSettings()
  settings.years = options.years
  settings.runs = options.runs
  settings.seed = options.seed
  for threads in options.threads {
    settings.threads = threads
    var result: MultiYearSimulation?
    let time = seconds {
      result = MultiYearSimulation(
        dataset, evaluation, scenario: scenario, settings: settings)
    }
    guard let result else { continue }
    func list(_ values: [Double]) -> String {
      "[" + values.map { String(format: "%.6f", $0) }.joined(separator: ", ")
        + "]"
    }
    let years = result.years
    let performance = years.map { $0.performance?.mean ?? -1 }
    let deviation = years.map { $0.performance?.deviation ?? -1 }
    let gini = years.map { $0.gini.first.flatMap { $0 } ?? -1 }
    var line = "{\"tool\": \"jixiao\", \"stage\": \"montecarlo\", "
    line += "\"projects\": \(dataset.projects.count), \"years\": \(options.years), "
    line += "\"runs\": \(options.runs), \"threads\": \(threads), "
    line += "\"seconds\": \(String(format: "%.4f", time)), "
    line += "\"budget\": \(list(years.map(\.budget.mean))), "
    line += "\"performance\": \(list(performance)), "
    line += "\"performance_sd\": \(list(deviation)), "
    line += "\"ended\": \(list(years.map(\.exited.mean))), "
    line += "\"gini\": \(list(gini))}"
    print(line)
  }
}

try main()
