import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct StudyTests {
  static func space() throws -> SearchSpace {
    try SearchSpace(.float("x", -5, 5), .int("n", 1, 10))
  }

  static func study(
    _ direction: StudyDirection = .minimize, storage: any StudyStorage = InMemoryStorage()
  ) async throws -> Study {
    try await Study(
      name: "s", space: space(), direction: direction, sampler: RandomSampler(seed: 1),
      pruner: NopPruner(), storage: storage)
  }
}

// MARK: - Ask and tell

extension StudyTests {
  @Test func askCreatesRunningTrialsNumberedFromZero() async throws {
    let study = try await Self.study()
    let a = try await study.ask()
    let b = try await study.ask()
    #expect(a.number == 0 && b.number == 1)
    #expect(a.state == .running && a.startDate != nil)
    try Self.space().validate(a.params)
  }

  @Test func tellCompletesAndRejectsSecondTell() async throws {
    let study = try await Self.study()
    let t = try await study.ask()
    let done = try await study.tell(t.number, value: 1.5)
    #expect(done.state == .complete && done.values == [1.5] && done.completeDate != nil)
    await #expect(throws: SearchError.trialFinished(number: 0, state: .complete)) {
      try await study.tell(t.number, value: 2)
    }
    await #expect(throws: SearchError.unknownTrial(9)) { try await study.tell(9, value: 2) }
  }

  @Test func concurrentTellsOfOneTrialFinishItOnce() async throws {
    let study = try await Self.study()
    let t = try await study.ask()
    let outcomes = await withTaskGroup(of: Bool.self) { group in
      for v in [1.0, 2.0, 3.0] {
        group.addTask { (try? await study.tell(t.number, value: v)) != nil }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(outcomes.filter { $0 }.count == 1)
    #expect(try await study.trial(t.number).state == .complete)
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteValueFailsTheTrialWithReason(value: Double) async throws {
    let study = try await Self.study()
    let t = try await study.ask()
    let done = try await study.tell(t.number, value: value)
    #expect(done.state == .fail)
    #expect(done.values.isEmpty)
    #expect(done.failReason?.contains("not finite") == true)
  }

  @Test func prunedTrialKeepsLastIntermediateValue() async throws {
    let study = try await Self.study()
    let t = try await study.ask()
    try await study.report(number: t.number, value: 0.9, resource: 1)
    try await study.report(number: t.number, value: 0.7, resource: 2)
    try await study.report(number: t.number, value: 0.1, resource: 2)  // ignored: already reported
    let done = try await study.tell(t.number, state: .pruned)
    #expect(done.state == .pruned && done.values == [0.7])
    #expect(done.intermediateValues == [1: 0.9, 2: 0.7])
  }

  @Test func enqueuedTrialsAreAskedFirstInOrder() async throws {
    let study = try await Self.study()
    let first: Configuration = ["x": .float(1), "n": .int(2)]
    let second: Configuration = ["n": .int(3), "x": .float(-1)]
    try await study.enqueue(first)
    try await study.enqueue(second)
    #expect(await study.trials.map(\.state) == [.waiting, .waiting])
    let a = try await study.ask()
    let b = try await study.ask()
    let c = try await study.ask()
    #expect(a.params == first && a.number == 0 && a.state == .running)
    #expect(b.params == second && b.number == 1)
    #expect(b.params.names == ["x", "n"])
    #expect(c.number == 2)
    await #expect(throws: SearchError.outOfRange(parameter: "x", value: "9.0")) {
      try await study.enqueue(["x": .float(9), "n": .int(1)])
    }
  }

  @Test(arguments: [StudyDirection.minimize, .maximize])
  func bestTrialFollowsDirectionAndBreaksTiesByNumber(direction: StudyDirection) async throws {
    let study = try await Self.study(direction)
    for v in [3.0, 1.0, 5.0, 1.0, 5.0] {
      let t = try await study.ask()
      try await study.tell(t.number, value: v)
    }
    let failed = try await study.ask()
    try await study.tell(failed.number, value: .nan)
    let best = try #require(await study.bestTrial)
    #expect(best.number == (direction == .minimize ? 1 : 2))
  }

  @Test func addTrialImportsFinishedTrials() async throws {
    let study = try await Self.study()
    let imported = try await study.addTrial(
      Trial(number: 42, state: .complete, params: ["n": .int(4), "x": .float(0.5)], values: [0.25]))
    #expect(imported.number == 0)
    #expect(imported.params.names == ["x", "n"])
    #expect(await study.bestTrial?.value == 0.25)
    await #expect(throws: SearchError.self) {
      try await study.addTrial(Trial(state: .running, params: ["x": .float(0), "n": .int(1)]))
    }
    await #expect(throws: SearchError.valueCount(number: 0, expected: 1, got: 2)) {
      try await study.addTrial(
        Trial(state: .complete, params: ["x": .float(0), "n": .int(1)], values: [1, 2]))
    }
  }

  @Test func everyChangeIsWrittenToStorageAndAStudyResumes() async throws {
    let storage = InMemoryStorage()
    let study = try await Self.study(storage: storage)
    let t = try await study.ask()
    try await study.report(number: t.number, value: 2, resource: 1)
    try await study.setUserAttribute(number: t.number, key: "fold", value: .number(3))
    try await study.tell(t.number, value: 1)
    try await study.enqueue(["x": .float(0), "n": .int(5)])
    let stored = try await storage.trials(studyID: study.id)
    #expect(stored == (await study.trials))
    #expect(stored[0].userAttributes["fold"] == .number(3))
    #expect(stored[0].intermediateValues == [1: 2])
    await #expect(throws: SearchError.study(name: "s", reason: "already exists")) {
      try await Self.study(storage: storage)
    }
    let resumed = try await Study(
      name: "s", space: Self.space(), sampler: RandomSampler(seed: 1), storage: storage,
      loadIfExists: true)
    #expect(await resumed.trials.count == 2)
    let next = try await resumed.ask()
    #expect(next.number == 1 && next.params["n"] == .int(5))
    let names = await storage.studies().map(\.name)
    #expect(names == ["s"])
  }

  @Test func optimizeRecordsObjectiveErrorsAsFailures() async throws {
    struct Boom: Error {}
    let study = try await Self.study()
    let done = try await study.optimize(trials: 6) { c in
      guard let n = c["n"], case .int(let k) = n, k % 2 == 0 else { throw Boom() }
      return Double(k)
    }
    #expect(done.count == 6)
    #expect(
      done.allSatisfy { $0.state == .complete || ($0.state == .fail && $0.failReason != nil) })
  }
}

