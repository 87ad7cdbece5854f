import Testing

@testable import Datasets

@Suite struct CSVReaderTests {}

// MARK: - Quoting and line ends

extension CSVReaderTests {
  @Test func quotedFieldsKeepCommasDoubledQuotesAndNewlinesUnderCRLF() throws {
    let data = try Dataset.readCSV(from: fixture("quoting.csv"))
    #expect(data.name == "quoting")
    #expect(data.rowCount == 4)
    #expect(data.featureNames == ["id", "comment", "score"])
    #expect(data.features.column(0) == [1, 2, 3, 4])
    #expect(data.features.column(2) == [1.5, 2.5, 3.5, 4.5])
    #expect(
      data.featureKinds[1]
        == .categorical(categories: ["hello, world", "plain", "she said \"hi\"", "two\r\nlines"]))
    #expect(data.features.column(1) == [0, 2, 3, 1])
    #expect(data.classNames == ["no", "yes"])
    #expect(data.target == [1, 0, 1, 0])
  }

  @Test func lineNumbersCountNewlinesInsideQuotes() {
    let text = "a,b,c\n1,\"x\ny\",z\n1,2\n"
    #expect(
      throws: DatasetError.raggedRow(
        file: "t.csv", line: 4, expected: 3, got: 2, column: .named("c"))
    ) {
      try Dataset(csvText: text, name: "t")
    }
  }

  @Test func blankLinesAndMissingFinalNewlineAreAccepted() throws {
    let data = try Dataset(csvText: "x,y\n\n1,a\n\n2,b", name: "t")
    #expect(data.features.column(0) == [1, 2])
    #expect(data.classNames == ["a", "b"])
  }

  @Test func numbersParseExactlyIncludingExponentsAndLongMantissas() throws {
    let values = [
      "0.1", "-2.5e-3", "1e22", "123456789012345678901234", "3.", ".5", "+7",
      "2.2250738585072014e-308",
    ]
    let text = "v,label\n" + values.map { "\($0),a" }.joined(separator: "\n")
    let data = try Dataset(csvText: text, name: "n")
    #expect(data.featureKinds == [.numeric])
    #expect(
      data.features.column(0)
        == values.map { Double($0.hasPrefix("+") ? String($0.dropFirst()) : $0) ?? .nan })
  }
}

// MARK: - Missing values and types

extension CSVReaderTests {
  @Test func missingMarkersBecomeNaNAndTypesAreInferredPerColumn() throws {
    let data = try Dataset.readCSV(from: fixture("missing.csv"))
    #expect(data.featureNames == ["height", "colour", "code", "mixed"])
    #expect(data.featureKinds[0] == .numeric)
    #expect(data.featureKinds[1] == .categorical(categories: ["blue", "red"]))
    #expect(data.featureKinds[2] == .numeric)
    #expect(data.featureKinds[3] == .categorical(categories: ["1", "2", "3", "x"]))
    #expect(sameValues(data.features.column(0), [1.5, .nan, 2.5, .nan, 3.5]))
    #expect(sameValues(data.features.column(1), [1, 0, .nan, 1, .nan]))
    #expect(sameValues(data.features.column(2), [10, .nan, .nan, 20, 30]))
    #expect(sameValues(data.features.column(3), [0, 3, 1, .nan, 2]))
    #expect(data.missingCount == 7)
    #expect(data.classNames == ["a", "b", "c"])
    #expect(data.target == [1, 0, 1, 2, 0])
  }

  @Test func targetChosenByNameWithNumericLabelsSortedNumerically() throws {
    let data = try Dataset.readCSV(from: fixture("numeric_labels.csv"), target: "grade")
    #expect(data.targetName == "grade")
    #expect(data.featureNames == ["x1", "x2"])
    #expect(data.classNames == ["1", "2", "10"])
    #expect(data.target == [2, 1, 0, 2, 1])
    #expect(data.featureKinds[1] == .categorical(categories: ["a", "b"]))
  }

  @Test func readDispatchesOnExtension() throws {
    let viaRead = try Dataset.read(from: fixture("missing.csv"))
    let viaCSV = try Dataset.readCSV(from: fixture("missing.csv"))
    #expect(viaRead.featureNames == viaCSV.featureNames)
    #expect(viaRead.target == viaCSV.target)
  }
}

// MARK: - Columns that turn out to be text

extension CSVReaderTests {
  @Test func columnThatTurnsTextAfterMultilineRowsKeepsEarlierValuesAsText() throws {
    let text = "a,b,label\n\"1\",5,x\n\"two\nlines\",6,y\n3,7,x\n\"say \"\"hi\"\"\",8,y\n"
    let data = try Dataset(csvText: text, name: "t")
    #expect(
      data.featureKinds[0] == .categorical(categories: ["1", "3", "say \"hi\"", "two\nlines"]))
    #expect(data.features.column(0) == [0, 3, 1, 2])
    #expect(data.features.column(1) == [5, 6, 7, 8])
  }
}
