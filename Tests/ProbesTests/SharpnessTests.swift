import Foundation
import Linalg
import NeuralNet
import Probes
import Testing

/// ε-sharpness, filter-normalised directions and loss slices.
@Suite struct SharpnessTests {
  /// For f = ½Σaᵢwᵢ² + bᵀw with aᵢ ≥ 0, f(w + z) − f(w) = Σ (gᵢzᵢ + aᵢzᵢ²/2) with g = ∇f(w) is
  /// separable; each term is maximised on |zᵢ| ≤ rᵢ at zᵢ = rᵢ·sign(gᵢ), giving Σ (|gᵢ|rᵢ + aᵢrᵢ²/2).
  @Test(arguments: [1e-3, 5e-4, 0.05])
  func epsilonSharpnessOfADiagonalQuadraticMatchesItsClosedForm(epsilon: Double) throws {
    let a: [Double] = [4, 1, 0.5, 9, 0.01]
    var matrix = Matrix<Double>(rows: 5, columns: 5)
    for i in 0..<5 { matrix[i, i] = a[i] }
    let loss = QuadraticLoss(a: matrix, b: [0.3, -0.2, 0.1, 0, 1])
    let w: [Double] = [1.5, -2, 0.7, 0.4, -3]
    let (f, g) = try loss.lossAndGradient(at: w)
    let r = w.map { epsilon * (abs($0) + 1) }
    let maxIncrease = (0..<5).reduce(0.0) { $0 + abs(g[$1]) * r[$1] + a[$1] * r[$1] * r[$1] / 2 }
    let expected = maxIncrease / (1 + f) * 100
    let result = try EpsilonSharpness(epsilon: epsilon).measure(of: loss, at: w)
    #expect(abs(result.sharpness - expected) / expected < 1e-9, "\(result.sharpness) vs \(expected)")
    for i in 0..<5 { #expect(abs(abs(result.perturbation[i]) - r[i]) < 1e-15) }
    #expect(result.gradientEvaluations >= 2)
  }

  @Test func epsilonSharpnessIsAtMostTheBoxMaximumOfAnIndefiniteQuadratic() throws {
    // Saddle: the max over the box is at a vertex anyway (f is a quadratic in each coordinate
    // separately, convex in z₀, concave in z₁ where the max is interior at z₁ = g₁/|a₁| if inside).
    var matrix = Matrix<Double>(rows: 2, columns: 2)
    matrix[0, 0] = 2
    matrix[1, 1] = -1
    let loss = QuadraticLoss(a: matrix, b: [0, 0])
    let w: [Double] = [3, 3]
    let result = try EpsilonSharpness(epsilon: 0.01, maxSteps: 50).measure(of: loss, at: w)
    let f = try loss.lossAndGradient(at: w).loss
    // Brute force over a fine grid of the box.
    let r = w.map { 0.01 * (abs($0) + 1) }
    var best = -Double.infinity
    for i in 0...200 {
      for j in 0...200 {
        let z = [r[0] * (Double(i) / 100 - 1), r[1] * (Double(j) / 100 - 1)]
        best = max(best, try loss.lossAndGradient(at: [w[0] + z[0], w[1] + z[1]]).loss)
      }
    }
    let bruteForce = (best - f) / (1 + f) * 100
    #expect(result.sharpness <= bruteForce + 1e-9)
    #expect(result.sharpness >= 0.99 * bruteForce, "\(result.sharpness) vs grid \(bruteForce)")
  }

  /// A (4 → 3 → 2) MLP with non-zero biases.
  static func smallNetwork() throws -> Network {
    var generator = SeededGenerator(seed: 11)
    var network = Network.multilayerPerceptron(inputSize: 4, hiddenLayerSizes: [3], outputSize: 2, generator: &generator)
    try network.setParameters(network.parameters.enumerated().map { $0.element + 0.01 * Float($0.offset % 5) })
    return network
  }

  @Test func layoutOfADenseNetworkHasWeightColumnsAsFilters() throws {
    let layout = try ParameterLayout(Self.smallNetwork())
    #expect(layout.blocks.map(\.kind) == [.weight(rows: 4, columns: 3), .bias, .weight(rows: 3, columns: 2), .bias])
    #expect(layout.blocks.map(\.offset) == [0, 12, 15, 21])
    #expect(layout.parameterCount == 23)
  }

  @Test func filterNormalizedDirectionsHaveTheWeightsFilterNormsAndZeroBiases() throws {
    let network = try Self.smallNetwork()
    let layout = try ParameterLayout(network)
    let w = network.parameters.map { Double($0) }
    var generator = SeededGenerator(seed: 5)
    for _ in 0..<3 {
      let d = try layout.filterNormalizedDirection(at: w, using: &generator)
      for (dn, wn) in zip(layout.filterNorms(of: d).joined(), layout.filterNorms(of: w).joined()) {
        #expect(abs(dn - wn) <= 1e-9 * wn + 1e-12, "\(dn) vs \(wn)")
      }
      for block in layout.blocks where block.kind == .bias {
        #expect(d[block.offset..<(block.offset + block.count)].allSatisfy { $0 == 0 })
      }
      // A filter is a column of the in × out matrix: neuron j of layer 1 owns wᵢⱼ at i·3 + j.
      let column0 = (0..<4).map { d[$0 * 3] }
      let weights0 = (0..<4).map { w[$0 * 3] }
      #expect(abs(column0.reduce(0) { $0 + $1 * $1 } - weights0.reduce(0) { $0 + $1 * $1 }) < 1e-9)
    }
  }

  @Test func convolutionFiltersAreOutputChannels() throws {
    var generator = SeededGenerator(seed: 2)
    let network = Network.convolutional(
      inputShape: ImageShape(height: 4, width: 4, channels: 1), filters: 3, kernelSize: 2, classes: 2, generator: &generator)
    let layout = try ParameterLayout(network)
    #expect(layout.blocks[0].kind == .weight(rows: 4, columns: 3))
    #expect(layout.blocks[1].kind == .bias && layout.blocks[1].count == 3)
    #expect(layout.parameterCount == network.parameterCount)
  }

  @Test func slicesOfAQuadraticAreParabolasThroughTheCentre() throws {
    let loss = QuadraticLoss.withSpectrum([3, 1, 2, 0.5], rotated: true, seed: 2)
    let w: [Double] = [0.5, -1, 2, 0.1]
    let d: [Double] = [1, 0, -1, 0.5]
    let e: [Double] = [0, 1, 0.5, 0]
    let slices = LossSlices()
    #expect(slices.grid.count == 21 && slices.grid.first == -1 && slices.grid.last == 1 && slices.grid[10] == 0)
    let one = try slices.slice1D(of: loss, at: w, direction: d)
    let two = try slices.slice2D(of: loss, at: w, directions: (d, e))
    let (f, g) = try loss.lossAndGradient(at: w)
    func quad(_ u: [Double]) -> Double {
      var s = 0.0
      for i in 0..<4 { for j in 0..<4 { s += u[i] * loss.a[i, j] * u[j] } }
      return s
    }
    let gd = zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
    for (alpha, value) in zip(one.alphas, one.losses) {
      #expect(abs(value - (f + alpha * gd + 0.5 * alpha * alpha * quad(d))) < 1e-12)
    }
    #expect(two.losses.count == 21 && two.losses.allSatisfy { $0.count == 21 })
    #expect(abs(two.losses[10][10] - f) < 1e-12)
    #expect(abs(two.losses[20][10] - one.losses[20]) < 1e-12)
    #expect(one.lossEvaluations == 21 && two.lossEvaluations == 441)
  }

  @Test func sharpnessProbeOnANetworkRunsEveryEstimatorAndCountsEvaluations() throws {
    let network = try Self.smallNetwork()
    var generator = SeededGenerator(seed: 3)
    let x = Matrix<Float>(rows: 30, columns: 4, storage: (0..<120).map { _ in Float(generator.normal()) })
    let y = (0..<30).map { $0 % 2 }
    let loss = try NetworkLoss(network: network, x: x, y: y)
    let probe = SharpnessProbe(seed: 1)
    let report = try probe.measure(loss, at: loss.parameters, layout: try loss.layout())
    #expect(report.topEigenvalue.top.isFinite)
    #expect(report.topEigenvalues.eigenvalues.count == 5)
    #expect(abs(report.topEigenvalue.top) >= (report.topEigenvalues.eigenvalues.first ?? 0) * 0.5)
    #expect(report.epsilonSharpness.sharpness >= 0)
    #expect(report.slice1D?.losses.count == 21)
    #expect(abs((report.slice1D?.losses[10] ?? .nan) - Double(try loss.loss(at: loss.parameters))) < 1e-6)
    #expect(
      report.gradientEvaluations
        == report.epsilonSharpness.gradientEvaluations + 2 * report.topEigenvalue.iterations.reduce(0, +)
        + 2 * report.topEigenvalues.alpha.count + 2 * report.trace.samples.count + 1)
    #expect(throws: ProbeError.self) { try NetworkLoss(network: network, x: x, y: Array(y.prefix(3))) }
  }
}
