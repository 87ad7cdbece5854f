extension Dataset {
  /// Reads a KEEL `.dat` file, with or without its header.
  ///
  /// With a header (`@relation`, `@attribute name real [lo, hi]`, `integer [lo, hi]`,
  /// `{v1, v2}`, `@inputs`, `@outputs`, `@data`) the target is the `@outputs` attribute and
  /// the rules are those of `readARFF(from:target:)`; `<null>` also marks a missing value.
  /// Without a header the file is comma-separated values (blanks after commas allowed), the
  /// target is the last column, columns are typed as in `readCSV(from:target:)` and named
  /// `a1 … an` and `class`.
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - target: the target attribute's name; `nil` means the `@outputs` attribute or the last column.
  /// - Returns: a dataset named after the file stem, with `source` = `path`.
  /// - Throws: `DatasetError` naming the file, line and column of the first problem.
  public static func readKEEL(from path: String, target: String? = nil) throws(DatasetError)
    -> Dataset
  {
    let bytes = try readFileBytes(path)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) -> Dataset in
      let file = fileName(path)
      let table =
        hasAttributeHeader(buffer)
        ? try parseAttributeFile(buffer, file: file, target: target)
        : try parseDelimited(buffer, file: file, hasHeader: false, target: target)
      return try table.makeDataset(name: fileStem(path), source: path)
    }
  }
}

/// `true` when the first line that is neither blank nor a `%` comment starts with `@`.
private func hasAttributeHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  var i = 0
  if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
  var atLineStart = true
  var inComment = false
  while i < bytes.count {
    let b = bytes[i]
    i += 1
    if b == ASCII.newline || b == ASCII.carriageReturn {
      atLineStart = true
      inComment = false
      continue
    }
    if inComment || ASCII.isBlank(b) { continue }
    if atLineStart, b == 0x25 {  // %
      inComment = true
      continue
    }
    return b == 0x40  // @
  }
  return false
}
