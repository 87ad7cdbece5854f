// Level-1 BLAS on plain arrays.

/// Vector operations on `[Scalar]` through level-1 BLAS (`axpy`, `dot`, `nrm2`, `scal`).
public enum Vector {
  /// The inner product `Σ xᵢ·yᵢ` (BLAS `dot`); 0 for empty vectors.
  ///
  /// - Parameters:
  ///   - x: a vector.
  ///   - y: a vector of the same length.
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if the lengths differ;
  ///   ``LinalgError/tooLarge(dimension:)`` if the length exceeds `Int32.max`.
  /// - Complexity: O(n).
  public static func dot<Scalar: BLASScalar>(_ x: [Scalar], _ y: [Scalar]) throws(LinalgError) -> Scalar {
    guard x.count == y.count else {
      throw .dimensionMismatch(operation: "Vector.dot", expected: "length \(x.count)", got: "length \(y.count)")
    }
    if x.isEmpty { return 0 }
    return try x.withBase { (px) throws(LinalgError) in
      try y.withBase { (py) throws(LinalgError) in
        try Scalar.dot(n: x.count, x: px, incx: 1, y: py, incy: 1)
      }
    }
  }

  /// The Euclidean norm `‖x‖₂`, computed without intermediate overflow (BLAS `nrm2`); 0 when empty.
  ///
  /// - Parameter x: a vector.
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if the length exceeds `Int32.max`.
  /// - Complexity: O(n).
  public static func norm<Scalar: BLASScalar>(_ x: [Scalar]) throws(LinalgError) -> Scalar {
    if x.isEmpty { return 0 }
    return try x.withBase { (px) throws(LinalgError) in try Scalar.nrm2(n: x.count, x: px, incx: 1) }
  }

  /// Adds `alpha·x` to `y` in place: `y ← alpha·x + y` (BLAS `axpy`).
  ///
  /// - Parameters:
  ///   - x: a vector.
  ///   - alpha: the scale of `x` (any finite value).
  ///   - y: a vector of the same length as `x`, updated in place.
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:got:)`` if the lengths differ;
  ///   ``LinalgError/tooLarge(dimension:)`` if the length exceeds `Int32.max`.
  /// - Complexity: O(n).
  public static func add<Scalar: BLASScalar>(
    _ x: [Scalar], scaledBy alpha: Scalar, to y: inout [Scalar]
  ) throws(LinalgError) {
    guard x.count == y.count else {
      throw .dimensionMismatch(operation: "Vector.add", expected: "y of length \(x.count)", got: "length \(y.count)")
    }
    if x.isEmpty { return }
    let n = x.count
    try x.withBase { (px) throws(LinalgError) in
      try y.withMutableBase { (py) throws(LinalgError) in
        try Scalar.axpy(n: n, alpha: alpha, x: px, incx: 1, y: py, incy: 1)
      }
    }
  }

  /// Multiplies every element of `x` by `alpha` in place (BLAS `scal`).
  ///
  /// - Parameters:
  ///   - x: a vector, updated in place.
  ///   - alpha: the factor (any finite value).
  /// - Throws: ``LinalgError/tooLarge(dimension:)`` if the length exceeds `Int32.max`.
  /// - Complexity: O(n).
  public static func scale<Scalar: BLASScalar>(_ x: inout [Scalar], by alpha: Scalar) throws(LinalgError) {
    if x.isEmpty { return }
    let n = x.count
    try x.withMutableBase { (px) throws(LinalgError) in try Scalar.scal(n: n, alpha: alpha, x: px, incx: 1) }
  }
}
