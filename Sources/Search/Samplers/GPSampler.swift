import Foundation
import Linalg

/// Gaussian-process Bayesian optimisation (Snoek, Larochelle & Adams 2012): a
/// ``GaussianProcess`` with a Matérn 5/2 ARD kernel models the loss, and the next configuration
/// maximises an ``AcquisitionFunction``.
///
/// - **Start-up**: the first `startupTrials` trials follow a seeded ``LatinHypercube`` design
///   on the encoded space, decoded by ``SearchSpace/decode(_:)``.
/// - **Inputs** are ``SearchSpace/encode(_:)`` vectors: numeric parameters in [0, 1] (log
///   parameters on the log scale), categoricals one-hot. In conditional spaces the columns of an
///   inactive parameter hold ``SearchSpace/inactiveFill`` (−1), so a configuration without the
///   parameter lies at distance ≥ 1/ℓ from every configuration with it on that column; the GP
///   treats the fill as an ordinary coordinate.
/// - **Targets** are the COMPLETE trials' values as losses (a maximised objective is negated),
///   standardised inside the GP. PRUNED and FAIL trials are ignored.
/// - **Hyperparameters** are refitted by maximum marginal likelihood when
///   `max(refitInterval, n_fit/10)` new observations have arrived since the last fit at n_fit
///   observations (every trial while n_fit < 20 with the default interval 1, then every 10 %
///   growth: one fit costs O(n³) per likelihood evaluation, about a minute at n = 1000 on one
///   core), warm-started from the previous fit plus `restarts` random starts. In between, the Cholesky factor is extended by the new rows
///   (O(n²) per observation, ``GaussianProcess/appending(inputs:targets:)``) and only the
///   standardisation and α are recomputed.
/// - **Batches** (constant liar, Ginsbourger, Le Riche & Carraro 2010): RUNNING trials join the
///   posterior with a fictitious loss, the smallest, mean or largest observed one (`liar`), so
///   pending points lose their variance and a parallel batch spreads out.
/// - **Acquisition maximisation**: `candidates` configurations drawn uniformly from the space
///   (so every candidate is a valid encoded point), then a pattern search from the best
///   `refinedCandidates` over the numeric columns (steps 0.1, halved on failure; points are
///   re-encoded after decoding so ints and steps stay on their grid). Thompson sampling draws
///   one joint posterior sample over `thompsonCandidates` of the random candidates (Cholesky of
///   the posterior covariance with jitter) and takes its minimum, without refinement.
///
/// If the GP cannot be fitted (a covariance that stays singular under every jitter), the
/// sampler proposes a uniform random configuration for that trial and refits next time.
/// - Complexity: O(n³) per hyperparameter fit (times optimiser iterations and starts);
///   otherwise O(n²) for the incremental update, O(n·d) per candidate for the mean and the
///   variance bound, and O(n²) per candidate whose score is computed exactly: candidates are
///   scored exactly in decreasing order of an upper bound on their score (from the variance
///   given their 8 most correlated observations) until no remaining bound can change the
///   result, so the chosen point is the one a full evaluation would choose. With n = 1000, d = 5 and
///   the defaults, a proposal between fits takes about 80 ms of CPU on one BLAS thread
///   (`Benchmarks/Sources/gp-timing`).
public struct GPSampler: Sampler {
  /// The fictitious loss given to RUNNING trials.
  public enum Liar: String, Sendable, Hashable {
    /// The best (smallest) observed loss.
    case min
    /// The mean observed loss.
    case mean
    /// The worst (largest) observed loss.
    case max
  }

  /// Trials proposed from the Latin hypercube before the GP takes over (default 10).
  public let startupTrials: Int
  /// The acquisition function (default EI with ξ = 0).
  public let acquisition: AcquisitionFunction
  /// Random candidates per proposal (default 2048).
  public let candidates: Int
  /// Best candidates refined by pattern search (default 3).
  public let refinedCandidates: Int
  /// The least number of new observations between hyperparameter fits (default 1; the
  /// interval is at least 10 % of the observations at the last fit).
  public let refitInterval: Int
  /// Random restarts of each hyperparameter fit besides the warm start (default 2).
  public let restarts: Int
  /// The value RUNNING trials are assumed to have (default `.max`, the worst).
  public let liar: Liar
  /// Box constraints of the hyperparameter fit.
  public let bounds: GPHyperparameterBounds
  /// Candidates of a Thompson draw (default 512; its covariance costs O(m³)).
  public let thompsonCandidates: Int

  var generator: SeededGenerator
  private var design: [[Double]]?
  private var model: (gp: GaussianProcess, fittedAt: Int)?

