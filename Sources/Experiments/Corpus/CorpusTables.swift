import Datasets
import MetaFeatures
import Storage

/// The shipped tables of a corpus: the sorted tuning log and the task meta-features.
public enum CorpusTables {
  /// `records` sorted by (task, learner, number, resource) as CSV (``TuningLogFormat/csv(_:)``), so
  /// the file is byte-reproducible except for `cost_s`. A key present twice keeps its first record.
  public static func sortedCSV(_ records: [TuningLogRecord]) -> String {
    var seen = Set<CorpusLogFile.Key>()
    var unique = [TuningLogRecord]()
    for r in records where seen.insert(key(of: r)).inserted { unique.append(r) }
    return TuningLogFormat.csv(unique.sorted { key(of: $0) < key(of: $1) })
  }

  /// The meta-features of each dataset, one row per task (named by `Dataset.name`).
  ///
  /// - Parameters:
  ///   - datasets: the tasks' datasets (the whole dataset, not a split).
  ///   - groups: the pymfe groups to extract (for example general, statistical, info-theory).
  ///   - seed: pymfe's `random_state`.
  /// - Returns: a table whose columns are the union of the feature names (sorted), NaN where a task
  ///   lacks a feature or it is undefined.
  public static func taskFeatures(of datasets: [Dataset], groups: [MetaFeatureGroup], seed: Int = 0) -> TaskFeatureTable {
    let extractor = MetaFeatureExtractor(groups: groups, randomSeed: seed)
    let vectors = datasets.map { (name: $0.name, vector: extractor.features(of: $0)) }
    let names = Set(vectors.flatMap(\.vector.names)).sorted {
      Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
    }
    var table = TaskFeatureTable(names: names)
    for (name, vector) in vectors {
      // One value per name by construction, so `set` cannot throw.
      try? table.set(name, values: names.map { vector[$0] ?? .nan })
    }
    return table
  }

  private static func key(of r: TuningLogRecord) -> CorpusLogFile.Key {
    CorpusLogFile.Key(task: r.task, learner: r.learner, number: r.number, resource: r.resource)
  }
}
