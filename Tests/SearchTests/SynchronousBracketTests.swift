import Foundation
import Linalg
import Testing

@testable import Search

/// The synchronous bracket driver (`Study.optimize(brackets:…)`) with successive halving and
/// with BOHB, checked against rung sizes and promotions worked out by hand.
@Suite struct SynchronousBracketTests {
  /// Events of the evaluations, in the order they happened.
  actor Log {
    var events: [(start: Bool, number: Int, resource: Double)] = []
    func add(_ start: Bool, _ number: Int, _ resource: Double) { events.append((start, number, resource)) }
  }

  static func line() throws -> SearchSpace { try SearchSpace(.float("x", 0, 10)) }

  static func x(_ c: TrialContext) -> Double { c.params["x"]?.doubleValue ?? .nan }

  /// A study whose first trials evaluate the enqueued `xs` (trial numbers 0, 1, …).
  static func study(_ xs: [Double], sampler: any Sampler = RandomSampler(seed: 3)) async throws -> Study {
    let study = try await Study(space: try line(), direction: .minimize, sampler: sampler, pruner: NopPruner())
    for x in xs { try await study.enqueue(["x": .float(x)]) }
    return study
  }

  static func sh() throws -> BracketPlan {
    .successiveHalving(try SuccessiveHalving(minResource: 1.0 / 9, maxResource: 1))
  }

