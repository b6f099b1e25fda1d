import JixiaoNumerics

/// Scale efficiency and the returns to scale a unit operates at (Färe,
/// Grosskopf & Lovell 1985), from three runs of one orientation: CRS, VRS
/// and NIRS.
///
/// With efficiencies e (θ, or 1/φ under output orientation): scale
/// efficiency SE = e_CRS / e_VRS ≤ 1, so e_CRS = e_VRS · SE. A unit with
/// e_CRS = e_VRS is at its most productive scale (constant returns); else
/// the NIRS frontier tells the side: e_NIRS = e_VRS means the unit is too
/// large (decreasing returns), otherwise (e_NIRS = e_CRS) too small
/// (increasing returns).
public struct ScaleEfficiency: Sendable {
  public enum Returns: String, Sendable {
    case constant, increasing, decreasing
  }

  public struct Unit: Sendable, Equatable {
    public var constant: Double
    public var variable: Double
    public var scale: Double
    public var returns: Returns
  }

  public var status: [LPStatus]
  public var units: [Unit?]

  /// Efficiencies this close count as equal.
  static let tolerance = 1e-9

  public init(
    _ data: DEAData, orientation: DEASettings.Orientation = .input,
    threads: Int = 1
  ) {
    func run(_ returns: DEASettings.Returns) -> DEAResult {
      DEA(
        settings: DEASettings(
          returns: returns, orientation: orientation, slacks: false),
        threads: threads
      ).evaluate(data)
    }
    let crs = run(.constant)
    let vrs = run(.variable)
    let nirs = run(.nonIncreasing)
    status = []
    units = []
    for j in 0..<data.unitCount {
      guard let c = crs.unit(j)?.efficiency, let v = vrs.unit(j)?.efficiency,
        let n = nirs.unit(j)?.efficiency, v > 0
      else {
        status.append(
          [crs.status[j], vrs.status[j], nirs.status[j]].first {
            $0 != .optimal
          }
            ?? .numericalFailure)
        units.append(nil)
        continue
      }
      let close = { (a: Double, b: Double) in
        abs(a - b) <= Self.tolerance * max(1, abs(b))
      }
      let returns: Returns =
        close(c, v) ? .constant : close(n, v) ? .decreasing : .increasing
      status.append(.optimal)
      units.append(
        Unit(constant: c, variable: v, scale: c / v, returns: returns))
    }
  }
}
