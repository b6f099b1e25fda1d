import Dispatch
import Foundation
import JixiaoNumerics

/// Writes realistic synthetic data sets in the documented format
/// (docs/format.md), from a thousand to ten million projects.
///
/// The unit tree is a province federation with its institutions, the 14
/// city federations of Guangxi with theirs, county federations, and
/// grassroots unions (one per `projectsPerLeafUnit` projects). Each unit
/// owns duties (one per spending category it works in), each duty 1–3
/// activities, each project one activity and 5–20 indicator rows mixing
/// output, benefit and satisfaction; docs/generate.md lists every
/// distribution.
///
/// Determinism: the tree comes from stream 0 of the seed; projects come in
/// blocks of `blockSize`, block b from stream b + 1, so the files depend
/// only on the settings, never on the thread count or timing.
public enum SyntheticGenerator {
  /// What was written.
  public struct Summary: Sendable {
    public var units = 0
    public var duties = 0
    public var activities = 0
    public var projects = 0
    public var indicators = 0
    public var bytes = 0
  }

  static let blockSize = 2_048
  /// Blocks generated concurrently before their bytes are written.
  static let wave = 32
  public static let largestProjectCount = 10_000_000

  /// Generates a data set into `folder` (created if missing).
  ///
  /// The folder must be new, empty, or an earlier output of the generator
  /// (its dataset.json says so): real data is never written over.
  public static func generate(
    _ settings: SyntheticSettings, into folder: String
  ) throws(InputError) -> Summary {
    guard (1...largestProjectCount).contains(settings.projects) else {
      throw InputError(
        Diagnostic(
          .error, file: folder,
          "cannot hold \(settings.projects) projects: the generator makes 1 to "
            + "\(largestProjectCount).",
          help: "Choose --projects from 1 to 10000000."))
    }
    try checkFolder(folder)

    // All files appear together; dataset.json, which marks the folder as a
    // complete generated set, is put in place last.
    var staged = try StagedFiles(
      folder: folder, names: fileNames, owned: Set(fileNames))
    let tree = SyntheticTree(settings)
    var summary = Summary()
    summary.units = tree.units.count
    summary.duties = tree.duties.count
    summary.activities = tree.activities.count
    summary.projects = settings.projects

    var streams: [Int] = []
    for index in fileNames.indices { streams.append(try staged.open(index)) }
    let small: [[UInt8]] = [
      tree.unitsCSV(), tree.dutiesCSV(), tree.activitiesCSV(),
      Array(defaultScheme.utf8),
    ]
    for (index, bytes) in small.enumerated() {
      try staged.write(streams[index], bytes)
      summary.bytes += bytes.count
    }
    let (rows, bytes) = try writeProjects(
      settings, tree, &staged, streams: Array(streams[4...6]))
    summary.indicators = rows
    summary.bytes += bytes
    let info = Array(info(settings).utf8)
    try staged.write(streams[7], info)
    summary.bytes += info.count
    try staged.commit()
    return summary
  }

  /// The files of a generated set, in the order they are put in place.
  static let fileNames = [
    "units.csv", "duties.csv", "activities.csv", "scheme.json",
    "projects.csv", "indicators.csv", "spending.csv", "dataset.json",
  ]

  /// Refuses a folder that holds anything but an earlier generated set.
  private static func checkFolder(_ folder: String) throws(InputError) {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder, isDirectory: &isDirectory) else {
      return
    }
    guard isDirectory.boolValue else {
      throw InputError(
        Diagnostic(
          .error, file: folder, "is a file, not a folder.",
          help: "Name a new folder for the data set."))
    }
    let entries = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
    if entries.filter({ !$0.hasPrefix(".") }).isEmpty { return }
    let info = DatasetLoader.path(folder, "dataset.json")
    if let data = manager.contents(atPath: info),
      String(decoding: data, as: UTF8.self).contains(generatorMark)
    {
      return
    }
    throw InputError(
      Diagnostic(
        .error, file: folder,
        "is not empty and was not made by jixiao generate; nothing was written.",
        help: "Name a new folder, or remove this one first."))
  }

  static let generatorMark = "\"generator\": \"jixiao generate\""

  private static func info(_ settings: SyntheticSettings) -> String {
    """
    {
      "name": "synthetic union data set (\(settings.projects) projects, seed \(settings.seed))",
      "moneyUnit": "万元",
      "description": "Synthetic: made by jixiao generate --projects \(settings.projects) --seed \(settings.seed) for the year \(settings.year). No figure is real; see docs/generate.md for the distributions.",
      "source": "jixiao generate",
      \(generatorMark)
    }

    """
  }

  /// The default 财预〔2020〕10号 scheme, with the Chinese names the
  /// generated rows use.
  static let defaultScheme = """
    {
      "method": "selfEvaluation",
      "dimensions": [
        { "id": "execution",    "name": "预算执行率", "weight": 10 },
        { "id": "output",       "name": "产出指标",   "weight": 50 },
        { "id": "benefit",      "name": "效益指标",   "weight": 30 },
        { "id": "satisfaction", "name": "满意度指标", "weight": 10 }
      ],
      "requiredDimensions": ["output", "benefit", "satisfaction"],
      "weightCheck": "dimension"
    }

    """

  /// Generates projects, indicators and spending curves block by block,
  /// a wave of blocks at a time on all cores, and streams them to disk.
  private static func writeProjects(
    _ settings: SyntheticSettings, _ tree: SyntheticTree,
    _ staged: inout StagedFiles, streams: [Int]
  ) throws(InputError) -> (rows: Int, bytes: Int) {
    var total = 0
    var rows = 0
    for (index, header) in [
      ProjectBlock.projectHeader, ProjectBlock.indicatorHeader,
      ProjectBlock.spendingHeader,
    ].enumerated() {
      try staged.write(streams[index], Array(header.utf8))
      total += header.utf8.count
    }

    let blockCount = (settings.projects + blockSize - 1) / blockSize
    var first = 0
    while first < blockCount {
      let count = min(wave, blockCount - first)
      let blocks = ResultSlots<ProjectBlock>(count: count)
      let firstBlock = first
      parallelFor(count, threads: settings.threads) { offset in
        let block = firstBlock + offset
        let start = block * blockSize
        let end = min(settings.projects, start + blockSize)
        blocks[offset] = ProjectBlock(
          settings, tree, projects: start..<end, stream: UInt64(block + 1))
      }
      for offset in 0..<count {
        guard let block = blocks[offset] else { continue }
        for (index, text) in [block.projects, block.indicators, block.spending]
          .enumerated()
        {
          try staged.write(streams[index], text)
          total += text.count
        }
        rows += block.rowCount
      }
      first += count
    }
    return (rows, total)
  }
}

/// Slots filled by concurrent workers, one each, read after they finish.
///
/// Each index is written by exactly one worker and read only after
/// `concurrentPerform` returns, so no element is shared between threads;
/// the storage is a raw buffer so that no array copy-on-write check runs
/// concurrently.
final class ResultSlots<Value>: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<Value?>
  let count: Int

  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil, count: count)
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  subscript(index: Int) -> Value? {
    get {
      precondition(index >= 0 && index < count, "slot out of range")
      return storage[index]
    }
    set {
      precondition(index >= 0 && index < count, "slot out of range")
      storage[index] = newValue
    }
  }
}
