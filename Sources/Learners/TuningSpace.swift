import Linalg
import Search

/// The tuning space of one learner: the ranges a practitioner would search, with scikit-learn's
/// names, as opposed to the learner's ``Learner/searchSpace``, its validity domain, which holds
/// every *valid* value (`C` from 1e-6 to 1e6, `n_estimators` up to 10000). `tune`, `optimize`,
/// `meta predict` and MetaProbe's own tuning-log corpus search these ranges by default.
///
/// A tuning configuration holds only the tuned parameters (these are the `params_<name>` columns
/// of a corpus log); ``pipelineConfiguration(_:)`` adds the ``fixed`` settings and translates
/// names where the learner spells them differently (SVM `gamma` becomes `gamma=value,
/// gamma_value=x`), and ``learnerSpace()`` is the same space in the learner's own names, so that
/// every configuration a command prints is accepted by `fit --set` as it is.
///
/// | learner | tuned (range, scale) | fixed |
/// |---|---|---|
/// | `mlp` | `n_layers` 1–2; `width` 16–256 log; `activation` relu/tanh; `learning_rate_init` 1e-4–1e-1 log; `alpha` 1e-6–1e-1 log; `batch_size` 16–256 log | adam, `max_iter` 100 |
/// | `cnn` | `num_filters` 4–64 log; `kernel_size` 2–5; `hidden_units` 16–256 log; `learning_rate_init` 1e-4–1e-1 log; `alpha` 1e-6–1e-1 log; `batch_size` 16–128 log | adam, `max_iter` 30 |
/// | `decision_tree` | `max_depth` 2–32 log; `min_samples_leaf` 1–32 log; `max_features` sqrt/log2/all; `criterion` gini/entropy | |
/// | `random_forest` | `n_estimators` 16–256 log; `max_depth` 2–32 log; `max_features` sqrt/log2/all; `min_samples_leaf` 1–32 log; `criterion` gini/entropy | bootstrap |
/// | `extra_trees` | as `random_forest` | no bootstrap |
/// | `svm` | `C` 1e-2–1e3 log; `gamma` 1e-4–10 log | rbf kernel |
/// | `knn` | `n_neighbors` 1–64 log; `weights` uniform/distance; `p` 1–2 | brute force |
/// | `logistic_regression` | `C` 1e-4–1e3 log | L-BFGS, `max_iter` 200 |
/// | `gaussian_nb` | `var_smoothing` 1e-12–1e-1 log | |
public struct TuningSpace: Sendable, Hashable {
  /// The learner's name (`mlp`, `random_forest`, ...).
  public let learner: String
  /// The tuned parameters with their tuning ranges.
  public let space: SearchSpace
  /// Settings of the learner held fixed across the corpus (learner names, not translated).
  public let fixed: Configuration

  /// A tuning space.
  ///
  /// - Parameters:
  ///   - learner: the learner's name.
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

  /// `config` as `learner` itself names it: ``pipelineConfiguration(_:)`` of `learner`'s tuning
  /// space when `config` is one of its configurations (every name a tuned parameter of it, as in
  /// the bundled corpus and the meta-models trained on it); `config` unchanged otherwise (a log
  /// already in the learner's names, or an unknown learner).
  public static func learnerConfiguration(_ config: Configuration, learner: String) -> Configuration {
    guard let tuning = try? named(learner), config.names.allSatisfy({ tuning.space.parameter(named: $0) != nil })
    else { return config }
    return tuning.pipelineConfiguration(config)
  }

  /// This tuning space in the learner's own parameter names, within its validity domain: each
  /// tuned parameter with its tuning range (the SVM's `gamma` range on `gamma_value`, with
  /// `gamma` fixed to `value`), each ``fixed`` setting as a one-value domain, the parents of
  /// their conditions at their defaults, and no other parameter (those take the learner's
  /// defaults). A configuration of it is accepted by `Pipeline.configuration(_:)` and `fit --set`.
  /// - Throws: ``LearnerError/unknownLearner(_:available:)``; ``LearnerError/invalidConfiguration(learner:reason:)``
  ///   if a range does not fit the learner's domain (a defect of this file, caught by the tests).
  public func learnerSpace() throws(LearnerError) -> SearchSpace {
    let validity = try LearnerCatalog.learner(named: learner).searchSpace
    var tuned: [String: Parameter] = [:]
    var pinned: [String: ParameterValue] = [:]
    for (name, value) in fixed.pairs { pinned[name] = value }
    for p in space.parameters {
      if learner == "svm", p.name == "gamma" {
        tuned["gamma_value"] = p
        pinned["gamma"] = .categorical("value")
      } else {
        tuned[p.name] = p
      }
    }
    var kept = Set(tuned.keys).union(pinned.keys)
    // Parents of kept parameters' conditions stay too (at their defaults unless set).
    var added = true
    while added {
      added = false
      for p in validity.parameters where kept.contains(p.name) {
        if let parent = p.condition?.parent, !kept.contains(parent) {
          kept.insert(parent)
          added = true
        }
      }
    }
    var parameters: [Parameter] = []
    for p in validity.parameters where kept.contains(p.name) {
      var q = p
      if let t = tuned[p.name] {
        q.domain = t.domain
        q.defaultValue = t.defaultValue
      } else if let value = pinned[p.name] ?? p.defaultValue {
        q.domain = Self.oneValueDomain(value)
        q.defaultValue = value
      }
      parameters.append(q)
    }
    do {
      let result = try SearchSpace(Parameter.reconcilingConditions(parameters))
      for q in result.parameters {
        guard let v = validity.parameter(named: q.name), Self.domain(q.domain, fitsIn: v.domain) else {
          throw LearnerError.invalidConfiguration(
            learner: learner, reason: "tuning range of '\(q.name)' \(q.domain) is outside its domain")
        }
      }
      return result
    } catch let error as LearnerError {
      throw error
    } catch {
      throw .invalidConfiguration(learner: learner, reason: "tuning space: \(error)")
    }
  }

