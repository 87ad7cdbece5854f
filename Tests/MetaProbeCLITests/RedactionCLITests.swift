import Foundation
import Testing

extension CLITests {
  /// A password in a storage URL is masked in the error (issue 17, item 4).
  @Test func storagePasswordsNeverReachStderr() throws {
    let run = try metaprobe("tune", "iris", "--learner", "knn", "--trials", "1", "--storage", "postgresql://alice:S3cretPW@db.invalid/x")
    #expect(run.status == 1)
    #expect(!run.stderr.contains("S3cretPW"), "\(run.stderr)")
    #expect(run.stderr.contains("alice:***@db.invalid"), "\(run.stderr)")
  }
}
