/// pymfe's `t1`: the fraction of hyperspheres left after absorbing those inside others.
///
/// On the Gower distances (pymfe 0.4.4 defaults: agglomeration by mass, reference "center"):
/// each point's nearest enemy e(i) (first minimum among other classes) and distance dᵢ; radii
/// by pymfe's recursion (mutual nearest enemies get half their distance, otherwise
/// |dᵢ − r(e(i))|, with rᵢ = 0 while i is being resolved); sphere i holds the points within rᵢ;
/// spheres are visited by decreasing count (ties to the lower index — numpy's `argsort`, not
/// stable, may order equal counts differently), each one still alive absorbing the points it holds.
enum ComplexityHyperspheres {
  static func t1(_ dist: [Float], _ y: [Int], _ n: Int, classCount: Int) -> Double {
    guard classCount > 1, n > 0 else { return .nan }
    var enemyDist = [Double](repeating: .infinity, count: n)
    var enemy = [Int](repeating: -1, count: n)
    for i in 0..<n {
      var best = Float.infinity
      for j in 0..<n where y[j] != y[i] && (enemy[i] < 0 || dist[j * n + i] < best) {
        best = dist[j * n + i]
        enemy[i] = j
      }
      enemyDist[i] = Double(best)
    }
    var radius = [Double](repeating: -1, count: n)
    var stack: [Int] = []
    for start in 0..<n where radius[start] < 0 {
      var cur = start
      var value: Double
      while true {
        if radius[cur] >= 0 {
          value = radius[cur]
          break
        }
        let e = enemy[cur]
        if enemy[e] == cur {
          radius[cur] = 0.5 * enemyDist[cur]
          radius[e] = radius[cur]
          value = radius[cur]
          break
        }
        radius[cur] = 0
        stack.append(cur)
        cur = e
      }
      while let node = stack.popLast() {
        radius[node] = abs(enemyDist[node] - value)
        value = radius[node]
      }
    }
    // within[j][i]: point j inside sphere i (dist ≤ rᵢ); mass = column count.
    var mass = [Int](repeating: 0, count: n)
    for j in 0..<n {
      for i in 0..<n where Double(dist[j * n + i]) <= radius[i] { mass[i] += 1 }
    }
    let order = (0..<n).sorted { mass[$0] > mass[$1] || (mass[$0] == mass[$1] && $0 < $1) }
    var count = [Int](repeating: 1, count: n)
    for i in order where count[i] > 0 {
      var total = 0
      for j in 0..<n where Double(dist[j * n + i]) <= radius[i] {
        total += count[j]
        count[j] = 0
      }
      count[i] = total
    }
    return Double(count.lazy.filter { $0 > 0 }.count) / Double(n)
  }
}
