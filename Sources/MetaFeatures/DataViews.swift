import Datasets
import Foundation
import Linalg

/// The views of one dataset that pymfe 0.4.4 builds in `MFE.fit`, after imputation.
///
/// - `X`: the raw attributes (numeric values; category indices for categorical ones).
/// - `N`: the numeric view: numeric columns, then the categorical columns encoded as patsy's
///   model matrix `~ 0 + C0 + C1 + …` (pymfe's `transform_cat="gray"`): levels sorted by name,
///   the first categorical attribute with one indicator per level, each later one dropping
///   its first level.
/// - `C`: the categorical view: categorical columns, then every numeric column discretised
///   into ⌊n^{1/3}⌋ equal-frequency bins (pymfe's `transform_num=True`). Only info-theory
///   reads it, so it is built on demand (``categoricalView()``).
/// - `y`: class codes 0..<k in ascending order of the class name (as `np.unique`).
///
/// pymfe rejects missing values; here a missing numeric value becomes the column median and a
/// missing category the most frequent one (ties to the first category), before any view.
///
/// The views are built once per extraction and shared by the groups; sorted copies of N's
/// columns (statistical, and the discretisation of C) are built once when
/// ``Requirements/sortedColumns`` is asked for.
struct DataViews: Sendable {
  /// What an extraction needs beyond X, N and y.
  struct Requirements: OptionSet, Sendable {
    let rawValue: Int
    /// Sorted copies of N's columns, shared by statistical and info-theory.
    static let sortedColumns = Requirements(rawValue: 1)
  }

  let rowCount: Int
  /// Columns of X (imputed).
  let rawColumns: [[Double]]
  let isCategorical: [Bool]
  /// Columns of N.
  let numericColumns: [[Double]]
  /// N as a row-major matrix.
  let numeric: Matrix<Double>
  /// Each categorical attribute of X as codes 0..<levels in patsy's level order (observed
  /// levels only), in attribute order.
  let categoryCodes: [[Int]]
  /// The number of observed levels of each categorical attribute.
  let categoryLevels: [Int]
  let y: [Int]
  let classCount: Int
  let classFreqs: [Int]
  /// Number of missing values imputed.
  let imputedCount: Int
  /// Sorted copies of `numericColumns`, or empty when not required.
  private let sortedColumns: [[Double]]

  init(_ dataset: Dataset, requirements: Requirements = [.sortedColumns]) {
    let n = dataset.rowCount
    let d = dataset.featureCount
    rowCount = n
    isCategorical = dataset.featureKinds.map(\.isCategorical)
    (rawColumns, imputedCount) = Self.imputedColumns(dataset)
    (y, classCount) = Self.classCodes(dataset)
    var freqs = [Int](repeating: 0, count: classCount)
    for c in y { freqs[c] += 1 }
    classFreqs = freqs

    // N: numeric columns, then gray-coded categorical columns.
    var nCols: [[Double]] = []
    var codes: [[Int]] = []
    var levels: [Int] = []
    for j in 0..<d where !isCategorical[j] { nCols.append(rawColumns[j]) }
    var firstCategorical = true
    for j in 0..<d where isCategorical[j] {
      let (c, l) = CategoryCodes.sortedLevelCodes(rawColumns[j], names: Self.categoryNames(dataset.featureKinds[j]))
      codes.append(c)
      levels.append(l)
      let start = firstCategorical ? 0 : 1
      firstCategorical = false
      if start < l {
        for level in start..<l {
          var col = [Double](repeating: 0, count: n)
          for i in 0..<n where c[i] == level { col[i] = 1 }
          nCols.append(col)
        }
      }
    }
    numericColumns = nCols
    categoryCodes = codes
    categoryLevels = levels
    numeric = Self.rowMajor(nCols, rows: n)
    sortedColumns = requirements.contains(.sortedColumns) ? nCols.map(SortedColumn.sorted) : []
  }

  /// Number of numeric attributes in X (they are N's first columns, in attribute order).
  var numericAttributeCount: Int { isCategorical.filter { !$0 }.count }

