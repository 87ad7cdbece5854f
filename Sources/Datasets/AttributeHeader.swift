/// One `@attribute` declaration of an ARFF or KEEL header.
struct Attribute {
  enum Kind {
    /// `numeric`, `real` or `integer` (KEEL's `[lo, hi]` range is ignored).
    case numeric
    /// `{a, b, 'c d'}`: the declared values in order, with their indices.
    case nominal(values: [String], index: [String: Int])
    /// `string`: free text, read as categorical.
    case string
  }

  var name: String
  var kind: Kind
  var line: Int
}

/// The header of an ARFF or KEEL file: attributes, optional `@inputs`/`@outputs`, and the
/// index of the first line after `@data`.
struct AttributeHeader {
  var attributes: [Attribute] = []
  var inputs: [String]?
  var outputs: [String]?
  /// The lines of the `@inputs` and `@outputs` declarations, for error messages.
  private var declarationLines: [String: Int] = [:]
  /// Index into the file's lines of the first line after `@data`.
  var dataStart = 0

  /// Parses header lines up to and including `@data`.
  ///
  /// Keywords are case-insensitive; `%` starts a comment; names and nominal values may be
  /// quoted with `'` or `"`. `date` and `relational` attributes are rejected.
  ///
  /// - Throws: `DatasetError.emptyFile`, `.malformedHeader` or `.unsupportedAttributeType`.
  init(lines: [Line], bytes: UnsafeBufferPointer<UInt8>, file: String) throws(DatasetError) {
    var sawContent = false
    var index = 0
    while index < lines.count {
      let line = lines[index]
      index += 1
      var scanner = ValueScanner(
        bytes: bytes, file: file, line: line.number, position: line.start, end: line.end)
      if scanner.atEnd { continue }
      sawContent = true
      guard scanner.consume(0x40) else {  // @
        throw .malformedHeader(
          file: file, line: line.number,
          reason: "expected @relation, @attribute or @data before '\(scanner.rest())'")
      }
      let keyword = try scanner.word(column: .position(1)).text.lowercased()
      switch keyword {
      case "relation":
        continue
      case "attribute":
        attributes.append(
          try Self.attribute(
            &scanner, line: line.number, file: file, position: attributes.count + 1))
      case "inputs", "input":
        declarationLines["@inputs"] = line.number
        inputs = try scanner.commaSeparated(column: { .position($0 + 1) }).map(\.text).filter {
          !$0.isEmpty
        }
      case "outputs", "output":
        declarationLines["@outputs"] = line.number
        outputs = try scanner.commaSeparated(column: { .position($0 + 1) }).map(\.text).filter {
          !$0.isEmpty
        }
      case "data":
        guard !attributes.isEmpty else {
          throw .malformedHeader(
            file: file, line: line.number, reason: "@data before any @attribute")
        }
        try checkDeclaredNames(file: file)
        dataStart = index
        return
      default:
        throw .malformedHeader(
          file: file, line: line.number,
          reason: "unknown declaration '@\(keyword)'; expected @relation, @attribute or @data")
      }
    }
    guard sawContent else { throw .emptyFile(file: file) }
    throw .malformedHeader(file: file, line: lines.last?.number ?? 1, reason: "no @data section")
  }

  /// Checks that `@inputs` and `@outputs` name declared attributes.
  private func checkDeclaredNames(file: String) throws(DatasetError) {
    let names = Set(attributes.map(\.name))
    for (keyword, list) in [("@inputs", inputs), ("@outputs", outputs)] {
      for name in list ?? [] where !names.contains(name) {
        throw .malformedHeader(
          file: file, line: declarationLines[keyword] ?? 1,
          reason: "\(keyword) names '\(name)', which is not a declared @attribute")
      }
    }
  }

  /// Parses the rest of an `@attribute` line: a name, then a type or `{values}`.
  private static func attribute(
    _ scanner: inout ValueScanner, line: Int, file: String, position: Int
  ) throws(DatasetError) -> Attribute {
    let name = try scanner.word(column: .position(position)).text
    guard !name.isEmpty else {
      throw .malformedHeader(file: file, line: line, reason: "@attribute without a name")
    }
    if scanner.consume(0x7B) {  // {
      var values = try scanner.commaSeparated(closing: 0x7D, column: { _ in .named(name) }).map(
        \.text)
      guard scanner.consume(0x7D) else {
        throw .malformedHeader(
          file: file, line: line, reason: "nominal attribute '\(name)' has no closing '}'")
      }
      if values == [""] { values = [] }
      var index = [String: Int](minimumCapacity: values.count)
      for (k, value) in values.enumerated() where index[value] == nil { index[value] = k }
      return Attribute(name: name, kind: .nominal(values: values, index: index), line: line)
    }
    let type = try scanner.word(column: .named(name)).text
    switch type.lowercased() {
    case "numeric", "real", "integer":
      return Attribute(name: name, kind: .numeric, line: line)
    case "string":
      return Attribute(name: name, kind: .string, line: line)
    case "date", "relational":
      throw .unsupportedAttributeType(
        file: file, line: line, column: .named(name), type: type.lowercased())
    case "":
      throw .malformedHeader(file: file, line: line, reason: "attribute '\(name)' has no type")
    default:
      throw .malformedHeader(
        file: file, line: line,
        reason:
          "attribute '\(name)' has unknown type '\(type)'; expected numeric, real, integer, string or {values}"
      )
    }
  }
}
