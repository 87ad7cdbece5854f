import Linalg

extension Network {
  /// A multilayer perceptron: `Dense → φ (→ Dropout)` per hidden layer, then a linear output
  /// layer (logits for ``Loss/softmaxCrossEntropy``, values for ``Loss/meanSquaredError``).
  ///
  /// Names follow sklearn's `MLPClassifier` (`hidden_layer_sizes`, `activation`).
  /// - Parameters:
  ///   - inputSize: features per sample, ≥ 1.
  ///   - hiddenLayerSizes: units of each hidden layer, each ≥ 1 (may be empty: a linear model).
  ///   - outputSize: classes or regression outputs, ≥ 1.
  ///   - activation: φ of the hidden layers (default ReLU; weights He for ReLU, else Glorot).
  ///   - dropout: drop probability after each hidden layer, in [0, 1) (default 0: none).
  ///   - generator: the seeded source of initial weights and dropout masks.
  public static func multilayerPerceptron(
    inputSize: Int, hiddenLayerSizes: [Int], outputSize: Int, activation: Activation = .relu,
    dropout: Float = 0, generator: inout SeededGenerator
  ) -> Network {
    var layers = [any Layer]()
    var width = inputSize
    for units in hiddenLayerSizes {
      layers.append(Dense(inputSize: width, outputSize: units, activation: activation, generator: &generator))
      if dropout > 0 { layers.append(Dropout(rate: dropout, generator: &generator)) }
      width = units
    }
    layers.append(
      Dense(inputSize: width, outputSize: outputSize, initializer: .glorotUniform, generator: &generator))
    return Network(layers)
  }

  /// A small convolutional classifier: `Conv2D(k×k, same) → ReLU → MaxPool2D → Flatten →
  /// [Dense → ReLU]* → Dense` (logits; softmax in the loss and in ``predictProbabilities(_:batchSize:)``).
  ///
  /// - Parameters:
  ///   - inputShape: the shape of each NHWC image (height and width ≥ `poolSize`).
  ///   - filters: convolution filters, ≥ 1.
  ///   - kernelSize: kernel side, ≥ 1 (default 3).
  ///   - poolSize: pooling window and stride, ≥ 1 (default 2).
  ///   - hiddenLayerSizes: dense hidden layers after flattening (default none).
  ///   - classes: output size, ≥ 1.
  ///   - generator: the seeded source of initial weights.
  public static func convolutional(
    inputShape: ImageShape, filters: Int, kernelSize: Int = 3, poolSize: Int = 2,
    hiddenLayerSizes: [Int] = [], classes: Int, generator: inout SeededGenerator
  ) -> Network {
    let conv = Conv2D(inputShape: inputShape, filters: filters, kernelSize: kernelSize, generator: &generator)
    let pool = MaxPool2D(inputShape: conv.outputShape, poolSize: poolSize)
    var layers: [any Layer] = [conv, ActivationLayer(.relu), pool, Flatten(pool.outputShape)]
    var width = pool.outputShape.count
    for units in hiddenLayerSizes {
      layers.append(Dense(inputSize: width, outputSize: units, activation: .relu, generator: &generator))
      width = units
    }
    layers.append(Dense(inputSize: width, outputSize: classes, initializer: .glorotUniform, generator: &generator))
    return Network(layers)
  }
}
