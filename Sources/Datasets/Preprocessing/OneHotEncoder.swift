/// Expands categorical feature columns into one 0/1 column per category seen in training.
///
/// Columns keep their order; a categorical column `colour` with training categories `red`,
/// `blue` becomes `colour=red`, `colour=blue` (in the column's category order), and numeric
/// columns pass through unchanged. At transform time a category not seen in the training
/// rows, or a missing value, gives all zeros. The result has only numeric columns.
public struct OneHotEncoder: Sendable, Equatable {
  /// What one input column becomes.
  public enum Encoding: Sendable, Equatable {
    /// A numeric column, copied.
    case passThrough
    /// A categorical column, one output column per listed category name.
    case indicators(categories: [String])
  }

  /// One encoding per input feature column.
  public let encodings: [Encoding]
  /// The names of the output columns (`name` or `name=category`).
  public let featureNames: [String]

  /// Fits the categories of each categorical column on `rows` of `dataset` only.
  ///
  /// - Parameters:
  ///   - dataset: the data whose categorical columns are expanded.
  ///   - rows: the training rows (zero-based indices into `dataset`).
  public init(fitting dataset: Dataset, rows: [Int]) {
    var encodings = [Encoding]()
    var names = [String]()
    for (j, kind) in dataset.featureKinds.enumerated() {
      let name = dataset.featureNames[j]
      switch kind {
      case .numeric:
        encodings.append(.passThrough)
        names.append(name)
      case .categorical(let categories):
        var seen = [Bool](repeating: false, count: categories.count)
        for row in rows {
          let v = dataset.features[row, j]
          if !v.isNaN, let k = Int(exactly: v), k >= 0, k < categories.count { seen[k] = true }
        }
        let kept = categories.indices.filter { seen[$0] }.map { categories[$0] }
        encodings.append(.indicators(categories: kept))
        names.append(contentsOf: kept.map { "\(name)=\($0)" })
      }
    }
    self.encodings = encodings
    self.featureNames = names
  }

  /// Fits the categories on `rows` of `dataset` only; see `init(fitting:rows:)`.
  public static func fit(_ dataset: Dataset, rows: [Int]) -> OneHotEncoder {
    OneHotEncoder(fitting: dataset, rows: rows)
  }

  /// `dataset` with categorical columns expanded; categories are matched by name, so a
  /// dataset read separately (with its own category order) is encoded consistently.
  ///
  /// - Precondition: `dataset` has the feature columns the encoder was fitted on.
  public func transform(_ dataset: Dataset) -> Dataset {
    precondition(
      dataset.featureCount == encodings.count,
      "encoder fitted on \(encodings.count) columns, dataset has \(dataset.featureCount)")
    // For each input column: the output offset of each of the dataset's category indices.
    var offsets = [Int]()
    var lookups = [[Int?]]()
    var width = 0
    for (j, encoding) in encodings.enumerated() {
      offsets.append(width)
      switch encoding {
      case .passThrough:
        lookups.append([])
        width += 1
      case .indicators(let kept):
        var position = [String: Int]()
        for (k, name) in kept.enumerated() { position[name] = k }
        let categories: [String]
        if case .categorical(let c) = dataset.featureKinds[j] {
          categories = c
        } else {
          categories = []
        }
        lookups.append(categories.map { position[$0] })
        width += kept.count
      }
    }
    let rows = dataset.rowCount
    var storage = [Double](repeating: 0, count: rows * width)
    for i in 0..<rows {
      for (j, encoding) in encodings.enumerated() {
        let v = dataset.features[i, j]
        switch encoding {
        case .passThrough:
          storage[i * width + offsets[j]] = v
        case .indicators:
          if !v.isNaN, let k = Int(exactly: v), k >= 0, k < lookups[j].count,
            let slot = lookups[j][k]
          {
            storage[i * width + offsets[j] + slot] = 1
          }
        }
      }
    }
    var out = dataset
    out.features = .init(rows: rows, columns: width, storage: storage)
    out.featureNames = featureNames
    out.featureKinds = Array(repeating: .numeric, count: width)
    return out
  }
}
