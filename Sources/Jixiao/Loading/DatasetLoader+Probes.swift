import Dispatch
import Foundation

/// The floors under loading, measured by the benchmark: what any loader
/// of these files must do at least.
extension DatasetLoader {
  /// The data set's CSV files, in reading order.
  static let csvFiles = [
    fileNames.units, fileNames.duties, fileNames.activities,
    fileNames.projects, fileNames.indicators, fileNames.spending,
  ]

  /// Maps every CSV file of `folder` and counts its line breaks with SIMD
  /// compares on `threads` cores: the cost of bringing the bytes in from
  /// the page cache and through the cores once.
  ///
  /// - Returns: the number of line breaks (to keep the work observable).
  public static func touchBytes(folder: String, threads: Int) throws(InputError)
    -> Int
  {
    var total = 0
    for name in csvFiles {
      let path = path(folder, name)
      guard FileManager.default.fileExists(atPath: path) else { continue }
      let bytes = try FileBytes(contentsOf: path)
      let k = max(1, threads)
      let n = bytes.count
      let counts = ResultSlots<Int>(count: k)
      DispatchQueue.concurrentPerform(iterations: k) { j in
        counts[j] =
          CSVFile.countQuotesAndLines(
            bytes.buffer, (n * j / k)..<(n * (j + 1) / k)
          )
          .lines
      }
      for j in 0..<k { total += counts[j] ?? 0 }
    }
    return total
  }

  /// Splits every CSV file of `folder` into records and fields (RFC 4180,
  /// with UTF-8 checks) on `threads` cores, converting nothing: the
  /// parsing floor of a load.
  ///
  /// - Returns: the number of fields.
  public static func scanFields(folder: String, threads: Int) throws(InputError)
    -> Int
  {
    var total = 0
    for name in csvFiles {
      let path = path(folder, name)
      guard FileManager.default.fileExists(atPath: path) else { continue }
      let file = try CSVFile(contentsOf: path)
      let parts = try file.forEachChunk(threads: threads) {
        (records) throws(InputError) -> Int in
        var log = DiagnosticLog()
        var fields = 0
        while try records.next(log: &log) {
          fields += records.record.fields.count
        }
        return fields
      }
      total += parts.reduce(0, +)
    }
    return total
  }
}
