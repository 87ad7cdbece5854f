// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "MetaProbe",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "Linalg", targets: ["Linalg"]),
    .library(name: "Datasets", targets: ["Datasets"]),
    .library(name: "NeuralNet", targets: ["NeuralNet"]),
    .library(name: "Models", targets: ["Models"]),
    .library(name: "Forest", targets: ["Forest"]),
    .library(name: "Search", targets: ["Search"]),
    .library(name: "Learners", targets: ["Learners"]),
    .library(name: "Storage", targets: ["Storage"]),
    .library(name: "Probes", targets: ["Probes"]),
    .library(name: "MetaFeatures", targets: ["MetaFeatures"]),
    .library(name: "MetaLearning", targets: ["MetaLearning"]),
    .library(name: "Experiments", targets: ["Experiments"]),
    .library(name: "MetaProbeKit", targets: ["MetaProbeKit"]),
    .executable(name: "metaprobe", targets: ["metaprobe"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // MARK: - Implementation details
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    .systemLibrary(name: "CMalloc"),

    // MARK: - Public API
    .target(name: "Linalg", dependencies: ["CBLAS", "CMalloc"]),
    .target(name: "Datasets", dependencies: ["Linalg"]),
    .target(name: "NeuralNet", dependencies: ["Linalg"]),
    .target(name: "Models", dependencies: ["Linalg"]),
    .target(name: "Forest", dependencies: ["Linalg"]),
    .target(name: "Search", dependencies: ["Linalg", "Forest"]),
    .target(name: "Learners", dependencies: ["Linalg", "Datasets", "NeuralNet", "Models", "Forest", "Search"]),
    .target(
      name: "Storage",
      dependencies: ["Search", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .target(name: "Probes", dependencies: ["Linalg", "NeuralNet", "Learners", "Datasets", "Search"]),
    .target(name: "MetaFeatures", dependencies: ["Linalg", "Datasets", "Models", "Forest"]),
    .target(
      name: "MetaLearning",
      dependencies: [
        "Linalg", "Datasets", "NeuralNet", "Forest", "Search", "Learners", "Storage", "Probes",
      ]
    ),
    .target(
      name: "Experiments",
      dependencies: [
        "Linalg", "Datasets", "Search", "Learners", "Storage", "Probes", "MetaFeatures", "MetaLearning",
      ]
    ),
    .target(
      name: "MetaProbeKit",
      dependencies: [
        "Linalg", "Datasets", "NeuralNet", "Models", "Forest", "Search", "Learners", "Storage", "Probes",
        "MetaFeatures", "MetaLearning", "Experiments",
      ]
    ),
    .executableTarget(
      name: "metaprobe",
      dependencies: ["MetaProbeKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),

    // MARK: - Tests
    .testTarget(
      name: "LinalgTests",
      dependencies: ["Linalg", .product(name: "Numerics", package: "swift-numerics")],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "DatasetsTests",
      dependencies: ["Datasets", "Linalg"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "NeuralNetTests",
      dependencies: ["NeuralNet", "Linalg"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "ModelsTests",
      dependencies: ["Models", "Linalg"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "ForestTests",
      dependencies: ["Forest", "Linalg"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "SearchTests",
      dependencies: ["Search", "Linalg"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "LearnersTests",
      dependencies: ["Learners", "Datasets", "Linalg", "Search"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "StorageTests",
      dependencies: ["Storage", "Search", "Linalg", .product(name: "GRDB", package: "GRDB.swift")],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "ProbesTests",
      dependencies: ["Probes", "Linalg", "NeuralNet", "Learners", "Datasets"]
    ),
    .testTarget(
      name: "MetaFeaturesTests",
      dependencies: ["MetaFeatures", "Models", "Datasets", "Linalg"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "MetaLearningTests",
      dependencies: ["MetaLearning", "Storage", "Search", "Linalg", "Forest", "Datasets", "Learners", "Probes"]
    ),
    .testTarget(
      name: "ExperimentsTests",
      dependencies: ["Experiments", "Search", "Linalg", "Datasets", "Learners", "Storage"]
    ),
    .testTarget(
      name: "MetaProbeKitTests",
      dependencies: ["MetaProbeKit"]
    ),
    .testTarget(
      name: "MetaProbeCLITests",
      dependencies: ["metaprobe"]
    ),
  ]
)
