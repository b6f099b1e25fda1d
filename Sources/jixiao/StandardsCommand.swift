import Foundation
import Jixiao
import JixiaoNumerics

/// `jixiao standards DATASET [DATASET …] [--by KEYS] …`: distributions,
/// standard and benchmark values, quota standards and target review.
func runStandards(_ words: [String]) throws(UsageError) -> ExitStatus {
  let arguments = try Arguments(
    words,
    options: [
      "by", "quantile-type", "outliers", "standard", "trim", "benchmark",
      "min-group", "overshoot", "format", "out", "lang", "threads", "scheme",
      "codes",
    ],
    flags: commonFlags.union(["winsorize", "robust", "detail"]))
  let output = try Output(arguments)
  let settings = try standardsSettings(arguments)
  guard !arguments.positionals.isEmpty else {
    throw UsageError(
      message: "name one or more data set folders (one per year).")
  }
  var seen: [String: String] = [:]
  for folder in arguments.positionals {
    let real = AtomicWriter.canonical(folder)
    if let earlier = seen[real] {
      let same = earlier == folder ? "" : " (as \(earlier) and \(folder))"
      throw UsageError(
        message:
          "the data set \(folder) is given twice\(same); its projects would "
          + "count twice. Name each data set folder once.")
    }
    seen[real] = folder
  }
  var codes = IndicatorCodes()
  var inputList: [String] = []
  if let path = arguments["codes"] {
    do {
      codes = try IndicatorCodes(contentsOf: path)
    } catch {
      report(error.diagnostics)
      printError("nothing was computed.")
      return .failure
    }
    inputList.append(path)
  }
  var datasets: [Dataset] = []
  for folder in arguments.positionals {
    let loaded = DatasetLoader.load(
      folder: folder, schemePath: arguments["scheme"], threads: settings.threads
    )
    printTimings(arguments, loaded.timings)
    if loaded.hasErrors {
      report(loaded.diagnostics)
      let count = loaded.diagnostics.count { $0.severity == .error }
      printError(
        "\(count) error(s) in \(folder); nothing was computed. Run `jixiao check \(folder)\(arguments["scheme"].map { " --scheme \($0)" } ?? "")` "
          + "for the full list.")
      return .failure
    }
    report(loaded.diagnostics)
    datasets.append(loaded.dataset)
    inputList += inputs(arguments, dataset: loaded.dataset)
  }
  let pooling =
    StandardsInputs.check(datasets)
    + StandardsInputs.checkCodes(datasets, codes: codes)
    + codes.check(datasets)
  report(pooling)
  if pooling.contains(where: { $0.severity == .error }) {
    printError("nothing was computed.")
    return .failure
  }
  return reportingFailures {
    var clock = Stopwatch()
    let years = datasets.map(DatasetYear.of)
    let measures = Measures(datasets, years: years, codes: codes)
    if measures.count == 0 {
      let projects = datasets.reduce(0) { $0 + $1.projects.count }
      printError(
        "note: there is nothing to compute: "
          + (projects == 0
            ? "the data set(s) have no projects"
            : "no project of the \(projects) has a quantitative, observed or "
              + "rating row that applies")
          + "; the tables are empty.")
    }
    let study = StandardsStudy(datasets, measures: measures, settings: settings)
    let quotas = QuotaStudy(study, datasets)
    let review = TargetReview(study, datasets)
    var trends: Trends?
    if Set(years).count > 1 {
      let yearly = StandardsStudy(
        datasets, measures: measures, settings: Trends.settings(for: settings))
      trends = Trends(yearly)
    }
    clock.lap("standards")
    let language = output.language
    var all = [
      StandardsReport.standards(study, language: language),
      StandardsReport.distributions(study, language: language),
      StandardsReport.outliers(study, datasets, language: language),
      StandardsReport.quotas(study, quotas, language: language),
      StandardsReport.quotaProjects(
        study, quotas, datasets, language: language),
      StandardsReport.targetReview(study, review, datasets, language: language),
    ]
    if let trends {
      all.append(StandardsReport.trends(study, trends, language: language))
    }
    // A data set of ratings only has no quantities, so no quotas to show.
    var shown =
      quotas.fits.isEmpty && quotas.unfitted.isEmpty
      ? [all[0]] : [all[0], all[3]]
    let shares = RatingShares(study)
    if !shares.cells.isEmpty {
      let ratings = StandardsReport.ratings(study, shares, language: language)
      all += [
        ratings,
        StandardsReport.ratingShares(study, shares, language: language),
      ]
      shown.append(ratings)
    }
    all.append(StandardsReport.settings(study, language: language))
    if arguments.has("detail") { shown = all }
    try output.emit(shown: shown, all: all, primary: all[0], inputs: inputList)
    if output.format == .table, output.folder == nil {
      let flagged = quotas.projects.count { $0.excess > 0 }
      func count(_ flag: TargetReview.Flags) -> Int {
        review.findings.count { $0.flags.contains(flag) }
      }
      print(
        "\(study.outliers.count) value(s) screened as outliers. Target review: "
          + "\(count(.belowStandard)) target(s) softer than the standard, "
          + "\(count(.belowBenchmark)) softer than the benchmark, "
          + "\(count(.belowHistory)) softer than last year's actual, "
          + "\(count(.overshoot)) overshot. \(flagged) of \(quotas.projects.count) project "
          + "quota(s) above their bound. Add --detail to list them, or --out DIR."
      )
    }
    clock.lap("tables and output")
    printTimings(arguments, clock.laps)
  }
}

