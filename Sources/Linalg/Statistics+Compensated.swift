// Compensated, fixed-order sums and products: values that do not depend on the BLAS kernel.

extension Statistics {
  /// The Pearson correlation of `x` and `y`, summed in index order with compensated
  /// arithmetic (Neumaier sums, error-free products by fused multiply-add), never through BLAS.
  ///
  /// For decisions at a threshold (pymfe's `nr_cor_attr` counts |r| ≥ 0.5): a value computed
  /// through `gemm` moves in its last bits with the CPU's kernel, so a correlation that is 0.5 in
  /// exact arithmetic lands on either side. This one is the same on every host and within a few
  /// units in the last place of the exact correlation of the stored values (the means are
  /// compensated too; their remaining rounding error enters the cross-products only at second order).
  /// - Parameters:
  ///   - x: n values, n ≥ 2.
  ///   - y: n values.
  /// - Returns: r in [−1, 1]; NaN when either column is constant or n < 2.
  /// - Complexity: O(n), about four times the work of a plain dot product.
  public static func compensatedCorrelation(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "Statistics.compensatedCorrelation: \(x.count) and \(y.count) values")
    let n = x.count
    guard n >= 2 else { return .nan }
    let mx = CompensatedSum.of(x) / Double(n)
    let my = CompensatedSum.of(y) / Double(n)
    var sxx = CompensatedSum()
    var syy = CompensatedSum()
    var sxy = CompensatedSum()
    for i in 0..<n {
      let dx = x[i] - mx
      let dy = y[i] - my
      sxx.addProduct(dx, dx)
      syy.addProduct(dy, dy)
      sxy.addProduct(dx, dy)
    }
    let denominator = (sxx.value * syy.value).squareRoot()
    guard denominator > 0 else { return .nan }
    return Swift.min(1, Swift.max(-1, sxy.value / denominator))
  }
}

/// A running sum with Neumaier's compensation, and products added without rounding error
/// (the product's rounding error, recovered by a fused multiply-add, is summed too).
///
/// The result depends only on the order of the additions, never on the hardware's vector width
/// or a library's kernel.
public struct CompensatedSum: Sendable {
  @usableFromInline var sum = 0.0
  @usableFromInline var compensation = 0.0

  /// An empty sum (0).
  public init() {}

  /// The compensated sum of `values` in index order.
  public static func of(_ values: [Double]) -> Double {
    var s = CompensatedSum()
    for v in values { s.add(v) }
    return s.value
  }

  /// Adds `x`.
  @inlinable
  public mutating func add(_ x: Double) {
    let t = sum + x
    if abs(sum) >= abs(x) {
      compensation += (sum - t) + x
    } else {
      compensation += (x - t) + sum
    }
    sum = t
  }

  /// Adds a·b exactly: the rounded product and its rounding error, each compensated.
  @inlinable
  public mutating func addProduct(_ a: Double, _ b: Double) {
    let p = a * b
    let error = (-p).addingProduct(a, b)
    add(p)
    compensation += error
  }

  /// The sum so far.
  public var value: Double { sum + compensation }
}