  /// 9 configurations, η = 3, resources 1/9, 1/3, 1. Values: x at 1/9 and 1, 10 − x at 1/3.
  /// Rung 0: x = 5 3 8 1 9 2 7 4 6 (numbers 0…8); the best ⌊9/3⌋ = 3 are #3 (1), #5 (2), #1 (3).
  /// Rung 1: #1 → 7, #3 → 9, #5 → 8; the best ⌊3/3⌋ = 1 is #1. Rung 2: #1 completes with 3.
  /// Trial 10 is a bracket cut to one configuration: it runs all three rungs and completes.
  @Test func successiveHalvingPromotesTheBestThirdOfEachCompletedRung() async throws {
    let study = try await Self.study([5, 3, 8, 1, 9, 2, 7, 4, 6])
    let log = Log()
    let report = try await study.optimize(brackets: try Self.sh(), trials: 10, jobs: 3, showProgress: false) {
      context, r in
      await log.add(true, context.number, r)
      try await Task.sleep(for: .milliseconds(5))
      await log.add(false, context.number, r)
      let x = Self.x(context)
      return r > 0.2 && r < 0.5 ? 10 - x : x
    }
    #expect(report.finishedTrialCount == 10)
    let trials = await study.trials
    #expect(trials.map(\.state) == [.pruned, .complete] + Array(repeating: .pruned, count: 7) + [.complete])
    #expect(trials[1].value == 3)
    #expect(trials[1].intermediateValues == [1.0 / 9: 3, 1.0 / 3: 7, 1: 3])
    #expect(trials[3].intermediateValues == [1.0 / 9: 1, 1.0 / 3: 9])
    #expect(trials[3].value == 9)  // PRUNED keeps its last intermediate value
    #expect(trials[5].intermediateValues.count == 2)
    for n in [0, 2, 4, 6, 7, 8] { #expect(trials[n].intermediateValues.count == 1, "trial \(n)") }
    #expect(trials[9].intermediateValues.count == 3)
    #expect(trials.map { $0.systemAttributes[Study.bracketIterationKey]?.number } == Array(repeating: 0, count: 9) + [1])

    // Synchronous: in the first bracket no rung-1 evaluation starts before every rung-0 one ended.
    let events = await log.events.filter { $0.number < 9 }
    let lastRung0End = try #require(events.lastIndex { !$0.start && $0.resource < 0.2 })
    let firstRung1Start = try #require(events.firstIndex { $0.start && $0.resource > 0.2 })
    #expect(lastRung0End < firstRung1Start)
    #expect(events.filter { $0.start && $0.resource < 0.2 }.count == 9)
  }

  /// Ties go to the lower trial number at every rung: x = 2 1 1 1 3 3 3 3 3 with a constant
  /// value at 1/3 promotes #1, #2, #3 from rung 0 and #1 from rung 1.
  @Test func tiesAreBrokenByTrialNumber() async throws {
    let study = try await Self.study([2, 1, 1, 1, 3, 3, 3, 3, 3])
    try await study.optimize(brackets: try Self.sh(), trials: 9, jobs: 1, showProgress: false) { context, r in
      r > 0.2 && r < 0.5 ? 0 : Self.x(context)
    }
    let trials = await study.trials
    #expect(trials.filter { $0.state == .complete }.map(\.number) == [1])
    #expect(trials.filter { $0.intermediateValues.count >= 2 }.map(\.number) == [1, 2, 3])
  }

  /// A failing evaluation is recorded FAIL with its reason and never promoted; the rung's size
  /// still counts it: 3 configurations at η = 3 promote ⌊3/3⌋ = 1, the best that did not fail.
  @Test func failuresAreRecordedAndNeverPromoted() async throws {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
    let plan = BracketPlan.successiveHalving(try SuccessiveHalving(minResource: 1.0 / 3, maxResource: 1))
    let study = try await Self.study([0, 5, 1])
    try await study.optimize(brackets: plan, trials: 3, jobs: 2, showProgress: false) { context, _ in
      if context.number == 0 { throw Boom() }
      return Self.x(context)
    }
    let trials = await study.trials
    #expect(trials.map(\.state) == [.fail, .pruned, .complete])
    #expect(trials[0].failReason == "boom")
    #expect(trials[2].value == 1)
  }

  /// The timeout covers all of a trial's rungs: 3 s per rung with a 5 s timeout passes rung 0
  /// and fails the promoted trial at rung 1, "timed out after 5 s". (Rung 0 leaves 2 s of
  /// slack for a loaded machine; the rung-1 failure is a deadline, so load cannot undo it.)
  @Test func trialTimeoutIsSummedOverRungs() async throws {
    let plan = BracketPlan.successiveHalving(try SuccessiveHalving(minResource: 1.0 / 3, maxResource: 1))
    let study = try await Self.study([0, 5, 1])
    try await study.optimize(
      brackets: plan, trials: 3, jobs: 3, trialTimeout: .seconds(5), showProgress: false
    ) { context, _ in
      try await Task.sleep(for: .seconds(3))
      return Self.x(context)
    }
    let trials = await study.trials
    #expect(trials.map(\.state) == [.fail, .pruned, .pruned])
    #expect(trials[0].failReason == "timed out after 5 s")
    #expect(trials[0].intermediateValues == [1.0 / 3: 0])
  }

  /// BOHB: Hyperband's brackets with HpBandSter's rounding for R = 9, η = 3 start 9, 3 and 3
  /// configurations (9 → 3 → 1 at 1/9, 1/3, 1; 3 → 1 at 1/3, 1; 3 at 1), so 15 trials end
  /// with 5 COMPLETE; the sampler then observes 9, 6 and 5 results at 1/9, 1/3 and 1, and its
  /// model is the one at 1 (d = 1: 5 results > 2 = d + 1).
  @Test func bohbRunsHpBandSterBracketsAndObservesEveryRung() async throws {
    let hyperband = try Hyperband(minResource: 1.0 / 9, maxResource: 1, rounding: .hpBandSter)
    let sampler = BOHBSampler(hyperband: hyperband, seed: 5)
    let study = try await Study(space: try Self.line(), direction: .minimize, sampler: sampler, pruner: NopPruner())
    try await study.optimize(brackets: .hyperband(hyperband), trials: 15, jobs: 2, showProgress: false) {
      context, r in
      let x = Self.x(context)
      return (x - 3) * (x - 3) + 1 / r
    }
    let trials = await study.trials
    let iterations = trials.compactMap { $0.systemAttributes[Study.bracketIterationKey]?.number }
    #expect(iterations == Array(repeating: 0, count: 9) + [1, 1, 1, 2, 2, 2])
    #expect(trials.filter { $0.state == .complete }.count == 5)
    #expect(trials[9..<12].allSatisfy { $0.intermediateValues.keys.min() == 1.0 / 3 })
    #expect(trials[12..<15].allSatisfy { $0.intermediateValues.keys.sorted() == [1] && $0.state == .complete })
    let model = sampler.model(space: try Self.line(), trials: trials, direction: .minimize, seed: 0)
    #expect(model.resultCounts == [1.0 / 9: 9, 1.0 / 3: 6, 1: 5])
    #expect(model.modelResource == 1)

    // Resumed on the same trials, the driver goes on with iteration 3 (bracket s = 2 again).
    try await study.optimize(brackets: .hyperband(hyperband), trials: 16, jobs: 1, showProgress: false) { _, r in
      1 / r
    }
    let last = try #require(await study.trials.last)
    #expect(last.systemAttributes[Study.bracketIterationKey]?.number == 3)
    #expect(last.systemAttributes[Study.bracketKey]?.number == 2)
  }
}
