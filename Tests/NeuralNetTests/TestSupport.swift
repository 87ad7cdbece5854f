import Foundation
import Linalg
import NeuralNet

/// A `rows × columns` matrix of uniform values in [low, high).
func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout SeededGenerator, _ low: Double = -1, _ high: Double = 1) -> Matrix<Float> {
  Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in Float(rng.uniform(low, high)) })
}

/// ‖a − b‖ / max(‖a‖ + ‖b‖, tiny): the usual relative error of a gradient check.
func relativeError(_ a: [Float], _ b: [Float]) -> Double {
  precondition(a.count == b.count)
  var diff = 0.0
  var na = 0.0
  var nb = 0.0
  for i in a.indices {
    diff += Double(a[i] - b[i]) * Double(a[i] - b[i])
    na += Double(a[i]) * Double(a[i])
    nb += Double(b[i]) * Double(b[i])
  }
  return diff.squareRoot() / max(na.squareRoot() + nb.squareRoot(), 1e-30)
}

/// The loss of `network` on `(x, targets)` in evaluation mode, without any gradient.
func lossValue(_ network: Network, _ x: Matrix<Float>, _ targets: Targets, _ loss: Loss) throws -> Float {
  var copy = network
  return try loss.value(of: copy.forward(x, mode: .evaluation), targets: targets).loss
}

/// Compares backpropagated gradients (parameters and input) with central finite differences
/// `(L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h`, and returns both relative errors.
func gradientCheck(
  _ network: Network, x: Matrix<Float>, targets: Targets, loss: Loss, h: Float = 3e-3
) throws -> (parameters: Double, input: Double) {
  var net = network
  net.zeroGradient()
  let output = try net.forward(x, mode: .trainingWithoutDropout)
  let (_, outputGradient) = try loss.value(of: output, targets: targets)
  let inputGradient = try net.backward(outputGradient)
  let analytic = net.gradient

  let theta = network.parameters
  var numeric = [Float](repeating: 0, count: theta.count)
  var probe = network
  for i in theta.indices {
    var plus = theta
    var minus = theta
    plus[i] += h
    minus[i] -= h
    try probe.setParameters(plus)
    let up = try lossValue(probe, x, targets, loss)
    try probe.setParameters(minus)
    let down = try lossValue(probe, x, targets, loss)
    numeric[i] = (up - down) / (2 * h)
  }
  var numericInput = [Float](repeating: 0, count: x.storage.count)
  for i in x.storage.indices {
    var plus = x
    var minus = x
    plus.storage[i] += h
    minus.storage[i] -= h
    numericInput[i] =
      (try lossValue(network, plus, targets, loss) - lossValue(network, minus, targets, loss)) / (2 * h)
  }
  let parameterError = theta.isEmpty ? 0 : relativeError(analytic, numeric)
  return (parameterError, relativeError(inputGradient.storage, numericInput))
}

/// scikit-learn's digits (fixture written by scripts/make_nn_fixtures.py), pixels scaled by 1/16.
struct Digits {
  var trainX: Matrix<Float>
  var trainY: [Int]
  var testX: Matrix<Float>
  var testY: [Int]

  enum LoadError: Error {
    case missingFixture
    case malformed(line: Int)
  }

  static func load() throws -> Digits {
    guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv", subdirectory: "Fixtures") else {
      throw LoadError.missingFixture
    }
    let text = try String(contentsOf: url, encoding: .utf8)
    var trainX = [Float]()
    var testX = [Float]()
    var trainY = [Int]()
    var testY = [Int]()
    for (number, line) in text.split(separator: "\n").enumerated().dropFirst() {
      let fields = line.split(separator: ",")
      guard fields.count == 66, let label = Int(fields[1]) else { throw LoadError.malformed(line: number + 1) }
      var pixels = [Float]()
      for field in fields[2...] {
        guard let v = Float(field) else { throw LoadError.malformed(line: number + 1) }
        pixels.append(v / 16)
      }
      if fields[0] == "train" {
        trainX += pixels
        trainY.append(label)
      } else {
        testX += pixels
        testY.append(label)
      }
    }
    return Digits(
      trainX: Matrix(rows: trainY.count, columns: 64, storage: trainX), trainY: trainY,
      testX: Matrix(rows: testY.count, columns: 64, storage: testX), testY: testY)
  }
}
