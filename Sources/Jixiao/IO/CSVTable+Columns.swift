/// Finding the columns a command names in a wide table's header, with the
/// faults every reader reports the same way.
extension CSVTable {
  /// A header of one column that holds `;`, a tab or `|` is a file saved
  /// with another separator: say so rather than report missing columns.
  func checkSeparator() throws(InputError) {
    guard header.count == 1, let only = header.first,
      let separator = [";", "\t", "|"].first(where: { only.contains($0) })
    else { return }
    throw InputError(
      Diagnostic(
        .error, file: path, line: 1,
        "the header is one column, \"\(only)\", split by \(separator == "\t" ? "tabs" : "\"\(separator)\"").",
        help: "Save the table as comma-separated CSV (UTF-8)."))
  }

  /// The column called `name` (without regard to case), or nil with the
  /// fault logged: a name the header has twice, or not at all (with the
  /// nearest name it has). `role` says what the column is for.
  func column(named name: String, role: String, log: inout DiagnosticLog)
    -> Int?
  {
    let lowered = header.map { $0.lowercased() }
    let matches = lowered.indices.filter { lowered[$0] == name.lowercased() }
    if matches.count > 1 {
      log.append(
        headerDiagnostic(
          .error, column: matches[1],
          "the header names \"\(header[matches[1]])\" twice (columns \(matches[0] + 1) and "
            + "\(matches[1] + 1); names match without regard to case).",
          help:
            "Give each column its own name, so it is clear which one is the \(role)."
        ))
      return nil
    }
    if let k = matches.first { return k }
    let hint =
      nearest(name, in: header).map { " Did you mean \"\($0)\"?" } ?? ""
    log.append(
      Diagnostic(
        .error, file: path, line: 1,
        "the \(role) column \"\(name)\" is not in the header.\(hint)",
        help: "Name columns as the header spells them (case does not matter)."
      ))
    return nil
  }
}
