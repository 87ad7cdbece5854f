/// A tree's active rows sorted once per feature, kept sorted within every node by stable
/// partitions at each split (scikit-learn's former `presort=True`, without its per-node pass over
/// all rows).
///
/// Feature `f`'s list is `entries[f · m ..< (f + 1) · m]` for `m` active rows: (value, row,
/// label) triples. A node that owns `samples[start..<end]` owns positions `start..<end` of every
/// list it may examine, holding its rows in ascending order of that feature, so the best splitter
/// scans them in place instead of gathering and sorting. Lists of features that will not be
/// examined below a node (constant there) are left stale. Rows of equal value keep no particular
/// order; the split search adds their weights in list order, which changes nothing for unit or
/// integer weights (row counts, bootstrap counts).
final class PresortedSamples {
  let activeCount: Int
  let featureCount: Int
  let entries: UnsafeMutablePointer<SortPair>
  /// Whether each feature is constant (within `TreeBuilder.featureTolerance`) over all active rows.
  let constant: UnsafeMutablePointer<Bool>
  /// Each feature's number of distinct values over all active rows: a bound on the runs of
  /// values (within the tolerance) in any node's part of its list, since a node's rows are a
  /// subset and each run holds at least one distinct value.
  let distinct: UnsafeMutablePointer<Int>
  /// Per row: 1 if it goes to the left child of the split being applied.
  private let goesLeft: UnsafeMutablePointer<UInt8>
  private let scratch: UnsafeMutablePointer<SortPair>

