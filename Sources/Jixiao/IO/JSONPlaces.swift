/// Where each value of a JSON document starts, by key path, so settings
/// faults can be reported as `file:line:column` like CSV faults.
///
/// Key paths are written as the readers write them: `grades[1].min`,
/// `byGrade.poor`, `dimensions[0].scale.relevant`. The scan assumes the
/// document already parsed (JSONSerialization checked the syntax), so it
/// only walks the structure.
struct JSONPlaces: Sendable {
  let path: String
  private var places: [String: (line: Int, column: Int)] = [:]

  init(path: String) {
    self.path = path
  }

  init(path: String, bytes: [UInt8]) {
    self.path = path
    var scanner = Scanner(bytes: bytes)
    scanner.value(at: "")
    places = scanner.places
  }

  /// The line and column of the value at a key path, if known.
  func position(of keyPath: String) -> (line: Int, column: Int)? {
    places[keyPath]
  }

  /// A diagnostic placed at the value of a key path (the file alone when
  /// the key is absent from the document).
  func diagnostic(
    _ severity: Diagnostic.Severity, _ keyPath: String, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    let place = places[keyPath]
    return Diagnostic(
      severity, file: path, line: place?.line ?? 0, column: place?.column ?? 0,
      message, help: help)
  }

  /// The 1-based line and column of a character offset, for syntax errors
  /// that JSONSerialization reports as "around character N".
  static func position(ofCharacter offset: Int, in bytes: [UInt8]) -> (Int, Int)
  {
    var line = 1
    var column = 1
    var characters = 0
    for byte in bytes {
      if characters == offset { break }
      if byte & 0xC0 == 0x80 { continue }
      characters += 1
      if byte == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }

  private struct Scanner {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    var places: [String: (line: Int, column: Int)] = [:]

    init(bytes: [UInt8]) {
      self.bytes = bytes
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var column: Int {
      var count = 1
      for j in lineStart..<min(index, bytes.count) where bytes[j] & 0xC0 != 0x80
      {
        count += 1
      }
      return count
    }

    mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x0A:
          line += 1
          lineStart = index + 1
        case 0x20, 0x09, 0x0D: break
        default: return
        }
        index += 1
      }
    }

    mutating func string() -> String {
      index += 1  // opening quote
      var raw: [UInt8] = []
      while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
        if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
          raw.append(bytes[index + 1])
          index += 2
          continue
        }
        raw.append(bytes[index])
        index += 1
      }
      index += 1  // closing quote
      return String(decoding: raw, as: UTF8.self)
    }

    mutating func value(at keyPath: String) {
      skipSpace()
      guard index < bytes.count else { return }
      places[keyPath] = (line, column)
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            index += 1  // the closing brace
            return
          }
          let key = string()
          skipSpace()
          index += 1  // colon
          value(at: keyPath.isEmpty ? key : keyPath + "." + key)
          skipSpace()
          if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
          }
        }
      case UInt8(ascii: "["):
        index += 1
        var element = 0
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] != UInt8(ascii: "]") else {
            index += 1
            return
          }
          value(at: "\(keyPath)[\(element)]")
          element += 1
          skipSpace()
          if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
          }
        }
      case UInt8(ascii: "\""):
        _ = string()
      default:
        while index < bytes.count,
          ![
            UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A,
            0x0D, 0x09,
          ]
          .contains(bytes[index])
        {
          index += 1
        }
      }
    }
  }
}
