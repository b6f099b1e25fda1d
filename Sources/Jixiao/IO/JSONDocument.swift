import Foundation

/// Reads a JSON configuration file with messages that name the key path.
///
/// Settings files (schemes, scenarios, mappings) are read through this type
/// instead of `Codable` so that every fault is reported the same way: the
/// file, the key path (`dimensions[2].weight`), what was expected, and keys
/// nobody reads (typos such as `wieght`) as warnings.
struct JSONDocument {
  let path: String
  let root: Any
  /// Where each value starts, for `file:line:column` in messages.
  let places: JSONPlaces

  static func read(_ path: String) throws(InputError) -> JSONDocument {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
      isFolder.boolValue
    {
      throw InputError(
        Diagnostic(
          .error, file: path, "is a folder, not a JSON file.",
          help: "Name the file inside it."))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(
        Diagnostic(
          .error, file: path, "cannot be read.", help: "Check the path."))
    }
    return try parse(data, path: path)
  }

  /// Parses a document with the strict reader of `JSONParser`: the first
  /// syntax fault is reported at its exact line and column (a file cut
  /// short at its end), and a key given twice in an object is an error.
  static func parse(_ data: Data, path: String) throws(InputError)
    -> JSONDocument
  {
    let (root, places) = try JSONParser.parse([UInt8](data), path: path)
    return JSONDocument(path: path, root: root, places: places)
  }
}

/// A JSON object being read; collects diagnostics placed at the value
/// they concern, and tracks unread keys.
struct JSONObjectReader {
  let places: JSONPlaces
  let keyPath: String
  let values: [String: Any]
  private(set) var readKeys: Set<String> = []

  var path: String { places.path }

  init?(
    _ value: Any?, places: JSONPlaces, keyPath: String,
    log: inout DiagnosticLog
  ) {
    guard let value else { return nil }
    guard let object = value as? [String: Any] else {
      log.append(
        places.diagnostic(
          .error, keyPath,
          "\(Self.name(keyPath)) must be a JSON object ({…}); it is "
            + "\(Self.show(value)).",
          help: "See the format in docs/."))
      return nil
    }
    self.places = places
    self.keyPath = keyPath
    self.values = object
  }

  /// The reader of a document's top level.
  init?(_ document: JSONDocument, log: inout DiagnosticLog) {
    self.init(document.root, places: document.places, keyPath: "", log: &log)
  }

  static func name(_ keyPath: String) -> String {
    keyPath.isEmpty ? "the top level" : "`\(keyPath)`"
  }

  /// The full key path of a key of this object.
  func key(_ key: String) -> String {
    keyPath.isEmpty ? key : "\(keyPath).\(key)"
  }

  /// A diagnostic placed at the value of `key` (at this object when nil).
  func diagnostic(
    _ severity: Diagnostic.Severity, _ key: String?, _ message: String,
    help: String = ""
  ) -> Diagnostic {
    places.diagnostic(
      severity, key.map(self.key) ?? keyPath, message, help: help)
  }

  /// The value of `key` as written, `JSONNull` included; nil when the
  /// key is absent. Marks the key as read.
  mutating func raw(_ key: String) -> Any? {
    readKeys.insert(key)
    return values[key]
  }

  /// The value of `key`, nil when absent. `null` is an error here: a
  /// setting is given or left out, and `null` would hide which default
  /// applies. Settings where `null` has a meaning read it with `raw`.
  mutating func given(_ key: String, log: inout DiagnosticLog) -> Any? {
    guard let value = raw(key) else { return nil }
    guard !(value is JSONNull) else {
      log.append(
        diagnostic(
          .error, key,
          "`\(self.key(key))` is null.",
          help: "Leave the key out to take the default, or give a value."))
      return nil
    }
    return value
  }

  mutating func number(_ key: String, log: inout DiagnosticLog) -> Double? {
    guard let value = given(key, log: &log) else { return nil }
    if let number = value as? JSONNumber, number.value.isFinite {
      return number.value
    }
    log.append(
      diagnostic(
        .error, key,
        "`\(self.key(key))` must be a finite number; it is \(Self.show(value)).",
        help: "Write a plain number such as 10 or 0.25."))
    return nil
  }

