import Linalg

/// Stratified k-fold cross-validation with scikit-learn's fold assignment.
///
/// Without shuffling the assignment is exactly that of scikit-learn's
/// `StratifiedKFold(n_splits: k, shuffle=False)` (≥ 0.22): classes are numbered by first
/// appearance in `labels`; the per-fold count of each class is read off the sorted codes
/// round robin,
///
/// ```
/// y_order = sort(y_encoded)
/// allocation[i] = bincount(y_order[i::k])          # i = 0..<k
/// folds_for_class[c] = arange(k).repeat(allocation[:, c])
/// ```
///
/// and class `c`'s rows, in row order, get `folds_for_class[c]`. With a generator each
/// `folds_for_class[c]` is shuffled first. A class with fewer rows than `k` is allowed (it is
/// absent from some test folds), as in scikit-learn, where it only warns.
public struct StratifiedKFold: Sendable, Equatable {
  /// Number of folds, k ≥ 2.
  public let folds: Int

  /// Creates a splitter into `folds` folds (checked when splitting).
  public init(folds: Int) {
    self.folds = folds
  }

  /// The test fold (`0..<folds`) of each row, without shuffling.
  ///
  /// - Parameter labels: one class label per row.
  /// - Throws: `DatasetError.invalidSplit` when `folds < 2`, `folds > labels.count`, or every
  ///   class has fewer than `folds` rows (scikit-learn's errors).
  public func foldAssignment<Label: Hashable>(for labels: [Label]) throws(DatasetError) -> [Int] {
    try assign(labels) { _ in }
  }

  /// The test fold of each row, each class's fold sequence shuffled with `generator`.
  ///
  /// - Throws: as `foldAssignment(for:)`.
  public func foldAssignment<Label: Hashable>(
    for labels: [Label], shuffledWith generator: inout SeededGenerator
  ) throws(DatasetError) -> [Int] {
    try assign(labels) { generator.shuffle(&$0) }
  }

  /// The `folds` train/test splits without shuffling; both index lists ascending.
  ///
  /// - Parameter labels: one class label per row.
  /// - Returns: for fold i, `test` = rows assigned to fold i, `train` = every other row.
  /// - Throws: as `foldAssignment(for:)`.
  public func splits<Label: Hashable>(for labels: [Label]) throws(DatasetError) -> [(
    train: [Int], test: [Int]
  )] {
    splits(from: try foldAssignment(for: labels))
  }

  /// The `folds` train/test splits with each class's fold sequence shuffled by `generator`.
  ///
  /// - Throws: as `foldAssignment(for:)`.
  public func splits<Label: Hashable>(
    for labels: [Label], shuffledWith generator: inout SeededGenerator
  ) throws(DatasetError) -> [(train: [Int], test: [Int])] {
    splits(from: try foldAssignment(for: labels, shuffledWith: &generator))
  }

  private func splits(from assignment: [Int]) -> [(train: [Int], test: [Int])] {
    (0..<folds).map { fold in
      var train = [Int]()
      var test = [Int]()
      for (row, f) in assignment.enumerated() {
        if f == fold { test.append(row) } else { train.append(row) }
      }
      return (train, test)
    }
  }

  private func assign<Label: Hashable>(
    _ labels: [Label], shuffle: (inout [Int]) -> Void
  ) throws(DatasetError) -> [Int] {
    let k = folds
    guard k >= 2 else { throw .invalidSplit(reason: "k-fold needs at least 2 folds, got \(k)") }
    guard k <= labels.count else {
      throw .invalidSplit(reason: "\(labels.count) rows: fewer than the \(k) cross-validation folds")
    }
    // Classes numbered by first appearance.
    var code = [Label: Int]()
    var encoded = [Int]()
    encoded.reserveCapacity(labels.count)
    for label in labels {
      if let c = code[label] {
        encoded.append(c)
      } else {
        code[label] = code.count
        encoded.append(code.count - 1)
      }
    }
    let classCount = code.count
    var counts = [Int](repeating: 0, count: classCount)
    for c in encoded { counts[c] += 1 }
    guard counts.contains(where: { $0 >= k }) else {
      throw .invalidSplit(reason: "every class has fewer than \(k) rows (scikit-learn's StratifiedKFold raises)")
    }
    // allocation[i][c] = how many of class c go to fold i: round robin over sorted codes.
    var allocation = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: k)
    var position = 0
    for c in 0..<classCount {
      for _ in 0..<counts[c] {
        allocation[position % k][c] += 1
        position += 1
      }
    }
    var classFolds = [[Int]](repeating: [], count: classCount)
    for c in 0..<classCount {
      for fold in 0..<k {
        classFolds[c].append(contentsOf: repeatElement(fold, count: allocation[fold][c]))
      }
      shuffle(&classFolds[c])
    }
    var next = [Int](repeating: 0, count: classCount)
    return encoded.map { c in
      defer { next[c] += 1 }
      return classFolds[c][next[c]]
    }
  }
}
