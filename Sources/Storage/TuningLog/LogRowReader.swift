import Search

/// Turns the rows of a ``LogTable`` into ``TuningLogRecord``s, one at a time, checking each
/// field and the rules across rows (one direction per task and learner, no duplicated
/// (task, learner, number, resource, seed)).
struct LogRowReader {
  /// The kind inferred for a `params_` column.
  enum Kind { case int, float, categorical }

  private struct Key: Hashable {
    var task: String
    var learner: String
    var number: Int
    var resource: Double
    var seed: Int?
  }

  private let table: LogTable
  private let space: SearchSpace?
  private let spaces: [String: SearchSpace]
  private let index: [String: Int]
  private let params: [(column: Int, name: String, kind: Kind)]
  private let attrs: [(column: Int, name: String)]
  private var directions: [[String]: (StudyDirection, Int)] = [:]
  private var seen: [Key: Int] = [:]

  init(table: LogTable, space: SearchSpace?, spaces: [String: SearchSpace]) {
    self.table = table
    self.space = space
    self.spaces = spaces
    var index: [String: Int] = [:]
    for (i, c) in table.columns.enumerated() { index[c] = i }
    self.index = index
    var params: [(column: Int, name: String, kind: Kind)] = []
    var attrs: [(column: Int, name: String)] = []
    for (c, name) in table.columns.enumerated() {
      if name.hasPrefix("params_") {
        params.append((c, String(name.dropFirst(7)), Self.inferKind(table.rows.map { $0.cells[c] })))
      } else if name.hasPrefix("user_attrs_") {
        attrs.append((c, String(name.dropFirst(11))))
      }
    }
    self.params = params
    self.attrs = attrs
  }

  /// int when every value is an integer literal, float when every value is a finite number,
  /// else categorical (also when any value was a JSON string).
  static func inferKind(_ cells: [LogCell?]) -> Kind {
    var kind = Kind.int
    for case let cell? in cells {
      guard let s = cell.text else { continue }
      if cell.isString { return .categorical }
      if kind == .int, isIntegerLiteral(s), Int(s) != nil { continue }
      guard let x = TrialsCSV.parseDouble(s), x.isFinite else { return .categorical }
      kind = .float
    }
    return kind
  }

  static func isIntegerLiteral(_ s: String) -> Bool {
    var u = Substring(s).unicodeScalars
    if u.first == "-" || u.first == "+" { u = u.dropFirst() }
    return !u.isEmpty && u.allSatisfy { ("0"..."9").contains($0) }
  }

  private func error(_ line: Int, _ field: String?, _ p: TuningLogError.Problem) -> TuningLogError {
    TuningLogError(file: table.file, line: line, field: field, p)
  }

  /// The text of a required field.
  private func required(_ name: String, _ line: Int, _ cells: [LogCell?]) throws(TuningLogError) -> String {
    guard let c = index[name], let cell = cells[c] else { throw error(line, name, .missingColumn) }
    guard let s = cell.text, !s.isEmpty else { throw error(line, name, .emptyField) }
    return s
  }

  /// The text of an optional field (nil when absent or empty).
  private func optional(_ name: String, _ cells: [LogCell?]) -> String? {
    guard let c = index[name], let s = cells[c]?.text, !s.isEmpty else { return nil }
    return s
  }

  private func integer(_ s: String, _ line: Int, _ field: String) throws(TuningLogError) -> Int {
    if let n = Int(s) { return n }
    if let x = Double(s), x.isFinite, x == x.rounded(), abs(x) < 9.0e15 { return Int(x) }
    throw error(line, field, .notAnInteger(s))
  }

  private func number(_ s: String, _ line: Int, _ field: String) throws(TuningLogError) -> Double {
    guard let x = TrialsCSV.parseDouble(s) else { throw error(line, field, .notANumber(s)) }
    return x
  }

  /// The record of the row at `line`.
  mutating func record(_ line: Int, _ cells: [LogCell?]) throws(TuningLogError) -> TuningLogRecord {
    let task = try required("task", line, cells)
    let learner = try required("learner", line, cells)
    let number = try integer(try required("number", line, cells), line, "number")
    let resource = try self.number(try required("resource", line, cells), line, "resource")
    guard resource > 0, resource <= 1 else { throw error(line, "resource", .resourceOutOfRange(resource)) }
    let seed = try optional("seed", cells).map { s throws(TuningLogError) in try integer(s, line, "seed") }
    let stateText = try required("state", line, cells)
    guard let state = TrialState(rawValue: stateText.uppercased()), state.isFinished else {
      throw error(line, "state", .unknownState(stateText))
    }
    guard index["value"].map({ cells[$0] != nil }) ?? false else { throw error(line, "value", .missingColumn) }
    var value: Double?
    if let s = optional("value", cells) {
      let x = try self.number(s, line, "value")
      if x.isFinite { value = x } else if state == .complete { throw error(line, "value", .missingValue(s)) }
    } else if state == .complete {
      throw error(line, "value", .missingValue(""))
    }
    let directionText = try required("direction", line, cells)
    guard let direction = StudyDirection(rawValue: directionText.lowercased()) else {
      throw error(line, "direction", .unknownDirection(directionText))
    }
    var cost: Double?
    if let s = optional("cost_s", cells) {
      let c = try self.number(s, line, "cost_s")
      guard c.isFinite, c >= 0 else { throw error(line, "cost_s", .invalidCost(c)) }
      cost = c
    }
    var config = Configuration()
    let space = spaces[learner] ?? self.space
    for (c, name, kind) in params {
      guard let cell = cells[c], let s = cell.text else { continue }
      let column = "params_" + name
      if let space {
        guard let p = space.parameter(named: name) else { throw error(line, column, .unknownParameter(name)) }
        guard let v = TrialsCSV.value(s, for: p) else {
          throw error(line, column, .invalidParameter(value: s, parameter: name, kind: p.kind))
        }
        config[name] = v
        continue
      }
      switch kind {
      case .int: config[name] = Int(s).map(ParameterValue.int) ?? .categorical(s)
      case .float: config[name] = TrialsCSV.parseDouble(s).map(ParameterValue.float) ?? .categorical(s)
      case .categorical: config[name] = .categorical(s)
      }
    }
    var attributes: [String: String] = [:]
    for (c, name) in attrs { if let s = cells[c]?.text { attributes[name] = s } }

    let pair = [task, learner]
    if let (earlier, earlierLine) = directions[pair] {
      guard earlier == direction else {
        throw error(
          line, "direction",
          .mixedDirections(task: task, learner: learner, earlier: earlier, earlierLine: earlierLine, found: direction))
      }
    } else {
      directions[pair] = (direction, line)
    }
    let key = Key(task: task, learner: learner, number: number, resource: resource, seed: seed)
    if let earlier = seen.updateValue(line, forKey: key) {
      throw error(line, nil, .duplicateRecord(earlierLine: earlier))
    }
    return TuningLogRecord(
      task: task, learner: learner, number: number, params: config, resource: resource, seed: seed,
      value: value, direction: direction, costSeconds: cost, state: state, userAttributes: attributes)
  }
}
