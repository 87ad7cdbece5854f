// Times the decision-tree fits the landmarking and model-based meta-feature groups make, on
// datasets given on the command line, and prints a checksum of every fitted tree so two builds
// can be checked to grow bit-identical trees.
//
//   tree-timing [--repeat 5] [--mode sklearn|default|forest] PATH...
// prints one line per dataset:
//   `<path>\t<stumps s>\t<full trees s>\t<total s>\t<checksum>`
// where each time is the median of --repeat runs (process CPU seconds, less disturbed by other
// load than wall-clock), "stumps" is 10 folds × (a depth-1 tree on all columns + one on column 0),
// "full trees" is 10 folds of an unlimited tree plus one on all rows, as the groups fit them.
// `--mode forest` times instead `RandomForest<Int>(nEstimators: 100, nJobs: 1)` on all rows (in
// the full-trees column; the checksum is over its class probabilities on the training rows).
// The feature matrix is the dataset's columns with categorical ones one-hot encoded and missing
// values set to 0, rounded through Float (as the groups do); folds are rows i mod 10.
import Datasets
import Forest
import Foundation
import Linalg

var repeats = 5
var sklearn = true
var forest = false
var paths: [String] = []
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
  switch a {
  case "--repeat": repeats = Int(args.popFirst() ?? "") ?? 5
  case "--mode":
    let mode = args.popFirst() ?? "sklearn"
    sklearn = mode == "sklearn"
    forest = mode == "forest"
  default: paths.append(a)
  }
}

func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// One-hot categorical columns, missing → 0, every value rounded through Float.
func numericMatrix(_ data: Dataset) -> Matrix<Double> {
  var columns: [[Double]] = []
  for j in 0..<data.featureCount {
    let column = (0..<data.rowCount).map { data.features[$0, j] }
    if data.featureKinds[j].isCategorical {
      let levels = Set(column.filter { !$0.isNaN }).sorted()
      for level in levels.dropFirst() { columns.append(column.map { $0 == level ? 1 : 0 }) }
    } else {
      columns.append(column.map { $0.isNaN ? 0 : Double(Float($0)) })
    }
  }
  var m = Matrix<Double>(rows: data.rowCount, columns: columns.count)
  for (j, c) in columns.enumerated() { for i in 0..<data.rowCount { m[i, j] = c[i] } }
  return m
}

/// FNV-1a over every node's feature, threshold, impurity, counts and value bits.
func checksum(_ tree: DecisionTree<Int>, into h: inout UInt64) {
  func mix(_ v: UInt64) {
    h ^= v
    h &*= 0x100_0000_01b3
  }
  for i in 0..<tree.nodeCount {
    let node = tree.node(at: i)
    mix(UInt64(bitPattern: Int64(node.feature ?? -1)))
    mix(node.threshold.bitPattern)
    mix(node.impurity.bitPattern)
    mix(UInt64(node.sampleCount))
    mix(node.weightedSampleCount.bitPattern)
    for v in node.value { mix(v.bitPattern) }
  }
  for v in tree.featureImportances { mix(v.bitPattern) }
}

@MainActor func fit(_ tree: inout DecisionTree<Int>, _ x: Matrix<Double>, _ y: [Int], _ k: Int) throws {
  if sklearn {
    try tree.fit(x, y, classCount: k, scikitLearnSeed: 209_652_396)
  } else {
    try tree.fit(x, y, classCount: k)
  }
}

for path in paths {
  do {
    let data = try Dataset.read(from: path)
    let x = numericMatrix(data)
    let y = data.target
    let k = data.classCount
    let folds = (0..<10).map { f in (0..<x.rows).filter { $0 % 10 != f } }
    let trainX = folds.map { x.rows($0) }
    let trainY = folds.map { $0.map { y[$0] } }
    let firstColumn = trainX.map { $0.columns([0]) }
    var stumpTimes: [Double] = []
    var fullTimes: [Double] = []
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    if forest {
      var times: [Double] = []
      for r in 0..<max(repeats, 1) {
        let start = cpuSeconds()
        var model = RandomForest<Int>(nEstimators: 100, nJobs: 1)
        try model.fit(x, y, classCount: k)
        times.append(cpuSeconds() - start)
        if r == 0 {
          for v in try model.predictProbabilities(x).storage {
            hash ^= v.bitPattern
            hash &*= 0x100_0000_01b3
          }
        }
      }
      times.sort()
      print("\(path)\t0\t\(times[times.count / 2])\t\(times[times.count / 2])\t\(String(hash, radix: 16))")
      continue
    }
    for r in 0..<max(repeats, 1) {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      var start = cpuSeconds()
      for f in 0..<10 {
        var stump = DecisionTree<Int>(maxDepth: 1)
        try fit(&stump, trainX[f], trainY[f], k)
        checksum(stump, into: &h)
        var one = DecisionTree<Int>(maxDepth: 1)
        try fit(&one, firstColumn[f], trainY[f], k)
        checksum(one, into: &h)
      }
      stumpTimes.append(cpuSeconds() - start)
      start = cpuSeconds()
      for f in 0..<10 {
        var tree = DecisionTree<Int>()
        try fit(&tree, trainX[f], trainY[f], k)
        checksum(tree, into: &h)
      }
      var whole = DecisionTree<Int>()
      try fit(&whole, x, y, k)
      checksum(whole, into: &h)
      fullTimes.append(cpuSeconds() - start)
      if r == 0 { hash = h }
    }
    let totals = zip(stumpTimes, fullTimes).map { $0 + $1 }.sorted()
    stumpTimes.sort()
    fullTimes.sort()
    let m = stumpTimes.count / 2
    print("\(path)\t\(stumpTimes[m])\t\(fullTimes[m])\t\(totals[m])\t\(String(hash, radix: 16))")
  } catch {
    FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
    exit(1)
  }
}
