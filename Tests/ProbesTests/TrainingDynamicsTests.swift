import Foundation
import Learners
import Linalg
import Probes
import Testing

/// Training-dynamics features and learning-curve extrapolation on synthetic curves.
@Suite struct TrainingDynamicsTests {
  /// A curve with the given per-epoch values (times 0.5 s, validation loss = train loss + 0.1).
  static func curve(
    epochs: Int, trainLoss: (Double) -> Double, accuracy: ((Double) -> Double)?, gradientNorm: (Double) -> Double = { 2 / $0 }
  ) -> [LearningCurvePoint] {
    (1...epochs).map { e in
      let t = Double(e)
      return LearningCurvePoint(
        epoch: e, trainLoss: trainLoss(t), validationLoss: accuracy.map { _ in trainLoss(t) + 0.1 },
        validationAccuracy: accuracy.map { $0(t) }, gradientNorm: gradientNorm(t), learningRate: 0.01, seconds: 0.5)
    }
  }

  @Test func slopesAndCurvatureMatchClosedForms() throws {
    // ln L = 1 − 0.2t + 0.01t²: slope of the LS line over t = 1…10 is −0.2 + 0.01·(1 + 10) = −0.09
    // (for t², the LS slope on equally spaced t is (t₁ + t_E)); curvature 0.01; accuracy 0.5 + 0.02t.
    let points = Self.curve(epochs: 10, trainLoss: { exp(1 - 0.2 * $0 + 0.01 * $0 * $0) }, accuracy: { 0.5 + 0.02 * $0 })
    let f = TrainingDynamics().features(of: points, targetEpoch: 20)
    #expect(abs((f["dyn.loss_slope"] ?? .nan) - (-0.09)) < 1e-10)
    #expect(abs((f["dyn.loss_curvature"] ?? .nan) - 0.01) < 1e-10)
    #expect(abs((f["dyn.accuracy_slope"] ?? .nan) - 0.02) < 1e-12)
    #expect(abs((f["dyn.best_val_accuracy"] ?? 0) - 0.7) < 1e-15 && abs((f["dyn.last_val_accuracy"] ?? 0) - 0.7) < 1e-15)
    #expect(abs((f["dyn.generalization_gap"] ?? .nan) - 0.1) < 1e-12)
    #expect(abs((f["dyn.grad_norm_ratio"] ?? .nan) - 10) < 1e-12)
    let harmonic: Double = (1...10).map { 1 / Double($0) }.reduce(0, +)
    let meanNorm = f["dyn.grad_norm_mean"] ?? .nan
    #expect(abs(meanNorm - 2 * harmonic / 10) < 1e-12)
    #expect(f["dyn.seconds_per_epoch"] == 0.5)
    #expect(f["dyn.epochs"] == 10)
    #expect(f.names.allSatisfy { $0.hasPrefix("dyn.") })
    #expect(f.names.count == 20)
  }

  @Test func pureExponentialDecayHasTheDecayRateAsSlope() {
    let f = TrainingDynamics().features(of: Self.curve(epochs: 7, trainLoss: { 3 * exp(-0.35 * $0) }, accuracy: nil))
    #expect(abs((f["dyn.loss_slope"] ?? .nan) + 0.35) < 1e-12)
    #expect(abs(f["dyn.loss_curvature"] ?? .nan) < 1e-10)
    #expect(f["dyn.accuracy_slope"]?.isNaN == true)
    #expect(f.reasons["dyn.accuracy_slope"]?.contains("monitoring") == true)
  }

  @Test func tooShortCurvesGiveNaNWithAReason() {
    let f = TrainingDynamics().features(of: Self.curve(epochs: 2, trainLoss: { 1 / $0 }, accuracy: { 0.5 + 0.1 * $0 }))
    #expect(f["dyn.loss_slope"]?.isFinite == true)
    #expect(f["dyn.loss_curvature"]?.isNaN == true)
    #expect(f.reasons["dyn.loss_curvature"] == "need ≥ 3 epochs")
    #expect(f["dyn.extrapolated_accuracy"]?.isNaN == true)
    #expect(f.reasons["dyn.extrapolated_accuracy"]?.contains("4 epochs") == true)
    let empty = TrainingDynamics().features(of: [])
    #expect(empty["dyn.epochs"] == 0)
    #expect(empty.values.dropFirst().allSatisfy { $0.isNaN })
    #expect(empty.reasons.count == empty.count - 1)
  }

  @Test(arguments: [
    (LearningCurveExtrapolation.Family.powerLaw, [0.92, 0.55, 0.8]),
    (.powerLaw, [0.8, 0.3, 0.4]),
    (.exponential, [0.88, 0.6, 0.25]),
    (.exponential, [0.95, 0.9, 0.08]),
  ])
  func noiseFreeFitsRecoverTheParametersAndTheFamily(family: LearningCurveExtrapolation.Family, truth: [Double]) throws {
    let t = (1...30).map(Double.init)
    let y = t.map { family.value($0, truth) }
    let (best, other) = try LearningCurveExtrapolation().fitBest(t: t, y: y)
    #expect(best.family == family, "rss best \(best.rss), other \(other.rss)")
    for k in 0..<3 { #expect(abs(best.parameters[k] - truth[k]) < 1e-4 * max(1, abs(truth[k])), "\(best.parameters) vs \(truth)") }
    #expect(abs(best.predict(at: 100) - family.value(100, truth)) < 1e-5)
  }

  @Test(arguments: [
    (LearningCurveExtrapolation.Family.powerLaw, [0.9, 0.5, 0.6]),
    (.exponential, [0.87, 0.55, 0.15]),
  ])
  func noisyFitsRecoverTheParametersWithinTheirErrorsAndTheFamily(
    family: LearningCurveExtrapolation.Family, truth: [Double]
  ) throws {
    let t = (1...40).map(Double.init)
    var right = 0
    var covered = 0
    for seed in UInt64(0)..<10 {
      var generator = SeededGenerator(seed: seed)
      let y = t.map { family.value($0, truth) + generator.normal(mean: 0, sd: 0.004) }
      let (best, _) = try LearningCurveExtrapolation().fitBest(t: t, y: y)
      if best.family == family { right += 1 }
      let fit = try LearningCurveExtrapolation().fit(family, t: t, y: y)
      #expect(abs(fit.parameters[0] - truth[0]) < 0.03, "\(fit.parameters)")
      let target = 200.0
      let se = fit.standardError(at: target)
      #expect(se > 0 && se < 0.05)
      if abs(fit.predict(at: target) - family.value(target, truth)) <= 3 * se { covered += 1 }
    }
    #expect(right >= 9, "family chosen right in \(right)/10")
    #expect(covered >= 8, "3·SE interval covered the truth in \(covered)/10")
  }

  @Test func extrapolationFeaturesPredictAtTheTargetEpoch() {
    let truth = [0.9, 0.5, 0.7]
    let points = Self.curve(
      epochs: 20, trainLoss: { 1 / $0 }, accuracy: { LearningCurveExtrapolation.Family.powerLaw.value($0, truth) })
    let f = TrainingDynamics().features(of: points, targetEpoch: 200)
    #expect(f["dyn.curve_family"] == 0)
    #expect(f["dyn.target_epoch"] == 200)
    #expect(abs((f["dyn.extrapolated_accuracy"] ?? .nan) - LearningCurveExtrapolation.Family.powerLaw.value(200, truth)) < 1e-5)
    #expect(abs((f["dyn.curve_asymptote"] ?? .nan) - 0.9) < 1e-4)
  }
}
