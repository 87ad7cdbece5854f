import Datasets
import Learners
import Linalg
import Probes
import Search

/// Evaluates configurations of a learner on a dataset for ``MetaSuccessiveHalving``.
///
/// Each evaluation trains on a seeded stratified 80/20 split (``Probes/TrainingProbe``): the
/// resource is the fraction of the training rows used, the value is the accuracy on the held-out
/// 20 % (in [0, 1], maximised). At the probe level (the smallest level of the run) it also returns
/// the training-dynamics features and, for network learners, ε-sharpness, the Hessian's top
/// eigenvalue and its Hutchinson trace (no loss slices; at most `maxSharpnessRows` rows).
public struct ProbedEvaluator: Sendable {
  /// The dataset evaluated on.
  public let data: Dataset
  /// The learner with its preprocessing.
  public let pipeline: Pipeline
  /// The seed of the split and of every training run.
  public let seed: UInt64
  /// The resource level at which probes are measured; `nil` to never measure them.
  public let probeLevel: Double?
  /// Rows the sharpness probes use at most (≥ 1).
  public var maxSharpnessRows = 256

  /// An evaluator; see each property.
  public init(data: Dataset, pipeline: Pipeline, seed: UInt64, probeLevel: Double?) {
    self.data = data
    self.pipeline = pipeline
    self.seed = seed
    self.probeLevel = probeLevel
  }

  /// Trains `config` on `resource` of the training rows and scores it.
  ///
  /// - Throws: ``Probes/ProbeError`` when the configuration is invalid for the learner, the data
  ///   cannot be split, or training fails.
  public func evaluate(_ config: Configuration, resource: Double) throws(ProbeError) -> MetaSuccessiveHalving.Evaluation {
    let budget: Budget
    do {
      budget = try Budget(dataFraction: resource)
    } catch {
      throw .learner(error)
    }
    let probing = probeLevel.map { abs($0 - resource) < 1e-12 } ?? false
    var sharpness: SharpnessProbe?
    if probing, pipeline.learner.iterationKind == .epochs {
      var s = SharpnessProbe(seed: seed)
      s.slices = nil
      s.powerIteration.maxIterations = 20
      s.lanczos.count = 1
      s.lanczos.steps = 3
      s.hutchinson.maxSamples = 20
      sharpness = s
    }
    let probe = TrainingProbe(pipeline, sharpness: sharpness, maxSharpnessRows: maxSharpnessRows)
    let start = ContinuousClock.now
    let result = try probe.run(on: data, config: config, budget: budget, seed: seed)
    var probes: [String: Double] = [:]
    if probing {
      for (name, value) in result.dynamics.pairs where value.isFinite { probes["dyn_" + name] = value }
      if let s = result.sharpness {
        probes["epsilon_sharpness"] = s.epsilonSharpness.sharpness
        probes["hessian_top_eigenvalue"] = s.topEigenvalue.top
        probes["hessian_trace"] = s.trace.trace
      }
    }
    return .init(
      value: result.monitorAccuracy, seconds: (ContinuousClock.now - start) / .seconds(1),
      probes: probes.filter { $0.value.isFinite })
  }
}
