import Linalg
import MetaLearning
import Search
import Storage
import Testing

@Test func metaDatasetRowsHoldFeaturesEncodedConfigurationAndResource() throws {
  let space = try SearchSpace([.float("lr", 0.001, 0.1, log: true), .categorical("act", ["relu", "tanh"])])
  var table = TaskFeatureTable(names: ["nr_inst", "cor.mean"])
  try table.set("iris", values: [150, .nan])
  let records = [
    TuningLogRecord(
      task: "iris", learner: "mlp", number: 0, params: ["lr": .float(0.01), "act": .categorical("tanh")],
      resource: 0.5, value: 0.25, direction: .minimize),
    TuningLogRecord(
      task: "iris", learner: "mlp", number: 1, params: ["lr": .float(0.1), "act": .categorical("relu")],
      resource: 1, value: 0.9, direction: .maximize),
    TuningLogRecord(
      task: "iris", learner: "mlp", number: 2, params: ["lr": .float(0.1)], resource: 1, value: 0.3,
      direction: .maximize, state: .pruned),
    TuningLogRecord(
      task: "iris", learner: "mlp", number: 3, params: ["lr": .float(0.1)], resource: 1, value: nil,
      direction: .maximize, state: .fail),
  ]
  let data = try MetaDataset(records: records, space: space, features: table)
  #expect(data.featureNames == ["nr_inst", "cor.mean", "lr", "act=relu", "act=tanh", "resource"])
  #expect(data.x.rows == 2)
  // log scale: log(0.01/0.001) / log(100) = 0.5
  let first = data.x.row(0)
  #expect(first[0] == 150 && first[1].isNaN)
  #expect(abs(first[2] - 0.5) < 1e-12)
  #expect(Array(first[3...]) == [0, 1, 0.5])
  #expect(data.y == [-0.25, 0.9])  // the minimised value is negated
  #expect(data.tasks == ["iris", "iris"])
  let query = MetaDataset.queryRows(
    taskFeatures: [150, .nan], configurations: [records[1].params], resource: 1, space: space)
  #expect(query.row(0)[2...] == data.x.row(1)[2...])
}

@Test func missingTaskFeaturesErrorNamesTheTask() throws {
  let (records, _) = try SyntheticLog.make(tasks: 3, configurations: 2)
  var table = TaskFeatureTable(names: ["f", "g"])
  try table.set("t0", values: [0, 1])
  do {
    _ = try MetaDataset(records: records, space: SyntheticLog.space, features: table)
    Issue.record("a task without features was accepted")
  } catch {
    #expect(error == .missingTaskFeatures(task: "t1"))
    #expect(error.description.contains("'t1'"))
  }
}

@Test func unknownParameterAndBadResourceErrorsNameTheRecord() throws {
  var table = TaskFeatureTable(names: ["f"])
  try table.set("t", values: [1])
  let unknown = TuningLogRecord(
    task: "t", learner: "toy", number: 7, params: ["y": .float(1)], resource: 1, value: 1, direction: .maximize)
  #expect(throws: MetaLearningError.self) {
    try MetaDataset(records: [unknown], space: SyntheticLog.space, features: table)
  }
  do {
    _ = try MetaDataset(records: [unknown], space: SyntheticLog.space, features: table)
  } catch {
    #expect(error.description.contains("record 0") && error.description.contains("number 7") && error.description.contains("'y'"))
  }
  var bad = unknown
  bad.params = ["x": .float(0.5)]
  bad.resource = 1.5
  do {
    _ = try MetaDataset(records: [bad], space: SyntheticLog.space, features: table)
    Issue.record("resource 1.5 was accepted")
  } catch {
    #expect(error.description.contains("resource 1.5"))
  }
}

@Test func inferredSpaceHasKindsBoundsAndLogScale() throws {
  func record(_ params: Configuration) -> TuningLogRecord {
    TuningLogRecord(task: "t", learner: "l", number: 0, params: params, resource: 1, value: 0, direction: .maximize)
  }
  let records = [
    record(["alpha": .float(1e-6), "width": .int(16), "act": .categorical("tanh"), "depth": .int(0)]),
    record(["alpha": .float(0.1), "width": .int(1024), "act": .categorical("relu"), "depth": .int(3)]),
    record(["alpha": .int(1), "width": .int(64), "act": .categorical("relu"), "depth": .int(2)]),
  ]
  let space = try SearchSpace.inferred(from: records)
  #expect(space.names == ["act", "alpha", "depth", "width"])
  #expect(space.parameter(named: "act")?.domain == .categorical(choices: ["relu", "tanh"]))
  #expect(space.parameter(named: "alpha")?.domain == .float(low: 1e-6, high: 1, log: true, step: nil))
  // depth includes 0: never log. width: 1024/16 = 64 < 100: linear.
  #expect(space.parameter(named: "depth")?.domain == .int(low: 0, high: 3, log: false, step: 1))
  #expect(space.parameter(named: "width")?.domain == .int(low: 16, high: 1024, log: false, step: 1))
  #expect(throws: MetaLearningError.self) { try SearchSpace.inferred(from: [record([:])]) }
}
