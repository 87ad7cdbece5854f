import Datasets
import Foundation
import Learners
import Linalg
import Probes
import Search
import Testing

/// Sharpness of MLPs trained on real data (scikit-learn's breast cancer, bundled): the directions
/// reported by Keskar et al. 2017 (larger batches end sharper) and by Jastrzębski et al. 2020 /
/// Cohen et al. 2021 (larger learning rates end flatter; full-batch GD settles at λmax ≈ 2/η).
@Suite(.serialized) struct SharpnessPropertyTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func breastCancer() throws -> Dataset {
    try Dataset.read(from: packageRoot.appendingPathComponent("datasets/sklearn/breast_cancer.csv").path)
  }

  struct Measurement {
    var topEigenvalue: Double
    var sharpness: Double
    var trainLoss: Double
  }

  /// Trains a 1×32 ReLU MLP (default SGD, momentum 0.9; `solver` overrides) on the 80 % split and
  /// measures λmax (power iteration, 100
  /// iterations, tol 1e-4) and ε-sharpness (ε = 1e-3) on its training rows.
  static func trainAndMeasure(
    data: Dataset, batchSize: Int, learningRate: Double, epochs: Int, seed: UInt64, solver: [String] = ["solver=sgd", "momentum=0.9"]
  ) throws -> Measurement {
    var probe = SharpnessProbe(seed: seed)
    probe.powerIteration = PowerIteration(maxIterations: 100, tolerance: 1e-4, seed: seed)
    probe.lanczos = HessianLanczos(steps: 2, count: 1, seed: seed)
    probe.hutchinson = HutchinsonTrace(maxSamples: 2, minSamples: 2, seed: seed)
    probe.slices = nil
    let training = TrainingProbe(Pipeline(MLPLearner()), sharpness: probe)
    let config = try Pipeline(MLPLearner()).configuration(
      parsing: [
        "n_layers=1", "width=32", "alpha=1e-10", "tol=0", "n_iter_no_change=10000",
        "max_iter=\(epochs)", "batch_size=\(batchSize)", "learning_rate_init=\(learningRate)",
      ] + solver)
    let result = try training.run(on: data, config: config, seed: seed)
    let report = try #require(result.sharpness)
    return Measurement(
      topEigenvalue: report.topEigenvalue.top, sharpness: report.epsilonSharpness.sharpness,
      trainLoss: report.epsilonSharpness.loss)
  }

  static func summary(_ label: String, _ ms: [Measurement]) -> String {
    let lam = ms.map { String(format: "%.3f", $0.topEigenvalue) }.joined(separator: ", ")
    let eps = ms.map { String(format: "%.4f", $0.sharpness) }.joined(separator: ", ")
    let loss = ms.map { String(format: "%.4f", $0.trainLoss) }.joined(separator: ", ")
    return "\(label): λmax [\(lam)] mean \(String(format: "%.3f", Statistics.mean(ms.map(\.topEigenvalue)))); "
      + "ε-sharpness [\(eps)] mean \(String(format: "%.4f", Statistics.mean(ms.map(\.sharpness)))); train loss [\(loss)]"
  }

  /// Keskar et al.'s protocol: Adam, the same number of epochs (200) for both batch sizes, each
  /// trained close to convergence. With 100 epochs of SGD the batch-512 model (100 steps) was still
  /// early in training and the direction did not hold for λmax (see the report in the commit log).
  /// Note the confound: the small-batch models also end at a lower training loss, and the
  /// cross-entropy Hessian shrinks with the loss. At matched loss the direction does not hold
  /// (`metaprobe probe`, seeds 1–3): batch 16 after 10 epochs (f(w) 0.071 on average) has
  /// λmax 0.70 and ε-sharpness 0.143, batch 512 after 200 epochs (f(w) 0.059) 0.65 and 0.124.
  /// So this test asserts Keskar's equal-epochs observation, not a loss-independent effect.
  @Test func largerBatchesEndSharper() throws {
    let data = try Self.breastCancer()
    var small = [Measurement]()
    var large = [Measurement]()
    for seed in UInt64(1)...3 {
      small.append(try Self.trainAndMeasure(data: data, batchSize: 16, learningRate: 1e-3, epochs: 200, seed: seed, solver: ["solver=adam"]))
      large.append(try Self.trainAndMeasure(data: data, batchSize: 512, learningRate: 1e-3, epochs: 200, seed: seed, solver: ["solver=adam"]))
    }
    print(Self.summary("batch 16 ", small))
    print(Self.summary("batch 512", large))
    #expect(Statistics.mean(large.map(\.topEigenvalue)) > Statistics.mean(small.map(\.topEigenvalue)))
    #expect(Statistics.mean(large.map(\.sharpness)) > Statistics.mean(small.map(\.sharpness)))
  }

  @Test func largerLearningRatesEndFlatter() throws {
    let data = try Self.breastCancer()
    var slow = [Measurement]()
    var fast = [Measurement]()
    for seed in UInt64(1)...3 {
      slow.append(try Self.trainAndMeasure(data: data, batchSize: 32, learningRate: 0.001, epochs: 100, seed: seed))
      fast.append(try Self.trainAndMeasure(data: data, batchSize: 32, learningRate: 0.05, epochs: 100, seed: seed))
    }
    print(Self.summary("lr 0.001", slow))
    print(Self.summary("lr 0.05 ", fast))
    #expect(Statistics.mean(fast.map(\.topEigenvalue)) < Statistics.mean(slow.map(\.topEigenvalue)))
    #expect(Statistics.mean(fast.map(\.sharpness)) < Statistics.mean(slow.map(\.sharpness)))
  }
}
