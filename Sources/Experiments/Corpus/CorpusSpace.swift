import Learners
import Linalg
import Search

/// The tuning space of one learner in MetaProbe's own tuning-log corpus: the ranges a practitioner
/// would search, with scikit-learn's names, as opposed to the learner's built-in space, which holds
/// every *valid* value (`C` from 1e-6 to 1e6, `n_estimators` up to 10000).
///
/// A corpus configuration holds only the tuned parameters (these are the `params_<name>` columns of
/// the log); ``pipelineConfiguration(_:)`` adds the ``fixed`` settings and translates names where the
/// learner's adapter spells them differently (SVM `gamma` becomes `gamma=value, gamma_value=x`).
///
/// | learner | tuned (range, scale) | fixed |
/// |---|---|---|
/// | `mlp` | `n_layers` 1–2; `width` 16–256 log; `activation` relu/tanh; `learning_rate_init` 1e-4–1e-1 log; `alpha` 1e-6–1e-1 log; `batch_size` 16–256 log | adam, `max_iter` 100, `tol` 1e-4, `n_iter_no_change` 10 |
/// | `random_forest` | `n_estimators` 16–256 log; `max_depth` 2–32 log; `max_features` sqrt/log2/all; `min_samples_leaf` 1–32 log; `criterion` gini/entropy | bootstrap |
/// | `svm` | `C` 1e-2–1e3 log; `gamma` 1e-4–10 log | rbf kernel |
/// | `knn` | `n_neighbors` 1–64 log; `weights` uniform/distance; `p` 1–2 | brute force |
/// | `logistic_regression` | `C` 1e-4–1e3 log | L-BFGS, `max_iter` 200 |
public struct CorpusSpace: Sendable, Hashable {
  /// The learner's command-line name (`mlp`, `random_forest`, ...).
  public let learner: String
  /// The tuned parameters with their tuning ranges.
  public let space: SearchSpace
  /// Settings of the learner held fixed across the corpus (learner names, not translated).
  public let fixed: Configuration

  /// A corpus space.
  ///
  /// - Parameters:
  ///   - learner: the learner's command-line name.
  ///   - space: the tuned parameters.
  ///   - fixed: settings held fixed (given in the learner's own parameter names).
  public init(learner: String, space: SearchSpace, fixed: Configuration = Configuration()) {
    self.learner = learner
    self.space = space
    self.fixed = fixed
  }

  /// The configuration to hand to `Pipeline` for a corpus configuration: `fixed` plus the tuned
  /// values, with the SVM's numeric `gamma` written as `gamma=value, gamma_value=<gamma>`.
  public func pipelineConfiguration(_ params: Configuration) -> Configuration {
    var config = fixed
    for (name, value) in params.pairs {
      if learner == "svm", name == "gamma", case .float = value {
        config["gamma"] = .categorical("value")
        config["gamma_value"] = value
      } else {
        config[name] = value
      }
    }
    return config
  }

  /// `count` configurations of ``space`` as a Latin hypercube (McKay, Beckman & Conover 1979):
  /// each parameter's range is cut into `count` equal strata (on the log scale for log parameters)
  /// and every stratum holds exactly one configuration; a categorical with k choices gets each
  /// choice about `count/k` times.
  ///
  /// - Parameters:
  ///   - count: the number of configurations, ≥ 0.
  ///   - seed: seed of the design; the same seed gives the same configurations.
  /// - Returns: the configurations, numbered by their index.
  public func configurations(count: Int, seed: UInt64) -> [Configuration] {
    guard count > 0 else { return [] }
    var generator = SeededGenerator(seed: seed ^ CorpusSeed.hash(learner))
    var vectors = [[Double]](repeating: [], count: count)
    for p in space.parameters {
      let strata = generator.permutation(count)
      let units = (0..<count).map { (Double(strata[$0]) + generator.uniform()) / Double(count) }
      for i in 0..<count {
        if case .categorical(let choices) = p.domain {
          let k = min(Int(units[i] * Double(choices.count)), choices.count - 1)
          vectors[i].append(contentsOf: choices.indices.map { $0 == k ? 1 : 0 })
        } else {
          vectors[i].append(units[i])
        }
      }
    }
    // Vectors are built column by column in the space's encoding, so decoding cannot fail.
    return vectors.compactMap { try? space.decode($0) }
  }

