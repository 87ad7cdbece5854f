// Mean normalised regret of RandomSampler, TPESampler and GPSampler on the HPOBench-MLP
// tabular benchmark (datasets/tuning-logs/hpobench/<task>.csv, written by scripts/convert_hpobench.py):
// per task, sampler and seed, one in-memory study of `--evals` ask/tell trials; the objective
// is the table's seed-averaged validation accuracy (maximised).
//
// Search space: alpha ∈ [1e-8, 1] (log), batch_size ∈ [4, 256] (int, log), depth ∈ [1, 3]
// (int), learning_rate_init ∈ [1e-5, 1] (log), width ∈ [16, 1024] (int, log) — the hull of
// the table's grid. Lookup rule: a proposal is evaluated at the table configuration nearest
// to it in the space's encoding (SearchSpace.encode, unit scale, log for log parameters) by
// Euclidean distance. The grid is a full Cartesian product and the encoding is per axis, so
// that is the nearest grid value on each axis independently (ties to the smaller value).
// The study keeps the sampler's own proposal as the trial's params and the table value as its
// value.
//
// Normalised regret (DESIGN.md) = (best − incumbent) / (best − median) over the task's 30000
// configurations, with the incumbent the best value the method observed in its evaluations.
//
//   cd Benchmarks && swift build -c release --product hpobench-regret
//   OPENBLAS_NUM_THREADS=1 .build/release/hpobench-regret [--data ../datasets/tuning-logs/hpobench]
//       [--tasks car,kc1] [--evals 50] [--seeds 10] [--samplers random,tpe,gp] [--jobs 2]
import Foundation
import Search

func option(_ name: String) -> String? {
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  return args[i + 1]
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("hpobench-regret: \(message)\n".utf8))
  exit(2)
}

let dataDirectory = option("--data") ?? "../datasets/tuning-logs/hpobench"
let evaluations = option("--evals").flatMap(Int.init) ?? 50
let seedCount = option("--seeds").flatMap(Int.init) ?? 10
let samplerNames = (option("--samplers") ?? "random,tpe,gp").split(separator: ",").map(String.init)
let jobs = max(1, option("--jobs").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount)

/// The table's parameters, in the column order of the CSV.
let parameterNames = ["alpha", "batch_size", "depth", "learning_rate_init", "width"]

/// One task's table: the grid values per axis and the value of every grid point.
struct Table: Sendable {
  let task: String
  /// Sorted distinct values per axis (parameterNames order).
  let axes: [[Double]]
  /// Value by flat index (row-major over `axes`).
  let values: [Double]
  let best: Double
  let median: Double

  func index(_ coordinates: [Int]) -> Int {
    var flat = 0
    for (axis, i) in zip(axes, coordinates) { flat = flat * axis.count + i }
    return flat
  }

  static func read(task: String, path: String) -> Table {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      fail("cannot read \(path) (run scripts/convert_hpobench.py)")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard !lines.isEmpty else { fail("\(path) is empty") }
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let columns = parameterNames.map { name -> Int in
      guard let c = header.firstIndex(of: "params_\(name)") else { fail("\(path): no params_\(name)") }
      return c
    }
    guard let valueColumn = header.firstIndex(of: "value"),
      let directionColumn = header.firstIndex(of: "direction")
    else { fail("\(path): no value/direction column") }
    var rows: [([Double], Double)] = []
    rows.reserveCapacity(lines.count)
    for line in lines {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields[directionColumn] == "maximize" else { fail("\(path): expected direction maximize") }
      let params = columns.map { c -> Double in
        guard let x = Double(fields[c]) else { fail("\(path): bad number \(fields[c])") }
        return x
      }
      guard let v = Double(fields[valueColumn]) else { fail("\(path): bad value \(fields[valueColumn])") }
      rows.append((params, v))
    }
    let axes = (0..<parameterNames.count).map { a in Array(Set(rows.map { $0.0[a] })).sorted() }
    let size = axes.reduce(1) { $0 * $1.count }
    guard size == rows.count else { fail("\(path): \(rows.count) rows do not form the full \(size)-point grid") }
    var values = [Double](repeating: .nan, count: size)
    var table = Table(task: task, axes: axes, values: [], best: 0, median: 0)
    for (params, v) in rows {
      let coordinates = zip(axes, params).map { axis, x in axis.firstIndex(of: x)! }
      values[table.index(coordinates)] = v
    }
    guard !values.contains(where: \.isNaN) else { fail("\(path): duplicate configurations") }
    let sorted = values.sorted()
    let n = sorted.count
    let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    table = Table(task: task, axes: axes, values: values, best: sorted[n - 1], median: median)
    return table
  }
}

let space: SearchSpace
do {
  space = try SearchSpace(
    .float("alpha", 1e-8, 1, log: true), .int("batch_size", 4, 256, log: true), .int("depth", 1, 3),
    .float("learning_rate_init", 1e-5, 1, log: true), .int("width", 16, 1024, log: true))
} catch { fail("search space: \(error)") }

