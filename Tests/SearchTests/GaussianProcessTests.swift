import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct GaussianProcessTests {
  static func randomProblem(n: Int, d: Int, seed: UInt64) -> (Matrix<Double>, [Double]) {
    var g = SeededGenerator(seed: seed)
    let x = Matrix<Double>(rows: n, columns: d, storage: (0..<(n * d)).map { _ in g.uniform() })
    let y = (0..<n).map { i in sin(6 * x[i, 0]) + (d > 1 ? x[i, 1] * x[i, 1] : 0) + 0.1 * g.normal() }
    return (x, y)
  }

  /// Two training points at 0 and 1 with targets 3 and 1 (standardised to ±1): with
  /// a = σ_f² + σ_n² + jitter, b = M(1), α = (1, −1)/(a − b), so
  /// μ(x) = 2 + (M(x) − M(1 − x))/(a − b) and
  /// σ²(x) = 1 − (a·(k₁² + k₂²) − 2b·k₁k₂)/(a² − b²) for k₁ = M(x), k₂ = M(1 − x).
  @Test func posteriorMatchesClosedFormOnTwoPoints() throws {
    let h = GPHyperparameters(lengthscales: [1], signalVariance: 1, noiseVariance: 0.01)
    let gp = try GaussianProcess(
      inputs: Matrix([[0.0], [1.0]]), targets: [3, 1], hyperparameters: h)
    func m(_ r: Double) -> Double { (1 + 5.0.squareRoot() * r + 5 * r * r / 3) * exp(-5.0.squareRoot() * r) }
    let a = 1.01 + GaussianProcess.baseJitter
    let b = m(1)
    for x in [0.25, 0.5, 0.9] {
      let (k1, k2) = (m(x), m(1 - x))
      let mean = 2 + (k1 - k2) / (a - b)
      let variance = 1 - (a * (k1 * k1 + k2 * k2) - 2 * b * k1 * k2) / (a * a - b * b)
      let p = try gp.predict(Matrix([[x]]))
      #expect(abs(p.mean[0] - mean) < 1e-12)
      #expect(abs(p.variance[0] - variance) < 1e-12)
    }
  }

  /// log p(y|X) = −½ yᵀK⁻¹y − ½ log|K| − n/2 log 2π with K⁻¹ and log|K| from the eigenvalues.
  @Test func logMarginalLikelihoodMatchesEigenvalueComputation() throws {
    let (x, y) = Self.randomProblem(n: 15, d: 2, seed: 3)
    let h = GPHyperparameters(lengthscales: [0.3, 0.7], signalVariance: 1.7, noiseVariance: 0.05)
    let gp = try GaussianProcess(inputs: x, targets: y, hyperparameters: h)
    var k = try MaternKernel.covariance(x, x, lengthscales: h.lengthscales, signalVariance: h.signalVariance)
    for i in 0..<15 { k[i, i] += h.noiseVariance + gp.jitter }
    let (values, vectors) = try k.symmetricEigen()
    let ys = gp.standardisedTargets
    var quad = 0.0
    for j in 0..<15 {
      let proj = (0..<15).reduce(0.0) { $0 + vectors[$1, j] * ys[$1] }
      quad += proj * proj / values[j]
    }
    let logDet = values.reduce(0) { $0 + log($1) }
    let expected = -0.5 * quad - 0.5 * logDet - 7.5 * log(2 * Double.pi)
    #expect(abs(gp.logMarginalLikelihood - expected) < 1e-9 * abs(expected))
    let (value, _) = try GaussianProcess.logMarginalLikelihoodAndGradient(
      inputs: x, targets: y, theta: h.logParameters)
    #expect(abs(value - expected) < 1e-9 * abs(expected))
  }

  @Test func gradientMatchesCentralFiniteDifferences() throws {
    let (x, y) = Self.randomProblem(n: 12, d: 3, seed: 5)
    let theta = [log(0.4), log(1.3), log(0.8), log(2.0), log(0.03)]
    let (_, gradient) = try GaussianProcess.logMarginalLikelihoodAndGradient(
      inputs: x, targets: y, theta: theta)
    let step = 1e-5
    for j in theta.indices {
      var up = theta
      var down = theta
      up[j] += step
      down[j] -= step
      let fu = try GaussianProcess.logMarginalLikelihoodAndGradient(inputs: x, targets: y, theta: up).value
      let fd = try GaussianProcess.logMarginalLikelihoodAndGradient(inputs: x, targets: y, theta: down).value
      let numeric = (fu - fd) / (2 * step)
      #expect(abs(gradient[j] - numeric) < 1e-6 * Swift.max(1, abs(numeric)), "θ[\(j)]")
    }
  }

  @Test func appendingMatchesAFullRefactorisation() throws {
    let (x, y) = Self.randomProblem(n: 30, d: 2, seed: 9)
    let h = GPHyperparameters(lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 0.01)
    let full = try GaussianProcess(inputs: x, targets: y, hyperparameters: h)
    let first = try GaussianProcess(inputs: x.rows(0..<20), targets: Array(y[0..<20]), hyperparameters: h)
    let grown = try first.appending(inputs: x.rows(20..<30), targets: Array(y[20..<30]))
    let (t, _) = Self.randomProblem(n: 7, d: 2, seed: 10)
    let a = try full.predict(t)
    let b = try grown.predict(t)
    for i in 0..<7 {
      #expect(abs(a.mean[i] - b.mean[i]) < 1e-9)
      #expect(abs(a.variance[i] - b.variance[i]) < 1e-9)
    }
    #expect(abs(full.logMarginalLikelihood - grown.logMarginalLikelihood) < 1e-9)
  }

  @Test func fitImprovesTheLikelihoodOverItsStart() throws {
    let (x, y) = Self.randomProblem(n: 25, d: 2, seed: 2)
    var g = SeededGenerator(seed: 1)
    let start = GPHyperparameters(lengthscales: [1, 1], signalVariance: 1, noiseVariance: 1e-2)
    let before = try GaussianProcess(inputs: x, targets: y, hyperparameters: start)
    let fitted = try GaussianProcess.fit(inputs: x, targets: y, initial: start, restarts: 2, using: &g)
    #expect(fitted.logMarginalLikelihood > before.logMarginalLikelihood)
    var g2 = SeededGenerator(seed: 1)
    let again = try GaussianProcess.fit(inputs: x, targets: y, initial: start, restarts: 2, using: &g2)
    #expect(again.hyperparameters == fitted.hyperparameters)
  }

  @Test func malformedInputAndSingularCovarianceAreTypedErrors() throws {
    let h = GPHyperparameters(lengthscales: [1], signalVariance: 1, noiseVariance: 0.01)
    #expect(throws: GaussianProcessError.self) {
      try GaussianProcess(inputs: Matrix([[0.0], [1.0]]), targets: [1, .nan], hyperparameters: h)
    }
    #expect(throws: GaussianProcessError.self) {
      try GaussianProcess(inputs: Matrix([[0.0], [1.0]]), targets: [1], hyperparameters: h)
    }
    // Three identical points with σ_f² = 1e16: every jitter up to 1e-4 is below the rounding
    // of the diagonal, so K stays exactly singular.
    let huge = GPHyperparameters(lengthscales: [1], signalVariance: 1e16, noiseVariance: 1e-300)
    #expect(throws: GaussianProcessError.notPositiveDefinite(jitter: GaussianProcess.maxJitter)) {
      try GaussianProcess(inputs: Matrix([[0.5], [0.5], [0.5]]), targets: [1, 2, 3], hyperparameters: huge)
    }
  }
}
