import Linalg
import Testing

@testable import Datasets

@Suite struct PreprocessingTests {
  /// Columns: `size` numeric, `colour` categorical {a, b, c}, `flat` constant, `empty` all missing.
  /// Rows 0–2 are the training rows; row 3 holds outliers that must not influence fitting.
  static let data = Dataset(
    name: "toy", source: "test",
    features: Matrix([
      [1, 0, 5, .nan],
      [.nan, 1, 5, .nan],
      [3, 1, 5, .nan],
      [100, 2, 7, .nan],
    ]),
    featureNames: ["size", "colour", "flat", "empty"],
    featureKinds: [.numeric, .categorical(categories: ["a", "b", "c"]), .numeric, .numeric],
    targetName: "y", classNames: ["n", "p"], target: [0, 1, 0, 1])
  static let train = [0, 1, 2]
}

// MARK: - Imputer

extension PreprocessingTests {
  @Test func imputerUsesTrainingMedianAndMostFrequentCategory() {
    let imputer = Imputer(fitting: Self.data, rows: Self.train)
    #expect(imputer.fillValues == [2, 1, 5, 0])
    // all rows: median of 1, 3, 100
    #expect(Imputer.fit(Self.data, rows: [0, 1, 2, 3]).fillValues[0] == 3)
    let filled = imputer.transform(Self.data)
    #expect(filled.features.column(0) == [1, 2, 3, 100])
    #expect(filled.features.column(3) == [0, 0, 0, 0])
    #expect(filled.missingCount == 0)
  }

  @Test func imputerBreaksCategoryTiesTowardsTheFirstCategory() {
    let imputer = Imputer(fitting: Self.data, rows: [0, 3])
    #expect(imputer.fillValues[1] == 0)
  }
}

// MARK: - Standardizer

extension PreprocessingTests {
  @Test func standardizerUsesPopulationStatisticsOfTrainingRows() {
    let scaler = Standardizer(fitting: Self.data, rows: Self.train)
    #expect(scaler.means == [2, 0, 5, 0])
    // sd of {1, 3} with ddof 0 is 1; colour categorical; flat constant
    #expect(scaler.scales == [1, 1, 1, 1])
    let scaled = scaler.transform(Self.data)
    #expect(sameValues(scaled.features.column(0), [-1, .nan, 1, 98]))
    #expect(scaled.features.column(1) == [0, 1, 1, 2])
    #expect(scaled.features.column(2) == [0, 0, 0, 2])
  }

  @Test func standardizerMatchesHandComputedValuesOnAllRows() {
    let scaler = Standardizer.fit(Self.data, rows: [0, 2, 3])
    let mean = (1.0 + 3 + 100) / 3
    let sd = (([1.0, 3, 100].map { ($0 - mean) * ($0 - mean) }.reduce(0, +)) / 3).squareRoot()
    #expect(abs(scaler.means[0] - mean) < 1e-12)
    #expect(abs(scaler.scales[0] - sd) < 1e-12)
  }
}

// MARK: - One-hot encoder

extension PreprocessingTests {
  @Test func oneHotEncoderExpandsTrainingCategoriesOnly() {
    let encoder = OneHotEncoder(fitting: Self.data, rows: [0, 1])
    #expect(encoder.featureNames == ["size", "colour=a", "colour=b", "flat", "empty"])
    let encoded = encoder.transform(Self.data)
    #expect(encoded.featureNames == encoder.featureNames)
    #expect(encoded.featureKinds.allSatisfy { $0 == .numeric })
    #expect(encoded.features.column(1) == [1, 0, 0, 0])
    // row 3 is the unseen category c: all zeros
    #expect(encoded.features.column(2) == [0, 1, 1, 0])
    #expect(sameValues(encoded.features.column(0), [1, .nan, 3, 100]))
  }

  @Test func oneHotEncoderMatchesCategoriesByName() {
    let encoder = OneHotEncoder.fit(Self.data, rows: Self.train)
    var reordered = Self.data
    // same rows now read c, b, b, a
    reordered.featureKinds[1] = .categorical(categories: ["c", "b", "a"])
    let encoded = encoder.transform(reordered)
    #expect(encoded.features.column(1) == [0, 0, 0, 1])
    #expect(encoded.features.column(2) == [0, 1, 1, 0])
  }
}
