import Datasets
import Foundation
import MetaFeatures
import MetaLearning
import Search
import Storage

/// Meta-models from tuning logs: the bundled corpus, meta-datasets built from a log and its task
/// features, the cached default meta-model, and a new dataset's task-feature vector.
public enum MetaCorpus {
  /// The bundled corpus: `datasets/tuning-logs/own.csv` and its task meta-features table.
  /// - Throws: the registry's error when no datasets folder is found.
  public static func bundled() throws -> (log: String, features: String) {
    let root = try DatasetRegistry.locate()
    return (
      root.appendingPathComponent("tuning-logs/own.csv").path,
      root.appendingPathComponent("tuning-logs/own-task-features.csv").path
    )
  }

  /// Reads a tuning log (CSV or JSON Lines) and its task-features table and builds `learner`'s
  /// meta-dataset, with the search space inferred from the log's rows.
  /// - Throws: `TuningLogError` naming the log's file, line and field;
  ///   ``MetaProbeKitError/invalidInput(_:)`` naming the features file or a learner without rows.
  public static func metaDataset(log: String, features: String, learner: String) throws -> (
    data: MetaDataset, space: SearchSpace
  ) {
    let rows = try records(log: log, learner: learner)
    let table = try featureTable(features)
    let space = try SearchSpace.inferred(from: rows)
    return (try MetaDataset(records: rows, space: space, features: table), space)
  }

  /// `learner`'s records in the tuning log at `log` (CSV or JSON Lines).
  /// - Throws: `TuningLogError` naming the file, line and field; ``MetaProbeKitError/invalidInput(_:)``
  ///   when the log has no row of `learner`.
  public static func records(log: String, learner: String) throws -> [TuningLogRecord] {
    let records = try TuningLog(contentsOfFile: log).records.filter { $0.learner == learner }
    guard !records.isEmpty else { throw MetaProbeKitError.invalidInput("\(log): no rows for learner '\(learner)'") }
    return records
  }

  /// The task meta-features table at `path` (CSV: task, then one column per feature).
  /// - Throws: ``MetaProbeKitError/invalidInput(_:)`` naming the file and what is wrong with it.
  public static func featureTable(_ path: String) throws(MetaProbeKitError) -> TaskFeatureTable {
    do { return try TaskFeatureTable(csv: String(contentsOfFile: path, encoding: .utf8)) } catch {
      throw .invalidInput("\(path): \(error)")
    }
  }

  /// The meta-model for `learner`: the file at `path` when given, else the cached default in
  /// `cacheDirectory/meta-<learner>.json`, trained first (ensemble, seed 0) from the bundled
  /// corpus when missing or older than the corpus.
  /// - Parameters:
  ///   - path: a meta-model file from ``TrainedMetaModel/save(to:)``, or nil.
  ///   - learner: the learner's name.
  ///   - cacheDirectory: where the default model is cached (default `.metaprobe`).
  ///   - progress: told when the default model is being trained.
  /// - Throws: the model file's decoding errors; ``MetaProbeKitError/invalidInput(_:)`` when no
  ///   path is given and the corpus is missing.
  public static func metaModel(
    path: String?, learner: String, cacheDirectory: String = ".metaprobe",
    progress: (String) -> Void = { _ in }
  ) throws -> TrainedMetaModel {
    if let path { return try TrainedMetaModel.load(from: path) }
    let (log, features) = try bundled()
    let cache = "\(cacheDirectory)/meta-\(learner).json"
    let manager = FileManager.default
    func modified(_ path: String) -> Date? { (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
    let corpusExists = manager.fileExists(atPath: log) && manager.fileExists(atPath: features)
    if let cached = modified(cache) {
      let corpusTime = [modified(log), modified(features)].compactMap { $0 }.max()
      if corpusTime.map({ $0 <= cached }) ?? true { return try TrainedMetaModel.load(from: cache) }
    }
    guard corpusExists else {
      throw MetaProbeKitError.invalidInput(
        "no --meta-model given and the bundled corpus is missing (\(log), \(features)); train one with `metaprobe meta train` and pass --meta-model"
      )
    }
    progress("training the default meta-model for \(learner) on \(log) (cached in \(cache))")
    let (data, space) = try metaDataset(log: log, features: features, learner: learner)
    let model = try TrainedMetaModel(training: data, space: space, learner: learner, kind: .ensemble, seed: 0)
    try model.save(to: cache)
    return model
  }
}

extension TrainedMetaModel {
  /// The task features of `data` in this model's columns: pymfe's general, statistical and
  /// info-theory groups (plus complexity when the model uses it), NaN where undefined or absent.
  public func taskFeatureVector(of data: Dataset) -> [Double] {
    var groups = MetaFeatureGroup.defaults
    var vector = MetaFeatureExtractor(groups: groups).features(of: data)
    if taskFeatureNames.contains(where: { !vector.names.contains($0) }) {
      groups.append(.complexity)
      vector = MetaFeatureExtractor(groups: groups).features(of: data)
    }
    return taskFeatures(names: vector.names, values: vector.values)
  }
}
