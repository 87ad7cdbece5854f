import Experiments
import Linalg
import Search
import Testing

/// Levels 0.25/0.5/1 (η = 2); at every level a lower configuration number is better (maximised):
/// value(c, l) = 1 − 0.1·c − 0.01·(2 − l), so the true value of c is 1 − 0.1·c.
func orderedTable(_ n: Int) throws -> TabularTask {
  try TabularTask(
    records: tableRecords(configurations: n, levels: [0.25, 0.5, 1]) { c, l in 1 - 0.1 * Double(c) - 0.01 * Double(2 - l) })
}

func steps(_ trace: BenchmarkTrace) -> [(Int, Double, Double)] {
  trace.evaluations.map { ($0.configuration, $0.resource, $0.cost) }
}

@Test func successiveHalvingReproducesHandTrace() async throws {
  // Hand-made table with promotions that go against the final ranking: 4 configurations.
  let low: [Double] = [0.9, 0.8, 0.7, 0.6]  // at 0.25: promote 0 and 1
  let mid: [Double] = [0.7, 0.85, 0.5, 0.5]  // at 0.5: promote 1
  let top: [Double] = [0.5, 0.88, 0.95, 0.3]  // true values: best 0.95, median 0.69
  let task = try TabularTask(
    records: tableRecords(configurations: 4, levels: [0.25, 0.5, 1]) { c, l in [low, mid, top][l][c] })
  let method = HalvingMethod(.successiveHalving)
  #expect(method.eta(for: task.levels) == 2)
  #expect(
    try method.brackets(for: task) == [
      [
        Rung(configurations: 4, resource: 0.25), Rung(configurations: 2, resource: 0.5),
        Rung(configurations: 1, resource: 1),
      ]
    ])
  let trace = try await method.run(task: task, context: emptyContext("t"), budget: 10, seed: 5)
  var generator = SeededGenerator(seed: 5)
  let order = generator.permutation(4)
  // Rung 0: all four at 0.25 in draw order; rung 1: 0 then 1 (best first); rung 2: 1 at full resource.
  let expected: [(Int, Double, Double)] =
    order.enumerated().map { ($1, 0.25, 0.25 * Double($0 + 1)) }
    + [(0, 0.5, 1.5), (1, 0.5, 2.0), (1, 1.0, 3.0)]
  #expect(steps(trace).map { "\($0)" } == expected.map { "\($0)" })
  // Incumbent: 0 after rung 0 (0.9 at 0.25; true 0.5), then 1 (0.85 at 0.5; true 0.88).
  let curve = BenchmarkMetrics.regretCurve(of: trace, task: task, budget: 3)
  let scale = 0.95 - 0.69
  #expect(abs(curve[0] - (0.95 - 0.5) / scale) < 1e-9)
  #expect(abs(curve[1] - (0.95 - 0.88) / scale) < 1e-9)
  #expect(abs(curve[2] - (0.95 - 0.88) / scale) < 1e-9)
}

@Test func hyperbandReproducesHandTrace() async throws {
  // R/r = 4, η = 2: s_max = 2; brackets (Li et al.): s=2: n=⌈3·4/3⌉=4 → 4@0.25, 2@0.5, 1@1;
  // s=1: n=⌈3·2/2⌉=3 → 3@0.5, 1@1; s=0: n=3 → 3@1.
  let task = try orderedTable(8)
  let method = HalvingMethod(.hyperband)
  let rungs = try method.brackets(for: task)
  #expect(rungs.map { $0.map(\.configurations) } == [[4, 2, 1], [3, 1], [3]])
  #expect(rungs.map { $0.map(\.resource) } == [[0.25, 0.5, 1], [0.5, 1], [1]])
  let trace = try await method.run(task: task, context: emptyContext("t"), budget: 100, seed: 11)
  var generator = SeededGenerator(seed: 11)
  let p = generator.permutation(8)
  let a = Array(p[0..<4])
  let b = Array(p[4..<7])
  let aBest = a.sorted()
  // Bracket s=2: a at 0.25 (draw order), its two lowest numbers at 0.5, the lowest at 1 (cost 3).
  var expected: [(Int, Double)] = a.map { ($0, 0.25) } + [(aBest[0], 0.5), (aBest[1], 0.5), (aBest[0], 1)]
  // Bracket s=1: b at 0.5, its lowest at 1 (cost 2.5); bracket s=0: the last one left at 1 (cost 1).
  expected += b.map { ($0, 0.5) } + [(b.min() ?? -1, 1), (p[7], 1)]
  #expect(trace.evaluations.map { "\($0.configuration)@\($0.resource)" } == expected.map { "\($0.0)@\($0.1)" })
  #expect(trace.evaluations.last?.cost == 6.5)
  // A budget of 4 stops inside bracket s=1, before its full-resource rung would exceed it.
  let cut = try await method.run(task: task, context: emptyContext("t"), budget: 4, seed: 11)
  #expect(cut.evaluations.count == 7 + 2)
  #expect(cut.evaluations.last?.cost == 4)
}

@Test func halvingOnSingleLevelTableEvaluatesAtFullResource() async throws {
  let task = try TabularTask(records: tableRecords(configurations: 30, levels: [1]) { c, _ in Double(c) })
  for schedule in [HalvingMethod.Schedule.successiveHalving, .hyperband] {
    let trace = try await HalvingMethod(schedule).run(task: task, context: emptyContext("t"), budget: 7, seed: 1)
    #expect(trace.evaluations.count == 7)
    #expect(trace.evaluations.allSatisfy { $0.resource == 1 })
    #expect(Set(trace.evaluations.map(\.configuration)).count == 7)
  }
}
