import Datasets
import Linalg
import Search

/// A learner with its default preprocessing: median/most-frequent imputation, one-hot encoding
/// of categorical columns and, for scale-sensitive learners, standardisation — all fitted on the
/// training rows only, inside each fold.
public struct Pipeline: Sendable {
  /// The learner at the end of the pipeline.
  public let learner: any Learner

  /// A pipeline ending in `learner`.
  public init(_ learner: any Learner) { self.learner = learner }

  /// A complete configuration: the learner's defaults overridden by `overrides`.
  ///
  /// Parameters made active by an override (e.g. `momentum` once `solver=sgd`) take their default;
  /// parameters made inactive are dropped.
  /// - Throws: ``LearnerError/invalidConfiguration(learner:reason:)`` for an unknown name (with
  ///   suggestions), a value of the wrong type or out of range, or an override of an inactive
  ///   parameter.
  public func configuration(_ overrides: Configuration = Configuration()) throws(LearnerError) -> Configuration {
    let space = learner.searchSpace
    do {
      for (name, _) in overrides.pairs where space.parameter(named: name) == nil {
        throw SearchError.unknownParameter(name, suggestions: space.suggestions(for: name))
      }
      var resolved = Configuration()
      for p in space.parameters where space.isActive(p, in: resolved) {
        resolved[p.name] = overrides[p.name] ?? p.defaultValue ?? p.centre
      }
      for (name, _) in overrides.pairs where resolved[name] == nil {
        throw SearchError.inactiveParameter(name)
      }
      try space.validate(resolved)
      return resolved
    } catch {
      throw .wrap(error, learner: learner.name)
    }
  }

  /// A complete configuration from `name=value` strings, as given to `--set`.
  public func configuration(parsing assignments: [String]) throws(LearnerError) -> Configuration {
    do {
      let parsed = try learner.searchSpace.configuration(parsing: assignments)
      var overrides = Configuration()
      for assignment in assignments {
        let name = String(assignment.prefix { $0 != "=" }).trimmingCharacters(in: .whitespaces)
        overrides[name] = parsed[name]
      }
      return try configuration(overrides)
    } catch {
      throw .wrap(error, learner: learner.name)
    }
  }

  /// Trains the pipeline on `rows` of `data`.
  ///
  /// - Parameters:
  ///   - data: the dataset.
  ///   - rows: the training rows.
  ///   - config: overrides of the learner's defaults (completed by ``configuration(_:)``).
  ///   - budget: the data fraction is drawn from `rows` as a nested stratified subsample seeded by
  ///     `seed` (so smaller budgets see subsets of larger ones); the iteration fraction goes to the
  ///     learner.
  ///   - seed: seed of every random choice.
  ///   - monitorRows: rows whose loss and accuracy the learning curve reports (never trained on).
  /// - Throws: ``LearnerError``.
  public func fit(
    on data: Dataset, rows: [Int], config: Configuration = Configuration(), budget: Budget = .full,
    seed: UInt64 = 0, monitorRows: [Int]? = nil
  ) throws(LearnerError) -> FittedPipeline {
    let full = try configuration(config)
    // A dataset whose target has one class teaches nothing (every prediction is that class, so
    // accuracy would read 1.0): refuse it, naming the dataset and the class.
    if let first = data.target.first, !data.target.contains(where: { $0 != first }) {
      throw .notEnoughData(
        "\(data.name): the target '\(data.targetName)' has one class ('\(data.classNames[first])'); a classifier needs two or more")
    }
    var rows = rows
    if budget.dataFraction < 1 {
      var generator = SeededGenerator(seed: seed ^ 0x5EED_DA7A)
      let labels = rows.map { data.target[$0] }
      let subsample = NestedSubsample(labels: labels, using: &generator)
      rows = subsample.rows(fraction: budget.dataFraction).sorted().map { rows[$0] }
    }
    guard !rows.isEmpty else { throw .notEnoughData("no training rows") }
    let training = data.subset(rows: rows)
    let all = Array(training.target.indices)
    let imputer = Imputer(fitting: training, rows: all)
    let imputed = imputer.transform(training)
    let encoder = OneHotEncoder(fitting: imputed, rows: all)
    let encoded = encoder.transform(imputed)
    let standardizer = learner.needsStandardization ? Standardizer(fitting: encoded, rows: all) : nil
    let prepared = standardizer?.transform(encoded) ?? encoded
    var fitted = FittedPipeline(
      learnerName: learner.name, configuration: full, imputer: imputer, encoder: encoder,
      standardizer: standardizer, model: nil, trainingRows: rows)
    let monitor = monitorRows.map { (x: fitted.matrix(of: data, rows: $0), y: $0.map { data.target[$0] }) }
    fitted.model = try learner.fit(
      prepared.features, prepared.target, classCount: data.classCount, config: full, budget: budget,
      seed: seed, monitor: monitor)
    return fitted
  }
}

/// A trained pipeline: the fitted preprocessing steps and model.
public struct FittedPipeline: Sendable {
  /// The learner's command-line name.
  public let learnerName: String
  /// The complete configuration it was trained with.
  public let configuration: Configuration
  let imputer: Imputer
  let encoder: OneHotEncoder
  let standardizer: Standardizer?
  var model: (any TrainedModel)?
  /// The rows it was trained on (after the budget's data fraction).
  public let trainingRows: [Int]

  /// The trained model (a ``NetworkModel`` for networks, for probes), nil before fitting.
  public var trainedModel: (any TrainedModel)? { model }

  /// The learning curve the model saw (empty for learners without epochs).
  public var learningCurve: [LearningCurvePoint] { model?.learningCurve ?? [] }

  /// `rows` of `data` transformed by the fitted preprocessing steps.
  public func matrix(of data: Dataset, rows: [Int]) -> Matrix<Double> {
    let encoded = encoder.transform(imputer.transform(data.subset(rows: rows)))
    return (standardizer?.transform(encoded) ?? encoded).features
  }

  /// Predicted class indices for `rows` of `data`.
  public func predict(_ data: Dataset, rows: [Int]) throws(LearnerError) -> [Int] {
    guard let model else { throw .underlying(learner: learnerName, message: "model not fitted") }
    return try model.predict(matrix(of: data, rows: rows))
  }

  /// Accuracy on `rows` of `data`, in [0, 1].
  public func accuracy(on data: Dataset, rows: [Int]) throws(LearnerError) -> Double {
    guard !rows.isEmpty else { return .nan }
    let predicted = try predict(data, rows: rows)
    let correct = zip(predicted, rows).filter { $0 == data.target[$1] }.count
    return Double(correct) / Double(rows.count)
  }
}
