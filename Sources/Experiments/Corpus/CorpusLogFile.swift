import Foundation
import Search
import Storage

/// The JSON Lines working file of a corpus run, read back to resume.
///
/// Only the records MetaProbe's own writer produces (``TuningLogFormat/jsonLine(_:)``) are read:
/// parameters are typed by the learner's ``CorpusSpace`` where one is known (an int parameter
/// reads as `.int`, a float as `.float`), else a JSON number with an integral value is read as an
/// int. Whatever follows the last newline is a line cut short by a killed run: it is ignored, and
/// ``truncateIncompleteTail(of:)`` removes it before appending.
public enum CorpusLogFile {
  /// The key of one evaluation: a configuration of a learner on a task at a resource level.
  public struct Key: Hashable, Sendable, Comparable {
    /// The task name.
    public var task: String
    /// The learner's name.
    public var learner: String
    /// The configuration number.
    public var number: Int
    /// The resource level in (0, 1].
    public var resource: Double

    /// A key.
    public init(task: String, learner: String, number: Int, resource: Double) {
      self.task = task
      self.learner = learner
      self.number = number
      self.resource = resource
    }

    /// Orders by task, learner, number, then resource.
    public static func < (a: Key, b: Key) -> Bool {
      if a.task != b.task { return a.task < b.task }
      if a.learner != b.learner { return a.learner < b.learner }
      if a.number != b.number { return a.number < b.number }
      return a.resource < b.resource
    }
  }

  /// The records of the complete lines of `url`; an empty list when the file does not exist.
  ///
  /// - Parameters:
  ///   - url: a JSON Lines file written by a corpus run.
  ///   - spaces: corpus spaces by learner name, to type the parameters.
  /// - Throws: ``CorpusError/io(path:reason:)`` when the file cannot be read,
  ///   ``CorpusError/malformedLog(path:line:reason:)`` naming the line and field of a complete line
  ///   that does not parse.
  public static func records(in url: URL, spaces: [String: SearchSpace] = defaultSpaces) throws(CorpusError)
    -> [TuningLogRecord]
  {
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
    }
    let complete = data.lastIndex(of: UInt8(ascii: "\n")).map { data[..<$0] } ?? Data()
    var out = [TuningLogRecord]()
    for (index, line) in complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
      if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
      out.append(try record(from: Data(line), spaces: spaces, path: url.path, line: index + 1))
    }
    return out
  }

  /// The corpus spaces of the built-in corpus learners, by name.
  public static var defaultSpaces: [String: SearchSpace] {
    Dictionary(uniqueKeysWithValues: CorpusSpace.builtIn.map { ($0.learner, $0.space) })
  }

  /// Cuts `url` after its last newline, dropping a line a killed run left incomplete.
  ///
  /// - Throws: ``CorpusError/io(path:reason:)`` when the file cannot be read or truncated.
  public static func truncateIncompleteTail(of url: URL) throws(CorpusError) {
    guard FileManager.default.fileExists(atPath: url.path) else { return }
    do {
      let data = try Data(contentsOf: url)
      let keep = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
      guard keep < data.count else { return }
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      try handle.truncate(atOffset: UInt64(keep))
    } catch {
      throw .io(path: url.path, reason: "cannot truncate an incomplete last line: \(error.localizedDescription)")
    }
  }

  /// Parses one JSON object line.
  static func record(from line: Data, spaces: [String: SearchSpace], path: String, line number: Int) throws(CorpusError)
    -> TuningLogRecord
  {
    func fail(_ reason: String) -> CorpusError { .malformedLog(path: path, line: number, reason: reason) }
    guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else {
      throw fail("not a JSON object")
    }
    func string(_ field: String) throws(CorpusError) -> String {
      guard let s = object[field] as? String else { throw fail("field '\(field)' is missing or not a string") }
      return s
    }
    func double(_ field: String) -> Double? { (object[field] as? NSNumber)?.doubleValue }
    let learner = try string("learner")
    guard let numberValue = object["number"] as? NSNumber else { throw fail("field 'number' is missing") }
    guard let resource = double("resource") else { throw fail("field 'resource' is missing") }
    guard let direction = StudyDirection(rawValue: try string("direction")) else {
      throw fail("field 'direction' is not maximize or minimize")
    }
    guard let state = TrialState(rawValue: try string("state")) else { throw fail("field 'state' is not a trial state") }
    var params = Configuration()
    var attributes = [String: String]()
    let space = spaces[learner]
    for (key, value) in object.sorted(by: { $0.key < $1.key }) {
      if key.hasPrefix("params_") {
        let name = String(key.dropFirst(7))
        params[name] = try parameterValue(value, domain: space?.parameter(named: name)?.domain, name: key, fail: fail)
      } else if key.hasPrefix("user_attrs_"), let text = value as? String {
        attributes[String(key.dropFirst(11))] = text
      }
    }
    return TuningLogRecord(
      task: try string("task"), learner: learner, number: numberValue.intValue, params: params, resource: resource,
      seed: (object["seed"] as? NSNumber)?.intValue, value: double("value"), direction: direction,
      costSeconds: double("cost_s"), state: state, userAttributes: attributes)
  }

  private static func parameterValue(
    _ value: Any, domain: Parameter.Domain?, name: String, fail: (String) -> CorpusError
  ) throws(CorpusError) -> ParameterValue {
    if let text = value as? String { return .categorical(text) }
    guard let n = value as? NSNumber else { throw fail("field '\(name)' is neither a number nor a string") }
    switch domain {
    case .int?: return .int(n.intValue)
    case .float?: return .float(n.doubleValue)
    case .categorical?: return .categorical(n.stringValue)
    case nil:
      let x = n.doubleValue
      return x == x.rounded() && abs(x) < 1e15 ? .int(Int(x)) : .float(x)
    }
  }
}
