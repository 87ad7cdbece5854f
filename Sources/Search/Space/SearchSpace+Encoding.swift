extension SearchSpace {
  /// The value written into every encoded column of an inactive parameter: −1, outside the
  /// [0, 1] range of active values, so tree models can split inactive from active and no extra
  /// indicator columns are needed.
  public static let inactiveFill: Double = -1

  /// The number of encoded columns: one per numeric parameter, one per choice of a categorical.
  public var encodedDimension: Int {
    parameters.reduce(0) { n, p in
      if case .categorical(let c) = p.domain { return n + c.count }
      return n + 1
    }
  }

  /// The names of the encoded columns: the parameter name for numeric ones, `name=choice` for
  /// the one-hot columns of a categorical.
  public var encodedNames: [String] {
    parameters.flatMap { p -> [String] in
      if case .categorical(let c) = p.domain { return c.map { "\(p.name)=\($0)" } }
      return [p.name]
    }
  }

  /// The configuration as a vector for surrogates and meta-models.
  ///
  /// Numeric parameters map to `(x − low)/(high − low)` ∈ [0, 1], computed on `log x` for log
  /// parameters; a categorical with k choices maps to k one-hot columns; every column of an
  /// inactive (absent) parameter holds ``inactiveFill``.
  /// - Parameter config: a configuration of this space (assumed valid; see ``validate(_:)``).
  /// - Returns: ``encodedDimension`` numbers in [0, 1] ∪ {inactiveFill}, ordered as ``encodedNames``.
  public func encode(_ config: Configuration) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(encodedDimension)
    for p in parameters {
      let v = config[p.name]
      switch p.domain {
      case .categorical(let choices):
        guard case .categorical(let s)? = v else {
          out.append(contentsOf: repeatElement(Self.inactiveFill, count: choices.count))
          continue
        }
        out.append(contentsOf: choices.map { $0 == s ? 1 : 0 })
      default:
        out.append(v.map { p.unit(of: $0) } ?? Self.inactiveFill)
      }
    }
    return out
  }

  /// The configuration nearest to an encoded vector.
  ///
  /// Walks the parameters in order; a parameter whose condition fails on the values decoded so
  /// far is left out. Numeric columns are clamped to [0, 1], mapped back (exp for log scales)
  /// and rounded to the integer or step grid; a categorical takes the choice of its largest
  /// one-hot column (the first on ties).
  /// - Throws: `encodingLength` when `vector.count != encodedDimension`.
  public func decode(_ vector: [Double]) throws(SearchError) -> Configuration {
    guard vector.count == encodedDimension else {
      throw .encodingLength(expected: encodedDimension, got: vector.count)
    }
    var config = Configuration()
    var column = 0
    for p in parameters {
      let width: Int
      if case .categorical(let c) = p.domain { width = c.count } else { width = 1 }
      defer { column += width }
      guard isActive(p, in: config) else { continue }
      if case .categorical(let choices) = p.domain {
        var best = 0
        for j in 1..<width where vector[column + j] > vector[column + best] { best = j }
        config[p.name] = .categorical(choices[best])
      } else {
        config[p.name] = p.value(atUnit: vector[column])
      }
    }
    return config
  }
}
