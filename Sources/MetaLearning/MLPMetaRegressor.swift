import Linalg
import NeuralNet

/// The experiment plan's MLP performance surrogate: two hidden ReLU layers trained with Adam on
/// the standardised target, with early stopping on a validation split as scikit-learn's
/// `MLPRegressor(early_stopping=True)`.
///
/// Inputs are preprocessed by a ``MetaPreprocessor`` (median imputation, missing indicators,
/// standardisation) learnt on the training rows; the target is standardised by its training
/// mean and standard deviation. Training is Float32 through the `NeuralNet` module with the mean
/// squared error. A seeded split holds out ⌈`validationFraction`·n⌉ rows; after each epoch the
/// validation MSE is compared with the best so far, and training stops after `patience` epochs
/// without a decrease of more than `tolerance` × the validation targets' variance (scikit-learn
/// compares R² with `tol`, which is the same test), keeping the best epoch's weights.
/// The MLP gives no uncertainty: every ``ScorePrediction/sd`` is 0.
public struct MLPMetaRegressor: MetaModel, Codable {
  /// The training settings; defaults are the experiment plan's.
  public struct Settings: Sendable, Codable, Equatable {
    /// Units of each hidden ReLU layer (default [64, 64]).
    public var hiddenLayerSizes: [Int] = [64, 64]
    /// Adam's learning rate (default 0.001).
    public var learningRate: Double = 0.001
    /// Rows per minibatch (default 32).
    public var batchSize: Int = 32
    /// The most epochs to run (default 100).
    public var maxEpochs: Int = 100
    /// Fraction of rows held out for early stopping, in (0, 1); 0 disables early stopping (default 0.1).
    public var validationFraction: Double = 0.1
    /// Epochs without improvement before stopping (default 10, scikit-learn's `n_iter_no_change`).
    public var patience: Int = 10
    /// Improvement threshold on the validation R² (default 1e-4, scikit-learn's `tol`).
    public var tolerance: Double = 1e-4
    /// L2 penalty (scikit-learn's `alpha`, default 1e-4), applied as Adam weight decay alpha / batchSize
    /// on every parameter (scikit-learn leaves biases out).
    public var alpha: Double = 1e-4
    /// The seed of the weights, the validation split and the shuffling.
    public var seed: UInt64 = 0

    /// The plan's settings with the given seed.
    public init(seed: UInt64 = 0) { self.seed = seed }
  }

  /// The settings the model was trained with.
  public let settings: Settings
  /// The learnt input preprocessing.
  public let preprocessor: MetaPreprocessor
  /// The training target's mean and standard deviation (1 when constant).
  public let targetMean: Double
  /// See ``targetMean``.
  public let targetScale: Double
  /// The number of epochs run.
  public let epochsRun: Int
  /// Whether early stopping ended training before ``Settings/maxEpochs``.
  public let stoppedEarly: Bool
  /// The network's parameters in ``NeuralNet/Network/parameters`` order.
  public let weights: [Float]
  private let network: Network