/// The settings of `standards` from its options.
func standardsSettings(_ arguments: Arguments) throws(UsageError)
  -> StandardsSettings
{
  var settings = StandardsSettings()
  settings.threads = try threadCount(arguments)
  if let text = arguments["by"] {
    var keys: [StandardsSettings.GroupKey] = []
    for word in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = word.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else {
        throw UsageError(
          message:
            "--by is \(text), with an empty key; name the keys separated by "
            + "single commas, such as category,level.")
      }
      guard let key = StandardsSettings.GroupKey(rawValue: name) else {
        throw UsageError(
          message:
            "--by names \(name); use category, industry, level, region, year or unit, "
            + "separated by commas.")
      }
      guard !keys.contains(key) else {
        throw UsageError(message: "--by names \(name) twice.")
      }
      keys.append(key)
    }
    settings.groupBy = keys
  }
  if let text = arguments["quantile-type"] {
    guard let type = Int(text).flatMap(QuantileDefinition.init(rawValue:))
    else {
      throw UsageError(
        message:
          "--quantile-type is \(text); give 1 to 9 (Hyndman & Fan; 7 is the default)."
      )
    }
    settings.quantiles = type
  }
  if let text = arguments["outliers"] {
    let parts = text.split(
      separator: ":", maxSplits: 1, omittingEmptySubsequences: false
    ).map(String.init)
    var value: Double?
    if parts.count == 2 {
      guard parts[0] != "none" else {
        throw UsageError(
          message:
            "--outliers is \(text); none takes no number (use iqr:K or mad:Z "
            + "for a rule with one).")
      }
      guard let given = plainDecimal(parts[1]), given > 0 else {
        throw UsageError(
          message:
            "--outliers is \(text); the number after : must be a plain "
            + "decimal above 0, such as iqr:3 or mad:3.5.")
      }
      value = given
    }
    switch parts[0] {
    case "none": settings.outliers = .none
    case "iqr": settings.outliers = .interquartile(k: value ?? 1.5)
    case "mad": settings.outliers = .robustZ(threshold: value ?? 3.5)
    default:
      throw UsageError(
        message:
          "--outliers is \(text); use iqr (or iqr:K), mad (or mad:Z) or none.")
    }
  }
  settings.winsorize = arguments.has("winsorize")
  if settings.winsorize, case .none = settings.outliers {
    throw UsageError(
      message:
        "--winsorize pulls screened values in to the fence, but --outliers "
        + "none screens none; drop --winsorize, or choose iqr or mad.")
  }
  settings.robustQuotas = arguments.has("robust")
  if let text = arguments["standard"] {
    switch text {
    case "median": settings.standard = .median
    case "mean": settings.standard = .mean
    case "trimmed": settings.standard = .trimmedMean
    default:
      throw UsageError(
        message: "--standard is \(text); use median, mean or trimmed.")
    }
  }
  if let text = arguments["trim"] {
    guard let value = plainDecimal(text), value >= 0, value < 0.5 else {
      throw UsageError(
        message:
          "--trim is \(text); give a share from 0 to below 0.5, such as 0.1.")
    }
    settings.trim = value
  }
  if let text = arguments["benchmark"] {
    if text == "best" {
      settings.benchmark = .bestInClass
    } else if text.hasPrefix("p"),
      let percent = plainDecimal(String(text.dropFirst())),
      percent > 50,
      percent < 100
    {
      settings.benchmark = .percentile(percent / 100)
    } else {
      throw UsageError(
        message:
          "--benchmark is \(text); use pNN for a percentile in the good direction "
          + "(p80, the default; above 50 and below 100) or best.")
    }
  }
  if let text = arguments["min-group"] {
    guard let value = Int(text), value >= 1 else {
      throw UsageError(
        message: "--min-group is \(text); give a whole number ≥ 1.")
    }
    settings.minimumGroupSize = value
  }
  if let text = arguments["overshoot"] {
    guard let value = plainDecimal(text), value > 1 else {
      throw UsageError(
        message: "--overshoot is \(text); give a ratio above 1, such as 1.2.")
    }
    settings.overshootRatio = value
  }
  return settings
}

/// A number written as plain decimal digits with at most one point
/// (`3`, `1.5`, `.25`), and finite: no sign, exponent (`1e400`), hex
/// (`0x0.1`), `inf` or `nan`, which `Double.init` would all accept. The
/// options that take one are ratios and shares a person types, and a
/// form they would not type is more likely a slip than a setting.
func plainDecimal(_ text: String) -> Double? {
  var digits = 0
  var points = 0
  for character in text {
    if character == "." {
      points += 1
    } else if character.isASCII, character.isNumber {
      digits += 1
    } else {
      return nil
    }
  }
  guard digits > 0, points <= 1, let value = Double(text), value.isFinite
  else { return nil }
  return value
}
