// Internal BLAS helpers shared by the layers: typed-error gemm and bias broadcasting.
import Linalg

extension Matrix where Scalar == Float {
  /// `C ← alpha·op(A)·op(B) + beta·C` (one BLAS `sgemm`), with the error mapped to ``NeuralNetError``.
  static func gemm(
    _ a: Matrix, _ transA: Transpose, _ b: Matrix, _ transB: Transpose,
    beta: Float = 0, into c: inout Matrix
  ) throws(NeuralNetError) {
    do {
      try Matrix.multiply(a, transA, b, transB, alpha: 1, beta: beta, into: &c)
    } catch {
      throw .linalg(error)
    }
  }

  /// Adds `bias[j]` to every element of column `j`. O(rows·columns).
  mutating func addRowVector(_ bias: [Float]) {
    precondition(bias.count == columns, "bias length \(bias.count) ≠ columns \(columns)")
    let n = columns
    storage.withUnsafeMutableBufferPointer { out in
      bias.withUnsafeBufferPointer { b in
        for i in 0..<rows {
          let base = i * n
          for j in 0..<n { out[base + j] += b[j] }
        }
      }
    }
  }

  /// `sums ← sums + Σᵢ self[i, ·]` (column sums, one BLAS `sgemv` with a vector of ones).
  func accumulateColumnSums(into sums: inout [Float]) throws(NeuralNetError) {
    let ones = [Float](repeating: 1, count: rows)
    do {
      try Matrix.multiply(self, .transposed, vector: ones, alpha: 1, beta: 1, into: &sums)
    } catch {
      throw .linalg(error)
    }
  }

  /// `"rows×columns"`, the shape notation of error messages.
  var shapeDescription: String { "\(rows)×\(columns)" }
}

/// Whether every element is finite; otherwise the first offending position.
func firstNonFinite(_ m: Matrix<Float>) -> (row: Int, column: Int)? {
  for (k, v) in m.storage.enumerated() where !v.isFinite {
    return (k / Swift.max(1, m.columns), k % Swift.max(1, m.columns))
  }
  return nil
}
