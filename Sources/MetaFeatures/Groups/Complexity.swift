/// pymfe's `complexity` group (placeholder until the measures land).
enum ComplexityGroup {
  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
  }
}
