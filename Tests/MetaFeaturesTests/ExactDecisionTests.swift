import Datasets
import Foundation
import MetaFeatures
import Testing

/// The statistical features decided at a threshold, checked against exact rational arithmetic
/// (scripts/make_exact_decisions_fixture.py) rather than against pymfe, whose answer on a tie
/// is a rounding accident. They must hold with every OpenBLAS kernel (`make test` runs this
/// suite with the CPU's own kernels and with `OPENBLAS_CORETYPE=Haswell`).
@Suite struct ExactDecisionTests {
  struct Decision: Decodable {
    let columns: Int
    let strongPairs: Int
    let tiedPairs: Int
    let classRanks: [Int]
    let singularClass: Bool
  }

  static let decisions: [String: Decision] = {
    guard let dir = try? fixturesDirectory(),
      let data = try? Data(contentsOf: dir.appendingPathComponent("exact-decisions.json"))
    else { return [:] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return (try? decoder.decode([String: Decision].self, from: data)) ?? [:]
  }()

  @Test func fixtureCoversThePymfeDatasets() {
    #expect(Self.decisions.count >= 18)
    #expect(Self.decisions["car-good"]?.tiedPairs == 3, "the tie that motivates the rule")
  }

  /// `nr_cor_attr` = (pairs with |r| ≥ 0.5 in exact arithmetic) · 2 / (p (p − 1)), ties counted.
  @Test(arguments: decisions.keys.sorted())
  func strongCorrelationsCountAsInExactArithmetic(dataset: String) throws {
    let decision = try #require(Self.decisions[dataset])
    let values = try Self.statistical(of: dataset)
    let p = Double(decision.columns)
    let expected = Double(decision.strongPairs) * 2 / (p * (p - 1))
    let ours = try #require(values["nr_cor_attr"])
    #expect(abs(ours - expected) <= 1e-12, "\(dataset): ours \(ours), exact \(expected)")
  }

  /// `sd_ratio` is NaN whenever a class covariance matrix is singular in exact arithmetic
  /// (rank below p), whatever the rounding of its determinant.
  @Test(arguments: decisions.keys.sorted())
  func sdRatioIsUndefinedExactlyWhenAClassCovarianceIsSingular(dataset: String) throws {
    let decision = try #require(Self.decisions[dataset])
    let values = try Self.statistical(of: dataset)
    let ours = try #require(values["sd_ratio"])
    if decision.singularClass {
      #expect(ours.isNaN, "\(dataset): class ranks \(decision.classRanks) of \(decision.columns), ours \(ours)")
    } else if (decision.columns / 2) % 2 == 0 {
      // Full rank and no row-flip sign quirk: a finite value.
      #expect(ours.isFinite, "\(dataset): full-rank classes, ours \(ours) (\(values.reasons["sd_ratio"] ?? ""))")
    }
  }

  /// edge-three-rows: b = 4.25 − 1.5·a exactly, so the canonical correlation is 1 and
  /// λ = ρ²/(1 − ρ²) infinite; the computed 1 − ρ² is a few ulps whose size depends on the
  /// kernel (λ ≈ 4e14 with SandyBridge's). The tie rule makes lh_trace and roy_root NaN.
  @Test func aCanonicalCorrelationOfOneLeavesTheTracesUndefined() throws {
    let values = try Self.statistical(of: "edge-three-rows")
    #expect(values["lh_trace"]?.isNaN == true, "\(values["lh_trace"] ?? 0)")
    #expect(values["roy_root"]?.isNaN == true, "\(values["roy_root"] ?? 0)")
    #expect(values["w_lambda"] == 0)
    #expect(abs((values["p_trace"] ?? 0) - 1) <= 1e-12)
  }

  private static func statistical(of dataset: String) throws -> MetaFeatureVector {
    let fixture = try #require(PymfeAgreementTests.fixtures.first { $0.dataset == dataset })
    let extractor = MetaFeatureExtractor(groups: [.statistical], summaries: [.mean], randomSeed: 0)
    return extractor.features(of: try fixture.loadDataset())
  }
}
