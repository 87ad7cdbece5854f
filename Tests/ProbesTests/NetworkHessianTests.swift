import Foundation
import Linalg
import NeuralNet
import Probes
import Testing

/// The finite-difference Hessian of a `Float` network against an analytic one: a network with no
/// hidden layer is softmax regression, whose Hessian is
/// `H[(i,k),(j,l)] = (1/n)·Σₛ x̃ₛᵢ·x̃ₛⱼ·(pₛₖ·δₖₗ − pₛₖ·pₛₗ)` with `x̃ = (x, 1)` (bias last).
@Suite struct NetworkHessianTests {
  @Test func floatNetworkTopEigenvalueAndTraceMatchSoftmaxRegressionsAnalyticHessian() throws {
    let (n, d, k) = (200, 5, 3)
    var generator = SeededGenerator(seed: 17)
    var network = Network.multilayerPerceptron(inputSize: d, hiddenLayerSizes: [], outputSize: k, generator: &generator)
    try network.setParameters(network.parameters.map { $0 + Float(0.3 * generator.normal()) })
    let x = Matrix<Float>(rows: n, columns: d, storage: (0..<(n * d)).map { _ in Float(generator.normal()) })
    let y = (0..<n).map { _ in generator.integer(below: k) }
    let loss = try NetworkLoss(network: network, x: x, y: y)
    let w = loss.parameters.map { Double($0) }

    // Flat order: W (d × k, row-major) then b (k): θ(i, c) = w[i·k + c] for i < d, w[d·k + c] for the bias.
    let p = d + 1
    var h = Matrix<Double>(rows: p * k, columns: p * k)
    for s in 0..<n {
      let xt = (0..<d).map { Double(x[s, $0]) } + [1]
      let logits = (0..<k).map { c in (0..<p).reduce(0.0) { $0 + xt[$1] * w[$1 * k + c] } }
      let m = logits.max() ?? 0
      let e = logits.map { exp($0 - m) }
      let probabilities = e.map { $0 / e.reduce(0, +) }
      for i in 0..<p {
        for j in 0..<p {
          for a in 0..<k {
            for b in 0..<k {
              let curvature = (a == b ? probabilities[a] : 0) - probabilities[a] * probabilities[b]
              h[i * k + a, j * k + b] += xt[i] * xt[j] * curvature / Double(n)
            }
          }
        }
      }
    }
    let exact = try h.symmetricEigenvalues()
    let top = try #require(exact.last)
    let power = try PowerIteration(maxIterations: 300, tolerance: 1e-7, seed: 2).eigenvalues(of: loss, at: loss.parameters)
    let trace = (0..<(p * k)).reduce(0.0) { $0 + h[$1, $1] }
    let hutchinson = try HutchinsonTrace(maxSamples: 300, minSamples: 300, tolerance: 0, seed: 1).trace(of: loss, at: loss.parameters)
    let lanczos = try Lanczos(steps: p * k, count: 3, seed: 3).eigenvalues(of: loss, at: loss.parameters)
    print("softmax regression: λmax exact \(top), power \(power.top) (rel. error \(abs(power.top - top) / top)); "
      + "Lanczos \(lanczos.eigenvalues) vs \(Array(exact.reversed().prefix(3))); "
      + "trace exact \(trace), Hutchinson \(hutchinson.trace) ± \(hutchinson.standardError)")
    #expect(abs(power.top - top) / top < 1e-3)
    for (estimate, truth) in zip(lanczos.eigenvalues, exact.reversed()) { #expect(abs(estimate - truth) / truth < 1e-3) }
    #expect(abs(hutchinson.trace - trace) <= 4 * hutchinson.standardError)
  }
}
