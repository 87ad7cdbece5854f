/// The benchmark's method names: the meta-methods (``MetaSHMethod``, ``ZeroShotMethod``,
/// ``NearestTasksMethod``, built on `MetaLearning`) and the baselines. Any other type conforming
/// to ``BenchmarkMethod`` plugs into ``LeaveOneTaskOut`` too.
public enum BenchmarkMethods {
  /// The meta-methods, in report order.
  public static let metaNames = ["meta_sh", "zero_shot", "nearest_tasks"]
  /// The baselines, in report order.
  public static let baselineNames = ["random", "grid", "sh", "hyperband", "tpe", "gp"]
  /// Every method name, in report order.
  public static let allNames = metaNames + baselineNames

  /// The method of a name.
  ///
  /// - Throws: `ExperimentsError.unknownMethod` for an unknown name or a meta-method not
  ///   available in this build, listing the available ones.
  public static func method(named name: String) throws(ExperimentsError) -> any BenchmarkMethod {
    switch name {
    case "meta_sh": return MetaSHMethod()
    case "zero_shot": return ZeroShotMethod()
    case "nearest_tasks": return NearestTasksMethod()
    case "random": return RandomSearchMethod()
    case "grid": return GridSearchMethod()
    case "sh": return HalvingMethod(.successiveHalving)
    case "hyperband": return HalvingMethod(.hyperband)
    case "tpe": return SamplerMethod(.tpe)
    case "gp": return SamplerMethod(.gp)
    default: throw .unknownMethod(name, available: allNames)
    }
  }
}
