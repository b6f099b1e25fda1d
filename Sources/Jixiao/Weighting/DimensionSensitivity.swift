import JixiaoNumerics

/// How the scores and grades of a data set's projects depend on the
/// weights of the scheme's dimensions (issue 7 §4): the Monte Carlo of
/// `WeightUncertainty` on the dimension scores, and the Sobol indices of
/// three outcomes of the whole data set to each dimension's weight.
///
/// A project's dimension score is 100 × its achieved share of the
/// dimension; its composite is Σ wⱼ · 100 · shareⱼ with the scheme's
/// weights wⱼ / Σ w, which is the evaluator's score when every dimension
/// applies. Projects for which a dimension does not apply (their weight
/// is shared among the others, per project) and projects without a score
/// are left out and counted in `skipped`.
///
/// Sobol inputs: uᵢ ∈ [0, 1) per dimension maps to the weights
/// wᵢ ∝ w₀ᵢ (1 + x (2uᵢ − 1)), x the uniform share; outputs: the mean
/// composite score, the share of projects below the threshold, and the
/// share reaching the top grade.
public struct DimensionSensitivity: Sendable {
  public var projects: [Int]
  public var skipped: Int
  /// The dimensions' names (产出指标 …) and ids (output …), in the
  /// weights' order.
  public var dimensions: [String]
  public var dimensionIds: [String]
  public var baseWeights: [Double]
  public var baseScore: [Double]
  /// The scheme's grades, best first, as `uncertainty.gradeShare` counts
  /// them.
  public var grades: [Grade] = []
  /// The scales the draws cycled through.
  public var scales: [Scale] = [.shares]
  public var uncertainty: WeightUncertainty
  /// The outcomes' names and their indices (nil where the outcome does
  /// not vary, with the reason in `sobolNotes`).
  public var sobol: [(outcome: String, indices: SobolIndices?)] = []
  public var sobolNotes: [String] = []
  /// x of the Sobol design's weights wᵢ ∝ w₀ᵢ (1 + x (2uᵢ − 1)).
  public var sobolShare = 0.2
  /// The Sobol design's settings (N, sampler), when indices were asked for.
  public var sobolSettings: SobolSettings?
  /// The outcomes (0 the mean score, 1 the share below the threshold, 2
  /// the share in the top grade) that keep one value over the whole
  /// design: no weight moves them, so they have no indices.
  public var constantOutcomes: [Int] = []

  /// How the dimension scores are put on the 0–100 scale, as choices the
  /// draws cycle through.
  public enum Scale: String, Sendable, CaseIterable {
    /// 100 × the achieved share of the dimension (the evaluator's).
    case shares
    /// Min-max of the shares across the projects, to [0, 100].
    case minMax = "min-max"
    /// The percentile rank of the share across the projects, × 100.
    case percentileRank = "percentile-rank"

    /// The scale's name in Chinese, for reports.
    public var chinese: String {
      switch self {
      case .shares: "达成比例"
      case .minMax: "极差标准化"
      case .percentileRank: "百分位秩"
      }
    }

    var normalisation: Normalisation? {
      switch self {
      case .shares: nil
      case .minMax: .minMax(lower: 0, upper: 100)
      case .percentileRank: .percentileRank
      }
    }
  }