/// The parameter's value as the space stores it (ints for int parameters).
func parameterValue(_ name: String, _ x: Double) -> ParameterValue {
  guard let p = space.parameter(named: name) else { fail("no parameter \(name)") }
  if case .int = p.domain { return .int(Int(x.rounded())) }
  return .float(x)
}

/// Encoded (unit-scale) coordinate of each grid value, per axis.
func encodedAxes(_ table: Table) -> [[Double]] {
  parameterNames.enumerated().map { a, name in
    table.axes[a].map { x in space.encode(Configuration([(name, parameterValue(name, x))]))[a] }
  }
}

/// The value of the table configuration nearest to `config` in the space's encoding.
func lookup(_ config: Configuration, _ table: Table, _ encoded: [[Double]]) -> Double {
  let u = space.encode(config)
  let coordinates = (0..<parameterNames.count).map { a -> Int in
    var bestIndex = 0
    for (i, e) in encoded[a].enumerated() where abs(e - u[a]) < abs(encoded[a][bestIndex] - u[a]) {
      bestIndex = i
    }
    return bestIndex
  }
  return table.values[table.index(coordinates)]
}

func makeSampler(_ name: String, seed: UInt64) -> any Sampler {
  switch name {
  case "random": return RandomSampler(seed: seed)
  case "tpe": return TPESampler(seed: seed)
  case "gp": return GPSampler(seed: seed)
  default: fail("unknown sampler \(name) (random, tpe, gp)")
  }
}

/// Normalised regret of the incumbent after `evaluations` trials of one study.
func regret(_ table: Table, _ encoded: [[Double]], sampler name: String, seed: UInt64) async throws -> Double {
  let study = try await Study(
    space: space, direction: .maximize, sampler: makeSampler(name, seed: seed), pruner: NopPruner(),
    storage: InMemoryStorage())
  var incumbent = -Double.infinity
  for _ in 0..<evaluations {
    let trial = try await study.ask()
    let v = lookup(trial.params, table, encoded)
    incumbent = max(incumbent, v)
    try await study.tell(trial.number, value: v)
  }
  return (table.best - incumbent) / (table.best - table.median)
}

let allTasks = ["australian", "blood_transfusion", "car", "credit_g", "kc1", "phoneme", "segment", "vehicle"]
let taskNames = option("--tasks").map { $0.split(separator: ",").map(String.init) } ?? allTasks
let tables = taskNames.map { Table.read(task: $0, path: "\(dataDirectory)/\($0).csv") }

struct Job: Sendable {
  let task: Int
  let sampler: Int
  let seed: Int
}

/// Runs every (task, sampler, seed) study, `jobs` at a time; regrets by task, then sampler.
func runAll(_ tables: [Table]) async throws -> [[[Double]]] {
  var jobList: [Job] = []
  for t in tables.indices {
    for s in samplerNames.indices {
      for seed in 0..<seedCount { jobList.append(Job(task: t, sampler: s, seed: seed)) }
    }
  }
  let encodedByTask = tables.map(encodedAxes)
  var results = [[[Double]]](
    repeating: [[Double]](repeating: [], count: samplerNames.count), count: tables.count)
  try await withThrowingTaskGroup(of: (Job, Double).self) { group in
    var next = 0
    func submit() {
      let job = jobList[next]
      next += 1
      let table = tables[job.task]
      let encoded = encodedByTask[job.task]
      let name = samplerNames[job.sampler]
      group.addTask { (job, try await regret(table, encoded, sampler: name, seed: UInt64(job.seed))) }
    }
    while next < min(jobs, jobList.count) { submit() }
    while let (job, r) = try await group.next() {
      results[job.task][job.sampler].append(r)
      if next < jobList.count { submit() }
    }
  }
  return results
}

let clock = ContinuousClock()
let start = clock.now
let results: [[[Double]]]
do { results = try await runAll(tables) } catch { fail("\(error)") }
let elapsed = clock.now - start

func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
func cell(_ x: Double) -> String { String(format: "%.4f", x) }

let titles = samplerNames.map { ["random": "random", "tpe": "TPE", "gp": "GP-BO"][$0] ?? $0 }
print(
  "HPOBench-MLP: mean normalised regret after \(evaluations) evaluations over \(seedCount) seeds "
    + "(lower is better; (best − incumbent)/(best − median))")
print("| task | " + titles.joined(separator: " | ") + " |")
print("|---|" + String(repeating: "---:|", count: titles.count))
var taskMeans = [[Double]](repeating: [], count: samplerNames.count)
for (t, table) in tables.enumerated() {
  let means = results[t].map(mean)
  for s in means.indices { taskMeans[s].append(means[s]) }
  print("| \(table.task) | " + means.map(cell).joined(separator: " | ") + " |")
}
print("| **mean over tasks** | " + taskMeans.map { cell(mean($0)) }.joined(separator: " | ") + " |")
for (s, name) in titles.enumerated() where s > 0 {
  let wins = zip(taskMeans[s], taskMeans[0]).filter { $0 < $1 }.count
  print("\(name) below random on \(wins)/\(tables.count) tasks")
}
print(String(format: "elapsed %.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
