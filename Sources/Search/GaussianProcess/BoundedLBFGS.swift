import Foundation

/// A compact limited-memory BFGS minimiser with box constraints by projection (in the spirit
/// of L-BFGS-B, Byrd, Lu, Nocedal & Zhu 1995, without its Cauchy-point subspace step).
///
/// Each iteration fixes the variables at a bound whose gradient points outward, computes the
/// two-loop L-BFGS direction (Nocedal & Wright 2006, Algorithm 7.4) on the free ones, and
/// backtracks along the projected path `P(x + t·d)` until the Armijo condition
/// `f(x⁺) ≤ f(x) + 10⁻⁴·∇f·(x⁺ − x)` holds. An objective that throws counts as `+∞`.
struct BoundedLBFGS {
  /// Number of (s, y) pairs kept.
  var memory = 10
  /// Maximum number of iterations.
  var maxIterations = 100
  /// Stop when the projected gradient's largest component is below this.
  var gradientTolerance = 1e-5
  /// Stop when the relative decrease of f is below this.
  var relativeTolerance = 1e-10

  /// Minimises `objective` over the box `[lower, upper]` from `start`.
  ///
  /// - Parameters:
  ///   - objective: f and ∇f at a point (may throw, treated as +∞).
  ///   - start: the initial point, clamped into the box.
  /// - Returns: the best point found and its value (`+∞` if every evaluation failed).
  func minimize(
    _ objective: ([Double]) throws -> (value: Double, gradient: [Double]),
    start: [Double], lower: [Double], upper: [Double]
  ) -> (point: [Double], value: Double) {
    let n = start.count
    func project(_ x: [Double]) -> [Double] {
      (0..<n).map { Swift.min(Swift.max(x[$0], lower[$0]), upper[$0]) }
    }
    func evaluate(_ x: [Double]) -> (Double, [Double]) {
      guard let r = try? objective(x), r.value.isFinite, r.gradient.allSatisfy(\.isFinite) else {
        return (.infinity, [Double](repeating: 0, count: n))
      }
      return r
    }
    var x = project(start)
    var (f, g) = evaluate(x)
    guard f.isFinite else { return (x, f) }
    var sHistory: [[Double]] = []
    var yHistory: [[Double]] = []
    for iteration in 0..<maxIterations {
      let free = (0..<n).map { i in
        !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0))
      }
      let gFree = (0..<n).map { free[$0] ? g[$0] : 0 }
      if gFree.map(abs).max() ?? 0 < gradientTolerance { break }
      var d = Self.direction(gFree, sHistory, yHistory).enumerated().map { free[$0] ? -$1 : 0 }
      var slope = zip(d, g).reduce(0) { $0 + $1.0 * $1.1 }
      if slope >= 0 {
        d = gFree.map { -$0 }
        slope = zip(d, g).reduce(0) { $0 + $1.0 * $1.1 }
        sHistory.removeAll()
        yHistory.removeAll()
      }
      let norm = d.reduce(0) { $0 + $1 * $1 }.squareRoot()
      var t = iteration == 0 && sHistory.isEmpty ? Swift.min(1, 1 / Swift.max(norm, 1e-12)) : 1
      var accepted: ([Double], Double, [Double])?
      for _ in 0..<40 {
        let xn = project((0..<n).map { x[$0] + t * d[$0] })
        let decrease = zip(g, zip(xn, x)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
        let (fn, gn) = evaluate(xn)
        if fn <= f + 1e-4 * decrease { accepted = (xn, fn, gn); break }
        t *= 0.5
      }
      guard let (xn, fn, gn) = accepted else { break }
      let s = (0..<n).map { xn[$0] - x[$0] }
      let y = (0..<n).map { gn[$0] - g[$0] }
      if zip(s, y).reduce(0, { $0 + $1.0 * $1.1 }) > 1e-10 {
        sHistory.append(s)
        yHistory.append(y)
        if sHistory.count > memory {
          sHistory.removeFirst()
          yHistory.removeFirst()
        }
      }
      let done = f - fn <= relativeTolerance * Swift.max(abs(f), abs(fn), 1)
      (x, f, g) = (xn, fn, gn)
      if done { break }
    }
    return (x, f)
  }

  /// The L-BFGS two-loop recursion: an approximation of `H⁻¹·q`.
  private static func direction(_ q0: [Double], _ s: [[Double]], _ y: [[Double]]) -> [Double] {
    var q = q0
    let m = s.count
    guard m > 0 else { return q }
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    var alphas = [Double](repeating: 0, count: m)
    for i in stride(from: m - 1, through: 0, by: -1) {
      let rho = 1 / dot(y[i], s[i])
      alphas[i] = rho * dot(s[i], q)
      for k in q.indices { q[k] -= alphas[i] * y[i][k] }
    }
    let gamma = dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1])
    for k in q.indices { q[k] *= gamma }
    for i in 0..<m {
      let rho = 1 / dot(y[i], s[i])
      let beta = rho * dot(y[i], q)
      for k in q.indices { q[k] += s[i][k] * (alphas[i] - beta) }
    }
    return q
  }
}
