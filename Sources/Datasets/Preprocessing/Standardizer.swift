/// Centres and scales numeric feature columns with the training rows' mean and standard
/// deviation, as scikit-learn's `StandardScaler`.
///
/// ```
/// z = (x − mean) / scale,   scale = sqrt(Σ (x − mean)² / n)   (ddof = 0)
/// ```
///
/// computed over the non-missing training values; missing values stay `NaN`. A constant column
/// (or one with no training value) gets scale 1. Categorical columns are left untouched
/// (mean 0, scale 1).
public struct Standardizer: Sendable, Equatable {
  /// The mean of each feature column over the training rows (0 for categorical columns).
  public let means: [Double]
  /// The population standard deviation of each column (1 where it is 0 or categorical).
  public let scales: [Double]

  /// Fits means and scales on `rows` of `dataset` only.
  ///
  /// - Parameters:
  ///   - dataset: the data whose numeric columns are summarised.
  ///   - rows: the training rows (zero-based indices into `dataset`).
  public init(fitting dataset: Dataset, rows: [Int]) {
    var means = [Double]()
    var scales = [Double]()
    for j in 0..<dataset.featureCount {
      guard dataset.featureKinds[j] == .numeric else {
        means.append(0)
        scales.append(1)
        continue
      }
      let values = rows.map { dataset.features[$0, j] }.filter { !$0.isNaN }
      guard !values.isEmpty else {
        means.append(0)
        scales.append(1)
        continue
      }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
      let sd = variance.squareRoot()
      means.append(mean)
      scales.append(sd > 0 && sd.isFinite ? sd : 1)
    }
    self.means = means
    self.scales = scales
  }

  /// Fits means and scales on `rows` of `dataset` only; see `init(fitting:rows:)`.
  public static func fit(_ dataset: Dataset, rows: [Int]) -> Standardizer {
    Standardizer(fitting: dataset, rows: rows)
  }

  /// `dataset` with each numeric column replaced by `(x − mean) / scale`.
  ///
  /// - Precondition: `dataset` has the feature columns the standardizer was fitted on.
  public func transform(_ dataset: Dataset) -> Dataset {
    precondition(
      dataset.featureCount == means.count,
      "standardizer fitted on \(means.count) columns, dataset has \(dataset.featureCount)")
    var out = dataset
    let columns = means.count
    guard columns > 0 else { return out }
    out.features.storage.withUnsafeMutableBufferPointer { values in
      for k in values.indices {
        let j = k % columns
        values[k] = (values[k] - means[j]) / scales[j]
      }
    }
    return out
  }
}
