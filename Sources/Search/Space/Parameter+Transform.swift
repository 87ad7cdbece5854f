import Foundation
import Linalg

extension Parameter {
  /// The number of grid values of a stepped float or an int (nil for continuous floats and categoricals).
  var gridCount: Int? {
    switch domain {
    case .float(let lo, let hi, _, let step?):
      return Int(((hi - lo) / step).rounded()) + 1
    case .int(let lo, let hi, _, let step):
      return (hi - lo) / step + 1
    default:
      return nil
    }
  }

  /// The position of a value in [0, 1].
  ///
  /// Numeric domains give `(x − low)/(high − low)`, on the log scale for log parameters, and 0
  /// when `low == high`; categoricals give the choice's index / (k − 1) (0 for a single
  /// choice). Values of the wrong kind give 0.
  func unit(of value: ParameterValue) -> Double {
    switch domain {
    case .float(let lo, let hi, let log, _):
      return Self.unit(value.doubleValue ?? lo, lo, hi, log)
    case .int(let lo, let hi, let log, _):
      return Self.unit(value.doubleValue ?? Double(lo), Double(lo), Double(hi), log)
    case .categorical(let choices):
      guard case .categorical(let s) = value, let i = choices.firstIndex(of: s), choices.count > 1
      else { return 0 }
      return Double(i) / Double(choices.count - 1)
    }
  }

  private static func unit(_ x: Double, _ lo: Double, _ hi: Double, _ log: Bool) -> Double {
    guard hi > lo else { return 0 }
    let u =
      log
      ? (Foundation.log(x) - Foundation.log(lo)) / (Foundation.log(hi) - Foundation.log(lo))
      : (x - lo) / (hi - lo)
    return Swift.min(Swift.max(u, 0), 1)
  }

  /// The value at position `u` ∈ [0, 1] of the domain.
  ///
  /// Numeric domains map back linearly (on the log scale for log parameters), rounded to the
  /// step or integer grid and clamped into the domain. Categoricals give the choice at index
  /// ⌊u·k⌋ (clamped).
  func value(atUnit u: Double) -> ParameterValue {
    let u = Swift.min(Swift.max(u.isNaN ? 0 : u, 0), 1)
    switch domain {
    case .float(let lo, let hi, let log, let step):
      var x =
        log
        ? Foundation.exp(Foundation.log(lo) + u * (Foundation.log(hi) - Foundation.log(lo)))
        : lo + u * (hi - lo)
      if let step { x = lo + ((x - lo) / step).rounded() * step }
      return .float(Swift.min(Swift.max(x, lo), hi))
    case .int(let lo, let hi, let log, let step):
      let (l, h) = (Double(lo), Double(hi))
      let x =
        log
        ? Foundation.exp(Foundation.log(l) + u * (Foundation.log(h) - Foundation.log(l)))
        : l + u * (h - l)
      let k = ((x - l) / Double(step)).rounded()
      return .int(Swift.min(Swift.max(lo + Int(k) * step, lo), hi))
    case .categorical(let choices):
      return .categorical(choices[Swift.min(Int(u * Double(choices.count)), choices.count - 1)])
    }
  }

  /// The centre of the domain: the arithmetic (or, for log scales, geometric) midpoint rounded
  /// onto the grid, or the first choice of a categorical.
  public var centre: ParameterValue {
    if case .categorical(let choices) = domain { return .categorical(choices[0]) }
    return value(atUnit: 0.5)
  }

  /// A uniform draw from the domain: uniform (log-uniform for log parameters) for floats,
  /// uniform over the grid for stepped floats and ints (log-uniform over [low − ½, high + ½] and
  /// rounded for log ints, as Optuna), uniform over the choices for categoricals.
  func sample(using generator: inout SeededGenerator) -> ParameterValue {
    switch domain {
    case .float(let lo, let hi, let log, let step):
      if let step, let n = gridCount {
        return .float(Swift.min(lo + Double(generator.integer(below: n)) * step, hi))
      }
      if log {
        return .float(
          Swift.min(
            Swift.max(
              Foundation.exp(generator.uniform(Foundation.log(lo), Foundation.log(hi))), lo), hi))
      }
      return .float(generator.uniform(lo, hi))
    case .int(let lo, let hi, let log, let step):
      if log {
        let x = Foundation.exp(
          generator.uniform(Foundation.log(Double(lo) - 0.5), Foundation.log(Double(hi) + 0.5)))
        return .int(Swift.min(Swift.max(Int(x.rounded()), lo), hi))
      }
      return .int(lo + generator.integer(below: (hi - lo) / step + 1) * step)
    case .categorical(let choices):
      return .categorical(choices[generator.integer(below: choices.count)])
    }
  }
}
