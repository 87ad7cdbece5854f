/// A dataset's shape, feature kinds, class balance and missing values, as
/// `metaprobe datasets describe` prints them.
///
/// Encodes to JSON with snake_case keys (`class_counts`, `feature_kinds`, …).
public struct DatasetSummary: Sendable, Equatable, Codable {
  /// One feature column of the summary.
  public struct Column: Sendable, Equatable, Codable {
    /// Column name.
    public var name: String
    /// `numeric` or `categorical`.
    public var kind: String
    /// Category names of a categorical column (`nil` for numeric).
    public var categories: [String]?
    /// Number of missing values in the column.
    public var missing: Int
  }

  /// Dataset name.
  public var name: String
  /// Where the data came from.
  public var source: String
  /// Number of rows.
  public var rows: Int
  /// Number of feature columns (the target excluded).
  public var features: Int
  /// Number of classes.
  public var classes: Int
  /// Name of the target column.
  public var target: String
  /// Rows per class, by class name.
  public var classCounts: [String: Int]
  /// Rows of the smallest class divided by rows of the largest (1 = balanced).
  public var classBalance: Double
  /// Number of columns of each kind: `numeric` and `categorical`.
  public var featureKinds: [String: Int]
  /// Number of missing feature values in the whole table.
  public var missing: Int
  /// Number of rows with at least one missing value.
  public var rowsWithMissing: Int
  /// Per-column detail.
  public var columns: [Column]

  enum CodingKeys: String, CodingKey {
    case name, source, rows, features, classes, target, missing, columns
    case classCounts = "class_counts"
    case classBalance = "class_balance"
    case featureKinds = "feature_kinds"
    case rowsWithMissing = "rows_with_missing"
  }

  /// Summarises `dataset`.
  public init(of dataset: Dataset) {
    let x = dataset.features
    var columnMissing = Array(repeating: 0, count: x.columns)
    var rowsWithMissing = 0
    for i in 0..<x.rows {
      var rowHasMissing = false
      for j in 0..<x.columns where x.storage[i * x.columns + j].isNaN {
        columnMissing[j] += 1
        rowHasMissing = true
      }
      if rowHasMissing { rowsWithMissing += 1 }
    }
    let counts = dataset.classCounts
    name = dataset.name
    source = dataset.source
    rows = x.rows
    features = x.columns
    classes = dataset.classCount
    target = dataset.targetName
    classCounts = Dictionary(uniqueKeysWithValues: zip(dataset.classNames, counts))
    let largest = counts.max() ?? 0
    classBalance = largest > 0 ? Double(counts.min() ?? 0) / Double(largest) : .nan
    let categorical = dataset.featureKinds.filter(\.isCategorical).count
    featureKinds = ["numeric": x.columns - categorical, "categorical": categorical]
    missing = columnMissing.reduce(0, +)
    self.rowsWithMissing = rowsWithMissing
    columns = zip(dataset.featureNames, dataset.featureKinds).enumerated().map { j, pair in
      switch pair.1 {
      case .numeric:
        Column(name: pair.0, kind: "numeric", categories: nil, missing: columnMissing[j])
      case .categorical(let categories):
        Column(name: pair.0, kind: "categorical", categories: categories, missing: columnMissing[j])
      }
    }
  }
}
