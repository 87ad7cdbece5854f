import Foundation
import Linalg

/// One dataset with scikit-learn's cross-validated scores, as written by scripts/make_forest_fixtures.py.
struct ReferenceFixture: Decodable {
  let name: String
  let task: String
  let sklearn: String
  let classCount: Int
  let x: [[Double]]
  let y: [Double]
  let folds: [[Int]]
  let scores: [String: [Double]]
  let oobScores: [String: [Double]]
  let randomForestImportances: [Double]

  /// Loads `Fixtures/<name>.json` from the test bundle.
  static func load(_ name: String) throws -> ReferenceFixture {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
      throw CocoaError(.fileNoSuchFile)
    }
    return try JSONDecoder().decode(ReferenceFixture.self, from: Data(contentsOf: url))
  }

  /// The features as a matrix.
  var features: Matrix<Double> { Matrix(x) }

  /// The class labels (classification fixtures).
  var labels: [Int] { y.map { Int($0) } }

  /// `(train, test)` row indices of fold `k`.
  func split(_ k: Int) -> (train: [Int], test: [Int]) {
    let test = folds[k]
    let inTest = Set(test)
    return ((0..<x.count).filter { !inTest.contains($0) }, test)
  }

  /// The mean over folds of scikit-learn's score for `model`.
  func meanScore(_ model: String) -> Double {
    let s = scores[model] ?? []
    return s.reduce(0, +) / Double(max(1, s.count))
  }
}

/// `n × p` features uniform in [0, 1).
func uniformMatrix(_ n: Int, _ p: Int, _ rng: inout SeededGenerator) -> Matrix<Double> {
  Matrix(rows: n, columns: p, storage: (0..<(n * p)).map { _ in rng.uniform() })
}

/// The fraction of equal elements.
func accuracy(_ predicted: [Int], _ truth: [Int]) -> Double {
  Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
}

/// `1 − Σ(y − ŷ)² / Σ(y − ȳ)²`, computed here independently of the library.
func r2(_ predicted: [Double], _ truth: [Double]) -> Double {
  let mean = truth.reduce(0, +) / Double(truth.count)
  let ssRes = zip(truth, predicted).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
  let ssTot = truth.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
  return 1 - ssRes / ssTot
}

/// `-Σ pᵢ log₂ pᵢ` of the given counts.
func entropyBits(_ counts: [Double]) -> Double {
  let n = counts.reduce(0, +)
  return -counts.filter { $0 > 0 }.map { $0 / n * log2($0 / n) }.reduce(0, +)
}
