// The umbrella library product: `import MetaProbeKit` brings every public module, as
// swift-numerics' `Numerics` does, plus the workflows a user runs (``TuningRun``, …).
@_exported import Datasets
@_exported import Experiments
@_exported import Forest
@_exported import Learners
@_exported import Linalg
@_exported import MetaFeatures
@_exported import MetaLearning
@_exported import Models
@_exported import NeuralNet
@_exported import Probes
@_exported import Search
@_exported import Storage
