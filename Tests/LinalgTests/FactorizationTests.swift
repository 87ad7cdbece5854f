import Linalg
import Numerics
import Testing

@Suite struct FactorizationTests {}

// MARK: - Cholesky

extension FactorizationTests {
  @Test(arguments: allPrecisions)
  func choleskyReconstructsSPDMatrix(_ type: any BLASScalar.Type) throws {
    try checkCholesky(type)
  }

  private func checkCholesky<T: BLASScalar>(_: T.Type) throws {
    var rng = SeededGenerator(seed: 31)
    for n in [1, 4, 17] {
      let a = randomSPD(T.self, n, &rng)
      let l = try a.choleskyFactor()
      for i in 0..<n {
        for j in (i + 1)..<n { #expect(l[i, j] == 0, "upper triangle of L must be zero") }
        #expect(l[i, i] > 0)
      }
      let llt = try l.multiplied(by: l, transposeOther: .transposed)
      #expect(isClose(llt.storage, a.storage.map { Double($0) }, tol: tolerance(T.self)))

      let u = try a.choleskyFactor(triangle: .upper)
      for i in 0..<n { for j in 0..<i { #expect(u[i, j] == 0, "lower triangle of U must be zero") } }
      let utu = try u.multiplied(by: u, transposeSelf: .transposed)
      #expect(isClose(utu.storage, a.storage.map { Double($0) }, tol: tolerance(T.self)))
    }
  }

  @Test func choleskyReportsFirstFailingMinor() {
    let diagonal = Matrix<Double>([[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, -3, 0], [0, 0, 0, 4]])
    #expect(throws: LinalgError.notPositiveDefinite(minor: 3)) { _ = try diagonal.choleskyFactor() }
    let indefinite = Matrix<Float>([[1, 2], [2, 1]])
    #expect(throws: LinalgError.notPositiveDefinite(minor: 2)) { _ = try Cholesky(indefinite) }
  }

  @Test func choleskyRejectsNonSquareAndNonFiniteInput() {
    #expect(throws: LinalgError.notSquare(rows: 2, columns: 3)) {
      _ = try Matrix<Double>(rows: 2, columns: 3).choleskyFactor()
    }
    #expect(throws: LinalgError.nonFinite(operation: "choleskyFactor")) {
      _ = try Matrix<Double>([[1, 0], [.nan, 1]]).choleskyFactor()
    }
  }

  @Test(arguments: allPrecisions)
  func choleskySolveHasSmallResidual(_ type: any BLASScalar.Type) throws {
    try checkSolve(type)
  }

  private func checkSolve<T: BLASScalar>(_: T.Type) throws {
    var rng = SeededGenerator(seed: 32)
    let n = 9
    let a = randomSPD(T.self, n, &rng)
    let b = randomMatrix(T.self, n, 3, &rng)
    let cholesky = try Cholesky(a)
    let x = try cholesky.solve(b)
    let ax = try a.multiplied(by: x)
    #expect(isClose(ax.storage, b.storage.map { Double($0) }, tol: tolerance(T.self)))
    let bv = b.column(0)
    let xv = try cholesky.solve(bv)
    #expect(isClose(try a.multiplied(byVector: xv), bv.map { Double($0) }, tol: tolerance(T.self)))
  }

  @Test func choleskySolveRejectsWrongRowCount() throws {
    let cholesky = try Cholesky(Matrix<Double>.identity(3))
    #expect(throws: LinalgError.dimensionMismatch(operation: "Cholesky.solve", expected: "b of length 3", got: "length 2")) {
      _ = try cholesky.solve([1.0, 2.0])
    }
    #expect(throws: LinalgError.self) { _ = try cholesky.solve(Matrix<Double>(rows: 4, columns: 1)) }
  }

  @Test func logDeterminantOfDiagonalMatrixIsSumOfLogs() throws {
    let a = Matrix<Double>([[2, 0, 0], [0, 3, 0], [0, 0, 4]])
    let cholesky = try Cholesky(a, triangle: .upper)
    #expect(abs(cholesky.logDeterminant - Double.log(24)) < 1e-12)
  }

  @Test func xerblaPrintsWhenRawKernelIsMisusedSoValidationMatters() throws {
    // The positive control for the "nothing printed" checks: LAPACKE itself prints on bad input.
    var a: [Double] = [4, 0, 0, 4]
    var info = 0
    let printed = try capturingStandardOutput {
      info = try a.withUnsafeMutableBufferPointer { buffer in
        try Double.potrf(.lower, n: 2, a: try #require(buffer.baseAddress), lda: 1)
      }
    }
    #expect(info == -5)
    #expect(printed.contains("parameter"))
  }
}

// MARK: - Triangular solve

extension FactorizationTests {
  @Test(arguments: allPrecisions)
  func triangularSolveSatisfiesSystem(_ type: any BLASScalar.Type) throws {
    try checkTriangular(type)
  }

  private func checkTriangular<T: BLASScalar>(_: T.Type) throws {
    var rng = SeededGenerator(seed: 41)
    let n = 7
    let l = try randomSPD(T.self, n, &rng).choleskyFactor()
    let u = l.transposed
    let b = randomMatrix(T.self, n, 4, &rng)
    let bd = b.storage.map { Double($0) }
    for (t, triangle) in [(l, Triangle.lower), (u, .upper)] {
      for trans in [Transpose.none, .transposed] {
        let x = try t.solveTriangular(b, triangle: triangle, transpose: trans)
        let tx = try t.multiplied(by: x, transposeSelf: trans)
        #expect(isClose(tx.storage, bd, tol: tolerance(T.self)), "\(triangle) \(trans)")
        let xv = try t.solveTriangular(b.column(1), triangle: triangle, transpose: trans)
        let txv = try t.multiplied(byVector: xv, transpose: trans)
        #expect(isClose(txv, b.column(1).map { Double($0) }, tol: tolerance(T.self)))
      }
    }
  }

