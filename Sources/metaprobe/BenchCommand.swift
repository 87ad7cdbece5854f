import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe bench --suite S [--methods ...] [--budget B] [--seeds K]`: the leave-one-task-out
/// benchmark over a corpus of tuning logs, evaluated by table look-up.
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Leave-one-task-out benchmark of HPO methods on tuning logs (table look-up, no training).",
    discussion: """
      --suite takes a bundled corpus by name (hpobench, hpolib: datasets/tuning-logs/<name>/; own: \
      datasets/tuning-logs/own.csv), or the path of a tuning log (.csv or JSON Lines .jsonl) or of \
      a directory of them \
      (DESIGN.md's format; several resource levels per configuration allowed). A task-features.csv \
      beside the logs, or --features FILE, is the task meta-features table for meta-methods.
      Each task in turn is held out: methods see its look-up table (value of each configuration at \
      each resource level, mean over seeds) and, for meta-methods, only the other tasks' records. \
      Budget B is in full-evaluation equivalents (an evaluation at resource r costs r). \
      Incumbent: the best observed value at the highest resource observed so far; its normalised \
      regret (best − true value)/(best − median) uses the true value (value at the highest level). \
      Methods (default: all): meta_sh (meta-warm-started successive halving: nearest tasks' best \
      configurations and a forest meta-model trained on the other tasks start it, the model is \
      retrained on each round's results), zero_shot (the meta-model's best prediction, one \
      evaluation), nearest_tasks (auto-sklearn's warm start: the nearest tasks' best \
      configurations in order), random, grid, sh, hyperband, tpe, gp. Meta-methods use the task \
      meta-features table. On tables with a single resource level, sh and hyperband evaluate every \
      configuration at that level. Cost to target (within 1 % of the best) is censored at B.
      Prints a markdown table (or with --json an object: suite, budget, seeds, seed, tasks, methods \
      [{method, regret_at_budget, regret_curve, average_rank, cost_to_target, reached_target, \
      tasks [...]}]); --out DIR also writes bench.md, bench.csv, regret_curve.csv and \
      regret_curve.svg, and --report FILE the markdown alone. A log file's task meta-features \
      table is FILE-task-features.csv or task-features.csv beside it (own.csv: \
      own-task-features.csv), else --features, else landmark scores from the log. The same \
      arguments give byte-identical output.
      """
  )

  @Option(name: .long, help: "Suite: hpobench, hpolib, own, or the path of a tuning log or directory of logs.")
  var suite: String

  @Option(name: .long, help: "Task meta-features table (CSV keyed by task) for meta-methods.")
  var features: String?

  @Option(name: .long, help: "Comma-separated methods (default: all: meta_sh,zero_shot,nearest_tasks,random,grid,sh,hyperband,tpe,gp).")
  var methods: String = BenchmarkMethods.allNames.joined(separator: ",")

  @Option(name: .long, help: "Comma-separated learners to keep from the log (default: all).")
  var learners: String?

  @Option(name: .long, help: "Also write the markdown report to this file.")
  var report: String?

  @Option(name: .long, help: "Budget in full-evaluation equivalents.")
  var budget: Int = 10

  @Option(name: .long, help: "Seeds per task.")
  var seeds: Int = 10

  @Option(name: .long, help: "Base seed.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "Runs at a time (default: the number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(name: .long, help: "Directory to write bench.md, bench.csv, regret_curve.csv and regret_curve.svg.")
  var out: String?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard budget >= 1 else { throw ValidationError("--budget must be at least 1, got \(budget)") }
    guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
  }

  func run() async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let registry = try? DatasetRegistry.located()
    let located = try BenchmarkSuite(suite, datasetsRoot: registry?.root.path)
    let chosen = try methods.split(separator: ",").map { name throws(ExperimentsError) in
      try BenchmarkMethods.method(named: String(name))
    }
    var records = try located.records()
    if let learners {
      let keep = Set(learners.split(separator: ",").map(String.init))
      records = records.filter { keep.contains($0.learner) }
      guard !records.isEmpty else { throw ValidationError("--learners \(learners): no record of \(suite) has one of these learners") }
    }
    let benchmark = try TabularBenchmark(records: records)
    var taskFeatures = TaskFeatureTable(names: [])
    if let file = features ?? located.featuresFile {
      do { taskFeatures = try TaskFeatureTable(csv: String(contentsOfFile: file, encoding: .utf8)) } catch {
        throw ValidationError("--features \(file): \(error)")
      }
    } else if chosen.contains(where: \.usesTaskFeatures) {
      taskFeatures = try TabularTaskFeatures.table(for: benchmark, seed: seed, registry: registry)
    }
    let loto = try LeaveOneTaskOut(
      suite: benchmark, methods: chosen, budget: budget, seeds: seeds, seed: seed, taskFeatures: taskFeatures)
    let result = try await loto.run(jobs: jobs) { done, total in
      if done == total || done % max(total / 10, 1) == 0 { logProgress("bench: \(done)/\(total) runs") }
    }
    let written = BenchmarkReport(suite: suite, seed: seed, result: result)
    if let out { try written.write(to: out) }
    if let report {
      try FileManager.default.createDirectory(
        atPath: (report as NSString).deletingLastPathComponent.isEmpty ? "." : (report as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      try Data(written.markdown.utf8).write(to: URL(fileURLWithPath: report))
    }
    print(output.json ? written.json : written.markdown, terminator: "")
    let elapsed = (clock.now - start).components
    logProgress(String(format: "bench: %.1f s", Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18))
  }
}
