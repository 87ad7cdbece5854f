import Linalg
import MetaLearning
import Testing

@Test func metaDatasetRejectsShapeMismatchAndNonFiniteTargets() throws {
  let x = Matrix<Double>([[1, 2], [3, 4]])
  #expect(throws: MetaLearningError.self) {
    _ = try MetaDataset(featureNames: ["a"], x: x, y: [1, 2], tasks: ["t", "t"])
  }
  do {
    _ = try MetaDataset(featureNames: ["a", "b"], x: x, y: [1, .nan], tasks: ["t", "u"])
    Issue.record("a NaN target was accepted")
  } catch {
    #expect(error.description.contains("row 1"))
    #expect(error.description.contains("'u'"))
  }
  let ok = try MetaDataset(featureNames: ["a", "b"], x: x, y: [1, 2], tasks: ["t", "u"])
  #expect(ok.x.rows == 2)
}
