import Foundation
import Linalg
import Testing

@testable import Search

@Suite struct SearchSpaceTests {
  static func conditionalSpace() throws -> SearchSpace {
    try SearchSpace(
      .categorical("optimizer", ["sgd", "adam"]),
      .float("lr", 1e-5, 1e-1, log: true),
      .float("momentum", 0, 0.9, step: 0.1, when: Condition("optimizer", is: "sgd")),
      .int("layers", 1, 4),
      .int("width", 16, 256, log: true, when: Condition("layers", in: [.int(3), .int(4)])),
      .categorical("dropout", ["0", "0.1", "0.5"], default: "0.1"))
  }
}

// MARK: - Validation of the space

extension SearchSpaceTests {
  @Test func rejectsLowAboveHigh() {
    #expect(throws: SearchError.invalidRange(parameter: "x", low: 2, high: 1)) {
      try SearchSpace(.float("x", 2, 1))
    }
    #expect(throws: SearchError.invalidRange(parameter: "n", low: 5, high: 3)) {
      try SearchSpace(.int("n", 5, 3))
    }
  }

  @Test func rejectsLogScaleWithNonPositiveLow() {
    #expect(throws: SearchError.nonPositiveLogBound(parameter: "lr", low: 0)) {
      try SearchSpace(.float("lr", 0, 1, log: true))
    }
    #expect(throws: SearchError.nonPositiveLogBound(parameter: "k", low: -1)) {
      try SearchSpace(.int("k", -1, 10, log: true))
    }
  }

  @Test func rejectsEmptyCategorical() {
    #expect(
      throws: SearchError.invalidChoices(
        parameter: "c", reason: "a categorical parameter needs choices")
    ) {
      try SearchSpace(.categorical("c", []))
    }
  }

  @Test func rejectsDuplicateNames() {
    #expect(throws: SearchError.duplicateParameter("x")) {
      try SearchSpace(.float("x", 0, 1), .int("x", 0, 3))
    }
  }

  @Test func rejectsUnknownOrLaterParent() {
    #expect(throws: SearchError.unknownParent(parameter: "momentum", parent: "optimizer")) {
      try SearchSpace(
        .float("momentum", 0, 1, when: Condition("optimizer", is: "sgd")),
        .categorical("optimizer", ["sgd", "adam"]))
    }
  }

  @Test func rejectsConditionValueOutsideParent() throws {
    let error = #expect(throws: SearchError.self) {
      try SearchSpace(
        .categorical("optimizer", ["sgd", "adam"]),
        .float("momentum", 0, 1, when: Condition("optimizer", is: "rmsprop")))
    }
    #expect(error?.description.contains("momentum") == true)
  }

  @Test func rejectsDefaultOutsideRange() {
    #expect(throws: SearchError.defaultOutOfRange(parameter: "x", value: "3.0")) {
      try SearchSpace(.float("x", 0, 1, default: 3))
    }
    #expect(throws: SearchError.defaultOutOfRange(parameter: "c", value: "z")) {
      try SearchSpace(.categorical("c", ["a", "b"], default: "z"))
    }
  }

  @Test func rejectsStepThatDoesNotDivideRange() {
    #expect(throws: SearchError.self) { try SearchSpace(.float("x", 0, 1, step: 0.3)) }
    #expect(throws: SearchError.self) { try SearchSpace(.int("n", 0, 10, step: 3)) }
    #expect(throws: SearchError.self) { try SearchSpace(.int("n", 1, 8, log: true, step: 2)) }
  }

  @Test func errorMessagesNameTheParameter() {
    let e = SearchError.nonPositiveLogBound(parameter: "learning_rate", low: 0)
    #expect(e.description.contains("learning_rate"))
  }
}

// MARK: - Configurations

