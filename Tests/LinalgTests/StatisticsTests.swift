import Foundation
import Linalg
import Testing

@Suite struct StatisticsTests {
  /// One vector case of Fixtures/statistics.json (null = NaN).
  struct VectorCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let x: [Double]
    let mean, variance, standardDeviation, skewness, kurtosis, median, min, max: Double?
    let quantileProbabilities: [Double]
    let quantiles: [Double?]
    var testDescription: String { name }
  }

  /// One matrix case of Fixtures/statistics.json, row-major.
  struct MatrixCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let rows, columns: Int
    let x: [Double]
    let correlation, covariance: [Double?]
    var testDescription: String { name }
  }

  struct Fixture: Decodable {
    let vectors: [VectorCase]
    let matrices: [MatrixCase]
  }

  static func loadFixture() throws -> Fixture {
    let url = try #require(Bundle.module.url(forResource: "statistics", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }

  /// Agreement to 1e-10 relative, with an absolute floor of 1e-14 for values at zero; nil means NaN.
  static func agrees(_ actual: Double, _ expected: Double?) -> Bool {
    guard let expected else { return actual.isNaN }
    return abs(actual - expected) <= 1e-10 * Swift.max(abs(expected), 1e-4)
  }
}

// MARK: - Against numpy / scipy

extension StatisticsTests {
  @Test func fixtureCoversSmallTiedAndConstantSamples() throws {
    let names = try Self.loadFixture().vectors.map(\.name)
    #expect(names.contains("two values") && names.contains("ties") && names.contains("constant"))
  }

  @Test func momentsAndOrderStatisticsMatchNumpyAndScipy() throws {
    for c in try Self.loadFixture().vectors {
      #expect(Self.agrees(Statistics.mean(c.x), c.mean), "mean \(c.name)")
      #expect(Self.agrees(Statistics.variance(c.x), c.variance), "variance \(c.name)")
      #expect(Self.agrees(Statistics.standardDeviation(c.x), c.standardDeviation), "sd \(c.name)")
      #expect(Self.agrees(Statistics.skewness(c.x), c.skewness), "skewness \(c.name): \(Statistics.skewness(c.x))")
      #expect(Self.agrees(Statistics.kurtosis(c.x), c.kurtosis), "kurtosis \(c.name): \(Statistics.kurtosis(c.x))")
      #expect(Self.agrees(Statistics.median(c.x), c.median), "median \(c.name)")
      #expect(Self.agrees(Statistics.min(c.x), c.min), "min \(c.name)")
      #expect(Self.agrees(Statistics.max(c.x), c.max), "max \(c.name)")
      for (p, q) in zip(c.quantileProbabilities, c.quantiles) {
        #expect(Self.agrees(Statistics.quantile(c.x, p), q), "quantile \(p) \(c.name)")
      }
      #expect(zip(Statistics.quantiles(c.x, c.quantileProbabilities), c.quantiles).allSatisfy(Self.agrees))
    }
  }

  @Test func correlationAndCovarianceMatchNumpy() throws {
    for c in try Self.loadFixture().matrices {
      let x = Matrix(rows: c.rows, columns: c.columns, storage: c.x)
      let corr = try Statistics.correlationMatrix(x)
      let cov = try Statistics.covarianceMatrix(x)
      #expect(corr.rows == c.columns && corr.columns == c.columns)
      #expect(zip(corr.storage, c.correlation).allSatisfy(Self.agrees), "correlation \(c.name)")
      #expect(zip(cov.storage, c.covariance).allSatisfy(Self.agrees), "covariance \(c.name)")
    }
  }
}

// MARK: - Special values and closed forms

extension StatisticsTests {
  @Test func emptyAndTooSmallSamplesGiveNaN() {
    let empty: [Double] = []
    #expect(Statistics.mean(empty).isNaN)
    #expect(Statistics.variance([3.0]).isNaN)
    #expect(Statistics.standardDeviation([1.0, 2.0], ddof: 2).isNaN)
    #expect(Statistics.variance([3.0], ddof: 0) == 0)
    #expect(Statistics.skewness([5.0]).isNaN)
    #expect(Statistics.kurtosis(empty).isNaN)
    #expect(Statistics.median(empty).isNaN)
    #expect(Statistics.min(empty).isNaN && Statistics.max(empty).isNaN)
  }

  @Test func nanPropagatesToOrderStatistics() {
    let x = [1.0, .nan, 3.0]
    #expect(Statistics.median(x).isNaN)
    #expect(Statistics.min(x).isNaN)
    #expect(Statistics.max(x).isNaN)
  }

  @Test func populationVarianceUsesDdofZero() {
    #expect(Statistics.variance([1, 2, 3, 4], ddof: 0) == 1.25)
    #expect(Statistics.variance([1, 2, 3, 4]) == 5.0 / 3.0)
  }

  @Test func constantColumnGivesNaNCorrelations() throws {
    let x = Matrix<Double>([[1, 5], [2, 5], [4, 5]])
    let corr = try Statistics.correlationMatrix(x)
    #expect(abs(corr[0, 0] - 1) < 1e-15)
    #expect(corr[0, 1].isNaN && corr[1, 0].isNaN && corr[1, 1].isNaN)
    let cov = try Statistics.covarianceMatrix(x)
    #expect(cov[1, 1] == 0)
  }

  @Test func covarianceWithTooFewRowsIsNaN() throws {
    let cov = try Statistics.covarianceMatrix(Matrix<Double>([[1, 2]]))
    #expect(cov.storage.allSatisfy { $0.isNaN })
  }
}

@Suite struct ColumnMeansAndVariancesTests {
  /// Row-major column statistics equal the per-column `Statistics.mean` / `variance(ddof: 0)`,
  /// bit for bit (the same summation order), and match closed forms on a small matrix.
  @Test func equalsPerColumnStatistics() throws {
    var g = SeededGenerator(seed: 3)
    let x = Matrix(rows: 257, columns: 5, storage: (0..<(257 * 5)).map { _ in g.normal() * 3 + 1e4 })
    let (means, variances) = Statistics.columnMeansAndVariances(x)
    for j in 0..<5 {
      let column = (0..<257).map { x[$0, j] }
      #expect(means[j] == column.reduce(0, +) / 257)
      #expect(variances[j] == Statistics.variance(column, ddof: 0))
    }
    let small = Matrix(rows: 3, columns: 2, storage: [1, 5, 2, 5, 6, 5])
    let exact = Statistics.columnMeansAndVariances(small)
    #expect(exact.means == [3, 5])
    #expect(exact.variances == [14.0 / 3, 0])
  }
}
