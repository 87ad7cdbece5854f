// Internal helpers that hand BLAS/LAPACK a base pointer and check Matrix invariants.

extension Array where Element: BLASScalar {
  /// Calls `body` with the base address, or with the address of a dummy zero when the array is
  /// empty (BLAS and LAPACK never read an operand whose dimensions are zero).
  @inlinable
  func withBase<R>(
    _ body: (UnsafePointer<Element>) throws(LinalgError) -> R
  ) throws(LinalgError) -> R {
    try withUnsafeBufferPointer { (buffer) throws(LinalgError) -> R in
      if let base = buffer.baseAddress { return try body(base) }
      let dummy = Element.zero
      return try withUnsafePointer(to: dummy) { (pointer) throws(LinalgError) -> R in
        try body(pointer)
      }
    }
  }

  /// Calls `body` with the mutable base address, or with a dummy when the array is empty.
  @inlinable
  mutating func withMutableBase<R>(
    _ body: (UnsafeMutablePointer<Element>) throws(LinalgError) -> R
  ) throws(LinalgError) -> R {
    try withUnsafeMutableBufferPointer { (buffer) throws(LinalgError) -> R in
      if let base = buffer.baseAddress { return try body(base) }
      var dummy = Element.zero
      return try withUnsafeMutablePointer(to: &dummy) { (pointer) throws(LinalgError) -> R in
        try body(pointer)
      }
    }
  }

  /// `self ← beta·self`; with `beta == 0` the elements become zero even if they were NaN (BLAS semantics).
  @inlinable
  mutating func scaleElements(by beta: Element) {
    if beta == 0 {
      for i in indices { self[i] = 0 }
    } else if beta != 1 {
      for i in indices { self[i] *= beta }
    }
  }
}

extension Matrix {
  /// Checks `storage.count == rows * columns`; `storage` is public and mutable, so a caller
  /// could have replaced it with an array of the wrong length (programmer misuse).
  @inlinable
  func checkStorage(_ operation: String) {
    precondition(
      storage.count == rows * columns,
      "\(operation): storage has \(storage.count) elements but the matrix is \(rows)×\(columns)")
  }

  /// The row stride passed to BLAS/LAPACK: `max(1, columns)`, as their argument checks require.
  @inlinable
  var leadingDimension: Int { Swift.max(1, columns) }

  /// Whether every element of `triangle` (diagonal included) is finite.
  func triangleIsFinite(_ triangle: Triangle) -> Bool {
    for i in 0..<rows {
      let range = triangle == .lower ? 0..<Swift.min(i + 1, columns) : Swift.min(i, columns)..<columns
      for j in range where !storage[i * columns + j].isFinite { return false }
    }
    return true
  }

  /// Sets the strict `triangle` (diagonal excluded) to zero.
  mutating func zeroStrictTriangle(_ triangle: Triangle) {
    for i in 0..<rows {
      let range = triangle == .upper ? Swift.min(i + 1, columns)..<columns : 0..<Swift.min(i, columns)
      for j in range { storage[i * columns + j] = 0 }
    }
  }
}
