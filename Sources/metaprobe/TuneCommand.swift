import ArgumentParser
import Datasets
import Foundation
import Learners
import Linalg
import Search
import Storage

/// `metaprobe tune D --learner L [--sampler S] [--scheduler H] [--trials N] …`: a persisted,
/// resumable study maximising cross-validated accuracy.
struct TuneCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tune",
    abstract: "Tune a learner's hyperparameters: a study persisted in SQLite and resumable.",
    discussion: """
      The objective is the mean stratified k-fold accuracy (maximised) of the learner's pipeline \
      with each trial's configuration, drawn from the learner's search space (see `metaprobe fit \
      D --learner L --list-parameters`), which are validity domains (n_estimators up to 10000): \
      narrow them with --range NAME=LOW:HIGH or fix one with --set NAME=VALUE. --trials N is the study's total of finished trials \
      (COMPLETE, PRUNED, FAIL): rerunning the same command after a crash or kill completes the \
      study. On start, trials a killed process left RUNNING are marked FAIL (reason "stale: …") \
      and their configurations re-enqueued; they run first.
      Schedulers: none evaluates every trial at full resource. The others use the levels of \
      Resource(kind, min: --min-resource, max: 1, η: --reduction-factor) and record each level's \
      accuracy as an intermediate value. sh is synchronous successive halving: brackets of η^s \
      configurations start at the smallest level, each rung completes before its best ⌊n/η⌋ \
      (at least one; ties to the lower trial number) move on, the others end PRUNED; the last \
      bracket is cut to the trials still missing. asha is asynchronous: each trial climbs the \
      levels and stops when the successive-halving pruner says so (Optuna's \
      SuccessiveHalvingPruner, ASHA's stopping variant). hyperband is Optuna's HyperbandPruner: \
      each trial is assigned to one of ⌊log_η(1/min)⌋+1 brackets (in proportion to Optuna's \
      bracket budgets), bracket i being that asynchronous rule with min early-stopping rate i. \
      bohb is BOHB (Falkner et al. 2018, HpBandSter's defaults): Hyperband's brackets with \
      HpBandSter's rounding, run synchronously like sh, whose new configurations come from a \
      kernel-density model of the largest level with enough results (a third at random); \
      --sampler is ignored. The resource kind defaults to the learner's own (epochs for mlp/cnn, \
      trees for forests), else the data fraction.
      --trial-timeout is checked between levels and cross-validation folds and, for mlp and cnn, \
      between epochs: a trial past it stops and is recorded FAIL ("timed out after … s").
      Samplers re-seed on resume (seed mixed with the number of stored trials) so a resumed \
      study does not redraw the configurations it already holds; grid skips held points.
      With --json: an object with name, direction(s), best_trial {number, value, params}, \
      counts (per state), attributes (dataset, learner, cv, seed, …) and trials.
      """
  )

  /// The keys of the run settings stored as user attributes on every trial.
  static let studyAttributeKeys: Set<String> = [
    "dataset", "learner", "cv", "seed", "sampler", "scheduler", "resource_kind", "min_resource",
    "reduction_factor",
  ]

  @OptionGroup var dataset: DatasetOptions

  @Option(name: .long, help: "The learner (\(LearnerCatalog.names.joined(separator: ", "))).")
  var learner: String

  @Option(name: .customLong("set"), help: ArgumentHelp("Fix a hyperparameter for every trial, NAME=VALUE (repeatable).", valueName: "k=v"))
  var fixed: [String] = []

  @Option(name: .customLong("range"), help: ArgumentHelp("Narrow a numeric hyperparameter, NAME=LOW:HIGH, keeping its scale (repeatable).", valueName: "k=lo:hi"))
  var ranges: [String] = []

  @Option(name: .long, help: "The sampler: random, grid, tpe, gp or rf.")
  var sampler: String = "tpe"

  @Option(name: .long, help: "The scheduler: none, sh (synchronous), asha, hyperband or bohb.")
  var scheduler: String = "none"

  @Option(name: .long, help: "The study's total of finished trials to reach (≥ 1).")
  var trials: Int = 20

  @Option(name: .long, help: "Trials running at once (≥ 1).")
  var jobs: Int = 1

  @Option(name: .long, help: "The study name (default <dataset>-<learner>).")
  var study: String?

  @Option(name: .long, help: "Storage URL: sqlite:///relative.db, sqlite:////absolute.db or memory (default sqlite:///.metaprobe/metaprobe.sqlite).")
  var storage: String?

  @Option(name: .long, help: "Number of stratified folds (≥ 2).")
  var cv: Int = 5

  @Option(name: .long, help: "Seed of the sampler and of the cross-validation folds.")
  var seed: UInt64 = 0

  @Option(name: .long, help: "Smallest resource level for sh/asha, in (0, 1] (default 1/9).")
  var minResource: Double?

  @Option(name: .long, help: "η ≥ 2: the ratio between resource levels (default 3).")
  var reductionFactor: Int = 3

  @Option(name: .long, help: "What the resource scales: data, epochs or trees (default: the learner's).")
  var resourceKind: String?

  @Option(name: .long, help: "Seconds after which a trial is cancelled and recorded FAIL.")
  var trialTimeout: Double?

  @OptionGroup var output: OutputOptions

  enum SchedulerChoice: String, CaseIterable { case none, sh, asha, hyperband, bohb }

  func run() async throws {
    // Validate everything before touching storage or data: bad input exits 1 with a message.
    guard let schedulerChoice = SchedulerChoice(rawValue: scheduler) else {
      throw CommandError("unknown scheduler '\(scheduler)'; expected one of none, sh, asha, hyperband, bohb")
    }
    guard ["random", "grid", "tpe", "gp", "rf"].contains(sampler) else {
      throw CommandError("unknown sampler '\(sampler)'; expected one of random, grid, tpe, gp, rf")
    }
    guard trials >= 1 else { throw CommandError("--trials must be at least 1, got \(trials)") }
    guard jobs >= 1 else { throw CommandError("--jobs must be at least 1, got \(jobs)") }
    guard cv >= 2 else { throw CommandError("--cv must be at least 2, got \(cv)") }
    guard reductionFactor >= 2 else {
      throw CommandError("--reduction-factor must be at least 2, got \(reductionFactor)")
    }
    let minLevel = minResource ?? 1.0 / 9.0
    guard minLevel > 0, minLevel <= 1 else {
      throw CommandError("--min-resource must be in (0, 1], got \(minLevel)")
    }
    if let t = trialTimeout, !(t > 0) {
      throw CommandError("--trial-timeout must be positive, got \(t)")
    }
    let pipeline = Pipeline(try LearnerCatalog.learner(named: learner))
    let kind: Resource.Kind
    switch resourceKind {
    case nil: kind = pipeline.learner.iterationKind ?? .dataFraction
    case "data"?: kind = .dataFraction
    case "epochs"?: kind = .epochs
    case "trees"?: kind = .trees
    case let other?: throw CommandError("unknown resource kind '\(other)'; expected data, epochs or trees")
    }
    let space = try SpaceRestriction.apply(
      to: pipeline.learner.searchSpace, fixed: fixed, ranges: ranges)
    let resource = try Resource(kind, min: minLevel, max: 1, reductionFactor: reductionFactor)
    let levels = schedulerChoice == .none ? [1.0] : resource.levels

    let data = try dataset.load()
    let studyName = study ?? "\(dataset.dataset)-\(learner)"
    let store = try openStorage(storage)

    // Resume: trials a killed process left RUNNING become FAIL and are re-enqueued.
    var stored: [Trial] = []
    if try await store.study(named: studyName) != nil {
      let stale = try await store.failStaleTrials(studyName: studyName)
      for s in stale {
        logProgress("trial \(s.number) was left RUNNING by a stopped process: marked FAIL, re-enqueued as \(s.retryNumber.map(String.init) ?? "-")")
      }
      stored = try await store.trials(studyName: studyName)
    }
    let samplerSeed = stored.isEmpty ? seed : mixSeed(seed, UInt64(stored.count))
    // A hair below the first level so floating-point rounding cannot miss a rung.
    let firstRung = levels[0] * (1 - 1e-9)
    let pruner: any Pruner
    switch schedulerChoice {
    case .none: pruner = NopPruner()
    case .sh, .bohb: pruner = NopPruner()
    case .asha:
      pruner = SuccessiveHalvingPruner(
        minResource: firstRung, reductionFactor: reductionFactor, minEarlyStoppingRate: 0)
    case .hyperband:
      pruner = try HyperbandPruner(minResource: firstRung, maxResource: 1, reductionFactor: reductionFactor)
    }
    let theStudy = try await Study(
      name: studyName, space: space, direction: .maximize,
      sampler: makeSampler(seed: samplerSeed, scheduler: schedulerChoice, resource: resource),
      pruner: pruner, storage: store, loadIfExists: true)

    let before = await theStudy.finishedTrialCount
    logProgress("study \(studyName): \(before) of \(trials) trials finished; storage \(store.path)")

    let attributes: [(String, AttributeValue)] = [
      ("dataset", .string(dataset.dataset)), ("learner", .string(learner)),
      ("cv", .number(Double(cv))), ("seed", .number(Double(seed))), ("sampler", .string(sampler)),
      ("scheduler", .string(scheduler)), ("resource_kind", .string(kind.rawValue)),
      ("min_resource", .number(levels[0])), ("reduction_factor", .number(Double(reductionFactor))),
    ]
    let (folds, cvSeed) = (cv, seed)
    let timeout = trialTimeout.map { Duration.milliseconds(Int($0 * 1000)) }
    let callbacks: [TrialCallback] = [{ _, t in
      let v = t.value.map { String(format: "%.6f", $0) } ?? "-"
      logProgress("trial \(t.number) \(t.state.rawValue) value \(v)\(t.failReason.map { " (\($0))" } ?? "")")
    }]
    /// The mean CV accuracy at one resource level, with the run settings set on the trial.
    let evaluate: @Sendable (TrialContext, Double) async throws -> Double = { context, level in
      for (k, v) in attributes { try await context.setUserAttribute(k, v) }
      try context.checkCancellation()
      let config = try pipeline.configuration(context.params)
      let budget = try Budget(level: level, of: kind)
      return try CrossValidation.evaluate(
        pipeline, on: data, config: config, folds: folds, budget: budget, seed: cvSeed
      ).meanAccuracy
    }
    let report: OptimizationReport
    switch schedulerChoice {
    case .sh, .bohb:
      let plan: BracketPlan =
        schedulerChoice == .sh
        ? .successiveHalving(try SuccessiveHalving(resource))
        : .hyperband(try Hyperband(resource, rounding: .hpBandSter))
      report = try await theStudy.optimize(
        brackets: plan, trials: trials, jobs: jobs, trialTimeout: timeout, callbacks: callbacks,
        showProgress: false, evaluate: evaluate)
    case .none, .asha, .hyperband:
      report = try await theStudy.optimize(
        trials: trials, jobs: jobs, trialTimeout: timeout, callbacks: callbacks, showProgress: false
      ) { context in
        var value = Double.nan
        for (i, level) in levels.enumerated() {
          value = try await evaluate(context, level)
          if levels.count > 1 {
            try await context.report(value, resource: level)
            if i < levels.count - 1, try await context.shouldPrune() { throw TrialPruned() }
          }
        }
        return value
      }
    }
    logProgress("this run finished \(report.trials.count) trials; stop: \(report.stop.rawValue)")

    let all = try await store.trials(studyName: studyName)
    if output.json {
      try printJSON(StudyJSON(name: studyName, directions: [.maximize], trials: all))
    } else {
      printSummary(name: studyName, directions: [.maximize], trials: all)
    }
  }

  private func makeSampler(seed: UInt64, scheduler: SchedulerChoice, resource: Resource) -> any Sampler {
    if scheduler == .bohb, let hyperband = try? Hyperband(resource, rounding: .hpBandSter) {
      return BOHBSampler(hyperband: hyperband, seed: seed)
    }
    switch sampler {
    case "random": return RandomSampler(seed: seed)
    case "grid": return GridSampler(pointsPerNumeric: 5, seed: self.seed)
    case "gp": return GPSampler(seed: seed)
    case "rf": return RandomForestSampler(seed: seed)
    default: return TPESampler(seed: seed)
    }
  }
}

/// A seed derived from `seed` and `salt` (SplitMix64 finaliser), for re-seeding on resume.
func mixSeed(_ seed: UInt64, _ salt: UInt64) -> UInt64 {
  var z = seed &+ salt &* 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// Writes a progress line to stderr.
func logProgress(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
