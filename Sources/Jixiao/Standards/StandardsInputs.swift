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

  /// How many wordings of one code a note lists.
  static let wordingsNamed = 5

  /// The faults of indicator codes (指标编号) in `datasets`, each at its
  /// row's code cell: a code given to two rows of one project is an
  /// error (both rows would be pooled as one indicator of one project,
  /// so the project counts twice), and a code written on rows of
  /// different wordings is a note that names them, since the rows are
  /// pooled as one indicator whatever their names say. Codes given by
  /// `codes` (the `--codes` table) join wordings on purpose, so only the
  /// rows' own codes are checked for wordings.
  ///
  /// - Complexity: O(indicator rows), with a String made only for the
  ///   rows of a code's first wording and for rows without a code when a
  ///   codes table is given.
  public static func checkCodes(
    _ datasets: [Dataset], codes: IndicatorCodes = IndicatorCodes()
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var places: [IndicatorPlaces?] = Array(
      repeating: nil, count: datasets.count)
    func place(
      _ d: Int, _ row: Int, _ field: String, _ severity: Diagnostic.Severity,
      _ message: String, help: String
    ) -> Diagnostic {
      if places[d] == nil { places[d] = IndicatorPlaces(datasets[d]) }
      return places[d]?.diagnostic(
        severity, row: row, field: field, message, help: help)
        ?? Diagnostic(
          severity, file: datasets[d].folder, message, help: help)
    }
    // Per code: the wordings in order of first use, with their first row.
    var wordings: [String: [(name: String, dataset: Int, row: Int)]] = [:]
    var codeOrder: [String] = []
    // Rows of one project pooled twice, per code: named, then counted.
    var repeats: [String: Int] = [:]
    for (d, dataset) in datasets.enumerated() {
      let rows = dataset.indicators
      // The first wording seen of each code of this data set's pool.
      var firstRow = [Int](repeating: -1, count: rows.code.values.count)
      for p in 0..<dataset.projects.count {
        var used: [(code: String, row: Int)] = []
        // Only measured rows are pooled (docs/standards.md).
        for r in rows.rows(of: p)
        where rows.kind[r] == .quantitative || rows.kind[r] == .observed {
          var code = rows.code[r]
          let isOwn = !code.isEmpty
          if !isOwn, !codes.isEmpty {
            code = codes.codeOfName[rows.names[r]] ?? ""
          }
          guard !code.isEmpty else { continue }
          // Rows of one code but another unit or direction are another
          // measure, not a repeat.
          if let earlier = used.first(where: {
            $0.code == code && rows.unit.codes[$0.row] == rows.unit.codes[r]
              && rows.op[$0.row] == rows.op[r]
          }) {
            repeats[code, default: 0] += 1
            if repeats[code, default: 0] <= repeatsNamed {
              diagnostics.append(
                place(
                  d, r, isOwn ? "id" : "name", .error,
                  "project \(dataset.projects.ids[p]) has the indicator code "
                    + "\(code) on two rows (line \(rows.line[earlier.row]) "
                    + "and this one); pooled, the project would count twice "
                    + "for it.",
                  help:
                    isOwn
                    ? "Give each row of a project its own code."
                    : "Give each wording of the project's rows its own code "
                      + "in the --codes table."))
            }
          }
          used.append((code, r))
          guard isOwn else { continue }
          let pooled = Int(rows.code.codes[r])
          if firstRow[pooled] >= 0,
            rows.names.withBytes(
              r,
              { a in
                rows.names.withBytes(firstRow[pooled]) { $0.elementsEqual(a) }
              })
          {
            continue
          }
          let name = rows.names[r]
          if wordings[code] == nil { codeOrder.append(code) }
          if !(wordings[code] ?? []).contains(where: { $0.name == name }) {
            wordings[code, default: []].append((name, d, r))
          }
          if firstRow[pooled] < 0 { firstRow[pooled] = r }
        }
      }
    }
    for (code, count) in repeats.sorted(by: { $0.key < $1.key })
    where count > repeatsNamed {
      diagnostics.append(
        Diagnostic(
          .error, file: "",
          "\(count - repeatsNamed) more project(s) have the indicator code "
            + "\(code) on two rows (\(count) in all)."))
    }
    for code in codeOrder {
      guard let list = wordings[code], list.count > 1 else { continue }
      let named = list.prefix(wordingsNamed).map { wording in
        let file = DatasetLoader.path(
          datasets[wording.dataset].folder, DatasetLoader.fileNames.indicators)
        let line = datasets[wording.dataset].indicators.line[wording.row]
        return "\"\(wording.name)\" (first at \(file):\(line))"
      }
      let more =
        list.count > wordingsNamed
        ? " and \(list.count - wordingsNamed) more" : ""
      let second = list[1]
      diagnostics.append(
        place(
          // A note, not a warning: a code is often given to join wordings
          // on purpose (the union data set's SAT), and then nothing is
          // wrong; the note still lets a slip be seen.
          second.dataset, second.row, "id", .note,
          "the indicator code \(code) is on rows of \(list.count) wordings: "
            + named.joined(separator: ", ") + more
            + "; they are pooled as one indicator.",
          help:
            "If they measure different things, give them different codes."))
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

/// Places of indicators.csv rows, read again for the few rows a message
/// is about: the field of a column, by its name, of the row on a line.
struct IndicatorPlaces {
  let file: CSVFile
  let map: ColumnMap
  let dataset: Dataset
  /// Byte offset of the start of each line (1-based: `lineStart[0]` is
  /// line 1).
  let lineStart: [Int]

  init?(_ dataset: Dataset) {
    let path = DatasetLoader.path(
      dataset.folder, DatasetLoader.fileNames.indicators)
    guard let file = try? CSVFile(contentsOf: path) else { return nil }
    var log = DiagnosticLog()
    self.file = file
    self.map = ColumnMap(file, specs: Columns.indicators, log: &log)
    self.dataset = dataset
    var starts = [0]
    for (offset, byte) in file.bytes.enumerated() where byte == 0x0A {
      starts.append(offset + 1)
    }
    self.lineStart = starts
  }

  /// A diagnostic at the `field` cell (`id`, `name`) of indicator row
  /// `row`; at the row's line when the column is missing.
  func diagnostic(
    _ severity: Diagnostic.Severity, row: Int, field: String,
    _ message: String, help: String
  ) -> Diagnostic {
    let line = Int(dataset.indicators.line[row])
    guard line >= 1, line <= lineStart.count,
      let column = map[field] ?? map["name"]
    else {
      return Diagnostic(
        severity, file: file.path, line: max(0, line), message, help: help)
    }
    // Line 1 starts after a byte-order mark, if any.
    let offset = line == 1 ? CSVFile.bodyStart(file.bytes) : lineStart[line - 1]
    return file.diagnostic(
      severity, recordAt: offset, line: line, column: column, message,
      help: help)
  }
}
