// swift-tools-version: 6.1
// Examples of MetaProbe as a Swift library: each executable uses the `MetaProbeKit` product of
// the root package (by path), as a user's package would by URL. `make test` builds and runs them.
import PackageDescription

let package = Package(
  name: "MetaProbeExamples",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "MetaProbe", path: "..")],
  targets: [
    .executableTarget(
      name: "tune-learner", dependencies: [.product(name: "MetaProbeKit", package: "MetaProbe")]),
    .executableTarget(
      name: "warm-start-dataset", dependencies: [.product(name: "MetaProbeKit", package: "MetaProbe")]),
    .executableTarget(
      name: "warm-start-objective", dependencies: [.product(name: "MetaProbeKit", package: "MetaProbe")]),
  ]
)
