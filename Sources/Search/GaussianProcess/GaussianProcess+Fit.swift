import Foundation
import Linalg

extension GaussianProcess {
  /// Fits the hyperparameters by maximising the log marginal likelihood, then conditions on the data.
  ///
  /// Type-II maximum likelihood (Rasmussen & Williams 2006, §5.4.1): `Linalg`'s ``LBFGS`` (projected backtracking) minimises
  /// `−L(θ)` with the analytic gradient of
  /// ``logMarginalLikelihoodAndGradient(inputs:targets:theta:)`` inside `bounds`, from
  /// `initial` and then from `restarts` points drawn log-uniformly in the box from
  /// `generator` (scikit-learn's `n_restarts_optimizer`). The best optimum wins.
  ///
  /// - Parameters:
  ///   - inputs: n × d inputs (n ≥ 1).
  ///   - targets: n targets, standardised inside.
  ///   - bounds: the box on the hyperparameters (default ``GPHyperparameterBounds/init(lengthscale:signalVariance:noiseVariance:)``).
  ///   - initial: the first starting point (default unit lengthscales, σ_f² = 1, σ_n² = 1e-2),
  ///     clamped into the box; pass the previous fit to warm-start.
  ///   - restarts: extra random starts (≥ 0).
  ///   - maxIterations: L-BFGS iterations per start.
  ///   - generator: the seeded source of the restarts.
  /// - Throws: ``GaussianProcessError/invalidInput(_:)`` for malformed data or bounds;
  ///   ``GaussianProcessError/notPositiveDefinite(jitter:)`` when no start yields a factorisable `K`.
  /// - Complexity: O((restarts + 1)·iterations·n³).
  public static func fit(
    inputs: Matrix<Double>, targets: [Double],
    bounds: GPHyperparameterBounds = GPHyperparameterBounds(),
    initial: GPHyperparameters? = nil, restarts: Int = 2, maxIterations: Int = 100,
    using generator: inout SeededGenerator
  ) throws(GaussianProcessError) -> GaussianProcess {
    let d = inputs.columns
    guard bounds.isValid else { throw .invalidInput("hyperparameter bounds must be positive and finite") }
    let start =
      initial
      ?? GPHyperparameters(
        lengthscales: [Double](repeating: 1, count: d), signalVariance: 1, noiseVariance: 1e-2)
    try validate(inputs: inputs, targets: targets, hyperparameters: start)
    let (lower, upper) = bounds.logBounds(dimension: d)
    var starts = [start.logParameters]
    for _ in 0..<Swift.max(restarts, 0) {
      starts.append((0..<(d + 2)).map { generator.uniform(lower[$0], upper[$0]) })
    }
    let (optimiser, box) = try linalg { () throws(LinalgError) in
      (
        try LBFGS(
          maxIterations: Swift.max(maxIterations, 0), functionTolerance: 1e-10,
          lineSearch: .projectedBacktracking(maxSteps: 40)),
        try LBFGS.Bounds(lower: lower, upper: upper)
      )
    }
    let failed = (value: Double.infinity, gradient: [Double](repeating: 0, count: d + 2))
    var best: (point: [Double], value: Double)?
    for s in starts {
      // A θ where K cannot be factorised (or L is not finite) counts as f = +∞.
      let r = optimiser.minimize(from: s, within: box) { theta in
        guard let (v, g) = try? logMarginalLikelihoodAndGradient(inputs: inputs, targets: targets, theta: theta),
          v.isFinite, g.allSatisfy(\.isFinite)
        else { return failed }
        return (-v, g.map { -$0 })
      }
      if r.value.isFinite, r.value < (best?.value ?? .infinity) { best = (r.x, r.value) }
    }
    guard let best else { throw .notPositiveDefinite(jitter: maxJitter) }
    return try GaussianProcess(
      inputs: inputs, targets: targets, hyperparameters: GPHyperparameters(logParameters: best.point))
  }
}
