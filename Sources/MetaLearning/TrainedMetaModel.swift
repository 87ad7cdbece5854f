import Foundation
import Linalg
import Search

/// A meta-model ready to use and to save: the performance surrogate with its row layout, search
/// space and learner, plus the configuration predictor and the nearest-tasks warm start learnt
/// from the same meta-dataset.
///
/// Saved as JSON (``save(to:)``) with `format_version` 1; ``load(from:)`` refuses other versions.
public struct TrainedMetaModel: MetaModel, Codable {
  /// The version of the file format this build writes and reads.
  public static let formatVersion = 1

  /// The learner whose logs trained the model (`mlp`, `random_forest`, …).
  public var learner: String
  /// The row layout: task features, encoded parameters, `resource`.
  public var featureNames: [String]
  /// The task feature names (the first columns of a row), as in the training features table.
  public var taskFeatureNames: [String]
  /// The search space configurations are encoded with.
  public var space: SearchSpace
  /// The performance surrogate.
  public var surrogate: MetaRegressor
  /// The per-hyperparameter configuration predictor (nil with fewer than 2 training tasks).
  public var configurationPredictor: ConfigurationPredictor?
  /// The nearest-tasks warm start.
  public var nearestTasks: NearestTasksWarmStart
  /// The highest resource level seen in training, where starting configurations are scored.
  public var highestResource: Double
  /// The number of training rows and tasks.
  public var trainingRows: Int
  /// See ``trainingRows``.
  public var trainingTasks: Int

  /// The surrogate's kind.
  public var kind: MetaModelKind { surrogate.kind }

  /// Trains every part on `data`.
  ///
  /// - Parameters:
  ///   - data: a meta-dataset built with `space` and a features table named `taskFeatureNames`.
  ///   - space: its search space.
  ///   - learner: the learner's name, stored for the user.
  ///   - kind: the surrogate to fit.
  ///   - seed: the seed of every model.
  ///   - mlp: MLP settings (seed replaced).
  ///   - forest: forest settings (seed replaced).
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the layout does not fit or a model fails.
  public init(
    training data: MetaDataset, space: SearchSpace, learner: String, kind: MetaModelKind, seed: UInt64,
    mlp: MLPMetaRegressor.Settings = .init(), forest: ForestMetaRegressor.Settings = .init()
  ) throws(MetaLearningError) {
    let f = data.x.columns - space.encodedDimension - 1
    guard f >= 0 else { throw .invalidInput("meta-dataset columns do not fit the search space") }
    self.learner = learner
    featureNames = data.featureNames
    taskFeatureNames = Array(data.featureNames.prefix(f))
    self.space = space
    surrogate = try MetaRegressor(fitting: kind, x: data.x, y: data.y, seed: seed, mlp: mlp, forest: forest)
    var predictorSettings = forest
    predictorSettings.seed = seed
    configurationPredictor =
      data.taskNames.count >= 2 ? try ConfigurationPredictor(training: data, space: space, settings: predictorSettings) : nil
    nearestTasks = try NearestTasksWarmStart(training: data, space: space)
    highestResource = (0..<data.x.rows).map { data.x[$0, data.x.columns - 1] }.max() ?? 1
    trainingRows = data.x.rows
    trainingTasks = data.taskNames.count
  }

  /// The surrogate's predictions for rows laid out as ``featureNames``.
  public func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction] {
    guard rows.columns == featureNames.count else {
      throw .invalidInput("rows have \(rows.columns) columns, the meta-model expects \(featureNames.count)")
    }
    return try surrogate.predict(rows)
  }

  /// A task's feature vector in the training order, picked by name from `names`/`values`; NaN for
  /// a training feature the task lacks.
  public func taskFeatures(names: [String], values: [Double]) -> [Double] {
    var byName: [String: Double] = [:]
    for (n, v) in zip(names, values) { byName[n] = v }
    return taskFeatureNames.map { byName[$0] ?? .nan }
  }

  private enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version"
    case kind, learner
    case featureNames = "feature_names"
    case taskFeatureNames = "task_feature_names"
    case space = "search_space"
    case surrogate
    case configurationPredictor = "configuration_predictor"
    case nearestTasks = "nearest_tasks"
    case highestResource = "highest_resource"
    case trainingRows = "training_rows"
    case trainingTasks = "training_tasks"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    learner = try c.decode(String.self, forKey: .learner)
    featureNames = try c.decode([String].self, forKey: .featureNames)
    taskFeatureNames = try c.decode([String].self, forKey: .taskFeatureNames)
    space = try c.decode(SearchSpace.self, forKey: .space)
    surrogate = try c.decode(MetaRegressor.self, forKey: .surrogate)
    configurationPredictor = try c.decodeIfPresent(ConfigurationPredictor.self, forKey: .configurationPredictor)
    nearestTasks = try c.decode(NearestTasksWarmStart.self, forKey: .nearestTasks)
    highestResource = try c.decode(Double.self, forKey: .highestResource)
    trainingRows = try c.decode(Int.self, forKey: .trainingRows)
    trainingTasks = try c.decode(Int.self, forKey: .trainingTasks)
    guard featureNames.count == taskFeatureNames.count + space.encodedDimension + 1 else {
      throw DecodingError.dataCorruptedError(
        forKey: .featureNames, in: c, debugDescription: "feature names do not match the search space")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Self.formatVersion, forKey: .formatVersion)
    try c.encode(kind, forKey: .kind)
    try c.encode(learner, forKey: .learner)
    try c.encode(featureNames, forKey: .featureNames)
    try c.encode(taskFeatureNames, forKey: .taskFeatureNames)
    try c.encode(space, forKey: .space)
    try c.encode(surrogate, forKey: .surrogate)
    try c.encodeIfPresent(configurationPredictor, forKey: .configurationPredictor)
    try c.encode(nearestTasks, forKey: .nearestTasks)
    try c.encode(highestResource, forKey: .highestResource)
    try c.encode(trainingRows, forKey: .trainingRows)
    try c.encode(trainingTasks, forKey: .trainingTasks)
  }
}
