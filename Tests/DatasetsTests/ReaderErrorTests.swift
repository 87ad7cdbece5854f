import Testing

@testable import Datasets

/// Every bad input is reported as a typed error naming file, line and column.
@Suite struct ReaderErrorTests {
  @Test func raggedRowNamesLineAndFirstMissingColumn() {
    let expected = DatasetError.raggedRow(
      file: "ragged.csv", line: 4, expected: 5, got: 4, column: .named("species"))
    #expect(throws: expected) { try Dataset.readCSV(from: fixture("ragged.csv")) }
    #expect(expected.description == "ragged.csv:4: expected 5 fields, got 4 (column 'species')")
  }

  @Test func extraFieldIsNamedByPosition() {
    #expect(
      throws: DatasetError.raggedRow(
        file: "t.csv", line: 2, expected: 2, got: 3, column: .position(3))
    ) {
      try Dataset(csvText: "a,b\n1,2,3\n", name: "t")
    }
  }

  @Test func unterminatedQuoteNamesTheLineWhereItOpened() {
    #expect(
      throws: DatasetError.unterminatedQuote(file: "unterminated.csv", line: 2, column: .named("b"))
    ) {
      try Dataset.readCSV(from: fixture("unterminated.csv"))
    }
  }

  @Test func textInARFFNumericAttributeIsRejected() {
    #expect(
      throws: DatasetError.nonNumericValue(
        file: "bad_numeric.arff", line: 7, column: .named("y"), value: "oops")
    ) { try Dataset.readARFF(from: fixture("bad_numeric.arff")) }
  }

  @Test func undeclaredNominalValueIsRejected() {
    let expected = DatasetError.undeclaredNominalValue(
      file: "bad_nominal.arff", line: 8, column: .named("colour"), value: "purple",
      declared: ["red", "green"])
    #expect(throws: expected) { try Dataset.read(from: fixture("bad_nominal.arff")) }
  }

  @Test func emptyFileAndHeaderWithoutRowsAreEmpty() {
    #expect(throws: DatasetError.emptyFile(file: "empty.csv")) {
      try Dataset.readCSV(from: fixture("empty.csv"))
    }
    #expect(throws: DatasetError.emptyFile(file: "header_only.csv")) {
      try Dataset.readCSV(from: fixture("header_only.csv"))
    }
  }

  @Test func missingTargetColumnListsAvailableColumns() {
    let expected = DatasetError.missingTargetColumn(
      file: "missing.csv", target: "species",
      available: ["height", "colour", "code", "mixed", "target"])
    #expect(throws: expected) {
      try Dataset.readCSV(from: fixture("missing.csv"), target: "species")
    }
  }

  @Test func missingTargetValueNamesTheRow() {
    #expect(
      throws: DatasetError.missingTargetValue(
        file: "missing_target.csv", line: 3, column: .named("label"))
    ) {
      try Dataset.readCSV(from: fixture("missing_target.csv"))
    }
  }

  @Test func dateAttributesAreRejectedClearly() {
    #expect(
      throws: DatasetError.unsupportedAttributeType(
        file: "date.arff", line: 2, column: .named("when"), type: "date")
    ) { try Dataset.readARFF(from: fixture("date.arff")) }
  }

  @Test func unknownExtensionAndUnreadableFileAreReported() {
    #expect(throws: DatasetError.unknownFormat(path: "data.txt")) {
      try Dataset.read(from: "data.txt")
    }
    #expect(
      throws: DatasetError.unreadableFile(
        path: "/nonexistent/x.csv", reason: "No such file or directory")
    ) {
      try Dataset.read(from: "/nonexistent/x.csv")
    }
  }

  @Test func singleColumnHasNoFeatures() {
    #expect(throws: DatasetError.noFeatureColumns(file: "t.csv")) {
      try Dataset(csvText: "label\na\nb\n", name: "t")
    }
  }

  @Test func malformedAttributeDeclarationIsReported() {
    let text = "@relation r\n@attribute x complex\n@data\n1\n"
    #expect(throws: DatasetError.self) { try parseARFFText(text) }
    do {
      _ = try parseARFFText(text)
    } catch {
      guard case .malformedHeader(let file, let line, _) = error else {
        Issue.record("expected malformedHeader, got \(error)")
        return
      }
      #expect(file == "t.arff" && line == 2)
    }
  }
}

/// Parses ARFF text held in memory (test helper).
func parseARFFText(_ text: String, target: String? = nil) throws(DatasetError) -> Dataset {
  let bytes = Array(text.utf8)
  return try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) -> Dataset in
    try parseAttributeFile(buffer, file: "t.arff", target: target).makeDataset(
      name: "t", source: "memory")
  }
}