  /// Sorts each feature's active rows.
  ///
  /// - Parameters:
  ///   - columns: column-major features, `rowCount` values per feature.
  ///   - labels: per-row class labels, or `nil` (regression: labels stored as 0).
  ///   - samples: the `activeCount` active rows.
  /// - Complexity: O(m) per feature whose values are small integers (counting sort) or `Float`s
  ///   (radix sort), else O(m log m).
  init(
    columns: UnsafePointer<Double>, rowCount: Int, featureCount: Int, labels: UnsafePointer<Int32>?,
    samples: UnsafePointer<Int32>, activeCount: Int, order presort: (order: FeatureOrder, local: [Int32])? = nil
  ) {
    self.activeCount = activeCount
    self.featureCount = featureCount
    entries = .allocate(capacity: featureCount * activeCount)
    constant = .allocate(capacity: featureCount)
    distinct = .allocate(capacity: featureCount)
    goesLeft = .allocate(capacity: rowCount)
    scratch = .allocate(capacity: activeCount)
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * activeCount)
    let histogram = UnsafeMutablePointer<Int>.allocate(capacity: Self.countingRange)
    let order = UnsafeMutablePointer<Int32>.allocate(capacity: activeCount + 1)  // + 1: the filter's spare write
    defer {
      keys.deallocate()
      histogram.deallocate()
      order.deallocate()
    }
    for f in 0..<featureCount {
      let column = columns + f * rowCount
      var low = Double.infinity
      var high = -Double.infinity
      var notSingle = false
      for i in 0..<activeCount {
        let value = column[Int(samples[i])]
        low = min(low, value)
        high = max(high, value)
        notSingle = notSingle || Double(Float(value)) != value
      }
      constant[f] = high <= low + TreeBuilder.featureTolerance
      if constant[f] {
        // Never examined: any order will do.
        order.update(from: samples, count: activeCount)
      } else if let presort, presort.order.featureCount == featureCount {
        // Every row active: the larger matrix's order, kept to this data's rows.
        let n = presort.order.rowCount
        presort.order.rows.withUnsafeBufferPointer { global in
          presort.local.withUnsafeBufferPointer { local in
            var i = 0
            for g in global[(f * n)..<((f + 1) * n)] {
              let l = local[Int(g)]
              order[i] = l
              i &+= l >= 0 ? 1 : 0
            }
          }
        }
      } else if high - low < Double(Self.countingRange) && low > -0x1p31 && high < 0x1p31,
        Self.countingSort(
          column: column, low: low, range: Int(high - low) + 1, samples: samples, count: activeCount,
          counts: histogram, buckets: UnsafeMutableRawPointer(keys).assumingMemoryBound(to: Int32.self), into: order)
      {
      } else if !notSingle {
        for i in 0..<activeCount {
          let s = samples[i]
          keys[i] = UInt64(sortableBits(Float(column[Int(s)]))) << 32 | UInt64(UInt32(bitPattern: s))
        }
        sortByHighHalf(keys, count: activeCount, scratch: keys + activeCount, histogram: histogram)
        for i in 0..<activeCount { order[i] = Int32(truncatingIfNeeded: keys[i]) }
      } else {
        let pairs = entries + f * activeCount
        for i in 0..<activeCount {
          let s = samples[i]
          pairs[i] = SortPair(value: column[Int(s)], sample: s)
        }
        sortPairs(pairs, count: activeCount)
        for i in 0..<activeCount { order[i] = pairs[i].sample }
      }
      let list = entries + f * activeCount
      var values = 0
      for i in 0..<activeCount {
        let s = order[i]
        list[i] = SortPair(value: column[Int(s)], sample: s, label: labels?[Int(s)] ?? 0)
        values &+= i == 0 || list[i].value != list[i - 1].value ? 1 : 0
      }
      distinct[f] = values
    }
  }

  deinit {
    entries.deallocate()
    constant.deallocate()
    distinct.deallocate()
    goesLeft.deallocate()
    scratch.deallocate()
  }

  /// Integer-valued features spanning fewer values than this are counting-sorted.
  private static let countingRange = 1024
  /// 1.5 · 2⁵²: for |v| < 2³¹, `v + shift` rounds `v` to an integer held in the low mantissa bits.
  private static let roundingShift = 0x1.8p52

  /// Writes `samples[0..<count]` to `list` in ascending order of their values in `column`
  /// (all in `low ..< low + range`, |values| < 2³¹) by counting sort; returns `false`, having
  /// written nothing to `list`, if a value is not an integer.
  private static func countingSort(
    column: UnsafePointer<Double>, low: Double, range: Int, samples: UnsafePointer<Int32>, count: Int,
    counts: UnsafeMutablePointer<Int>, buckets: UnsafeMutablePointer<Int32>, into list: UnsafeMutablePointer<Int32>
  ) -> Bool {
    let base = Int32(truncatingIfNeeded: (low + roundingShift).bitPattern)
    var fractional = false
    for i in 0..<count {
      let value = column[Int(samples[i])]
      let shifted = value + roundingShift
      fractional = fractional || shifted - roundingShift != value
      buckets[i] = Int32(truncatingIfNeeded: shifted.bitPattern) &- base
    }
    if fractional { return false }
    counts.update(repeating: 0, count: range)
    for i in 0..<count { counts[Int(buckets[i])] &+= 1 }
    var offset = 0
    for b in 0..<range {
      let c = counts[b]
      counts[b] = offset
      offset &+= c
    }
    for i in 0..<count {
      let b = Int(buckets[i])
      list[counts[b]] = samples[i]
      counts[b] &+= 1
    }
    return true
  }

  /// Whether `feature` is constant (within tolerance) over the node's rows at `start..<end`.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  func isConstant(_ feature: Int, start: Int, end: Int) -> Bool {
    if constant[feature] { return true }
    let list = entries + feature * activeCount
    return list[end - 1].value <= list[start].value + TreeBuilder.featureTolerance
  }

  /// The node's rows at `start..<end` in ascending order of `feature`, with their values and labels.
  @inline(__always)
  func rows(_ feature: Int, start: Int) -> UnsafePointer<SortPair> {
    UnsafePointer(entries + feature * activeCount + start)
  }

  /// Partitions the node's rows by `feature <= threshold` by copying them from that feature's
  /// list: afterwards `samples[start..<end]` holds them in ascending order of `feature`, the rows at
  /// or below the threshold first; returns the boundary. The same two sets of rows as
  /// `TreeBuilder.partition`, in another order within each (which only changes sums of weights
  /// that are not whole numbers).
  ///
  /// - Precondition: `feature` is not constant over all rows and its list is current for the node.
  /// - Complexity: O(m) sequential for `m` = end − start.
  func partition(samples: UnsafeMutablePointer<Int32>, start: Int, end: Int, feature: Int, threshold: Double) -> Int {
    let list = entries + feature * activeCount
    var boundary = start
    for i in start..<end {
      let e = list[i]
      samples[i] = e.sample
      boundary &+= e.value <= threshold ? 1 : 0
    }
    return boundary
  }

  /// Applies a split of the node at `start..<end` to the lists of `features` (skipping features
  /// constant over all rows): afterwards positions `start..<boundary` hold the left child's rows and
  /// `boundary..<end` the right child's, each still sorted.
  ///
  /// The list of `splitFeature` (when the split is a threshold on that feature; −1 for none) is
  /// left as it is: sorted by that feature, its left rows (values at or below the threshold)
  /// already come first, in the order a stable partition would keep.
  ///
  /// - Parameter samples: the builder's row array, already partitioned (left rows at `start..<boundary`).
  /// - Complexity: O(m) per feature for `m` = end − start.
  func split(
    start: Int, boundary: Int, end: Int, samples: UnsafePointer<Int32>, features: UnsafeBufferPointer<Int>,
    splitFeature: Int = -1
  ) {
    for i in start..<boundary { goesLeft[Int(samples[i])] = 1 }
    for i in boundary..<end { goesLeft[Int(samples[i])] = 0 }
    // Entries move as whole 16-byte words (one load, two stores each) rather than field by
    // field; the row is the low half of the second word (`SortPair`'s layout, checked below).
    assert(MemoryLayout<SortPair>.stride == 16 && MemoryLayout<SortPair>.offset(of: \.sample) == 8)
    let words = UnsafeMutableRawPointer(scratch)
    for f in features where !constant[f] && f != splitFeature {
      let list = UnsafeMutableRawPointer(entries + f * activeCount)
      var left = start
      var right = 0
      for i in start..<end {
        let e = list.loadUnaligned(fromByteOffset: 16 &* i, as: SIMD2<UInt64>.self)
        let g = Int(goesLeft[Int(UInt32(truncatingIfNeeded: e[1]))])
        list.storeBytes(of: e, toByteOffset: 16 &* left, as: SIMD2<UInt64>.self)
        words.storeBytes(of: e, toByteOffset: 16 &* right, as: SIMD2<UInt64>.self)
        left &+= g
        right &+= 1 &- g
      }
      (entries + f * activeCount + left).update(from: scratch, count: right)
    }
  }
}
