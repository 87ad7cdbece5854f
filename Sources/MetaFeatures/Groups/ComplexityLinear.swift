import Foundation
import Linalg

/// The linearity measures of pymfe's `complexity` group, one value per class pair (i < j):
/// a ``HingeLinearSVC`` (pymfe's standardised `LinearSVC`) fitted on the rows of classes i and j
/// of N, with class i as the positive label.
/// | pymfe name | definition |
/// |---|---|
/// | `l1` | 1 − 1/(1 + Σ_misclassified |w·z + b| / (nᵢ + nⱼ)) |
/// | `l2` | training error rate |
/// | `l3` | error rate on nᵢ + nⱼ points interpolated within each class (numpy's legacy generator seeded with random_state + pair number + 1, as pymfe) |
enum ComplexityLinear {
  static func extract(_ v: DataViews, seed: Int, into sink: inout FeatureSink) {
    let k = v.classCount
    guard k >= 2 else {
      for name in ["l1", "l2", "l3"] { sink.vector(name, [], reason: "single class: no class pairs") }
      return
    }
    let p = v.numeric.columns
    var l1: [Double] = []
    var l2: [Double] = []
    var l3: [Double] = []
    var pairSeed = seed
    for a in 0..<k {
      for b in (a + 1)..<k {
        // Rows of either class in input order (pymfe's boolean mask), label "is class a".
        var rows: [Int] = []
        var rowsA: [Int] = []
        var rowsB: [Int] = []
        for i in 0..<v.rowCount where v.y[i] == a || v.y[i] == b {
          rows.append(i)
          if v.y[i] == a { rowsA.append(i) } else { rowsB.append(i) }
        }
        let x = gather(v.numeric, rows)
        let positive = rows.map { v.y[$0] == a }
        let svc = HingeLinearSVC(rows: x, p: p, positive: positive, randomState: UInt32(clamping: seed))
        let decisions = svc.decisions(x)
        var errors = 0
        var distance = 0.0
        for (d, pos) in zip(decisions, positive) where (d > 0) != pos {
          errors += 1
          distance += abs(d)
        }
        let total = Double(rows.count)
        l1.append(1 - 1 / (1 + distance / total))
        l2.append(Double(errors) / total)
        // l3: interpolate each class of the pair (class order), predict, count errors.
        pairSeed += 1
        var rng = LegacyNumpyRandom(seed: UInt32(truncatingIfNeeded: pairSeed))
        var wrong = 0
        for (cls, isA) in [(rowsA, true), (rowsB, false)] {
          let points = ComplexityInterpolation.interpolate(gather(v.numeric, cls), rows: cls.count, p: p, rng: &rng)
          for d in svc.decisions(points) where (d > 0) != isA { wrong += 1 }
        }
        l3.append(Double(wrong) / total)
      }
    }
    sink.vector("l1", l1)
    sink.vector("l2", l2)
    sink.vector("l3", l3)
  }

  /// The given rows of a row-major matrix, row-major.
  static func gather(_ m: Matrix<Double>, _ rows: [Int]) -> [Double] {
    let p = m.columns
    var out = [Double](repeating: 0, count: rows.count * p)
    for (k, r) in rows.enumerated() {
      for j in 0..<p { out[k * p + j] = m.storage[r * p + j] }
    }
    return out
  }
}
