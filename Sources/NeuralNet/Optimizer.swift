/// A first-order optimizer: a value holding its hyperparameters and state (momentum buffers,
/// moment estimates, step count), updating a flat parameter vector in place.
///
/// Being a value, an optimizer's state is copied with it: a checkpointed trial resumes with the
/// same moments.
public protocol Optimizer: Sendable {
  /// The step size η > 0 used by the next ``step(parameters:gradient:)``; ``Trainer`` sets it
  /// each epoch from its ``LearningRateSchedule``.
  var learningRate: Float { get set }
  /// Updates `parameters` given the gradient of the loss at them.
  ///
  /// - Precondition: `gradient.count == parameters.count`, the same length at every step.
  mutating func step(parameters: inout [Float], gradient: [Float])
}

extension Optimizer {
  /// Checks the step's operand lengths (programmer misuse, not user data).
  func checkLengths(_ parameters: [Float], _ gradient: [Float], state: Int) {
    precondition(gradient.count == parameters.count, "gradient has \(gradient.count) elements, parameters \(parameters.count)")
    precondition(state == 0 || state == parameters.count, "parameter count changed between steps")
  }
}
