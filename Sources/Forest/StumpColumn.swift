import Linalg

/// One feature's values sorted once, with the rows' class labels, for fitting many depth-1
/// classification trees (stumps) on subsets of the rows, such as the training rows of each
/// cross-validation fold.
///
/// A stump from ``stump(trainingRows:)`` predicts exactly as
/// `DecisionTree<Int>(maxDepth: 1)` fitted with `fit(_:_:classCount:scikitLearnSeed:)` (any
/// seed) on the one-column matrix of those rows: with one feature, scikit-learn's best splitter
/// scans that feature's sorted values, keeps the first threshold of largest Gini proxy
/// improvement (the midpoint of two consecutive distinct values) and each leaf predicts the first
/// class of largest fraction. Sorting once and filtering the sorted order by fold membership
/// replaces each fit's sort by one O(n) pass.
public struct StumpColumn: Sendable {
  /// The values, per row.
  public let values: [Double]
  /// Class labels in `0..<classCount`, per row.
  let labels: [Int32]
  let classCount: Int
  /// Rows in ascending order of value.
  let order: [Int32]

  /// Sorts the column.
  ///
  /// - Parameters:
  ///   - values: `n` ≥ 1 finite values (round them through `Float` to match scikit-learn's float32 cast).
  ///   - labels: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes K ≥ 1.
  /// - Throws: `ForestError.emptyData`, `.nonFiniteFeature` (column 0), `.rowCountMismatch` or
  ///   `.labelOutOfRange`, as a tree fitted on all rows would.
  /// - Complexity: O(n log n).
  public init(values: [Double], labels: [Int], classCount: Int) throws(ForestError) {
    try self.init(values: values, labels: labels, classCount: classCount) {
      (0..<Int32(values.count)).sorted { values[Int($0)] < values[Int($1)] }
    }
  }

  /// Column `column` of `x` with its order taken from `order` (made from `x`), not sorted again.
  ///
  /// - Parameters:
  ///   - x: `n × p` features (round them through `Float` to match scikit-learn's float32 cast).
  ///   - column: a feature in `0..<p`.
  ///   - order: `FeatureOrder(x)`.
  ///   - labels: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes K ≥ 1.
  /// - Throws: as ``init(values:labels:classCount:)``, and `.rowCountMismatch` when `order` was
  ///   not made from a matrix of `x`'s shape, `.invalidParameter` for a column out of range.
  /// - Complexity: O(n).
  public init(
    _ x: Matrix<Double>, column: Int, order: FeatureOrder, labels: [Int], classCount: Int
  ) throws(ForestError) {
    guard order.rowCount == x.rows, order.featureCount == x.columns else {
      throw .rowCountMismatch(what: "order", expected: x.rows, got: order.rowCount)
    }
    guard column >= 0, column < x.columns else {
      throw .invalidParameter(name: "column", value: "\(column)", requirement: "0 ≤ column < \(x.columns)")
    }
    let n = x.rows
    try self.init(values: (0..<n).map { x[$0, column] }, labels: labels, classCount: classCount) {
      Array(order.rows[(column * n)..<((column + 1) * n)])
    }
  }

