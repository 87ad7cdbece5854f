import MetaLearning
import Testing

@Test func averageRanksAverageTiesAndPutNaNLast() {
  // scipy.stats.rankdata([0.5, 0.2, 0.5], method="average") = [2.5, 1, 2.5]; NaN goes last.
  #expect(RankCorrelation.averageRanks([0.5, 0.2, 0.5, .nan]) == [2.5, 1, 2.5, 4])
  #expect(RankCorrelation.averageRanks([.nan, 1, .nan]) == [2.5, 1, 2.5])
  #expect(RankCorrelation.averageRanks([1, 1, 1]) == [2, 2, 2])
  #expect(RankCorrelation.averageRanks([3, 2, 1]) == [3, 2, 1])
  #expect(RankCorrelation.averageRanks([]) == [])
}
