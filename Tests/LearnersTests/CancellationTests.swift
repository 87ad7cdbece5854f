import Datasets
import Foundation
import Testing

@testable import Learners

/// Training honours task cancellation (a trial's timeout): networks between epochs,
/// cross-validation between folds.
@Suite struct CancellationTests {
  /// Cross-validating an MLP of 5000 epochs in a cancelled task throws `cancelled` instead of training.
  @Test func crossValidationInACancelledTaskThrowsCancelled() async throws {
    let iris = try PipelineBehaviourTests.iris()
    let pipeline = Pipeline(try LearnerCatalog.learner(named: "mlp"))
    let task = Task { () -> LearnerError? in
      while !Task.isCancelled { await Task.yield() }
      do {
        _ = try CrossValidation.evaluate(pipeline, on: iris, config: ["max_iter": .int(5000)], folds: 3)
        return nil
      } catch let error as LearnerError {
        return error
      } catch {
        return .underlying(learner: "test", message: "\(error)")
      }
    }
    task.cancel()
    #expect(await task.value == .cancelled(learner: "mlp"))
  }

  /// An MLP fit in a cancelled task stops after its first epoch (the check between epochs) and
  /// throws `cancelled`, instead of training its 10 000 epochs. The task is cancelled before it
  /// starts, so the outcome does not depend on how fast the machine trains.
  @Test func mlpFitStopsBetweenEpochsWhenCancelled() async throws {
    let iris = try PipelineBehaviourTests.iris()
    let pipeline = Pipeline(try LearnerCatalog.learner(named: "mlp"))
    let task = Task { () -> LearnerError? in
      while !Task.isCancelled { await Task.yield() }
      do {
        _ = try pipeline.fit(
          on: iris, rows: Array(0..<iris.rowCount),
          config: ["max_iter": .int(10_000), "n_iter_no_change": .int(10_000)],
          budget: .full, seed: 0, monitorRows: nil)
        return nil
      } catch let error as LearnerError {
        return error
      } catch {
        return .underlying(learner: "test", message: "\(error)")
      }
    }
    task.cancel()
    #expect(await task.value == .cancelled(learner: "mlp"))
  }
}
