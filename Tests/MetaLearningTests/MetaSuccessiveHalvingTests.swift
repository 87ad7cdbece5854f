import Linalg
import Search
import Testing

@testable import MetaLearning

/// A meta-model that knows the objective: it predicts f at the encoded configuration (columns after
/// the task features), so the tests check the control flow of meta-SH, not a model's quality.
private struct OracleModel: MetaModel {
  let taskWidth: Int
  let f: @Sendable ([Double]) -> Double
  func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction] {
    (0..<rows.rows).map { i in
      let r = rows.row(i)
      return ScorePrediction(mean: f(Array(r[taskWidth..<(taskWidth + 2)])), sd: 0.01)
    }
  }
}

private let space = try! SearchSpace([Parameter.float("x", 0, 1), Parameter.float("y", 0, 1)])

/// Larger is better; optimum at (0.3, 0.7); the resource scales the value so lower levels rank the same.
@Sendable private func objective(_ u: [Double]) -> Double {
  -((u[0] - 0.3) * (u[0] - 0.3) + (u[1] - 0.7) * (u[1] - 0.7))
}

private func makeRun(prior: MetaDataset?, settings: MetaSuccessiveHalving.Settings = .init(), candidates: MetaSuccessiveHalving.Candidates = .space) throws
  -> MetaSuccessiveHalving
{
  try MetaSuccessiveHalving(
    settings: settings, space: space, direction: .maximize, taskFeatures: [1], prior: prior, candidates: candidates,
    trainer: { _, _ in OracleModel(taskWidth: 1, f: objective) })
}

@Test func metaSHLevelsFollowHyperbandCountdown() {
  #expect(MetaSuccessiveHalving.levels(min: 0.1, max: 0.5, reductionFactor: 2) == [0.125, 0.25, 0.5])
  #expect(MetaSuccessiveHalving.levels(min: 1, max: 1, reductionFactor: 2) == [1])
  #expect(MetaSuccessiveHalving.levels(min: 1.0 / 27, max: 1, reductionFactor: 3).count == 4)
}

@Test func metaSHRungSizesAndSpendMatchHandCount() async throws {
  let run = try makeRun(prior: nil)
  let result = try await run.run(seed: 7) { config, r in
    .init(value: objective(space.encode(config)) * r)
  }
  // Round 0: 6 at 0.125. Rounds 1-3: 6 at 0.125, 3 at 0.25, 1 at 0.5.
  #expect(result.trace.count == 6 + 3 * 10)
  let spent = try #require(result.trace.last).cumulativeResource
  #expect(abs(spent - 6.75) < 1e-12)
  for round in 1...3 {
    let entries = result.trace.filter { $0.iteration == round }
    #expect(entries.filter { $0.resource == 0.125 }.count == 6)
    #expect(entries.filter { $0.resource == 0.25 }.count == 3)
    #expect(entries.filter { $0.resource == 0.5 }.count == 1)
    // The three promoted are the best three of the six at 0.125.
    let low = entries.filter { $0.resource == 0.125 }.sorted { $0.value! > $1.value! }
    let promoted = Set(entries.filter { $0.resource == 0.25 }.map(\.configuration))
    #expect(promoted == Set(low.prefix(3).map(\.configuration)))
  }
  #expect(result.bestResource == 0.5)
  #expect(result.fitQuality.count == 3)
}