extension SearchSpaceTests {
  @Test func conditionalParameterActiveOnlyUnderItsParentValue() throws {
    let space = try Self.conditionalSpace()
    let momentum = try #require(space.parameter(named: "momentum"))
    #expect(space.isActive(momentum, in: ["optimizer": .categorical("sgd")]))
    #expect(!space.isActive(momentum, in: ["optimizer": .categorical("adam")]))
    #expect(!space.isActive(momentum, in: [:]))
  }

  @Test func validateAcceptsActiveParametersOnly() throws {
    let space = try Self.conditionalSpace()
    let good: Configuration = [
      "optimizer": .categorical("adam"), "lr": .float(0.01), "layers": .int(2),
      "dropout": .categorical("0.5"),
    ]
    try space.validate(good)
    var inactive = good
    inactive["momentum"] = .float(0.5)
    #expect(throws: SearchError.inactiveParameter("momentum")) { try space.validate(inactive) }
    var missing = good
    missing["layers"] = .int(3)
    #expect(throws: SearchError.missingParameter("width")) { try space.validate(missing) }
  }

  @Test func validateReportsUnknownWrongTypeAndOutOfRange() throws {
    let space = try Self.conditionalSpace()
    let base: Configuration = [
      "optimizer": .categorical("adam"), "lr": .float(0.01), "layers": .int(2),
      "dropout": .categorical("0"),
    ]
    var unknown = base
    unknown["lrr"] = .float(0.1)
    #expect(throws: SearchError.unknownParameter("lrr", suggestions: ["lr"])) {
      try space.validate(unknown)
    }
    var wrong = base
    wrong["layers"] = .float(2)
    #expect(throws: SearchError.wrongType(parameter: "layers", expected: "int", got: "float")) {
      try space.validate(wrong)
    }
    var out = base
    out["lr"] = .float(0.5)
    #expect(throws: SearchError.outOfRange(parameter: "lr", value: "0.5")) {
      try space.validate(out)
    }
  }

  @Test func parsingAssignmentsOverridesDefaults() throws {
    let space = try Self.conditionalSpace()
    let c = try space.configuration(parsing: [
      "optimizer=sgd", "momentum=0.3", "layers=3", "width=1e2",
    ])
    #expect(c["optimizer"] == .categorical("sgd"))
    #expect(c["momentum"] == .float(0.3))
    #expect(c["width"] == .int(100))
    #expect(c["dropout"] == .categorical("0.1"))  // the declared default
    let numeric = try space.configuration(parsing: ["dropout=0.50"])
    #expect(numeric["dropout"] == .categorical("0.5"))  // numbers match numeric choices
    #expect(c.names == ["optimizer", "lr", "momentum", "layers", "width", "dropout"])
  }

  @Test func parsingReportsUnknownNamesWithSuggestionsAndBadValues() throws {
    let space = try Self.conditionalSpace()
    #expect(throws: SearchError.unknownParameter("optimiser", suggestions: ["optimizer"])) {
      try space.configuration(parsing: ["optimiser=sgd"])
    }
    #expect(throws: SearchError.wrongType(parameter: "layers", expected: "int", got: "'2.5'")) {
      try space.configuration(parsing: ["layers=2.5"])
    }
    #expect(throws: SearchError.outOfRange(parameter: "optimizer", value: "rmsprop")) {
      try space.configuration(parsing: ["optimizer=rmsprop"])
    }
    #expect(throws: SearchError.malformedAssignment("lr")) {
      try space.configuration(parsing: ["lr"])
    }
    #expect(throws: SearchError.inactiveParameter("momentum")) {
      try space.configuration(parsing: ["optimizer=adam", "momentum=0.5"])
    }
  }

  @Test func configurationEqualityIgnoresOrderAndRoundTripsThroughJSON() throws {
    let a: Configuration = ["x": .float(1.5), "n": .int(3), "c": .categorical("0.1")]
    let b: Configuration = ["c": .categorical("0.1"), "x": .float(1.5), "n": .int(3)]
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    let data = try JSONEncoder().encode(a)
    let back = try JSONDecoder().decode(Configuration.self, from: data)
    #expect(back == a)
    #expect(back.names == a.names)
  }
}
