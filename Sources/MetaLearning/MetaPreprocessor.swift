import Linalg

/// Imputation, missing-value indicators and standardisation, learnt on training rows only and
/// applied identically to the rows a meta-model predicts.
///
/// Fitting on `x` (n × p):
/// 1. each column's median over its non-NaN training values (0 when every value is NaN) is the
///    value NaN is replaced with, in training and at prediction;
/// 2. every column with at least one NaN in training gets an indicator column (1 where the value
///    was NaN, else 0), appended after the p columns in column order;
/// 3. when `standardize` is set, every output column is centred on its training mean and divided
///    by its training standard deviation (ddof 0, as scikit-learn's `StandardScaler`); a column
///    constant in training maps to 0.
public struct MetaPreprocessor: Sendable, Codable, Equatable {
  /// The value each input column's NaN is replaced with (the training median).
  public private(set) var medians: [Double]
  /// The input columns that get a missing-value indicator, ascending.
  public private(set) var indicatorColumns: [Int]
  /// The training mean of each output column (empty without standardisation).
  public private(set) var means: [Double]
  /// The training standard deviation of each output column, 0 for constant ones (empty without standardisation).
  public private(set) var scales: [Double]

  /// The number of input columns.
  public var inputWidth: Int { medians.count }
  /// The number of output columns: inputs plus indicators.
  public var outputWidth: Int { medians.count + indicatorColumns.count }

  /// Learns the preprocessing of `x`.
  ///
  /// - Parameters:
  ///   - x: the training rows (NaN marks a missing value; infinities are not allowed).
  ///   - standardize: whether to standardise the output columns (true for networks; trees need not).
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` for an empty matrix or an infinite value (naming row and column).
  public init(fitting x: Matrix<Double>, standardize: Bool) throws(MetaLearningError) {
    guard x.rows > 0, x.columns > 0 else { throw .invalidInput("no training rows to fit preprocessing on") }
    if let k = x.storage.firstIndex(where: { $0.isInfinite }) {
      throw .invalidInput("training row \(k / x.columns), column \(k % x.columns): value is infinite")
    }
    var medians: [Double] = []
    var indicators: [Int] = []
    for j in 0..<x.columns {
      let column = x.column(j)
      let present = column.filter { !$0.isNaN }
      medians.append(present.isEmpty ? 0 : Statistics.median(present))
      if present.count < column.count { indicators.append(j) }
    }
    self.medians = medians
    self.indicatorColumns = indicators
    self.means = []
    self.scales = []
    guard standardize else { return }
    let imputed = try transform(x)
    var means: [Double] = []
    var scales: [Double] = []
    for j in 0..<imputed.columns {
      let column = imputed.column(j)
      let mean = Statistics.mean(column)
      let sd = Statistics.standardDeviation(column, ddof: 0)
      means.append(mean)
      scales.append(sd > 1e-12 * Swift.max(1, abs(mean)) ? sd : 0)
    }
    self.means = means
    self.scales = scales
  }

  /// `x` imputed, with indicator columns appended and (if learnt) standardised.
  ///
  /// - Throws: ``MetaLearningError/invalidInput(_:)`` when `x` does not have ``inputWidth``
  ///   columns or holds an infinite value (naming row and column).
  public func transform(_ x: Matrix<Double>) throws(MetaLearningError) -> Matrix<Double> {
    guard x.columns == inputWidth else {
      throw .invalidInput("rows have \(x.columns) columns, the meta-model was trained on \(inputWidth)")
    }
    let width = outputWidth
    var out = [Double](repeating: 0, count: x.rows * width)
    for i in 0..<x.rows {
      let base = i * x.columns
      for j in 0..<x.columns {
        let v = x.storage[base + j]
        guard !v.isInfinite else { throw .invalidInput("row \(i), column \(j): value is infinite") }
        out[i * width + j] = v.isNaN ? medians[j] : v
      }
      for (k, j) in indicatorColumns.enumerated() where x.storage[base + j].isNaN {
        out[i * width + x.columns + k] = 1
      }
      if !means.isEmpty {
        for j in 0..<width {
          let s = scales[j]
          out[i * width + j] = s > 0 ? (out[i * width + j] - means[j]) / s : 0
        }
      }
    }
    return Matrix(rows: x.rows, columns: width, storage: out)
  }
}
