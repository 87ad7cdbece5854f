import Experiments
import Foundation
import Search
import Storage
import Testing

@Test func inferredSpaceUsesLogScaleOnlyForLogSpacedValues() throws {
  // A log-spaced grid (1e-8 … 1, as HPOBench's alpha) and uniform-looking values 0.005 … 0.995.
  let grid = (0..<10).map { pow(10, -8 + 8 * Double($0) / 9) }
  let uniform = (0..<10).map { 0.005 + 0.11 * Double($0) }
  let configurations = (0..<10).map { i in
    Configuration([("alpha", .float(grid[i])), ("u", .float(uniform[i])), ("depth", .int(i % 3 + 1)), ("c", .categorical(i < 5 ? "a" : "b"))])
  }
  let space = try TabularTask.inferredSpace(of: configurations, task: "t")
  #expect(space.names == ["alpha", "c", "depth", "u"])
  #expect(space.parameter(named: "alpha")?.domain == .float(low: grid[0], high: grid[9], log: true, step: nil))
  #expect(space.parameter(named: "u")?.domain == .float(low: 0.005, high: uniform[9], log: false, step: nil))
  #expect(space.parameter(named: "depth")?.domain == .int(low: 1, high: 3, log: false, step: 1))
  #expect(space.parameter(named: "c")?.domain == .categorical(choices: ["a", "b"]))
  // Values at several levels are averaged over seeds; configurations without the top level are dropped.
  let records = [
    TuningLogRecord(task: "t", learner: "m", number: 0, params: ["x": .int(1)], resource: 0.5, seed: 0, value: 0.2, direction: .maximize),
    TuningLogRecord(task: "t", learner: "m", number: 0, params: ["x": .int(1)], resource: 0.5, seed: 1, value: 0.4, direction: .maximize),
    TuningLogRecord(task: "t", learner: "m", number: 0, params: ["x": .int(1)], resource: 1, seed: 0, value: 0.5, direction: .maximize),
    TuningLogRecord(task: "t", learner: "m", number: 1, params: ["x": .int(2)], resource: 1, value: nil, direction: .maximize, state: .fail),
    TuningLogRecord(task: "t", learner: "m", number: 2, params: ["x": .int(3)], resource: 0.5, value: 0.9, direction: .maximize),
    TuningLogRecord(task: "t", learner: "m", number: 3, params: ["x": .int(4)], resource: 1, value: 0.7, direction: .maximize),
  ]
  let task = try TabularTask(records: records)
  #expect(task.numbers == [0, 3])
  #expect(task.levels == [0.5, 1])
  #expect(abs(task.value(0, level: 0) - 0.3) < 1e-12)
  #expect(task.value(1, level: 0).isNaN)
  #expect(task.trueValues == [0.5, 0.7])
}
