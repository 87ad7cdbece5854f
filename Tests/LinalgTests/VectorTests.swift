import Linalg
import Testing

@Suite struct VectorTests {
  @Test func dotNormAxpyAndScaleMatchClosedForms() throws {
    let x: [Double] = [1, 2, 3]
    var y: [Double] = [4, -5, 6]
    #expect(try Vector.dot(x, y) == 12)
    #expect(try Vector.norm([3.0, 4.0]) == 5)
    try Vector.add(x, scaledBy: 2, to: &y)
    #expect(y == [6, -1, 12])
    var z: [Float] = [1, -2, 0.5]
    try Vector.scale(&z, by: -2)
    #expect(z == [-2, 4, -1])
  }

  @Test func emptyVectorsGiveZero() throws {
    let empty: [Float] = []
    #expect(try Vector.dot(empty, empty) == 0)
    #expect(try Vector.norm(empty) == 0)
  }

  @Test func normDoesNotOverflow() throws {
    let big = [Double](repeating: 1e300, count: 4)
    #expect(try Vector.norm(big) == 2e300)
  }

  @Test func mismatchedLengthsThrow() {
    var y: [Double] = [1]
    #expect(throws: LinalgError.dimensionMismatch(operation: "Vector.dot", expected: "length 2", got: "length 1")) {
      _ = try Vector.dot([1.0, 2.0], y)
    }
    #expect(throws: LinalgError.self) { try Vector.add([1.0, 2.0], scaledBy: 1, to: &y) }
  }
}
