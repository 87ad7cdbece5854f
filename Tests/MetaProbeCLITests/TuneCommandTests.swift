import Foundation
import Testing

/// `metaprobe tune` and `metaprobe studies …` end to end, on SQLite files in temporary directories.
@Suite struct TuneCommandTests {
  /// A fresh temporary directory and its `sqlite:////abs/path.db` storage URL.
  static func storage() throws -> (dir: URL, url: String, path: String) {
    let dir = try temporaryDirectory(files: [:])
    let path = dir.appendingPathComponent("studies.db").path
    return (dir, "sqlite:///" + path, path)
  }

  /// `studies show NAME --json` as a dictionary.
  static func show(_ name: String, _ url: String) throws -> [String: Any] {
    let run = try metaprobe("studies", "show", name, "--storage", url, "--json")
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(try run.json() as? [String: Any])
  }

  static func trials(_ study: [String: Any]) -> [[String: Any]] {
    study["trials"] as? [[String: Any]] ?? []
  }

  static func states(_ study: [String: Any]) -> [String] {
    trials(study).compactMap { $0["state"] as? String }
  }

  /// A trial's params as a canonical string (sorted keys), to compare configurations.
  static func paramsKey(_ trial: [String: Any]) -> String {
    guard let p = trial["params"] as? [String: Any],
      let data = try? JSONSerialization.data(withJSONObject: p, options: [.sortedKeys])
    else { return "" }
    return String(decoding: data, as: UTF8.self)
  }

  /// kNN on iris; n_neighbors narrowed below the 100 training rows of a 3-fold split.
  static let knn = [
    "tune", "iris", "--learner", "knn", "--sampler", "random", "--cv", "3", "--seed", "1",
    "--range", "n_neighbors=1:60",
  ]

  /// Forest ranges small enough for a debug build.
  static let forestRanges = [
    "--range", "n_estimators=10:100", "--range", "min_samples_split=2:20", "--range", "min_samples_leaf=1:10",
  ]

