/// pymfe's `general` group: counts and ratios of the raw attributes X and the classes.
///
/// | pymfe name | definition |
/// |---|---|
/// | `nr_inst` | n, the number of rows |
/// | `nr_attr` | d, the number of attributes |
/// | `nr_num` | number of numeric attributes |
/// | `nr_cat` | number of categorical attributes |
/// | `nr_class` | k, the number of distinct classes |
/// | `nr_bin` | number of attributes with exactly 2 distinct values |
/// | `attr_to_inst` | d / n |
/// | `inst_to_attr` | n / d |
/// | `cat_to_num` | nr_cat / nr_num (NaN without numeric attributes) |
/// | `num_to_cat` | nr_num / nr_cat (NaN without categorical attributes) |
/// | `freq_class` | class counts / n (one value per class, summarised) |
enum GeneralGroup {
  static func extract(_ v: DataViews, into sink: inout FeatureSink) {
    let n = Double(v.rowCount)
    let d = Double(v.rawColumns.count)
    let nrNum = Double(v.numericAttributeCount)
    let nrCat = d - nrNum
    sink.scalar("nr_inst", n)
    sink.scalar("nr_attr", d)
    sink.scalar("nr_num", nrNum)
    sink.scalar("nr_cat", nrCat)
    sink.scalar("nr_class", Double(v.classCount))
    sink.scalar("nr_bin", Double(v.rawColumns.filter(hasTwoValues).count))
    sink.scalar("attr_to_inst", d / n)
    sink.scalar("inst_to_attr", n / d)
    sink.scalar("cat_to_num", nrNum == 0 ? .nan : nrCat / nrNum, reason: "no numeric attributes")
    sink.scalar("num_to_cat", nrCat == 0 ? .nan : nrNum / nrCat, reason: "no categorical attributes")
    sink.vector("freq_class", v.classFreqs.map { Double($0) / n })
  }
}

/// Whether a column holds exactly two distinct values (stops at the third; no hashing).
private func hasTwoValues(_ column: [Double]) -> Bool {
  guard let first = column.first else { return false }
  var second: Double?
  for value in column where value != first {
    if let s = second, s != value { return false }
    second = value
  }
  return second != nil
}
