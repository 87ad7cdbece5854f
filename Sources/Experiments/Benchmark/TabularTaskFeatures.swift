import Datasets
import Linalg
import MetaFeatures
import Search
import Storage

/// Task features for tabular logs: landmark scores from the log, plus dataset meta-features
/// where the task's dataset is bundled.
///
/// **Landmarks.** Per learner, `landmarks` configuration numbers drawn (seeded, uniformly
/// without replacement, from the ascending list) among the numbers every task of that learner
/// holds with the same parameters; the feature `landmark_<number>` (`landmark_<learner>_<number>`
/// when the suite has several learners) is the task's true value of that configuration (NaN
/// when the task lacks the learner). With no shared configuration a learner has no landmarks.
///
/// **Dataset meta-features.** For a task whose dataset is in the registry (by its own name, or
/// through ``datasetAliases``: HPOBench's `credit_g` is KEEL's `german`), `MetaFeatureExtractor`
/// with the general, statistical and info-theory groups (mean and sd summaries); NaN for the
/// others. The columns are the sorted union of the names extracted.
public enum TabularTaskFeatures {
  /// Task names whose bundled dataset has another name.
  public static let datasetAliases = ["credit_g": "german"]

  /// The landmark configuration numbers of each learner, sorted.
  public static func landmarks(of suite: TabularBenchmark, count: Int = 8, seed: UInt64 = 0) -> [String: [Int]] {
    var out: [String: [Int]] = [:]
    for learner in Set(suite.problems.map(\.learner)).sorted() {
      let problems = suite.problems.filter { $0.learner == learner }
      guard let first = problems.first else { continue }
      let shared = first.numbers.indices.filter { i in
        problems.dropFirst().allSatisfy { p in
          guard let j = p.index(ofNumber: first.numbers[i]) else { return false }
          return p.configurations[j] == first.configurations[i]
        }
      }.map { first.numbers[$0] }
      var generator = SeededGenerator(seed: seed)
      out[learner] = generator.sample(min(count, shared.count), from: shared.count).map { shared[$0] }.sorted()
    }
    return out
  }

  /// The feature table of every task of `suite`.
  ///
  /// - Parameters:
  ///   - landmarks: landmark configurations per learner (≥ 0).
  ///   - seed: the seed of the landmark draw.
  ///   - registry: the bundled datasets; nil leaves out dataset meta-features.
  /// - Throws: `ExperimentsError.invalidSetting` if the table cannot be built (duplicate names).
  public static func table(
    for suite: TabularBenchmark, landmarks count: Int = 8, seed: UInt64 = 0, registry: DatasetRegistry? = nil
  ) throws(ExperimentsError) -> TaskFeatureTable {
    let chosen = landmarks(of: suite, count: count, seed: seed)
    let several = chosen.count > 1
    var names: [String] = []
    var columns: [(learner: String, number: Int)] = []
    for learner in chosen.keys.sorted() {
      for n in chosen[learner] ?? [] {
        names.append(several ? "landmark_\(learner)_\(n)" : "landmark_\(n)")
        columns.append((learner, n))
      }
    }
    var datasetFeatures: [String: MetaFeatureVector] = [:]
    if let registry {
      let extractor = MetaFeatureExtractor(groups: MetaFeatureGroup.defaults)
      for task in suite.tasks {
        let name = datasetAliases[task] ?? task
        guard registry.entry(named: name) != nil, let data = try? registry.load(name) else { continue }
        datasetFeatures[task] = extractor.features(of: data)
      }
    }
    let metaNames = Array(Set(datasetFeatures.values.flatMap(\.names))).sorted()
    var table = TaskFeatureTable(names: names + metaNames)
    for task in suite.tasks {
      var row = columns.map { c -> Double in
        guard let p = suite.problems.first(where: { $0.task == task && $0.learner == c.learner }),
          let i = p.index(ofNumber: c.number)
        else { return .nan }
        return p.trueValue(i)
      }
      row += metaNames.map { datasetFeatures[task]?[$0] ?? .nan }
      do { try table.set(task, values: row) } catch { throw .invalidSetting("task features of '\(task)': \(error)") }
    }
    return table
  }
}
