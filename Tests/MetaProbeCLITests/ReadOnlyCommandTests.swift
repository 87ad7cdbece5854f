import Foundation
import Testing

/// Commands that only read never create or modify a store (issue 17, item 5).
@Suite struct ReadOnlyCommandTests {
  @Test func studiesListOnAMissingStoreCreatesNothing() throws {
    let dir = try temporaryDirectory(files: [:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let list = try metaprobe(["studies", "list"], directory: dir)
    #expect(list.status == 1)
    #expect(list.stderr.contains(".metaprobe/metaprobe.sqlite: no such SQLite file"), "\(list.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".metaprobe").path))
    let typo = try metaprobe(["studies", "show", "x", "--storage", "sqlite:///no/such/dir/s.db"], directory: dir)
    #expect(typo.status == 1)
    #expect(typo.stderr.contains("no/such/dir/s.db: no such SQLite file"), "\(typo.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("no").path))
  }

  /// A study written by `tune` is listed, shown and exported from a file the process may not
  /// write (mode 0444), and `?mode=ro` opens it read only; an unknown query parameter is an error
  /// instead of a file name.
  @Test func readOnlyFilesAreReadAndQueryParametersChecked() throws {
    let dir = try temporaryDirectory(files: [:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let tune = try metaprobe(
      ["tune", "iris", "--learner", "knn", "--sampler", "random", "--trials", "2", "--cv", "2", "--storage", "sqlite:///s.db"],
      directory: dir)
    #expect(tune.status == 0, "\(tune.stderr)")
    let file = dir.appendingPathComponent("s.db").path
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file)
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    let show = try metaprobe(["studies", "show", "iris-knn", "--storage", "sqlite:///s.db?mode=ro", "--json"], directory: dir)
    #expect(show.status == 0, "\(show.stderr)")
    let list = try metaprobe(["studies", "list", "--storage", "sqlite:///s.db"], directory: dir)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("iris-knn"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before, "a read-only command changed the file")
    let query = try metaprobe(["studies", "list", "--storage", "sqlite:///s.db?cache=shared"], directory: dir)
    #expect(query.status == 1)
    #expect(query.stderr.contains("unknown query parameter 'cache=shared'"), "\(query.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.db?cache=shared").path))
  }
}
