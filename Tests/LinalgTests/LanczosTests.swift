import Linalg
import Testing

/// Lanczos against operators with a known spectrum.
@Suite struct LanczosTests {
  /// `M = diag(1, 2, …, n)` applied to a vector.
  static func diagonal(_ v: [Double]) -> [Double] { v.indices.map { Double($0 + 1) * v[$0] } }
}

extension LanczosTests {
  // MARK: - Ritz values and vectors

  /// n steps on an n × n operator span the whole space: the Ritz values are the eigenvalues.
  @Test func fullRunRecoversTheSpectrum() throws {
    let n = 12
    let lanczos = try Lanczos(maxSteps: n)
    let d = lanczos.decompose(start: [Double](repeating: 1, count: n), apply: Self.diagonal)
    #expect(d.alpha.count == n && d.beta.count == n - 1)
    let ritz = try d.ritzValues()
    for (k, value) in ritz.enumerated() { #expect(abs(value - Double(n - k)) < 1e-9) }
  }

  /// The top Ritz vector of diag(1…n) is ±e_n; the early stop on its residual takes fewer steps.
  @Test func topPairConvergesToTheLargestEigenvector() throws {
    let n = 200
    let lanczos = try Lanczos(maxSteps: n, topPairTolerance: 1e-10)
    let start = (0..<n).map { 1 + Double($0 % 3) }
    let d = lanczos.decompose(start: start) { v in
      // A gap at the top: eigenvalues 1…199 and 400.
      v.indices.map { ($0 == n - 1 ? 400 : Double($0 + 1)) * v[$0] }
    }
    let (value, vector) = try d.topRitzPair()
    #expect(abs(value - 400) < 1e-8)
    #expect(abs(abs(vector[n - 1]) - 1) < 1e-8)
    #expect(d.alpha.count < n)
  }

  /// A start inside an invariant subspace breaks down early with exact Ritz values.
  @Test func invariantSubspaceStopsEarly() throws {
    var start = [Double](repeating: 0, count: 10)
    start[2] = 1
    start[5] = 1
    let d = try Lanczos(maxSteps: 10).decompose(start: start, apply: Self.diagonal)
    #expect(d.alpha.count == 2)
    let ritz = try d.ritzValues()
    #expect(abs(ritz[0] - 6) < 1e-12 && abs(ritz[1] - 3) < 1e-12)
  }

  // MARK: - Errors

  @Test func invalidSettingsAreTypedErrors() {
    #expect(throws: LinalgError.invalidParameter(name: "maxSteps", value: "0", requirement: "maxSteps ≥ 1")) {
      try Lanczos(maxSteps: 0)
    }
    #expect(throws: LinalgError.self) { try Lanczos(maxSteps: 3, breakdownTolerance: -1) }
    #expect(throws: LinalgError.self) { try Lanczos(maxSteps: 3, topPairTolerance: .nan) }
  }
}
