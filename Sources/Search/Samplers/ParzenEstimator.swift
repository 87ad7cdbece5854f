import Foundation
import Linalg

/// Optuna's settings of a Parzen estimator.
struct ParzenSettings: Sendable, Hashable {
  var priorWeight = 1.0
  var magicClip = true
  var considerEndpoints = false
}

/// A mixture of product kernels over one or more parameters (TPE's l(x) or g(x); Optuna's
/// `_ParzenEstimator`).
///
/// Kernel i < n sits on observation i with weight w_i; kernel n is the prior (centre of the
/// domain, width = the domain) with weight `priorWeight`; weights are normalised. Numeric
/// parameters use normal kernels truncated to the domain in the internal space (log for log
/// parameters; widened by step/2 on each side for ints and stepped floats, whose kernels are
/// discretised onto the grid). Bandwidths follow Optuna 5.0.0 for the univariate and the
/// multivariate estimator alike: the larger distance to a neighbour among the sorted
/// observations and the domain ends (the two extreme kernels use their inner gap only:
/// `consider_endpoints=False`), clipped to `[(high − low)/min(100, n + 2), high − low]` (the
/// "magic clip"). Categoricals: kernel i puts `priorWeight/(n+1)` on every choice plus 1 on its
/// observed choice, normalised per kernel. Checked against Optuna's `log_pdf` by
/// `scripts/optuna_parzen_fixture.py`.
struct ParzenEstimator {
  private enum Component {
    /// `logNormalisers[k]` = log σ_k + log(Φ((high−μ_k)/σ_k) − Φ((low−μ_k)/σ_k)): each kernel's
    /// truncation constant, computed once instead of per evaluated point.
    case numeric(
      mus: [Double], sigmas: [Double], low: Double, high: Double, parameter: Parameter,
      logSigmas: [Double], logMasses: [Double])
    case categorical(logProbabilities: [[Double]])
  }

  private let logWeights: [Double]
  private let cumulativeWeights: [Double]
  private let components: [Component]

  /// - Parameters:
  ///   - observations: n rows, one value per parameter: the raw value of numeric parameters,
  ///     the choice index of categoricals.
  ///   - parameters: the parameters of the rows' columns.
  ///   - weights: n non-negative observation weights.
  init(
    observations: [[Double]], parameters: [Parameter], weights: [Double], settings: ParzenSettings
  ) {
    let n = observations.count
    var w = n == 0 ? [1.0] : weights + [settings.priorWeight]
    let total = w.reduce(0, +)
    w = w.map { $0 / total }
    logWeights = w.map { Foundation.log($0) }
    var cumulative: [Double] = []
    var acc = 0.0
    for x in w {
      acc += x
      cumulative.append(acc)
    }
    cumulativeWeights = cumulative
    components = parameters.enumerated().map { j, p in
      Self.component(
        observations.map { $0[j] }, p, settings: settings)
    }
  }

