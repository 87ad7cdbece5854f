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
///   into ⌊n^{1/3}⌋ equal-frequency bins (pymfe's `transform_num=True`).
/// - `y`: class codes 0..<k in ascending order of the class name (as `np.unique`).
///
/// pymfe rejects missing values; here a missing numeric value becomes the column median and a
/// missing category the most frequent one (ties to the first category), before any view.
struct DataViews: Sendable {
  let rowCount: Int
  /// Columns of X (imputed).
  let rawColumns: [[Double]]
  let isCategorical: [Bool]
  /// Columns of N.
  let numericColumns: [[Double]]
  /// N as a row-major matrix.
  let numeric: Matrix<Double>
  /// Columns of C as codes 0..<levels.
  let categoricalColumns: [[Int]]
  let y: [Int]
  let classCount: Int
  let classFreqs: [Int]
  /// Number of missing values imputed.
  let imputedCount: Int

  init(_ dataset: Dataset) {
    let n = dataset.rowCount
    let d = dataset.featureCount
    rowCount = n
    isCategorical = dataset.featureKinds.map(\.isCategorical)
    // Fitting the imputer sorts every column; only do it when something is missing.
    let imputer = dataset.features.storage.contains(where: \.isNaN) ? Imputer(fitting: dataset, rows: Array(0..<n)) : nil
    var imputed = 0
    var raw: [[Double]] = []
    raw.reserveCapacity(d)
    for j in 0..<d {
      var col = dataset.features.column(j)
      for i in 0..<n where col[i].isNaN {
        col[i] = imputer?.fillValues[j] ?? .nan
        imputed += 1
      }
      raw.append(col)
    }
    rawColumns = raw
    imputedCount = imputed

    // y: codes in ascending class-name order over the observed classes.
    let observed = Set(dataset.target)
    let order = observed.sorted {
      Array(Self.className(dataset, $0).utf8).lexicographicallyPrecedes(Array(Self.className(dataset, $1).utf8))
    }
    var code = [Int: Int]()
    for (k, c) in order.enumerated() { code[c] = k }
    y = dataset.target.map { code[$0] ?? 0 }
    classCount = order.count
    var freqs = [Int](repeating: 0, count: order.count)
    for c in y { freqs[c] += 1 }
    classFreqs = freqs

    // N: numeric columns, then gray-coded categorical columns.
    var nCols: [[Double]] = []
    var cCols: [[Int]] = []
    for j in 0..<d where !isCategorical[j] { nCols.append(raw[j]) }
    var firstCategorical = true
    for j in 0..<d where isCategorical[j] {
      let names = Self.categoryNames(dataset.featureKinds[j])
      let (codes, levels) = Self.sortedLevelCodes(raw[j], names: names)
      cCols.append(codes)
      let start = firstCategorical ? 0 : 1
      firstCategorical = false
      if start < levels {
        for level in start..<levels {
          nCols.append(codes.map { $0 == level ? 1 : 0 })
        }
      }
    }
    numericColumns = nCols
    var storage = [Double](repeating: 0, count: n * nCols.count)
    for (j, col) in nCols.enumerated() {
      for i in 0..<n { storage[i * nCols.count + j] = col[i] }
    }
    numeric = Matrix(rows: n, columns: nCols.count, storage: storage)

    // C: categorical columns, then discretised numeric columns.
    let bins = Int(pow(Double(n), 1.0 / 3.0))
    for j in 0..<d where !isCategorical[j] {
      cCols.append(Discretizer.equalFrequencyCodes(raw[j], bins: Swift.max(bins, 1)))
    }
    categoricalColumns = cCols
  }

  /// Number of numeric attributes in X.
  var numericAttributeCount: Int { isCategorical.filter { !$0 }.count }

  private static func className(_ dataset: Dataset, _ c: Int) -> String {
    c >= 0 && c < dataset.classNames.count ? dataset.classNames[c] : String(c)
  }

  private static func categoryNames(_ kind: FeatureKind) -> [String] {
    if case .categorical(let categories) = kind { return categories }
    return []
  }

  /// Recodes category indices so that code order is the byte order of the observed category
  /// names (patsy's level order); returns the codes and the number of observed levels.
  private static func sortedLevelCodes(_ column: [Double], names: [String]) -> ([Int], Int) {
    let indices = Set(column.map { Int($0) })
    func name(_ i: Int) -> [UInt8] { Array((i >= 0 && i < names.count ? names[i] : String(i)).utf8) }
    let sorted = indices.sorted { name($0).lexicographicallyPrecedes(name($1)) }
    var code = [Int: Int]()
    for (k, i) in sorted.enumerated() { code[i] = k }
    return (column.map { code[Int($0)] ?? 0 }, sorted.count)
  }
}

/// pymfe's equal-frequency discretisation of one numeric column (`_equal_freq_discretization`).
enum Discretizer {
  /// Bin codes of `x` with `bins` equal-frequency bins.
  ///
  /// Cut points are the quantiles at i/bins (i = 1…bins, numpy linear interpolation); a cut
  /// point within 1e-8 of the previous one is dropped; each value gets the number of cut
  /// points strictly below it (`np.digitize(right=True)`).
  static func equalFrequencyCodes(_ x: [Double], bins: Int) -> [Int] {
    let step = 1.0 / Double(bins)
    let ps = (1...bins).map { $0 == bins ? 1.0 : Double($0) * step }
    let cuts = Statistics.quantiles(x, ps)
    var kept: [Double] = []
    for (i, c) in cuts.enumerated() where i == 0 || c - cuts[i - 1] > 1e-8 { kept.append(c) }
    let unique = Array(Set(kept)).sorted()
    return x.map { v in
      var lo = 0
      var hi = unique.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if unique[mid] < v { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
  }
}
