import Linalg
import NeuralNet
import Search

/// A multilayer perceptron classifier (`mlp`), scikit-learn's `MLPClassifier` on NeuralNet.
///
/// Hyperparameters: `n_layers` hidden layers of `width` units (scikit-learn's default
/// `hidden_layer_sizes=(100,)` is `n_layers=1, width=100`), `activation` (relu, tanh, logistic),
/// `dropout` after each hidden layer, and the shared optimisation parameters (``NetworkSpace``).
/// The HPOBench-MLP space (depth, width, alpha, batch_size, learning_rate_init) and HPOLib-FCNet's
/// (units, dropout, activation, init_lr, lr_schedule, batch_size) map onto these names.
/// Budget: epochs (`max_iter` × iteration fraction).
public struct MLPLearner: Learner {
  public let name = "mlp"
  public let needsStandardization = true
  public let iterationKind: Resource.Kind? = .epochs
  public let searchSpace = SearchSpace.builtIn(
    [
      .int("n_layers", 1, 8, default: 1),
      .int("width", 1, 4096, log: true, default: 100),
      .categorical("activation", ["relu", "tanh", "logistic"], default: "relu"),
      .float("dropout", 0, 0.95, default: 0),
    ] + NetworkSpace.optimisation())

  /// The learner with its default space.
  public init() {}

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let c = ConfigurationReader(config, learner: name)
    let layers = try c.int("n_layers")
    let width = try c.int("width")
    let activation: Activation
    switch try c.string("activation") {
    case "tanh": activation = .tanh
    case "logistic": activation = .sigmoid
    default: activation = .relu
    }
    let training = try NetworkTraining(learner: name, config: config, budget: budget, rows: x.rows)
    var generator = SeededGenerator(seed: seed)
    var network = Network.multilayerPerceptron(
      inputSize: x.columns, hiddenLayerSizes: Array(repeating: width, count: layers),
      outputSize: max(classCount, 2), activation: activation, dropout: Float(try c.double("dropout")),
      generator: &generator)
    return try training.train(&network, x: x, y: y, monitor: monitor, seed: seed &+ 1)
  }
}
