import ArgumentParser
import Foundation
import MetaProbeKit

/// `metaprobe tune D --learner L [--sampler S] [--scheduler H] [--trials N] …`: a persisted,
/// resumable study maximising cross-validated accuracy.
struct TuneCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tune",
    abstract: "Tune a learner's hyperparameters: a study persisted in SQLite and resumable.",
    discussion: """
      The objective is the mean stratified k-fold accuracy (maximised) of the learner's pipeline \
      with each trial's configuration, drawn from the learner's tuning space (--space tuning, the \
      default: the ranges of the bundled corpus, e.g. svm C 1e-2–1e3 and gamma_value 1e-4–10 with \
      the rbf kernel; other parameters keep their defaults) or its validity domain (--space \
      validity: every valid value, n_estimators up to 10000; see `metaprobe fit D --learner L \
      --list-parameters`). --range NAME=LOW:HIGH sets a numeric range and --set NAME=VALUE fixes a \
      parameter, anywhere in the validity domain. --trials N is the study's total of finished trials \
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

  @OptionGroup var dataset: DatasetOptions

  @Option(name: .long, help: "The learner (\(LearnerCatalog.names.joined(separator: ", "))).")
  var learner: String

  @Option(name: .customLong("set"), help: ArgumentHelp("Fix a hyperparameter for every trial, NAME=VALUE (repeatable).", valueName: "k=v"))
  var fixed: [String] = []

  @Option(
    name: .customLong("range"), help: ArgumentHelp("Narrow a numeric hyperparameter, NAME=LOW:HIGH, keeping its scale (repeatable).", valueName: "k=lo:hi"))
  var ranges: [String] = []

  @Option(name: .long, help: "The ranges searched: tuning (the learner's tuning space, default) or validity (every valid value).")
  var space: TuningRun.SpaceChoice = .tuning

  @Option(name: .long, help: "The sampler: random, grid, tpe, gp or rf.")
  var sampler: TuningRun.SamplerChoice = .tpe

  @Option(name: .long, help: "The scheduler: none, sh (synchronous), asha, hyperband or bohb.")
  var scheduler: TuningRun.SchedulerChoice = .none

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
  var resourceKind: ResourceKindArgument?

  @Option(name: .long, help: "Seconds after which a trial is cancelled and recorded FAIL.")
  var trialTimeout: Double?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    try tuningRun.validate()
  }

  /// The workflow these options describe.
  var tuningRun: TuningRun {
    var run = TuningRun(learner: learner)
    (run.space, run.fixed, run.ranges, run.sampler, run.scheduler) = (space, fixed, ranges, sampler, scheduler)
    (run.trials, run.jobs, run.studyName, run.storageURL) = (trials, jobs, study, storage)
    (run.folds, run.seed, run.minResource, run.reductionFactor) = (cv, seed, minResource, reductionFactor)
    (run.resourceKind, run.trialTimeout) = (resourceKind?.kind, trialTimeout)
    run.progress = { logProgress($0) }
    return run
  }

  func run() async throws {
    let result = try await tuningRun.run(on: try dataset.load(), named: dataset.dataset)
    if output.json {
      try printJSON(StudyJSON(name: result.studyName, directions: [.maximize], trials: result.trials))
    } else {
      printSummary(name: result.studyName, directions: [.maximize], trials: result.trials)
    }
  }
}

extension TuningRun.SpaceChoice: ExpressibleByArgument {}
extension TuningRun.SamplerChoice: ExpressibleByArgument {}
extension TuningRun.SchedulerChoice: ExpressibleByArgument {}

/// Writes a progress line to stderr, passwords and tokens masked (``Redaction``).
func logProgress(_ message: String) {
  FileHandle.standardError.write(Data((Redaction.redact(message) + "\n").utf8))
}
