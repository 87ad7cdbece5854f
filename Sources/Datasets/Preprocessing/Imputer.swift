/// Fills missing feature values with statistics of the training rows.
///
/// Numeric columns get the median of their non-missing training values (the mean of the two
/// middle values for an even count, as NumPy's `median`); categorical columns get the most
/// frequent category index (ties to the lower index). A column with no value in the training
/// rows is filled with 0, which for a categorical column is its first category.
public struct Imputer: Sendable, Equatable {
  /// The fill value of each feature column (a category index for categorical columns).
  public let fillValues: [Double]

  /// Fits the fill values on `rows` of `dataset` only.
  ///
  /// - Parameters:
  ///   - dataset: the data whose feature columns are summarised.
  ///   - rows: the training rows (zero-based indices into `dataset`).
  public init(fitting dataset: Dataset, rows: [Int]) {
    let columns = dataset.featureCount
    let features = dataset.features
    fillValues = (0..<columns).map { j in
      let values = rows.map { features[$0, j] }.filter { !$0.isNaN }
      guard !values.isEmpty else { return 0 }
      switch dataset.featureKinds[j] {
      case .numeric:
        return Imputer.median(values)
      case .categorical(let categories):
        var counts = [Int](repeating: 0, count: max(categories.count, 1))
        for v in values {
          if let k = Int(exactly: v), k >= 0, k < counts.count { counts[k] += 1 }
        }
        var best = 0
        for (k, count) in counts.enumerated() where count > counts[best] { best = k }
        return Double(best)
      }
    }
  }

  /// Fits the fill values on `rows` of `dataset` only; see `init(fitting:rows:)`.
  public static func fit(_ dataset: Dataset, rows: [Int]) -> Imputer {
    Imputer(fitting: dataset, rows: rows)
  }

  /// `dataset` with every missing feature value replaced by its column's fill value.
  ///
  /// - Precondition: `dataset` has the feature columns the imputer was fitted on.
  public func transform(_ dataset: Dataset) -> Dataset {
    precondition(
      dataset.featureCount == fillValues.count,
      "imputer fitted on \(fillValues.count) columns, dataset has \(dataset.featureCount)")
    var out = dataset
    let columns = fillValues.count
    out.features.storage.withUnsafeMutableBufferPointer { values in
      for k in values.indices where values[k].isNaN { values[k] = fillValues[k % columns] }
    }
    return out
  }

  /// The median of non-empty `values`.
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
}
