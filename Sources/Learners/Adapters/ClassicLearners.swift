import Foundation
import Linalg
import Models
import Search

extension LearnerCatalog {
  /// SVM, logistic regression, kNN and Gaussian naive Bayes.
  static var classicLearners: [any Learner] {
    [SVMLearner(), LogisticRegressionLearner(), KNeighborsLearner(), GaussianNBLearner()]
  }
}

/// A fitted model of `Models/` that predicts class indices.
protocol ClassPredictor: Sendable {
  func predict(_ x: Matrix<Double>) throws(ModelError) -> [Int]
}

extension SupportVectorClassifier.Fitted: ClassPredictor {}
extension LogisticRegression.Fitted: ClassPredictor {}
extension KNeighborsClassifier.Fitted: ClassPredictor {}
extension GaussianNaiveBayes.Fitted: ClassPredictor {}

/// A model of `Models/` wrapped as a ``TrainedModel``.
struct ClassicModel<Fitted: ClassPredictor>: TrainedModel {
  let learner: String
  let fitted: Fitted

  /// Fits with `body`, mapping the model's errors to ``LearnerError``.
  static func fit(
    learner: String, _ body: () throws(ModelError) -> Fitted
  ) throws(LearnerError) -> ClassicModel {
    do {
      return ClassicModel(learner: learner, fitted: try body())
    } catch {
      throw .model(error, learner: learner)
    }
  }

  func predict(_ x: Matrix<Double>) throws(LearnerError) -> [Int] {
    do {
      return try fitted.predict(x)
    } catch {
      throw .underlying(learner: learner, message: "\(error)")
    }
  }
}

extension LearnerError {
  /// A model's error: invalid hyperparameters become configuration errors, named as the learner
  /// names them (the model's `nNeighbors` is the learner's `n_neighbors`); the rest data errors.
  static func model(_ error: ModelError, learner: String) -> LearnerError {
    if case .invalidHyperparameter(let name, let value, let requirement) = error {
      let snake = snakeCase(name)
      let renamed = ModelError.invalidHyperparameter(
        name: snake, value: value, requirement: requirement.replacingOccurrences(of: name, with: snake))
      return .invalidConfiguration(learner: learner, reason: "\(renamed)")
    }
    return .underlying(learner: learner, message: "\(error)")
  }

  /// `nNeighbors` → `n_neighbors`; a one-letter name (`C`) stays as it is.
  static func snakeCase(_ name: String) -> String {
    guard name.count > 1 else { return name }
    var out = ""
    for ch in name {
      if ch.isUppercase {
        out += "_" + ch.lowercased()
      } else {
        out.append(ch)
      }
    }
    return out
  }
}

/// A support vector classifier (`svm`), scikit-learn's `SVC`: `C=1`, `kernel="rbf"`,
/// `gamma="scale"` (1/(n_features·Var(X))), `tol=1e-3`, `shrinking=True`, one-vs-one for several
/// classes. `gamma` is `scale`, `auto` (1/n_features) or `value` (then `gamma_value` is used);
/// `degree` and `coef0` apply to the polynomial and sigmoid kernels.
public struct SVMLearner: Learner {
  public let name = "svm"
  public let needsStandardization = true
  public let iterationKind: Resource.Kind? = nil
  public let searchSpace = SearchSpace.builtIn([
    .float("C", 1e-6, 1e6, log: true, default: 1),
    .categorical("kernel", ["rbf", "linear", "poly", "sigmoid"], default: "rbf"),
    .categorical("gamma", ["scale", "auto", "value"], default: "scale", when: Condition("kernel", isAnyOf: ["rbf", "poly", "sigmoid"])),
    .float("gamma_value", 1e-8, 1e4, log: true, default: 0.1, when: Condition("gamma", is: "value")),
    .int("degree", 1, 10, default: 3, when: Condition("kernel", is: "poly")),
    .float("coef0", -100, 100, default: 0, when: Condition("kernel", isAnyOf: ["poly", "sigmoid"])),
    .float("tol", 1e-12, 1, log: true, default: 1e-3),
    .categorical("shrinking", ["true", "false"], default: "true"),
  ])

