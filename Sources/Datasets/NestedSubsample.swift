import Linalg

/// Stratified subsets of a dataset at several resource levels, each contained in the next.
///
/// Built once: each class's rows are put in a random order. `rows(fraction: f)` then takes
/// the first `⌈f · n_c⌉` rows (at least one) of every class c with n_c rows, so for
/// f₁ < f₂ the f₁ subset is a subset of the f₂ subset, and every class is present at every
/// level. This is how a resource level given as a data fraction is turned into rows.
public struct NestedSubsample: Sendable, Equatable {
  /// Each class's rows in their fixed random order, by class in order of first appearance.
  public let classOrders: [[Int]]
  /// Total number of rows.
  public let rowCount: Int

  /// Fixes a random order of each class's rows.
  ///
  /// - Parameters:
  ///   - labels: one class label per row.
  ///   - generator: shuffles each class's rows.
  public init<Label: Hashable>(labels: [Label], using generator: inout SeededGenerator) {
    var classRows = [Label: Int]()
    var orders = [[Int]]()
    for (row, label) in labels.enumerated() {
      if let c = classRows[label] {
        orders[c].append(row)
      } else {
        classRows[label] = orders.count
        orders.append([row])
      }
    }
    for c in orders.indices { generator.shuffle(&orders[c]) }
    classOrders = orders
    rowCount = labels.count
  }

  /// Fixes a random order of each class's rows of `dataset`.
  public init(_ dataset: Dataset, using generator: inout SeededGenerator) {
    self.init(labels: dataset.target, using: &generator)
  }

  /// About `fraction` of the rows, stratified, ascending.
  ///
  /// - Parameter fraction: the share of rows, in (0, 1]; values above 1 are read as 1 and
  ///   values at or below 0 give one row per class.
  /// - Returns: the first `max(1, ⌈fraction · n_c⌉)` rows of each class's fixed order, sorted;
  ///   all rows when `fraction ≥ 1`.
  public func rows(fraction: Double) -> [Int] {
    var out = [Int]()
    for order in classOrders {
      out.append(contentsOf: order.prefix(Self.take(fraction: fraction, of: order.count)))
    }
    return out.sorted()
  }

  /// `max(1, ⌈fraction · n⌉)` capped at n; a 1e-9 slack keeps `0.3 · 10` at 3, not 4.
  static func take(fraction: Double, of n: Int) -> Int {
    guard fraction < 1 else { return n }
    guard fraction > 0, !fraction.isNaN else { return min(1, n) }
    let wanted = Int((fraction * Double(n) - 1e-9).rounded(.up))
    return min(n, max(1, wanted))
  }
}