  public init(
    _ dataset: Dataset, _ evaluation: Evaluation,
    settings: WeightUncertainty.Settings, sobol: SobolSettings?,
    sobolShare: Double = 0.2, scales: [Scale] = [.shares]
  ) throws(WeightingError) {
    let scheme = evaluation.scheme
    guard scheme.method != .ratings else {
      throw .badValue(
        "the scheme grades by ratings (method \"ratings\"): a grade comes from the weighted mean rating and its bands, not from a 0–100 composite of dimension shares, so the analysis does not apply; use it with a scheme that scores achieved shares"
      )
    }
    // Dimensions of weight 0 move no score: they are left out, and so is
    // a project only for not being rated in one of them.
    let used = scheme.dimensions.indices.filter {
      scheme.dimensions[$0].weight > 0
    }
    let d = used.count
    let total = scheme.totalWeight
    guard d >= 2, total > 0 else {
      throw .degenerate(
        "the scheme has \(d) dimension(s) of weight above 0; weights need at least two"
      )
    }
    let w0 = used.map { scheme.dimensions[$0].weight / total }
    let shares = evaluation.dimensionShares
    let applies = evaluation.dimensionApplies
    let kept = (0..<evaluation.projectCount).filter { p in
      evaluation.status[p] == .scored && used.allSatisfy { applies[p, $0] > 0 }
    }
    guard kept.count >= 2 else {
      throw .degenerate(
        "\(kept.count) project(s) are scored in every dimension of weight above 0; the analysis needs two"
      )
    }
    var s = Matrix(rows: kept.count, columns: d)
    for (i, p) in kept.enumerated() {
      for (j, dimension) in used.enumerated() {
        s[i, j] = 100 * shares[p, dimension]
      }
    }
    projects = kept
    skipped = evaluation.projectCount - kept.count
    dimensions = used.map { scheme.dimensions[$0].name }
    dimensionIds = used.map { scheme.dimensions[$0].id }
    baseWeights = w0
    baseScore = (0..<kept.count).map { i in
      (0..<d).reduce(0) { $0 + w0[$1] * s[i, $1] }
    }
    var matrices: [Matrix] = []
    for scale in scales {
      guard let method = scale.normalisation else {
        matrices.append(s)
        continue
      }
      let table = CriteriaTable(
        rows: s.rows, columns: d, values: s.storage,
        types: [CriterionType](repeating: .benefit, count: d))
      var normal = try method.apply(table).table.values
      if scale == .percentileRank { normal = normal.map { $0 * 100 } }
      matrices.append(Matrix(rows: s.rows, columns: d, columnMajor: normal))
    }
    self.scales = scales
    // The grades are the scheme's: every minimum but the last grade's
    // (0, which loading checks).
    var settings = settings
    settings.gradeMinimums = scheme.grades.dropLast().map(\.minimum)
    grades = scheme.grades.map(\.grade)
    uncertainty = try WeightUncertainty(
      scores: matrices, weights: w0, settings: settings)
    guard let sobol else { return }
    self.sobolShare = sobolShare
    sobolSettings = sobol
    let matrix = s
    let threshold = settings.threshold
    let tolerance = WeightUncertainty.cutOffTolerance
    // A scheme of one grade has no top grade to reach.
    let top = settings.gradeMinimums.first ?? .infinity
    let n = kept.count
    do {
      let analysis = try SobolAnalysis(
        inputCount: d, outputCount: 3, settings: sobol
      ) {
        points in
        var weights = [Double](repeating: 0, count: d * points.rows)
        for r in 0..<points.rows {
          var sum = 0.0
          for j in 0..<d {
            let w = w0[j] * (1 + sobolShare * (2 * points[r, j] - 1))
            weights[r * d + j] = w
            sum += w
          }
          for j in 0..<d { weights[r * d + j] /= sum }
        }
        // The scores of every project under every point's weights, as
        // the Monte Carlo takes them: product[r·n + i].
        let product = WeightUncertainty.scores(
          matrix.storage, .arithmetic, n: n, d: d, weights: weights,
          draws: points.rows)
        var out = Matrix(rows: points.rows, columns: 3)
        for r in 0..<points.rows {
          var sum = 0.0
          var below = 0
          var best = 0
          for i in 0..<n {
            let x = product[r * n + i]
            sum += x
            if x < threshold - tolerance { below += 1 }
            if x >= top - tolerance { best += 1 }
          }
          out[r, 0] = sum / Double(n)
          out[r, 1] = Double(below) / Double(n)
          out[r, 2] = Double(best) / Double(n)
        }
        return out
      }
      let names = [
        "mean score", "share below \(Diagnostic.number(threshold))",
        "share in the top grade",
      ]
      for o in 0..<3 {
        do {
          self.sobol.append((names[o], try analysis.indices(output: o)))
        } catch {
          self.sobol.append((names[o], nil))
          if case .zeroVariance = error {
            constantOutcomes.append(o)
          } else {
            sobolNotes.append("\(names[o]): \(error)")
          }
        }
      }
    } catch {
      sobolNotes.append("Sobol indices: \(error)")
    }
  }
}
