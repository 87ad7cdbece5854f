// Times the per-trial overhead of a study's samplers: n ask/tell trials of a trivial objective
// on an in-memory study, for RandomSampler and (independent) TPESampler, each repeated R times
// with a fresh study. The space is the one scripts/bench_sampler_overhead.py gives Optuna:
//   x ∈ [-5, 5], y ∈ [-5, 5], lr ∈ [1e-5, 1e-1] (log), kind ∈ {a, b, c};  objective x² + y².
// One JSON line per (sampler, n): median/min/max total seconds and the median per-trial time.
//
//   cd Benchmarks && swift build -c release --product sampler-overhead
//   .build/release/sampler-overhead [--samplers random,tpe] [--trials 100,1000] [--runs 5] [--tpe-1000-runs 5]
import Foundation
import Search

func option(_ name: String) -> String? {
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  return args[i + 1]
}

let samplers = (option("--samplers") ?? "random,tpe").split(separator: ",").map(String.init)
let trialCounts = (option("--trials") ?? "100,1000").split(separator: ",").compactMap { Int($0) }
let runs = option("--runs").flatMap(Int.init) ?? 5
// TPE at 1000 trials is the slow case: it may be given fewer repeats.
let tpeLargeRuns = option("--tpe-1000-runs").flatMap(Int.init) ?? runs
let clock = ContinuousClock()

func seconds(_ t: Duration) -> Double {
  Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18
}

func makeSampler(_ name: String, seed: UInt64) -> any Sampler {
  switch name {
  case "random": return RandomSampler(seed: seed)
  case "tpe": return TPESampler(seed: seed, multivariate: false)
  default:
    FileHandle.standardError.write(Data("sampler-overhead: unknown sampler \(name)\n".utf8))
    exit(2)
  }
}

/// Runs `n` ask/tell trials on a fresh in-memory study; returns the wall time of the loop.
func run(sampler name: String, trials n: Int, space: SearchSpace) async throws -> Double {
  let t0 = clock.now
  let study = try await Study(
    space: space, direction: .minimize, sampler: makeSampler(name, seed: 0), pruner: NopPruner(),
    storage: InMemoryStorage())
  for _ in 0..<n {
    let trial = try await study.ask()
    let x = trial.params["x"]?.doubleValue ?? 0
    let y = trial.params["y"]?.doubleValue ?? 0
    try await study.tell(trial.number, value: x * x + y * y)
  }
  return seconds(clock.now - t0)
}

do {
  let space = try SearchSpace(
    .float("x", -5, 5), .float("y", -5, 5), .float("lr", 1e-5, 1e-1, log: true),
    .categorical("kind", ["a", "b", "c"]))
  for name in samplers {
    for n in trialCounts {
      let repeats = name == "tpe" && n >= 1000 ? tpeLargeRuns : runs
      var totals: [Double] = []
      for _ in 0..<repeats { totals.append(try await run(sampler: name, trials: n, space: space)) }
      totals.sort()
      let median =
        totals.count % 2 == 1
        ? totals[totals.count / 2] : (totals[totals.count / 2 - 1] + totals[totals.count / 2]) / 2
      print(
        "{\"sampler\":\"\(name)\",\"n\":\(n),\"runs\":\(repeats),\"median_s\":\(median),"
          + "\"min_s\":\(totals[0]),\"max_s\":\(totals[totals.count - 1]),"
          + "\"per_trial_median_ms\":\(median / Double(n) * 1e3)}")
    }
  }
} catch {
  FileHandle.standardError.write(Data("sampler-overhead: \(error)\n".utf8))
  exit(1)
}
