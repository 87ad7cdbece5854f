import Foundation
import Testing

@testable import Datasets

@Suite struct DatasetRegistryTests {
  /// Builds `<tmp>/project/datasets/{sklearn,keel,openml}` and returns `<tmp>/project`.
  /// Call `removeTree(_:)` with the result when done.
  func makeTree() throws -> URL {
    let project = try temporaryDirectory().appendingPathComponent("project")
    let root = project.appendingPathComponent("datasets")
    let manager = FileManager.default
    func write(_ relative: String, _ text: String) throws {
      let url = root.appendingPathComponent(relative)
      try manager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    try write(
      "sklearn/collection.json",
      #"{"collection": "sklearn", "source": "scikit-learn", "licence": "BSD-3-Clause", "targets": {"iris": "species"}}"#
    )
    try write("sklearn/iris.csv", "species,a,b\nx,1,2\ny,3,4\nx,5,6\n")
    try write(
      "keel/collection.json",
      #"{"collection": "keel", "source": "KEEL", "licence": "CC BY", "url": "https://keel.es"}"#)
    try write("keel/iris.dat", "1, 2, A\n3, 4, B\n")
    try write("keel/wine.dat", "1, 2, A\n3, 4, B\n")
    try write("keel/README.md", "# KEEL\n")
    try write("keel/.hidden.csv", "a,b\n1,2\n")
    try write(
      "openml/collection.json", #"{"collection": "openml", "source": "OpenML", "licence": "CC0"}"#)
    try write(
      "openml/iris.arff",
      "@relation iris\n@attribute a numeric\n@attribute c {p,q}\n@data\n1,p\n2,q\n")
    try write("notes/readme.txt", "not a collection\n")
    return project
  }

  /// Deletes the temporary directory that `makeTree()` made.
  func removeTree(_ project: URL) {
    try? FileManager.default.removeItem(at: project.deletingLastPathComponent())
  }

  @Test func entriesAreNamedByStemWithSklearnFirstThenAlphabetical() throws {
    let project = try makeTree()
    defer { removeTree(project) }
    let registry = try DatasetRegistry(root: project.appendingPathComponent("datasets"))
    #expect(registry.entries.map(\.name) == ["iris", "keel/iris", "openml/iris", "wine"])
    #expect(registry.entries.map(\.collection) == ["sklearn", "keel", "openml", "keel"])
    #expect(registry.entries[0].licence == "BSD-3-Clause")
  }

  @Test func loadAcceptsBareAndQualifiedNamesAndUsesCollectionTargets() throws {
    let project = try makeTree()
    defer { removeTree(project) }
    let registry = try DatasetRegistry(root: project.appendingPathComponent("datasets"))
    let iris = try registry.load("iris")
    #expect(iris.targetName == "species")
    #expect(iris.featureNames == ["a", "b"])
    #expect(iris.source == "scikit-learn")
    #expect(try registry.load("sklearn/iris").target == iris.target)
    let keel = try registry.load("keel/iris")
    #expect(keel.name == "keel/iris")
    #expect(keel.source == "KEEL")
    #expect(keel.classNames == ["A", "B"])
  }

  @Test func unknownNameSuggestsCloseNames() throws {
    let project = try makeTree()
    defer { removeTree(project) }
    let registry = try DatasetRegistry(root: project.appendingPathComponent("datasets"))
    #expect(
      throws: DatasetError.unknownDataset(
        name: "irsi", suggestions: ["iris", "keel/iris", "openml/iris"])
    ) {
      try registry.load("irsi")
    }
  }

  @Test func resolveReadsPathsAndNames() throws {
    let project = try makeTree()
    defer { removeTree(project) }
    let registry = try DatasetRegistry(root: project.appendingPathComponent("datasets"))
    let path = project.appendingPathComponent("datasets/openml/iris.arff").path
    #expect(try registry.resolve(path).name == "iris")
    #expect(try registry.resolve("wine").name == "wine")
    #expect(
      throws: DatasetError.unreadableFile(path: "missing.csv", reason: "No such file or directory")
    ) {
      try registry.resolve("missing.csv")
    }
  }

  @Test func locateUsesEnvironmentThenWalksUpFromTheCurrentDirectory() throws {
    let project = try makeTree()
    defer { removeTree(project) }
    let root = project.appendingPathComponent("datasets")
    let nested = project.appendingPathComponent("a/b")
    try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
    let found = try DatasetRegistry.locate(
      environment: [:], currentDirectory: nested.path, executableDirectory: "/")
    #expect(found.standardizedFileURL.path == root.standardizedFileURL.path)
    let fromEnvironment = try DatasetRegistry.locate(
      environment: ["METAPROBE_DATASETS": root.path], currentDirectory: "/",
      executableDirectory: "/")
    #expect(fromEnvironment.path == root.path)
    let empty = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: empty) }
    #expect(throws: DatasetError.self) {
      try DatasetRegistry.locate(
        environment: [:], currentDirectory: empty.path, executableDirectory: empty.path)
    }
  }

  @Test func malformedCollectionIsReported() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("bad")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "{\"source\": 1}".write(
      to: folder.appendingPathComponent("collection.json"), atomically: true, encoding: .utf8)
    #expect(throws: DatasetError.self) { try DatasetRegistry(root: root) }
  }
}
