// Tune a learner on a bundled dataset: 12 TPE trials of k-nearest neighbours on iris, 3-fold
// cross-validated accuracy, stored in memory (give a `sqlite:///…` URL to keep the study).
import MetaProbeKit

BLASKernel.pinForReproducibility()
var run = TuningRun(learner: "knn")
run.sampler = .tpe
run.trials = 12
run.folds = 3
run.storageURL = "memory"
let result = try await run.run(on: try Dataset.load("iris"), named: "iris")
guard let best = result.best, let accuracy = best.value else { throw MetaProbeKitError.invalidInput("no trial completed") }
print("tune-learner: \(result.trials.count) trials; best accuracy \(accuracy) with \(best.params)")
