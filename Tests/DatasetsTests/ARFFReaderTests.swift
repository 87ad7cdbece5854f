import Testing

@testable import Datasets

@Suite struct ARFFReaderTests {
  @Test func commentsQuotedNamesNominalStringAndMissingValues() throws {
    let data = try Dataset.readARFF(from: fixture("weather.arff"))
    #expect(data.name == "weather")
    #expect(data.featureNames == ["outlook", "air temperature", "humidity", "wind speed", "note"])
    #expect(data.featureKinds[0] == .categorical(categories: ["sunny", "overcast", "rainy day"]))
    #expect(data.featureKinds[1...3].allSatisfy { $0 == .numeric })
    #expect(data.featureKinds[4] == .categorical(categories: ["a, b", "plain", "x"]))
    #expect(data.features.column(0) == [0, 1, 2, 0])
    #expect(data.features.column(1) == [85, 83, 70, 72])
    #expect(sameValues(data.features.column(2), [85, .nan, 96, 95]))
    #expect(sameValues(data.features.column(3), [1, 2, .nan, 3]))
    #expect(sameValues(data.features.column(4), [0, 1, .nan, 2]))
    #expect(data.targetName == "play")
    #expect(data.classNames == ["no", "yes"])
    #expect(data.target == [0, 1, 1, 0])
  }

  @Test func sparseRowsLeaveUnlistedValuesAtZero() throws {
    let data = try Dataset.readARFF(from: fixture("sparse.arff"))
    #expect(sameValues(data.features.column(0), [1.5, 0, .nan, 0]))
    #expect(data.features.column(1) == [0, 2, 0, 0])
    #expect(data.features.column(2) == [1, 0, 0, 0])
    #expect(data.classNames == ["neg", "pos"])
    #expect(data.target == [1, 0, 1, 0])
  }

  @Test func targetByNameAndCaseInsensitiveKeywords() throws {
    let text = """
      @RELATION r
      @ATTRIBUTE kind {b,a}
      @ATTRIBUTE 'x y' NUMERIC
      @DATA
      b,1
      a,2
      """
    let data = try parseARFFText(text, target: "kind")
    #expect(data.featureNames == ["x y"])
    #expect(data.classNames == ["a", "b"])
    #expect(data.target == [1, 0])
  }

  @Test func escapedQuotesInsideQuotedValues() throws {
    let text =
      "@relation r\n@attribute s string\n@attribute c {p,q}\n@data\n'it\\'s, ok',p\n\"x\",q\n"
    let data = try parseARFFText(text)
    #expect(data.featureKinds[0] == .categorical(categories: ["it's, ok", "x"]))
  }

  @Test func raggedARFFRowNamesTheMissingAttribute() {
    let text =
      "@relation r\n@attribute a numeric\n@attribute b numeric\n@attribute c {x}\n@data\n1,2\n"
    #expect(
      throws: DatasetError.raggedRow(
        file: "t.arff", line: 6, expected: 3, got: 2, column: .named("c"))
    ) {
      try parseARFFText(text)
    }
  }
}

@Suite struct KEELReaderTests {
  @Test func headerDeclaresTypesRangesInputsAndOutputs() throws {
    let data = try Dataset.readKEEL(from: fixture("with_header.dat"))
    #expect(data.featureNames == ["Area", "Count", "Sex"])
    #expect(data.featureKinds == [.numeric, .numeric, .categorical(categories: ["M", "F"])])
    #expect(data.features.column(0) == [0.5, 0.25, 0.125])
    #expect(sameValues(data.features.column(1), [3, .nan, 9]))
    #expect(data.features.column(2) == [0, 1, 0])
    #expect(data.targetName == "Class")
    #expect(data.classNames == ["negative", "positive"])
    #expect(data.target == [1, 0, 0])
  }

  @Test func inputsNamingAnUndeclaredAttributeIsAMalformedHeader() {
    let text =
      "@relation r\n@attribute a real [0, 1]\n@attribute c {x, y}\n@inputs a, b\n@outputs c\n@data\n0.5, x\n"
    let expected = DatasetError.malformedHeader(
      file: "t.arff", line: 4, reason: "@inputs names 'b', which is not a declared @attribute")
    #expect(throws: expected) { try parseARFFText(text) }
  }

  @Test func headerlessFileIsTypedLikeCSVWithGeneratedNames() throws {
    let data = try Dataset.read(from: fixture("no_header.dat"))
    #expect(data.featureNames == ["a1", "a2", "a3"])
    #expect(data.targetName == "class")
    #expect(data.featureKinds == [.numeric, .numeric, .categorical(categories: ["blue", "red"])])
    #expect(data.features.column(0) == [1.5, 2.5, 3.5])
    #expect(data.features.column(2) == [1, 0, 1])
    #expect(data.classNames == ["0", "1"])
    #expect(data.target == [1, 0, 1])
  }
}
