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
  consuming func makeDataset(name: String, source: String) throws(DatasetError) -> Dataset {
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
    var columns = features
    features = []  // so that an adopted buffer is uniquely referenced and not copied
    var (storage, inPlace) = Self.adoptRowMajorBuffer(&columns, rowCount: rowCount)
    var kinds = [FeatureKind]()
    kinds.reserveCapacity(columnCount)
    for (j, column) in columns.enumerated() {
      if inPlace.contains(j) {
        kinds.append(.numeric)
        continue
      }
      let values: [Double]
      switch column {
      case .numericStrided(let buffer, let offset, let stride):
        precondition(buffer.count == rowCount * stride, "strided column has the wrong length")
        values = (0..<rowCount).map { buffer[offset + $0 * stride] }
        kinds.append(.numeric)
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
    return Dataset(
      name: name, source: source,
      features: Matrix(rows: rowCount, columns: columnCount, storage: storage),
      featureNames: featureNames, featureKinds: kinds, targetName: targetName,
      classNames: classNames, target: target)
  }

  /// Takes over the reader's row-major buffer as the feature matrix when it already has the
  /// final layout (every numeric column `j` strided at offset `j` by the column count, as the
  /// CSV reader writes it); returns the storage and the columns already in place. Otherwise
  /// returns a `NaN`-filled storage and no column.
  private static func adoptRowMajorBuffer(
    _ columns: inout [RawColumn], rowCount: Int
  ) -> (storage: [Double], inPlace: Set<Int>) {
    let columnCount = columns.count
    var adopted: [Double]?
    var inPlace = Set<Int>()
    for j in columns.indices {
      guard case .numericStrided(let buffer, let offset, let stride) = columns[j],
        offset == j, stride == columnCount, buffer.count == rowCount * columnCount
      else { continue }
      if let existing = adopted {
        let same =
          existing.withUnsafeBufferPointer { $0.baseAddress }
          == buffer.withUnsafeBufferPointer { $0.baseAddress }
        guard same else { continue }
      } else {
        adopted = buffer
      }
      inPlace.insert(j)
      columns[j] = .numeric([])
    }
    guard let storage = adopted else {
      return ([Double](repeating: .nan, count: rowCount * columnCount), [])
    }
    return (storage, inPlace)
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
