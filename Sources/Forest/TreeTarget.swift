/// The kind of target a tree model predicts: `Int` class labels or `Double` regression values.
///
/// `DecisionTree<Int>`, `RandomForest<Int>` and `ExtraTrees<Int>` are classifiers (scikit-learn's
/// `*Classifier`); with `Double` they are regressors. Only `Int` and `Double` conform.
public protocol TreeTarget: Sendable, Equatable {
  /// Whether models with this target are classifiers.
  static var isClassification: Bool { get }
}

extension Int: TreeTarget {
  /// `true`: `Int` targets are class labels in `0..<classCount`.
  public static var isClassification: Bool { true }
}

extension Double: TreeTarget {
  /// `false`: `Double` targets are regression values.
  public static var isClassification: Bool { false }
}
