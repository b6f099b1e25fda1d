/// Inputs and outputs of n decision-making units (DMUs), as DEA reads them.
///
/// Stored by unit: the m inputs of unit j are `inputs[j * m ..< (j + 1) * m]`
/// and its s outputs `outputs[j * s ..< (j + 1) * s]`, so one unit's data is
/// contiguous for the per-unit programs.
public struct DEAData: Sendable, Equatable {
  public let unitNames: [String]
  public let inputNames: [String]
  public let outputNames: [String]
  public let inputs: [Double]
  public let outputs: [Double]

  public var unitCount: Int { unitNames.count }
  public var inputCount: Int { inputNames.count }
  public var outputCount: Int { outputNames.count }

  /// Checks the data: every value finite and ≥ 0, at least one input and
  /// one output, and no unit whose inputs are all 0 (it would be efficient
  /// by definition and no program can rank it).
  public init(
    units: [String], inputNames: [String], outputNames: [String],
    inputs: [[Double]], outputs: [[Double]]
  ) throws(EfficiencyError) {
    guard !inputNames.isEmpty, !outputNames.isEmpty else {
      throw .badData("DEA needs at least one input and one output")
    }
    guard !units.isEmpty else { throw .badData("there are no units") }
    guard inputs.count == units.count, outputs.count == units.count else {
      throw .badData("one row of inputs and one of outputs per unit")
    }
    var x: [Double] = []
    var y: [Double] = []
    x.reserveCapacity(units.count * inputNames.count)
    y.reserveCapacity(units.count * outputNames.count)
    for j in units.indices {
      guard inputs[j].count == inputNames.count,
        outputs[j].count == outputNames.count
      else { throw .badData("unit \(units[j]) has the wrong number of values") }
      for (i, v) in inputs[j].enumerated() {
        try Self.check(v, unit: units[j], variable: inputNames[i])
      }
      for (r, v) in outputs[j].enumerated() {
        try Self.check(v, unit: units[j], variable: outputNames[r])
      }
      guard inputs[j].contains(where: { $0 > 0 }) else {
        throw .badData(
          "unit \(units[j]) has every input 0; DEA cannot rank a unit that uses nothing"
        )
      }
      x += inputs[j]
      y += outputs[j]
    }
    self.unitNames = units
    self.inputNames = inputNames
    self.outputNames = outputNames
    self.inputs = x
    self.outputs = y
  }

  private static func check(_ v: Double, unit: String, variable: String)
    throws(EfficiencyError)
  {
    guard v.isFinite else {
      throw .badData("\(variable) of unit \(unit) is not a finite number")
    }
    guard v >= 0 else {
      throw .badData(
        "\(variable) of unit \(unit) is negative (\(v)); DEA data are ≥ 0")
    }
  }

  /// Input i of unit j.
  @inline(__always) public func input(_ i: Int, of j: Int) -> Double {
    inputs[j * inputCount + i]
  }

  /// Output r of unit j.
  @inline(__always) public func output(_ r: Int, of j: Int) -> Double {
    outputs[j * outputCount + r]
  }

  /// Groups of units whose inputs and outputs are identical, in unit order
  /// (only groups of two or more). Such units get equal scores; how λ is
  /// split between them is arbitrary.
  public var duplicateGroups: [[Int]] {
    var byData: [[Double]: [Int]] = [:]
    for j in 0..<unitCount {
      let key =
        Array(inputs[j * inputCount..<(j + 1) * inputCount])
        + Array(outputs[j * outputCount..<(j + 1) * outputCount])
      byData[key, default: []].append(j)
    }
    return byData.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
  }

  /// True when there are fewer units than the common rule of thumb asks
  /// for: n ≥ max(m · s, 3 (m + s)) (Cooper, Seiford & Tone 2007, §9.3).
  public var hasFewUnits: Bool {
    unitCount < max(inputCount * outputCount, 3 * (inputCount + outputCount))
  }
}

/// Faults in efficiency input or settings.
public enum EfficiencyError: Error, Sendable, Equatable, CustomStringConvertible
{
  case badData(String)
  case badSettings(String)

  public var description: String {
    switch self {
    case .badData(let what): what
    case .badSettings(let what): what
    }
  }
}
