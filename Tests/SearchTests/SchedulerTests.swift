import Testing

@testable import Search

@Suite struct SchedulerTests {
  static func table(_ hb: Hyperband) -> [[[Double]]] {
    hb.brackets.map { b in b.rungs.map { [Double($0.configurations), $0.resource] } }
  }
}

// MARK: - Hyperband

extension SchedulerTests {
  @Test func hyperbandBracketsMatchLiEtAl2018Table() throws {
    // Li et al. 2018, Table 1 (R = 81, η = 3): (n_i, r_i) for s = 4 … 0.
    let paper: [[[Double]]] = [
      [[81, 1], [27, 3], [9, 9], [3, 27], [1, 81]],
      [[34, 3], [11, 9], [3, 27], [1, 81]],
      [[15, 9], [5, 27], [1, 81]],
      [[8, 27], [2, 81]],
      [[5, 81]],
    ]
    let hb = try Hyperband(minResource: 1, maxResource: 81, reductionFactor: 3)
    #expect(hb.maxStage == 4)
    #expect(Self.table(hb) == paper)
    #expect(hb.brackets.map(\.s) == [4, 3, 2, 1, 0])
  }

  @Test func hyperbandHpBandSterRoundingMatchesItsCode() throws {
    // HpBandSter/DEHB: n0 = ⌊(s_max+1)/(s+1)⌋·η^s, n_i = max(⌊n0·η^−i⌋, 1).
    let hpbandster: [[[Double]]] = [
      [[81, 1], [27, 3], [9, 9], [3, 27], [1, 81]],
      [[27, 3], [9, 9], [3, 27], [1, 81]],
      [[9, 9], [3, 27], [1, 81]],
      [[6, 27], [2, 81]],
      [[5, 81]],
    ]
    let hb = try Hyperband(
      minResource: 1, maxResource: 81, reductionFactor: 3, rounding: .hpBandSter)
    #expect(Self.table(hb) == hpbandster)
  }

  @Test func hyperbandScalesResourcesAndRejectsBadSchedules() throws {
    let hb = try Hyperband(minResource: 1.0 / 81, maxResource: 1, reductionFactor: 3)
    #expect(hb.brackets[0].rungs.map(\.configurations) == [81, 27, 9, 3, 1])
    #expect(abs(hb.brackets[0].rungs[0].resource - 1.0 / 81) < 1e-15)
    #expect(throws: SearchError.self) { try Hyperband(minResource: 0, maxResource: 1) }
    #expect(throws: SearchError.self) { try Hyperband(minResource: 2, maxResource: 1) }
    #expect(throws: SearchError.self) {
      try Hyperband(minResource: 1, maxResource: 9, reductionFactor: 1)
    }
  }
}

// MARK: - Successive halving

extension SchedulerTests {
  @Test func successiveHalvingRungsFor27Configurations() throws {
    let sh = try SuccessiveHalving(minResource: 1, maxResource: 27, reductionFactor: 3)
    #expect(
      sh.rungs(initialConfigurations: 27)
        == [
          Rung(configurations: 27, resource: 1), Rung(configurations: 9, resource: 3),
          Rung(configurations: 3, resource: 9), Rung(configurations: 1, resource: 27),
        ])
  }

  @Test func successiveHalvingPromotesTheBestThirdByHand() throws {
    let sh = try SuccessiveHalving(minResource: 1, maxResource: 27, reductionFactor: 3)
    // Trial i scores (7·i) mod 27, a permutation of 0…26; the scores with value v belong to trial 4v mod 27.
    let score = { (i: Int) in Double((7 * i) % 27) }
    let rung0 = (0..<27).map { (number: $0, value: score($0)) }
    let rung1 = sh.promote(rung0, direction: .minimize)
    #expect(rung1 == [0, 4, 8, 12, 16, 20, 24, 1, 5])
    let rung2 = sh.promote(rung1.map { (number: $0, value: score($0)) }, direction: .minimize)
    #expect(rung2 == [0, 4, 8])
    let rung3 = sh.promote(rung2.map { (number: $0, value: score($0)) }, direction: .minimize)
    #expect(rung3 == [0])
    let maxed = sh.promote(rung0, direction: .maximize)
    #expect(maxed == [23, 19, 15, 11, 7, 3, 26, 22, 18])  // scores 26, 25, …, 18
  }

  @Test func successiveHalvingBreaksTiesByTrialNumberAndKeepsAtLeastOne() throws {
    let sh = try SuccessiveHalving(minResource: 1, maxResource: 9, reductionFactor: 3)
    #expect(sh.promote([(5, 1), (2, 0), (7, 0)], direction: .minimize) == [2])
    #expect(sh.promote([(3, .nan), (1, 2)], direction: .minimize) == [1])
    #expect(
      sh.promote([(9, 1), (4, 1), (6, 1), (1, 2), (0, 3), (8, 1)], direction: .minimize) == [4, 6])
  }
}

