import Linalg
import Testing

/// `Statistics.compensatedCorrelation`: fixed order, compensated, no BLAS.
@Suite struct CompensatedCorrelationTests {
  /// x = (0, 1, 2), y = (0, 2, 1) has r = 1/2 exactly (cov 1, variances 2 and 2). Shifted by a
  /// large offset and repeated in a shuffled order the stored values keep r = 1/2 exactly, but a
  /// sum of products without compensation loses the last bits.
  @Test func exactHalfStaysWithinAnUlpOfHalf() {
    var rng = SeededGenerator(seed: 3)
    for offset in [0.0, 0.375, 1e8 + 0.125, -7.25e11] {
      var pairs: [(Double, Double)] = []
      for _ in 0..<333 { pairs += [(0, 0), (1, 2), (2, 1)] }
      pairs.shuffle(using: &rng)
      let x = pairs.map { $0.0 + offset }
      let y = pairs.map { $0.1 * 0.5 + offset }
      let r = Statistics.compensatedCorrelation(x, y)
      #expect(abs(r - 0.5) <= 2 * Double.ulpOfOne, "offset \(offset): r = \(r)")
      let negative = Statistics.compensatedCorrelation(x, y.map { -$0 })
      #expect(abs(negative + 0.5) <= 2 * Double.ulpOfOne, "offset \(offset): r = \(negative)")
    }
  }

  /// On ordinary data it agrees with the gemm-based correlation matrix (numpy's corrcoef).
  @Test func agreesWithTheCorrelationMatrix() throws {
    var rng = SeededGenerator(seed: 11)
    var x = Matrix<Double>(rows: 200, columns: 4)
    for i in 0..<200 {
      let z = Double.random(in: -1...1, using: &rng)
      for j in 0..<4 { x[i, j] = z * Double(j) + Double.random(in: -1...1, using: &rng) }
    }
    let c = try Statistics.correlationMatrix(x)
    for i in 0..<4 {
      for j in 0..<i {
        let r = Statistics.compensatedCorrelation(x.column(i), x.column(j))
        #expect(abs(r - c[i, j]) <= 1e-13, "(\(i), \(j)): \(r) vs \(c[i, j])")
      }
    }
  }

  @Test func constantOrShortColumnsGiveNaN() {
    #expect(Statistics.compensatedCorrelation([1, 1, 1], [1, 2, 3]).isNaN)
    #expect(Statistics.compensatedCorrelation([1], [2]).isNaN)
    #expect(Statistics.compensatedCorrelation([], []).isNaN)
  }

  /// Sums that lose everything without compensation: 1e16 + 1 − 1e16 + … in index order.
  @Test func compensatedSumRecoversCancelledTerms() {
    #expect(CompensatedSum.of([1e16, 1, -1e16]) == 1)
    #expect(CompensatedSum.of([1, 1e100, 1, -1e100]) == 2)
    var s = CompensatedSum()
    s.addProduct(1 + 0x1p-30, 1 - 0x1p-30)  // 1 − 2⁻⁶⁰: the product rounds to 1
    s.add(-1)
    #expect(s.value == -0x1p-60)
  }
}
