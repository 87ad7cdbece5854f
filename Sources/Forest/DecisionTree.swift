import Linalg

/// A CART decision tree with scikit-learn's semantics (Breiman, Friedman, Olshen & Stone 1984).
///
/// `DecisionTree<Int>` is a classifier (scikit-learn's `DecisionTreeClassifier`): leaves hold the
/// weighted class fractions of their training rows and `predictProbabilities` returns them.
/// `DecisionTree<Double>` is a regressor (`DecisionTreeRegressor`): leaves hold the weighted mean.
/// A node of `m` rows is split on the examined threshold with the largest impurity decrease,
/// unless depth ≥ `maxDepth`, `m < minSamplesSplit`, `m < 2·minSamplesLeaf`, the node is pure,
/// no valid split exists, or the weighted decrease is below `minImpurityDecrease`.
///
/// ```swift
/// var tree = DecisionTree<Int>(criterion: .entropy, maxDepth: 3, seed: 7)
/// try tree.fit(x, labels, classCount: 3)
/// let p = try tree.predictProbabilities(rows)   // rows × 3, each row sums to 1
/// ```
///
/// Features stay `Double` (scikit-learn casts them to `Float32` before fitting), so a threshold can
/// differ from scikit-learn's in the last digits. The fitted tree is stored as flat arrays
/// (feature, threshold, left, right, value offsets), so a `DecisionTree` is a plain `Sendable` value.
public struct DecisionTree<Target: TreeTarget>: Sendable, Equatable {
  /// The hyperparameters used by the next `fit`.
  public var parameters: TreeParameters
  /// The seed of the generator that orders features at each node (scikit-learn's `random_state`).
  public var seed: UInt64
  /// The number of features seen by the last `fit` (0 before fitting).
  public private(set) var featureCount = 0
  /// The number of classes of a fitted classifier; 0 for regressors and before fitting.
  public private(set) var classCount = 0
  /// The fitted nodes; `nil` before `fit`.
  var nodes: FittedTree?

  /// Creates an unfitted tree.
  init(parameters: TreeParameters, seed: UInt64) {
    self.parameters = parameters
    self.seed = seed
  }

  /// The fitted tree as flat arrays (scikit-learn's `tree_`), `nil` before `fit`.
  public var fittedTree: FittedTree? { nodes }

  /// Whether `fit` has succeeded.
  public var isFitted: Bool { nodes != nil }

  /// The number of nodes (internal and leaves) of the fitted tree; 0 before fitting.
  public var nodeCount: Int { nodes?.nodeCount ?? 0 }

  /// The number of leaves of the fitted tree; 0 before fitting.
  public var leafCount: Int { nodes.map { $0.left.lazy.filter { $0 < 0 }.count } ?? 0 }

  /// The depth of the fitted tree (a single leaf has depth 0).
  public var depth: Int { nodes?.depth ?? 0 }

  /// Mean decrease in impurity per feature, normalised to sum 1 (scikit-learn's
  /// `feature_importances_`); all zeros when the tree is a single leaf, empty before fitting.
  ///
  /// Each split adds `W_t·I_t − W_L·I_L − W_R·I_R` (weights `W`, impurities `I`) to its feature.
  public var featureImportances: [Double] { nodes?.featureImportances(featureCount: featureCount) ?? [] }

  /// One node of a fitted tree, as scikit-learn's `tree_` arrays describe it.
  public struct Node: Sendable, Equatable {
    /// The split feature (0-based), `nil` at a leaf.
    public let feature: Int?
    /// The split threshold: rows with `x[feature] <= threshold` go left.
    public let threshold: Double
    /// Index of the left child, `nil` at a leaf.
    public let left: Int?
    /// Index of the right child, `nil` at a leaf.
    public let right: Int?
    /// Impurity of the node's training rows under the criterion (≥ 0).
    public let impurity: Double
    /// Number of distinct training rows in the node.
    public let sampleCount: Int
    /// Sum of training weights in the node.
    public let weightedSampleCount: Double
    /// The node's prediction: class fractions (classifier) or the mean target (regressor).
    public let value: [Double]
  }

