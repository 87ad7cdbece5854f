import Linalg
import Search

/// Meta-warm-started successive halving: explore at a small resource, train a meta-model on
/// everything seen plus prior tuning logs, predict the best configurations and variations of them,
/// halve them across resource levels, and repeat.
///
/// The resource levels are Hyperband's, counted down from the maximum:
/// `maxResource · η^-i` for every `i` with the level at least `minResource` (so 0.1, 0.5 and
/// η = 2 give 0.125, 0.25, 0.5). Values are oriented internally so that larger is better; the
/// result reports them in the objective's own direction.
public struct MetaSuccessiveHalving: Sendable {
  /// The knobs, with the reference design's defaults.
  public struct Settings: Sendable, Hashable, Codable {
    /// The smallest resource level, a fraction in (0, 1]; default 0.1.
    public var minResource: Double = 0.1
    /// The largest resource level, a fraction in (0, 1]; default 0.5.
    public var maxResource: Double = 0.5
    /// The factor between successive levels and the halving rate (≥ 2); default 2.
    public var reductionFactor: Int = 2
    /// Configurations evaluated at the smallest level before the first meta-model, and the number
    /// entering each halving round; default 6.
    public var numInitialConfigs: Int = 6
    /// Rounds of train → predict → halve; default 3. With a budget, rounds go on until it is spent.
    public var numIterations: Int = 3
    /// Whether the evaluator's probe features (sharpness, training dynamics) at the smallest level
    /// become meta-model inputs; default true.
    public var measureFlatness: Bool = true
    /// Weight of the predictive sd in the candidate score `mean + exploration · sd`; default 0.5.
    public var exploration: Double = 0.5
    /// Random candidates drawn from the space each round when the space is continuous; default 1000.
    public var candidateCount: Int = 1000
    /// Base sd of the Gaussian variations in the unit-encoded space; default 0.05.
    public var variationScale: Double = 0.05
    /// Round 0 picks the model's best candidates at least this far apart (Euclidean distance in
    /// the unit-encoded space), so the first evaluations are diverse; default 0.25.
    public var initialSpacing: Double = 0.25

    /// The defaults.
    public init() {}
  }

  /// One evaluation's outcome, as the evaluator reports it.
  public struct Evaluation: Sendable, Hashable {
    /// The objective at the requested resource, in its own direction.
    public var value: Double
    /// Seconds the evaluation took.
    public var seconds: Double
    /// Probe features of the trained model by name (used when `measureFlatness` is on).
    public var probes: [String: Double]

    /// An outcome.
    public init(value: Double, seconds: Double = 0, probes: [String: Double] = [:]) {
      self.value = value
      self.seconds = seconds
      self.probes = probes
    }
  }

  /// One line of the trace: an evaluation, or a failure with its reason.
  public struct TraceEntry: Sendable, Hashable {
    /// The round (0 is the initial exploration).
    public var iteration: Int
    /// The configuration evaluated.
    public var configuration: Configuration
    /// The resource level, a fraction in (0, 1].
    public var resource: Double
    /// The objective in its own direction, `nil` when the evaluation failed.
    public var value: Double?
    /// Why the evaluation failed, if it did.
    public var failure: String?
    /// The sum of resource levels spent so far (full-evaluation equivalents), this one included.
    public var cumulativeResource: Double
    /// Seconds since the run started.
    public var elapsed: Double
    /// The meta-model's predicted objective (own direction) for this evaluation; `nil` in round 0
    /// without a prior model.
    public var predicted: Double?
  }

  /// Progress after each evaluation, for a progress line on stderr.
  public struct Progress: Sendable {
    /// The round.
    public var iteration: Int
    /// Distinct configurations evaluated so far.
    public var configurations: Int
    /// The resource level just evaluated.
    public var resource: Double
    /// Seconds since the start.
    public var elapsed: Double
    /// Spearman correlation between the last meta-model's predictions and the observed values on
    /// this task (NaN before there are three observations).
    public var fitQuality: Double
    /// The best value so far at the highest level reached, in the objective's direction.
    public var best: Double?
  }

