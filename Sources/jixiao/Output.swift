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
    self.threads = try threadCount(arguments)
  }

  /// Rows of the longest table printed on the terminal next to `--out`.
  static let longestShown = 60

  /// Cores that format large tables.
  var threads: Int

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
      let writer = AtomicWriter(folder: folder, inputs: inputs)
      let removed = try writer.write(all, format: fileFormat, threads: threads)
      // With files written, the terminal gets only the short tables; a
      // long one (every project, a deep unit tree) is in its file.
      for table in shown where format == .table {
        if table.rowCount <= Self.longestShown {
          print(table.renderText())
        } else {
          print(
            "\(table.title): \(table.rowCount) rows, in "
              + "\(writer.path(for: "\(table.name).\(fileFormat.fileExtension)"))"
          )
          for line in table.footnotes { print(line) }
        }
      }
      for table in all {
        print(
          "wrote \(writer.path(for: "\(table.name).\(fileFormat.fileExtension)"))"
        )
      }
      for name in removed {
        print("removed \(writer.path(for: name)) (an earlier run's table)")
      }
      return
    }
    switch format {
    case .table:
      print(
        shown.map { $0.renderText() }.joined(separator: "\n"), terminator: "")
    case .csv:
      var out = StandardOutput()
      try primary.write(.csv, to: &out, threads: threads)
    case .json:
      var out = StandardOutput()
      try out.write(Array("{\n".utf8))
      for (index, table) in all.enumerated() {
        try out.write(Array("\(jsonKey(table.name)): ".utf8))
        var buffer = CollectingSink()
        try table.write(.json, to: &buffer, threads: threads)
        // Drop the array's final line break inside the object.
        if buffer.bytes.last == 0x0A { buffer.bytes.removeLast() }
        try out.write(buffer.bytes)
        try out.write(Array((index + 1 < all.count ? ",\n" : "\n").utf8))
      }
      try out.write(Array("}\n".utf8))
    }
  }

  private func jsonKey(_ name: String) -> String { "\"\(name)\"" }
}

/// Bytes kept in memory.
struct CollectingSink: ByteSink {
  var bytes: [UInt8] = []

  mutating func write(_ more: UnsafeRawBufferPointer) throws(InputError) {
    bytes.append(contentsOf: more)
  }
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
