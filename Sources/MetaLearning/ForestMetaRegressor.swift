import Forest
import Linalg

/// A random-forest performance surrogate: the `Forest` module's `RandomForest<Double>`
/// (scikit-learn's `RandomForestRegressor`) on imputed rows with missing indicators.
///
/// The mean prediction is the mean over trees; the sd is the spread of the per-tree predictions,
/// `sqrt((1/T) Σₜ (fₜ(x) − mean)²)`, as a random-forest surrogate's uncertainty (SMAC). The
/// fitted trees are kept as `Forest`'s ``Forest/FittedTree`` (flat arrays, `Codable`), the form they
/// are saved in, so a loaded model predicts exactly as the trained one; files whose trees are in
/// the earlier compact pre-order form still load.
public struct ForestMetaRegressor: MetaModel, Codable {
  /// The forest's settings; defaults are scikit-learn's `RandomForestRegressor`.
  public struct Settings: Sendable, Codable, Equatable {
    /// The number of trees (default 100).
    public var nEstimators: Int = 100
    /// The fraction of features each split examines, in (0, 1] (default 1: all, scikit-learn's default).
    public var maxFeatures: Double = 1
    /// The minimum rows per leaf, ≥ 1 (default 1).
    public var minSamplesLeaf: Int = 1
    /// The maximum depth, or nil for unlimited (default).
    public var maxDepth: Int?
    /// Trees grown at once (default 2); the fitted forest does not depend on it.
    public var nJobs: Int = 2
    /// The forest's seed.
    public var seed: UInt64 = 0

    /// The default settings with the given seed.
    public init(seed: UInt64 = 0) { self.seed = seed }
  }

  /// The settings the forest was grown with.
  public let settings: Settings
  /// The learnt imputation and indicators (no standardisation).
  public let preprocessor: MetaPreprocessor
  let trees: [FittedTree]

  /// Grows the forest on `x` and `y` (larger is better).
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` for no rows, mismatched sizes, non-finite
  ///   targets or invalid settings (the Forest module's error text included).
  public init(fitting x: Matrix<Double>, _ y: [Double], settings: Settings = Settings()) throws(MetaLearningError) {
    guard x.rows >= 1, x.rows == y.count else {
      throw .invalidInput("forest meta-model: \(x.rows) rows and \(y.count) targets (need at least 1 of each, equal)")
    }
    guard settings.maxFeatures > 0, settings.maxFeatures <= 1 else {
      throw .invalidInput("forest meta-model: maxFeatures \(settings.maxFeatures) is outside (0, 1]")
    }
    self.settings = settings
    preprocessor = try MetaPreprocessor(fitting: x, standardize: false)
    let inputs = try preprocessor.transform(x)
    var forest = RandomForest<Double>(
      nEstimators: settings.nEstimators, maxDepth: settings.maxDepth, minSamplesLeaf: settings.minSamplesLeaf,
      maxFeatures: settings.maxFeatures >= 1 ? .all : .fraction(settings.maxFeatures), nJobs: settings.nJobs,
      seed: settings.seed)
    do {
      try forest.fit(inputs, y)
    } catch {
      throw .invalidInput("forest meta-model: \(error)")
    }
    trees = forest.estimators.compactMap(\.fittedTree)
  }

  /// The mean over trees and the spread of the per-tree predictions for each row.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when the column count differs from training.
  public func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction] {
    let inputs = try preprocessor.transform(rows)
    let t = Double(trees.count)
    var out: [ScorePrediction] = []
    out.reserveCapacity(rows.rows)
    inputs.storage.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var values = [Double](repeating: 0, count: trees.count)
      for i in 0..<inputs.rows {
        let row = base + i * inputs.columns
        for (k, tree) in trees.enumerated() { values[k] = tree.values[tree.leaf(for: row)] }
        let mean = values.reduce(0, +) / t
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / t
        out.append(ScorePrediction(mean: mean, sd: variance.squareRoot()))
      }
    }
    return out
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    settings = try c.decode(Settings.self, forKey: .settings)
    preprocessor = try c.decode(MetaPreprocessor.self, forKey: .preprocessor)
    trees = try c.decode([FittedTree].self, forKey: .trees)
    let width = preprocessor.outputWidth
    guard !trees.isEmpty, trees.allSatisfy({ $0.outputCount == 1 && $0.feature.allSatisfy { $0 < width } }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .trees, in: c,
        debugDescription: "no trees, a tree with more than one output, or a tree splitting on a column the preprocessing lacks")
    }
  }

  private enum CodingKeys: String, CodingKey { case settings, preprocessor, trees }
}