  /// What a run returns.
  public struct Result: Sendable {
    /// The best configuration: the best observed value at the highest resource level reached.
    public var best: Configuration?
    /// Its observed value, in the objective's direction.
    public var bestValue: Double?
    /// The level `bestValue` was observed at.
    public var bestResource: Double?
    /// Every evaluation in order.
    public var trace: [TraceEntry]
    /// Fit quality (Spearman on this task's observations) after each meta-model training.
    public var fitQuality: [Double]
  }

  /// Where candidate configurations come from.
  public enum Candidates: Sendable {
    /// Random draws from the space, plus variations decoded back into it.
    case space
    /// A finite set (a tabular benchmark's configurations): variations snap to the nearest member.
    case finite([Configuration])
  }

  /// The settings of this run.
  public var settings: Settings
  /// The space configurations are drawn from and encoded by.
  public var space: SearchSpace
  /// Whether the objective is maximised or minimised.
  public var direction: StudyDirection
  /// The task's meta-features, in the column order of `prior` (NaN where undefined).
  public var taskFeatures: [Double]
  /// Prior rows (other tasks' logs) laid out as task features, encoded configuration, resource.
  public var prior: MetaDataset?
  /// Where candidates come from.
  public var candidates: Candidates
  /// Configurations to evaluate first in round 0 (for example the best configurations of the
  /// nearest tasks); at most half of `numInitialConfigs` are taken from it, the rest come from
  /// the meta-model's ranking.
  public var warmStart: [Configuration] = []
  /// A meta-model trained beforehand (on the prior) that ranks round 0's candidates; when `nil`,
  /// round 0 trains one on `prior` with `trainer`.
  public var initialModel: (any MetaModel)?
  /// Trains a meta-model on a meta-dataset with a seed.
  public var trainer: @Sendable (MetaDataset, UInt64) throws(MetaLearningError) -> any MetaModel

  /// A run description; see each property.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` for settings out of range or a prior whose
  ///   width is not task features + encoded configuration + 1.
  public init(
    settings: Settings = Settings(), space: SearchSpace, direction: StudyDirection, taskFeatures: [Double],
    prior: MetaDataset?, candidates: Candidates = .space, warmStart: [Configuration] = [], initialModel: (any MetaModel)? = nil,
    trainer: @escaping @Sendable (MetaDataset, UInt64) throws(MetaLearningError) -> any MetaModel
  ) throws(MetaLearningError) {
    let s = settings
    guard s.minResource > 0, s.maxResource <= 1, s.minResource <= s.maxResource else {
      throw .invalidInput("resources must satisfy 0 < min (\(s.minResource)) ≤ max (\(s.maxResource)) ≤ 1")
    }
    guard s.reductionFactor >= 2 else { throw .invalidInput("reduction factor \(s.reductionFactor) must be ≥ 2") }
    guard s.numInitialConfigs >= 1, s.numIterations >= 1 else {
      throw .invalidInput("num_initial_configs and num_iterations must be ≥ 1")
    }
    if let prior, prior.x.columns != taskFeatures.count + space.encodedDimension + 1 {
      throw .invalidInput(
        "prior rows have \(prior.x.columns) columns; task features (\(taskFeatures.count)) + encoded "
          + "configuration (\(space.encodedDimension)) + resource need \(taskFeatures.count + space.encodedDimension + 1)")
    }
    if case .finite(let set) = candidates, set.isEmpty { throw .invalidInput("the candidate set is empty") }
    self.settings = settings
    self.space = space
    self.direction = direction
    self.taskFeatures = taskFeatures
    self.prior = prior
    self.candidates = candidates
    self.warmStart = warmStart
    self.initialModel = initialModel
    self.trainer = trainer
  }

  /// The resource levels, smallest first: `maxResource · η^-i` down to `minResource`.
  public var levels: [Double] {
    Self.levels(min: settings.minResource, max: settings.maxResource, reductionFactor: settings.reductionFactor)
  }

  /// The levels `max · η^-i` that are at least `min` (with a 1e-9 relative tolerance), ascending.
  public static func levels(min: Double, max: Double, reductionFactor eta: Int) -> [Double] {
    var out: [Double] = []
    var r = max
    while r >= min * (1 - 1e-9) {
      out.append(r)
      r /= Double(eta)
    }
    return out.isEmpty ? [max] : out.reversed()
  }
}
