import Foundation

/// Checks that the data sets of one standards study can be pooled.
///
/// A study pools the values of every data set it is given, so data sets
/// that measure money in different units (万元 and USD million) would mix
/// amounts that differ by orders of magnitude in the unit costs and the
/// quotas, without any sign of it in the tables.
public enum StandardsInputs {
  /// The faults that stop `datasets` from being pooled, each at its
  /// place: a money unit unlike the first data set's, and a project id
  /// found in two data sets of the same year (the same data set copied,
  /// or a project entered twice), which would count the project twice.
  ///
  /// - Complexity: O(projects) of the data sets that share a year with
  ///   another; O(number of data sets) otherwise.
  public static func check(_ datasets: [Dataset]) -> [Diagnostic] {
    guard let first = datasets.first else { return [] }
    var diagnostics = repeatedProjects(datasets)
    for dataset in datasets.dropFirst()
    where dataset.info.moneyUnit != first.info.moneyUnit {
      let (file, line, column) = moneyUnitPlace(dataset)
      let firstLine = moneyUnitPlace(first).1
      let given =
        firstLine > 0
        ? "" : " (the default: its dataset.json gives no moneyUnit)"
      diagnostics.append(
        Diagnostic(
          .error, file: file, line: line, column: column,
          "the data set \(dataset.folder) counts money in "
            + "\(dataset.info.moneyUnit), but \(first.folder) counts it in "
            + "\(first.info.moneyUnit)\(given); amounts in different units "
            + "cannot be pooled into one standard.",
          help:
            "Give together only data sets of one money unit, or convert the "
            + "amounts of one and set its moneyUnit in dataset.json."))
    }
    return diagnostics
  }

  /// How many repeated projects are named per pair of data sets before
  /// the rest are only counted.
  static let repeatsNamed = 5

  /// Projects whose id is in an earlier data set of the same year.
  static func repeatedProjects(_ datasets: [Dataset]) -> [Diagnostic] {
    let years = datasets.map(DatasetYear.of)
    var diagnostics: [Diagnostic] = []
    for (d, dataset) in datasets.enumerated() {
      for e in 0..<d where years[e] == years[d] {
        let earlier = datasets[e]
        var lineOf: [String: Int] = [:]
        for p in 0..<earlier.projects.count {
          lineOf[earlier.projects.ids[p]] = line(earlier, p)
        }
        var repeats = 0
        for p in 0..<dataset.projects.count {
          let id = dataset.projects.ids[p]
          guard let firstLine = lineOf[id] else { continue }
          repeats += 1
          guard repeats <= repeatsNamed else { continue }
          let year = years[d] > 0 ? "year \(years[d])" : "year unknown"
          diagnostics.append(
            Diagnostic(
              .error, file: DatasetLoader.path(dataset.folder, "projects.csv"),
              line: line(dataset, p), column: line(dataset, p) > 0 ? 1 : 0,
              "project \(id) is also at "
                + "\(DatasetLoader.path(earlier.folder, "projects.csv")):"
                + "\(firstLine), in a data set of the same \(year); pooled, "
                + "its values would count twice.",
              help:
                "Give each data set once, and each project in one data set "
                + "of its year."))
        }
        if repeats > repeatsNamed {
          diagnostics.append(
            Diagnostic(
              .error, file: DatasetLoader.path(dataset.folder, "projects.csv"),
              "\(repeats - repeatsNamed) more project(s) are also in "
                + "\(earlier.folder) (\(repeats) in all)."))
        }
      }
    }
    return diagnostics
  }

  private static func line(_ dataset: Dataset, _ project: Int) -> Int {
    project < dataset.projects.line.count
      ? Int(dataset.projects.line[project]) : 0
  }

  /// Where a data set's money unit is given: the `moneyUnit` value of its
  /// dataset.json, or the file (or folder) when it takes the default.
  static func moneyUnitPlace(_ dataset: Dataset) -> (String, Int, Int) {
    let path = DatasetLoader.path(dataset.folder, "dataset.json")
    guard let document = try? JSONDocument.read(path) else {
      return (dataset.folder, 0, 0)
    }
    let place = document.places.position(of: "moneyUnit")
    return (path, place?.line ?? 0, place?.column ?? 0)
  }
}