  private static func component(
    _ obs: [Double], _ p: Parameter, settings: ParzenSettings
  ) -> Component {
    if case .categorical(let choices) = p.domain {
      let k = choices.count
      guard !obs.isEmpty else {
        return .categorical(logProbabilities: [
          [Double](repeating: -Foundation.log(Double(k)), count: k)
        ])
      }
      let kernels = obs.count + 1
      var rows: [[Double]] = []
      for i in 0..<kernels {
        var row = [Double](repeating: settings.priorWeight / Double(kernels), count: k)
        if i < obs.count { row[Swift.min(Swift.max(Int(obs[i]), 0), k - 1)] += 1 }
        let s = row.reduce(0, +)
        rows.append(row.map { Foundation.log($0 / s) })
      }
      return .categorical(logProbabilities: rows)
    }
    let (low, high, log) = internalBounds(p)
    let mus = obs.map { log ? Foundation.log($0) : $0 }
    let width = high - low
    let n = mus.count
    // Optuna 5.0: each kernel's bandwidth is the larger gap to its neighbours among the sorted
    // observations and the domain ends (the prior takes no part, and the multivariate estimator
    // uses the same rule per dimension).
    let order: [Int] = mus.indices.sorted { (i: Int, j: Int) -> Bool in
      mus[i] != mus[j] ? mus[i] < mus[j] : i < j
    }
    var ext: [Double] = [low]
    for i in order { ext.append(mus[i]) }
    ext.append(high)
    var sortedSigmas = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let left: Double = ext[i + 1] - ext[i]
      let right: Double = ext[i + 2] - ext[i + 1]
      sortedSigmas[i] = Swift.max(left, right)
    }
    if !settings.considerEndpoints, ext.count >= 4 {
      sortedSigmas[0] = ext[2] - ext[1]
      sortedSigmas[n - 1] = ext[n] - ext[n - 1]
    }
    var sigmas = [Double](repeating: 0, count: n)
    for (rank, i) in order.enumerated() { sigmas[i] = sortedSigmas[rank] }
    let maxSigma = width
    let minSigma = settings.magicClip ? width / Swift.min(100, 1 + Double(n + 1)) : 1e-12
    sigmas = sigmas.map { Swift.min(Swift.max($0, minSigma), maxSigma) }
    // A domain of one point gets unit kernels; every density there is the same.
    let safe = width > 0 ? sigmas + [width] : [Double](repeating: 1, count: n + 1)
    let allMus = mus + [0.5 * (low + high)]
    let logMasses = zip(allMus, safe).map { mu, sigma in
      TruncatedNormal.logMass((low - mu) / sigma, (high - mu) / sigma)
    }
    return .numeric(
      mus: allMus, sigmas: safe, low: low, high: high, parameter: p,
      logSigmas: safe.map { Foundation.log($0) }, logMasses: logMasses)
  }

  /// The kernels' domain in the internal space: [low, high], widened by step/2 for grids, logged for log scales.
  static func internalBounds(_ p: Parameter) -> (low: Double, high: Double, log: Bool) {
    var lo: Double
    var hi: Double
    var log: Bool
    switch p.domain {
    case .float(let l, let h, let lg, let step):
      (lo, hi, log) = (l - (step ?? 0) / 2, h + (step ?? 0) / 2, lg)
    case .int(let l, let h, let lg, let step):
      (lo, hi, log) = (Double(l) - Double(step) / 2, Double(h) + Double(step) / 2, lg)
    case .categorical(let c):
      (lo, hi, log) = (0, Double(c.count - 1), false)
    }
    if log { (lo, hi) = (Foundation.log(lo), Foundation.log(hi)) }
    return (lo, hi, log)
  }

  /// `count` draws, each a row of raw values (numeric) or choice indices (categorical).
  func sample(count: Int, using generator: inout SeededGenerator) -> [[Double]] {
    (0..<count).map { _ in
      let u = generator.uniform()
      let k = cumulativeWeights.firstIndex { u < $0 } ?? (cumulativeWeights.count - 1)
      return components.map { c in
        switch c {
        case .categorical(let rows):
          let row = rows[Swift.min(k, rows.count - 1)]
          let v = generator.uniform()
          var acc = 0.0
          for (i, lp) in row.enumerated() {
            acc += Foundation.exp(lp)
            if v < acc { return Double(i) }
          }
          return Double(row.count - 1)
        case .numeric(let mus, let sigmas, let low, let high, let p, _, _):
          let x = TruncatedNormal.sample(
            mu: mus[k], sigma: sigmas[k], low: low, high: high, using: &generator)
          return Self.rawValue(internal: x, p)
        }
      }
    }
  }

  /// The raw value for an internal one: exp for log scales, rounded onto the grid and clamped.
  static func rawValue(internal x: Double, _ p: Parameter) -> Double {
    switch p.domain {
    case .float(let l, let h, let log, let step):
      var v = log ? Foundation.exp(x) : x
      if let step { v = l + ((v - l) / step).rounded() * step }
      return Swift.min(Swift.max(v, l), h)
    case .int(let l, let h, let log, let step):
      let v = log ? Foundation.exp(x) : x
      let k = ((v - Double(l)) / Double(step)).rounded()
      return Swift.min(Swift.max(Double(l) + k * Double(step), Double(l)), Double(h))
    case .categorical:
      return x
    }
  }

  /// log of the mixture density at `row`: density in the internal (log) space for continuous
  /// parameters, as Optuna (no Jacobian), probability mass for grids and categoricals.
  func logPDF(_ row: [Double]) -> Double {
    var terms = logWeights
    for (j, c) in components.enumerated() {
      switch c {
      case .categorical(let rows):
        let i = Int(row[j])
        for k in terms.indices { terms[k] += rows[Swift.min(k, rows.count - 1)][i] }
      case .numeric(let mus, let sigmas, let low, let high, let p, let logSigmas, let logMasses):
        guard high > low else { continue }
        let step: Double?
        var log = false
        switch p.domain {
        case .float(_, _, let lg, let s): (step, log) = (s, lg)
        case .int(_, _, let lg, let s): (step, log) = (Double(s), lg)
        case .categorical: (step, log) = (nil, false)
        }
        let v = row[j]
        if let step {
          // The mass of the grid cell [v − step/2, v + step/2] (in the internal space), clipped.
          let a = Swift.max(log ? Foundation.log(v - step / 2) : v - step / 2, low)
          let b = Swift.min(log ? Foundation.log(v + step / 2) : v + step / 2, high)
          for k in terms.indices {
            terms[k] +=
              b > a
              ? TruncatedNormal.logMass((a - mus[k]) / sigmas[k], (b - mus[k]) / sigmas[k]) - logMasses[k]
              : -.infinity
          }
        } else {
          let x = log ? Foundation.log(v) : v
          let inside = x >= low && x <= high
          for k in terms.indices {
            terms[k] +=
              inside
              ? TruncatedNormal.logPhi((x - mus[k]) / sigmas[k]) - logSigmas[k] - logMasses[k] : -.infinity
          }
        }
      }
    }
    let m = terms.max() ?? -.infinity
    guard m.isFinite else { return m }
    return m + Foundation.log(terms.reduce(0) { $0 + Foundation.exp($1 - m) })
  }
}