  /// The fitted node at `index` (0 is the root; children have larger indices).
  ///
  /// - Precondition: the tree is fitted and `0 ≤ index < nodeCount`.
  public func node(at index: Int) -> Node {
    guard let nodes else { preconditionFailure("DecisionTree.node(at:) called before fit") }
    precondition(index >= 0 && index < nodes.nodeCount, "node index \(index) out of range 0..<\(nodes.nodeCount)")
    let isLeaf = nodes.left[index] < 0
    let k = nodes.outputCount
    return Node(
      feature: isLeaf ? nil : Int(nodes.feature[index]),
      threshold: nodes.threshold[index],
      left: isLeaf ? nil : Int(nodes.left[index]),
      right: isLeaf ? nil : Int(nodes.right[index]),
      impurity: nodes.impurity[index],
      sampleCount: Int(nodes.samples[index]),
      weightedSampleCount: nodes.weightedSamples[index],
      value: Array(nodes.values[(index * k)..<((index + 1) * k)]))
  }

  /// Fits the tree to validated data, drawing from `generator`; `weights` overrides the data's.
  mutating func fit(
    data: TrainingData, weights: [Double]?, generator: inout SeededGenerator
  ) throws(ForestError) {
    let resolved = try parameters.validated(featureCount: data.featureCount, classification: data.isClassification)
    fit(data: data, resolved: resolved, weights: weights, generator: &generator)
  }

  /// Fits the tree with hyperparameters already validated for `data`.
  mutating func fit(
    data: TrainingData, resolved: ResolvedTreeParameters, weights: [Double]?, generator: inout SeededGenerator,
    scikitLearnSeed: UInt32? = nil, presortOrder: (order: FeatureOrder, local: [Int32])? = nil
  ) {
    let builder = TreeBuilder(data: data, parameters: resolved, weights: weights)
    builder.presortOrder = presortOrder
    builder.scikitLearn = scikitLearnSeed.map { ScikitLearnFeatureDraw(seed: $0, featureCount: data.featureCount) }
    nodes = builder.build(using: &generator)
    featureCount = data.featureCount
    classCount = data.classCount
  }

  /// Checks `x` against the fitted feature count and for non-finite values.
  func checkPredictionInput(_ x: Matrix<Double>) throws(ForestError) {
    precondition(isFitted, "DecisionTree used for prediction before fit")
    guard x.columns == featureCount else { throw .featureCountMismatch(expected: featureCount, got: x.columns) }
    if let k = x.storage.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteFeature(row: k / x.columns, column: k % x.columns)
    }
  }

  /// Adds `scale` times each row's leaf value to `out` (`x.rows × outputCount`, row-major).
  ///
  /// - Complexity: O(rows · (depth + outputCount)).
  func addLeafValues(of x: Matrix<Double>, scale: Double, into out: UnsafeMutablePointer<Double>) {
    guard let nodes else { return }
    let k = nodes.outputCount
    x.storage.withUnsafeBufferPointer { rows in
      nodes.values.withUnsafeBufferPointer { values in
        guard let base = rows.baseAddress else { return }
        for i in 0..<x.rows {
          let leaf = nodes.leaf(for: base + i * x.columns)
          for c in 0..<k { out[i * k + c] += scale * values[leaf * k + c] }
        }
      }
    }
  }

  /// The leaf values of every row of `x`, as a `rows × outputCount` matrix.
  func leafValues(of x: Matrix<Double>) -> Matrix<Double> {
    let k = nodes?.outputCount ?? 1
    var out = Matrix<Double>(rows: x.rows, columns: k)
    out.storage.withUnsafeMutableBufferPointer { buffer in
      if let base = buffer.baseAddress { addLeafValues(of: x, scale: 1, into: base) }
    }
    return out
  }
}
