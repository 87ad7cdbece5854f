import Foundation

/// The categorical view C of ``DataViews``: the categorical attributes, then every numeric
/// attribute discretised into ⌊n^{1/3}⌋ equal-frequency bins (pymfe's `transform_num=True`).
///
/// Every column is coded densely: codes 0..<levels in ascending order of the observed values
/// (categories in patsy's level order, bins in ascending order), so a crosstab can index a
/// flat table directly (pandas' crosstab keeps only observed values, in sorted order).
struct CategoricalView {
  /// Columns of C as codes 0..<levels.
  let codes: [[Int]]
  /// The number of observed levels of each column.
  let levels: [Int]
}

extension DataViews {
  /// Builds C (categorical attributes, then the discretised numeric ones).
  func categoricalView() -> CategoricalView {
    var codes = categoryCodes
    var levels = categoryLevels
    let bins = Swift.max(Int(pow(Double(rowCount), 1.0 / 3.0)), 1)
    for j in 0..<numericAttributeCount {
      let raw = Discretizer.equalFrequencyCodes(numericColumns[j], sorted: sortedNumericColumn(j), bins: bins)
      let (dense, count) = Discretizer.denseCodes(raw)
      codes.append(dense)
      levels.append(count)
    }
    return CategoricalView(codes: codes, levels: levels)
  }
}

/// pymfe's equal-frequency discretisation of one numeric column (`_equal_freq_discretization`).
enum Discretizer {
  /// Bin codes of `x` with `bins` equal-frequency bins.
  ///
  /// Cut points are the quantiles at i/bins (i = 1…bins, numpy linear interpolation); a cut
  /// point within 1e-8 of the previous one is dropped; each value gets the number of cut
  /// points strictly below it (`np.digitize(right=True)`).
  ///
  /// - Parameters:
  ///   - x: the column.
  ///   - sorted: `x` sorted ascending (the quantiles are read from it).
  ///   - bins: the number of bins, ≥ 1.
  static func equalFrequencyCodes(_ x: [Double], sorted: [Double], bins: Int) -> [Int] {
    let step = 1.0 / Double(bins)
    let hasNaN = sorted.contains(where: \.isNaN)
    let cuts = (1...bins).map { i -> Double in
      hasNaN ? .nan : ColumnStatistics.quantile(sorted: sorted, i == bins ? 1.0 : Double(i) * step)
    }
    var kept: [Double] = []
    for (i, c) in cuts.enumerated() where i == 0 || c - cuts[i - 1] > 1e-8 { kept.append(c) }
    // Kept cut points increase strictly (each exceeds its predecessor by more than 1e-8), so
    // numpy's `np.unique` is the identity; a NaN cut point takes the general path.
    let increasing = kept.indices.dropFirst().allSatisfy { kept[$0 - 1] < kept[$0] }
    let unique = increasing && !hasNaN ? kept : Array(Set(kept)).sorted()
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

  /// `codes` (small non-negative integers) renumbered 0..<levels in ascending order of the
  /// observed values, and the number of observed values.
  static func denseCodes(_ codes: [Int]) -> ([Int], Int) {
    var map = [Int](repeating: -1, count: (codes.max() ?? -1) + 1)
    for c in codes { map[c] = 0 }
    var next = 0
    for k in map.indices where map[k] == 0 {
      map[k] = next
      next += 1
    }
    return (codes.map { map[$0] }, next)
  }
}

/// Sorting of the columns of N, with counting paths for 0/1 columns (every indicator column of
/// a categorical attribute) and other integer columns of small range (integer-coded attributes
/// such as marketing's).
enum SortedColumn {
  /// `x` sorted ascending, identical to `x.sorted()` bit for bit.
  static func sorted(_ x: [Double]) -> [Double] {
    indicatorSorted(x) ?? countingSorted(x) ?? x.sorted()
  }

  /// `x` sorted when every value is +0.0 or 1.0 (one pass that only counts the ones), else `nil`.
  static func indicatorSorted(_ x: [Double]) -> [Double]? {
    var ones = 0
    for v in x {
      // Only +0.0 and 1.0 qualify (a -0.0 would come back as +0.0).
      if v == 1 {
        ones += 1
      } else if v.bitPattern != 0 {
        return nil
      }
    }
    var out = [Double](repeating: 0, count: x.count)
    for i in (x.count - ones)..<x.count { out[i] = 1 }
    return out
  }

  /// `x` sorted by counting when its values are integers spanning at most `2 · count + 64`
  /// values (O(n + range) instead of Swift's O(n log n) merge sort), else `nil`.
  ///
  /// Each written value is `Double(Int(v))`, the same bits as `v` for an integer below 2^52 in
  /// magnitude other than −0.0; so −0.0 (equal to +0.0 but of other bits), NaN, ±∞ and larger
  /// values are left to the comparison sort.
  static func countingSorted(_ x: [Double]) -> [Double]? {
    x.withUnsafeBufferPointer { column -> [Double]? in
      guard var lo = column.first else { return [] }
      var hi = lo
      for v in column {
        // (`Double(Int(v)) == v` rather than `v.rounded()`, a libm call on baseline x86-64.)
        guard Swift.abs(v) < 0x1p52, Double(Int(v)) == v, v != 0 || v.bitPattern == 0 else { return nil }
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
      }
      let base = Int(lo)
      let range = Int(hi) - base + 1
      guard range <= 2 * column.count + 64 else { return nil }
      return withUnsafeTemporaryAllocation(of: Int.self, capacity: range) { counts in
        counts.initialize(repeating: 0)
        for v in column { counts[Int(v) - base] += 1 }
        return [Double](unsafeUninitializedCapacity: column.count) { out, written in
          var i = 0
          for k in 0..<range {
            let value = Double(base + k)
            for _ in 0..<counts[k] {
              out[i] = value
              i += 1
            }
          }
          written = i
        }
      }
    }
  }

  /// The number of distinct values of sorted `x` (as `Set(x).count` for NaN-free data).
  static func distinctCount(sorted x: [Double]) -> Int {
    guard !x.isEmpty else { return 0 }
    var count = 1
    for i in 1..<x.count where x[i] != x[i - 1] { count += 1 }
    return count
  }
}
