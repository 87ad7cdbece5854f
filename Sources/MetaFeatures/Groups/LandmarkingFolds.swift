/// scikit-learn's `StratifiedKFold(n_splits, shuffle=False)` as pymfe's landmarking uses it
/// (`num_cv_folds=10`, `shuffle_cv_folds=False`).
///
/// Classes are numbered in order of first appearance; the sorted class codes are dealt
/// round-robin to the folds (`allocation[i] = bincount(sorted_codes[i::k])`), and the rows of
/// each class, in row order, receive the fold numbers 0, 0, …, 1, 1, … of that allocation.
/// Fold `i` tests the rows assigned `i` and trains on the rest (both in row order).
struct StratifiedFolds {
  /// Per fold: training rows and test rows, ascending.
  let folds: [(train: [Int], test: [Int])]

  /// Builds the folds, or returns why scikit-learn raises.
  ///
  /// - Returns: `.failure(reason)` when `splits > n` or every class has fewer than `splits` rows.
  static func make(classes y: [Int], splits: Int) -> Result<StratifiedFolds, FoldError> {
    let n = y.count
    guard splits >= 2, n >= splits else { return .failure(FoldError(reason: "\(n) rows: fewer than the \(splits) cross-validation folds")) }
    var firstSeen = [Int: Int]()
    for c in y where firstSeen[c] == nil { firstSeen[c] = firstSeen.count }
    let encoded = y.map { firstSeen[$0] ?? 0 }
    let k = firstSeen.count
    var counts = [Int](repeating: 0, count: k)
    for c in encoded { counts[c] += 1 }
    guard counts.contains(where: { $0 >= splits }) else {
      return .failure(FoldError(reason: "every class has fewer than \(splits) rows (scikit-learn's StratifiedKFold raises)"))
    }
    let sorted = encoded.sorted()
    var allocation = [[Int]](repeating: [Int](repeating: 0, count: k), count: splits)
    for (position, c) in sorted.enumerated() { allocation[position % splits][c] += 1 }
    var testFold = [Int](repeating: 0, count: n)
    for c in 0..<k {
      var assigned: [Int] = []
      for f in 0..<splits { assigned += [Int](repeating: f, count: allocation[f][c]) }
      var next = 0
      for i in 0..<n where encoded[i] == c {
        testFold[i] = assigned[next]
        next += 1
      }
    }
    let folds = (0..<splits).map { f in
      (train: (0..<n).filter { testFold[$0] != f }, test: (0..<n).filter { testFold[$0] == f })
    }
    return .success(StratifiedFolds(folds: folds))
  }

  struct FoldError: Error {
    let reason: String
  }
}
