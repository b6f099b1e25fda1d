import JixiaoNumerics

/// The scores, slacks, peers and targets of every unit of one DEA run.
///
/// Numbers exist only for units whose programs were solved: `unit(_:)`
/// gives nil for the others, and `status` says why (an infeasible
/// super-efficiency program under VRS, an unbounded output program for a
/// unit that produces nothing).
public struct DEAResult: Sendable {
  public let data: DEAData
  public let settings: DEASettings
  public internal(set) var status: [LPStatus]
  /// θ (input orientation) or φ (output), as the program gives it.
  var scores: [Double]
  var inputSlacks: [Double]
  var outputSlacks: [Double]
  var peerLists: [[(unit: Int, lambda: Double)]]
  /// Units whose score stands but whose second phase failed.
  public internal(set) var slacksMissing: [Bool]
  /// The units whose λ columns the final programs had (all units without
  /// reduction).
  public internal(set) var referenceSet: [Int] = []
  /// Units tested against the growing reference set.
  public internal(set) var unitsScreened = 0
  /// Simplex iterations over all programs of the final pass.
  public internal(set) var iterations = 0

  init(data: DEAData, settings: DEASettings) {
    self.data = data
    self.settings = settings
    let n = data.unitCount
    status = [LPStatus](repeating: .numericalFailure, count: n)
    scores = [Double](repeating: 0, count: n)
    inputSlacks = [Double](repeating: 0, count: n * data.inputCount)
    outputSlacks = [Double](repeating: 0, count: n * data.outputCount)
    peerLists = [[(unit: Int, lambda: Double)]](repeating: [], count: n)
    slacksMissing = [Bool](repeating: false, count: n)
  }

  /// One unit's answer.
  public struct Unit: Sendable {
    /// θ or φ.
    public var score: Double
    /// θ, or 1/φ under output orientation: the share of the best
    /// performance reached, ≤ 1 unless super-efficiency is on.
    public var efficiency: Double
    public var inputSlacks: [Double]
    public var outputSlacks: [Double]
    /// Units with λ > 0, in unit order.
    public var peers: [(unit: Int, lambda: Double)]
    /// Σλx and Σλy: the point on the frontier the unit is compared with.
    public var inputTargets: [Double]
    public var outputTargets: [Double]
    /// False when the second phase failed: the score and peers stand, the
    /// slacks and targets are those of the first phase, not maximal.
    public var slacksKnown: Bool
  }

  /// The numbers of unit j, or nil when its program was not solved.
  public func unit(_ j: Int) -> Unit? {
    guard status[j] == .optimal else { return nil }
    let m = data.inputCount
    let s = data.outputCount
    let score = scores[j]
    let xs = Array(inputSlacks[j * m..<(j + 1) * m])
    let ys = Array(outputSlacks[j * s..<(j + 1) * s])
    var xt = [Double](repeating: 0, count: m)
    var yt = [Double](repeating: 0, count: s)
    for i in 0..<m {
      let radial =
        settings.orientation == .input
        ? score * data.input(i, of: j) : data.input(i, of: j)
      xt[i] = radial - xs[i]
    }
    for r in 0..<s {
      let radial =
        settings.orientation == .output
        ? score * data.output(r, of: j) : data.output(r, of: j)
      yt[r] = radial + ys[r]
    }
    return Unit(
      score: score,
      efficiency: settings.orientation == .input ? score : 1 / score,
      inputSlacks: xs, outputSlacks: ys, peers: peerLists[j],
      inputTargets: xt, outputTargets: yt, slacksKnown: !slacksMissing[j])
  }

  /// The least share of some target a unit must make up to be a peer.
  static let peerShare = 1e-6

  /// Slacks below this share of the unit's own value are rounding.
  static let slackTolerance = 1e-9

  /// Stores the outcome of unit j's programs; λ are per position of
  /// `reference`.
  mutating func record(
    _ outcome: EnvelopmentProgram.Outcome, unit j: Int, reference: [Int]
  ) {
    status[j] = outcome.status
    iterations += outcome.iterations
    guard outcome.status == .optimal else {
      peerLists[j] = []
      return
    }
    slacksMissing[j] = outcome.slacksMissing
    let m = data.inputCount
    let s = data.outputCount
    let score = outcome.score
    scores[j] = score
    var sumX = [Double](repeating: 0, count: m)
    var sumY = [Double](repeating: 0, count: s)
    var peers: [(unit: Int, lambda: Double)] = []
    for (k, lambda) in outcome.lambdas.enumerated() where lambda > 0 {
      let unit = reference[k]
      for i in 0..<m { sumX[i] += lambda * data.input(i, of: unit) }
      for r in 0..<s { sumY[r] += lambda * data.output(r, of: unit) }
    }
    // A peer is a unit that makes up at least 1e-6 of some target: λ
    // alone says little when units differ by orders of magnitude (λ = 4e-7
    // of a unit 1e8 times larger supplies half a target), and below that
    // share λ is the solver's noise. Every λ counts in the targets.
    for (k, lambda) in outcome.lambdas.enumerated() where lambda > 0 {
      let unit = reference[k]
      var share = 0.0
      for i in 0..<m where sumX[i] > 0 {
        share = max(share, lambda * data.input(i, of: unit) / sumX[i])
      }
      for r in 0..<s where sumY[r] > 0 {
        share = max(share, lambda * data.output(r, of: unit) / sumY[r])
      }
      if share >= Self.peerShare { peers.append((unit, lambda)) }
    }
    peers.sort { $0.unit < $1.unit }
    peerLists[j] = peers
    let input = settings.orientation == .input
    for i in 0..<m {
      let own = data.input(i, of: j)
      let radial = input ? score * own : own
      let gap = radial - sumX[i]
      inputSlacks[j * m + i] =
        settings.slacks && gap > Self.slackTolerance * max(1, own) ? gap : 0
    }
    for r in 0..<s {
      let own = data.output(r, of: j)
      let radial = input ? own : score * own
      let gap = sumY[r] - radial
      outputSlacks[j * s + r] =
        settings.slacks && gap > Self.slackTolerance * max(1, own) ? gap : 0
    }
  }
}
