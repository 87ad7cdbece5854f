import Search

/// The optimisation hyperparameters both network learners share, with scikit-learn's
/// `MLPClassifier` names and defaults (`solver=adam`, `learning_rate_init=1e-3`, `alpha=1e-4`,
/// `batch_size=200` → min(200, n), `max_iter=200`, `tol=1e-4`, `n_iter_no_change=10`,
/// `momentum=0.9` and `nesterovs_momentum=True` for SGD), plus `lr_schedule` (constant, cosine,
/// step: ×0.1 every third of the epochs) and `dropout`, which scikit-learn lacks.
enum NetworkSpace {
  static func optimisation(
    learningRate: Double = 1e-3, batchSize: Int = 200, maxIter: Int = 200
  ) -> [Parameter] {
    [
      .categorical("solver", ["adam", "sgd"], default: "adam"),
      .float("learning_rate_init", 1e-5, 1, log: true, default: learningRate),
      .int("batch_size", 1, 4096, log: true, default: batchSize),
      .float("alpha", 1e-10, 10, log: true, default: 1e-4),
      .float("momentum", 0, 0.999, default: 0.9, when: Condition("solver", is: "sgd")),
      .categorical("nesterovs_momentum", ["true", "false"], default: "true", when: Condition("solver", is: "sgd")),
      .categorical("lr_schedule", ["constant", "cosine", "step"], default: "constant"),
      .int("max_iter", 1, 10_000, log: true, default: maxIter),
      .float("tol", 0, 1, default: 1e-4),
      .int("n_iter_no_change", 1, 10_000, log: true, default: 10),
    ]
  }
}
