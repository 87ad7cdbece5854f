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
