import Foundation

extension TrainedMetaModel {
  /// Undefined task features (NaN) are written as the string "nan".
  private static var nonFinite: JSONEncoder.NonConformingFloatEncodingStrategy {
    .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
  }

  /// Writes the model as JSON (sorted keys, so the same model gives the same bytes; NaN task
  /// features as the string "nan"), creating
  /// the parent folder when missing.
  ///
  /// - Throws: ``MetaLearningError/io(path:reason:)`` when encoding or writing fails.
  public func save(to path: String) throws(MetaLearningError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
    do {
      let data = try encoder.encode(self)
      let url = URL(fileURLWithPath: path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw .io(path: path, reason: "cannot write the meta-model: \(error.localizedDescription)")
    }
  }

  /// Reads a model written by ``save(to:)``.
  ///
  /// - Throws: ``MetaLearningError/formatVersion(path:found:supported:)`` for a file of another
  ///   format version; ``MetaLearningError/io(path:reason:)`` when the file cannot be read, is not
  ///   JSON, has no `format_version`, or does not hold a valid meta-model.
  public static func load(from path: String) throws(MetaLearningError) -> TrainedMetaModel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .io(path: path, reason: "cannot read the meta-model: \(error.localizedDescription)")
    }
    struct Header: Decodable {
      var version: Int?
      enum CodingKeys: String, CodingKey { case version = "format_version" }
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let header = try? decoder.decode(Header.self, from: data) else {
      throw .io(path: path, reason: "not a meta-model file (not a JSON object with an integer format_version)")
    }
    guard let version = header.version else {
      throw .io(path: path, reason: "not a meta-model file (no format_version)")
    }
    guard version == formatVersion else { throw .formatVersion(path: path, found: version, supported: formatVersion) }
    do {
      return try decoder.decode(TrainedMetaModel.self, from: data)
    } catch {
      throw .io(path: path, reason: "corrupt meta-model file: \(describe(error))")
    }
  }

  private static func describe(_ error: any Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    switch e {
    case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
      let path = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
      return (path.isEmpty ? "" : "at \(path): ") + c.debugDescription
    @unknown default:
      return "\(e)"
    }
  }
}
