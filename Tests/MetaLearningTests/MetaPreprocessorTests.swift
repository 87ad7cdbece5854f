import Linalg
import MetaLearning
import Testing

@Test func preprocessorImputesMediansAddsIndicatorsAndStandardises() throws {
  let x = Matrix<Double>([[1, .nan, 5], [3, 2, 5], [.nan, 4, 5], [7, 6, 5]])
  let p = try MetaPreprocessor(fitting: x, standardize: true)
  // Medians of the present values: {1, 3, 7} → 3, {2, 4, 6} → 4, {5} → 5.
  #expect(p.medians == [3, 4, 5])
  #expect(p.indicatorColumns == [0, 1])
  // Imputed columns: [1, 3, 3, 7], [4, 2, 4, 6], [5, 5, 5, 5], indicators [0, 0, 1, 0], [1, 0, 0, 0].
  #expect(p.means == [3.5, 4, 5, 0.25, 0.25])
  let sd0 = (19.0 / 4).squareRoot()  // deviations −2.5, −0.5, −0.5, 3.5
  let sd1 = (8.0 / 4).squareRoot()  // deviations 0, −2, 0, 2
  let sdIndicator = (0.1875).squareRoot()  // p(1 − p) with p = 1/4
  #expect(abs(p.scales[0] - sd0) < 1e-12 && abs(p.scales[1] - sd1) < 1e-12)
  #expect(p.scales[2] == 0)
  #expect(abs(p.scales[3] - sdIndicator) < 1e-12)
  let out = try p.transform(Matrix([[.nan, 10, 9]]))
  let expected = [(3 - 3.5) / sd0, (10 - 4) / sd1, 0, (1 - 0.25) / sdIndicator, (0 - 0.25) / sdIndicator]
  for (a, b) in zip(out.row(0), expected) { #expect(abs(a - b) < 1e-12) }
  #expect(throws: MetaLearningError.self) { try p.transform(Matrix([[1, 2]])) }
}

@Test func preprocessorWithoutStandardisationOnlyImputes() throws {
  let p = try MetaPreprocessor(fitting: Matrix([[1, 2], [.nan, 4], [5, 6]]), standardize: false)
  let out = try p.transform(Matrix([[.nan, .nan]]))
  // Column 1 had no NaN in training: imputed with its median 4 but no indicator.
  #expect(out.row(0) == [3, 4, 1])
}
