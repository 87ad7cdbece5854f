import Linalg

/// Validated training data in the layout the split search reads: one contiguous column per feature.
///
/// Built once per fit and shared (read-only) by every tree of an ensemble.
struct TrainingData: Sendable {
  /// Number of rows `n` ≥ 1.
  let rowCount: Int
  /// Number of features `p` ≥ 1.
  let featureCount: Int
  /// Column-major features: feature `f` of row `i` at `columns[f * rowCount + i]`.
  let columns: [Double]
  /// Class labels in `0..<classCount` (classification), else empty.
  let labels: [Int32]
  /// Number of classes (classification), else 0.
  let classCount: Int
  /// Regression targets (regression), else empty.
  let targets: [Double]
  /// Per-row weights ≥ 0 with a positive sum, or `nil` for all ones.
  let weights: [Double]?

  /// Validates a classification problem on the rows `rows` of `x` (all rows when `nil`), as if
  /// `x.rows(rows)` were passed (row numbers in errors count within `rows`).
  init(_ x: Matrix<Double>, rows: [Int]? = nil, labels y: [Int], classCount: Int, weights: [Double]?)
    throws(ForestError)
  {
    let columns = try Self.columnMajor(x, rows: rows)
    let rowCount = rows?.count ?? x.rows
    guard y.count == rowCount else { throw .rowCountMismatch(what: "y", expected: rowCount, got: y.count) }
    guard classCount >= 1 else {
      throw .invalidParameter(name: "classCount", value: "\(classCount)", requirement: "classCount ≥ 1")
    }
    for (row, label) in y.enumerated() where label < 0 || label >= classCount {
      throw .labelOutOfRange(row: row, label: label, classCount: classCount)
    }
    try Self.checkWeights(weights, rows: rowCount)
    self.rowCount = rowCount
    featureCount = x.columns
    self.columns = columns
    labels = y.map { Int32($0) }
    self.classCount = classCount
    targets = []
    self.weights = weights
  }

  /// Validates a regression problem.
  init(_ x: Matrix<Double>, targets y: [Double], weights: [Double]?) throws(ForestError) {
    let columns = try Self.columnMajor(x)
    guard y.count == x.rows else { throw .rowCountMismatch(what: "y", expected: x.rows, got: y.count) }
    if let row = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteTarget(row: row) }
    try Self.checkWeights(weights, rows: x.rows)
    rowCount = x.rows
    featureCount = x.columns
    self.columns = columns
    labels = []
    classCount = 0
    targets = y
    self.weights = weights
  }

  /// Whether the targets are class labels.
  var isClassification: Bool { classCount > 0 }

  /// The rows `rows` of `x` (all when `nil`) in column-major order, after the checks of `checkFeatures`.
  ///
  /// - Complexity: one pass over those rows, in blocks of rows so the column writes stay in cache.
  /// - Precondition: every row in `rows` is in `0..<x.rows`.
  static func columnMajor(_ x: Matrix<Double>, rows: [Int]? = nil) throws(ForestError) -> [Double] {
    let n = rows?.count ?? x.rows
    let p = x.columns
    guard n > 0, p > 0 else { throw .emptyData(rows: n, columns: p) }
    var finite = true
    let columns = x.storage.withUnsafeBufferPointer { source in
      [Double](unsafeUninitializedCapacity: n * p) { target, initialized in
        guard let from = source.baseAddress, let to = target.baseAddress else { return }
        var first = 0
        while first < n {
          let last = min(first + 16, n)
          for j in 0..<p {
            for i in first..<last {
              let value = from[(rows?[i] ?? i) * p + j]
              if !value.isFinite { finite = false }
              to[j * n + i] = value
            }
          }
          first = last
        }
        initialized = n * p
      }
    }
    if !finite { try checkFeatures(rows.map { x.rows($0) } ?? x) }
    return columns
  }

  /// Throws on an empty matrix or a non-finite element.
  static func checkFeatures(_ x: Matrix<Double>) throws(ForestError) {
    guard x.rows > 0, x.columns > 0 else { throw .emptyData(rows: x.rows, columns: x.columns) }
    if let k = x.storage.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteFeature(row: k / x.columns, column: k % x.columns)
    }
  }

  /// Throws unless `weights` is nil or has one finite, non-negative value per row with a positive sum.
  static func checkWeights(_ weights: [Double]?, rows: Int) throws(ForestError) {
    guard let weights else { return }
    guard weights.count == rows else {
      throw .rowCountMismatch(what: "sampleWeights", expected: rows, got: weights.count)
    }
    if let row = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) { throw .invalidSampleWeight(row: row) }
    guard weights.contains(where: { $0 > 0 }) else { throw .invalidSampleWeight(row: nil) }
  }
}
