import Foundation
import MetaProbeKit
import Testing

/// ``TuningRun``: the tune workflow as a library call.
@Suite struct TuningRunTests {
  /// Six random knn trials on iris in memory: six finished trials with the run's settings
  /// stored as attributes, and a best trial whose value is its mean 3-fold accuracy.
  @Test func tunesALearnerOnABundledDataset() async throws {
    var run = TuningRun(learner: "knn")
    (run.sampler, run.trials, run.folds, run.seed, run.storageURL) = (.random, 6, 3, 4, "memory")
    run.fixed = ["weights=uniform"]
    let iris = try Dataset.load("iris")
    let result = try await run.run(on: iris, named: "iris")
    #expect(result.studyName == "iris-knn")
    #expect(result.trials.count == 6)
    #expect(result.finishedThisRun == 6)
    #expect(result.trials.allSatisfy { $0.userAttributes["cv"] == .number(3) && $0.params["weights"] == .categorical("uniform") })
    let best = try #require(result.best)
    let config = try Pipeline(try LearnerCatalog.learner(named: "knn")).configuration(best.params)
    let again = try CrossValidation.evaluate(
      Pipeline(try LearnerCatalog.learner(named: "knn")), on: iris, config: config, folds: 3, seed: 4)
    #expect(best.value == again.meanAccuracy)
  }

  @Test func badSettingsAreNamedBeforeAnythingRuns() async throws {
    var run = TuningRun(learner: "knn")
    run.trials = 0
    #expect(throws: MetaProbeKitError.invalidSetting("--trials must be at least 1, got 0")) { try run.validate() }
    run.trials = 1
    run.fixed = ["no_such=1"]
    run.storageURL = "memory"
    await #expect(throws: MetaProbeKitError.self) { _ = try await run.run(on: try Dataset.load("iris"), named: "iris") }
  }
}
