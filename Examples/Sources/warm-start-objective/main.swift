// Meta-warm-start an objective of your own: any closure from a configuration and a resource
// level to a score. Here the score of x peaks at the task's feature `centre`; the tuning log of
// eight earlier tasks (written below, as a user would export theirs) teaches the meta-model
// where the peak moves, so the first round starts near it on a task it has never seen.
import Foundation
import MetaProbeKit

BLASKernel.pinForReproducibility()
let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warm-start-objective")
try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
var log = "task,learner,number,params_x,resource,seed,value,direction,cost_s,state\n"
var features = "task,centre\n"
for k in [1, 2, 3, 4, 5, 7, 8, 9] {
  features += "t\(k),\(Double(k) / 10)\n"
  for n in 0..<30 {
    let x = (Double(n) + 0.5) / 30
    log += "t\(k),peak,\(n),\(x),1,0,\(1 - (x - Double(k) / 10) * (x - Double(k) / 10)),maximize,,COMPLETE\n"
  }
}
try log.write(to: dir.appendingPathComponent("log.csv"), atomically: true, encoding: .utf8)
try features.write(to: dir.appendingPathComponent("features.csv"), atomically: true, encoding: .utf8)

var warm = MetaWarmStart(
  space: try SearchSpace([.float("x", 0, 1)]), log: dir.appendingPathComponent("log.csv").path,
  features: dir.appendingPathComponent("features.csv").path, learner: "peak")
warm.taskFeatures = ["centre": 0.35]
warm.settings.minResource = 0.5
warm.settings.maxResource = 1
let result = try await warm.run { config, resource in
  let x = config["x"]?.doubleValue ?? 0
  return 1 - (x - 0.35) * (x - 0.35) - 0.01 * (1 - resource)
}
print("warm-start-objective: \(result.trace.count) evaluations; best \(result.bestValue ?? .nan) with \(result.best ?? [:])")
