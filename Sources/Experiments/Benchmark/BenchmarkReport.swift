import Foundation
import Linalg
import Storage

/// The text forms of a ``BenchmarkResult``: markdown, CSV, JSON and an SVG plot, each with
/// deterministic bytes (fixed number formats, fixed orders).
public struct BenchmarkReport: Sendable {
  /// The suite's name as given (`hpobench`, a path, …).
  public let suite: String
  /// The base seed.
  public let seed: UInt64
  /// The result.
  public let result: BenchmarkResult

  /// A report of `result`.
  public init(suite: String, seed: UInt64, result: BenchmarkResult) {
    self.suite = suite
    self.seed = seed
    self.result = result
  }

  static func cell(_ x: Double, _ digits: Int = 4) -> String {
    x.isFinite ? String(format: "%.\(digits)f", x) : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
  }

  static func json(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "null" }

  /// A JSON string literal (`TuningLogFormat.jsonString`).
  static func jsonString(_ s: String) -> String { TuningLogFormat.jsonString(s) }

  /// The budgets shown in the markdown curve table: 1, 2, 5, 10, 20, 50, 100, … up to B, and B.
  var curveBudgets: [Int] {
    var bs: [Int] = []
    var decade = 1
    while decade <= result.budget {
      for f in [1, 2, 5] where f * decade <= result.budget { bs.append(f * decade) }
      decade *= 10
    }
    if bs.last != result.budget { bs.append(result.budget) }
    return bs
  }

  /// The markdown report: a summary table per method, the regret curve at a few budgets, and
  /// regret at the budget per task.
  public var markdown: String {
    let r = result
    let b = r.budget
    var out = "# Leave-one-task-out benchmark: \(suite)\n\n"
    out += "\(r.problems.count) tasks, \(r.seeds) seeds (base seed \(seed)), budget \(b) full-evaluation equivalents.\n"
    out += "Normalised regret = (best − incumbent) / (best − median), true values; lower is better. "
    out += "Cost to target: full-evaluation equivalents to come within 1 % of the best, censored at \(b) "
    out += "(runs that never get there count as \(b)); reached = fraction of runs that got there.\n"
    out += "\(BLASKernel.reportLine)\n\n"
    out += "| method | regret@\(b) | average rank | cost to target | reached |\n|---|---:|---:|---:|---:|\n"
    for m in r.methods.indices {
      let s = r.summary(method: m)
      out += "| \(r.methods[m]) | \(Self.cell(s.regretAtBudget)) | \(Self.cell(s.averageRank, 2)) | "
      out += "\(Self.cell(s.costToTarget, 2)) | \(Self.cell(s.reachedTarget, 2)) |\n"
    }
    let budgets = curveBudgets
    out += "\n## Mean normalised regret against budget\n\n| method | "
    out += budgets.map { "\($0)" }.joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: budgets.count) + "\n"
    for m in r.methods.indices {
      let curve = r.summary(method: m).regretCurve
      out += "| \(r.methods[m]) | " + budgets.map { Self.cell(curve[$0 - 1]) }.joined(separator: " | ") + " |\n"
    }
    out += "\n## Regret at budget \(b) per task\n\n| task | " + r.methods.joined(separator: " | ") + " |\n|---|"
    out += String(repeating: "---:|", count: r.methods.count) + "\n"
    for p in r.problems.indices {
      out += "| \(r.problems[p]) | "
      out += r.methods.indices.map { Self.cell(r.summary(method: $0, problem: p).regretAtBudget) }.joined(separator: " | ")
      out += " |\n"
    }
    return out
  }

  /// One row per (method, task) and one `ALL` row per method: `method,task,regret_at_budget,
  /// average_rank,cost_to_target,reached_target`.
  public var csv: String {
    let r = result
    var out = "method,task,regret_at_budget,average_rank,cost_to_target,reached_target\n"
    func row(_ method: String, _ task: String, _ s: BenchmarkResult.Summary) -> String {
      [
        method, task, Self.cell(s.regretAtBudget, 6), Self.cell(s.averageRank, 6), Self.cell(s.costToTarget, 6),
        Self.cell(s.reachedTarget, 6),
      ].joined(separator: ",") + "\n"
    }
    for m in r.methods.indices {
      out += row(r.methods[m], "ALL", r.summary(method: m))
      for p in r.problems.indices { out += row(r.methods[m], r.problems[p], r.summary(method: m, problem: p)) }
    }
    return out
  }

  /// The mean curves as CSV: `method,budget,regret`.
  public var curveCSV: String {
    var out = "method,budget,regret\n"
    for m in result.methods.indices {
      for (b, x) in result.summary(method: m).regretCurve.enumerated() {
        out += "\(result.methods[m]),\(b + 1),\(Self.cell(x, 6))\n"
      }
    }
    return out
  }

  /// The JSON object of `metaprobe bench --json`.
  public var json: String {
    let r = result
    func fields(_ s: BenchmarkResult.Summary) -> String {
      "\"regret_at_budget\": \(Self.json(s.regretAtBudget)), \"regret_curve\": ["
        + s.regretCurve.map(Self.json).joined(separator: ", ") + "], \"average_rank\": \(Self.json(s.averageRank)), "
        + "\"cost_to_target\": \(Self.json(s.costToTarget)), \"reached_target\": \(Self.json(s.reachedTarget))"
    }
    var out = "{\n  \"suite\": \(Self.jsonString(suite)),\n  \"budget\": \(r.budget),\n  \"seeds\": \(r.seeds),\n"
    out += "  \"seed\": \(seed),\n  \"tasks\": [" + r.problems.map(Self.jsonString).joined(separator: ", ") + "],\n"
    out += "  \"methods\": [\n"
    out += r.methods.indices.map { m in
      var entry = "    {\"method\": \(Self.jsonString(r.methods[m])), " + fields(r.summary(method: m)) + ",\n"
      entry += "     \"tasks\": [\n"
      entry += r.problems.indices.map { p in
        "       {\"task\": \(Self.jsonString(r.problems[p])), " + fields(r.summary(method: m, problem: p)) + "}"
      }.joined(separator: ",\n")
      return entry + "\n     ]}"
    }.joined(separator: ",\n")
    return out + "\n  ]\n}\n"
  }

  /// Writes `bench.md`, `bench.csv`, `regret_curve.csv` and `regret_curve.svg` into `directory`
  /// (created when missing).
  ///
  /// - Throws: `ExperimentsError.io` naming the path that could not be written.
  public func write(to directory: String) throws(ExperimentsError) {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch { throw .io(path: directory, reason: "cannot create directory (\(error.localizedDescription))") }
    let files = [
      ("bench.md", markdown), ("bench.csv", csv), ("regret_curve.csv", curveCSV),
      ("regret_curve.svg", RegretPlot(result: result, title: "\(suite): mean normalised regret").svg),
    ]
    for (name, text) in files {
      let path = (directory as NSString).appendingPathComponent(name)
      do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
        throw .io(path: path, reason: "cannot write (\(error.localizedDescription))")
      }
    }
  }
}
