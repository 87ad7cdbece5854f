import Foundation
import Learners
import Linalg

/// Training-dynamics features of one learning curve, as an ordered ``FeatureVector``.
///
/// With epochs `t = 1…E` (the curve's own epoch numbers), train losses `Lₜ`, validation
/// accuracies `Aₜ` and losses `Vₜ`, gradient norms `Gₜ` and epoch times `Sₜ`:
///
/// | name | definition | needs |
/// |---|---|---|
/// | `dyn.epochs` | E | — |
/// | `dyn.loss_slope` | slope of the least-squares line through (t, ln Lₜ) (per epoch, < 0 when learning) | E ≥ 2 |
/// | `dyn.loss_curvature` | c₂ of the least-squares ln Lₜ ≈ c₀ + c₁t + c₂t² | E ≥ 3 |
/// | `dyn.accuracy_slope` | slope of the least-squares line through (t, Aₜ) | E ≥ 2, validation |
/// | `dyn.best_val_accuracy`, `dyn.last_val_accuracy` | max Aₜ, A_E | validation |
/// | `dyn.best_val_loss`, `dyn.last_val_loss` | min Vₜ, V_E | validation |
/// | `dyn.last_train_loss` | L_E | — |
/// | `dyn.generalization_gap` | V_E − L_E | validation |
/// | `dyn.grad_norm_mean`, `dyn.grad_norm_sd`, `dyn.grad_norm_ratio` | mean, sd (ddof 1), G₁/G_E | E ≥ 2 for sd |
/// | `dyn.seconds_per_epoch` | mean Sₜ | — |
/// | `dyn.curve_family` | 0 power law, 1 exponential (``LearningCurveExtrapolation``) | E ≥ 4, validation |
/// | `dyn.curve_asymptote`, `dyn.curve_rate` | fitted a and c | idem |
/// | `dyn.target_epoch` | T, the epoch extrapolated to | idem |
/// | `dyn.extrapolated_accuracy`, `dyn.extrapolated_accuracy_se` | ŷ(T), its delta-method standard error | idem |
///
/// A feature that cannot be computed is NaN and ``FeatureVector/reasons`` says why (too short a
/// curve, no monitoring set, a diverged loss).
public struct TrainingDynamics: Sendable, Equatable {
  /// The curve extrapolation.
  public var extrapolation: LearningCurveExtrapolation

  /// Features with the default extrapolation bounds.
  public init(extrapolation: LearningCurveExtrapolation = LearningCurveExtrapolation()) {
    self.extrapolation = extrapolation
  }

