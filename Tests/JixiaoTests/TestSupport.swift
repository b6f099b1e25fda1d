import Foundation
import Testing

@testable import Jixiao

/// Paths and scratch folders shared by the tests.
enum Fixture {
  /// The repository root, found from this file's path.
  static let repoRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func repo(_ relative: String) -> String { repoRoot + "/" + relative }

  /// The folder of this test run's scratch folders. Folders of earlier
  /// runs are removed first, so repeated runs do not fill the disk.
  static let scratchRoot: String = {
    let base = NSTemporaryDirectory() + "jixiao-tests"
    let run = base + "/run-\(ProcessInfo.processInfo.processIdentifier)"
    let manager = FileManager.default
    for old in (try? manager.contentsOfDirectory(atPath: base)) ?? [] {
      let path = base + "/" + old
      let modified =
        (try? manager.attributesOfItem(atPath: path))?[.modificationDate]
        as? Date
      // Keep folders of runs that may still be going (another process).
      if let modified, Date().timeIntervalSince(modified) > 3600 {
        try? manager.removeItem(atPath: path)
      }
    }
    try? manager.createDirectory(atPath: run, withIntermediateDirectories: true)
    return run
  }()

  /// A fresh empty folder under this run's scratch root.
  static func temporaryFolder() -> String {
    let path = scratchRoot + "/" + UUID().uuidString
    try? FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A valid two-project data set; `changes` replaces whole files.
  static let validFiles: [String: String] = [
    "units.csv": """
    id,name,parent,level
    U1,省总工会,,province
    U2,市总工会,U1,city
    """,
    "duties.csv": """
    id,unit,name
    D1,U2,维护职工合法权益
    """,
    "activities.csv": """
    id,duty,name
    A1,D1,困难职工帮扶
    """,
    "projects.csv": """
    id,name,unit,activity,category,budget,executed,start_year,end_year,major
    P1,送温暖,U2,A1,维权帮扶,100,90,2022,2024,1
    P2,技能培训,U2,A1,技能培训,50,50,2022,2022,0
    """,
    "indicators.csv": """
    project,dimension,subdimension,name,kind,operator,target,actual,unit,weight
    P1,产出指标,数量指标,慰问人数,定量,>=,200,180,人,25
    P1,output,时效指标,按时发放,qualitative,,,达成年度指标,,25
    P1,benefit,社会效益,困难职工覆盖率,quantitative,>=,90,95,%,30
    P1,satisfaction,服务对象满意度,满意度,quantitative,>=,90,92,%,10
    P2,output,数量指标,培训人数,quantitative,>=,100,100,人,50
    P2,benefit,社会效益,取证率,quantitative,>=,80,80,%,30
    P2,satisfaction,服务对象满意度,满意度,quantitative,>=,90,90,%,10
    """,
  ]

  /// Writes a data set folder: the valid files with `changes` applied
  /// (a nil value deletes the file).
  static func dataset(_ changes: [String: String?] = [:]) -> String {
    let folder = temporaryFolder()
    var files: [String: String?] = validFiles.mapValues { $0 }
    for (name, contents) in changes { files[name] = contents }
    for (name, contents) in files {
      guard let contents else { continue }
      _ = FileManager.default.createFile(
        atPath: folder + "/" + name, contents: Data((contents + "\n").utf8))
    }
    return folder
  }

  /// Re-runs the documented import of a bundled data set and expects it
  /// to reproduce the committed files byte for byte.
  static func expectImportReproduces(
    _ name: String, table: String, projects: Int
  ) throws {
    let out = temporaryFolder() + "/" + name
    let result = try Importer.run(
      table: repo("datasets/\(name)/import/\(table)"),
      mapping: repo("datasets/\(name)/import/mapping.json"), output: out)
    #expect(result.projectCount == projects)
    for file in [
      "units.csv", "duties.csv", "activities.csv", "projects.csv",
      "indicators.csv",
      "scheme.json", "dataset.json",
    ] {
      let made = FileManager.default.contents(atPath: out + "/" + file)
      let committed = FileManager.default.contents(
        atPath: repo("datasets/\(name)/" + file))
      #expect(made != nil && made == committed, "\(name)/\(file)")
    }
  }

  /// Loads a data set folder and returns its error and warning texts with
  /// the folder prefix removed.
  static func problems(
    _ folder: String, minimum: Diagnostic.Severity = .warning
  ) -> [String] {
    DatasetLoader.load(folder: folder).diagnostics
      .filter { $0.severity <= minimum }
      .map { $0.description.replacingOccurrences(of: folder + "/", with: "") }
  }
}

/// A CSV table from a string, with the diagnostics it produced.
func csv(_ text: String) throws -> (CSVTable, [Diagnostic]) {
  var log = DiagnosticLog()
  let table = try CSVTable(bytes: Array(text.utf8), path: "t.csv", log: &log)
  return (table, log.diagnostics)
}
