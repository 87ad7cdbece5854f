// Times meta-model training on one matrix: the MLP meta-regressor (64-64 ReLU, Adam 0.001,
// batch 32, up to 100 epochs, early stopping on a 10 % split, patience 10) and the random-forest
// meta-regressor (N trees, all features per split, one thread). The matrix is a CSV without
// header whose last column is the target (scripts/bench_meta_training.py writes it and runs
// scikit-learn's MLPRegressor and RandomForestRegressor on the same file).
// Prints one JSON object per run with wall and process CPU seconds.
//
//   cd Benchmarks && swift build -c release --product meta-training-timing
//   OPENBLAS_NUM_THREADS=1 .build/release/meta-training-timing --data M.csv --model mlp|forest [--trees 100] [--runs 3] [--seed 0]
import Foundation
import Linalg
import MetaLearning

func option(_ name: String) -> String? {
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  return args[i + 1]
}

func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

guard let path = option("--data"), let text = try? String(contentsOfFile: path, encoding: .utf8) else {
  FileHandle.standardError.write(Data("usage: meta-training-timing --data M.csv --model mlp|forest [--trees N] [--runs R]\n".utf8))
  exit(1)
}
let model = option("--model") ?? "mlp"
let trees = Int(option("--trees") ?? "") ?? 100
let runs = Int(option("--runs") ?? "") ?? 3
let seed = UInt64(option("--seed") ?? "") ?? 0

var storage: [Double] = []
var y: [Double] = []
var columns = 0
for line in text.split(separator: "\n") where !line.isEmpty {
  let values = line.split(separator: ",").compactMap { Double($0) }
  columns = values.count - 1
  storage.append(contentsOf: values.dropLast())
  y.append(values[values.count - 1])
}
let x = Matrix<Double>(rows: y.count, columns: columns, storage: storage)

for run in 0..<runs {
  let clock = ContinuousClock()
  let start = clock.now
  let cpu = cpuSeconds()
  var epochs = 0
  do {
    if model == "mlp" {
      let m = try MLPMetaRegressor(fitting: x, y, settings: .init(seed: seed &+ UInt64(run)))
      epochs = m.epochsRun
    } else {
      var s = ForestMetaRegressor.Settings(seed: seed &+ UInt64(run))
      s.nEstimators = trees
      s.nJobs = 1
      _ = try ForestMetaRegressor(fitting: x, y, settings: s)
    }
  } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
  }
  let wall = clock.now - start
  let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18
  print("{\"tool\":\"metaprobe\",\"model\":\"\(model)\",\"rows\":\(x.rows),\"columns\":\(columns),\"run\":\(run),\"wall_s\":\(seconds),\"cpu_s\":\(cpuSeconds() - cpu),\"epochs\":\(epochs)}")
}
