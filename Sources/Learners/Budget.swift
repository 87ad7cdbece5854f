import Search

/// How much of a learner's full training budget one fit may use.
///
/// A budget is a resource level as the schedulers hand it out (DESIGN.md, "Resource levels"):
/// `dataFraction` of the training rows (drawn as a nested stratified subsample, so that the
/// 25 % subset contains the 12.5 % subset) and `iterationFraction` of the learner's iterations —
/// epochs for networks, trees for forests; learners without iterations ignore it.
public struct Budget: Sendable, Hashable, Codable {
  /// Fraction of the training rows, 0 < f ≤ 1.
  public var dataFraction: Double
  /// Fraction of the configured epochs or trees, 0 < f ≤ 1 (at least one is always used).
  public var iterationFraction: Double

  /// A budget of the given fractions.
  ///
  /// - Throws: ``LearnerError/invalidBudget(_:)`` when a fraction is outside (0, 1].
  public init(dataFraction: Double = 1, iterationFraction: Double = 1) throws(LearnerError) {
    for (name, f) in [("data fraction", dataFraction), ("iteration fraction", iterationFraction)]
    where !(f > 0 && f <= 1) {
      throw .invalidBudget("\(name) must be in (0, 1], got \(f)")
    }
    self.dataFraction = dataFraction
    self.iterationFraction = iterationFraction
  }

  /// The whole budget.
  public static let full = Budget(uncheckedData: 1, iterations: 1)

  private init(uncheckedData: Double, iterations: Double) {
    dataFraction = uncheckedData
    iterationFraction = iterations
  }

  /// The budget at resource level `level` (0 < level ≤ 1) of `kind`: a data fraction, or a fraction
  /// of the epochs or trees.
  ///
  /// - Throws: ``LearnerError/invalidBudget(_:)`` when `level` is outside (0, 1].
  public init(level: Double, of kind: Resource.Kind) throws(LearnerError) {
    switch kind {
    case .dataFraction: try self.init(dataFraction: level)
    case .epochs, .trees: try self.init(iterationFraction: level)
    }
  }

  /// `full · iterationFraction`, rounded, at least 1.
  public func iterations(of full: Int) -> Int {
    max(1, Int((Double(full) * iterationFraction).rounded()))
  }
}