  /// Column `j` of N sorted ascending (shared copy when built, else sorted now).
  func sortedNumericColumn(_ j: Int) -> [Double] {
    j < sortedColumns.count ? sortedColumns[j] : SortedColumn.sorted(numericColumns[j])
  }

  /// The columns of X with missing values imputed, and how many were filled.
  private static func imputedColumns(_ dataset: Dataset) -> ([[Double]], Int) {
    let n = dataset.rowCount
    let d = dataset.featureCount
    let storage = dataset.features.storage
    // Fitting the imputer sorts every column; only do it when something is missing.
    let imputer = storage.contains(where: \.isNaN) ? Imputer(fitting: dataset, rows: Array(0..<n)) : nil
    var imputed = 0
    var raw: [[Double]] = []
    raw.reserveCapacity(d)
    storage.withUnsafeBufferPointer { x in
      for j in 0..<d {
        var col = [Double](repeating: 0, count: n)
        col.withUnsafeMutableBufferPointer { c in
          for i in 0..<n { c[i] = x[i * d + j] }
          if let imputer {
            for i in 0..<n where c[i].isNaN {
              c[i] = imputer.fillValues[j]
              imputed += 1
            }
          }
        }
        raw.append(col)
      }
    }
    return (raw, imputed)
  }

  /// y as codes in ascending class-name order over the observed classes, and their count.
  private static func classCodes(_ dataset: Dataset) -> ([Int], Int) {
    // Dataset guarantees every target is in 0..<classNames.count.
    var seen = [Bool](repeating: false, count: dataset.classNames.count)
    for t in dataset.target { seen[t] = true }
    let order = seen.indices.filter { seen[$0] }.sorted {
      Array(dataset.classNames[$0].utf8).lexicographicallyPrecedes(Array(dataset.classNames[$1].utf8))
    }
    var code = [Int](repeating: 0, count: dataset.classNames.count)
    for (k, c) in order.enumerated() { code[c] = k }
    return (dataset.target.map { code[$0] }, order.count)
  }

  private static func categoryNames(_ kind: FeatureKind) -> [String] {
    if case .categorical(let categories) = kind { return categories }
    return []
  }

  /// `columns` (each of length `rows`) as a row-major matrix.
  private static func rowMajor(_ columns: [[Double]], rows n: Int) -> Matrix<Double> {
    let p = columns.count
    var storage = [Double](repeating: 0, count: n * p)
    storage.withUnsafeMutableBufferPointer { out in
      for (j, col) in columns.enumerated() {
        col.withUnsafeBufferPointer { c in
          for i in 0..<n { out[i * p + j] = c[i] }
        }
      }
    }
    return Matrix(rows: n, columns: p, storage: storage)
  }
}

/// Codes of one categorical column in patsy's level order.
enum CategoryCodes {
  /// Recodes category indices so that code order is the byte order of the observed category
  /// names (patsy's level order); returns the codes and the number of observed levels.
  static func sortedLevelCodes(_ column: [Double], names: [String]) -> ([Int], Int) {
    func name(_ i: Int) -> [UInt8] { Array((i >= 0 && i < names.count ? names[i] : String(i)).utf8) }
    // Category indices are 0..<names.count; anything else takes the general path.
    let bound = names.count
    if column.allSatisfy({ $0 >= 0 && $0 < Double(bound) && $0 == $0.rounded(.towardZero) }) {
      var seen = [Bool](repeating: false, count: bound)
      for v in column { seen[Int(v)] = true }
      let sorted = seen.indices.filter { seen[$0] }.sorted { name($0).lexicographicallyPrecedes(name($1)) }
      var code = [Int](repeating: 0, count: bound)
      for (k, i) in sorted.enumerated() { code[i] = k }
      return (column.map { code[Int($0)] }, sorted.count)
    }
    let indices = Set(column.map { Int($0) })
    let sorted = indices.sorted { name($0).lexicographicallyPrecedes(name($1)) }
    var code = [Int: Int]()
    for (k, i) in sorted.enumerated() { code[i] = k }
    return (column.map { code[Int($0)] ?? 0 }, sorted.count)
  }
}
