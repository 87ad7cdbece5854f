// Meta-warm-start a dataset: train a random-forest meta-model on the bundled tuning-log corpus,
// let it pick k-nearest-neighbour configurations for wine, then refine them by successive
// halving across data fractions 0.25 and 0.5 (stored in memory).
import Foundation
import MetaProbeKit

BLASKernel.pinForReproducibility()
let corpus = try MetaCorpus.bundled()
let (prior, space) = try MetaCorpus.metaDataset(log: corpus.log, features: corpus.features, learner: "knn")
let rows = try prior.subsample(rowsPerTask: 64, seed: 0)  // a small model, so the example runs in seconds
let model = try TrainedMetaModel(training: rows, space: space, learner: "knn", kind: .forest, seed: 0)
let modelPath = FileManager.default.temporaryDirectory.appendingPathComponent("meta-knn-forest.json").path
try model.save(to: modelPath)

var optimizer = MetaOptimizer(learner: "knn")
optimizer.metaModelPath = modelPath
optimizer.priorRows = 64
(optimizer.settings.minResource, optimizer.settings.maxResource) = (0.25, 0.5)
(optimizer.settings.numInitialConfigs, optimizer.settings.numIterations) = (4, 2)
optimizer.settings.measureFlatness = false
optimizer.storageURL = "memory"
let outcome = try await optimizer.run(on: try Dataset.load("wine"), named: "wine")
guard let best = outcome.result.best, let value = outcome.result.bestValue else {
  throw MetaProbeKitError.invalidInput("every evaluation failed")
}
print("warm-start-dataset: \(outcome.result.trace.count) evaluations; best \(value) with \(best)")
