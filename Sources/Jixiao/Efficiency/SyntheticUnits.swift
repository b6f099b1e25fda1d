import Foundation
import JixiaoNumerics

/// Seeded DEA test data: units that turn m inputs into s outputs by a
/// Cobb–Douglas technology, each short of it by an inefficiency.
///
/// For unit j: xᵢⱼ ~ U(10, 100); yᵣⱼ = aᵣ · Πᵢ xᵢⱼ^βᵣᵢ · e^(−uⱼ + vᵣⱼ), with
/// βᵣᵢ = 0.8 / m · (0.5 + wᵣᵢ), wᵣᵢ ~ U(0, 1) drawn once from the seed
/// (decreasing returns, Σᵢ βᵣᵢ ≈ 0.8), aᵣ = 1, inefficiency uⱼ = |N(0,
/// 0.3²)| and noise vᵣⱼ ~ N(0, 0.1²). Unit j's draws come from stream j of
/// the seed, so a data set is the same however it is cut, and the first n
/// units of a larger set are the set of n.
public enum SyntheticUnits {
  public static func make(
    units n: Int, inputs m: Int, outputs s: Int, seed: UInt64
  ) throws(EfficiencyError) -> DEAData {
    guard n > 0, m > 0, s > 0 else {
      throw .badSettings("units, inputs and outputs must be ≥ 1")
    }
    var shape = RandomStream(seed: seed, stream: UInt64.max)
    var beta = [Double](repeating: 0, count: m * s)
    for k in beta.indices {
      beta[k] = 0.8 / Double(m) * (0.5 + shape.uniform())
    }
    var xs: [[Double]] = []
    var ys: [[Double]] = []
    xs.reserveCapacity(n)
    ys.reserveCapacity(n)
    for j in 0..<n {
      var random = RandomStream(seed: seed, stream: UInt64(j))
      let x = (0..<m).map { _ in 10 + 90 * random.uniform() }
      let u = abs(random.normal(mean: 0, deviation: 0.3))
      let y = (0..<s).map { r in
        var logY = -u + random.normal(mean: 0, deviation: 0.1)
        for i in 0..<m { logY += beta[r * m + i] * Foundation.log(x[i]) }
        return Foundation.exp(logY)
      }
      xs.append(x)
      ys.append(y)
    }
    return try DEAData(
      units: (1...n).map { "U\($0)" },
      inputNames: (1...m).map { "x\($0)" },
      outputNames: (1...s).map { "y\($0)" },
      inputs: xs, outputs: ys)
  }
}
