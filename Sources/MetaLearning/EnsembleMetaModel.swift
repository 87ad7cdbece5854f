import Linalg

/// An equal-weight ensemble of meta-models, by default the MLP and the random forest.
///
/// Treating the members as an equal mixture, the prediction is their mean and the variance is
/// the mean of their variances plus the variance of their means (law of total variance):
/// ```
/// mean = (1/M) Σₘ μₘ        sd = sqrt( (1/M) Σₘ σₘ² + (1/M) Σₘ (μₘ − mean)² )
/// ```
/// so members that disagree raise the uncertainty even when each is confident.
public struct EnsembleMetaModel: MetaModel, Codable {
  /// The members, each fitted on the same rows.
  public let members: [MetaRegressor]

  /// An ensemble of fitted members.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when `members` is empty.
  public init(members: [MetaRegressor]) throws(MetaLearningError) {
    guard !members.isEmpty else { throw .invalidInput("an ensemble needs at least one member") }
    self.members = members
  }

  /// Fits an MLP and a random forest on `x` and `y` and combines them.
  ///
  /// - Throws: the members' ``MetaLearningError/invalidInput(_:)``.
  public init(
    fitting x: Matrix<Double>, _ y: [Double], mlp: MLPMetaRegressor.Settings = .init(),
    forest: ForestMetaRegressor.Settings = .init()
  ) throws(MetaLearningError) {
    try self.init(members: [
      .mlp(try MLPMetaRegressor(fitting: x, y, settings: mlp)),
      .forest(try ForestMetaRegressor(fitting: x, y, settings: forest)),
    ])
  }

  /// The members' mean prediction and the mixture's sd for each row.
  ///
  /// - Throws: the members' ``MetaLearningError/invalidInput(_:)``.
  public func predict(_ rows: Matrix<Double>) throws(MetaLearningError) -> [ScorePrediction] {
    var all: [[ScorePrediction]] = []
    for m in members { all.append(try m.predict(rows)) }
    let count = Double(members.count)
    return (0..<rows.rows).map { i in
      let mean = all.reduce(0) { $0 + $1[i].mean } / count
      let variance = all.reduce(0) { $0 + $1[i].sd * $1[i].sd + ($1[i].mean - mean) * ($1[i].mean - mean) } / count
      return ScorePrediction(mean: mean, sd: variance.squareRoot())
    }
  }
}
