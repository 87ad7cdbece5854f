import Datasets
import Foundation
import Learners
import Search
import Storage

/// Tuning one learner's hyperparameters on one dataset: a study persisted in SQLite, resumable,
/// maximising the mean stratified k-fold accuracy of the learner's pipeline.
///
/// ```swift
/// var run = TuningRun(learner: "knn")
/// run.sampler = .tpe
/// run.trials = 30
/// let result = try await run.run(on: try Dataset.load("iris"), named: "iris")
/// print(result.best?.params ?? [:])
/// ```
///
/// `trials` is the study's total of finished trials (COMPLETE, PRUNED, FAIL), so running the same
/// run again after a crash or kill completes the study: trials a killed process left RUNNING
/// become FAIL ("stale: …") and their configurations are retried first. Samplers re-seed on
/// resume (the seed mixed with the number of stored trials) so a resumed study does not redraw
/// the configurations it holds.
public struct TuningRun: Sendable {
  /// How new configurations are proposed.
  public enum SamplerChoice: String, CaseIterable, Sendable {
    /// Independent uniform draws (log-uniform on log scales).
    case random
    /// A grid of 5 points per numeric parameter, in a seeded order; held points are skipped.
    case grid
    /// Optuna's tree-structured Parzen estimator (the default).
    case tpe
    /// Gaussian-process Bayesian optimisation.
    case gp
    /// A random-forest surrogate (SMAC's).
    case rf
  }

  /// How trials are spread over resource levels.
  public enum SchedulerChoice: String, CaseIterable, Sendable {
    /// Every trial at full resource.
    case none
    /// Synchronous successive halving: brackets of η^s trials, each rung completes before its best
    /// ⌊n/η⌋ (ties to the lower trial number) move on, the others end PRUNED.
    case sh
    /// Asynchronous successive halving (Optuna's `SuccessiveHalvingPruner`).
    case asha
    /// Optuna's `HyperbandPruner`: one asynchronous rule per bracket.
    case hyperband
    /// BOHB with HpBandSter's defaults (its own sampler; ``sampler`` is ignored).
    case bohb
  }

  /// Which ranges a study searches.
  public enum SpaceChoice: String, CaseIterable, Sendable {
    /// The learner's tuning space (``TuningSpace``): the ranges a practitioner would search,
    /// the same as the bundled corpus's (the default).
    case tuning
    /// The learner's validity domain (``Learner/searchSpace``): every valid value, such as
    /// `n_estimators` up to 10000.
    case validity
  }

  /// What a finished run leaves: the study's name, where it is stored, and all its trials.
  public struct Result: Sendable {
    /// The study's name.
    public var studyName: String
    /// The storage's location (the SQLite file, or `:memory:`).
    public var storagePath: String
    /// Every trial of the study, this run's and earlier runs', by number.
    public var trials: [Trial]
    /// How many trials this run finished.
    public var finishedThisRun: Int
    /// Why this run stopped.
    public var stop: OptimizationStop
    /// The best COMPLETE trial (ties: the lowest number); nil when none completed.
    public var best: Trial? { Trial.best(in: trials, direction: .maximize) }
  }

  /// The keys of the run settings stored as user attributes on every trial.
  public static let studyAttributeKeys: Set<String> = [
    "dataset", "learner", "cv", "seed", "sampler", "scheduler", "resource_kind", "min_resource",
    "reduction_factor",
  ]

