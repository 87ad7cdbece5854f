import Foundation
import Learners
import Search
import Testing

/// ``TuningSpace``: the tuning ranges of every learner, in the corpus's and the learner's names.
@Suite struct TuningSpaceTests {
  @Test func latinHypercubePutsOneConfigurationInEachStratum() throws {
    let count = 20
    let configs = TuningSpace.mlp.configurations(count: count, seed: 3)
    #expect(configs.count == count)
    #expect(configs == TuningSpace.mlp.configurations(count: count, seed: 3))
    #expect(configs != TuningSpace.mlp.configurations(count: count, seed: 4))
    // learning_rate_init is log-uniform on [1e-4, 1e-1]: each of the 20 log-strata holds one value.
    let strata = try configs.map { c -> Int in
      let lr = try #require(c["learning_rate_init"]?.doubleValue)
      #expect(lr >= 1e-4 && lr <= 1e-1)
      return Int((log10(lr) + 4) / 3 * Double(count))
    }
    #expect(Set(strata) == Set(0..<count))
    // A categorical with two choices gets each choice half of the time.
    let relu = configs.filter { $0["activation"] == .categorical("relu") }.count
    #expect(relu == count / 2)
    for c in configs { try TuningSpace.mlp.space.validate(c) }
  }

  @Test func svmGammaIsTranslatedToTheAdapterNames() {
    let config = TuningSpace.svm.pipelineConfiguration(["C": .float(2), "gamma": .float(0.5)])
    #expect(config["kernel"] == .categorical("rbf"))
    #expect(config["gamma"] == .categorical("value"))
    #expect(config["gamma_value"] == .float(0.5))
    #expect(config["C"] == .float(2))
    #expect(TuningSpace.mlp.pipelineConfiguration([:])["max_iter"] == .int(100))
  }

  @Test func everyLearnerHasATuningSpaceAndUnknownOnesAreNamed() {
    #expect(Set(TuningSpace.learnerNames) == Set(LearnerCatalog.names))
    #expect(throws: LearnerError.unknownLearner("nope", available: TuningSpace.learnerNames)) {
      try TuningSpace.named("nope")
    }
  }

  /// For every learner: the learner-named space builds within the validity domain, and every
  /// configuration of a Latin hypercube of the tuning space, translated, lies in it and is
  /// accepted by the learner's pipeline as it is (what `fit --set` does with printed pairs).
  @Test(arguments: TuningSpace.learnerNames)
  func translatedConfigurationsAreValidLearnerConfigurations(learner: String) throws {
    let tuning = try TuningSpace.named(learner)
    let space = try tuning.learnerSpace()
    let pipeline = Pipeline(try LearnerCatalog.learner(named: learner))
    for config in tuning.configurations(count: 8, seed: 1) {
      let translated = tuning.pipelineConfiguration(config)
      try space.validate(translated)
      let resolved = try pipeline.configuration(translated)
      for (name, value) in translated.pairs { #expect(resolved[name] == value, "\(learner): \(name)") }
      let assignments = translated.pairs.map { "\($0.name)=\($0.value)" }
      #expect(try pipeline.configuration(parsing: assignments) == resolved, "\(learner): \(assignments)")
    }
  }

  @Test func svmLearnerSpaceFixesTheKernelAndNamesGammaValue() throws {
    let space = try TuningSpace.svm.learnerSpace()
    #expect(space.parameter(named: "kernel")?.domain == .categorical(choices: ["rbf"]))
    #expect(space.parameter(named: "gamma")?.domain == .categorical(choices: ["value"]))
    #expect(space.parameter(named: "gamma_value")?.domain == .float(low: 1e-4, high: 10, log: true, step: nil))
    #expect(space.parameter(named: "C")?.domain == .float(low: 1e-2, high: 1e3, log: true, step: nil))
    #expect(space.parameter(named: "tol") == nil, "untuned parameters keep the learner's default")
  }
}
