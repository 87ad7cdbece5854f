import Linalg
import Testing

@Suite struct MatrixMultiplyTests {
  static let shapes: [(m: Int, k: Int, n: Int)] = [(1, 1, 1), (3, 5, 7), (17, 13, 9), (4, 0, 3), (0, 3, 2)]
  static let transposes: [(Transpose, Transpose)] = [
    (.none, .none), (.none, .transposed), (.transposed, .none), (.transposed, .transposed),
  ]
}

// MARK: - gemm

extension MatrixMultiplyTests {
  @Test(arguments: allPrecisions)
  func gemmMatchesNaiveProductForAllTransposes(_ type: any BLASScalar.Type) throws {
    try checkGemm(type)
  }

  private func checkGemm<T: BLASScalar>(_: T.Type) throws {
    var rng = SeededGenerator(seed: 11)
    for (m, k, n) in Self.shapes {
      for (ta, tb) in Self.transposes {
        let a = ta == .none ? randomMatrix(T.self, m, k, &rng) : randomMatrix(T.self, k, m, &rng)
        let b = tb == .none ? randomMatrix(T.self, k, n, &rng) : randomMatrix(T.self, n, k, &rng)
        var c = randomMatrix(T.self, m, n, &rng)
        let expected = naiveProduct(a, ta, b, tb, alpha: 0.75, beta: -1.5, c: c)
        try Matrix.multiply(a, ta, b, tb, alpha: 0.75, beta: -1.5, into: &c)
        #expect(isClose(c.storage, expected, tol: tolerance(T.self)), "\(m)×\(k)·\(k)×\(n) \(ta) \(tb)")
      }
    }
  }

  @Test func multipliedAllocatesProductOfTransposes() throws {
    var rng = SeededGenerator(seed: 12)
    let a = randomMatrix(Double.self, 5, 3, &rng)
    let b = randomMatrix(Double.self, 4, 5, &rng)
    let c = try a.multiplied(by: b, transposeSelf: .transposed, transposeOther: .transposed)
    #expect(c.rows == 3 && c.columns == 4)
    let expected = naiveProduct(a, .transposed, b, .transposed, alpha: 1, beta: 0, c: c)
    #expect(isClose(c.storage, expected, tol: 1e-12))
  }

  @Test func gemmWithZeroBetaIgnoresNaNInOutput() throws {
    let a = Matrix<Double>([[1, 2], [3, 4]])
    var c = Matrix<Double>(rows: 2, columns: 2, repeating: .nan)
    try Matrix.multiply(a, a, into: &c)
    #expect(c == Matrix([[7, 10], [15, 22]]))
  }
}

// MARK: - gemv

extension MatrixMultiplyTests {
  @Test(arguments: allPrecisions)
  func gemvMatchesNaiveProductForBothTransposes(_ type: any BLASScalar.Type) throws {
    try checkGemv(type)
  }

  private func checkGemv<T: BLASScalar>(_: T.Type) throws {
    var rng = SeededGenerator(seed: 21)
    for (m, n) in [(1, 1), (3, 5), (17, 13), (4, 0)] {
      for trans in [Transpose.none, .transposed] {
        let a = trans == .none ? randomMatrix(T.self, m, n, &rng) : randomMatrix(T.self, n, m, &rng)
        let x = randomMatrix(T.self, n, 1, &rng)
        var y = randomMatrix(T.self, m, 1, &rng)
        let expected = naiveProduct(a, trans, x, .none, alpha: -0.5, beta: 2, c: y)
        try Matrix.multiply(a, trans, vector: x.storage, alpha: -0.5, beta: 2, into: &y.storage)
        #expect(isClose(y.storage, expected, tol: tolerance(T.self)), "\(m)×\(n) \(trans)")
        let plain = try a.multiplied(byVector: x.storage, transpose: trans)
        let expectedPlain = naiveProduct(a, trans, x, .none, alpha: 1, beta: 0, c: y)
        #expect(isClose(plain, expectedPlain, tol: tolerance(T.self)))
      }
    }
  }
}

// MARK: - Errors

extension MatrixMultiplyTests {
  @Test func mismatchedInnerDimensionsThrowWithoutPrinting() throws {
    let a = Matrix<Double>(rows: 2, columns: 3)
    var c = Matrix<Double>(rows: 2, columns: 3)
    let printed = capturingStandardOutput {
      let error = #expect(throws: LinalgError.self) { try Matrix.multiply(a, a, into: &c) }
      guard case .dimensionMismatch(let operation, _, _) = error else {
        Issue.record("expected dimensionMismatch, got \(String(describing: error))")
        return
      }
      #expect(operation == "multiply")
    }
    #expect(!printed.contains("On entry to"))
    #expect(!printed.contains("parameter"))
  }

  @Test func wrongOutputShapeThrowsDimensionMismatch() {
    let a = Matrix<Float>(rows: 2, columns: 3)
    var c = Matrix<Float>(rows: 3, columns: 3)
    let error = #expect(throws: LinalgError.self) { try Matrix.multiply(a, a, .transposed, into: &c) }
    #expect(error == .dimensionMismatch(operation: "multiply", expected: "C 2×2", got: "C 3×3"))
  }

  @Test func wrongVectorLengthThrowsDimensionMismatch() {
    let a = Matrix<Double>(rows: 2, columns: 3)
    #expect(
      throws: LinalgError.dimensionMismatch(
        operation: "multiply(vector:)", expected: "x of length 3 for op(A) 2×3", got: "length 2")
    ) {
      _ = try a.multiplied(byVector: [1, 2])
    }
  }

  @Test func errorMessagesSayHowToFix() {
    let messages = [
      LinalgError.notPositiveDefinite(minor: 2).description,
      LinalgError.dimensionMismatch(operation: "multiply", expected: "3×4", got: "2×4").description,
      LinalgError.tooLarge(dimension: 1 << 40).description,
    ]
    #expect(messages[0].contains("minor of order 2") && messages[0].contains("jitter"))
    #expect(messages[1].contains("expected 3×4, got 2×4"))
    #expect(messages[2].contains("\(Int32.max)"))
  }
}