  @Test func tuneStoresNTrialsAndResumesToTheTotal() throws {
    let (dir, url, _) = try Self.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = try metaprobe(Self.knn + ["--trials", "6", "--storage", url, "--json"])
    #expect(first.status == 0, "\(first.stderr)")
    let report = try #require(try first.json() as? [String: Any])
    #expect(report["name"] as? String == "iris-knn")
    #expect(Self.states(report) == Array(repeating: "COMPLETE", count: 6))
    let best = try #require(report["best_trial"] as? [String: Any])
    #expect((best["value"] as? Double).map { $0 > 0.8 && $0 <= 1 } == true)
    #expect((report["counts"] as? [String: Int])?["COMPLETE"] == 6)

    let again = try metaprobe(Self.knn + ["--trials", "6", "--storage", url, "--json"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(Self.trials(try Self.show("iris-knn", url)).count == 6)

    let more = try metaprobe(Self.knn + ["--trials", "9", "--storage", url])
    #expect(more.status == 0, "\(more.stderr)")
    #expect(more.stdout.contains("best trial"))
    let shown = try Self.show("iris-knn", url)
    #expect(Self.states(shown) == Array(repeating: "COMPLETE", count: 9))
    // The resumed run drew new configurations, not the first six again.
    #expect(Set(Self.trials(shown).map(Self.paramsKey)).count == 9)
  }

  @Test func studiesShowJSONHasTheDocumentedKeys() throws {
    let (dir, url, _) = try Self.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try metaprobe(Self.knn + ["--trials", "2", "--storage", url, "--study", "s"])
    #expect(run.status == 0, "\(run.stderr)")
    let study = try Self.show("s", url)
    for key in ["name", "direction", "directions", "best_trial", "trials", "counts", "attributes"] {
      #expect(study[key] != nil, "missing \(key)")
    }
    #expect(study["direction"] as? String == "maximize")
    let attributes = try #require(study["attributes"] as? [String: Any])
    #expect(attributes["dataset"] as? String == "iris")
    #expect(attributes["learner"] as? String == "knn")
    #expect(attributes["cv"] as? Double == 3)
    let trial = try #require(Self.trials(study).first)
    for key in [
      "number", "state", "value", "params", "resource", "datetime_start", "datetime_complete",
      "duration_s", "fail_reason",
    ] {
      #expect(trial[key] != nil, "missing \(key)")
    }
    let list = try metaprobe("studies", "list", "--storage", url, "--json")
    #expect(list.status == 0, "\(list.stderr)")
    let rows = try #require(try list.json() as? [[String: Any]])
    #expect(rows.map { $0["name"] as? String } == ["s"])
    #expect(rows.first?["trials"] as? Int == 2)
  }

  @Test func exportThenImportRoundTripsTheTrials() throws {
    let (dir, url, _) = try Self.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try metaprobe(Self.knn + ["--trials", "4", "--storage", url, "--study", "a"])
    #expect(run.status == 0, "\(run.stderr)")
    let csvPath = dir.appendingPathComponent("a.csv").path
    let export = try metaprobe("studies", "export", "a", "--storage", url, "--out", csvPath)
    #expect(export.status == 0, "\(export.stderr)")
    let stdoutExport = try metaprobe("studies", "export", "a", "--storage", url)
    #expect(stdoutExport.stdout.hasPrefix("number,"))
    let imported = try metaprobe("studies", "import", csvPath, "--study", "b", "--storage", url)
    #expect(imported.status == 0, "\(imported.stderr)")
    let a = Self.trials(try Self.show("a", url))
    let b = Self.trials(try Self.show("b", url))
    #expect(a.count == 4 && b.count == 4)
    for (x, y) in zip(a, b) {
      #expect(x["number"] as? Int == y["number"] as? Int)
      #expect(x["state"] as? String == y["state"] as? String)
      #expect(x["value"] as? Double == y["value"] as? Double)
      #expect(Self.paramsKey(x) == Self.paramsKey(y))
    }
    let again = try metaprobe("studies", "import", csvPath, "--study", "b", "--storage", url)
    #expect(again.status == 1)
    #expect(again.stderr.contains("already exists"))
  }

  @Test func ashaRecordsIntermediateValuesAndPrunes() throws {
    let (dir, url, _) = try Self.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try metaprobe(
      [
        "tune", "wine", "--learner", "random_forest", "--sampler", "random", "--scheduler", "asha",
        "--trials", "12", "--cv", "3", "--seed", "3", "--storage", url, "--json",
      ] + Self.forestRanges)
    #expect(run.status == 0, "\(run.stderr)")
    let study = try #require(try run.json() as? [String: Any])
    let trials = Self.trials(study)
    #expect(trials.count == 12)
    let withCurves = trials.filter { ($0["intermediate_values"] as? [String: Any])?.isEmpty == false }
    #expect(withCurves.count == 12)
    // Levels 1/9, 1/3, 1 of the trees: every trial reports the first level.
    #expect(trials.allSatisfy { ($0["intermediate_values"] as? [String: Any])?.count ?? 0 >= 1 })
    let pruned = Self.states(study).filter { $0 == "PRUNED" }.count
    print("asha on wine/random_forest, 12 trials: \(pruned) PRUNED, \(Self.states(study).filter { $0 == "COMPLETE" }.count) COMPLETE")
    let attributes = study["attributes"] as? [String: Any]
    #expect(attributes?["resource_kind"] as? String == "trees")
    // Pruned trials stopped below the full resource; complete ones reached it.
    for t in trials where t["state"] as? String == "PRUNED" { #expect((t["resource"] as? Double ?? 1) < 1) }
    for t in trials where t["state"] as? String == "COMPLETE" { #expect(t["resource"] as? Double == 1) }
  }

  @Test func hyperbandAssignsBracketsAndRecordsIntermediateValues() throws {
    let (dir, url, _) = try Self.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try metaprobe(
      [
        "tune", "wine", "--learner", "random_forest", "--sampler", "random", "--scheduler", "hyperband",
        "--trials", "10", "--cv", "3", "--seed", "4", "--storage", url, "--json",
      ] + Self.forestRanges)
    #expect(run.status == 0, "\(run.stderr)")
    let study = try #require(try run.json() as? [String: Any])
    let trials = Self.trials(study)
    #expect(trials.count == 10)
    #expect(trials.allSatisfy { ($0["intermediate_values"] as? [String: Any])?.isEmpty == false })
    print("hyperband on wine/random_forest, 10 trials: \(Self.states(study).filter { $0 == "PRUNED" }.count) PRUNED")
  }

  @Test func badInputExitsOneNamingTheProblem() throws {
    let (dir, url, path) = try Self.storage()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sampler = try metaprobe(Self.knn.map { $0 == "random" ? "annealing" : $0 } + ["--storage", url])
    #expect(sampler.status == 1)
    #expect(sampler.stderr.contains("The value 'annealing' is invalid for '--sampler <sampler>'"), "\(sampler.stderr)")
    let zero = try metaprobe(Self.knn + ["--trials", "0", "--storage", url])
    #expect(zero.status == 1)
    #expect(zero.stderr.contains("--trials"))
    let range = try metaprobe(Self.knn + ["--range", "n_neighbors=0:20000", "--storage", url])
    #expect(range.status == 1)
    #expect(range.stderr.contains("--range 'n_neighbors=0:20000'"))
    let scheduler = try metaprobe(Self.knn + ["--scheduler", "pbt", "--storage", url])
    #expect(scheduler.status == 1)
    #expect(scheduler.stderr.contains("The value 'pbt' is invalid for '--scheduler <scheduler>'"), "\(scheduler.stderr)")
    var bytes = SeededBytes(seed: 7)
    try Data((0..<4096).map { _ in bytes.next() }).write(to: URL(fileURLWithPath: path))
    let corrupt = try metaprobe(Self.knn + ["--trials", "1", "--storage", url])
    #expect(corrupt.status == 1)
    #expect(corrupt.stderr.contains(path), "\(corrupt.stderr)")
    let show = try metaprobe("studies", "list", "--storage", url)
    #expect(show.status == 1)
    #expect(show.stderr.contains(path))
    // A read-only command on a missing file names it and creates nothing; on an existing store,
    // an unknown study is named.
    let absent = dir.appendingPathComponent("x.db").path
    let missingFile = try metaprobe("studies", "show", "nope", "--storage", "sqlite:///" + absent)
    #expect(missingFile.status == 1)
    #expect(missingFile.stderr.contains("\(absent): no such SQLite file"), "\(missingFile.stderr)")
    #expect(!FileManager.default.fileExists(atPath: absent))
    let made = dir.appendingPathComponent("y.db").path
    _ = try metaprobe(Self.knn + ["--trials", "1", "--storage", "sqlite:///" + made])
    let missing = try metaprobe("studies", "show", "nope", "--storage", "sqlite:///" + made)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no study named 'nope'"), "\(missing.stderr)")
  }
}

/// Deterministic pseudo-random bytes (SplitMix64) for a corrupt file.
struct SeededBytes {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt8 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return UInt8(truncatingIfNeeded: z ^ (z >> 31))
  }
}
