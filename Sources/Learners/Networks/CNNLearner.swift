import Linalg
import NeuralNet
import Search

/// A small convolutional classifier (`cnn`) for square single-channel images stored one image per
/// row (e.g. scikit-learn's 8×8 digits): convolution (`num_filters` filters of
/// `kernel_size`², same padding) → ReLU → max pooling (`pool_size`) → optional dense layer of
/// `hidden_units` (0 for none) → softmax, trained like ``MLPLearner``.
///
/// Defaults: 16 filters of 3×3, pooling 2, 64 hidden units, Adam with `learning_rate_init=1e-3`,
/// `batch_size=32`, `max_iter=30`. Budget: epochs.
public struct CNNLearner: Learner {
  public let name = "cnn"
  public let needsStandardization = true
  public let iterationKind: Resource.Kind? = .epochs
  public let searchSpace = SearchSpace.builtIn(
    [
      .int("num_filters", 1, 256, log: true, default: 16),
      .int("kernel_size", 1, 7, default: 3),
      .int("pool_size", 1, 4, default: 2),
      .int("hidden_units", 0, 1024, default: 64),
    ] + NetworkSpace.optimisation(batchSize: 32, maxIter: 30))

  /// The learner with its default space.
  public init() {}

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let side = Int(Double(x.columns).squareRoot().rounded())
    guard side * side == x.columns, side >= 2 else {
      throw .unsuitableData(
        learner: name,
        reason: "\(x.columns) features are not a square single-channel image (expected side² columns, e.g. 64 for 8×8)")
    }
    let c = ConfigurationReader(config, learner: name)
    let kernel = try c.int("kernel_size")
    let pool = try c.int("pool_size")
    guard kernel <= side, pool <= side else {
      throw .invalidConfiguration(
        learner: name, reason: "kernel_size \(kernel) and pool_size \(pool) must not exceed the image side \(side)")
    }
    let hidden = try c.int("hidden_units")
    let training = try NetworkTraining(learner: name, config: config, budget: budget, rows: x.rows)
    var generator = SeededGenerator(seed: seed)
    var network = Network.convolutional(
      inputShape: ImageShape(height: side, width: side, channels: 1), filters: try c.int("num_filters"),
      kernelSize: kernel, poolSize: pool, hiddenLayerSizes: hidden > 0 ? [hidden] : [],
      classes: max(classCount, 2), generator: &generator)
    return try training.train(&network, x: x, y: y, monitor: monitor, seed: seed &+ 1)
  }
}
