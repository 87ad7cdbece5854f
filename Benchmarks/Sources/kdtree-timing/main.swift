// Times KDTree 1-nearest-neighbour queries over the splits in a JSON file written by
// scripts/bench_kdtree.py ({"x": [[...]], "tests": [[test rows], ...]}): per split, take the
// training rows (all others, ascending), build the tree (leaf size 30), query the test rows.
// Also times the brute-force KNeighborsClassifier(nNeighbors: 1).neighbors on the same splits.
// Prints one JSON object: median and all run times in seconds for both, and the KD-tree's
// neighbour indices (into each split's training rows) so the script can compare them with
// scikit-learn's. Usage: kdtree-timing FILE.json [--runs N]
import Foundation
import Linalg
import Models

struct Input: Decodable {
  var x: [[Double]]
  var tests: [[Int]]
}

var args = Array(CommandLine.arguments.dropFirst())
guard let path = args.first else {
  FileHandle.standardError.write(Data("usage: kdtree-timing FILE.json [--runs N]\n".utf8))
  exit(2)
}
args.removeFirst()
let runs = args.count >= 2 && args[0] == "--runs" ? max(1, Int(args[1]) ?? 3) : 3

let input: Input
do {
  input = try JSONDecoder().decode(Input.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
} catch {
  FileHandle.standardError.write(Data("kdtree-timing: cannot read \(path): \(error)\n".utf8))
  exit(1)
}
let x = Matrix(input.x)
let splits: [(train: [Int], test: [Int])] = input.tests.map { test in
  let inTest = Set(test)
  return ((0..<x.rows).filter { !inTest.contains($0) }, test)
}

func kdTreePass() throws -> [[Int]] {
  try splits.map { split in
    let tree = try KDTree(points: x.rows(split.train))
    return try tree.nearest(to: x.rows(split.test))
  }
}

func brutePass() throws -> [[Int]] {
  try splits.map { split in
    let labels = [Int](repeating: 0, count: split.train.count)
    let model = try KNeighborsClassifier(nNeighbors: 1).fit(x.rows(split.train), labels)
    return try model.neighbors(x.rows(split.test)).map { $0[0].row }
  }
}

func timed(_ runs: Int, _ body: () throws -> [[Int]]) throws -> (median: Double, all: [Double], out: [[Int]]) {
  var out = try body()  // warm-up
  var times = [Double]()
  for _ in 0..<runs {
    let start = DispatchTime.now().uptimeNanoseconds
    out = try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return (times.sorted()[times.count / 2], times, out)
}

do {
  let tree = try timed(runs, kdTreePass)
  let brute = try timed(runs, brutePass)
  let result: [String: Any] = [
    "kdtree_median": tree.median, "kdtree_all": tree.all,
    "brute_median": brute.median, "brute_all": brute.all,
    "neighbors": tree.out, "brute_neighbors": brute.out,
  ]
  let data = try JSONSerialization.data(withJSONObject: result)
  print(String(decoding: data, as: UTF8.self))
} catch {
  FileHandle.standardError.write(Data("kdtree-timing: \(error)\n".utf8))
  exit(1)
}
