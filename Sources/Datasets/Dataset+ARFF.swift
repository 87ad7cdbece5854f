extension Dataset {
  /// Reads an ARFF file as OpenML publishes it.
  ///
  /// The header holds `@relation`, then `@attribute name type` lines with type `numeric`,
  /// `real`, `integer`, `string` (read as categorical) or a nominal `{a, b, 'c d'}`; keywords
  /// are case-insensitive, names and values may be quoted with `'` or `"`, and `%` starts a
  /// comment anywhere. After `@data` come dense rows (`5.1,3.5,Iris-setosa`) or sparse rows
  /// (`{0 5.1, 3 x}`, unlisted values are 0, i.e. the first declared value of a nominal
  /// attribute). `?` marks a missing value. `date` attributes are rejected.
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - target: the target attribute's name; `nil` means the last attribute.
  /// - Returns: a dataset named after the file stem, with `source` = `path`. Nominal features
  ///   keep their declared category order; classes are sorted (see `readCSV(from:target:)`).
  /// - Throws: `DatasetError` naming the file, line and column of the first problem, e.g.
  ///   `.nonNumericValue` for text in a numeric attribute or `.undeclaredNominalValue`.
  public static func readARFF(from path: String, target: String? = nil) throws(DatasetError)
    -> Dataset
  {
    let bytes = try readFileBytes(path)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) -> Dataset in
      try parseAttributeFile(buffer, file: fileName(path), target: target)
        .makeDataset(name: fileStem(path), source: path)
    }
  }
}

/// Parses an ARFF or headered KEEL file into a raw table.
///
/// The target is `target` if given, else the first `@outputs` attribute (KEEL), else the last
/// attribute. Features are the `@inputs` attributes (KEEL) if declared, else all others.
func parseAttributeFile(
  _ bytes: UnsafeBufferPointer<UInt8>, file: String, target: String?
) throws(DatasetError) -> RawTable {
  let lines = splitLines(bytes)
  let header = try AttributeHeader(lines: lines, bytes: bytes, file: file)
  let attributes = header.attributes
  let names = attributes.map(\.name)
  let columnCount = attributes.count

  let targetIndex: Int
  if let target {
    guard let index = names.firstIndex(of: target) else {
      throw .missingTargetColumn(file: file, target: target, available: names)
    }
    targetIndex = index
  } else if let output = header.outputs?.first, let index = names.firstIndex(of: output) {
    targetIndex = index  // AttributeHeader checked that @outputs names an attribute
  } else {
    targetIndex = columnCount - 1
  }
  var featureIndices = Array(0..<columnCount).filter { $0 != targetIndex }
  if let inputs = header.inputs {
    var indices = [Int]()
    for input in inputs {
      if let index = names.firstIndex(of: input), index != targetIndex { indices.append(index) }
    }
    featureIndices = indices
  }
  guard !featureIndices.isEmpty else { throw .noFeatureColumns(file: file) }

  var numbers = [[Double]](repeating: [], count: columnCount)
  var texts = [[String?]](repeating: [], count: columnCount)
  var rowLines = [Int]()
  var row = [Token?](repeating: nil, count: columnCount)

  for line in lines[header.dataStart...] {
    var scanner = ValueScanner(
      bytes: bytes, file: file, line: line.number, position: line.start, end: line.end)
    if scanner.atEnd { continue }
    if scanner.consume(0x7B) {  // { sparse row
      for k in 0..<columnCount { row[k] = nil }
      try readSparse(&scanner, into: &row, names: names)
    } else {
      let tokens = try scanner.commaSeparated(column: {
        $0 < columnCount ? .named(names[$0]) : .position($0 + 1)
      })
      guard tokens.count == columnCount else {
        throw .raggedRow(
          file: file, line: line.number, expected: columnCount, got: tokens.count,
          column: tokens.count < columnCount
            ? .named(names[tokens.count]) : .position(columnCount + 1))
      }
      for k in 0..<columnCount { row[k] = tokens[k] }
    }
    rowLines.append(line.number)
    for k in 0..<columnCount {
      let attribute = attributes[k]
      let column = DatasetError.Column.named(attribute.name)
      switch attribute.kind {
      case .numeric:
        var value = 0.0
        if let token = row[k] {
          if token.isMissing {
            value = .nan
          } else if let parsed = parseDouble(token.text) {
            value = parsed
          } else {
            throw .nonNumericValue(file: file, line: line.number, column: column, value: token.text)
          }
        }
        if k == targetIndex { texts[k].append(value.isNaN ? nil : (row[k]?.text ?? "0")) }
        numbers[k].append(value)
      case .nominal(let values, let index):
        var code = values.isEmpty ? Double.nan : 0
        if let token = row[k] {
          if token.isMissing {
            code = .nan
          } else if let found = index[token.text] {
            code = Double(found)
          } else {
            throw .undeclaredNominalValue(
              file: file, line: line.number, column: column, value: token.text, declared: values)
          }
        }
        if k == targetIndex { texts[k].append(code.isNaN ? nil : values[Int(code)]) }
        numbers[k].append(code)
      case .string:
        let token = row[k]
        texts[k].append(token.flatMap { $0.isMissing ? nil : $0.text })
      }
    }
  }
  guard !rowLines.isEmpty else { throw .emptyFile(file: file) }

  var features = [RawColumn]()
  for k in featureIndices {
    switch attributes[k].kind {
    case .numeric: features.append(.numeric(numbers[k]))
    case .nominal(let values, _): features.append(.nominal(codes: numbers[k], categories: values))
    case .string: features.append(.text(texts[k]))
    }
  }
  return RawTable(
    file: file, featureNames: featureIndices.map { names[$0] }, features: features,
    targetName: names[targetIndex], targetLabels: texts[targetIndex], rowLines: rowLines,
    targetPosition: targetIndex + 1)
}

/// Reads the items of a sparse row `{index value, index value}` after its opening brace.
private func readSparse(_ scanner: inout ValueScanner, into row: inout [Token?], names: [String])
  throws(DatasetError)
{
  let file = scanner.file
  let line = scanner.line
  if scanner.consume(0x7D) { return }  // {}
  while true {
    let indexToken = try scanner.word(column: .position(row.count + 1))
    guard let index = Int(indexToken.text), index >= 0, index < row.count else {
      throw .malformedRow(
        file: file, line: line,
        reason: "sparse index '\(indexToken.text)' is not a column number in 0..<\(row.count)")
    }
    row[index] = try scanner.value(stoppingAt: [ASCII.comma, 0x7D], column: .named(names[index]))
    if scanner.consume(ASCII.comma) { continue }
    if scanner.consume(0x7D) { return }
    throw .malformedRow(file: file, line: line, reason: "sparse row is missing its closing '}'")
  }
}