  /// Validates the column and keeps the order `sorted()` gives (rows in ascending order of value).
  private init(
    values: [Double], labels: [Int], classCount: Int, sorted: () -> [Int32]
  ) throws(ForestError) {
    guard !values.isEmpty else { throw .emptyData(rows: 0, columns: 1) }
    if let row = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteFeature(row: row, column: 0) }
    guard labels.count == values.count else {
      throw .rowCountMismatch(what: "y", expected: values.count, got: labels.count)
    }
    guard classCount >= 1 else {
      throw .invalidParameter(name: "classCount", value: "\(classCount)", requirement: "classCount ≥ 1")
    }
    for (row, label) in labels.enumerated() where label < 0 || label >= classCount {
      throw .labelOutOfRange(row: row, label: label, classCount: classCount)
    }
    self.values = values
    self.labels = labels.map { Int32($0) }
    self.classCount = classCount
    order = sorted()
  }

  /// The stump `DecisionTree<Int>(maxDepth: 1)` fits on the rows `trainingRows` (a row listed
  /// twice counts twice, as in a matrix holding it twice).
  ///
  /// - Throws: `ForestError.emptyData` when `trainingRows` is empty.
  /// - Precondition: every row is in `0..<values.count`.
  /// - Complexity: O(n + m·K) for `n` rows in all, `m` training rows and `K` classes.
  public func stump(trainingRows: [Int]) throws(ForestError) -> ColumnStump {
    guard !trainingRows.isEmpty else { throw .emptyData(rows: 0, columns: 1) }
    let n = values.count
    let k = classCount
    var multiplicity = [Int32](repeating: 0, count: n)
    for row in trainingRows { multiplicity[row] += 1 }
    // The training rows' values and labels in ascending order of value.
    var sortedValues = [Double]()
    var sortedLabels = [Int32]()
    sortedValues.reserveCapacity(trainingRows.count)
    sortedLabels.reserveCapacity(trainingRows.count)
    var nodeCounts = [Double](repeating: 0, count: k)
    for s in order {
      let row = Int(s)
      for _ in 0..<multiplicity[row] {
        sortedValues.append(values[row])
        sortedLabels.append(labels[row])
        nodeCounts[Int(labels[row])] += 1
      }
    }
    let m = sortedValues.count
    let weight = Double(m)
    let impurity = giniImpurity(squares: sumOfSquares(nodeCounts), weight: weight)
    let rootClass = Self.argmax(nodeCounts, weight: weight)
    let leaf = ColumnStump(threshold: .infinity, left: rootClass, right: rootClass)
    guard m >= 2, impurity > TreeBuilder.epsilon,
      sortedValues[m - 1] > sortedValues[0] + TreeBuilder.featureTolerance
    else { return leaf }

    // `TreeBuilder.scanIntegerWeightClasses` with unit weights.
    var leftCounts = [Double](repeating: 0, count: k)
    var tally = [Int](repeating: 0, count: k)
    var bestProxy = -Double.infinity
    var threshold = Double.infinity
    var i = 0
    while true {
      var j = i + 1
      while j < m && sortedValues[j] <= sortedValues[j - 1] + TreeBuilder.featureTolerance { j += 1 }
      guard j < m else { break }
      for r in i..<j { tally[Int(sortedLabels[r])] += 1 }
      i = j
      for c in 0..<k { leftCounts[c] = Double(tally[c]) }
      let leftWeight = Double(j)
      let rightWeight = weight - leftWeight
      let (leftSquares, rightSquares) = squaredClassWeights(left: leftCounts, node: nodeCounts, classCount: k)
      let proxy = giniProxy(
        leftSquares: leftSquares, rightSquares: rightSquares, leftWeight: leftWeight, rightWeight: rightWeight)
      if proxy > bestProxy {
        bestProxy = proxy
        threshold = TreeBuilder.threshold(between: sortedValues[j - 1], and: sortedValues[j])
      }
    }

    // The builder's partition, child statistics and minimum-decrease check.
    var left = [Double](repeating: 0, count: k)
    var leftWeight = 0.0
    for r in 0..<m where sortedValues[r] <= threshold {
      left[Int(sortedLabels[r])] += 1
      leftWeight += 1
    }
    let right = (0..<k).map { nodeCounts[$0] - left[$0] }
    let rightWeight = weight - leftWeight
    let leftImpurity = giniImpurity(squares: sumOfSquares(left), weight: leftWeight)
    let rightImpurity = giniImpurity(squares: sumOfSquares(right), weight: rightWeight)
    let improvement =
      weight / weight * (impurity - rightWeight / weight * rightImpurity - leftWeight / weight * leftImpurity)
    if improvement + TreeBuilder.epsilon < 0 { return leaf }
    return ColumnStump(
      threshold: threshold, left: Self.argmax(left, weight: leftWeight), right: Self.argmax(right, weight: rightWeight))
  }

  /// The first class of largest fraction `counts[c] / weight` (a leaf's prediction).
  private static func argmax(_ counts: [Double], weight: Double) -> Int {
    var best = 0
    var bestFraction = counts[0] / weight
    for c in counts.indices.dropFirst() where counts[c] / weight > bestFraction {
      best = c
      bestFraction = counts[c] / weight
    }
    return best
  }

  private func sumOfSquares(_ counts: [Double]) -> Double {
    var squares = 0.0
    for c in counts { squares += c * c }
    return squares
  }
}

/// A depth-1 tree on one feature: values `<= threshold` get class `left`, the others `right`
/// (`threshold` is +∞ and `left == right` when the tree is a single leaf).
public struct ColumnStump: Sendable, Equatable {
  /// The split threshold.
  public let threshold: Double
  /// The class predicted for values at or below the threshold.
  public let left: Int
  /// The class predicted for values above the threshold.
  public let right: Int

  /// The predicted class of a row whose feature is `value`.
  @inline(__always)
  public func predict(_ value: Double) -> Int { value <= threshold ? left : right }
}