  /// The learner's name (``LearnerCatalog/names``).
  public var learner: String
  /// The ranges searched (default: the tuning space).
  public var space = SpaceChoice.tuning
  /// Hyperparameters fixed for every trial, `NAME=VALUE` (``SpaceRestriction``), anywhere in
  /// the learner's validity domain.
  public var fixed: [String] = []
  /// Numeric hyperparameters narrowed, `NAME=LOW:HIGH`, keeping their scale.
  public var ranges: [String] = []
  /// The sampler (default TPE).
  public var sampler = SamplerChoice.tpe
  /// The scheduler (default: every trial at full resource).
  public var scheduler = SchedulerChoice.none
  /// The study's total of finished trials to reach, ≥ 1.
  public var trials = 20
  /// Trials running at once, ≥ 1.
  public var jobs = 1
  /// The study's name; nil for `<dataset name>-<learner>`.
  public var studyName: String?
  /// The storage URL (``StudyStore/open(_:)``); nil for `.metaprobe/metaprobe.sqlite`.
  public var storageURL: String?
  /// Stratified cross-validation folds, ≥ 2.
  public var folds = 5
  /// Seed of the sampler and of the folds.
  public var seed: UInt64 = 0
  /// The smallest resource level of a scheduler, in (0, 1]; nil for 1/9.
  public var minResource: Double?
  /// η ≥ 2, the ratio between resource levels.
  public var reductionFactor = 3
  /// What the resource scales; nil for the learner's own (epochs for networks, trees for
  /// forests), else the data fraction.
  public var resourceKind: Resource.Kind?
  /// Seconds after which a trial is cancelled and recorded FAIL ("timed out after … s"); nil for none.
  public var trialTimeout: Double?
  /// Receives one line per event (resume repairs, each finished trial); the command line prints them to stderr.
  public var progress: @Sendable (String) -> Void = { _ in }

  /// A run of `learner` with the defaults above.
  public init(learner: String) {
    self.learner = learner
  }

  /// Checks every setting before anything is stored or trained.
  /// - Throws: ``MetaProbeKitError/invalidSetting(_:)`` naming the setting and its value.
  public func validate() throws(MetaProbeKitError) {
    guard trials >= 1 else { throw .invalidSetting("--trials must be at least 1, got \(trials)") }
    guard jobs >= 1 else { throw .invalidSetting("--jobs must be at least 1, got \(jobs)") }
    guard folds >= 2 else { throw .invalidSetting("--cv must be at least 2, got \(folds)") }
    guard reductionFactor >= 2 else {
      throw .invalidSetting("--reduction-factor must be at least 2, got \(reductionFactor)")
    }
    let minLevel = minResource ?? 1.0 / 9.0
    guard minLevel > 0, minLevel <= 1 else { throw .invalidSetting("--min-resource must be in (0, 1], got \(minLevel)") }
    if let t = trialTimeout, !(t > 0) { throw .invalidSetting("--trial-timeout must be positive, got \(t)") }
  }

  /// Runs (or resumes) the study on `dataset` until it holds ``trials`` finished trials.
  /// - Parameters:
  ///   - dataset: the data, cross-validated in every trial.
  ///   - datasetName: its name, in the default study name and the trials' `dataset` attribute.
  /// - Returns: the study's trials and where they are stored.
  /// - Throws: ``MetaProbeKitError`` for a bad setting; the storage's and the search's errors.
  ///   An error inside one trial is recorded on that trial (FAIL) and the run goes on.
  public func run(on dataset: Dataset, named datasetName: String) async throws -> Result {
    try validate()
    let pipeline = Pipeline(try LearnerCatalog.learner(named: learner))
    let kind = resourceKind ?? pipeline.learner.iterationKind ?? .dataFraction
    let validity = pipeline.learner.searchSpace
    let base = space == .tuning ? try TuningSpace.named(learner).learnerSpace() : validity
    let space = try SpaceRestriction.apply(to: base, within: validity, fixed: fixed, ranges: ranges)
    let resource = try Resource(kind, min: minResource ?? 1.0 / 9.0, max: 1, reductionFactor: reductionFactor)
    let levels = scheduler == .none ? [1.0] : resource.levels
    let name = studyName ?? "\(datasetName)-\(learner)"
    let store = try StudyStore.open(storageURL)
    let study = try await openStudy(name, space: space, resource: resource, levels: levels, store: store)
    let before = await study.finishedTrialCount
    progress("study \(name): \(before) of \(trials) trials finished; storage \(store.path)")
    let report = try await optimize(
      study, on: dataset, named: datasetName, pipeline: pipeline, kind: kind, resource: resource, levels: levels)
    progress("this run finished \(report.trials.count) trials; stop: \(report.stop.rawValue)")
    return Result(
      studyName: name, storagePath: store.path, trials: try await store.trials(studyName: name),
      finishedThisRun: report.trials.count, stop: report.stop)
  }

