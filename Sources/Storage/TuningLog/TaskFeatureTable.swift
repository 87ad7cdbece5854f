import Foundation

/// Task meta-features keyed by task: the table that travels beside a tuning log
/// (DESIGN.md, "The tuning-log format").
///
/// As CSV: a `task` column, then one column per feature (pymfe names such as `nr_inst` or
/// `attr_ent.mean`); an empty field, `nan` or `NaN` is an undefined value, kept as NaN.
public struct TaskFeatureTable: Sendable, Hashable {
  /// The feature names, in column order.
  public var names: [String]
  /// The tasks, in row order.
  public private(set) var tasks: [String] = []
  private var rowsByTask: [String: [Double]] = [:]

  /// An empty table with the given feature columns.
  public init(names: [String]) { self.names = names }

  /// The feature vector of `task` (NaN where undefined), or `nil` when the table lacks the task.
  public subscript(task: String) -> [Double]? { rowsByTask[task] }

  /// Adds or replaces the row of `task`.
  ///
  /// - Throws: ``StorageError/csv(line:column:reason:)`` when `values` does not have one entry per name.
  public mutating func set(_ task: String, values: [Double]) throws(StorageError) {
    guard values.count == names.count else {
      throw .csv(line: 0, column: task, reason: "\(values.count) values for \(names.count) features")
    }
    if rowsByTask.updateValue(values, forKey: task) == nil { tasks.append(task) }
  }

  /// The table as CSV text (header `task,<names>`), NaN written as an empty field.
  public func csv() -> String {
    var out = (["task"] + names).joined(separator: ",") + "\n"
    for task in tasks {
      let values = rowsByTask[task] ?? []
      out += ([task] + values.map { $0.isFinite ? "\($0)" : "" }).joined(separator: ",") + "\n"
    }
    return out
  }

  /// Parses CSV text written by ``csv()`` or by hand.
  ///
  /// - Throws: ``StorageError/csv(line:column:reason:)`` naming the line and column of a
  ///   missing `task` column, a duplicated task or a field that is not a number.
  public init(csv text: String) throws(StorageError) {
    let table = try CSVTable(parsing: text)
    guard table.header.first == "task" else {
      throw .csv(line: 1, column: table.header.first, reason: "the first column must be 'task'")
    }
    self.init(names: Array(table.header.dropFirst()))
    for (line, fields) in table.records {
      let task = fields[0]
      guard rowsByTask[task] == nil else { throw .csv(line: line, column: "task", reason: "task '\(task)' appears twice") }
      var values: [Double] = []
      for (name, field) in zip(names, fields.dropFirst()) {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.lowercased() == "nan" {
          values.append(.nan)
        } else if let x = Double(trimmed) {
          values.append(x)
        } else {
          throw .csv(line: line, column: name, reason: "'\(field)' is not a number")
        }
      }
      try set(task, values: values)
    }
  }
}
