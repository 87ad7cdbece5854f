import Foundation
import Linalg
import Probes
import Testing

/// Power iteration, Lanczos and Hutchinson against Hessians known in closed form.
@Suite struct HessianEstimatorTests {
  static let spectrum: [Double] = [10, -6, 4, 3, 2.5, 2, 1.5, 1, 0.5, 0.25, 0.1, 0.05]

  func relativeError(_ estimate: Double, _ truth: Double) -> Double { abs(estimate - truth) / abs(truth) }

  @Test(arguments: [false, true])
  func powerIterationFindsTheTopEigenvalueOfAQuadratic(rotated: Bool) throws {
    let loss = QuadraticLoss.withSpectrum(Self.spectrum, rotated: rotated, seed: 3)
    let w = (0..<loss.parameterCount).map { 0.1 * Double($0) }
    let result = try PowerIteration(maxIterations: 500, tolerance: 1e-10, count: 3, seed: 1).eigenvalues(of: loss, at: w)
    #expect(relativeError(result.top, 10) < 1e-3, "\(result.eigenvalues)")
    // Deflation: the next ones by magnitude, with their signs.
    #expect(relativeError(result.eigenvalues[1], -6) < 1e-3, "\(result.eigenvalues)")
    #expect(relativeError(result.eigenvalues[2], 4) < 1e-3, "\(result.eigenvalues)")
    #expect(result.gradientEvaluations == 2 * result.iterations.reduce(0, +) + 1)
  }

  @Test func powerIterationReportsANegativeEigenvalueOfLargestMagnitudeWithItsSign() throws {
    let loss = QuadraticLoss.withSpectrum([-5, 2, 1, 0.5], rotated: true, seed: 8)
    let result = try PowerIteration(maxIterations: 300, tolerance: 1e-10).eigenvalues(of: loss, at: [0, 0, 0, 0])
    #expect(relativeError(result.top, -5) < 1e-3)
  }

  @Test func powerIterationOnLogisticRegressionMatchesTheAnalyticHessian() throws {
    let (loss, w) = LogisticLoss.random(rows: 200, features: 8, lambda: 1e-2, seed: 5)
    let exact = try loss.hessian(at: w).symmetricEigenvalues()
    let result = try PowerIteration(maxIterations: 500, tolerance: 1e-9).eigenvalues(of: loss, at: w)
    #expect(relativeError(result.top, exact.last ?? .nan) < 1e-3, "power \(result.top), syevd \(exact)")
  }

  @Test(arguments: [false, true])
  func lanczosTopFiveMatchSyevdOnTheExplicitHessian(rotated: Bool) throws {
    let n = 40
    var generator = SeededGenerator(seed: 21)
    let spectrum = [20, 15, 12, 9, 7] + (0..<(n - 5)).map { _ in generator.uniform(-1, 3) }
    let loss = QuadraticLoss.withSpectrum(spectrum, rotated: rotated, seed: 4)
    let exact = try loss.a.symmetricEigen().values.reversed().prefix(5)
    let result = try HessianLanczos(steps: 25, count: 5, seed: 2).eigenvalues(of: loss, at: [Double](repeating: 0.3, count: n))
    #expect(result.eigenvalues.count == 5)
    for (estimate, truth) in zip(result.eigenvalues, exact) {
      #expect(relativeError(estimate, truth) < 1e-3, "lanczos \(result.eigenvalues), syevd \(Array(exact))")
    }
    #expect(result.gradientEvaluations == 2 * result.alpha.count + 1)
  }

  @Test func lanczosOnLogisticRegressionMatchesSyevd() throws {
    let (loss, w) = LogisticLoss.random(rows: 150, features: 10, lambda: 1e-3, seed: 9)
    let exact = Array(try loss.hessian(at: w).symmetricEigenvalues().reversed())
    // 10 steps in 10 dimensions: the Krylov space is everything, the Ritz values are the spectrum.
    let result = try HessianLanczos(steps: 10, count: 3, seed: 1).eigenvalues(of: loss, at: w)
    for k in 0..<3 { #expect(relativeError(result.eigenvalues[k], exact[k]) < 1e-3, "\(result.eigenvalues) vs \(exact)") }
  }

  @Test func hutchinsonIsExactForADiagonalHessian() throws {
    let loss = QuadraticLoss.withSpectrum(Self.spectrum, rotated: false, seed: 1)
    let result = try HutchinsonTrace(maxSamples: 20, minSamples: 5, seed: 3).trace(of: loss, at: [Double](repeating: 1, count: 12))
    let trace = Self.spectrum.reduce(0, +)
    #expect(relativeError(result.trace, trace) < 1e-6)
    #expect(result.standardError < 1e-6)
  }

  @Test func hutchinsonOnARotatedQuadraticIsWithinFourStandardErrors() throws {
    let loss = QuadraticLoss.withSpectrum(Self.spectrum, rotated: true, seed: 6)
    let trace = Self.spectrum.reduce(0, +)
    for seed in UInt64(0)..<5 {
      let result = try HutchinsonTrace(maxSamples: 200, minSamples: 200, tolerance: 0, seed: seed)
        .trace(of: loss, at: [Double](repeating: -0.2, count: 12))
      #expect(result.samples.count == 200)
      #expect(result.gradientEvaluations == 401)
      #expect(abs(result.trace - trace) <= 4 * result.standardError, "est \(result.trace) ± \(result.standardError), tr \(trace)")
      // The sample variance estimates 2(‖A‖_F² − Σ Aᵢᵢ²).
      var offDiagonal = 0.0
      for i in 0..<12 { for j in 0..<12 where i != j { offDiagonal += loss.a[i, j] * loss.a[i, j] } }
      let predicted = (2 * offDiagonal / 200).squareRoot()
      #expect(result.standardError > 0.5 * predicted && result.standardError < 2 * predicted)
    }
  }

  @Test func hutchinsonOnDiagonallyDominantLogisticRegressionIsWithinOneInAThousand() throws {
    // Large λ makes the Hessian λI + small off-diagonal part: the sample variance is small.
    let (loss, w) = LogisticLoss.random(rows: 100, features: 6, lambda: 50, seed: 2)
    let h = loss.hessian(at: w)
    let trace = (0..<6).reduce(0.0) { $0 + h[$1, $1] }
    let result = try HutchinsonTrace(maxSamples: 400, minSamples: 400, tolerance: 0, seed: 4).trace(of: loss, at: w)
    #expect(relativeError(result.trace, trace) < 1e-3, "est \(result.trace) ± \(result.standardError), tr \(trace)")
    #expect(abs(result.trace - trace) <= 4 * result.standardError)
  }

  @Test func invalidOptionsAreTypedErrors() throws {
    let loss = QuadraticLoss.withSpectrum([1, 2], rotated: false, seed: 0)
    #expect(throws: ProbeError.self) { try PowerIteration(count: 3).eigenvalues(of: loss, at: [0, 0]) }
    #expect(throws: ProbeError.self) { try PowerIteration().eigenvalues(of: loss, at: [0, 0, 0]) }
    #expect(throws: ProbeError.self) { try HessianLanczos(steps: 0).eigenvalues(of: loss, at: [0, 0]) }
    #expect(throws: ProbeError.self) { try HutchinsonTrace(maxSamples: 1).trace(of: loss, at: [0, 0]) }
    #expect(throws: ProbeError.self) { try PowerIteration().eigenvalues(of: loss, at: [.nan, 0]) }
  }
}
