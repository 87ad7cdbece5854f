import Linalg

/// O(n) vector arithmetic in `Double` for the probes' iterates (dot products through BLAS `ddot`).
enum VectorArithmetic {
  /// xᵀy (BLAS `ddot`); both vectors have the same length by construction.
  static func dot(_ x: [Double], _ y: [Double]) -> Double {
    (try? Vector.dot(x, y)) ?? zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// ‖x‖₂.
  static func norm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }

  /// x + a·y.
  static func adding(_ x: [Double], _ a: Double, _ y: [Double]) -> [Double] {
    var z = x
    for i in z.indices { z[i] += a * y[i] }
    return z
  }

  /// x / ‖x‖ (x unchanged when its norm is 0).
  static func normalized(_ x: [Double]) -> [Double] {
    let n = norm(x)
    return n > 0 ? x.map { $0 / n } : x
  }

  /// x minus its projections on the orthonormal `basis` (classical Gram–Schmidt, applied twice
  /// for numerical orthogonality, "twice is enough").
  static func orthogonalized(_ x: [Double], against basis: [[Double]]) -> [Double] {
    var z = x
    for _ in 0..<2 {
      for b in basis {
        let c = dot(z, b)
        for i in z.indices { z[i] -= c * b[i] }
      }
    }
    return z
  }

  /// A vector of n independent N(0, 1) draws.
  static func gaussian(_ n: Int, using generator: inout SeededGenerator) -> [Double] {
    (0..<n).map { _ in generator.normal() }
  }

  /// A vector of n independent Rademacher (±1, each with probability ½) draws.
  static func rademacher(_ n: Int, using generator: inout SeededGenerator) -> [Double] {
    (0..<n).map { _ in generator.next() & 1 == 0 ? -1 : 1 }
  }
}
