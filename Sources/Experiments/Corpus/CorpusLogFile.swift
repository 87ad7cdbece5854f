import Foundation
import Learners
import Search
import Storage

/// The JSON Lines working file of a corpus run, read back to resume.
///
/// Only the records MetaProbe's own writer produces (``TuningLogFormat/jsonLine(_:)``) are read,
/// with numbers converted exactly from their text: parameters are typed by the learner's
/// ``TuningSpace`` where one is known (an int parameter reads as `.int`, a float as `.float`),
/// else a number written without fraction or exponent is an int. Whatever follows the last newline is a line cut short by a killed run: it is ignored, and
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
    Dictionary(uniqueKeysWithValues: TuningSpace.builtIn.map { ($0.learner, $0.space) })
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
    guard let object = FlatJSONObject.parse(Substring(decoding: line, as: UTF8.self)) else {
      throw fail("not a one-level JSON object of strings, numbers and nulls")
    }
    func string(_ field: String) throws(CorpusError) -> String {
      guard case .string(let s)? = object[field] else { throw fail("field '\(field)' is missing or not a string") }
      return s
    }
    let learner = try string("learner")
    guard let configurationNumber = object["number"]?.int else { throw fail("field 'number' is missing or not an integer") }
    guard let resource = object["resource"]?.double else { throw fail("field 'resource' is missing or not a number") }
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
        let domain = space?.parameter(named: name)?.domain
        guard let parameter = parameterValue(value, domain: domain) else {
          throw fail("field '\(key)' is not a value of the parameter")
        }
        params[name] = parameter
      } else if key.hasPrefix("user_attrs_"), case .string(let text) = value {
        attributes[String(key.dropFirst(11))] = text
      }
    }
    return TuningLogRecord(
      task: try string("task"), learner: learner, number: configurationNumber, params: params, resource: resource,
      seed: object["seed"]?.int, value: object["value"]?.double, direction: direction,
      costSeconds: object["cost_s"]?.double, state: state, userAttributes: attributes)
  }

  /// A parameter's value typed by its domain; without a domain an integral number is an int.
  private static func parameterValue(_ value: FlatJSONValue, domain: Parameter.Domain?) -> ParameterValue? {
    switch (value, domain) {
    case (.string(let text), _): return .categorical(text)
    case (.null, _): return nil
    case (.number(let text), .categorical?): return .categorical(text)
    case (.number(let text), .int?): return Int(text).map(ParameterValue.int)
    case (.number(let text), .float?): return Double(text).map(ParameterValue.float)
    case (.number(let text), nil): return Int(text).map(ParameterValue.int) ?? Double(text).map(ParameterValue.float)
    }
  }
}
