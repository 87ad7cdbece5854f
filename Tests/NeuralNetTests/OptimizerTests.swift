import Linalg
import NeuralNet
import Testing

/// Runs `optimizer` on one parameter starting at 1 with the gradients 1, 0.5, −1.
private func trajectory(_ optimizer: some Optimizer) -> [Float] {
  var optimizer = optimizer
  var p: [Float] = [1]
  var out = [Float]()
  for g: Float in [1, 0.5, -1] {
    optimizer.step(parameters: &p, gradient: [g])
    out.append(p[0])
  }
  return out
}

private func close(_ a: [Float], _ b: [Double], tolerance: Double = 1e-5) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= tolerance }
}

@Suite struct OptimizerTests {
  @Test func plainSGDStepsAgainstGradient() {
    // p ← p − 0.1·g: 0.9, 0.85, 0.95.
    #expect(close(trajectory(SGD(learningRate: 0.1)), [0.9, 0.85, 0.95]))
  }

  @Test func sgdMomentumMatchesHandComputedSteps() {
    // v = 1, 1.4, 0.26; p = 1 − 0.1·v cumulatively: 0.9, 0.76, 0.734.
    #expect(close(trajectory(SGD(learningRate: 0.1, momentum: 0.9)), [0.9, 0.76, 0.734]))
  }

  @Test func nesterovMatchesHandComputedSteps() {
    // p −= 0.1·(g + 0.9·v): 1 − 0.19 = 0.81; 0.81 − 0.1·(0.5 + 1.26) = 0.634; 0.634 − 0.1·(−1 + 0.234) = 0.7106.
    #expect(close(trajectory(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)), [0.81, 0.634, 0.7106]))
  }

  @Test func sgdWeightDecayAddsL2Gradient() {
    // g' = g + 0.5·p: 1.5 → 0.85; 0.5 + 0.425 = 0.925 → 0.7575; −1 + 0.37875 → 0.819625.
    #expect(close(trajectory(SGD(learningRate: 0.1, weightDecay: 0.5)), [0.85, 0.7575, 0.819625]))
  }

  @Test func adamMatchesBiasCorrectedSteps() {
    // t=1: m̂ = g, v̂ = g², step = η. t=2: m = 0.14, v = 0.001249, m̂ = 0.14/0.19, v̂ = 0.001249/0.001999.
    #expect(close(trajectory(Adam(learningRate: 0.1)), [0.9, 0.806782038, 0.795703731]))
  }

  @Test func adamL2WeightDecayAddsToGradient() {
    #expect(close(trajectory(Adam(learningRate: 0.1, weightDecay: 0.1)), [0.9, 0.805771797, 0.785050805]))
  }

  @Test func adamWDecaysBeforeTheAdamStep() {
    // p ← p·(1 − 0.1·0.1) then the Adam step: 0.99 − 0.1 = 0.89; 0.8811 − 0.0932179.
    #expect(close(trajectory(AdamW(learningRate: 0.1, weightDecay: 0.1)), [0.89, 0.787882038, 0.768924911]))
  }

  @Test func adamDefaultsArePyTorchs() {
    let adam = Adam()
    #expect(adam.learningRate == 1e-3 && adam.beta1 == 0.9 && adam.beta2 == 0.999 && adam.epsilon == 1e-8)
    #expect(AdamW().weightDecay == 0.01)
  }

  @Test func cosineAnnealingMatchesClosedForm() {
    let schedule = LearningRateSchedule.cosineAnnealing(totalEpochs: 8)
    #expect(schedule.learningRate(base: 0.1, epoch: 0) == 0.1)
    #expect(abs(schedule.learningRate(base: 0.1, epoch: 2) - 0.085355339) < 1e-7)  // (1 + cos(π/4))/2
    #expect(abs(schedule.learningRate(base: 0.1, epoch: 4) - 0.05) < 1e-7)
    #expect(abs(schedule.learningRate(base: 0.1, epoch: 8)) < 1e-7)
    #expect(abs(schedule.learningRate(base: 0.1, epoch: 12)) < 1e-7)
  }

  @Test func stepScheduleMultipliesEveryKEpochs() {
    let schedule = LearningRateSchedule.step(every: 3, factor: 0.5)
    let rates = (0..<7).map { schedule.learningRate(base: 0.1, epoch: $0) }
    #expect(rates == [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025])
    #expect(LearningRateSchedule.constant.learningRate(base: 0.3, epoch: 99) == 0.3)
  }
}
