import Foundation
import Linalg
import Search

extension MetaSuccessiveHalving {
  /// Runs the optimisation.
  ///
  /// Round 0 evaluates `numInitialConfigs` configurations at the smallest level: the prior
  /// meta-model's best predictions when there is a prior, random ones otherwise. Each later round
  /// trains a meta-model on the prior rows plus this task's observations, takes the best-scoring
  /// candidates (`mean + exploration · sd` at the largest level) and variations of the incumbents,
  /// and halves them across the levels (the top ⌊n/η⌋ by observed value move up; ties keep the
  /// earlier configuration). Only configurations already evaluated at the largest level are left
  /// out of later rounds: one seen at lower levels can enter again, and its observations there are
  /// reused, not bought again, so round 0's configurations can be promoted. A lone survivor goes
  /// straight to the largest level (the levels between would decide nothing). With a budget, a
  /// round whose bracket would not reach the largest level within it starts at a higher level
  /// with ⌊n/η⌋ entrants per level skipped (at the largest level: as many as fit), and the run
  /// stops when not one evaluation there fits. An evaluation that throws or returns a non-finite
  /// value is recorded as a failure with its reason and the run goes on.
  ///
  /// - Parameters:
  ///   - seed: seeds every random choice; the same seed and evaluator give the same trace.
  ///   - budget: a cap on the summed resource levels (full-evaluation equivalents); with it, rounds
  ///     continue past `numIterations` until the budget or the candidates run out.
  ///   - evaluate: trains and scores one configuration at a resource level.
  ///   - progress: called after every evaluation.
  /// - Throws: what the trainer throws (``MetaLearningError``).
  public func run(
    seed: UInt64, budget: Double? = nil,
    evaluate: (Configuration, Double) async throws -> Evaluation,
    progress: ((Progress) -> Void)? = nil
  ) async throws(MetaLearningError) -> Result {
    var state = MetaSuccessiveHalvingRun(run: self, seed: seed, budget: budget)
    try await state.explore(evaluate: evaluate, progress: progress)
    var round = 1
    while state.canContinue(round: round) {
      let entering = try state.chooseRound(round)
      if entering.isEmpty { break }
      let before = state.trace.count
      await state.halve(entering, round: round, evaluate: evaluate, progress: progress)
      if state.trace.count == before { break }
      round += 1
    }
    return state.result()
  }
}

/// The mutable bookkeeping of one run.
struct MetaSuccessiveHalvingRun {
  let run: MetaSuccessiveHalving
  let levels: [Double]
  let budget: Double?
  let clock = ContinuousClock.now
  var generator: SeededGenerator
  var trace: [MetaSuccessiveHalving.TraceEntry] = []
  var fitQuality: [Double] = []
  var spent = 0.0
  var evaluated: Set<Configuration> = []
  /// What each configuration gave at each level index it was evaluated at (nil: it failed).
  var observed: [Configuration: [Int: Double?]] = [:]
  /// Configurations evaluated (or failed) at the top level: never chosen again.
  var doneAtTop: Set<Configuration> = []
  var probesByConfig: [Configuration: [String: Double]] = [:]
  var probeNames: [String] = []
  var model: (any MetaModel)?
  var lastFit = Double.nan
  var exhausted = false
  /// The finite candidate set with its encodings, when there is one.
  let finite: [(config: Configuration, encoded: [Double])]

  init(run: MetaSuccessiveHalving, seed: UInt64, budget: Double?) {
    self.run = run
    levels = run.levels
    self.budget = budget
    generator = SeededGenerator(seed: seed)
    if case .finite(let set) = run.candidates {
      finite = set.map { ($0, run.space.encode($0)) }
    } else {
      finite = []
    }
  }

  var sign: Double { run.direction == .maximize ? 1 : -1 }

  func canContinue(round: Int) -> Bool {
    if exhausted { return false }
    if let budget { return spent + levels[0] <= budget + 1e-9 }
    return round <= run.settings.numIterations
  }

  // MARK: Round 0

  mutating func explore(
    evaluate: (Configuration, Double) async throws -> MetaSuccessiveHalving.Evaluation,
    progress: ((MetaSuccessiveHalving.Progress) -> Void)?
  ) async throws(MetaLearningError) {
    let n = run.settings.numInitialConfigs
    var initial: [Configuration]
    if run.initialModel != nil || run.prior != nil {
      if let given = run.initialModel { model = given } else { try train() }
      initial = Array(unique(run.warmStart).prefix(n / 2))
      var chosen = initial.map { run.space.encode($0) }
      for c in rankedCandidates(excluding: Set(initial)) where initial.count < n {
        let u = run.space.encode(c.config)
        let spaced = chosen.allSatisfy { v in
          zip(u, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } >= run.settings.initialSpacing * run.settings.initialSpacing
        }
        if spaced {
          initial.append(c.config)
          chosen.append(u)
        }
      }
    } else if !finite.isEmpty {
      initial = generator.sample(Swift.min(n, finite.count), from: finite.count).map { finite[$0].config }
    } else {
      initial = (0..<n).map { _ in run.space.sample(using: &generator) }
    }
    initial = unique(initial)
    for config in initial {
      let value = await step(config, level: 0, round: 0, evaluate: evaluate, progress: progress)
      if value == nil && exhausted { break }
    }
  }

  // MARK: Rounds