  /// The features of `curve`, extrapolating the validation accuracy to `targetEpoch`
  /// (default: the last epoch of the curve).
  public func features(of curve: [LearningCurvePoint], targetEpoch: Int? = nil) -> FeatureVector {
    var f = FeatureVector()
    let t = curve.map { Double($0.epoch) }
    f.append("dyn.epochs", Double(curve.count))

    let losses = curve.map(\.trainLoss)
    let logValid = losses.allSatisfy { $0 > 0 && $0.isFinite }
    let lossReason = curve.isEmpty ? "empty curve" : (logValid ? "" : "train loss not positive and finite (diverged?)")
    if !logValid || curve.count < 2 {
      f.appendMissing("dyn.loss_slope", reason: logValid ? "need ≥ 2 epochs" : lossReason)
    } else {
      f.append("dyn.loss_slope", LeastSquares.polynomial(t, losses.map(Foundation.log), degree: 1)?[1] ?? .nan, reason: "epochs not distinct")
    }
    if !logValid || curve.count < 3 {
      f.appendMissing("dyn.loss_curvature", reason: logValid ? "need ≥ 3 epochs" : lossReason)
    } else {
      f.append("dyn.loss_curvature", LeastSquares.polynomial(t, losses.map(Foundation.log), degree: 2)?[2] ?? .nan, reason: "epochs not distinct")
    }

    let accuracies = curve.compactMap(\.validationAccuracy)
    let validationLosses = curve.compactMap(\.validationLoss)
    let hasAccuracy = !curve.isEmpty && accuracies.count == curve.count
    let hasValidationLoss = !curve.isEmpty && validationLosses.count == curve.count
    let noMonitor = curve.isEmpty ? "empty curve" : "no monitoring set (validation values missing)"
    if hasAccuracy && curve.count >= 2 {
      f.append("dyn.accuracy_slope", LeastSquares.polynomial(t, accuracies, degree: 1)?[1] ?? .nan, reason: "epochs not distinct")
    } else {
      f.appendMissing("dyn.accuracy_slope", reason: hasAccuracy ? "need ≥ 2 epochs" : noMonitor)
    }
    f.append("dyn.best_val_accuracy", hasAccuracy ? accuracies.max() ?? .nan : .nan, reason: noMonitor)
    f.append("dyn.last_val_accuracy", hasAccuracy ? accuracies.last ?? .nan : .nan, reason: noMonitor)
    f.append("dyn.best_val_loss", hasValidationLoss ? validationLosses.min() ?? .nan : .nan, reason: noMonitor)
    f.append("dyn.last_val_loss", hasValidationLoss ? validationLosses.last ?? .nan : .nan, reason: noMonitor)
    f.append("dyn.last_train_loss", losses.last ?? .nan, reason: curve.isEmpty ? "empty curve" : "train loss not finite")
    f.append(
      "dyn.generalization_gap", hasValidationLoss ? (validationLosses.last ?? .nan) - (losses.last ?? .nan) : .nan,
      reason: hasValidationLoss ? "train loss not finite" : noMonitor)

    let norms = curve.map(\.gradientNorm)
    f.append("dyn.grad_norm_mean", Statistics.mean(norms), reason: curve.isEmpty ? "empty curve" : "gradient norm not finite")
    f.append(
      "dyn.grad_norm_sd", curve.count >= 2 ? Statistics.standardDeviation(norms, ddof: 1) : .nan,
      reason: curve.count >= 2 ? "gradient norm not finite" : "need ≥ 2 epochs")
    f.append(
      "dyn.grad_norm_ratio", (norms.first ?? .nan) / (norms.last ?? .nan),
      reason: curve.isEmpty ? "empty curve" : "last gradient norm is 0 or not finite")
    f.append("dyn.seconds_per_epoch", Statistics.mean(curve.map(\.seconds)), reason: "empty curve")

    appendExtrapolation(to: &f, t: t, accuracies: hasAccuracy ? accuracies : nil, targetEpoch: targetEpoch ?? curve.last?.epoch)
    return f
  }

  private func appendExtrapolation(to f: inout FeatureVector, t: [Double], accuracies: [Double]?, targetEpoch: Int?) {
    let names = [
      "dyn.curve_family", "dyn.curve_asymptote", "dyn.curve_rate", "dyn.target_epoch", "dyn.extrapolated_accuracy",
      "dyn.extrapolated_accuracy_se",
    ]
    let failure: String?
    var values = [Double]()
    if let accuracies, let targetEpoch {
      do {
        let fit = try extrapolation.fitBest(t: t, y: accuracies).best
        let target = Double(targetEpoch)
        values = [
          fit.family == .powerLaw ? 0 : 1, fit.parameters[0], fit.parameters[2], target, fit.predict(at: target),
          fit.standardError(at: target),
        ]
        failure = nil
      } catch {
        failure = t.count < 4 ? "need ≥ 4 epochs for a 3-parameter curve fit" : error.description
      }
    } else {
      failure = t.isEmpty ? "empty curve" : "no monitoring set (validation accuracy missing)"
    }
    for (i, name) in names.enumerated() {
      if let failure {
        f.appendMissing(name, reason: failure)
      } else {
        f.append(name, values[i], reason: "singular Jacobian (JᵀJ not invertible)")
      }
    }
  }
}
