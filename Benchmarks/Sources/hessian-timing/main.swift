// Times the Hessian top eigenvalue (power iteration, 20 Hessian-vector products by finite
// differences of gradients, i.e. 40 gradient evaluations) of a (64, 64) ReLU MLP trained briefly
// on the first 1000 rows of scikit-learn's digits. Prints one JSON object with the median and all
// run times. Usage: hessian-timing [DIGITS_CSV] [--runs N].
import Datasets
import Foundation
import Learners
import Linalg
import Probes

var args = Array(CommandLine.arguments.dropFirst())
var runs = 7
if let i = args.firstIndex(of: "--runs"), i + 1 < args.count, let n = Int(args[i + 1]) {
  runs = n
  args.removeSubrange(i...(i + 1))
}
let defaultPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../datasets/sklearn/digits.csv").standardized.path
let path = args.first ?? defaultPath
do {
  let data = try Dataset.read(from: path)
  let rows = Array(0..<min(1000, data.rowCount))
  let pipeline = Pipeline(MLPLearner())
  let config = try pipeline.configuration(parsing: ["n_layers=2", "width=64", "max_iter=5", "learning_rate_init=0.01"])
  let fitted = try pipeline.fit(on: data, rows: rows, config: config, seed: 0)
  guard let model = fitted.trainedModel as? NetworkModel else { throw ProbeError.notANetwork(learner: "mlp") }
  let x = fitted.matrix(of: data, rows: rows)
  let loss = try NetworkLoss(
    network: model.network, x: Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { Float($0) }),
    y: rows.map { data.target[$0] })
  let power = PowerIteration(maxIterations: 20, tolerance: 0, seed: 1)
  var times = [Double]()
  var result = try power.eigenvalues(of: loss, at: loss.parameters)  // warm-up
  for _ in 0..<runs {
    let t0 = DispatchTime.now().uptimeNanoseconds
    result = try power.eigenvalues(of: loss, at: loss.parameters)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
  }
  let t0 = DispatchTime.now().uptimeNanoseconds
  _ = try loss.lossAndGradient(at: loss.parameters)
  let oneGradient = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
  let sorted = times.sorted()
  let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : 0.5 * (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2])
  print(
    "{\"rows\": \(rows.count), \"parameters\": \(loss.parameterCount), \"iterations\": 20, "
      + "\"gradient_evaluations\": \(result.gradientEvaluations), \"top_eigenvalue\": \(result.top), "
      + "\"median_s\": \(median), \"one_gradient_s\": \(oneGradient), \"runs_s\": \(times)}")
} catch {
  FileHandle.standardError.write(Data("\(error)\n".utf8))
  exit(1)
}
