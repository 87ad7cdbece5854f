import Linalg

/// The kinds of performance surrogate: `mlp`, `forest` or their `ensemble`.
public enum MetaModelKind: String, Sendable, Codable, CaseIterable {
  /// ``MLPMetaRegressor``.
  case mlp
  /// ``ForestMetaRegressor``.
  case forest
  /// ``EnsembleMetaModel`` of an MLP and a forest.
  case ensemble
}

/// A fitted performance surrogate of any kind, as stored in a meta-model file.
public indirect enum MetaRegressor: MetaModel, Codable {
  /// An MLP regressor.
  case mlp(MLPMetaRegressor)
  /// A random-forest regressor.
  case forest(ForestMetaRegressor)
  /// An ensemble.
  case ensemble(EnsembleMetaModel)

  /// Fits a surrogate of `kind` on `x` and `y` (larger is better), seeded by `seed`.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` from the model.
  public init(
    fitting kind: MetaModelKind, x: Matrix<Double>, y: [Double], seed: UInt64,
    mlp: MLPMetaRegressor.Settings? = nil, forest: ForestMetaRegressor.Settings? = nil
  ) throws(MetaLearningError) {
    var mlpSettings = mlp ?? MLPMetaRegressor.Settings()
    mlpSettings.seed = seed
    var forestSettings = forest ?? ForestMetaRegressor.Settings()
    forestSettings.seed = seed
    switch kind {
    case .mlp: self = .mlp(try MLPMetaRegressor(fitting: x, y, settings: mlpSettings))
    case .forest: self = .forest(try ForestMetaRegressor(fitting: x, y, settings: forestSettings))
    case .ensemble: self = .ensemble(try EnsembleMetaModel(fitting: x, y, mlp: mlpSettings, forest: forestSettings))
    }
  }

  /// The kind of surrogate.
  public var kind: MetaModelKind {
    switch self {
    case .mlp: return .mlp
    case .forest: return .forest
    case .ensemble: return .ensemble
    }
  }

  /// The wrapped model's predictions.
  public func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction] {
    switch self {
    case .mlp(let m): return try m.predict(rows)
    case .forest(let m): return try m.predict(rows)
    case .ensemble(let m): return try m.predict(rows)
    }
  }
}
