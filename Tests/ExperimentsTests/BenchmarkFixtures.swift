import Experiments
import Search
import Storage

/// Records of a table `value(c, level)` for configurations 0..<n, each with parameter x = c.
func tableRecords(
  task: String = "t", configurations n: Int, levels: [Double], direction: StudyDirection = .maximize,
  value: (Int, Int) -> Double
) -> [TuningLogRecord] {
  (0..<n).flatMap { c in
    levels.enumerated().map { l, r in
      TuningLogRecord(
        task: task, learner: "mlp", number: c, params: ["x": .float(Double(c))], resource: r,
        value: value(c, l), direction: direction)
    }
  }
}

/// An empty context for baselines.
func emptyContext(_ task: String) -> BenchmarkContext {
  BenchmarkContext(heldOutTask: task, priorRecords: [], priorProblems: [], taskFeatures: TaskFeatureTable(names: []))
}
