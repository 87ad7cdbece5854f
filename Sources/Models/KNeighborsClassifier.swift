import Linalg

/// A k-nearest-neighbours classifier, scikit-learn's `KNeighborsClassifier` with its defaults
/// (`n_neighbors=5`, `weights="uniform"`, Minkowski `p=2`), searched by brute force.
///
/// ```
/// p = 2:  d(a, b) = sqrt(max(0, ‖a‖² + ‖b‖² − 2a·b))   (cross term by BLAS gemm, in blocks)
/// p = 1:  d(a, b) = Σⱼ |aⱼ − bⱼ|                        (direct sums)
/// P(class c | x) = Σ_{i ∈ N(x), yᵢ = c} wᵢ / Σ_{i ∈ N(x)} wᵢ,   wᵢ = 1 or 1/dᵢ
/// ```
/// Neighbours at equal distance are ordered by training row (a stable sort); class ties go
/// to the lowest class index (scikit-learn's `mode`/`argmax`). With distance weights, a query
/// that coincides with training rows gives those rows weight 1 and all others 0, as
/// scikit-learn does.
public struct KNeighborsClassifier: Sendable, Equatable {
  /// How neighbours are weighted in the vote.
  public enum Weights: Sendable, Equatable {
    /// Every neighbour counts 1 (sklearn default `"uniform"`).
    case uniform
    /// A neighbour counts 1/distance (sklearn `"distance"`).
    case distance
  }

  /// The number of neighbours k ≥ 1 (sklearn default 5).
  public var nNeighbors: Int
  /// The vote weights (sklearn default `.uniform`).
  public var weights: Weights
  /// The Minkowski power: 2 (Euclidean, sklearn default) or 1 (Manhattan).
  public var p: Int

  /// Creates a classifier with scikit-learn's defaults unless given.
  ///
  /// - Parameters:
  ///   - nNeighbors: k ≥ 1 (default 5).
  ///   - weights: `.uniform` (default) or `.distance`.
  ///   - p: 2 (default) or 1.
  public init(nNeighbors: Int = 5, weights: Weights = .uniform, p: Int = 2) {
    self.nNeighbors = nNeighbors
    self.weights = weights
    self.p = p
  }

  /// Stores the training data.
  ///
  /// - Parameters:
  ///   - x: `n × d` finite features (standardised or one-hot).
  ///   - y: `n` labels in `0..<classCount`.
  ///   - classCount: the number of classes (default `max(y) + 1`).
  /// - Returns: the fitted model.
  /// - Throws: ``ModelError`` for empty or non-finite `x`, mismatched `y`, a label out of range,
  ///   `nNeighbors` < 1 or > n, or `p` other than 1 or 2.
  public func fit(_ x: Matrix<Double>, _ y: [Int], classCount: Int? = nil) throws(ModelError)
    -> Fitted
  {
    try require(nNeighbors >= 1, "nNeighbors", nNeighbors, "nNeighbors ≥ 1")
    try require(p == 1 || p == 2, "p", p, "p = 1 (Manhattan) or p = 2 (Euclidean)")
    let count = try validateTrainingInput(x, y, classCount: classCount)
    try require(
      nNeighbors <= x.rows, "nNeighbors", nNeighbors, "nNeighbors ≤ \(x.rows) (the training rows)")
    return Fitted(settings: self, classCount: count, x: x, y: y, norms: rowSquaredNorms(x))
  }

  /// A fitted ``KNeighborsClassifier``: the training rows and labels.
  public struct Fitted: Sendable {
    let settings: KNeighborsClassifier
    /// The number of classes, `0..<classCount`.
    public let classCount: Int
    let x: Matrix<Double>
    let y: [Int]
    let norms: [Double]

    /// The number of feature columns the model was fitted on.
    public var featureCount: Int { x.columns }

    /// The k nearest training rows of each query row and their distances, nearest first (ties
    /// by training row), scikit-learn's `kneighbors`.
    ///
    /// - Parameter query: `m × featureCount` finite features.
    /// - Returns: per query row, k `(row, distance)` pairs.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    /// - Complexity: O(m·n·d) for the distances (BLAS gemm for p = 2) plus O(m·n·k) to select.
    public func neighbors(_ query: Matrix<Double>) throws(ModelError) -> [[(
      row: Int, distance: Double
    )]] {
      try validatePredictionInput(query, featureCount: featureCount)
      let k = settings.nNeighbors
      var result = [[(row: Int, distance: Double)]]()
      result.reserveCapacity(query.rows)
      var start = 0
      while start < query.rows {
        let end = min(query.rows, start + 256)
        let block = query.rows(start..<end)
        let distances =
          settings.p == 2
          ? try squaredDistances(block, rowSquaredNorms(block), x, norms) : manhattan(block)
        let n = x.rows
        for r in 0..<(end - start) {
          // Insertion into a sorted list of the k best keeps earlier rows ahead on ties.
          var best = [(row: Int, distance: Double)]()
          best.reserveCapacity(k + 1)
          for i in 0..<n {
            let value = distances.storage[r * n + i]
            if best.count == k, let worst = best.last, value >= worst.distance { continue }
            var position = best.count
            while position > 0 && best[position - 1].distance > value { position -= 1 }
            best.insert((i, value), at: position)
            if best.count > k { best.removeLast() }
          }
          result.append(settings.p == 2 ? best.map { ($0.row, $0.distance.squareRoot()) } : best)
        }
        start = end
      }
      return result
    }

    /// Class probabilities, scikit-learn's `predict_proba`: the (weighted) fraction of the k
    /// neighbours in each class.
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: an `m × classCount` matrix whose rows sum to 1.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func predictProbabilities(_ x: Matrix<Double>) throws(ModelError) -> Matrix<Double> {
      let neighbours = try neighbors(x)
      var p = zeros(x.rows, classCount)
      for (r, list) in neighbours.enumerated() {
        var w = list.map { _ in 1.0 }
        if settings.weights == .distance {
          let exact = list.map { $0.distance == 0 }
          w = exact.contains(true) ? exact.map { $0 ? 1 : 0 } : list.map { 1 / $0.distance }
        }
        // Sum the weights per class first, then normalise once (as scikit-learn), so uniform
        // votes give exact fractions such as 3/5.
        for (neighbour, weight) in zip(list, w) { p[r, y[neighbour.row]] += weight }
        let total = w.reduce(0, +)
        for c in 0..<classCount { p[r, c] /= total }
      }
      return p
    }

    /// The class with the largest (weighted) vote among the k neighbours of each row, ties to
    /// the lowest class index.
    ///
    /// - Parameter x: `m × featureCount` finite features.
    /// - Returns: `m` labels in `0..<classCount`.
    /// - Throws: ``ModelError`` for non-finite values or the wrong number of columns.
    public func predict(_ x: Matrix<Double>) throws(ModelError) -> [Int] {
      let p = try predictProbabilities(x)
      return (0..<x.rows).map { argmax(p.row($0)) }
    }

    /// Manhattan distances from each row of `block` to every training row.
    private func manhattan(_ block: Matrix<Double>) -> Matrix<Double> {
      let (m, n, d) = (block.rows, x.rows, x.columns)
      var out = zeros(m, n)
      for r in 0..<m {
        for i in 0..<n {
          var s = 0.0
          for j in 0..<d { s += abs(block.storage[r * d + j] - x.storage[i * d + j]) }
          out.storage[r * n + i] = s
        }
      }
      return out
    }
  }
}
