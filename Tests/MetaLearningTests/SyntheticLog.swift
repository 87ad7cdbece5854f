import Linalg
import MetaLearning
import Search
import Storage

/// A small synthetic tuning log: tasks `t0…t(n−1)` with features (f, g) where f = i/(n−1), and
/// configurations of `x` ∈ [0, 1] and `k` ∈ {a, b}. The value (maximised) at resource r is
/// `−(x − f)² + 0.1·[k = a]·g − 0.05·(1 − r)`, so each task's best configuration is x = f.
/// Task t1 has no g (NaN), as a task whose meta-feature is undefined.
/// Task t1 has no g (NaN), as a task whose meta-feature is undefined.
enum SyntheticLog {
  static let space: SearchSpace = {
    do {
      return try SearchSpace([.float("x", 0, 1), .categorical("k", ["a", "b"])])
    } catch {
      preconditionFailure("\(error)")
    }
  }()

  static func value(x: Double, k: String, f: Double, g: Double, resource: Double) -> Double {
    -(x - f) * (x - f) + (k == "a" ? 0.1 * g : 0) - 0.05 * (1 - resource)
  }

  static func make(tasks n: Int = 8, configurations: Int = 30, seed: UInt64 = 1) throws -> (records: [TuningLogRecord], features: TaskFeatureTable) {
    var table = TaskFeatureTable(names: ["f", "g"])
    var records: [TuningLogRecord] = []
    var generator = SeededGenerator(seed: seed)
    for t in 0..<n {
      let f = Double(t) / Double(n - 1)
      let g = t % 2 == 0 ? 1.0 : -1.0
      try table.set("t\(t)", values: [f, t == 1 ? .nan : g])
      for number in 0..<configurations {
        let x = generator.uniform()
        let k = generator.integer(below: 2) == 0 ? "a" : "b"
        for r in [0.25, 1.0] {
          records.append(
            TuningLogRecord(
              task: "t\(t)", learner: "toy", number: number, params: ["x": .float(x), "k": .categorical(k)],
              resource: r, value: value(x: x, k: k, f: f, g: g, resource: r), direction: .maximize))
        }
      }
    }
    return (records, table)
  }
}
