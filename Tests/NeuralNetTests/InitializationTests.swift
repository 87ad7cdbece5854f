import Linalg
import NeuralNet
import Testing

/// Sample variance (ddof = 0; the mean is ≈ 0 here).
private func variance(_ values: [Float]) -> Double {
  let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
  return values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
}

@Suite struct InitializationTests {
  @Test func heUniformVarianceIsTwoOverFanIn() {
    var rng = SeededGenerator(seed: 31)
    let dense = Dense(inputSize: 400, outputSize: 300, activation: .relu, generator: &rng)
    let v = variance(dense.weight.storage)
    #expect(abs(v / (2.0 / 400) - 1) < 0.02)
    let limit = (6.0 / 400).squareRoot()
    #expect(dense.weight.storage.allSatisfy { abs(Double($0)) <= limit })
    #expect(dense.bias.allSatisfy { $0 == 0 })
  }

  @Test func glorotUniformVarianceIsTwoOverFanSum() {
    var rng = SeededGenerator(seed: 32)
    let dense = Dense(inputSize: 400, outputSize: 300, activation: .tanh, generator: &rng)
    #expect(abs(variance(dense.weight.storage) / (2.0 / 700) - 1) < 0.02)
  }

  @Test func convolutionFanInCountsKernelTaps() {
    var rng = SeededGenerator(seed: 33)
    let conv = Conv2D(inputShape: ImageShape(height: 4, width: 4, channels: 16), filters: 256, generator: &rng)
    // fanIn = 3·3·16 = 144; 144·256 = 36 864 samples.
    #expect(abs(variance(conv.weight.storage) / (2.0 / 144) - 1) < 0.03)
  }
}
