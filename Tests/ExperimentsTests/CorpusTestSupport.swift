import Datasets
import Experiments
import Foundation
import Learners
import Linalg
import Search
import Storage

/// The repository's `datasets/` folder (this file is Tests/ExperimentsTests/CorpusTestSupport.swift).
let corpusDatasetsRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets")

/// Two small bundled tasks: scikit-learn's iris (150 rows) and wine (178 rows).
func smallCorpusTasks(seed: UInt64 = 7) throws -> [CorpusTask] {
  let registry = try DatasetRegistry(root: corpusDatasetsRoot)
  return try ["iris", "wine"].map { name in try CorpusTask(name: name, data: try registry.load(name), runSeed: seed) }
}

/// The tiny corpus of the tests: svm and knn, 3 configurations each, levels 0.5 and 1.
func tinyGenerator(jobs: Int = 1, configs: Int = 3, seed: UInt64 = 7) throws -> CorpusGenerator {
  let learners = try [TuningSpace.svm, TuningSpace.knn].map { try CorpusLearner(space: $0, count: configs, seed: seed) }
  return try CorpusGenerator(learners: learners, levels: [0.5, 1], jobs: jobs)
}

/// A fresh path in the temporary directory.
func temporaryLogURL() -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString).jsonl")
}

/// The lines of a file.
func fileLines(_ url: URL) throws -> [String] {
  try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
}

/// Records with their measured costs removed (the only field that differs between identical runs).
func withoutCost(_ records: [TuningLogRecord]) -> [TuningLogRecord] {
  records.map { r in
    var r = r
    r.costSeconds = nil
    return r
  }
}

/// A learner whose every fit throws, to check that failures are recorded and do not stop a run.
struct AlwaysFailingLearner: Learner {
  let name = "always_fails"
  let needsStandardization = false
  let iterationKind: Resource.Kind? = nil
  var searchSpace: SearchSpace { (try? SearchSpace([.float("x", 0, 1, default: 0.5)])) ?? TuningSpace.knn.space }

  func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget, seed: UInt64,
    monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    throw .underlying(learner: name, message: "deliberate failure at \(x.rows) rows")
  }
}
