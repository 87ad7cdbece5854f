import Datasets
import Foundation
import Learners
import MetaLearning
import Probes
import Search
import Testing

private func iris() throws -> Dataset {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  return try Dataset.read(from: root.appendingPathComponent("datasets/sklearn/iris.csv").path)
}

@Test func probedEvaluatorMeasuresProbesOnlyAtTheProbeLevel() throws {
  let data = try iris()
  let mlp = Pipeline(try LearnerCatalog.learner(named: "mlp"))
  let evaluator = ProbedEvaluator(data: data, pipeline: mlp, seed: 3, probeLevel: 0.25)
  let config: Configuration = ["max_iter": .int(20), "width": .int(16)]
  let low = try evaluator.evaluate(config, resource: 0.25)
  #expect((0...1).contains(low.value))
  for name in ["epsilon_sharpness", "hessian_top_eigenvalue", "hessian_trace"] {
    #expect(low.probes[name] != nil, "missing \(name)")
  }
  #expect(low.probes.keys.contains { $0.hasPrefix("dyn_") })
  let high = try evaluator.evaluate(config, resource: 1)
  #expect(high.probes.isEmpty)
  // The value is TrainingProbe's held-out accuracy on the same split and seed.
  let direct = try TrainingProbe(mlp).run(on: data, config: config, budget: Budget(dataFraction: 1), seed: 3)
  #expect(high.value == direct.monitorAccuracy)
  // A learner that is not a network gets no sharpness but still a value.
  let knn = ProbedEvaluator(data: data, pipeline: Pipeline(try LearnerCatalog.learner(named: "knn")), seed: 3, probeLevel: 0.5)
  let k = try knn.evaluate(["n_neighbors": .int(3)], resource: 0.5)
  #expect(k.probes["epsilon_sharpness"] == nil)
  #expect(k.value > 0.8)
}

@Test func probedEvaluatorReportsAnUnknownHyperparameter() throws {
  let evaluator = ProbedEvaluator(
    data: try iris(), pipeline: Pipeline(try LearnerCatalog.learner(named: "knn")), seed: 0, probeLevel: nil)
  #expect(throws: ProbeError.self) { _ = try evaluator.evaluate(["no_such_param": .int(1)], resource: 1) }
}
