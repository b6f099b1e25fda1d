/// A mistake in how the command was called; exit status 64 (EX_USAGE).
struct UsageError: Error {
  var message: String
}

/// The words after the command name: positionals, `--option value` pairs
/// and `--flag`s, checked against what the command accepts.
struct Arguments {
  var positionals: [String] = []
  private var values: [String: String] = [:]
  /// Later values of options that may be given more than once.
  private var repeated: [String: [String]] = [:]
  private var flags: Set<String> = []

  /// `repeatable`: options that may be given more than once (each value
  /// kept, in order); any other option given twice is a usage error.
  init(
    _ words: [String], options: Set<String>, flags allowedFlags: Set<String>,
    repeatable: Set<String> = []
  ) throws(UsageError) {
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        positionals.append(word)
        continue
      }
      var name = String(word.dropFirst(2))
      var inline: String?
      if let equals = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if allowedFlags.contains(name) {
        guard inline == nil else {
          throw UsageError(message: "--\(name) takes no value.")
        }
        // Twice is a slip (an edited command line, a doubled alias).
        guard flags.insert(name).inserted else {
          throw UsageError(message: "--\(name) is given twice; give it once.")
        }
      } else if options.contains(name) {
        // A second value would silently replace the first: refuse it.
        if let first = values[name], !repeatable.contains(name) {
          throw UsageError(
            message: "--\(name) is given twice (\(first) and "
              + "\(inline ?? (index < words.count ? words[index] : "")))"
              + "; give it once.")
        }
        if let inline {
          guard !inline.isEmpty else {
            throw UsageError(message: "--\(name) needs a value.")
          }
          store(inline, for: name)
        } else if index < words.count, !words[index].isEmpty {
          // `--inputs --outputs good` lost the value of --inputs; an option
          // name as a value is that slip, not a column called "--outputs".
          let next = String(words[index].dropFirst(2)).split(separator: "=")
            .first.map(String.init)
          if words[index].hasPrefix("--"), let next,
            options.contains(next) || allowedFlags.contains(next)
          {
            throw UsageError(
              message: "--\(name) needs a value before \(words[index]).")
          }
          store(words[index], for: name)
          index += 1
        } else {
          throw UsageError(message: "--\(name) needs a value.")
        }
      } else {
        let known = (options.union(allowedFlags)).sorted().map { "--\($0)" }
        throw UsageError(
          message:
            "unknown option --\(name). Options here: \(known.joined(separator: ", "))."
        )
      }
    }
  }

  private mutating func store(_ value: String, for name: String) {
    if values[name] == nil {
      values[name] = value
    } else {
      repeated[name, default: []].append(value)
    }
  }

  /// The first value of an option.
  subscript(_ name: String) -> String? { values[name] }

  /// Every value of a repeatable option, in the order given.
  func all(_ name: String) -> [String] {
    (values[name].map { [$0] } ?? []) + (repeated[name] ?? [])
  }

  func has(_ flag: String) -> Bool { flags.contains(flag) }
}
