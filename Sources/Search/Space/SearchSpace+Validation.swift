extension SearchSpace {
  /// Checks that `config` is a point of this space.
  ///
  /// Every name must be a parameter of the space; every active parameter must be present with a
  /// value of its kind inside its domain; no inactive parameter may be present.
  /// - Throws: ``SearchError`` naming the parameter: `unknownParameter` (with suggestions),
  ///   `wrongType`, `outOfRange`, `inactiveParameter`, `missingParameter`.
  public func validate(_ config: Configuration) throws(SearchError) {
    for name in config.names where parameter(named: name) == nil {
      throw .unknownParameter(name, suggestions: suggestions(for: name))
    }
    for p in parameters {
      let active = isActive(p, in: config)
      guard let v = config[p.name] else {
        if active { throw .missingParameter(p.name) }
        continue
      }
      guard active else { throw .inactiveParameter(p.name) }
      guard v.kind == p.kind else {
        throw .wrongType(parameter: p.name, expected: p.kind, got: v.kind)
      }
      guard p.contains(v) else { throw .outOfRange(parameter: p.name, value: v.description) }
    }
  }

  /// `config` reordered into declaration order (values unchanged).
  public func canonical(_ config: Configuration) -> Configuration {
    Configuration(parameters.compactMap { p in config[p.name].map { (p.name, $0) } })
  }

  /// Parameter names close to `name` (edit distance ≤ 2, or sharing a prefix of ≥ 3 characters), best first.
  public func suggestions(for name: String) -> [String] {
    let lower = name.lowercased()
    let scored = names.map { candidate -> (String, Int) in
      (candidate, Self.editDistance(lower, candidate.lowercased()))
    }
    return scored.filter { c, d in
      d <= 2 || (lower.count >= 3 && c.lowercased().hasPrefix(String(lower.prefix(3))))
    }
    .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    .map(\.0)
  }

  /// Levenshtein distance between two strings (by Unicode characters).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      cur[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      }
      swap(&prev, &cur)
    }
    return prev[y.count]
  }
}
