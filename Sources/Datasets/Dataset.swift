import Linalg

/// The kind of one feature column.
public enum FeatureKind: Sendable, Equatable, Hashable {
  /// A real-valued column; missing values are `NaN`.
  case numeric
  /// A nominal column. Its values are stored as the zero-based index into `categories`
  /// (as a `Double`); missing values are `NaN`.
  case categorical(categories: [String])

  /// `true` for `.categorical`.
  public var isCategorical: Bool {
    if case .categorical = self { return true }
    return false
  }
}

/// A classification dataset: a numeric feature matrix, per-feature kinds and a class target.
///
/// Missing feature values are `NaN` in `features`. Categorical features hold category
/// indices (0, 1, 2, …) as `Double`s; their names are in `featureKinds`.
public struct Dataset: Sendable, Equatable {
  /// Short name used by the registry and reports (`iris`, `wine`, …).
  public var name: String
  /// Where the data came from (a file path or a collection such as `scikit-learn`).
  public var source: String
  /// `rows × features` values; `NaN` marks a missing value.
  public var features: Matrix<Double>
  /// One name per feature column.
  public var featureNames: [String]
  /// One kind per feature column.
  public var featureKinds: [FeatureKind]
  /// Name of the target column.
  public var targetName: String
  /// Class labels in order of their index.
  public var classNames: [String]
  /// One class index (`0..<classNames.count`) per row.
  public var target: [Int]

  /// Creates a dataset; see the properties for the meaning of each argument.
  ///
  /// - Precondition: the shapes agree (`features.rows == target.count`, one name and kind
  ///   per column, every target index is a valid class index). Readers check user data
  ///   before building a `Dataset`, so this only fires on programming errors.
  public init(
    name: String, source: String, features: Matrix<Double>, featureNames: [String],
    featureKinds: [FeatureKind], targetName: String, classNames: [String], target: [Int]
  ) {
    precondition(features.rows == target.count, "features has \(features.rows) rows, target \(target.count)")
    precondition(
      featureNames.count == features.columns && featureKinds.count == features.columns,
      "one name and one kind per feature column")
    precondition(target.allSatisfy { $0 >= 0 && $0 < classNames.count }, "target index out of range")
    self.name = name
    self.source = source
    self.features = features
    self.featureNames = featureNames
    self.featureKinds = featureKinds
    self.targetName = targetName
    self.classNames = classNames
    self.target = target
  }

  /// Number of rows (instances).
  public var rowCount: Int { features.rows }
  /// Number of feature columns (the target excluded).
  public var featureCount: Int { features.columns }
  /// Number of classes.
  public var classCount: Int { classNames.count }

  /// How many rows each class has, indexed by class index.
  public var classCounts: [Int] {
    var counts = Array(repeating: 0, count: classNames.count)
    for t in target { counts[t] += 1 }
    return counts
  }

  /// Number of missing (`NaN`) feature values.
  public var missingCount: Int { features.storage.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }

  /// A new dataset holding the given rows, in order (rows may repeat).
  public func subset(rows indices: [Int]) -> Dataset {
    var copy = self
    copy.features = features.rows(indices)
    copy.target = indices.map { target[$0] }
    return copy
  }
}
