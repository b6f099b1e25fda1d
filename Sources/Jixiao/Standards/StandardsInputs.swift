import Foundation

/// Checks that the data sets of one standards study can be pooled.
///
/// A study pools the values of every data set it is given, so data sets
/// that measure money in different units (万元 and USD million) would mix
/// amounts that differ by orders of magnitude in the unit costs and the
/// quotas, without any sign of it in the tables.
public enum StandardsInputs {
  /// The faults that stop `datasets` from being pooled, each at its
  /// place: a money unit unlike the first data set's.
  ///
  /// - Complexity: O(number of data sets).
  public static func check(_ datasets: [Dataset]) -> [Diagnostic] {
    guard let first = datasets.first else { return [] }
    var diagnostics: [Diagnostic] = []
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
