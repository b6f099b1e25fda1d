import Foundation
import Jixiao

/// Where a command's tables go: the terminal, or files with `--out`.
struct Output {
  var format: OutputFormat
  var language: Language
  var folder: String?

  init(_ arguments: Arguments) throws(UsageError) {
    let formatName = arguments["format"] ?? "table"
    guard let format = OutputFormat(rawValue: formatName) else {
      throw UsageError(
        message: "--format is \(formatName); use table, csv or json.")
    }
    let languageName = arguments["lang"] ?? "en"
    guard let language = Language(rawValue: languageName) else {
      throw UsageError(message: "--lang is \(languageName); use zh or en.")
    }
    self.format = format
    self.language = language
    self.folder = arguments["out"]
  }

  /// Prints the tables, or writes them to the `--out` folder.
  ///
  /// - Parameters:
  ///   - shown: tables printed on the terminal in table format.
  ///   - all: every table; written with `--out`, or printed as JSON.
  ///   - primary: the table printed with `--format csv`.
  ///   - inputs: files and folders that must not be written over.
  func emit(
    shown: [ReportTable], all: [ReportTable], primary: ReportTable,
    inputs: [String]
  ) throws(InputError) {
    if let folder {
      let fileFormat: OutputFormat = format == .json ? .json : .csv
      let files = all.map {
        ("\($0.name).\(fileFormat.fileExtension)", $0.render(fileFormat))
      }
      let writer = AtomicWriter(folder: folder, inputs: inputs)
      try writer.write(files.map { (name: $0.0, contents: $0.1) })
      for table in shown where format == .table { print(table.renderText()) }
      for (name, _) in files { print("wrote \(writer.path(for: name))") }
      return
    }
    switch format {
    case .table:
      print(
        shown.map { $0.renderText() }.joined(separator: "\n"), terminator: "")
    case .csv:
      print(primary.renderCSV(), terminator: "")
    case .json:
      let parts = all.map {
        "\(jsonKey($0.name)): \($0.renderJSON().trimmingCharacters(in: .newlines))"
      }
      print("{\n" + parts.joined(separator: ",\n") + "\n}")
    }
  }

  private func jsonKey(_ name: String) -> String { "\"\(name)\"" }
}

/// Writes diagnostics to standard error.
func report(
  _ diagnostics: [Diagnostic], minimum: Diagnostic.Severity = .warning
) {
  for diagnostic in diagnostics where diagnostic.severity <= minimum {
    FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
