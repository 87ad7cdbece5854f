import Foundation
import Storage

/// Where a benchmark suite's tuning logs are: a bundled suite by name or a path.
///
/// Names: `hpobench` and `hpolib` are the directories `<datasets>/tuning-logs/<name>/`; `own` is
/// `<datasets>/tuning-logs/own.csv` (or the directory `<datasets>/tuning-logs/own/`). A path is
/// a tuning log (`.csv` or JSON Lines `.jsonl`) or a directory whose `*.csv` and `*.jsonl` files
/// (sorted by name) are logs. In a suite
/// directory, or beside a log file, a `task-features.csv` is its task meta-features table;
/// files whose name contains `features` are never read as logs.
public struct BenchmarkSuite: Sendable {
  /// The bundled suite names.
  public static let bundledNames = ["hpobench", "hpolib", "own"]

  /// The log files, sorted.
  public let logFiles: [String]
  /// The task-features table found beside the logs, if any.
  public let featuresFile: String?

  /// Resolves a suite name or path.
  ///
  /// - Parameters:
  ///   - nameOrPath: a bundled name or a path.
  ///   - datasetsRoot: the `datasets/` directory bundled names resolve in (nil: names fail).
  /// - Throws: `ExperimentsError.suiteNotFound` naming where it looked (and telling the user to
  ///   run `make tuning-logs`), or `.io` for an unreadable directory.
  public init(_ nameOrPath: String, datasetsRoot: String?) throws(ExperimentsError) {
    let manager = FileManager.default
    var candidates: [String] = []
    if Self.bundledNames.contains(nameOrPath), let root = datasetsRoot {
      let base = (root as NSString).appendingPathComponent("tuning-logs")
      candidates = [(base as NSString).appendingPathComponent(nameOrPath)]
      if nameOrPath == "own" { candidates.insert((base as NSString).appendingPathComponent("own.csv"), at: 0) }
    } else {
      candidates = [nameOrPath]
    }
    for path in candidates {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      if !isDirectory.boolValue {
        logFiles = [path]
        let folder = (path as NSString).deletingLastPathComponent as NSString
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        featuresFile = [folder.appendingPathComponent("\(stem)-task-features.csv"), folder.appendingPathComponent("task-features.csv")]
          .first { manager.fileExists(atPath: $0) }
        return
      }
      let names: [String]
      do { names = try manager.contentsOfDirectory(atPath: path) } catch {
        throw .io(path: path, reason: "cannot list directory (\(error.localizedDescription))")
      }
      let logs = names.filter { ($0.hasSuffix(".csv") || $0.hasSuffix(".jsonl")) && !$0.contains("features") }.sorted()
      guard !logs.isEmpty else { continue }
      logFiles = logs.map { (path as NSString).appendingPathComponent($0) }
      let features = (path as NSString).appendingPathComponent("task-features.csv")
      featuresFile = manager.fileExists(atPath: features) ? features : nil
      return
    }
    throw .suiteNotFound(nameOrPath, searched: candidates.isEmpty ? [nameOrPath] : candidates)
  }

  /// Every record of every log file, in file order, read by `TuningLog(contentsOfFile:)`.
  ///
  /// - Throws: `ExperimentsError.log` wrapping the reader's `TuningLogError` (file, line, field).
  public func records() throws(ExperimentsError) -> [TuningLogRecord] {
    var out: [TuningLogRecord] = []
    for file in logFiles {
      do { out += try TuningLog(contentsOfFile: file).records } catch { throw .log(error) }
    }
    return out
  }
}
