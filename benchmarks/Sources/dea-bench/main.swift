import Foundation
import Jixiao
import JixiaoNumerics

/// `dea-bench --units N [--seed S] [--runs R] [--threads T] [--csv PATH]
/// [--scores PATH]`: times DEA (VRS, input orientation, two phases) on
/// `SyntheticUnits` data with 3 inputs and 4 outputs and prints one JSON
/// line per case. `--csv` writes the data for the peer; `--scores` the
/// scores, to check the peer's against.
struct Options {
  var units = 5000
  var seed: UInt64 = 1
  var runs = 3
  var threads = 1
  var csv = ""
  var scores = ""
}

func parse() -> Options {
  var options = Options()
  var words = CommandLine.arguments.dropFirst().makeIterator()
  while let word = words.next() {
    let value = words.next() ?? ""
    switch word {
    case "--units": options.units = Int(value) ?? options.units
    case "--seed": options.seed = UInt64(value) ?? options.seed
    case "--runs": options.runs = Int(value) ?? options.runs
    case "--threads": options.threads = Int(value) ?? options.threads
    case "--csv": options.csv = value
    case "--scores": options.scores = value
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

func main() throws {
  let options = parse()
  BLAS.setThreadCount(1)
  let data = try SyntheticUnits.make(
    units: options.units, inputs: 3, outputs: 4, seed: options.seed)
  if !options.csv.isEmpty {
    var text = "unit,x1,x2,x3,y1,y2,y3,y4\n"
    for j in 0..<data.unitCount {
      let x = (0..<3).map { String(data.input($0, of: j)) }
      let y = (0..<4).map { String(data.output($0, of: j)) }
      text += ([data.unitNames[j]] + x + y).joined(separator: ",") + "\n"
    }
    try text.write(toFile: options.csv, atomically: true, encoding: .utf8)
  }
  let cases: [(String, Bool, Bool)] = [
    ("dea_vrs_input", true, true),
    ("dea_vrs_input_scores_only", true, false),
    ("dea_vrs_input_full_lps", false, false),
  ]
  for (stage, reduction, slacks) in cases {
    if !reduction && options.units > 5000 { continue }
    var settings = DEASettings(returns: .variable, orientation: .input)
    settings.slacks = slacks
    settings.referenceSetReduction = reduction
    let dea = DEA(settings: settings, threads: options.threads)
    var result: DEAResult?
    let times = (0..<(reduction ? options.runs : 1)).map { _ in
      seconds { result = dea.evaluate(data) }
    }
    guard let result else { continue }
    let solved = (0..<data.unitCount).count { result.unit($0) != nil }
    let efficient = (0..<data.unitCount).count {
      (result.unit($0)?.score ?? 0) > 1 - 1e-9
    }
    let list = times.map { String(format: "%.4f", $0) }.joined(separator: ", ")
    print(
      "{\"tool\": \"jixiao\", \"stage\": \"\(stage)\", \"units\": \(data.unitCount), "
        + "\"threads\": \(options.threads), \"seconds\": [\(list)], "
        + "\"solved\": \(solved), \"efficient\": \(efficient), "
        + "\"reference_set\": \(result.referenceSet.count)}")
    if stage == "dea_vrs_input" && !options.scores.isEmpty {
      var text = "unit,theta\n"
      for j in 0..<data.unitCount {
        text +=
          "\(data.unitNames[j]),\(result.unit(j).map { String($0.score) } ?? "")\n"
      }
      try text.write(toFile: options.scores, atomically: true, encoding: .utf8)
    }
  }
}

try main()
