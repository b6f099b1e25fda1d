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
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(
        Diagnostic(
          .error, file: path, "cannot be read.", help: "Check the path."))
    }
    return try parse(data, path: path)
  }

  static func parse(_ data: Data, path: String) throws(InputError)
    -> JSONDocument
  {
    do {
      let root = try JSONSerialization.jsonObject(
        with: data, options: [.fragmentsAllowed])
      return JSONDocument(
        path: path, root: root,
        places: JSONPlaces(path: path, bytes: [UInt8](data)))
    } catch {
      let ns = error as NSError
      let detail =
        (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "not valid JSON"
      // Foundation says "… around character N."; turn N into line:column.
      var line = 0
      var column = 0
      if let range = detail.range(of: "character "),
        let offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
      {
        (line, column) = JSONPlaces.position(
          ofCharacter: offset, in: [UInt8](data))
      }
      let reason = detail.hasSuffix(".") ? String(detail.dropLast()) : detail
      throw InputError(
        Diagnostic(
          .error, file: path, line: line, column: column,
          "is not valid JSON (\(reason)).",
          help: "Check brackets, commas and quotes near this place.")
      )
    }
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
          .error, keyPath, "\(Self.name(keyPath)) must be a JSON object ({…}).",
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

  mutating func raw(_ key: String) -> Any? {
    readKeys.insert(key)
    if values[key] is NSNull { return nil }
    return values[key]
  }

  mutating func number(_ key: String, log: inout DiagnosticLog) -> Double? {
    guard let value = raw(key) else { return nil }
    if let number = value as? NSNumber, !isJSONBoolean(value) {
      let double = number.doubleValue
      if double.isFinite { return double }
    }
    log.append(
      diagnostic(
        .error, key,
        "`\(self.key(key))` must be a finite number; it is \(Self.show(value)).",
        help: "Write a plain number such as 10 or 0.25."))
    return nil
  }

  mutating func string(_ key: String, log: inout DiagnosticLog) -> String? {
    guard let value = raw(key) else { return nil }
    if let text = value as? String { return text }
    if let number = value as? NSNumber, !isJSONBoolean(value) {
      return number.stringValue
    }
    log.append(
      diagnostic(
        .error, key,
        "`\(self.key(key))` must be text; it is \(Self.show(value)).",
        help: "Put the value in double quotes."))
    return nil
  }

  mutating func bool(_ key: String, log: inout DiagnosticLog) -> Bool? {
    guard let value = raw(key) else { return nil }
    if let number = value as? NSNumber, isJSONBoolean(value) {
      return number.boolValue
    }
    log.append(
      diagnostic(
        .error, key,
        "`\(self.key(key))` must be true or false; it is \(Self.show(value))."))
    return nil
  }

  mutating func array(_ key: String, log: inout DiagnosticLog) -> [Any]? {
    guard let value = raw(key) else { return nil }
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
      raw(key), places: places, keyPath: self.key(key), log: &log)
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

  static func show(_ value: Any) -> String {
    switch value {
    case let text as String: "the text \"\(text)\""
    case is [Any]: "a list"
    case is [String: Any]: "an object"
    case let number as NSNumber:
      isJSONBoolean(value) ? "\(number.boolValue)" : "\(number)"
    default: "\(value)"
    }
  }
}

/// The class JSONSerialization uses for `true` and `false`, found once by
/// parsing a literal, because it differs between Foundation builds.
private let jsonBooleanType: ObjectIdentifier? = {
  guard let data = "[true]".data(using: .utf8),
    let array = try? JSONSerialization.jsonObject(with: data) as? [Any],
    let first = array.first
  else { return nil }
  return ObjectIdentifier(type(of: first))
}()

/// Whether a value from JSONSerialization is a JSON `true` or `false`.
func isJSONBoolean(_ value: Any) -> Bool {
  guard value is NSNumber, let boolean = jsonBooleanType else { return false }
  return ObjectIdentifier(type(of: value)) == boolean
}