  mutating func chooseRound(_ round: Int) throws(MetaLearningError) -> [Configuration] {
    try train()
    let n = run.settings.numInitialConfigs
    let ranked = rankedCandidates(excluding: doneAtTop)
    var chosen: [Configuration] = []
    var taken = doneAtTop
    let top = (n + 1) / 2
    for c in ranked where chosen.count < top && !taken.contains(c.config) {
      chosen.append(c.config)
      taken.insert(c.config)
    }
    let spread = Statistics.standardDeviation(ranked.map(\.score), ddof: 0)
    let incumbents = incumbentList()
    var i = 0
    while chosen.count < n, !incumbents.isEmpty, i < 4 * n {
      if let v = variation(of: incumbents[i % incumbents.count], spread: spread, taken: taken) {
        chosen.append(v)
        taken.insert(v)
      }
      i += 1
    }
    for c in ranked where chosen.count < n && !taken.contains(c.config) {
      chosen.append(c.config)
      taken.insert(c.config)
    }
    return chosen
  }

  mutating func halve(
    _ entering: [Configuration], round: Int,
    evaluate: (Configuration, Double) async throws -> MetaSuccessiveHalving.Evaluation,
    progress: ((MetaSuccessiveHalving.Progress) -> Void)?
  ) async {
    guard let (start, count) = bracketStart(entering) else {
      exhausted = true
      return
    }
    var current = Array(entering.prefix(count))
    var level = start
    while true {
      var scored: [(config: Configuration, value: Double, order: Int)] = []
      for (order, config) in current.enumerated() {
        let value: Double?
        if let seen = observed[config]?[level] {
          value = seen
        } else {
          value = await step(config, level: level, round: round, evaluate: evaluate, progress: progress)
          if exhausted { return }
        }
        if let value { scored.append((config, value * sign, order)) }
      }
      guard level + 1 < levels.count else { return }
      let keep = Swift.max(1, current.count / run.settings.reductionFactor)
      scored.sort { $0.value != $1.value ? $0.value > $1.value : $0.order < $1.order }
      current = scored.prefix(keep).map(\.config)
      if current.isEmpty { return }
      // A lone survivor has nothing left to be compared with below the top: it goes straight there.
      level = current.count == 1 ? levels.count - 1 : level + 1
    }
  }

  /// The rung a round starts at and how many of `entering` take part: the full bracket from the
  /// smallest level when the budget allows it, else the lowest start whose bracket (the entering
  /// count divided by η per level skipped) still reaches the top level within the budget, else
  /// the top level itself with as many entrants (best first) as fit; nil when none fits.
  func bracketStart(_ entering: [Configuration]) -> (level: Int, count: Int)? {
    guard let budget else { return (0, entering.count) }
    let eta = run.settings.reductionFactor
    let left = budget - spent + 1e-9
    var n = entering.count
    for start in levels.indices.dropLast() {
      if cost(entering.prefix(n), from: start) <= left { return (start, n) }
      n = Swift.max(1, n / eta)
    }
    let atTop = Swift.min(entering.count, Int(left / levels[levels.count - 1]))
    return atTop >= 1 ? (levels.count - 1, atTop) : nil
  }

  /// The most a bracket of `configs` from level `start` can cost: the unobserved entrants at the
  /// first rung, then every survivor at each later rung (a lone survivor only at the top).
  func cost(_ configs: ArraySlice<Configuration>, from start: Int) -> Double {
    var total = Double(configs.filter { observed[$0]?[start] == nil }.count) * levels[start]
    var n = configs.count
    var level = start
    while level + 1 < levels.count {
      n = Swift.max(1, n / run.settings.reductionFactor)
      level = n == 1 ? levels.count - 1 : level + 1
      total += Double(n) * levels[level]
    }
    return total
  }

  // MARK: One evaluation

  /// Evaluates `config` at `levels[level]`; returns the value in the objective's direction, or
  /// `nil` for a failure or when the budget does not allow it (then `exhausted` is set).
  mutating func step(
    _ config: Configuration, level: Int, round: Int,
    evaluate: (Configuration, Double) async throws -> MetaSuccessiveHalving.Evaluation,
    progress: ((MetaSuccessiveHalving.Progress) -> Void)?
  ) async -> Double? {
    let r = levels[level]
    if let budget, spent + r > budget + 1e-9 {
      exhausted = true
      return nil
    }
    let predicted = model.flatMap { m in
      try? m.predict(Matrix(rows: 1, columns: width, storage: row(config, resource: r))).first.map { $0.mean * sign }
    }
    spent += r
    evaluated.insert(config)
    var value: Double?
    var failure: String?
    do {
      let e = try await evaluate(config, r)
      if e.value.isFinite {
        value = e.value
        if level == 0, run.settings.measureFlatness, !e.probes.isEmpty {
          probesByConfig[config] = e.probes
          if model == nil || probeNames.isEmpty { probeNames = Array(Set(probeNames).union(e.probes.keys)).sorted() }
        }
      } else {
        failure = "value is \(e.value)"
      }
    } catch {
      failure = "\(error)"
    }
    observed[config, default: [:]][level] = .some(value)
    if level == levels.count - 1 { doneAtTop.insert(config) }
    let elapsed = (ContinuousClock.now - clock) / .seconds(1)
    trace.append(
      .init(
        iteration: round, configuration: config, resource: r, value: value, failure: failure,
        cumulativeResource: spent, elapsed: elapsed, predicted: predicted))
    progress?(
      .init(
        iteration: round, configurations: evaluated.count, resource: r, elapsed: elapsed, fitQuality: lastFit,
        best: incumbent()?.value))
    return value
  }
}
