import Foundation
import Linalg

/// The product kernel density estimate of BOHB's model (Falkner, Klein & Hutter 2018, §3.2;
/// HpBandSter's `CG_BOHB` over statsmodels' `KDEMultivariate`).
///
/// Rows hold one number per parameter: the position in [0, 1] of a numeric value (log scale
/// for log parameters, see ``SearchSpace/encode(_:)``), the index of a categorical choice.
/// Bandwidths follow statsmodels' `normal_reference` rule, `h_j = 1.06·s_j·n^(−1/(4+d))` with
/// `s_j` the sample standard deviation (ddof 1), clipped below at `minBandwidth`. Kernels:
/// Gaussian `φ((x − x_i)/h)/h` for numeric columns (not truncated, as statsmodels);
/// Aitchison–Aitken for categoricals with c choices: `1 − λ` on the same choice, `λ/(c − 1)`
/// otherwise, with λ = h clipped to at most 1 so the density stays non-negative.
struct BOHBKernelDensity: Sendable {
  /// The rows the estimate is built on (no NaN).
  let data: [[Double]]
  /// 0 for a numeric column, the number of choices for a categorical one.
  let kinds: [Int]
  /// One bandwidth per column.
  let bandwidths: [Double]

  init(data: [[Double]], kinds: [Int], minBandwidth: Double) {
    self.data = data
    self.kinds = kinds
    let (n, d) = (Double(data.count), kinds.count)
    bandwidths = (0..<d).map { j in
      let column = data.map { $0[j] }
      let mean = column.reduce(0, +) / n
      let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Swift.max(n - 1, 1)
      let h = 1.06 * variance.squareRoot() * pow(n, -1 / (4 + Double(d)))
      return Swift.max(h.isFinite ? h : minBandwidth, minBandwidth)
    }
  }

  /// The density at `x`: the mean over rows of the product of the column kernels.
  func pdf(_ x: [Double]) -> Double {
    var total = 0.0
    for row in data {
      var product = 1.0
      for j in kinds.indices {
        let h = bandwidths[j]
        if kinds[j] == 0 {
          let z = (x[j] - row[j]) / h
          product *= exp(-0.5 * z * z) / ((2 * Double.pi).squareRoot() * h)
        } else {
          let lambda = Swift.min(h, 1)
          product *= x[j] == row[j] ? 1 - lambda : lambda / Double(Swift.max(kinds[j] - 1, 1))
        }
      }
      total += product
    }
    return data.isEmpty ? 0 : total / Double(data.count)
  }

  /// HpBandSter's `impute_conditional_data`: each NaN (inactive) entry of a row takes the
  /// value of a random other row where that column is active, else a uniform draw.
  static func impute(_ rows: [[Double]], kinds: [Int], using generator: inout SeededGenerator) -> [[Double]] {
    var out = rows
    for i in out.indices {
      while let j = out[i].firstIndex(where: \.isNaN) {
        let donors = rows.indices.filter { !rows[$0][j].isNaN }
        if donors.isEmpty {
          out[i][j] = kinds[j] == 0 ? generator.uniform() : Double(generator.integer(below: kinds[j]))
        } else {
          let donor = rows[donors[generator.integer(below: donors.count)]]
          for k in out[i].indices where out[i][k].isNaN && !donor[k].isNaN { out[i][k] = donor[k] }
        }
      }
    }
    return out
  }
}

extension SearchSpace {
  /// 0 for each numeric parameter, the number of choices for each categorical (BOHB's `vartypes`).
  var kernelKinds: [Int] {
    parameters.map { p in
      if case .categorical(let c) = p.domain { return c.count }
      return 0
    }
  }

  /// One number per parameter: the unit position of a numeric value, the choice index of a
  /// categorical, NaN when inactive.
  func kernelVector(_ config: Configuration) -> [Double] {
    parameters.map { p in
      guard let v = config[p.name] else { return .nan }
      if case .categorical(let choices) = p.domain {
        guard case .categorical(let s) = v, let i = choices.firstIndex(of: s) else { return .nan }
        return Double(i)
      }
      return p.unit(of: v)
    }
  }

  /// The configuration of a kernel vector: parameters in declaration order, inactive ones left
  /// out, numeric values mapped back from [0, 1] (rounded to their grid), indices to choices.
  func configuration(kernelVector x: [Double]) -> Configuration {
    var config = Configuration()
    for (j, p) in parameters.enumerated() where isActive(p, in: config) {
      if case .categorical(let choices) = p.domain {
        let i = x[j].isNaN ? 0 : Int(x[j].rounded())
        config[p.name] = .categorical(choices[Swift.min(Swift.max(i, 0), choices.count - 1)])
      } else {
        config[p.name] = p.value(atUnit: x[j])
      }
    }
    return config
  }
}
