import Foundation
import Testing

/// Every configuration a command prints is accepted by `fit --set` as it is, in the learner's
/// own names, and reproduces the printed score at the same resource and seed.
@Suite struct ConfigurationRoundTripTests {
  /// The five learners of the bundled corpus. A forest meta-model trained on six of its tasks
  /// warm-starts `optimize` on bupa (not among them); the best configuration's `fit --holdout`
  /// accuracy at its resource and seed equals the printed value, and each configuration
  /// `meta predict` prints is accepted by `fit`.
  @Test(arguments: ["svm", "knn", "logistic_regression", "random_forest", "mlp"])
  func optimizeAndMetaPredictPrintWhatFitAccepts(learner: String) throws {
    let dir = try Self.priorLog()
    defer { try? FileManager.default.removeItem(at: dir) }
    let log = dir.appendingPathComponent("log.csv").path
    let features = packageRoot.appendingPathComponent("datasets/tuning-logs/own-task-features.csv").path
    let model = dir.appendingPathComponent("\(learner).json").path
    let train = try metaprobe(
      "meta", "train", "--log", log, "--features", features, "--learner", learner, "--model", "forest", "--out", model)
    #expect(train.status == 0, "\(train.stderr)")
    let optimize = try metaprobe(
      "optimize", "bupa", "--learner", learner, "--meta-model", model, "--log", log, "--features", features,
      "--initial-configs", "3", "--iterations", "1", "--no-measure-flatness", "--min-resource", "0.25",
      "--max-resource", "0.5", "--storage", "memory", "--seed", "5", "--json")
    #expect(optimize.status == 0, "\(optimize.stderr)")
    let report = try #require(try optimize.json() as? [String: Any])
    let best = try #require(report["best"] as? [String: Any])
    let params = try #require(best["params"] as? [String: Any])
    let resource = try #require(best["resource"] as? Double)
    let fit = try metaprobe(
      ["fit", "bupa", "--learner", learner, "--resource", "\(resource)", "--seed", "5", "--holdout", "--json"]
        + Self.setPairs(params))
    #expect(fit.status == 0, "\(fit.stderr)")
    let fitted = try #require(try fit.json() as? [String: Any])
    #expect(fitted["accuracy"] as? Double == best["value"] as? Double, "\(learner): \(params)")

    let predict = try metaprobe(
      "meta", "predict", "bupa", "--learner", learner, "--meta-model", model, "--top", "2", "--json")
    #expect(predict.status == 0, "\(predict.stderr)")
    let predicted = try #require(try predict.json() as? [String: Any])
    for entry in try #require(predicted["configurations"] as? [[String: Any]]) {
      let configuration = try #require(entry["configuration"] as? [String: Any])
      let run = try metaprobe(
        ["fit", "bupa", "--learner", learner, "--cv", "2", "--json"] + Self.setPairs(configuration))
      #expect(run.status == 0, "\(learner): \(configuration): \(run.stderr)")
    }
  }

  /// The learners the bundled corpus lacks: a small corpus of their own (`logs generate`, its
  /// tasks' meta-features), a forest meta-model on it, then the same round trip as above; and
  /// `tune`'s best configuration from the tuning space reproduces its cross-validated accuracy.
  @Test(arguments: [("decision_tree", "bupa"), ("extra_trees", "bupa"), ("gaussian_nb", "bupa"), ("cnn", "digits")])
  func learnersWithoutCorpusRowsRoundTripToo(learner: String, dataset: String) throws {
    let dir = try temporaryDirectory(files: [:])
    defer { try? FileManager.default.removeItem(at: dir) }
    // cnn needs square images: its corpus is digits alone (leakage does not matter here, only names).
    let tasks = learner == "cnn" ? "digits" : "iris,wine,haberman"
    let generate = try metaprobe(
      [
        "logs", "generate", "--learners", learner, "--tasks", tasks, "--configs", "3", "--levels", "0.25,0.5",
        "--out", "log.jsonl", "--csv", "log.csv", "--features", "features.csv",
      ], directory: dir)
    #expect(generate.status == 0, "\(generate.stderr)")
    let (log, features) = (dir.appendingPathComponent("log.csv").path, dir.appendingPathComponent("features.csv").path)
    let model = dir.appendingPathComponent("model.json").path
    let train = try metaprobe(
      "meta", "train", "--log", log, "--features", features, "--learner", learner, "--model", "forest", "--out", model)
    #expect(train.status == 0, "\(train.stderr)")
    let optimize = try metaprobe(
      "optimize", dataset, "--learner", learner, "--meta-model", model, "--log", log, "--features", features,
      "--initial-configs", "2", "--iterations", "1", "--no-measure-flatness", "--min-resource", "0.25",
      "--max-resource", "0.5", "--storage", "memory", "--seed", "5", "--json")
    #expect(optimize.status == 0, "\(optimize.stderr)")
    let best = try #require((try optimize.json() as? [String: Any])?["best"] as? [String: Any])
    let params = try #require(best["params"] as? [String: Any])
    let resource = try #require(best["resource"] as? Double)
    let fit = try metaprobe(
      ["fit", dataset, "--learner", learner, "--resource", "\(resource)", "--seed", "5", "--holdout", "--json"]
        + Self.setPairs(params))
    #expect(fit.status == 0, "\(fit.stderr)")
    #expect((try fit.json() as? [String: Any])?["accuracy"] as? Double == best["value"] as? Double, "\(learner): \(params)")

    let extra = learner == "cnn" ? ["--set", "max_iter=2"] : []
    let tune = try metaprobe(
      [
        "tune", dataset, "--learner", learner, "--sampler", "random", "--trials", "2", "--cv", "2", "--seed", "3",
        "--storage", "memory", "--json",
      ] + extra)
    #expect(tune.status == 0, "\(tune.stderr)")
    let trial = try #require((try tune.json() as? [String: Any])?["best_trial"] as? [String: Any])
    let tuned = try #require(trial["params"] as? [String: Any])
    let refit = try metaprobe(["fit", dataset, "--learner", learner, "--cv", "2", "--seed", "3", "--json"] + Self.setPairs(tuned))
    #expect(refit.status == 0, "\(refit.stderr)")
    let accuracy = try #require((try refit.json() as? [String: Any])?["accuracy"] as? [String: Any])
    #expect(accuracy["mean"] as? Double == trial["value"] as? Double, "\(learner): \(tuned)")
  }

  /// `--set` pairs of a printed configuration (numbers as JSON gives them, exact to the last bit).
  static func setPairs(_ params: [String: Any]) -> [String] {
    params.keys.sorted().flatMap { key -> [String] in
      let value = params[key].map { v -> String in
        if let number = v as? NSNumber, !(v is String) {
          let d = number.doubleValue
          return d == d.rounded() && abs(d) < 1e15 && !"\(number)".contains(".") ? "\(number.int64Value)" : "\(d)"
        }
        return "\(v)"
      }
      return ["--set", "\(key)=\(value ?? "")"]
    }
  }

  /// Six tasks of the bundled corpus (bupa not among them), as a tuning log in a temporary folder.
  static func priorLog() throws -> URL {
    let corpus = try String(
      contentsOf: packageRoot.appendingPathComponent("datasets/tuning-logs/own.csv"), encoding: .utf8)
    let keep: Set<Substring> = ["australian", "haberman", "iris", "heart", "pima", "sonar"]
    let lines = corpus.split(separator: "\n")
    let rows = lines.dropFirst().filter { keep.contains($0.prefix { $0 != "," }) }
    return try temporaryDirectory(files: ["log.csv": ([lines[0]] + rows).joined(separator: "\n") + "\n"])
  }
}
