import Foundation
import GRDB
import Linalg
import Search
import Testing

@testable import Storage

@Suite struct SQLiteStorageTests {
  @Test func everyTrialFieldRoundTripsThroughSQLite() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("s.db").path
    let storage = try SQLiteStorage(path: path)
    let s = try await storage.createStudy(name: "round", directions: [.minimize, .maximize])
    let start = Date(timeIntervalSince1970: 1_767_268_800.123456)
    let full = Trial(
      state: .complete,
      params: ["x": .float(-1.25), "layers": .int(3), "activation": .categorical("a,\"b\"")],
      values: [0.5, -.infinity], intermediateValues: [1: 0.9, 0.25: .nan, 3: .infinity],
      userAttributes: [
        "fold": .number(2), "note": .string("ünïcode, \"quoted\""), "ok": .bool(true),
        "list": .array([.number(1), .string("a"), .bool(false)]),
      ],
      systemAttributes: ["completed_rung_0": .number(0.75)], startDate: start,
      completeDate: start.addingTimeInterval(1.5), failReason: nil)
    let failed = Trial(
      state: .fail, params: ["x": .float(1e-300)], startDate: start,
      completeDate: start.addingTimeInterval(0.000001), failReason: "boom: line 1\nline 2")
    let waiting = Trial(state: .waiting, params: [:])
    for t in [full, failed, waiting] { _ = try await storage.createTrial(studyID: s.id, t) }
    // A second instance reads the file anew.
    let reopened = try SQLiteStorage(path: path)
    let back = try await reopened.trials(studyID: s.id)
    #expect(back.count == 3)
    #expect(back.map(\.number) == [0, 1, 2])
    var expected = [full, failed, waiting]
    for i in expected.indices { expected[i].number = i }
    for (a, b) in zip(back, expected) {
      // NaN never equals itself, so intermediate values are compared by bit pattern.
      var x = a
      var y = b
      #expect(
        x.intermediateValues.mapValues(\.bitPattern) == y.intermediateValues.mapValues(\.bitPattern))
      x.intermediateValues = [:]
      y.intermediateValues = [:]
      #expect(sameTrial(x, y), "trial \(a.number): \(a) != \(b)")
    }
    #expect(try await reopened.studies() == [s])
  }

  @Test func stateChangesAreWrittenAsTheyHappen() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("s.db").path
    let storage = try SQLiteStorage(path: path)
    let study = try await Study(
      name: "w", space: mixedSpace(), sampler: RandomSampler(seed: 3), pruner: NopPruner(),
      storage: storage)
    let t = try await study.ask()
    try await study.report(number: t.number, value: 2.5, resource: 1)
    try await study.setUserAttribute(number: t.number, key: "k", value: .string("v"))
    // Another connection sees each change before the trial finishes.
    let other = try SQLiteStorage(path: path)
    let seen = try await other.trials(studyName: "w")
    #expect(seen.count == 1 && seen[0].state == .running)
    #expect(seen[0].params == t.params && seen[0].intermediateValues == [1: 2.5])
    #expect(seen[0].userAttributes == ["k": .string("v")])
    try await study.tell(t.number, value: 1)
    #expect(try await other.trials(studyName: "w")[0].values == [1])
    #expect(try await other.searchSpace(studyName: "w") == mixedSpace())
  }

  @Test func finishedTrialsCannotChangeAndWaitingTrialsAreClaimedOnce() async throws {
    let storage = try SQLiteStorage.inMemory()
    let s = try await storage.createStudy(name: "cas", directions: [.minimize])
    let w = try await storage.createTrial(studyID: s.id, Trial(state: .waiting, params: [:]))
    try await storage.setTrialState(
      studyID: s.id, number: w.number, state: .running, values: [], date: Date(), failReason: nil)
    await #expect(throws: SearchError.storage("trial 0 was already claimed by another worker")) {
      try await storage.setTrialState(
        studyID: s.id, number: w.number, state: .running, values: [], date: Date(),
        failReason: nil)
    }
    try await storage.setTrialState(
      studyID: s.id, number: w.number, state: .complete, values: [1], date: Date(),
      failReason: nil)
    await #expect(throws: SearchError.trialFinished(number: 0, state: .complete)) {
      try await storage.setTrialState(
        studyID: s.id, number: w.number, state: .fail, values: [], date: Date(), failReason: "x")
    }
  }

  @Test func twoWorkersOnOneFileGetDistinctNumbersAndLoseNone() async throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("shared.db").path
    let a = try SQLiteStorage(path: path)
    let b = try SQLiteStorage(path: path)
    let s = try await a.createStudy(name: "shared", directions: [.minimize])
    let perWorker = 40
    let numbers = try await withThrowingTaskGroup(of: [Int].self) { group in
      for (w, storage) in [a, b].enumerated() {
        for task in 0..<2 {
          group.addTask {
            var mine: [Int] = []
            for i in 0..<(perWorker / 2) {
              let t = try await storage.createTrial(
                studyID: s.id,
                Trial(
                  state: .running, params: ["x": .float(Double(i))],
                  userAttributes: ["worker": .number(Double(w * 10 + task))]))
              mine.append(t.number)
              try await storage.setTrialState(
                studyID: s.id, number: t.number, state: .complete, values: [Double(i)],
                date: Date(), failReason: nil)
            }
            return mine
          }
        }
      }
      var all: [Int] = []
      for try await part in group { all += part }
      return all
    }
    #expect(numbers.count == 2 * perWorker)
    #expect(Set(numbers).count == numbers.count)
    #expect(numbers.sorted() == Array(0..<(2 * perWorker)))
    let stored = try await a.trials(studyID: s.id)
    #expect(stored.count == 2 * perWorker && stored.allSatisfy { $0.state == .complete })
  }

  @Test func randomBytesAreNotADatabase() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("corrupt.db").path
    var g = SeededGenerator(seed: 42)
    let bytes = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &g) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try SQLiteStorage(path: path)
    } throws: { error in
      guard case StorageError.notADatabase(let p, _) = error else { return false }
      return p == path && "\(error)".contains("file is not a database")
    }
  }

  @Test func anotherApplicationsDatabaseIsRefused() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("foreign.db").path
    let q = try DatabaseQueue(path: path)
    try q.write { db in
      try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    }
    try q.close()
    #expect {
      _ = try SQLiteStorage(path: path)
    } throws: { error in
      guard case StorageError.foreignDatabase(let p, let reason) = error else { return false }
      return p == path && reason.contains("no version_info table")
        && "\(error)".contains("not a MetaProbe database")
    }
  }

  @Test func anOptunaLikeVersionInfoIsNotOurs() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("optuna.db").path
    let q = try DatabaseQueue(path: path)
    try q.write { db in
      try db.execute(sql: "CREATE TABLE version_info (schema_version INTEGER, library_version TEXT)")
      try db.execute(sql: "CREATE TABLE alembic_version (version_num TEXT)")
    }
    try q.close()
    #expect {
      _ = try SQLiteStorage(path: path)
    } throws: { error in
      guard case StorageError.foreignDatabase(_, let reason) = error else { return false }
      return reason.contains("Optuna")
    }
  }

  @Test func aNewerSchemaIsRefusedWithAClearMessage() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent("newer.db").path
    _ = try SQLiteStorage(path: path)
    let q = try DatabaseQueue(path: path)
    try q.write { db in try db.execute(sql: "UPDATE version_info SET schema_version = 99") }
    try q.close()
    #expect(throws: StorageError.newerSchema(path: path, found: 99, supported: 1)) {
      _ = try SQLiteStorage(path: path)
    }
    #expect(
      StorageError.newerSchema(path: path, found: 99, supported: 1).description.contains(
        "newer MetaProbe"))
  }

  @Test func urlsParseLikeOptunas() throws {
    #expect(try StorageURL.parse("sqlite:///relative.db") == .sqlite(path: "relative.db"))
    #expect(
      try StorageURL.parse("sqlite:////absolute/path.db") == .sqlite(path: "/absolute/path.db"))
    #expect(try StorageURL.parse("memory") == .memory)
    #expect(try StorageURL.parse(":memory:") == .memory)
    #expect(StorageURL.defaultLocation == .sqlite(path: ".metaprobe/metaprobe.sqlite"))
    #expect(try StorageURL.parse(StorageURL.sqlite(path: "/a/b.db").description) == .sqlite(path: "/a/b.db"))
    #expect {
      _ = try StorageURL.parse("postgresql://user@localhost/db")
    } throws: { error in
      guard case StorageError.unsupportedURL(_, let reason) = error else { return false }
      return reason.contains("not supported yet")
    }
    #expect {
      _ = try StorageURL.parse("study.db")
    } throws: { error in
      guard case StorageError.invalidURL(_, let reason) = error else { return false }
      return reason.contains("sqlite:///study.db")
    }
    #expect(throws: StorageError.self) { _ = try StorageURL.parse("sqlite:///") }
  }

  @Test func theDefaultLocationIsCreatedWithItsDirectory() throws {
    let dir = try temporaryDirectory()
    let path = dir.appendingPathComponent(".metaprobe/metaprobe.sqlite").path
    _ = try SQLiteStorage(url: .sqlite(path: path))
    #expect(FileManager.default.fileExists(atPath: path))
    _ = try SQLiteStorage(url: .memory)
  }
}
