import CCbc
import Synchronization

/// A mixed-integer linear program  min (or max) cᵀx  s.t.  rₗ ≤ A x ≤ rᵤ,
/// xₗ ≤ x ≤ xᵤ, some xⱼ integer, solved by COIN-OR CBC's branch and cut.
///
/// One-shot: built, solved, read. Numbers come back only for a solution
/// CBC proved optimal (to its default gap of 1e-4 relative, tightened
/// here to 1e-9) and that meets the rows; a search stopped by the time
/// limit reports `.stopped` and no numbers, even if it had an incumbent.
///
/// One solve at a time in the process: CBC 2.10's `Cbc_solve` runs its
/// command-line driver (`CbcMain1`), which reads and writes static
/// parameter state, so two solves on two threads can corrupt each other
/// (seen as an infeasible program reported as not proven infeasible when
/// the tests ran in parallel). The lock makes that impossible; the
/// programs solved here are small, so nothing waits long.
public enum MixedIntegerProgram {
  private static let driver = Mutex(())

  public struct Solution: Sendable, Equatable {
    public var objective: Double
    public var columns: [Double]
  }

  public struct Result: Sendable, Equatable {
    public var status: LPStatus
    public var solution: Solution?
  }

  public static func solve(
    sense: LinearProgram.Sense = .minimize, objective: [Double], rowCount: Int,
    columnStarts: [Int32], rowIndices: [Int32], values: [Double],
    rowLower: [Double], rowUpper: [Double], columnLower: [Double],
    columnUpper: [Double],
    integer: [Bool], seconds: Double = 60
  ) throws(LPError) -> Result {
    let n = objective.count
    guard columnStarts.count == n + 1, columnStarts.first == 0,
      Int(columnStarts.last ?? -1) == values.count,
      rowIndices.count == values.count,
      rowLower.count == rowCount, rowUpper.count == rowCount,
      columnLower.count == n,
      columnUpper.count == n, integer.count == n
    else { throw .shape("the parts of the program do not match in size") }
    if let j = objective.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite("objective coefficient \(j)")
    }
    if let k = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite("matrix entry \(k)")
    }
    func cbc(_ b: Double) -> Double {
      b == .infinity
        ? .greatestFiniteMagnitude
        : b == -.infinity ? -.greatestFiniteMagnitude : b
    }
    let outcome: (status: LPStatus, columns: [Double]?) = driver.withLock {
      _ in
      guard let model = Cbc_newModel() else {
        fatalError("CBC could not allocate a model")
      }
      defer { Cbc_deleteModel(model) }
      Cbc_loadProblem(
        model, Int32(n), Int32(rowCount), columnStarts, rowIndices, values,
        columnLower.map(cbc), columnUpper.map(cbc), objective,
        rowLower.map(cbc), rowUpper.map(cbc))
      for j in 0..<n where integer[j] { Cbc_setInteger(model, Int32(j)) }
      Cbc_setObjSense(model, sense == .minimize ? 1 : -1)
      Cbc_setLogLevel(model, 0)
      Cbc_setMaximumSeconds(model, seconds)
      Cbc_setAllowableGap(model, 1e-9)
      Cbc_setParameter(model, "ratioGap", "1e-9")
      _ = Cbc_solve(model)
      if Cbc_isProvenInfeasible(model) != 0 { return (.infeasible, nil) }
      guard Cbc_isProvenOptimal(model) != 0 else {
        let status: LPStatus =
          Cbc_secondaryStatus(model) == 7
          ? .unbounded : Cbc_status(model) == 2 ? .numericalFailure : .stopped
        return (status, nil)
      }
      guard let xs = Cbc_getColSolution(model) else {
        return (.numericalFailure, nil)
      }
      return (.optimal, Array(UnsafeBufferPointer(start: xs, count: n)))
    }
    guard var x = outcome.columns else {
      return Result(status: outcome.status, solution: nil)
    }
    for j in 0..<n where integer[j] { x[j] = x[j].rounded() }
    // The rows, with the integers rounded, to a tolerance relative to the
    // size of their terms.
    var activity = [Double](repeating: 0, count: rowCount)
    var size = [Double](repeating: 0, count: rowCount)
    var value = 0.0
    for j in 0..<n {
      value += objective[j] * x[j]
      for k in Int(columnStarts[j])..<Int(columnStarts[j + 1]) {
        let term = values[k] * x[j]
        activity[Int(rowIndices[k])] += term
        size[Int(rowIndices[k])] += abs(term)
      }
    }
    for i in 0..<rowCount {
      let slack = 1e-7 * (1 + size[i])
      guard activity[i] >= rowLower[i] - slack,
        activity[i] <= rowUpper[i] + slack
      else {
        return Result(status: .numericalFailure, solution: nil)
      }
    }
    return Result(
      status: .optimal, solution: Solution(objective: value, columns: x))
  }
}
