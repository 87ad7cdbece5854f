// swift-tools-version: 6.1
// Benchmarks for MetaProbe, a nested package so that library users and `make test` never
// resolve or build the benchmark dependencies (the layout swift-collections uses).
import PackageDescription

let package = Package(
  name: "MetaProbeBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "MetaProbe", path: ".."),
    // The MallocInterposer trait is off: these are timing runs (see shared/reference/swift-style.md §3).
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: []),
  ],
  targets: [
    // MARK: - Implementation details
    // The raw C interface, for the baselines the wrappers are measured against. Named apart
    // from the library's internal `CBLAS` module, since module names are global in a build.
    .systemLibrary(name: "CBLASRaw", path: "Sources/CBLASRaw", pkgConfig: "openblas"),

    // MARK: - ordo-one/benchmark suites (`swift package benchmark`)
    .executableTarget(
      name: "LinalgBenchmarks",
      dependencies: [
        .product(name: "Linalg", package: "MetaProbe"), "CBLASRaw",
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/LinalgBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "DatasetsBenchmarks",
      dependencies: [
        .product(name: "Datasets", package: "MetaProbe"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/DatasetsBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),

    // MARK: - Side-by-side comparisons that print a ratio (`make bench`)
    .executableTarget(
      name: "gemm-overhead",
      dependencies: [.product(name: "Linalg", package: "MetaProbe"), "CBLASRaw"],
      path: "Sources/gemm-overhead"
    ),
    .executableTarget(
      name: "csv-read-timing",
      dependencies: [.product(name: "Datasets", package: "MetaProbe")],
      path: "Sources/csv-read-timing"
    ),
    .executableTarget(
      name: "svc-timing",
      dependencies: [.product(name: "Models", package: "MetaProbe")],
      path: "Sources/svc-timing"
    ),
    .executableTarget(
      name: "gp-timing",
      dependencies: [.product(name: "Search", package: "MetaProbe")],
      path: "Sources/gp-timing"
    ),
    .executableTarget(
      name: "hessian-timing",
      dependencies: [
        .product(name: "Probes", package: "MetaProbe"), .product(name: "Learners", package: "MetaProbe"),
        .product(name: "Datasets", package: "MetaProbe"), .product(name: "Linalg", package: "MetaProbe"),
      ],
      path: "Sources/hessian-timing"
    ),
    .executableTarget(
      name: "sampler-overhead",
      dependencies: [.product(name: "Search", package: "MetaProbe")],
      path: "Sources/sampler-overhead"
    ),
    .executableTarget(
      name: "mfe-timing",
      dependencies: [
        .product(name: "MetaFeatures", package: "MetaProbe"),
        .product(name: "Datasets", package: "MetaProbe"),
        .product(name: "Linalg", package: "MetaProbe"),
      ],
      path: "Sources/mfe-timing"
    ),
    .executableTarget(
      name: "tree-timing",
      dependencies: [.product(name: "Forest", package: "MetaProbe"), .product(name: "Datasets", package: "MetaProbe")],
      path: "Sources/tree-timing"
    ),
    .executableTarget(
      name: "meta-training-timing",
      dependencies: [
        .product(name: "MetaLearning", package: "MetaProbe"), .product(name: "Linalg", package: "MetaProbe"),
      ],
      path: "Sources/meta-training-timing"
    ),
    .executableTarget(
      name: "kdtree-timing",
      dependencies: [.product(name: "Models", package: "MetaProbe"), .product(name: "Linalg", package: "MetaProbe")],
      path: "Sources/kdtree-timing"
    ),
  ]
)
