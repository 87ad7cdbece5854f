import Foundation
import Testing

/// A tuning log of three tasks, 24 configurations (x int 1…12, y categorical a/b) at the
/// levels 0.25, 0.5 and 1, maximised.
func benchFixtureLog() -> String {
  var out = "task,learner,number,params_x,params_y,resource,seed,value,direction,cost_s,state\n"
  for (t, task) in ["alpha", "beta", "gamma"].enumerated() {
    for n in 0..<24 {
      let x = n % 12 + 1
      let y = n < 12 ? "a" : "b"
      for r in ["0.25", "0.5", "1"] {
        let level = Double(r) ?? 1
        let value = 0.5 + 0.03 * Double((x * (t + 5) + (y == "a" ? 0 : 7)) % 13) + 0.05 * level
        out += "\(task),mlp,\(n),\(x),\(y),\(r),,\(value),maximize,,COMPLETE\n"
      }
    }
  }
  return out
}

extension CLITests {
  // MARK: - bench

  @Test func benchJSONHasOneEntryPerMethodWithCurvesAndTasks() throws {
    let dir = try temporaryDirectory(files: ["log.csv": benchFixtureLog()])
    let run = try metaprobe(
      "bench", "--suite", dir.appendingPathComponent("log.csv").path, "--methods", "random,grid,sh,hyperband,tpe",
      "--budget", "4", "--seeds", "2", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["budget"] as? Int == 4)
    #expect(object["seeds"] as? Int == 2)
    let methods = try #require(object["methods"] as? [[String: Any]])
    #expect(methods.compactMap { $0["method"] as? String } == ["random", "grid", "sh", "hyperband", "tpe"])
    for m in methods {
      #expect((m["regret_curve"] as? [Double])?.count == 4)
      #expect(m["regret_at_budget"] is Double)
      #expect(m["cost_to_target"] is Double)
      let rank = try #require(m["average_rank"] as? Double)
      #expect(rank >= 1 && rank <= 5)
      let tasks = try #require(m["tasks"] as? [[String: Any]])
      #expect(tasks.compactMap { $0["task"] as? String } == ["alpha", "beta", "gamma"])
    }
    // Average ranks of 5 methods sum to 1 + 2 + 3 + 4 + 5.
    let rankSum = methods.compactMap { $0["average_rank"] as? Double }.reduce(0, +)
    #expect(abs(rankSum - 15) < 1e-4)
  }

  @Test func benchSameSeedGivesIdenticalReportBytes() throws {
    let dir = try temporaryDirectory(files: ["log.csv": benchFixtureLog()])
    let log = dir.appendingPathComponent("log.csv").path
    var outputs: [String] = []
    var files: [[Data]] = []
    for i in 0..<2 {
      let out = dir.appendingPathComponent("report\(i)").path
      let run = try metaprobe(
        "bench", "--suite", log, "--methods", "random,sh,gp", "--budget", "3", "--seeds", "2", "--seed", "7",
        "--out", out)
      #expect(run.status == 0, "\(run.stderr)")
      outputs.append(run.stdout)
      files.append(
        try ["bench.md", "bench.csv", "regret_curve.csv", "regret_curve.svg"].map {
          try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent($0))
        })
    }
    #expect(outputs[0] == outputs[1])
    #expect(files[0] == files[1])
    #expect(outputs[0].contains("| random |"))
    #expect(String(decoding: files[0][3], as: UTF8.self).hasPrefix("<svg"))
  }

  @Test func benchReportsMissingSuiteAndUnknownMethod() throws {
    let missing = try metaprobe("bench", "--suite", "/nonexistent/logs.csv")
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("make tuning-logs"), "\(missing.stderr)")
    let dir = try temporaryDirectory(files: ["log.csv": benchFixtureLog()])
    let unknown = try metaprobe("bench", "--suite", dir.appendingPathComponent("log.csv").path, "--methods", "random,no_such")
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("unknown or unavailable method 'no_such'"), "\(unknown.stderr)")
    let bad = try temporaryDirectory(files: [
      "log.csv": "task,learner,number,resource,value,direction,state\nt,mlp,0,1,x,maximize,COMPLETE\n"
    ])
    let malformed = try metaprobe("bench", "--suite", bad.appendingPathComponent("log.csv").path)
    #expect(malformed.status == 1)
    #expect(malformed.stderr.contains("log.csv:2: field 'value': 'x' is not a number"), "\(malformed.stderr)")
  }

  @Test func benchRunsTheMetaMethodsLeaveOneTaskOut() throws {
    // Three tasks sharing 24 configurations at three levels; the landmark task features come
    // from the log. Each meta-method must run on every held-out task and spend the budget.
    let dir = try temporaryDirectory(files: ["log.csv": benchFixtureLog()])
    let run = try metaprobe(
      "bench", "--suite", dir.appendingPathComponent("log.csv").path, "--methods", "meta_sh,zero_shot,nearest_tasks,random",
      "--budget", "3", "--seeds", "2", "--json")
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try run.json() as? [String: Any])
    let methods = try #require(object["methods"] as? [[String: Any]])
    #expect(methods.map { $0["method"] as? String } == ["meta_sh", "zero_shot", "nearest_tasks", "random"])
    for m in methods {
      let tasks = try #require(m["tasks"] as? [[String: Any]])
      #expect(tasks.count == 3)
      let regret = try #require(m["regret_at_budget"] as? Double)
      #expect(regret >= 0 && regret.isFinite)
    }
  }
}
