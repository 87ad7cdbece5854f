/// Whether a BLAS operand is used as stored or transposed.
public enum Transpose: Sendable, Equatable {
  /// Use the matrix as stored.
  case none
  /// Use the transpose of the matrix.
  case transposed
}

/// Which triangle of a symmetric or triangular matrix holds the data.
public enum Triangle: Sendable, Equatable {
  /// The upper triangle (on and above the diagonal).
  case upper
  /// The lower triangle (on and below the diagonal).
  case lower
}

/// A floating-point type with BLAS and LAPACK kernels: `Float` (s-routines) or `Double` (d-routines).
///
/// The requirements are raw kernels over row-major buffers; shapes are validated by the
/// `Matrix` methods before these are called, so LAPACK's `xerbla` never prints to stdout.
/// Users call the `Matrix` API, not these.
public protocol BLASScalar: BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
  // Kernels are declared in BLASScalar+Kernels.swift's documentation and implemented in
  // Float+BLAS.swift and Double+BLAS.swift.
}
