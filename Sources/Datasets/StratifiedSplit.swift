import Linalg

/// A random train / validation / test split that keeps each class's proportion in every part.
///
/// Each class's rows are shuffled and cut in the proportions `trainFraction`,
/// `validationFraction` and `1 − trainFraction − validationFraction`. The part sizes of a
/// class with n rows are the floors of `fraction · n`, the rows left over going to the parts
/// with the largest remainders (ties to the earlier part); then every part with a positive
/// fraction that got no row takes one from the largest part, so a class with at least as many
/// rows as there are non-empty parts (3 for a three-way split) appears in each part.
public struct StratifiedSplit: Sendable, Equatable {
  /// Training rows, ascending.
  public var train: [Int]
  /// Validation rows, ascending (empty when `validationFraction` is 0).
  public var validation: [Int]
  /// Test rows, ascending.
  public var test: [Int]

  /// Splits the rows of `labels` by class.
  ///
  /// - Parameters:
  ///   - labels: one class label per row.
  ///   - trainFraction: share of each class for training, in (0, 1].
  ///   - validationFraction: share for validation, in [0, 1 − trainFraction]; the rest is test.
  ///   - generator: shuffles each class's rows.
  /// - Throws: `DatasetError.invalidSplit` for fractions out of range or no rows.
  public init<Label: Hashable>(
    labels: [Label], trainFraction: Double, validationFraction: Double = 0,
    using generator: inout SeededGenerator
  ) throws(DatasetError) {
    guard !labels.isEmpty else { throw .invalidSplit(reason: "cannot split an empty dataset") }
    guard trainFraction > 0, trainFraction <= 1, validationFraction >= 0,
      trainFraction + validationFraction <= 1 + 1e-9
    else {
      throw .invalidSplit(
        reason: "fractions must satisfy 0 < train ≤ 1, 0 ≤ validation, train + validation ≤ 1; "
          + "got train \(trainFraction), validation \(validationFraction)")
    }
    let testFraction = max(0, 1 - trainFraction - validationFraction)
    let fractions = [trainFraction, validationFraction, testFraction < 1e-9 ? 0 : testFraction]

    var classRows = [Label: [Int]]()
    var order = [Label]()
    for (row, label) in labels.enumerated() {
      if classRows[label] == nil { order.append(label) }
      classRows[label, default: []].append(row)
    }
    var parts: [[Int]] = [[], [], []]
    for label in order {
      var rows = classRows[label] ?? []
      generator.shuffle(&rows)
      let sizes = Self.partSizes(count: rows.count, fractions: fractions)
      var start = 0
      for part in 0..<3 {
        parts[part].append(contentsOf: rows[start..<(start + sizes[part])])
        start += sizes[part]
      }
    }
    train = parts[0].sorted()
    validation = parts[1].sorted()
    test = parts[2].sorted()
  }

  /// Sizes of the parts of one class of `count` rows (largest remainders, then ≥ 1 per part).
  static func partSizes(count: Int, fractions: [Double]) -> [Int] {
    let ideal = fractions.map { $0 * Double(count) }
    var sizes = ideal.map { Int(($0 + 1e-9).rounded(.down)) }
    // The 1e-9 slack can round a share up; never hand out more rows than the class has.
    while sizes.reduce(0, +) > count, let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }) {
      sizes[largest] -= 1
    }
    var left = count - sizes.reduce(0, +)
    let byRemainder = sizes.indices.sorted { a, b in
      let ra = ideal[a] - Double(sizes[a])
      let rb = ideal[b] - Double(sizes[b])
      return ra != rb ? ra > rb : a < b
    }
    for part in byRemainder where left > 0 && fractions[part] > 0 {
      sizes[part] += 1
      left -= 1
    }
    sizes[0] += left  // only rounding slack can leave rows over; they go to training
    let positive = fractions.indices.filter { fractions[$0] > 0 }
    if count >= positive.count {
      for part in positive where sizes[part] == 0 {
        if let donor = sizes.indices.max(by: { sizes[$0] < sizes[$1] }), sizes[donor] > 1 {
          sizes[donor] -= 1
          sizes[part] += 1
        }
      }
    }
    return sizes
  }
}

extension Dataset {
  /// A stratified train / validation / test split of this dataset's rows.
  ///
  /// - Parameters:
  ///   - trainFraction: share of each class for training, in (0, 1].
  ///   - validationFraction: share for validation; the rest is test.
  ///   - generator: shuffles each class's rows.
  /// - Throws: `DatasetError.invalidSplit` for fractions out of range.
  public func stratifiedSplit(
    trainFraction: Double, validationFraction: Double = 0, using generator: inout SeededGenerator
  ) throws(DatasetError) -> StratifiedSplit {
    try StratifiedSplit(
      labels: target, trainFraction: trainFraction, validationFraction: validationFraction,
      using: &generator)
  }
}
