import Foundation

/// The bundled datasets: `datasets/<collection>/<name>.<csv|arff|dat>`, each collection
/// folder described by a `collection.json`:
///
/// ```json
/// {"collection": "keel", "source": "KEEL repository", "licence": "CC BY 4.0",
///  "url": "https://…", "targets": {"<name>": "<target column>"}}
/// ```
///
/// (`url` and `targets` optional). An entry's name is the file stem; when a stem occurs in
/// several collections, the first collection in the order `sklearn`, then alphabetical,
/// keeps the bare name and the others are named `collection/stem` (`iris` is scikit-learn's,
/// `keel/iris` KEEL's). README files, hidden files and folders without `collection.json`
/// are ignored.
public struct DatasetRegistry: Sendable {
  /// One bundled dataset.
  public struct Entry: Sendable, Equatable {
    /// The name to load it by (`iris`, `keel/iris`).
    public var name: String
    /// The collection it belongs to (`sklearn`, `keel`, `openml`).
    public var collection: String
    /// The file's path.
    public var path: String
    /// Where the collection comes from.
    public var source: String
    /// The collection's licence.
    public var licence: String
    /// The target column named in `collection.json`, if any (else the format's default).
    public var target: String?
  }

  /// The `datasets/` directory scanned.
  public let root: URL
  /// The datasets found, sorted by name.
  public let entries: [Entry]

  /// Scans `root` for collections.
  ///
  /// - Parameter root: a `datasets/` directory.
  /// - Throws: `DatasetError.unreadableFile` if `root` cannot be listed,
  ///   `.malformedCollection` for a `collection.json` that does not decode.
  public init(root: URL) throws(DatasetError) {
    self.root = root
    let manager = FileManager.default
    let folders: [String]
    do {
      folders = try manager.contentsOfDirectory(atPath: root.path)
    } catch {
      throw .unreadableFile(path: root.path, reason: "cannot list directory")
    }
    var collections = [(info: CollectionInfo, directory: URL)]()
    for folder in folders where !folder.hasPrefix(".") {
      let directory = root.appendingPathComponent(folder)
      let manifest = directory.appendingPathComponent("collection.json")
      guard manager.fileExists(atPath: manifest.path) else { continue }
      collections.append((try CollectionInfo.load(manifest, folder: folder), directory))
    }
    collections.sort { a, b in
      let (x, y) = (a.info.collection, b.info.collection)
      if (x == "sklearn") != (y == "sklearn") { return x == "sklearn" }
      return x < y
    }
    var taken = Set<String>()
    var entries = [Entry]()
    for (info, directory) in collections {
      let files = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
      for file in files where !file.hasPrefix(".") && !file.lowercased().hasPrefix("readme") {
        guard DatasetFormat(path: file) != nil else { continue }
        let stem = fileStem(file)
        var name = stem
        if taken.contains(name) { name = "\(info.collection)/\(stem)" }
        if taken.contains(name) { name = "\(info.collection)/\(file)" }
        taken.insert(name)
        entries.append(
          Entry(
            name: name, collection: info.collection,
            path: directory.appendingPathComponent(file).path,
            source: info.source, licence: info.licence, target: info.targets?[stem]))
      }
    }
    self.entries = entries.sorted { $0.name < $1.name }
  }

  /// The entry called `name`, bare (`iris`) or qualified by collection (`keel/iris`, also
  /// `sklearn/iris` for the entry that owns the bare name).
  public func entry(named name: String) -> Entry? {
    if let entry = entries.first(where: { $0.name == name }) { return entry }
    return entries.first { "\($0.collection)/\(fileStem($0.path))" == name }
  }

  /// Loads a bundled dataset by name.
  ///
  /// - Parameters:
  ///   - name: a bare or qualified entry name.
  ///   - target: overrides the collection's target column; `nil` keeps it.
  /// - Returns: the dataset, named `name`, with `source` = the collection's source.
  /// - Throws: `DatasetError.unknownDataset` with the closest names, or the reader's errors.
  public func load(_ name: String, target: String? = nil) throws(DatasetError) -> Dataset {
    guard let entry = entry(named: name) else {
      throw .unknownDataset(name: name, suggestions: suggestions(for: name))
    }
    var dataset = try Dataset.read(from: entry.path, target: target ?? entry.target)
    dataset.name = entry.name
    dataset.source = entry.source
    return dataset
  }

  /// Loads a dataset given as a file path or as a registry name.
  ///
  /// `nameOrPath` is read as a path when that file exists or it ends in `.csv`, `.arff` or
  /// `.dat`; otherwise it is looked up by name.
  ///
  /// - Throws: the reader's errors, or `DatasetError.unknownDataset`.
  public func resolve(_ nameOrPath: String, target: String? = nil) throws(DatasetError) -> Dataset {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDirectory)
    if (exists && !isDirectory.boolValue) || DatasetFormat(path: nameOrPath) != nil {
      return try Dataset.read(from: nameOrPath, target: target)
    }
    return try load(nameOrPath, target: target)
  }

  /// Up to five entry names close to `name` (edit distance, prefix or substring), closest first.
  public func suggestions(for name: String) -> [String] {
    let query = name.lowercased()
    let limit = max(2, query.count / 3)
    let scored = entries.compactMap { entry -> (Int, String)? in
      let candidate = entry.name.lowercased()
      let stem = fileStem(entry.path).lowercased()
      let distance = min(editDistance(query, candidate), editDistance(query, stem))
      if distance <= limit { return (distance, entry.name) }
      if !query.isEmpty, candidate.contains(query) || query.contains(stem) {
        return (limit + 1, entry.name)
      }
      return nil
    }
    return scored.sorted { $0 < $1 }.prefix(5).map(\.1)
  }
}

/// Levenshtein distance between two strings, by characters.
func editDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a)
  let y = Array(b)
  guard !x.isEmpty else { return y.count }
  guard !y.isEmpty else { return x.count }
  var previous = Array(0...y.count)
  var current = [Int](repeating: 0, count: y.count + 1)
  for i in 1...x.count {
    current[0] = i
    for j in 1...y.count {
      current[j] = min(
        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[y.count]
}

/// The decoded `collection.json`.
struct CollectionInfo: Decodable {
  var collection: String
  var source: String
  var licence: String
  var url: String?
  var targets: [String: String]?

  /// Decodes `manifest`; a missing `collection` field defaults to the folder name.
  static func load(_ manifest: URL, folder: String) throws(DatasetError) -> CollectionInfo {
    struct Partial: Decodable {
      var collection: String?
      var source: String
      var licence: String
      var url: String?
      var targets: [String: String]?
    }
    do {
      let data = try Data(contentsOf: manifest)
      let partial = try JSONDecoder().decode(Partial.self, from: data)
      return CollectionInfo(
        collection: partial.collection ?? folder, source: partial.source, licence: partial.licence,
        url: partial.url, targets: partial.targets)
    } catch {
      throw .malformedCollection(path: manifest.path, reason: String(describing: error))
    }
  }
}
