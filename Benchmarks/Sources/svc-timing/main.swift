// Times SupportVectorClassifier (sklearn SVC() defaults) over the 5 stratified folds stored in
// a Learners fixture: standardise on the training fold, fit, predict the test fold. Prints one
// JSON object with the median and all run times in seconds and the mean accuracy.
// Usage: svc-timing FIXTURE.json [--runs N] [--kernel rbf|linear] [--threads T] (OpenBLAS threads). Driven by
// scripts/bench_learners_svc.py, which times scikit-learn on the same folds in the same run.
import Foundation
import Linalg
import Models

struct Fixture: Decodable {
  var x: [[Double]]
  var y: [Int]
  var foldTestIndices: [[Int]]
}

var args = Array(CommandLine.arguments.dropFirst())
guard let path = args.first else {
  FileHandle.standardError.write(
    Data("usage: svc-timing FIXTURE.json [--runs N] [--kernel rbf|linear]\n".utf8))
  exit(2)
}
args.removeFirst()
var runs = 5
var kernel = SVMKernel.rbf(gamma: .scale)
while args.count >= 2 {
  if args[0] == "--runs", let n = Int(args[1]) { runs = n }
  if args[0] == "--threads", let n = Int(args[1]), n >= 1 { BLASThreads.set(n) }
  if args[0] == "--kernel" { kernel = args[1] == "linear" ? .linear : .rbf(gamma: .scale) }
  args.removeFirst(2)
}

let decoder = JSONDecoder()
decoder.keyDecodingStrategy = .convertFromSnakeCase
let fixture: Fixture
do {
  fixture = try decoder.decode(Fixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
} catch {
  FileHandle.standardError.write(Data("svc-timing: cannot read \(path): \(error)\n".utf8))
  exit(1)
}
let x = Matrix(fixture.x)

/// Standardises train and test columns by the training mean and population sd.
func standardise(_ train: inout Matrix<Double>, _ test: inout Matrix<Double>) {
  for j in 0..<train.columns {
    var mean = 0.0
    for i in 0..<train.rows { mean += train[i, j] }
    mean /= Double(train.rows)
    var variance = 0.0
    for i in 0..<train.rows { variance += (train[i, j] - mean) * (train[i, j] - mean) }
    let sd = (variance / Double(train.rows)).squareRoot()
    let scale = sd > 0 ? sd : 1
    for i in 0..<train.rows { train[i, j] = (train[i, j] - mean) / scale }
    for i in 0..<test.rows { test[i, j] = (test[i, j] - mean) / scale }
  }
}

/// One pass over the five folds; returns the mean accuracy.
func crossValidate(_ x: Matrix<Double>, _ y: [Int], folds: [[Int]], kernel: SVMKernel) throws
  -> Double
{
  var total = 0.0
  for test in folds {
    let inTest = Set(test)
    let train = (0..<x.rows).filter { !inTest.contains($0) }
    var (xTrain, xTest) = (x.rows(train), x.rows(test))
    standardise(&xTrain, &xTest)
    let model = try SupportVectorClassifier(kernel: kernel).fit(xTrain, train.map { y[$0] })
    let predicted = try model.predict(xTest)
    total += Double(zip(predicted, test).filter { $0 == y[$1] }.count) / Double(test.count)
  }
  return total / Double(folds.count)
}

do {
  // One warm-up pass, then the timed ones.
  var accuracy = try crossValidate(x, fixture.y, folds: fixture.foldTestIndices, kernel: kernel)
  var times = [Double]()
  var cpuTimes = [Double]()
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = clock()
    accuracy = try crossValidate(x, fixture.y, folds: fixture.foldTestIndices, kernel: kernel)
    cpuTimes.append(Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC))
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  let median = times.sorted()[times.count / 2]
  let cpuMedian = cpuTimes.sorted()[cpuTimes.count / 2]
  print(
    "{\"median_s\": \(median), \"cpu_median_s\": \(cpuMedian), \"times_s\": \(times), \"accuracy\": \(accuracy)}"
  )
} catch {
  FileHandle.standardError.write(Data("svc-timing: \(error)\n".utf8))
  exit(1)
}
