import Foundation
import Storage
import Testing

/// ``Redaction``: passwords and tokens never reach a message.
@Suite struct RedactionTests {
  @Test(arguments: [
    ("storage URL 'postgresql://alice:S3cretPW@db:5432/x': unsupported", "storage URL 'postgresql://alice:***@db:5432/x': unsupported"),
    ("postgres://:onlypw@host/db", "postgres://:***@host/db"),
    ("sqlite:///a.db?token=abc123&mode=ro", "sqlite:///a.db?token=***&mode=ro"),
    ("host=db user=bob password=hunter2 sslmode=require", "host=db user=bob password=*** sslmode=require"),
    ("PGPASSWORD=xyz metaprobe tune", "PGPASSWORD=*** metaprobe tune"),
    ("api_key = k-123 and apikey=Z", "api_key = *** and apikey=***"),
  ])
  func secretsAreMasked(text: String, expected: String) {
    #expect(Redaction.redact(text) == expected)
  }

  @Test func textWithoutSecretsIsUnchanged() {
    for text in [
      "sqlite:///.metaprobe/metaprobe.sqlite", "postgresql://alice@db/x", "trial 3 COMPLETE value 0.95",
      "https://host/path?mode=ro", "tokens=3 passwords: none",
    ] {
      #expect(Redaction.redact(text) == text)
    }
  }

  @Test func storageErrorsNeverPrintThePassword() {
    let error = StorageError.unsupportedURL("postgresql://alice:S3cretPW@db/x", reason: "not supported yet")
    #expect(!error.description.contains("S3cretPW"))
    #expect(error.description.contains("alice:***@db"))
  }
}

/// `sqlite:///…?mode=ro` and read-only opening.
@Suite struct ReadOnlyStorageTests {
  @Test func modeROParsesAndUnknownParametersAreRejected() throws {
    #expect(try StorageURL.parse("sqlite:///a.db?mode=ro") == .sqliteReadOnly(path: "a.db"))
    #expect(try StorageURL.parse("sqlite:///a.db?mode=rwc") == .sqlite(path: "a.db"))
    #expect(try StorageURL.parse("sqlite:///a.db?mode=ro").description == "sqlite:///a.db?mode=ro")
    #expect(throws: StorageError.self) { try StorageURL.parse("sqlite:///a.db?journal=wal") }
  }

  @Test func aMissingFileIsNamedAndNotCreated() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)/x.db").path
    #expect(throws: StorageError.io(path: path, reason: "no such SQLite file (a read-only command creates none)")) {
      _ = try SQLiteStorage(readingOnly: path)
    }
    #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
  }
}