// MARK: - Concurrency

extension StudyTests {
  @Test func concurrentWorkersGetDistinctTrialsAndLoseNone() async throws {
    let study = try await Study(space: Self.space(), sampler: TPESampler(seed: 4, startupTrials: 5))
    try await study.enqueue(["x": .float(0), "n": .int(1)])
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<4 {
        group.addTask {
          for _ in 0..<10 {
            let t = try await study.ask()
            let x = t.params["x"]?.doubleValue ?? 0
            try await study.tell(t.number, value: x * x)
          }
        }
      }
      try await group.waitForAll()
    }
    let trials = await study.trials
    #expect(trials.map(\.number) == Array(0..<40))
    #expect(trials.allSatisfy { $0.state == .complete })
    #expect(trials[0].params == ["x": .float(0), "n": .int(1)])
  }
}

// MARK: - Multi-objective

extension StudyTests {
  @Test func paretoFrontOfHandMadePoints() async throws {
    let study = try await Study(
      space: Self.space(), directions: [.minimize, .maximize], sampler: RandomSampler(seed: 3))
    // (loss, accuracy): trial 1 is dominated by 0, 3 by 2, 4 equals 0.
    let points: [[Double]] = [
      [1, 0.9], [2, 0.8], [0.5, 0.7], [0.6, 0.6], [1, 0.9], [3, 0.95],
    ]
    for p in points {
      let t = try await study.ask()
      try await study.tell(t.number, values: p)
    }
    #expect(await study.paretoFront().map(\.number) == [0, 2, 4, 5])
    await #expect(
      throws: SearchError.unsupported("report is not defined for multi-objective studies")
    ) {
      try await study.report(number: 0, value: 1, resource: 1)
    }
    #expect(await study.bestTrial == nil)
    // In loss space: (1,−.9), (.5,−.7), (3,−.95) against reference (4, −0.5):
    // sorted by first objective: (.5,−.7): 3.5·0.2 = 0.7; (1,−.9): 3·0.2 = 0.6; (3,−.95): 1·0.05 = 0.05.
    let hv = try await study.hypervolume(reference: [4, 0.5])
    #expect(abs(hv - 1.35) < 1e-12)
  }

  @Test func nondominatedSortFindsSuccessiveFronts() {
    let points: [[Double]] = [[1, 4], [2, 2], [4, 1], [3, 3], [2, 5], [5, 5], [4, 1]]
    #expect(Pareto.nondominatedFronts(points) == [[0, 1, 2, 6], [3, 4], [5]])
    #expect(Pareto.ranks(points) == [0, 0, 0, 1, 1, 2, 0])
  }

  @Test func hypervolumeTwoDimensionsByHand() {
    // Staircase of (1,3), (2,2), (3,1) under reference (4,4): 3·1 + 2·1 + 1·1 + … = 6.
    #expect(Hypervolume.compute([[1, 3], [2, 2], [3, 1]], reference: [4, 4]) == 6)
    // A dominated point and one outside the reference add nothing.
    #expect(
      Hypervolume.compute([[1, 3], [2, 2], [3, 1], [3, 3], [5, 0]], reference: [4, 4]) == 6)
    #expect(Hypervolume.compute([], reference: [1, 1]) == 0)
  }

  /// Inclusion–exclusion: Σ over non-empty subsets S of (−1)^(|S|+1)·vol([max S, reference]).
  static func inclusionExclusion(_ points: [[Double]], _ reference: [Double]) -> Double {
    var total = 0.0
    for mask in 1..<(1 << points.count) {
      let members = points.indices.filter { mask & (1 << $0) != 0 }
      let corner = reference.indices.map { d in members.map { points[$0][d] }.max() ?? 0 }
      let volume = zip(corner, reference).reduce(1.0) { $0 * Swift.max($1.1 - $1.0, 0) }
      total += (members.count % 2 == 1 ? 1 : -1) * volume
    }
    return total
  }

  @Test(arguments: [2, 3, 4])
  func hypervolumeAgreesWithInclusionExclusion(dimension: Int) {
    var g = SeededGenerator(seed: UInt64(dimension))
    for _ in 0..<20 {
      let n = 1 + g.integer(below: 8)
      let points = (0..<n).map { _ in (0..<dimension).map { _ in g.uniform() } }
      let reference = [Double](repeating: 1.1, count: dimension)
      let hv = Hypervolume.compute(points, reference: reference)
      #expect(abs(hv - Self.inclusionExclusion(points, reference)) < 1e-12)
    }
  }

  @Test func multiObjectiveTPEProposesValidConfigurations() async throws {
    let study = try await Study(
      space: Self.space(), directions: [.minimize, .minimize], sampler: TPESampler(seed: 2))
    for _ in 0..<25 {
      let t = try await study.ask()
      let x = t.params["x"]?.doubleValue ?? 0
      try await study.tell(t.number, values: [x * x, (x - 2) * (x - 2)])
    }
    let front = await study.paretoFront()
    #expect(!front.isEmpty)
    for t in front { #expect((t.params["x"]?.doubleValue ?? -9) >= -5) }
  }

  @Test func hypervolumeThreeDimensionsByHand() {
    // One box: 2·3·4.
    #expect(Hypervolume.compute([[0, 0, 0]], reference: [2, 3, 4]) == 24)
    // Two boxes [0,2]×[0,1]×[0,2] and [0,1]×[0,2]×[0,2] (reference 2,2,2): 4 + 4 − overlap 2 = 6.
    #expect(Hypervolume.compute([[0, 1, 0], [1, 0, 0]], reference: [2, 2, 2]) == 6)
    // (1,0,0),(0,1,0),(0,0,1) under (2,2,2): inclusion–exclusion 3·4 − 3·2 + 1 = 7.
    #expect(Hypervolume.compute([[1, 0, 0], [0, 1, 0], [0, 0, 1]], reference: [2, 2, 2]) == 7)
    // Four dimensions: unit-cube corners (1,0,0,0)… under (2,2,2,2): 4·8 − 6·4 + 4·2 − 1 = 15.
    let e4: [[Double]] = (0..<4).map { i in (0..<4).map { $0 == i ? 1 : 0 } }
    #expect(Hypervolume.compute(e4, reference: [2, 2, 2, 2]) == 15)
  }
}
