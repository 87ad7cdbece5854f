import Linalg

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One feature column as a reader produced it, before it becomes part of a `Dataset`.
enum RawColumn {
  /// Parsed numbers; `NaN` marks a missing value.
  case numeric([Double])
  /// Parsed numbers held every `stride`-th value of a shared row-major buffer, from `offset`
  /// (the CSV reader's layout, kept to avoid copying each column out).
  case numericStrided(values: [Double], offset: Int, stride: Int)
  /// Category indices into a declared list (ARFF/KEEL nominal); `NaN` marks a missing value.
  case nominal(codes: [Double], categories: [String])
  /// Free text (`nil` = missing); becomes categorical with categories in sorted order.
  case text([String?])
}

/// The columns of a file after parsing, with the target separated out.
struct RawTable {
  /// The file's last path component, for error messages.
  var file: String
  var featureNames: [String]
  var features: [RawColumn]
  var targetName: String
  /// The target's text on each row; `nil` = missing.
  var targetLabels: [String?]
  /// The 1-based line each row starts on.
  var rowLines: [Int]
  /// The 1-based position of the target column in the file, for error messages.
  var targetPosition: Int

  /// Builds the dataset: text columns become categorical, labels become class indices.
  ///
  /// - Throws: `DatasetError.noFeatureColumns`, `.emptyFile` (no rows) or
  ///   `.missingTargetValue` (a row without a label).
  func makeDataset(name: String, source: String) throws(DatasetError) -> Dataset {
    guard !features.isEmpty else { throw .noFeatureColumns(file: file) }
    let rowCount = targetLabels.count
    guard rowCount > 0 else { throw .emptyFile(file: file) }

    var labels = [String]()
    labels.reserveCapacity(rowCount)
    for (row, label) in targetLabels.enumerated() {
      guard let label else {
        throw .missingTargetValue(file: file, line: rowLines[row], column: .named(targetName))
      }
      labels.append(label)
    }
    let classNames = Self.sortedLabels(Set(labels))
    var classIndex = [String: Int](minimumCapacity: classNames.count)
    for (index, label) in classNames.enumerated() { classIndex[label] = index }
    let target = labels.map { classIndex[$0] ?? 0 }

    let columnCount = features.count
    var storage = [Double](repeating: .nan, count: rowCount * columnCount)
    var kinds = [FeatureKind]()
    kinds.reserveCapacity(columnCount)
    for (j, column) in features.enumerated() {
      let values: [Double]
      switch column {
      case .numericStrided:
        kinds.append(.numeric)  // copied below, row by row
        continue
      case .numeric(let numbers):
        values = numbers
        kinds.append(.numeric)
      case .nominal(let codes, let categories):
        values = codes
        kinds.append(.categorical(categories: categories))
      case .text(let texts):
        let categories = Set(texts.compactMap { $0 }).sorted()
        var index = [String: Double](minimumCapacity: categories.count)
        for (k, category) in categories.enumerated() { index[category] = Double(k) }
        values = texts.map { $0.flatMap { index[$0] } ?? .nan }
        kinds.append(.categorical(categories: categories))
      }
      precondition(
        values.count == rowCount, "column \(j) has \(values.count) values, expected \(rowCount)")
      storage.withUnsafeMutableBufferPointer { out in
        var k = j
        for v in values {
          out[k] = v
          k += columnCount
        }
      }
    }
    copyStridedColumns(into: &storage, rowCount: rowCount)
    return Dataset(
      name: name, source: source,
      features: Matrix(rows: rowCount, columns: columnCount, storage: storage),
      featureNames: featureNames, featureKinds: kinds, targetName: targetName,
      classNames: classNames, target: target)
  }

  /// Copies the `.numericStrided` columns into row-major `storage`, one row at a time (the
  /// columns share the reader's row-major buffer, so both sides are read in order).
  private func copyStridedColumns(into storage: inout [Double], rowCount: Int) {
    let columnCount = features.count
    var groups = [(buffer: [Double], stride: Int, pairs: [(to: Int, from: Int)])]()
    for (j, column) in features.enumerated() {
      guard case .numericStrided(let buffer, let offset, let stride) = column else { continue }
      precondition(buffer.count == rowCount * stride, "strided column has the wrong length")
      let base = buffer.withUnsafeBufferPointer { $0.baseAddress }
      if let g = groups.firstIndex(where: { group in
        group.stride == stride && group.buffer.withUnsafeBufferPointer { $0.baseAddress } == base
      }) {
        groups[g].pairs.append((j, offset))
      } else {
        groups.append((buffer, stride, [(j, offset)]))
      }
    }
    storage.withUnsafeMutableBufferPointer { out in
      for group in groups {
        group.buffer.withUnsafeBufferPointer { source in
          for row in 0..<rowCount {
            let to = row * columnCount
            let from = row * group.stride
            for pair in group.pairs { out[to + pair.to] = source[from + pair.from] }
          }
        }
      }
    }
  }

  /// Labels sorted numerically when every label reads as a number, else lexicographically.
  static func sortedLabels(_ labels: Set<String>) -> [String] {
    let numbers = labels.map { ($0, parseDouble($0)) }
    if numbers.allSatisfy({ $0.1 != nil }) {
      return numbers.sorted { a, b in
        let x = a.1 ?? 0
        let y = b.1 ?? 0
        return x != y ? x < y : a.0 < b.0
      }.map(\.0)
    }
    return labels.sorted()
  }
}

/// Reads a whole file into memory.
///
/// - Throws: `DatasetError.unreadableFile` with the system's reason.
func readFileBytes(_ path: String) throws(DatasetError) -> [UInt8] {
  guard let handle = fopen(path, "rb") else {
    throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
  }
  defer { fclose(handle) }
  var info = stat()
  let size = fstat(fileno(handle), &info) == 0 ? max(0, Int(info.st_size)) : 0
  // Read straight into one buffer of the file's size (+1 to see the end), then in chunks if
  // the file grew or its size is unknown (a pipe).
  var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
    initialized = fread(buffer.baseAddress, 1, buffer.count, handle)
  }
  var chunk = [UInt8](repeating: 0, count: bytes.count > size ? 1 << 16 : 0)
  while !chunk.isEmpty {
    let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
    bytes.append(contentsOf: chunk[0..<count])
    if count < chunk.count { break }
  }
  if ferror(handle) != 0 {
    throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
  }
  return bytes
}