  /// A domain holding `value` alone.
  static func oneValueDomain(_ value: ParameterValue) -> Parameter.Domain {
    switch value {
    case .float(let x): .float(low: x, high: x, log: false, step: nil)
    case .int(let n): .int(low: n, high: n, log: false, step: 1)
    case .categorical(let c): .categorical(choices: [c])
    }
  }

  /// Whether every value of `inner` is in `outer`.
  static func domain(_ inner: Parameter.Domain, fitsIn outer: Parameter.Domain) -> Bool {
    switch (inner, outer) {
    case (.float(let a, let b, _, _), .float(let lo, let hi, _, _)): a >= lo && b <= hi
    case (.int(let a, let b, _, _), .int(let lo, let hi, _, _)): a >= lo && b <= hi
    case (.categorical(let some), .categorical(let all)): Set(some).isSubset(of: all)
    default: false
    }
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
    var generator = SeededGenerator(seed: seed ^ SeededGenerator.nameHash(learner))
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

  /// The tuning spaces, one per learner of ``LearnerCatalog``; the first five are those of the
  /// bundled corpus, in the order `metaprobe logs generate` lists them.
  public static let builtIn: [TuningSpace] = [
    mlp, randomForest, svm, knn, logisticRegression, cnn, decisionTree, extraTrees, gaussianNB,
  ]

  /// The learners with a tuning space (every learner of ``LearnerCatalog``).
  public static var learnerNames: [String] { builtIn.map(\.learner) }

  /// The tuning space of `learner`.
  ///
  /// - Throws: ``LearnerError/unknownLearner(_:available:)`` naming the learners.
  public static func named(_ learner: String) throws(LearnerError) -> TuningSpace {
    guard let space = builtIn.first(where: { $0.learner == learner }) else {
      throw .unknownLearner(learner, available: learnerNames)
    }
    return space
  }

  /// `mlp`: HPOBench-MLP's dimensions (depth, width, alpha, batch size, initial learning rate)
  /// plus the activation; 100 Adam epochs with scikit-learn's `tol` stopping rule.
  public static let mlp = TuningSpace(
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
  public static let randomForest = TuningSpace(
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
  public static let svm = TuningSpace(
    learner: "svm",
    space: fixedSpace([
      .float("C", 1e-2, 1e3, log: true, default: 1),
      .float("gamma", 1e-4, 10, log: true, default: 0.1),
    ]),
    fixed: ["kernel": .categorical("rbf")])

  /// `knn`: the neighbourhood size, vote weighting and Minkowski power.
  public static let knn = TuningSpace(
    learner: "knn",
    space: fixedSpace([
      .int("n_neighbors", 1, 64, log: true, default: 5),
      .categorical("weights", ["uniform", "distance"], default: "uniform"),
      .int("p", 1, 2, default: 2),
    ]))

  /// `logistic_regression`: the inverse regularisation strength.
  public static let logisticRegression = TuningSpace(
    learner: "logistic_regression",
    space: fixedSpace([.float("C", 1e-4, 1e3, log: true, default: 1)]),
    fixed: ["max_iter": .int(200)])

  /// `cnn`: filters, kernel and dense width of the one-convolution network, with the optimiser's
  /// rate, decay and batch size; 30 Adam epochs.
  public static let cnn = TuningSpace(
    learner: "cnn",
    space: fixedSpace([
      .int("num_filters", 4, 64, log: true, default: 16),
      .int("kernel_size", 2, 5, default: 3),
      .int("hidden_units", 16, 256, log: true, default: 64),
      .float("learning_rate_init", 1e-4, 1e-1, log: true, default: 1e-3),
      .float("alpha", 1e-6, 1e-1, log: true, default: 1e-4),
      .int("batch_size", 16, 128, log: true, default: 32),
    ]),
    fixed: ["solver": .categorical("adam"), "max_iter": .int(30)])

  /// `decision_tree`: depth, leaf size, features per split and the impurity.
  public static let decisionTree = TuningSpace(
    learner: "decision_tree",
    space: fixedSpace([
      .int("max_depth", 2, 32, log: true, default: 32),
      .int("min_samples_leaf", 1, 32, log: true, default: 1),
      .categorical("max_features", ["sqrt", "log2", "all"], default: "all"),
      .categorical("criterion", ["gini", "entropy"], default: "gini"),
    ]))

  /// `extra_trees`: the forest dimensions of ``randomForest``, without bootstrap.
  public static let extraTrees = TuningSpace(
    learner: "extra_trees", space: randomForest.space, fixed: ["bootstrap": .categorical("false")])

  /// `gaussian_nb`: the variance smoothing (scikit-learn's default 1e-9 inside the range).
  public static let gaussianNB = TuningSpace(
    learner: "gaussian_nb",
    space: fixedSpace([.float("var_smoothing", 1e-12, 1e-1, log: true, default: 1e-9)]))

  /// A space written in this file: valid by construction.
  private static func fixedSpace(_ parameters: [Parameter]) -> SearchSpace {
    do {
      return try SearchSpace(parameters)
    } catch {
      preconditionFailure("corpus search space is invalid: \(error)")
    }
  }
}