  /// The corpus spaces by learner name, in the order `metaprobe logs generate` lists them.
  public static let builtIn: [CorpusSpace] = [mlp, randomForest, svm, knn, logisticRegression]

  /// The learners with a corpus space.
  public static var learnerNames: [String] { builtIn.map(\.learner) }

  /// The corpus space of `learner`.
  ///
  /// - Throws: ``CorpusError/unknownLearner(_:available:)`` naming the corpus learners.
  public static func named(_ learner: String) throws(CorpusError) -> CorpusSpace {
    guard let space = builtIn.first(where: { $0.learner == learner }) else {
      throw .unknownLearner(learner, available: learnerNames)
    }
    return space
  }

  /// `mlp`: HPOBench-MLP's dimensions (depth, width, alpha, batch size, initial learning rate)
  /// plus the activation; 100 Adam epochs with scikit-learn's `tol` stopping rule.
  public static let mlp = CorpusSpace(
    learner: "mlp",
    space: fixedSpace([
      .int("n_layers", 1, 2, default: 1),
      .int("width", 16, 256, log: true, default: 64),
      .categorical("activation", ["relu", "tanh"], default: "relu"),
      .float("learning_rate_init", 1e-4, 1e-1, log: true, default: 1e-3),
      .float("alpha", 1e-6, 1e-1, log: true, default: 1e-4),
      .int("batch_size", 16, 256, log: true, default: 64),
    ]),
    fixed: ["solver": .categorical("adam"), "max_iter": .int(100)])

  /// `random_forest`: the usual forest dimensions; `max_depth` 32 is unlimited for these datasets.
  public static let randomForest = CorpusSpace(
    learner: "random_forest",
    space: fixedSpace([
      .int("n_estimators", 16, 256, log: true, default: 100),
      .int("max_depth", 2, 32, log: true, default: 32),
      .categorical("max_features", ["sqrt", "log2", "all"], default: "sqrt"),
      .int("min_samples_leaf", 1, 32, log: true, default: 1),
      .categorical("criterion", ["gini", "entropy"], default: "gini"),
    ]))

  /// `svm`: the RBF kernel's `C` and `gamma` on log scales (Hsu, Chang & Lin's grid, narrowed
  /// at the expensive large-`C` end).
  public static let svm = CorpusSpace(
    learner: "svm",
    space: fixedSpace([
      .float("C", 1e-2, 1e3, log: true, default: 1),
      .float("gamma", 1e-4, 10, log: true, default: 0.1),
    ]),
    fixed: ["kernel": .categorical("rbf")])

  /// `knn`: the neighbourhood size, vote weighting and Minkowski power.
  public static let knn = CorpusSpace(
    learner: "knn",
    space: fixedSpace([
      .int("n_neighbors", 1, 64, log: true, default: 5),
      .categorical("weights", ["uniform", "distance"], default: "uniform"),
      .int("p", 1, 2, default: 2),
    ]))

  /// `logistic_regression`: the inverse regularisation strength.
  public static let logisticRegression = CorpusSpace(
    learner: "logistic_regression",
    space: fixedSpace([.float("C", 1e-4, 1e3, log: true, default: 1)]),
    fixed: ["max_iter": .int(200)])

  /// A space written in this file: valid by construction.
  private static func fixedSpace(_ parameters: [Parameter]) -> SearchSpace {
    do {
      return try SearchSpace(parameters)
    } catch {
      preconditionFailure("corpus search space is invalid: \(error)")
    }
  }
}