@Test func metaSHWithOracleFindsOptimumAndIsSeeded() async throws {
  let run = try makeRun(prior: nil)
  let eval: (Configuration, Double) async throws -> MetaSuccessiveHalving.Evaluation = { c, r in
    .init(value: objective(space.encode(c)) * r)
  }
  let a = try await run.run(seed: 3, evaluate: eval)
  let b = try await run.run(seed: 3, evaluate: eval)
  #expect(a.trace.map(\.configuration) == b.trace.map(\.configuration))
  let best = space.encode(try #require(a.best))
  // Random search with 36 draws is typically ~0.05 away; the oracle-led rounds get far closer.
  #expect(abs(best[0] - 0.3) < 0.03 && abs(best[1] - 0.7) < 0.03)
}

@Test func metaSHRecordsFailuresAndRespectsBudget() async throws {
  var settings = MetaSuccessiveHalving.Settings()
  settings.minResource = 1
  settings.maxResource = 1
  let grid = space.grid(pointsPerNumeric: 11)
  let run = try makeRun(prior: nil, settings: settings, candidates: .finite(grid))
  struct Boom: Error {}
  var calls = 0
  let result = try await run.run(seed: 1, budget: 10) { c, _ in
    calls += 1
    if calls == 2 { throw Boom() }
    if calls == 3 { return MetaSuccessiveHalving.Evaluation(value: .nan) }
    return MetaSuccessiveHalving.Evaluation(value: objective(space.encode(c)))
  }
  #expect(result.trace.count == 10)
  #expect(result.trace[1].failure != nil && result.trace[1].value == nil)
  #expect(result.trace[2].failure == "value is nan")
  let distinct = Set(result.trace.map { $0.configuration })
  #expect(distinct.count == 10)
  #expect(result.trace.allSatisfy { grid.contains($0.configuration) })
  #expect(result.trace.last?.cumulativeResource == 10)
  // On the grid the optimum (0.3, 0.7) is a member; the oracle-led rounds reach it.
  #expect(result.bestValue == 0)
}

@Test func metaSHRejectsBadSettingsAndPriorWidth() throws {
  var s = MetaSuccessiveHalving.Settings()
  s.reductionFactor = 1
  #expect(throws: MetaLearningError.self) { _ = try makeRun(prior: nil, settings: s) }
  let prior = try MetaDataset(featureNames: ["a", "b"], x: Matrix([[1, 2]]), y: [1], tasks: ["t"])
  #expect(throws: MetaLearningError.self) { _ = try makeRun(prior: prior) }
}

@Test func metaSHUsesTheGivenInitialModelAndWarmStartForRoundZero() async throws {
  // The initial model prefers configurations near (0.9, 0.1); round 0 must evaluate those.
  let biased = OracleModel(taskWidth: 1) { u in -((u[0] - 0.9) * (u[0] - 0.9) + (u[1] - 0.1) * (u[1] - 0.1)) }
  var settings = MetaSuccessiveHalving.Settings()
  settings.initialSpacing = 0
  let dense = try MetaSuccessiveHalving(
    settings: settings, space: space, direction: .maximize, taskFeatures: [1], prior: nil, initialModel: biased,
    trainer: { _, _ in OracleModel(taskWidth: 1, f: objective) })
  let eval: (Configuration, Double) async throws -> MetaSuccessiveHalving.Evaluation = { c, r in
    .init(value: objective(space.encode(c)) * r)
  }
  let a = try await dense.run(seed: 2, evaluate: eval).trace.filter { $0.iteration == 0 }.map { space.encode($0.configuration) }
  #expect(a.count == 6)
  #expect(a.allSatisfy { abs($0[0] - 0.9) < 0.15 && abs($0[1] - 0.1) < 0.15 })
  // With the default spacing the picks are at least 0.25 apart; a warm start fills the first half.
  let warm: [Configuration] = [["x": .float(0.3), "y": .float(0.7)], ["x": .float(0.5), "y": .float(0.5)]]
  let spaced = try MetaSuccessiveHalving(
    space: space, direction: .maximize, taskFeatures: [1], prior: nil, warmStart: warm, initialModel: biased,
    trainer: { _, _ in OracleModel(taskWidth: 1, f: objective) })
  let trace = try await spaced.run(seed: 2, evaluate: eval).trace.filter { $0.iteration == 0 }
  #expect(Array(trace.prefix(3).map(\.configuration)) == warm + [trace[2].configuration])
  let b = trace.map { space.encode($0.configuration) }
  #expect(b.count == 6)
  for i in b.indices {
    for j in b.indices where i < j {
      #expect(((b[i][0] - b[j][0]) * (b[i][0] - b[j][0]) + (b[i][1] - b[j][1]) * (b[i][1] - b[j][1])).squareRoot() >= 0.25)
    }
  }
}

@Test func metaDatasetSubsampleKeepsAtMostRowsPerTaskInOrder() throws {
  let x = Matrix<Double>((0..<7).map { [Double($0)] })
  let data = try MetaDataset(featureNames: ["i"], x: x, y: (0..<7).map(Double.init), tasks: ["a", "a", "a", "a", "b", "b", "c"])
  let s = try data.subsample(rowsPerTask: 2, seed: 1)
  #expect(s.tasks.filter { $0 == "a" }.count == 2)
  #expect(s.tasks.filter { $0 == "b" }.count == 2)
  #expect(s.tasks.filter { $0 == "c" }.count == 1)
  #expect(s.y == s.y.sorted())
  #expect((0..<s.x.rows).allSatisfy { s.x[$0, 0] == s.y[$0] })
  #expect(throws: MetaLearningError.self) { _ = try data.subsample(rowsPerTask: 0, seed: 1) }
}
