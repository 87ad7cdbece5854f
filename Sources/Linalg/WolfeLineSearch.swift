/// A line search for a step `a > 0` along a descent direction `d` meeting the strong Wolfe
/// conditions (Nocedal & Wright 2006, Algorithms 3.5 and 3.6):
/// ```
/// φ(a) ≤ φ(0) + c₁·a·φ'(0)        (sufficient decrease, c₁ = 1e-3 as scipy's L-BFGS-B)
/// |φ'(a)| ≤ c₂·|φ'(0)|            (curvature, c₂ = 0.9)
/// ```
/// with `φ(a) = f(x + a·d)`. The bracketing phase doubles the step; the zoom phase takes the
/// minimiser of the cubic through both ends, safeguarded to the middle 80 % of the bracket.
struct WolfeLineSearch {
  let maxSteps: Int
  let c1 = 1e-3
  let c2 = 0.9

  /// An accepted point (or `nil` when none was found) and the evaluations spent.
  struct Outcome {
    var point: (x: [Double], f: Double, g: [Double])?
    var evaluations: Int
  }

  private struct Trial {
    var a: Double
    var f: Double
    var slope: Double
  }

  /// Searches along `d` from `x`, where `f` is the value and `slope = ∇f·d < 0`.
  func search<E: Error>(
    x: [Double], f: Double, slope: Double, direction d: [Double], initialStep: Double,
    objective: (_ x: [Double]) throws(E) -> (value: Double, gradient: [Double])
  ) throws(E) -> Outcome {
    var evaluations = 0
    var last: (x: [Double], f: Double, g: [Double])?
    func evaluate(_ a: Double) throws(E) -> Trial {
      var point = x
      SequentialVector.axpy(a, d, &point)
      let (value, gradient) = try objective(point)
      evaluations += 1
      last = (point, value, gradient)
      return Trial(a: a, f: value, slope: SequentialVector.dot(gradient, d))
    }
    func sufficient(_ t: Trial) -> Bool { t.f.isFinite && t.f <= f + c1 * t.a * slope }
    func curvature(_ t: Trial) -> Bool { abs(t.slope) <= -c2 * slope }

    var previous = Trial(a: 0, f: f, slope: slope)
    var a = initialStep
    var lo: Trial
    var hi: Trial
    while true {
      guard evaluations < maxSteps else { return Outcome(point: nil, evaluations: evaluations) }
      let t = try evaluate(a)
      if !sufficient(t) || (previous.a > 0 && t.f >= previous.f) {
        (lo, hi) = (previous, t)
        break
      }
      if curvature(t) { return Outcome(point: last, evaluations: evaluations) }
      if t.slope >= 0 {
        (lo, hi) = (t, previous)
        break
      }
      previous = t
      a *= 2
    }
    while evaluations < maxSteps {
      let width = hi.a - lo.a
      var a = cubicMinimiser(lo, hi)
      let (left, right) = (min(lo.a, hi.a), max(lo.a, hi.a))
      let margin = 0.1 * abs(width)
      if !a.isFinite || a < left + margin || a > right - margin { a = lo.a + width / 2 }
      if abs(width) < 1e-16 * max(1, abs(lo.a)) { break }
      let t = try evaluate(a)
      if !sufficient(t) || t.f >= lo.f {
        hi = t
      } else {
        if curvature(t) { return Outcome(point: last, evaluations: evaluations) }
        if t.slope * (hi.a - lo.a) >= 0 { hi = lo }
        lo = t
      }
    }
    // No Wolfe point: accept the best sufficient-decrease point if it improves f.
    if lo.a > 0 && lo.f < f {
      var point = x
      SequentialVector.axpy(lo.a, d, &point)
      let (value, gradient) = try objective(point)
      return Outcome(point: (point, value, gradient), evaluations: evaluations + 1)
    }
    return Outcome(point: nil, evaluations: evaluations)
  }

  /// The minimiser of the cubic interpolating `φ` and `φ'` at both trials
  /// (Nocedal & Wright 2006, eq. 3.59); NaN when it does not exist.
  private func cubicMinimiser(_ p: Trial, _ q: Trial) -> Double {
    let d1 = p.slope + q.slope - 3 * (p.f - q.f) / (p.a - q.a)
    let radicand = d1 * d1 - p.slope * q.slope
    guard radicand >= 0 else { return .nan }
    let d2 = (q.a > p.a ? 1.0 : -1.0) * radicand.squareRoot()
    return q.a - (q.a - p.a) * (q.slope + d2 - d1) / (q.slope - p.slope + 2 * d2)
  }
}