  /// Repairs a killed run's RUNNING trials, then opens (or creates) the study with its sampler and pruner.
  private func openStudy(
    _ name: String, space: SearchSpace, resource: Resource, levels: [Double], store: SQLiteStorage
  ) async throws -> Study {
    var stored: [Trial] = []
    if try await store.study(named: name) != nil {
      for s in try await store.failStaleTrials(studyName: name) {
        progress(
          "trial \(s.number) was left RUNNING by a stopped process: marked FAIL, re-enqueued as \(s.retryNumber.map(String.init) ?? "-")")
      }
      stored = try await store.trials(studyName: name)
    }
    let samplerSeed = stored.isEmpty ? seed : Self.mixSeed(seed, UInt64(stored.count))
    return try await Study(
      name: name, space: space, direction: .maximize,
      sampler: makeSampler(seed: samplerSeed, resource: resource), pruner: try makePruner(levels: levels),
      storage: store, loadIfExists: true)
  }

  /// The asynchronous schedulers' pruner; none for the others.
  private func makePruner(levels: [Double]) throws -> any Pruner {
    // A hair below the first level so floating-point rounding cannot miss a rung.
    let firstRung = levels[0] * (1 - 1e-9)
    switch scheduler {
    case .none, .sh, .bohb: return NopPruner()
    case .asha:
      return SuccessiveHalvingPruner(minResource: firstRung, reductionFactor: reductionFactor, minEarlyStoppingRate: 0)
    case .hyperband:
      return try HyperbandPruner(minResource: firstRung, maxResource: 1, reductionFactor: reductionFactor)
    }
  }

  private func makeSampler(seed: UInt64, resource: Resource) -> any Sampler {
    if scheduler == .bohb, let hyperband = try? Hyperband(resource, rounding: .hpBandSter) {
      return BOHBSampler(hyperband: hyperband, seed: seed)
    }
    switch sampler {
    case .random: return RandomSampler(seed: seed)
    case .grid: return GridSampler(pointsPerNumeric: 5, seed: self.seed)
    case .gp: return GPSampler(seed: seed)
    case .rf: return RandomForestSampler(seed: seed)
    case .tpe: return TPESampler(seed: seed)
    }
  }

  /// The trials: the cross-validation objective at each level, under the chosen scheduler.
  private func optimize(
    _ study: Study, on data: Dataset, named datasetName: String, pipeline: Pipeline, kind: Resource.Kind,
    resource: Resource, levels: [Double]
  ) async throws -> OptimizationReport {
    let attributes: [(String, AttributeValue)] = [
      ("dataset", .string(datasetName)), ("learner", .string(learner)),
      ("cv", .number(Double(folds))), ("seed", .number(Double(seed))), ("sampler", .string(sampler.rawValue)),
      ("scheduler", .string(scheduler.rawValue)), ("resource_kind", .string(kind.rawValue)),
      ("min_resource", .number(levels[0])), ("reduction_factor", .number(Double(reductionFactor))),
    ]
    let (folds, cvSeed, progress) = (folds, seed, progress)
    let timeout = trialTimeout.map { Duration.milliseconds(Int($0 * 1000)) }
    let callbacks: [TrialCallback] = [
      { _, t in
        let v = t.value.map { String(format: "%.6f", $0) } ?? "-"
        progress("trial \(t.number) \(t.state.rawValue) value \(v)\(t.failReason.map { " (\($0))" } ?? "")")
      }
    ]
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
    switch scheduler {
    case .sh, .bohb:
      let plan: BracketPlan =
        scheduler == .sh
        ? .successiveHalving(try SuccessiveHalving(resource))
        : .hyperband(try Hyperband(resource, rounding: .hpBandSter))
      return try await study.optimize(
        brackets: plan, trials: trials, jobs: jobs, trialTimeout: timeout, callbacks: callbacks,
        showProgress: false, evaluate: evaluate)
    case .none, .asha, .hyperband:
      return try await study.optimize(
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
  }

  /// A seed derived from `seed` and `salt` (SplitMix64 finaliser), for re-seeding on resume.
  static func mixSeed(_ seed: UInt64, _ salt: UInt64) -> UInt64 {
    var z = seed &+ salt &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