  /// The learner with its default space.
  public init() {}

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let c = ConfigurationReader(config, learner: name)
    var gamma = SVMGamma.scale
    if let g = c.optional("gamma") {
      switch g.description {
      case "auto": gamma = .auto
      case "value": gamma = .value(try c.double("gamma_value"))
      default: gamma = .scale
      }
    }
    let kernel: SVMKernel
    switch try c.string("kernel") {
    case "linear": kernel = .linear
    case "poly": kernel = .poly(degree: try c.int("degree"), gamma: gamma, coef0: try c.double("coef0"))
    case "sigmoid": kernel = .sigmoid(gamma: gamma, coef0: try c.double("coef0"))
    default: kernel = .rbf(gamma: gamma)
    }
    let model = SupportVectorClassifier(
      kernel: kernel, c: try c.double("C"), tol: try c.double("tol"), shrinking: try c.string("shrinking") == "true")
    return try ClassicModel.fit(learner: name) { () throws(ModelError) in try model.fit(x, y, classCount: classCount) }
  }
}

/// L2-regularised multinomial logistic regression (`logistic_regression`), scikit-learn's
/// `LogisticRegression`: `C=1`, L-BFGS, `max_iter=100`, `tol=1e-4`.
public struct LogisticRegressionLearner: Learner {
  public let name = "logistic_regression"
  public let needsStandardization = true
  public let iterationKind: Resource.Kind? = nil
  public let searchSpace = SearchSpace.builtIn([
    .float("C", 1e-6, 1e6, log: true, default: 1),
    .int("max_iter", 1, 100_000, log: true, default: 100),
    .float("tol", 1e-12, 1, log: true, default: 1e-4),
  ])

  /// The learner with its default space.
  public init() {}

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let c = ConfigurationReader(config, learner: name)
    let model = LogisticRegression(c: try c.double("C"), maxIter: try c.int("max_iter"), tol: try c.double("tol"))
    return try ClassicModel.fit(learner: name) { () throws(ModelError) in try model.fit(x, y, classCount: classCount) }
  }
}

/// k-nearest neighbours (`knn`), scikit-learn's `KNeighborsClassifier`: `n_neighbors=5`,
/// `weights="uniform"`, Minkowski `p=2` (Euclidean; `p=1` Manhattan), brute force.
public struct KNeighborsLearner: Learner {
  public let name = "knn"
  public let needsStandardization = true
  public let iterationKind: Resource.Kind? = nil
  public let searchSpace = SearchSpace.builtIn([
    .int("n_neighbors", 1, 10_000, log: true, default: 5),
    .categorical("weights", ["uniform", "distance"], default: "uniform"),
    .int("p", 1, 2, default: 2),
  ])

  /// The learner with its default space.
  public init() {}

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let c = ConfigurationReader(config, learner: name)
    let model = KNeighborsClassifier(
      nNeighbors: try c.int("n_neighbors"), weights: try c.string("weights") == "distance" ? .distance : .uniform,
      p: try c.int("p"))
    return try ClassicModel.fit(learner: name) { () throws(ModelError) in try model.fit(x, y, classCount: classCount) }
  }
}

/// Gaussian naive Bayes (`gaussian_nb`), scikit-learn's `GaussianNB`: `var_smoothing=1e-9`.
public struct GaussianNBLearner: Learner {
  public let name = "gaussian_nb"
  public let needsStandardization = false
  public let iterationKind: Resource.Kind? = nil
  public let searchSpace = SearchSpace.builtIn([
    .float("var_smoothing", 1e-15, 1, log: true, default: 1e-9)
  ])

  /// The learner with its default space.
  public init() {}

  public func fit(
    _ x: Matrix<Double>, _ y: [Int], classCount: Int, config: Configuration, budget: Budget,
    seed: UInt64, monitor: (x: Matrix<Double>, y: [Int])?
  ) throws(LearnerError) -> any TrainedModel {
    let c = ConfigurationReader(config, learner: name)
    let model = GaussianNaiveBayes(varSmoothing: try c.double("var_smoothing"))
    return try ClassicModel.fit(learner: name) { () throws(ModelError) in try model.fit(x, y, classCount: classCount) }
  }
}
