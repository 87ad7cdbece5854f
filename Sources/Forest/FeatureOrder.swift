import Linalg

/// Every feature's rows of a matrix in ascending order of value, sorted once so that trees fitted
/// on many subsets of the rows (the training rows of cross-validation folds) filter these orders
/// instead of sorting each subset (see `DecisionTree.fit(_:rows:_:classCount:scikitLearnSeed:order:)`).
public struct FeatureOrder: Sendable {
  /// Rows of the matrix the order was made from.
  public let rowCount: Int
  /// Features of that matrix.
  public let featureCount: Int
  /// Feature `f`'s rows at `rows[f · rowCount ..< (f + 1) · rowCount]`, ascending by value, ties by row.
  let rows: [Int32]

  /// Sorts each column of `x`.
  ///
  /// - Parameter x: `n × p` features (non-finite values are allowed here; fitting rejects them).
  /// - Complexity: O(n · p) when every value is exactly a `Float` (radix sort), else O(p · n log n).
  public init(_ x: Matrix<Double>) {
    let n = x.rows
    let p = x.columns
    rowCount = n
    featureCount = p
    var rows = [Int32](repeating: 0, count: n * p)
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * max(n, 1))
    let histogram = UnsafeMutablePointer<Int>.allocate(capacity: 1024)
    defer {
      keys.deallocate()
      histogram.deallocate()
    }
    for f in 0..<p {
      let column = (0..<n).map { x.storage[$0 * p + f] }
      let order: [Int32]
      if column.allSatisfy({ Double(Float($0)) == $0 }) {
        for i in 0..<n { keys[i] = UInt64(sortableBits(Float(column[i]))) << 32 | UInt64(i) }
        sortByHighHalf(keys, count: n, scratch: keys + n, histogram: histogram)
        order = (0..<n).map { Int32(truncatingIfNeeded: keys[$0]) }
      } else {
        order = (0..<Int32(n)).sorted { (column[Int($0)], $0) < (column[Int($1)], $1) }
      }
      rows.replaceSubrange((f * n)..<((f + 1) * n), with: order)
    }
    self.rows = rows
  }
}

extension DecisionTree where Target == Int {
  /// ``fit(_:_:classCount:scikitLearnSeed:)`` on the rows `rows` of `x`, with each feature's
  /// presorted order filtered from `order` (made from `x`) instead of sorted: the same tree as
  /// `fit(x.rows(rows), rows.map { y[$0] }, classCount:scikitLearnSeed:)`.
  ///
  /// - Parameters:
  ///   - x: `n × p` finite features, already rounded through `Float`.
  ///   - rows: the training rows (distinct for the order to be used; repeated rows are fitted
  ///     without it).
  ///   - y: `n` labels in `0..<classCount`, one per row of `x`.
  ///   - order: `FeatureOrder(x)`.
  /// - Throws: `ForestError` as ``fit(_:_:classCount:scikitLearnSeed:)``, and
  ///   `.rowCountMismatch` when `y` or `order` does not match `x`, `.invalidParameter` for a row
  ///   outside `0..<n`.
  public mutating func fit(
    _ x: Matrix<Double>, rows: [Int], _ y: [Int], classCount: Int, scikitLearnSeed: UInt32, order: FeatureOrder
  ) throws(ForestError) {
    guard y.count == x.rows else { throw .rowCountMismatch(what: "y", expected: x.rows, got: y.count) }
    guard order.rowCount == x.rows, order.featureCount == x.columns else {
      throw .rowCountMismatch(what: "order", expected: x.rows, got: order.rowCount)
    }
    if let row = rows.first(where: { $0 < 0 || $0 >= x.rows }) {
      throw .invalidParameter(name: "rows", value: "\(row)", requirement: "every row in 0..<\(x.rows)")
    }
    let data = try TrainingData(x, rows: rows, labels: rows.map { y[$0] }, classCount: classCount, weights: nil)
    let resolved = try parameters.validated(featureCount: data.featureCount, classification: true)
    var local = [Int32](repeating: -1, count: x.rows)
    var distinct = true
    for (i, row) in rows.enumerated() {
      if local[row] >= 0 { distinct = false }
      local[row] = Int32(i)
    }
    var generator = SeededGenerator(seed: seed)
    fit(
      data: data, resolved: resolved, weights: nil, generator: &generator, scikitLearnSeed: scikitLearnSeed,
      presortOrder: distinct ? (order, local) : nil)
  }
}