  /// Trains the MLP on `x` and `y` (larger is better).
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` for fewer than 2 rows, mismatched sizes,
  ///   non-finite targets, bad settings or a training failure (divergence included).
  public init(fitting x: Matrix<Double>, _ y: [Double], settings: Settings = Settings()) throws(MetaLearningError) {
    guard x.rows >= 2, x.rows == y.count else {
      throw .invalidInput("MLP meta-model: \(x.rows) rows and \(y.count) targets (need at least 2 of each, equal)")
    }
    guard y.allSatisfy(\.isFinite) else { throw .invalidInput("MLP meta-model: a target is not finite") }
    guard settings.validationFraction >= 0, settings.validationFraction < 1, settings.maxEpochs >= 1,
      settings.batchSize >= 1, settings.patience >= 1, settings.hiddenLayerSizes.allSatisfy({ $0 >= 1 })
    else { throw .invalidInput("MLP meta-model: invalid settings \(settings)") }
    self.settings = settings
    preprocessor = try MetaPreprocessor(fitting: x, standardize: true)
    let inputs = try preprocessor.transform(x)
    let mean = Statistics.mean(y)
    let sd = Statistics.standardDeviation(y, ddof: 0)
    targetMean = mean
    targetScale = sd > 0 ? sd : 1
    let z = y.map { Float(($0 - mean) / (sd > 0 ? sd : 1)) }
    let xf = Matrix<Float>(rows: inputs.rows, columns: inputs.columns, storage: inputs.storage.map { Float($0) })
    var generator = SeededGenerator(seed: settings.seed)
    var network = Network.multilayerPerceptron(
      inputSize: inputs.columns, hiddenLayerSizes: settings.hiddenLayerSizes, outputSize: 1, generator: &generator)
    var trainRows = Array(0..<x.rows)
    var validation: (x: Matrix<Float>, targets: Targets)?
    var minDelta: Float = 0
    if settings.validationFraction > 0 {
      let order = generator.permutation(x.rows)
      let held = Swift.min(x.rows - 1, Swift.max(1, Int((settings.validationFraction * Double(x.rows)).rounded(.up))))
      let heldRows = Array(order.prefix(held))
      trainRows = Array(order.dropFirst(held))
      let zv = heldRows.map { Double(z[$0]) }
      minDelta = Float(settings.tolerance * Statistics.variance(zv, ddof: 0))
      validation = (xf.rows(heldRows), .values(Matrix(rows: held, columns: 1, storage: heldRows.map { z[$0] })))
    }
    let trainer = Trainer(
      epochs: settings.maxEpochs, batchSize: settings.batchSize, loss: .meanSquaredError,
      earlyStopping: validation == nil ? nil : EarlyStopping(patience: settings.patience, minDelta: minDelta),
      seed: generator.next())
    let optimizer = Adam(
      learningRate: Float(settings.learningRate), weightDecay: Float(settings.alpha / Double(settings.batchSize)))
    let result: TrainingResult
    do {
      result = try trainer.fit(
        &network, x: xf.rows(trainRows),
        targets: .values(Matrix(rows: trainRows.count, columns: 1, storage: trainRows.map { z[$0] })),
        validation: validation, optimizer: optimizer)
    } catch {
      throw .invalidInput("MLP meta-model training: \(error)")
    }
    if case .diverged(let epoch) = result.outcome {
      throw .invalidInput("MLP meta-model training diverged in epoch \(epoch)")
    }
    epochsRun = result.history.count
    if case .earlyStopped = result.outcome { stoppedEarly = true } else { stoppedEarly = false }
    weights = network.parameters
    self.network = network
  }

  /// Predictions in the target's unit (larger is better), sd 0.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the column count differs from training.
  public func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction] {
    guard rows.rows > 0 else { return [] }
    let inputs = try preprocessor.transform(rows)
    let xf = Matrix<Float>(rows: inputs.rows, columns: inputs.columns, storage: inputs.storage.map { Float($0) })
    let out: Matrix<Float>
    do {
      out = try network.outputs(xf)
    } catch {
      throw .invalidInput("MLP meta-model prediction: \(error)")
    }
    return out.storage.map { ScorePrediction(mean: Double($0) * targetScale + targetMean, sd: 0) }
  }

  private enum CodingKeys: String, CodingKey {
    case settings, preprocessor
    case targetMean = "target_mean"
    case targetScale = "target_scale"
    case epochsRun = "epochs_run"
    case stoppedEarly = "stopped_early"
    case weights
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    settings = try c.decode(Settings.self, forKey: .settings)
    preprocessor = try c.decode(MetaPreprocessor.self, forKey: .preprocessor)
    targetMean = try c.decode(Double.self, forKey: .targetMean)
    targetScale = try c.decode(Double.self, forKey: .targetScale)
    epochsRun = try c.decode(Int.self, forKey: .epochsRun)
    stoppedEarly = try c.decode(Bool.self, forKey: .stoppedEarly)
    weights = try c.decode([Float].self, forKey: .weights)
    guard settings.hiddenLayerSizes.allSatisfy({ $0 >= 1 }), preprocessor.outputWidth >= 1 else {
      throw DecodingError.dataCorruptedError(
        forKey: .settings, in: c, debugDescription: "hidden layer sizes and input width must be positive")
    }
    var generator = SeededGenerator(seed: 0)
    var network = Network.multilayerPerceptron(
      inputSize: Swift.max(1, preprocessor.outputWidth), hiddenLayerSizes: settings.hiddenLayerSizes, outputSize: 1,
      generator: &generator)
    try network.setParameters(weights)
    self.network = network
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(settings, forKey: .settings)
    try c.encode(preprocessor, forKey: .preprocessor)
    try c.encode(targetMean, forKey: .targetMean)
    try c.encode(targetScale, forKey: .targetScale)
    try c.encode(epochsRun, forKey: .epochsRun)
    try c.encode(stoppedEarly, forKey: .stoppedEarly)
    try c.encode(weights, forKey: .weights)
  }
}
