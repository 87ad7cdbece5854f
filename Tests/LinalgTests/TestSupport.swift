import Linalg

#if canImport(Glibc)
  import Glibc
#endif

/// Precisions every precision-generic test runs with.
let allPrecisions: [any BLASScalar.Type] = [Float.self, Double.self]

/// A relative tolerance suited to `T` for results of O(n) accumulated roundings.
func tolerance<T: BLASScalar>(_: T.Type) -> Double { T.self == Float.self ? 2e-4 : 1e-11 }

/// A `rows × columns` matrix of uniform values in [−1, 1).
func randomMatrix<T: BLASScalar>(_: T.Type, _ rows: Int, _ columns: Int, _ rng: inout SeededGenerator) -> Matrix<T> {
  Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in T(rng.uniform(-1, 1)) })
}

/// A random symmetric positive-definite `n × n` matrix: `B·Bᵀ + n·I`.
func randomSPD<T: BLASScalar>(_: T.Type, _ n: Int, _ rng: inout SeededGenerator) -> Matrix<T> {
  let b = randomMatrix(T.self, n, n, &rng)
  var a = Matrix<T>(rows: n, columns: n)
  for i in 0..<n {
    for j in 0..<n {
      var s = 0.0
      for k in 0..<n { s += Double(b[i, k]) * Double(b[j, k]) }
      a[i, j] = T(s + (i == j ? Double(n) : 0))
    }
  }
  return a
}

/// The naive triple-loop product `alpha·op(A)·op(B) + beta·C`, in `Double`: the independent reference.
func naiveProduct<T: BLASScalar>(
  _ a: Matrix<T>, _ ta: Transpose, _ b: Matrix<T>, _ tb: Transpose, alpha: Double, beta: Double, c: Matrix<T>
) -> [Double] {
  let (m, k) = ta == .none ? (a.rows, a.columns) : (a.columns, a.rows)
  let n = tb == .none ? b.columns : b.rows
  var out = [Double](repeating: 0, count: m * n)
  for i in 0..<m {
    for j in 0..<n {
      var s = 0.0
      for l in 0..<k {
        let x = ta == .none ? a[i, l] : a[l, i]
        let y = tb == .none ? b[l, j] : b[j, l]
        s += Double(x) * Double(y)
      }
      out[i * n + j] = alpha * s + (beta == 0 ? 0 : beta * Double(c[i, j]))
    }
  }
  return out
}

/// Whether `actual` and `expected` agree element-wise within `tol`, relative to `max(1, ‖expected‖∞)`.
func isClose<T: BLASScalar>(_ actual: [T], _ expected: [Double], tol: Double) -> Bool {
  guard actual.count == expected.count else { return false }
  let scale = max(1, expected.map(abs).max() ?? 0)
  return zip(actual, expected).allSatisfy { abs(Double($0) - $1) <= tol * scale }
}

/// `V·diag(λ)·Vᵀ` computed through the library's gemm.
func reconstruct<T: BLASScalar>(values: [T], vectors: Matrix<T>) throws -> Matrix<T> {
  var scaled = vectors
  for i in 0..<vectors.rows {
    for j in 0..<vectors.columns { scaled[i, j] *= values[j] }
  }
  return try scaled.multiplied(by: vectors, transposeOther: .transposed)
}

/// Runs `body` with the process's stdout (fd 1) redirected to a temporary file and returns what was written.
///
/// Other tests running in parallel may also write into it; callers look for specific text.
func capturingStandardOutput(_ body: () throws -> Void) rethrows -> String {
  fflush(nil)
  let template = "/tmp/linalg-stdout-XXXXXX"
  var path = Array(template.utf8CString)
  let fd = mkstemp(&path)
  guard fd >= 0 else {
    try body()
    return ""
  }
  let saved = dup(1)
  dup2(fd, 1)
  defer {
    fflush(nil)
    dup2(saved, 1)
    close(saved)
    close(fd)
    unlink(path)
  }
  try body()
  fflush(nil)
  let size = lseek(fd, 0, SEEK_END)
  guard size > 0 else { return "" }
  var bytes = [UInt8](repeating: 0, count: Int(size))
  _ = pread(fd, &bytes, Int(size), 0)
  return String(decoding: bytes, as: UTF8.self)
}
