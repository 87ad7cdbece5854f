import Foundation
import MetaFeatures
import Testing

@Suite struct MetaFeatureVectorTests {
  @Test func namesAreSortedByteWiseAsPymfe() {
    let v = MetaFeatureVector(entries: [("nr_inst", 3), ("attr_ent.sd", 1), ("attr_ent.mean", 2), ("Z", 0)])
    #expect(v.names == ["Z", "attr_ent.mean", "attr_ent.sd", "nr_inst"])
    #expect(v["attr_ent.mean"] == 2)
    #expect(v["missing"] == nil)
  }

  @Test func codableRoundTripKeepsNaNAndReasons() throws {
    let v = MetaFeatureVector(entries: [("a", 1.5), ("b", .nan)], reasons: ["b": "single class"])
    let data = try JSONEncoder().encode(v)
    #expect(String(decoding: data, as: UTF8.self).contains("null"))
    let back = try JSONDecoder().decode(MetaFeatureVector.self, from: data)
    #expect(back == v)
  }

  @Test func summariesFollowPymfe() {
    let x = [1.0, 2, 4, 8]
    #expect(SummaryFunction.mean.apply(x) == [3.75])
    #expect(abs(SummaryFunction.sd.apply(x)[0] - 3.0956959368344517) < 1e-12)
    #expect(SummaryFunction.sd.apply([1]).first?.isNaN == true)
    #expect(SummaryFunction.median.apply(x) == [3])
    #expect(SummaryFunction.quantiles.apply(x).count == 5)
    #expect(SummaryFunction.histogram.apply(x).reduce(0, +) == 1)
    #expect(SummaryFunction.mean.apply([]).first?.isNaN == true)
  }

  @Test func groupNamesArePymfes() {
    #expect(MetaFeatureGroup.infoTheory.pymfeName == "info-theory")
    #expect(MetaFeatureGroup.modelBased.pymfeName == "model-based")
    #expect(MetaFeatureGroup(rawValue: "complexity") == .complexity)
  }
}
