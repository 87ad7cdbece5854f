import Linalg
import NeuralNet

/// Where the weight matrices and bias vectors of a network sit in its flat parameter vector,
/// and which slices of a weight matrix are its *filters*.
///
/// Li et al. (2018, "Visualizing the Loss Landscape of Neural Nets", `net_plotter.py`) normalise
/// a random direction per filter: a slice of a weight tensor along its output dimension. Here a
/// ``NeuralNet/Dense`` weight is stored `in × out` (row-major, `Y = X·W`), so the filter of
/// output neuron `j` is **column** `j`; a ``NeuralNet/Conv2D`` weight is `(K·K·C) × F`, so the
/// filter of output channel `f` is column `f` too. Biases (dim ≤ 1) form ``Block/Kind/bias`` blocks.
public struct ParameterLayout: Sendable, Equatable {
  /// A contiguous range of the flat parameter vector.
  public struct Block: Sendable, Equatable {
    /// What the block holds.
    public enum Kind: Sendable, Equatable {
      /// A row-major `rows × columns` weight matrix whose columns are the filters.
      case weight(rows: Int, columns: Int)
      /// A bias (or other vector) parameter; zeroed in filter-normalised directions (`--xignore biasbn`).
      case bias
    }

    /// Index of the block's first element in the flat vector.
    public var offset: Int
    /// Number of elements.
    public var count: Int
    /// Weight matrix or bias.
    public var kind: Kind

    /// A block of `kind` at `offset` (the count follows from the kind for weights).
    public init(offset: Int, count: Int, kind: Kind) {
      self.offset = offset
      self.count = count
      self.kind = kind
    }
  }

  /// The blocks in flat order; they tile `0..<parameterCount`.
  public var blocks: [Block]

  /// The total number of parameters covered.
  public var parameterCount: Int { blocks.reduce(0) { $0 + $1.count } }

  /// A layout from explicit blocks.
  ///
  /// - Throws: ``ProbeError/invalidOption(name:value:reason:)`` if the blocks do not tile
  ///   `0..<n` in order or a weight block's count is not `rows · columns`.
  public init(blocks: [Block]) throws(ProbeError) {
    var next = 0
    for (i, block) in blocks.enumerated() {
      guard block.offset == next, block.count >= 0 else {
        throw .invalidOption(name: "blocks[\(i)].offset", value: Double(block.offset), reason: "blocks must tile the vector in order from \(next)")
      }
      if case .weight(let rows, let columns) = block.kind, rows * columns != block.count {
        throw .invalidOption(name: "blocks[\(i)].count", value: Double(block.count), reason: "must equal rows·columns = \(rows * columns)")
      }
      next += block.count
    }
    self.blocks = blocks
  }

  /// The layout of `network`: for each ``NeuralNet/Dense`` or ``NeuralNet/Conv2D`` its weight
  /// matrix, then its bias (the flat order of ``NeuralNet/Network/parameters``).
  ///
  /// - Throws: ``ProbeError/unsupportedLayer(_:)`` for another layer kind with parameters.
  public init(_ network: Network) throws(ProbeError) {
    var blocks = [Block]()
    var offset = 0
    for layer in network.layers where layer.parameterCount > 0 {
      let weight: Matrix<Float>
      let biasCount: Int
      if let dense = layer as? Dense {
        (weight, biasCount) = (dense.weight, dense.bias.count)
      } else if let conv = layer as? Conv2D {
        (weight, biasCount) = (conv.weight, conv.bias.count)
      } else {
        throw .unsupportedLayer(layer.description)
      }
      guard weight.storage.count + biasCount == layer.parameterCount else { throw .unsupportedLayer(layer.description) }
      blocks.append(Block(offset: offset, count: weight.storage.count, kind: .weight(rows: weight.rows, columns: weight.columns)))
      blocks.append(Block(offset: offset + weight.storage.count, count: biasCount, kind: .bias))
      offset += layer.parameterCount
    }
    self.blocks = blocks
  }

  /// The flat indices of filter `j` (column `j`) of a weight block.
  func filterIndices(of block: Block, filter j: Int) -> StrideTo<Int> {
    guard case .weight(_, let columns) = block.kind else { return stride(from: 0, to: 0, by: 1) }
    return stride(from: block.offset + j, to: block.offset + block.count, by: columns)
  }

  /// The L2 norm of every filter of every weight block, in block order (for tests and reports).
  public func filterNorms(of vector: [Double]) -> [[Double]] {
    blocks.compactMap { block -> [Double]? in
      guard case .weight(_, let columns) = block.kind else { return nil }
      return (0..<columns).map { j in
        filterIndices(of: block, filter: j).reduce(0.0) { $0 + vector[$1] * vector[$1] }.squareRoot()
      }
    }
  }

  /// A random filter-normalised direction at `parameters` (Li et al. 2018, `--xnorm filter
  /// --xignore biasbn`).
  ///
  /// Each element is drawn N(0, 1); then each filter `d_f` of a weight block is rescaled to
  /// `d_f · ‖w_f‖ / (‖d_f‖ + 1e-10)`, so it has the norm of the same filter of the weights, and
  /// every bias element is set to 0.
  /// - Parameters:
  ///   - parameters: the weights w (``parameterCount`` elements).
  ///   - generator: the seeded source of the Gaussian draws.
  /// - Throws: ``ProbeError/dimensionMismatch(what:expected:got:)`` for a vector of another length.
  public func filterNormalizedDirection(
    at parameters: [Double], using generator: inout SeededGenerator
  ) throws(ProbeError) -> [Double] {
    guard parameters.count == parameterCount else {
      throw .dimensionMismatch(what: "parameters", expected: parameterCount, got: parameters.count)
    }
    var direction = (0..<parameters.count).map { _ in generator.normal() }
    for block in blocks {
      switch block.kind {
      case .bias:
        for i in block.offset..<(block.offset + block.count) { direction[i] = 0 }
      case .weight(_, let columns):
        for j in 0..<columns {
          let indices = filterIndices(of: block, filter: j)
          var dNorm = 0.0
          var wNorm = 0.0
          for i in indices {
            dNorm += direction[i] * direction[i]
            wNorm += parameters[i] * parameters[i]
          }
          let scale = wNorm.squareRoot() / (dNorm.squareRoot() + 1e-10)
          for i in indices { direction[i] *= scale }
        }
      }
    }
    return direction
  }
}
