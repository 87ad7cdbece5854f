/// A dense matrix stored row-major in one contiguous array.
///
/// Element `(i, j)` lives at `storage[i * columns + j]`, the layout BLAS calls
/// `CblasRowMajor` with leading dimension `columns`. `Matrix` is a value type with
/// copy-on-write storage, so it is `Sendable` and cheap to pass around.
public struct Matrix<Scalar: BLASScalar>: Sendable, Equatable {
  /// Number of rows (≥ 0).
  public let rows: Int
  /// Number of columns (≥ 0).
  public let columns: Int
  /// The elements, row by row; `storage.count == rows * columns`.
  public var storage: [Scalar]

  /// Creates a `rows × columns` matrix filled with `value`.
  ///
  /// - Parameters:
  ///   - rows: number of rows, ≥ 0.
  ///   - columns: number of columns, ≥ 0.
  ///   - value: the value of every element (default 0).
  @inlinable
  public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.storage = Array(repeating: value, count: rows * columns)
  }

  /// Creates a matrix from row-major elements.
  ///
  /// - Precondition: `storage.count == rows * columns`.
  @inlinable
  public init(rows: Int, columns: Int, storage: [Scalar]) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
    precondition(storage.count == rows * columns, "storage has \(storage.count) elements, expected \(rows * columns)")
    self.rows = rows
    self.columns = columns
    self.storage = storage
  }

  /// Creates a matrix from an array of equal-length rows.
  ///
  /// - Precondition: every row has the same length.
  @inlinable
  public init(_ rowArrays: [[Scalar]]) {
    let columns = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == columns }, "rows of unequal length")
    self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
  }

  /// The `n × n` identity matrix.
  @inlinable
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.storage[i * n + i] = 1 }
    return m
  }

  /// The element in row `i`, column `j` (both zero-based).
  @inlinable
  public subscript(i: Int, j: Int) -> Scalar {
    get {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) out of range")
      return storage[i * columns + j]
    }
    set {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) out of range")
      storage[i * columns + j] = newValue
    }
  }

  /// `(rows, columns)`.
  @inlinable
  public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// Row `i` as a new array.
  @inlinable
  public func row(_ i: Int) -> [Scalar] {
    precondition(i >= 0 && i < rows, "row \(i) out of range")
    return Array(storage[(i * columns)..<((i + 1) * columns)])
  }

  /// Column `j` as a new array.
  @inlinable
  public func column(_ j: Int) -> [Scalar] {
    precondition(j >= 0 && j < columns, "column \(j) out of range")
    return (0..<rows).map { storage[$0 * columns + j] }
  }

  /// A new matrix made of the given rows, in the given order (rows may repeat).
  @inlinable
  public func rows(_ indices: some Collection<Int>) -> Matrix {
    var out = [Scalar]()
    out.reserveCapacity(indices.count * columns)
    for i in indices {
      precondition(i >= 0 && i < rows, "row \(i) out of range")
      out.append(contentsOf: storage[(i * columns)..<((i + 1) * columns)])
    }
    return Matrix(rows: indices.count, columns: columns, storage: out)
  }

  /// A new matrix made of the given columns, in the given order.
  @inlinable
  public func columns(_ indices: [Int]) -> Matrix {
    var out = [Scalar]()
    out.reserveCapacity(indices.count * rows)
    for i in 0..<rows {
      for j in indices { out.append(storage[i * columns + j]) }
    }
    return Matrix(rows: rows, columns: indices.count, storage: out)
  }

  /// The transpose, as a new matrix.
  @inlinable
  public var transposed: Matrix {
    var out = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { out.storage[j * rows + i] = storage[i * columns + j] }
    }
    return out
  }
}

extension Matrix: CustomStringConvertible {
  /// A short rendering: the shape, then up to 6 rows of up to 6 elements.
  public var description: String {
    var lines = ["Matrix<\(Scalar.self)> \(rows)×\(columns)"]
    for i in 0..<min(rows, 6) {
      let cells = (0..<min(columns, 6)).map { "\(self[i, $0])" }
      lines.append("  [" + cells.joined(separator: ", ") + (columns > 6 ? ", …]" : "]"))
    }
    if rows > 6 { lines.append("  …") }
    return lines.joined(separator: "\n")
  }
}
