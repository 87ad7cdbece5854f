import Datasets
import Linalg
import Search

/// The result of cross-validating one configuration.
public struct CrossValidationResult: Sendable, Codable {
  /// Accuracy of each fold, in [0, 1].
  public var foldAccuracies: [Double]
  /// The complete configuration evaluated.
  public var configuration: Configuration
  /// Each fold's learning curve (empty for learners without epochs).
  public var learningCurves: [[LearningCurvePoint]]
  /// Wall time of each fold (fit and predict) in seconds.
  public var foldSeconds: [Double]

  /// Mean fold accuracy.
  public var meanAccuracy: Double { Statistics.mean(foldAccuracies) }
  /// Standard deviation of the fold accuracies with ddof = 0, as `numpy.std` of scikit-learn's
  /// `cross_val_score` output.
  public var accuracySD: Double { Statistics.standardDeviation(foldAccuracies, ddof: 0) }
}

/// Stratified k-fold cross-validation of a pipeline, folds shuffled with the seed.
public enum CrossValidation {
  /// Cross-validates `pipeline` with `config` on `data`.
  ///
  /// Folds are scikit-learn's `StratifiedKFold(k, shuffle=True)` assignment drawn from `seed`;
  /// fold `i` trains with seed `seed + i`. The held-out fold is the monitoring set of the learning
  /// curve (reported, never trained on).
  /// - Parameters:
  ///   - folds: k ≥ 2, at most the number of rows.
  ///   - budget: the resource level of every fold's fit.
  /// - Throws: ``LearnerError``; ``LearnerError/cancelled(learner:)`` when the calling task is
  ///   cancelled (checked before each fold, and between epochs of networks).
  public static func evaluate(
    _ pipeline: Pipeline, on data: Dataset, config: Configuration = Configuration(), folds: Int = 5,
    budget: Budget = .full, seed: UInt64 = 0
  ) throws(LearnerError) -> CrossValidationResult {
    guard folds >= 2, folds <= data.rowCount else {
      throw .notEnoughData("\(folds) folds need 2 ≤ k ≤ rows (\(data.rowCount))")
    }
    let full = try pipeline.configuration(config)
    var generator = SeededGenerator(seed: seed)
    let splits: [(train: [Int], test: [Int])]
    do {
      splits = try StratifiedKFold(folds: folds).splits(for: data.target, shuffledWith: &generator)
    } catch {
      throw .notEnoughData("\(error)")
    }
    var result = CrossValidationResult(foldAccuracies: [], configuration: full, learningCurves: [], foldSeconds: [])
    for (i, split) in splits.enumerated() {
      if Task.isCancelled { throw .cancelled(learner: pipeline.learner.name) }
      let start = ContinuousClock.now
      let fitted = try pipeline.fit(
        on: data, rows: split.train, config: full, budget: budget, seed: seed &+ UInt64(i),
        monitorRows: split.test)
      result.foldAccuracies.append(try fitted.accuracy(on: data, rows: split.test))
      result.learningCurves.append(fitted.learningCurve)
      let elapsed = ContinuousClock.now - start
      result.foldSeconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return result
  }
}
