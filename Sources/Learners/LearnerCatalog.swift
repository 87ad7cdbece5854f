/// The learners by command-line name.
public enum LearnerCatalog {
  /// Every learner, in the order `metaprobe` lists them.
  public static var all: [any Learner] {
    [
      MLPLearner(), CNNLearner(), DecisionTreeLearner(), ForestLearner(.randomForest), ForestLearner(.extraTrees),
    ] + classicLearners
  }

  /// The command-line names, in order.
  public static var names: [String] { all.map(\.name) }

  /// The learner called `name`.
  ///
  /// - Throws: ``LearnerError/unknownLearner(_:available:)`` listing the names.
  public static func learner(named name: String) throws(LearnerError) -> any Learner {
    guard let learner = all.first(where: { $0.name == name }) else {
      throw .unknownLearner(name, available: names)
    }
    return learner
  }
}