  mutating func string(_ key: String, log: inout DiagnosticLog) -> String? {
    guard let value = given(key, log: &log) else { return nil }
    if let text = value as? String { return text }
    let help =
      (value as? JSONNumber).map {
        "Put the value in double quotes: \"\($0.text)\"."
      } ?? "Put the value in double quotes."
    log.append(
      diagnostic(
        .error, key,
        "`\(self.key(key))` must be text; it is \(Self.show(value)).",
        help: help))
    return nil
  }

  mutating func bool(_ key: String, log: inout DiagnosticLog) -> Bool? {
    guard let value = given(key, log: &log) else { return nil }
    if let flag = value as? Bool { return flag }
    log.append(
      diagnostic(
        .error, key,
        "`\(self.key(key))` must be true or false; it is \(Self.show(value))."))
    return nil
  }

  mutating func array(_ key: String, log: inout DiagnosticLog) -> [Any]? {
    guard let value = given(key, log: &log) else { return nil }
    if let array = value as? [Any] { return array }
    log.append(
      diagnostic(
        .error, key,
        "`\(self.key(key))` must be a list ([…]); it is \(Self.show(value))."))
    return nil
  }

  mutating func strings(_ key: String, log: inout DiagnosticLog) -> [String]? {
    guard let list = array(key, log: &log) else { return nil }
    var result: [String] = []
    for (index, item) in list.enumerated() {
      guard let text = item as? String else {
        log.append(
          places.diagnostic(
            .error, "\(self.key(key))[\(index)]",
            "`\(self.key(key))[\(index)]` must be text; it is \(Self.show(item))."
          ))
        continue
      }
      result.append(text)
    }
    return result
  }

  mutating func object(_ key: String, log: inout DiagnosticLog)
    -> JSONObjectReader?
  {
    JSONObjectReader(
      given(key, log: &log), places: places, keyPath: self.key(key), log: &log)
  }

  /// Readers of the objects of a list, each with its key path.
  mutating func objects(_ key: String, log: inout DiagnosticLog)
    -> [JSONObjectReader]
  {
    guard let list = array(key, log: &log) else { return [] }
    return list.indices.compactMap { index in
      JSONObjectReader(
        list[index], places: places, keyPath: "\(self.key(key))[\(index)]",
        log: &log)
    }
  }

  /// Warns about keys that were never read (likely typos).
  func reportUnknownKeys(log: inout DiagnosticLog) {
    for key in values.keys.sorted() where !readKeys.contains(key) {
      log.append(
        diagnostic(
          .warning, key,
          "`\(self.key(key))` is not a known setting and is ignored.",
          help: "Check its spelling against docs/."))
    }
  }

  /// A JSON value as a message shows it; numbers as they were written.
  static func show(_ value: Any) -> String {
    switch value {
    case let text as String: "the text \"\(text)\""
    case is [Any]: "a list"
    case is [String: Any]: "an object"
    case let number as JSONNumber: "the number \(number.text)"
    case let flag as Bool: "\(flag)"
    case is JSONNull: "null"
    default: "\(value)"
    }
  }
}

/// Whether a parsed JSON value is `true` or `false`.
func isJSONBoolean(_ value: Any) -> Bool { value is Bool }

/// Writes parsed JSON values back as text, keys sorted, two-space indent,
/// `"key" : value` as Foundation's pretty printer wrote the data sets
/// already committed; numbers keep the spelling they were read with.
enum JSONWriter {
  static func text(_ value: Any, indent: String = "") -> String {
    let inner = indent + "  "
    switch value {
    case let object as [String: Any]:
      guard !object.isEmpty else { return "{}" }
      let members = object.keys.sorted().map {
        inner + quoted($0) + " : "
          + text(object[$0] ?? JSONNull(), indent: inner)
      }
      return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
    case let list as [Any]:
      guard !list.isEmpty else { return "[]" }
      let elements = list.map { inner + text($0, indent: inner) }
      return "[\n" + elements.joined(separator: ",\n") + "\n" + indent + "]"
    case let string as String: return quoted(string)
    case let number as JSONNumber: return number.text
    case let flag as Bool: return flag ? "true" : "false"
    default: return "null"
    }
  }

  static func quoted(_ string: String) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{00}"..."\u{1F}":
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
