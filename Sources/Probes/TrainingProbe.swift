import Datasets
import Learners
import Linalg
import NeuralNet
import Search

/// Trains a learner once and probes it: training-dynamics features of its learning curve and,
/// for networks, the sharpness of the trained weights (`metaprobe probe`).
///
/// The dataset is split 80/20, stratified, with the seed; the learner trains on the 80 % at the
/// given budget (through ``Learners/Pipeline``, so with its preprocessing) and the 20 % is the
/// monitoring set of the learning curve (reported, never trained on). Sharpness is measured on
/// the training loss (mean cross-entropy without the L2 penalty) over at most
/// ``maxSharpnessRows`` training rows, a seeded uniform subsample, preprocessed as in training.
public struct TrainingProbe: Sendable {
  /// The pipeline to train.
  public var pipeline: Pipeline
  /// The dynamics features' options.
  public var dynamics: TrainingDynamics
  /// The sharpness probe, or nil for dynamics only.
  public var sharpness: SharpnessProbe?
  /// The largest number of training rows the sharpness loss averages over (default 1000).
  public var maxSharpnessRows: Int

  /// A probe of `pipeline`.
  public init(_ pipeline: Pipeline, sharpness: SharpnessProbe? = nil, maxSharpnessRows: Int = 1000) {
    self.pipeline = pipeline
    dynamics = TrainingDynamics()
    self.sharpness = sharpness
    self.maxSharpnessRows = maxSharpnessRows
  }

  /// What one probe run found.
  public struct Result: Sendable {
    /// The complete configuration trained.
    public var configuration: Configuration
    /// The learning curve (one point per epoch; empty for learners without epochs).
    public var learningCurve: [LearningCurvePoint]
    /// The training-dynamics features.
    public var dynamics: FeatureVector
    /// Accuracy on the monitoring rows, in [0, 1].
    public var monitorAccuracy: Double
    /// The sharpness report (nil unless requested).
    public var sharpness: SharpnessProbe.Report?
    /// Rows of the training split, monitoring split and sharpness subsample.
    public var rowCounts: (train: Int, monitor: Int, sharpness: Int)
  }

  /// Trains on an 80/20 stratified split of `data` and probes the result.
  ///
  /// - Parameters:
  ///   - data: the dataset.
  ///   - config: overrides of the learner's defaults.
  ///   - budget: the resource level of the fit.
  ///   - seed: seed of the split, the training and the probes' subsample.
  /// - Throws: ``ProbeError/learner(_:)`` for configuration and training errors,
  ///   ``ProbeError/notANetwork(learner:)`` when sharpness is requested for a non-network,
  ///   ``ProbeError/dataset(_:)`` when the split fails, and the estimators' errors.
  public func run(
    on data: Dataset, config: Configuration = Configuration(), budget: Budget = .full, seed: UInt64 = 0
  ) throws(ProbeError) -> Result {
    guard maxSharpnessRows >= 1 else {
      throw .invalidOption(name: "maxSharpnessRows", value: Double(maxSharpnessRows), reason: "must be ≥ 1")
    }
    var generator = SeededGenerator(seed: seed)
    let split: StratifiedSplit
    do {
      split = try data.stratifiedSplit(trainFraction: 0.8, using: &generator)
    } catch {
      throw .dataset("\(error)")
    }
    let fitted: FittedPipeline
    let full: Configuration
    let accuracy: Double
    do {
      full = try pipeline.configuration(config)
      fitted = try pipeline.fit(on: data, rows: split.train, config: full, budget: budget, seed: seed, monitorRows: split.test)
      accuracy = try fitted.accuracy(on: data, rows: split.test)
    } catch {
      throw .learner(error)
    }
    let target = full["max_iter"].flatMap { $0.doubleValue }.map { Int($0) }
    let features = dynamics.features(of: fitted.learningCurve, targetEpoch: target)
    var result = Result(
      configuration: full, learningCurve: fitted.learningCurve, dynamics: features, monitorAccuracy: accuracy,
      sharpness: nil, rowCounts: (split.train.count, split.test.count, 0))
    guard let sharpness else { return result }
    guard let model = fitted.trainedModel as? NetworkModel else { throw .notANetwork(learner: pipeline.learner.name) }
    var rows = fitted.trainingRows
    if rows.count > maxSharpnessRows {
      var subsample = SeededGenerator(seed: seed ^ 0x5A4D_9E55)
      rows = subsample.sample(maxSharpnessRows, from: rows.count).sorted().map { rows[$0] }
    }
    let x = fitted.matrix(of: data, rows: rows)
    let loss = try NetworkLoss(
      network: model.network, x: Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { Float($0) }),
      y: rows.map { data.target[$0] })
    result.sharpness = try sharpness.measure(loss, at: loss.parameters, layout: try loss.layout())
    result.rowCounts.sharpness = rows.count
    return result
  }
}
