import Datasets
import Linalg

/// One task of the corpus: a dataset with its fixed stratified train / validation split.
///
/// The split puts ``trainFraction`` of each class's rows in training and the rest in validation,
/// shuffled by `SeededGenerator(seed: seed)`, where `seed` is the task's evaluation seed (the
/// log's `seed` column) derived from the run's seed and the task name. Every configuration of every
/// learner is evaluated on this split; a resource level r trains on the nested stratified
/// subsample of fraction r of the training rows that `Pipeline` draws with the same seed.
public struct CorpusTask: Sendable {
  /// The share of each class's rows used for training; the rest is the validation set.
  public static let trainFraction = 0.7

  /// The task name (the registry name of the dataset).
  public let name: String
  /// The dataset.
  public let data: Dataset
  /// The evaluation seed: of the split, of the subsamples and of every learner's randomness.
  public let seed: Int
  /// Training rows, ascending.
  public let trainRows: [Int]
  /// Validation rows, ascending.
  public let validationRows: [Int]

  /// Splits `data` for the corpus.
  ///
  /// - Parameters:
  ///   - name: the task name written in the log.
  ///   - data: the dataset (at least two rows per class for a useful split).
  ///   - runSeed: the generation run's seed.
  /// - Throws: ``CorpusError/task(_:reason:)`` when the split fails or leaves a part empty.
  public init(name: String, data: Dataset, runSeed: UInt64) throws(CorpusError) {
    self.name = name
    self.data = data
    seed = CorpusSeed.task(name, seed: runSeed)
    var generator = SeededGenerator(seed: UInt64(seed))
    do {
      let split = try StratifiedSplit(
        labels: data.target, trainFraction: Self.trainFraction, validationFraction: 1 - Self.trainFraction,
        using: &generator)
      trainRows = split.train
      validationRows = (split.validation + split.test).sorted()
    } catch {
      throw .task(name, reason: "\(error)")
    }
    guard !trainRows.isEmpty, !validationRows.isEmpty else {
      throw .task(name, reason: "\(data.rowCount) rows are too few for a train / validation split")
    }
  }
}