  @Test func triangularSolveRejectsZeroDiagonalAndBadShapes() {
    let singular = Matrix<Double>([[1, 0], [5, 0]])
    #expect(throws: LinalgError.singularTriangular(index: 1)) {
      _ = try singular.solveTriangular([1, 2], triangle: .lower)
    }
    #expect(throws: LinalgError.notSquare(rows: 1, columns: 2)) {
      _ = try Matrix<Double>(rows: 1, columns: 2).solveTriangular([1], triangle: .lower)
    }
    #expect(throws: LinalgError.dimensionMismatch(operation: "solveTriangular", expected: "2 rows", got: "3×1")) {
      _ = try Matrix<Double>.identity(2).solveTriangular(Matrix(rows: 3, columns: 1), triangle: .upper)
    }
  }
}

// MARK: - Symmetric eigen

extension FactorizationTests {
  @Test(arguments: allPrecisions)
  func symmetricEigenReconstructsMatrix(_ type: any BLASScalar.Type) throws {
    try checkEigen(type)
  }

  private func checkEigen<T: BLASScalar>(_: T.Type) throws {
    var rng = SeededGenerator(seed: 51)
    for n in [1, 5, 16] {
      let b = randomMatrix(T.self, n, n, &rng)
      let a = try b.multiplied(by: b, transposeOther: .transposed)
      let (values, vectors) = try a.symmetricEigen()
      #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "eigenvalues ascending")
      let rebuilt = try reconstruct(values: values, vectors: vectors)
      #expect(isClose(rebuilt.storage, a.storage.map { Double($0) }, tol: 10 * tolerance(T.self)))
      let vtv = try vectors.multiplied(by: vectors, transposeSelf: .transposed)
      #expect(isClose(vtv.storage, Matrix<Double>.identity(n).storage, tol: 10 * tolerance(T.self)))
      let valuesOnly = try a.symmetricEigenvalues(triangle: .upper)
      #expect(isClose(valuesOnly, values.map { Double($0) }, tol: 10 * tolerance(T.self)))
    }
  }

  @Test func symmetricEigenMatchesKnownSpectrum() throws {
    // The n × n tridiagonal matrix (−1, 2, −1) has eigenvalues 2 − 2·cos(kπ/(n+1)), k = 1…n.
    let n = 12
    var a = Matrix<Double>(rows: n, columns: n)
    for i in 0..<n {
      a[i, i] = 2
      if i > 0 { a[i, i - 1] = -1 }
    }
    let values = try a.symmetricEigen(triangle: .lower).values
    let expected = (1...n).map { k -> Double in
      let angle = Double(k) * Double.pi / Double(n + 1)
      return 2 - 2 * Double.cos(angle)
    }
    #expect(isClose(values, expected, tol: 1e-12))
  }

  /// numpy's `matrix_rank` rule (σ_max · n · ε) on matrices whose rank is known in exact arithmetic.
  @Test func symmetricNumericalRankFollowsNumpysTolerance() throws {
    // Rank 1: the outer product of (1, 2, 3) with itself.
    let outer = Matrix<Double>([[1, 2, 3], [2, 4, 6], [3, 6, 9]])
    #expect(try outer.symmetricNumericalRank() == 1)
    #expect(try Matrix<Double>.identity(5).symmetricNumericalRank() == 5)
    #expect(try Matrix<Double>(rows: 3, columns: 3).symmetricNumericalRank() == 0)
    // Tolerance for n = 2 and σ_max = 1 is 2ε ≈ 4.4e-16: 1e-20 is below it, 1e-14 above.
    #expect(try Matrix<Double>([[1, 0], [0, 1e-20]]).symmetricNumericalRank() == 1)
    #expect(try Matrix<Double>([[1, 0], [0, 1e-14]]).symmetricNumericalRank() == 2)
    #expect(try Matrix<Double>([[1, 0], [0, -1e-14]]).symmetricNumericalRank() == 2, "magnitudes, not signs")
    // A covariance matrix of rank 2 in exact arithmetic (third column = first + second) whose
    // computed determinant is rounding noise.
    let x = Matrix<Double>([[0.1, 0.7, 0.8], [0.3, 0.2, 0.5], [0.9, 0.4, 1.3], [0.6, 0.6, 1.2], [0.2, 0.9, 1.1]])
    #expect(try Statistics.covarianceMatrix(x).symmetricNumericalRank() == 2)
    #expect(try Matrix<Float>([[1, 2], [2, 4]]).symmetricNumericalRank() == 1)
  }

  @Test func symmetricEigenRejectsNonSquareAndNaN() {
    #expect(throws: LinalgError.notSquare(rows: 3, columns: 2)) {
      _ = try Matrix<Float>(rows: 3, columns: 2).symmetricEigen()
    }
    #expect(throws: LinalgError.nonFinite(operation: "symmetricEigen")) {
      _ = try Matrix<Double>([[1, .infinity], [0, 1]]).symmetricEigenvalues(triangle: .upper)
    }
  }
}
