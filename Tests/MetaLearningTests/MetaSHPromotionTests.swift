import Linalg
import Search
import Testing

@testable import MetaLearning

/// Knows the objective: predicts f at the encoded configuration (the columns after one task feature).
private struct Oracle: MetaModel {
  let f: @Sendable ([Double]) -> Double
  func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction] {
    (0..<rows.rows).map { i in ScorePrediction(mean: f(Array(rows.row(i)[1..<3])), sd: 0.01) }
  }
}

private let space = try! SearchSpace([Parameter.float("x", 0, 1), Parameter.float("y", 0, 1)])

@Sendable private func objective(_ u: [Double]) -> Double {
  -((u[0] - 0.3) * (u[0] - 0.3) + (u[1] - 0.7) * (u[1] - 0.7))
}

private func fourLevelRun(candidates: MetaSuccessiveHalving.Candidates = .space) throws -> MetaSuccessiveHalving {
  var settings = MetaSuccessiveHalving.Settings()
  settings.maxResource = 1
  return try MetaSuccessiveHalving(
    settings: settings, space: space, direction: .maximize, taskFeatures: [1], prior: nil, candidates: candidates,
    trainer: { _, _ in Oracle(f: objective) })
}

@Test func metaSHSendsALoneSurvivorStraightToTheTopLevel() async throws {
  let run = try fourLevelRun()
  #expect(run.levels == [0.125, 0.25, 0.5, 1])
  let result = try await run.run(seed: 5) { c, r in .init(value: objective(space.encode(c)) * r) }
  // Each round: 6 at 0.125, the best 3 at 0.25, the best of those alone at 1 (0.5 would only
  // confirm a promotion already decided): 0.75 + 0.75 + 1 = 2.5 per round, 0.75 for round 0.
  for round in 1...3 {
    let entries = result.trace.filter { $0.iteration == round }
    #expect(entries.map(\.resource) == Array(repeating: 0.125, count: 6) + Array(repeating: 0.25, count: 3) + [1])
    let atQuarter = entries.filter { $0.resource == 0.25 }.max { $0.value! < $1.value! }
    #expect(entries.last?.configuration == atQuarter?.configuration)
  }
  #expect(abs((result.trace.last?.cumulativeResource ?? 0) - (0.75 + 3 * 2.5)) < 1e-12)
  #expect(result.bestResource == 1)
}

@Test func metaSHReusesObservationsAndPromotesEarlierConfigurations() async throws {
  // A finite set of 9 configurations: later rounds must pick among the ones seen at lower levels.
  let grid = space.grid(pointsPerNumeric: 3)
  let run = try fourLevelRun(candidates: .finite(grid))
  var calls: [Configuration: Int] = [:]
  let result = try await run.run(seed: 2) { c, r in
    calls[c, default: 0] += 1
    return .init(value: objective(space.encode(c)) + r)
  }
  // No configuration is evaluated twice at a level: an observation is reused, never re-bought.
  var pairs = Set<String>()
  for e in result.trace { #expect(pairs.insert("\(e.configuration)@\(e.resource)").inserted) }
  // Some configuration first seen in round 0 at the smallest level is carried to the top later.
  let roundZero = Set(result.trace.filter { $0.iteration == 0 }.map(\.configuration))
  #expect(result.trace.contains { $0.iteration > 0 && $0.resource == 1 && roundZero.contains($0.configuration) })
  // The grid's optimum (0.5, 0.5 is nearest to 0.3, 0.7 among 0, 0.5, 1) is found at the top level.
  #expect(result.bestResource == 1)
  #expect(result.best.map { space.encode($0) } == [0.5, 0.5])
}

@Test func metaSHShortensTheLastBracketToReachTheTopWithinTheBudget() async throws {
  let run = try fourLevelRun(candidates: .finite(space.grid(pointsPerNumeric: 11)))
  let result = try await run.run(seed: 4, budget: 4) { c, r in .init(value: objective(space.encode(c)) * r) }
  let spent = try #require(result.trace.last).cumulativeResource
  #expect(spent <= 4 + 1e-9)
  // Whatever is left after the last bracket that reaches the top is not spent on evaluations at
  // lower levels that could never reach it: the run ends with an evaluation at the top level.
  #expect(result.trace.last?.resource == 1)
  #expect(result.trace.filter { $0.resource == 1 }.count >= 1)
  // With 1.75 left (budget 5), the last round buys nothing at 0.125: a bracket from there costs
  // at least 0.75 + 1 besides, so it either reuses every 0.125 observation or starts higher.
  let longer = try await run.run(seed: 4, budget: 5) { c, r in .init(value: objective(space.encode(c)) * r) }
  let last = longer.trace.filter { $0.iteration == 2 }
  #expect(!last.isEmpty && last.allSatisfy { $0.resource > 0.125 })
  #expect(longer.trace.last?.resource == 1)
  #expect((longer.trace.last?.cumulativeResource ?? 9) <= 5 + 1e-9)
}
