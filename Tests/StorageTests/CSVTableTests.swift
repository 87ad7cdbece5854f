import Foundation
import Search
import Testing

@testable import Storage

/// The byte-level CSV splitter against RFC 4180 cases written out by hand.
@Test func csvTableSplitsQuotesLineEndsAndBlankLines() throws {
  let text = "\u{FEFF}a,b,c\r\n\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n\"\",é€,\"two\nlines\"\n\n3,,\n4,5,6"
  let table = try CSVTable(parsing: text)
  #expect(table.header == ["a", "b", "c"])
  #expect(table.records.map(\.line) == [3, 4, 7, 8])
  #expect(
    table.records.map(\.fields) == [
      ["1", "x,y", "say \"hi\""],
      ["", "é€", "two\nlines"],
      ["3", "", ""],
      ["4", "5", "6"],
    ])
  // A lone \r ends a line; a trailing comma at the end of the text is an empty last field.
  let cr = try CSVTable(parsing: "a,b\r1,", checkingWidth: true)
  #expect(cr.records.map(\.fields) == [["1", ""]])
  #expect(cr.records.map(\.line) == [2])
  // Text after a closing quote joins the field; a quote inside an unquoted field is an error.
  #expect(try CSVTable(parsing: "a\n\"x\"y\n").records.map(\.fields) == [["xy"]])
  #expect(throws: StorageError.csv(line: 2, column: nil, reason: "a quote inside an unquoted field")) {
    try CSVTable(parsing: "a,b\n1,x\"y\n")
  }
  #expect(throws: StorageError.csv(line: 3, column: nil, reason: "ragged row: 1 fields, the header has 2")) {
    try CSVTable(parsing: "a,b\n1,2\n3\n")
  }
}

@Test func logFieldsAreTrimmedOnlyWhenTheyHaveSpaceAtAnEnd() {
  #expect(LogTable.trimmed("mlp") == "mlp")
  #expect(LogTable.trimmed(" mlp\t") == "mlp")
  #expect(LogTable.trimmed("\u{00A0}0.5\u{2003}") == "0.5")  // no-break and em spaces
  #expect(LogTable.trimmed("é") == "é")
  #expect(LogTable.trimmed("  ") == "")
}
