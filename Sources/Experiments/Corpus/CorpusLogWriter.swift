import Foundation
import Storage

/// Appends records to a JSON Lines file, one line per record, each written to the file as soon as
/// its evaluation finishes (write-ahead: a killed run loses at most the line being written).
actor CorpusLogWriter {
  private let handle: FileHandle
  private let path: String

  /// Opens `url` for appending, creating it when absent.
  ///
  /// - Throws: ``CorpusError/io(path:reason:)`` when the file cannot be created or opened.
  init(appendingTo url: URL) throws(CorpusError) {
    path = url.path
    let manager = FileManager.default
    if !manager.fileExists(atPath: url.path) {
      let directory = url.deletingLastPathComponent()
      do {
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
      } catch {
        throw .io(path: directory.path, reason: "cannot create directory: \(error.localizedDescription)")
      }
      guard manager.createFile(atPath: url.path, contents: nil) else { throw .io(path: url.path, reason: "cannot create") }
    }
    do {
      handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
    } catch {
      throw .io(path: url.path, reason: "cannot open for appending: \(error.localizedDescription)")
    }
  }

  /// Writes `record` as one line with one `write` call (no user-space buffer, so a kill after it returns keeps the line).
  ///
  /// - Throws: ``CorpusError/io(path:reason:)`` when the write fails (disk full, file removed).
  func append(_ record: TuningLogRecord) throws(CorpusError) {
    do {
      try handle.write(contentsOf: Data((TuningLogFormat.jsonLine(record) + "\n").utf8))
    } catch {
      throw .io(path: path, reason: "cannot append: \(error.localizedDescription)")
    }
  }

  /// Closes the file.
  func close() {
    try? handle.close()
  }
}
