// Times one GP-BO suggestion with n observations in d dimensions (default 1000 × 5), given
// fitted hyperparameters: the sampler's Cholesky factor is extended by the newest observation
// (O(n²)), then 2048 random candidates are scored by EI and the best 3 refined by pattern
// search. The hyperparameter fit is timed separately (once, and per likelihood evaluation).
// Wall time and process CPU time are both printed: on a shared machine the CPU time (with
// OPENBLAS_NUM_THREADS=1) is the cost on one uncontended core.
//
//   cd Benchmarks && swift build -c release --product gp-timing
//   OPENBLAS_NUM_THREADS=1 .build/release/gp-timing [--n 1000] [--d 5] [--runs 9] [--candidates 2048] [--refined 3]
import Foundation
import Linalg
import Search

func argument(_ name: String, default value: Int) -> Int {
  let args = CommandLine.arguments
  guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return value }
  return v
}

let n = argument("--n", default: 1000)
let d = argument("--d", default: 5)
let runs = argument("--runs", default: 9)
let candidates = argument("--candidates", default: 2048)
let refined = argument("--refined", default: 3)
let clock = ContinuousClock()

/// CPU time of the whole process (all threads) in ms: with OPENBLAS_NUM_THREADS=1 this is what
/// the work costs on one uncontended core, whatever else the machine is running.
func cpuMilliseconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) * 1e-6
}

func milliseconds(_ t: Duration) -> Double {
  Double(t.components.seconds) * 1e3 + Double(t.components.attoseconds) * 1e-15
}

do {
  let space = try SearchSpace((0..<d).map { Parameter.float("x\($0)", 0, 1) })
  var g = SeededGenerator(seed: 7)
  func objective(_ c: Configuration) -> Double {
    (0..<d).reduce(0.0) { acc, k in
      let x = c["x\(k)"]?.doubleValue ?? 0
      return acc + sin(3 * x + Double(k)) + 0.5 * x * x
    } + 0.01 * g.normal()
  }
  var trials: [Trial] = []
  for i in 0..<(n + runs) {
    let c = space.sample(using: &g)
    trials.append(Trial(number: i, state: .complete, params: c, values: [objective(c)]))
  }

  // One log-likelihood + gradient evaluation at n (the unit of the hyperparameter fit).
  let x = Matrix<Double>(trials.prefix(n).map { space.encode($0.params) })
  let y = trials.prefix(n).map { $0.values[0] }
  var evals: [Double] = []
  for _ in 0..<3 {
    let t0 = clock.now
    _ = try GaussianProcess.logMarginalLikelihoodAndGradient(
      inputs: x, targets: y, theta: [Double](repeating: log(0.5), count: d) + [0, log(1e-2)])
    evals.append(milliseconds(clock.now - t0))
  }

  // The first suggestion fits the hyperparameters (one start, no restarts).
  var sampler = GPSampler(
    seed: 1, startupTrials: 10, candidates: candidates, refinedCandidates: refined,
    refitInterval: Int.max, restarts: 0)
  let f0 = clock.now
  _ = try sampler.sample(space: space, trials: Array(trials.prefix(n)), directions: [.minimize])
  let fitTime = milliseconds(clock.now - f0)

  // Then each suggestion sees one more observation: incremental update + acquisition.
  var times: [Double] = []
  var cpu: [Double] = []
  for r in 1...runs {
    let prefix = Array(trials.prefix(n + r))
    let (t0, c0) = (clock.now, cpuMilliseconds())
    _ = try sampler.sample(space: space, trials: prefix, directions: [.minimize])
    times.append(milliseconds(clock.now - t0))
    cpu.append(cpuMilliseconds() - c0)
  }
  times.sort()
  cpu.sort()
  evals.sort()
  print("gp-timing: n=\(n) d=\(d) candidates=\(candidates) refined=\(refined)")
  print(String(format: "  log-likelihood+gradient at n=%d: median %.1f ms", n, evals[evals.count / 2]))
  print(String(format: "  first suggestion (hyperparameter fit, 1 start): %.1f ms", fitTime))
  print(
    String(
      format: "  suggestion with fitted hyperparameters + incremental update: median %.1f ms (min %.1f, max %.1f) over %d runs",
      times[times.count / 2], times[0], times[times.count - 1], runs))
  print(
    String(
      format: "  the same, process CPU time: median %.1f ms (min %.1f, max %.1f)",
      cpu[cpu.count / 2], cpu[0], cpu[cpu.count - 1]))
  if let h = sampler.hyperparameters { print("  hyperparameters: \(h)") }
} catch {
  FileHandle.standardError.write(Data("gp-timing: \(error)\n".utf8))
  exit(1)
}
