/// An error reading, splitting or looking up a dataset.
///
/// Every case names where the problem is: the file (its last path component), the 1-based
/// line, and the column (by name where the header gave one, else by 1-based position), so the
/// message alone is enough to fix the input. `description` renders it as
/// `iris.csv:17: expected 5 fields, got 4 (column 'petal_width')`.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A column, named by the header or by its 1-based position.
  public enum Column: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A column known by name.
    case named(String)
    /// A column known only by its 1-based position.
    case position(Int)

    /// `'name'` or `#position`.
    public var description: String {
      switch self {
      case .named(let name): return "'\(name)'"
      case .position(let index): return "#\(index)"
      }
    }
  }

  /// A data row has `got` fields where the header declares `expected`; `column` is the first
  /// missing column (too few fields) or the first extra one (too many).
  case raggedRow(file: String, line: Int, expected: Int, got: Int, column: Column)
  /// A quoted field opened on `line` is never closed.
  case unterminatedQuote(file: String, line: Int, column: Column)
  /// Text found in a column that must be numeric (an ARFF/KEEL numeric attribute).
  case nonNumericValue(file: String, line: Int, column: Column, value: String)
  /// A value not among the categories an ARFF or KEEL header declares for that column.
  case undeclaredNominalValue(
    file: String, line: Int, column: Column, value: String, declared: [String])
  /// The file holds no header or no data rows.
  case emptyFile(file: String)
  /// The requested target column does not exist; `available` lists the columns that do.
  case missingTargetColumn(file: String, target: String, available: [String])
  /// A header line or attribute declaration could not be understood.
  case malformedHeader(file: String, line: Int, reason: String)
  /// A data row could not be understood (a bad sparse index, a stray character, …).
  case malformedRow(file: String, line: Int, reason: String)
  /// An attribute type this reader does not support (ARFF `date`, `relational`).
  case unsupportedAttributeType(file: String, line: Int, column: Column, type: String)
  /// The file could not be opened or read.
  case unreadableFile(path: String, reason: String)
  /// The file's extension is not one of `.csv`, `.arff`, `.dat`.
  case unknownFormat(path: String)
  /// No bundled dataset has this name; `suggestions` are the closest names that do exist.
  case unknownDataset(name: String, suggestions: [String])
  /// The target is missing (`?`, empty, `NA`, …) on this row.
  case missingTargetValue(file: String, line: Int, column: Column)
  /// After removing the target, no feature column is left.
  case noFeatureColumns(file: String)
  /// A split or resampling request that cannot be met (too few rows, bad fraction, …).
  case invalidSplit(reason: String)
  /// No `datasets/` directory with a `collection.json` was found; `searched` lists where.
  case datasetsRootNotFound(searched: [String])
  /// A `collection.json` that cannot be decoded.
  case malformedCollection(path: String, reason: String)

  /// A one-line message naming the place and the problem.
  public var description: String {
    switch self {
    case .raggedRow(let file, let line, let expected, let got, let column):
      return "\(file):\(line): expected \(expected) fields, got \(got) (column \(column))"
    case .unterminatedQuote(let file, let line, let column):
      return
        "\(file):\(line): quoted field in column \(column) is never closed; add the closing '\"'"
    case .nonNumericValue(let file, let line, let column, let value):
      return "\(file):\(line): column \(column) is numeric but holds '\(value)'"
    case .undeclaredNominalValue(let file, let line, let column, let value, let declared):
      let list = declared.map { "'\($0)'" }.joined(separator: ", ")
      return
        "\(file):\(line): column \(column) has value '\(value)', not among the declared {\(list)}"
    case .emptyFile(let file):
      return "\(file): no header or no data rows"
    case .missingTargetColumn(let file, let target, let available):
      let list = available.map { "'\($0)'" }.joined(separator: ", ")
      return "\(file): no target column '\(target)'; columns are \(list)"
    case .malformedHeader(let file, let line, let reason):
      return "\(file):\(line): malformed header: \(reason)"
    case .malformedRow(let file, let line, let reason):
      return "\(file):\(line): malformed row: \(reason)"
    case .unsupportedAttributeType(let file, let line, let column, let type):
      return
        "\(file):\(line): column \(column) has type '\(type)', which is not supported; convert it to numeric or nominal"
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read file (\(reason))"
    case .unknownFormat(let path):
      return "\(path): unknown format; expected a .csv, .arff or .dat file"
    case .unknownDataset(let name, let suggestions):
      if suggestions.isEmpty { return "no dataset named '\(name)'; see `metaprobe datasets list`" }
      return
        "no dataset named '\(name)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
    case .missingTargetValue(let file, let line, let column):
      return
        "\(file):\(line): target column \(column) is missing on this row; remove the row or fill the label"
    case .noFeatureColumns(let file):
      return "\(file): no feature columns besides the target"
    case .invalidSplit(let reason):
      return "invalid split: \(reason)"
    case .datasetsRootNotFound(let searched):
      return
        "no datasets/ directory with a collection.json found (set METAPROBE_DATASETS); searched \(searched.joined(separator: ", "))"
    case .malformedCollection(let path, let reason):
      return "\(path): malformed collection.json: \(reason)"
    }
  }
}