  /// A GP sampler whose proposals are fixed by `seed` and the trials it sees.
  ///
  /// Counts below their minimum are raised to it (1 candidate, 0 restarts, interval 1).
  public init(
    seed: UInt64, startupTrials: Int = 10,
    acquisition: AcquisitionFunction = .expectedImprovement(), candidates: Int = 2048,
    refinedCandidates: Int = 3, refitInterval: Int = 1, restarts: Int = 2, liar: Liar = .max,
    bounds: GPHyperparameterBounds = GPHyperparameterBounds(), thompsonCandidates: Int = 512
  ) {
    self.startupTrials = Swift.max(startupTrials, 0)
    self.acquisition = acquisition
    self.candidates = Swift.max(candidates, 1)
    self.refinedCandidates = Swift.max(refinedCandidates, 0)
    self.refitInterval = Swift.max(refitInterval, 1)
    self.restarts = Swift.max(restarts, 0)
    self.liar = liar
    self.bounds = bounds
    self.thompsonCandidates = Swift.max(thompsonCandidates, 1)
    generator = SeededGenerator(seed: seed)
  }

  /// The hyperparameters of the last fit, or nil before the first.
  public var hyperparameters: GPHyperparameters? { model?.gp.hyperparameters }

  /// The next configuration: the Latin-hypercube start-up, then the acquisition's maximiser.
  ///
  /// - Throws: `unsupported` for a multi-objective study.
  public mutating func sample(space: SearchSpace, trials: [Trial], directions: [StudyDirection])
    throws(SearchError) -> Configuration
  {
    guard directions.count == 1 else {
      throw .unsupported("GPSampler optimises one objective; the study has \(directions.count)")
    }
    let direction = directions[0]
    let complete = trials.filter { $0.state == .complete && $0.values.count == 1 && $0.values[0].isFinite }
      .sorted { $0.number < $1.number }
    let running = trials.filter { $0.state == .running }
    if complete.count < Swift.max(startupTrials, 2) {
      // Every asked trial (failed and pruned ones too) used up one design point.
      return try startupConfiguration(space: space, index: trials.filter { $0.state != .waiting }.count)
    }
    let x = Matrix<Double>(complete.map { space.encode($0.params) })
    let y = complete.map { direction.loss($0.values[0]) }
    guard let gp = try? updatedModel(inputs: x, targets: y) else {
      model = nil
      return space.sample(using: &generator)
    }
    // Constant liar: pending trials enter the posterior with a fictitious loss.
    var posterior = gp
    if !running.isEmpty {
      let lie: Double
      switch liar {
      case .min: lie = y.min() ?? 0
      case .mean: lie = y.reduce(0, +) / Double(y.count)
      case .max: lie = y.max() ?? 0
      }
      let pending = Matrix<Double>(running.map { space.encode($0.params) })
      if let p = try? gp.appending(inputs: pending, targets: [Double](repeating: lie, count: running.count)) {
        posterior = p
      }
    }
    let best = ((y.min() ?? 0) - posterior.targetMean) / posterior.targetScale
    guard let vector = try? proposal(space: space, model: posterior, best: best) else {
      return space.sample(using: &generator)
    }
    return try space.decode(vector)
  }

  /// The design point for start-up trial `index`, or a uniform draw past the design.
  private mutating func startupConfiguration(space: SearchSpace, index: Int) throws(SearchError)
    -> Configuration
  {
    if design == nil {
      design = LatinHypercube.design(
        count: startupTrials, dimension: space.encodedDimension, using: &generator)
    }
    guard let design, index < design.count else { return space.sample(using: &generator) }
    return try space.decode(design[index])
  }

  /// The GP on `(inputs, targets)`: extended from the cached one when the data only grew at
  /// the end and no refit is due, otherwise refitted (warm start) or refactorised.
  private mutating func updatedModel(inputs x: Matrix<Double>, targets y: [Double])
    throws(GaussianProcessError) -> GaussianProcess
  {
    let n = x.rows
    if let (gp, fittedAt) = model, n - fittedAt < Swift.max(refitInterval, fittedAt / 10),
      gp.inputs.columns == x.columns
    {
      let kept: GaussianProcess
      if gp.count <= n, Array(x.storage.prefix(gp.inputs.storage.count)) == gp.inputs.storage,
        Array(y.prefix(gp.count)) == gp.targets
      {
        kept = try gp.appending(inputs: x.rows(gp.count..<n), targets: Array(y[gp.count...]))
      } else {
        kept = try GaussianProcess(inputs: x, targets: y, hyperparameters: gp.hyperparameters)
      }
      model = (kept, fittedAt)
      return kept
    }
    let fitted = try GaussianProcess.fit(
      inputs: x, targets: y, bounds: bounds, initial: model?.gp.hyperparameters,
      restarts: restarts, using: &generator)
    model = (fitted, n)
    return fitted
  }
}