// MARK: - Resources

extension SchedulerTests {
  @Test func resourceLevelsFeedEverySchedule() throws {
    let r = try Resource(.dataFraction, min: 1.0 / 27, max: 1, reductionFactor: 3)
    let levels = r.levels
    let expected: [Double] = [1.0 / 27, 1.0 / 9, 1.0 / 3, 1]
    #expect(levels.count == 4)
    for (a, b) in zip(levels, expected) { #expect(abs(a - b) < 1e-15) }
    let sh = try SuccessiveHalving(r)
    #expect(sh.rungs(initialConfigurations: 27).map(\.configurations) == [27, 9, 3, 1])
    #expect(try Hyperband(r).brackets.count == 4)
    #expect(try ASHA(r).topRung == 3)
    #expect(throws: SearchError.invalidSchedule("a data fraction cannot exceed 1, got max 2.0")) {
      try Resource(.dataFraction, min: 0.1, max: 2)
    }
    #expect(throws: SearchError.self) { try Resource(.epochs, min: 0, max: 10) }
  }

  @Test func failedConfigurationsNeverAdvance() throws {
    let sh = try SuccessiveHalving(minResource: 1, maxResource: 9, reductionFactor: 3)
    #expect(sh.promote([(0, .nan), (1, .nan), (2, .nan)], direction: .minimize).isEmpty)
    var asha = try ASHA(minResource: 1, maxResource: 9, reductionFactor: 3)
    for _ in 0..<3 {
      let j = asha.nextJob()
      asha.report(configuration: j.configuration, rung: 0, value: .nan)
    }
    #expect(asha.nextJob().isNew)
  }
}

// MARK: - ASHA

extension SchedulerTests {
  @Test func ashaPromotesFromTheHighestRungWithAPromotableConfiguration() throws {
    var asha = try ASHA(minResource: 1, maxResource: 9, reductionFactor: 3)
    #expect(asha.topRung == 2)
    let resources: [Double] = [1, 3, 9]
    func expectJob(_ c: Int, _ rung: Int, new: Bool) {
      let j = asha.nextJob()
      let expected = ASHA.Job(configuration: c, rung: rung, resource: resources[rung], isNew: new)
      #expect(j == expected)
    }
    expectJob(0, 0, new: true)
    asha.report(configuration: 0, rung: 0, value: 5)
    expectJob(1, 0, new: true)  // ⌊1/3⌋ = 0: nothing promotable
    asha.report(configuration: 1, rung: 0, value: 3)
    expectJob(2, 0, new: true)
    asha.report(configuration: 2, rung: 0, value: 4)
    expectJob(1, 1, new: false)  // rung 0 = {5, 3, 4}: top ⌊3/3⌋ = 1 is config 1
    expectJob(3, 0, new: true)  // config 1 already promoted
    asha.report(configuration: 1, rung: 1, value: 2.5)
    asha.report(configuration: 3, rung: 0, value: 1)
    expectJob(3, 1, new: false)  // rung 0 top 1 of 4 is config 3
    asha.report(configuration: 3, rung: 1, value: 2)
    expectJob(4, 0, new: true)
    asha.report(configuration: 4, rung: 0, value: 6)
    expectJob(5, 0, new: true)  // top 1 of 5 is config 3, promoted
    asha.report(configuration: 5, rung: 0, value: 0.5)
    expectJob(5, 1, new: false)  // top 2 of 6 = {5, 3}; 5 not yet promoted
    asha.report(configuration: 5, rung: 1, value: 1)
    expectJob(5, 2, new: false)  // rung 1 = {2.5, 2, 1}: top 1 is config 5, highest rung first
    expectJob(6, 0, new: true)
    #expect(asha.rung(1).map(\.configuration) == [5, 3, 1])
  }

  @Test func ashaWithEarlyStoppingRateShiftsResources() throws {
    var asha = try ASHA(
      minResource: 1, maxResource: 27, reductionFactor: 3, minEarlyStoppingRate: 1)
    #expect(asha.topRung == 2)
    #expect(asha.nextJob().resource == 3)
    #expect(asha.resource(ofRung: 2) == 27)
    #expect(throws: SearchError.self) {
      try ASHA(minResource: 1, maxResource: 3, reductionFactor: 3, minEarlyStoppingRate: 2)
    }
  }
}
