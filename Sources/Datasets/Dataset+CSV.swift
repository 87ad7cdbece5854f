// The CSV reader is hand-written over the file's bytes rather than built on CSV.swift or
// SwiftCSV: it must read at least as fast as pandas.read_csv, which needs one pass with no
// String per numeric field. Measured on KEEL texture with a header (1.5 MB, 5500 × 41), release
// builds on the 2-core machine, medians of 5 reads: this reader 0.017–0.021 s, pandas 2.3.3
// 0.047–0.050 s, CSV.swift 2.5.2 (CSVReader + Double(String) per field) 0.31 s.
// `make bench-compare` (scripts/bench_csv_read.py) reruns the comparison with pandas.

extension Dataset {
  /// Reads a comma-separated file with a header row.
  ///
  /// Fields follow RFC 4180 (quoted fields may hold commas, doubled quotes and newlines; LF,
  /// CRLF or CR line ends). A column is numeric when every non-missing value reads as a
  /// number, else categorical with its categories in sorted order. Missing values are empty
  /// fields, `?`, `NA`, `NaN`, `nan` and `<null>`. The target's values become the classes,
  /// sorted numerically when all look like numbers, else lexicographically.
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - target: the target column's name; `nil` means the last column.
  /// - Returns: a dataset named after the file stem, with `source` = `path`.
  /// - Throws: `DatasetError` naming the file, line and column of the first problem.
  public static func readCSV(from path: String, target: String? = nil) throws(DatasetError)
    -> Dataset
  {
    let bytes = try readFileBytes(path)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) -> Dataset in
      try parseDelimited(buffer, file: fileName(path), hasHeader: true, target: target)
        .makeDataset(name: fileStem(path), source: path)
    }
  }

  /// Parses CSV text held in memory, with the rules of `readCSV(from:target:)`.
  ///
  /// - Parameters:
  ///   - csvText: the whole file, header first.
  ///   - name: the dataset's name; error messages call the file `<name>.csv`.
  ///   - target: the target column's name; `nil` means the last column.
  /// - Throws: `DatasetError` naming the line and column of the first problem.
  public init(csvText: String, name: String, target: String? = nil) throws(DatasetError) {
    let bytes = Array(csvText.utf8)
    self = try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) -> Dataset in
      try parseDelimited(buffer, file: name + ".csv", hasHeader: true, target: target)
        .makeDataset(name: name, source: "memory")
    }
  }
}

/// Parses comma-separated records into a raw table.
///
/// Without a header the columns are named `a1 … a(n-1)` and `class` (KEEL's header-less
/// files), and the target must be the last column unless `target` names one of those.
func parseDelimited(
  _ bytes: UnsafeBufferPointer<UInt8>, file: String, hasHeader: Bool, target: String?
) throws(DatasetError) -> RawTable {
  var scanner = RecordScanner(bytes: bytes, file: file)
  var fields = [FieldRange]()
  guard try scanner.nextRecord(into: &fields) else { throw .emptyFile(file: file) }

  let names: [String]
  var pending = false  // the first record is data, not a header
  if hasHeader {
    names = fields.enumerated().map { j, field in
      let name = scanner.text(field)
      return name.isEmpty ? "unnamed_\(j + 1)" : name
    }
  } else {
    names = (0..<fields.count).map { $0 == fields.count - 1 ? "class" : "a\($0 + 1)" }
    pending = true
  }
  scanner.names = names
  let columnCount = names.count

  let targetIndex: Int
  if let target {
    guard let index = names.firstIndex(of: target) else {
      throw .missingTargetColumn(file: file, target: target, available: names)
    }
    targetIndex = index
  } else {
    targetIndex = columnCount - 1
  }
  guard columnCount >= 2 else { throw .noFeatureColumns(file: file) }

  // Rough row estimate from the size of the first record, to reserve capacity once.
  let estimate = max(16, bytes.count / max(1, scanner.position) + 16)
  // Row-major feature values in the final matrix layout (target left out, NaN for text
  // columns), so the dataset adopts this buffer without a copy; field ranges are kept only
  // for text columns and the target, so numeric fields cost one parse and one append.
  let featureCount = columnCount - 1
  var values = [Double]()
  values.reserveCapacity(estimate * featureCount)
  var isNumeric = [Bool](repeating: true, count: columnCount)
  isNumeric[targetIndex] = false
  var textCells = [[FieldRange]](repeating: [], count: columnCount)
  textCells[targetIndex].reserveCapacity(estimate)
  var rowLines = [Int]()
  var rowStarts = [Int]()
  rowLines.reserveCapacity(estimate)
  rowStarts.reserveCapacity(estimate)

  while true {
    if pending {
      pending = false
    } else if try !scanner.nextRecord(into: &fields) {
      break
    }
    guard fields.count == columnCount else {
      let got = fields.count
      throw .raggedRow(
        file: file, line: scanner.recordLine, expected: columnCount, got: got,
        column: got < columnCount ? scanner.column(got) : .position(columnCount + 1))
    }
    rowLines.append(scanner.recordLine)
    rowStarts.append(scanner.recordStart)
    for j in 0..<columnCount {
      let field = fields[j]
      if j == targetIndex {
        textCells[j].append(field)
        continue
      }
      if isNumeric[j] {
        if !field.escaped {
          if isMissingMarker(bytes, field.start, field.end) {
            values.append(.nan)
            continue
          }
          if let value = parseDouble(bytes, field.start, field.end) {
            values.append(value)
            continue
          }
        }
        // Column j turns out to be text: recover its fields of the rows read so far.
        isNumeric[j] = false
        textCells[j] = try reread(
          column: j, rows: rowStarts.dropLast(), lines: rowLines.dropLast(), scanner)
      }
      values.append(.nan)
      textCells[j].append(field)
    }
  }
  guard !rowLines.isEmpty else { throw .emptyFile(file: file) }

  func texts(_ j: Int) -> [String?] {
    textCells[j].map { field -> String? in
      if !field.escaped, isMissingMarker(bytes, field.start, field.end) { return nil }
      return scanner.text(field)
    }
  }
  var featureNames = [String]()
  var features = [RawColumn]()
  for j in 0..<columnCount where j != targetIndex {
    featureNames.append(names[j])
    if isNumeric[j] {
      let offset = j < targetIndex ? j : j - 1
      features.append(.numericStrided(values: values, offset: offset, stride: featureCount))
    } else {
      features.append(.text(texts(j)))
    }
  }
  return RawTable(
    file: file, featureNames: featureNames, features: features, targetName: names[targetIndex],
    targetLabels: texts(targetIndex), rowLines: rowLines, targetPosition: targetIndex + 1)
}

/// The fields of column `column` on the rows starting at `rows` (byte offsets) on `lines`.
private func reread(
  column: Int, rows: ArraySlice<Int>, lines: ArraySlice<Int>, _ scanner: RecordScanner
) throws(DatasetError) -> [FieldRange] {
  var scanner = scanner
  var fields = [FieldRange]()
  var out = [FieldRange]()
  out.reserveCapacity(rows.count)
  for (start, line) in zip(rows, lines) {
    scanner.seek(position: start, line: line)
    _ = try scanner.nextRecord(into: &fields)
    out.append(fields[column])
  }
  return out
}
