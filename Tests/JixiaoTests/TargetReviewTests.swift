import Foundation
import Testing

@testable import Jixiao

/// Target review: when a target is softer than its standard.
@Suite struct TargetReviewTests {
  /// Two projects of one group reach 88.7 and 88.9 on a ≥ rate, both with
  /// the target 88.8. The type-7 median is 88.7 + 0.5 × (88.9 − 88.7),
  /// which is 88.80000000000001 in binary (Python gives the same), so an
  /// exact comparison called both targets softer than the standard with a
  /// gap of 0. Within the tolerance they equal it: no such finding, and
  /// the gap is 0. The 80th percentile, 88.86, is a real benchmark above
  /// both targets.
  @Test func aTargetEqualToTheStandardUpToRoundingIsNotSofter() throws {
    let folder = Fixture.dataset([
      "projects.csv": """
      id,name,unit,activity,category,budget,executed,start_year,end_year
      P1,a,U2,A1,c,10,10,2024,2024
      P2,b,U2,A1,c,10,10,2024,2024
      """,
      "indicators.csv": """
      project,dimension,subdimension,name,kind,operator,target,actual,unit,weight
      P1,output,质量指标,合格率,quantitative,>=,88.8,88.7,%,50
      P1,benefit,社会效益,覆盖率,quantitative,>=,1,1,个,30
      P1,satisfaction,满意度,满意度,quantitative,>=,1,1,个,10
      P2,output,质量指标,合格率,quantitative,>=,88.8,88.9,%,50
      P2,benefit,社会效益,覆盖率,quantitative,>=,1,1,个,30
      P2,satisfaction,满意度,满意度,quantitative,>=,1,1,个,10
      """,
    ])
    var settings = StandardsSettings()
    settings.minimumGroupSize = 2
    let (study, datasets) = try StandardsFixture.study([folder], settings)
    let review = TargetReview(study, datasets)
    let rate = review.findings.filter {
      let m = study.measures.measure[Int($0.value)]
      return study.measures.measures[Int(m)].name == "合格率"
    }
    #expect(rate.count == 2)
    for finding in rate {
      #expect(finding.standard == 88.80000000000001)
      #expect(finding.flags == [.belowBenchmark])
      #expect(finding.gap == 0)
    }
  }

  /// The tolerance is relative: 1e-9 of the larger value, so a difference
  /// of 1e-6 on 88.8 (about 1e-8 relative) is softer, and one of 1e-8 is
  /// not.
  @Test func theToleranceIsRelative() {
    #expect(!TargetReview.isSofter(88.8, than: 88.80000000000001, sign: 1))
    #expect(TargetReview.isSofter(88.8, than: 88.800001, sign: 1))
    #expect(!TargetReview.isSofter(88.8, than: 88.80000001, sign: 1))
    #expect(TargetReview.isSofter(1e6, than: 1e6 + 1, sign: 1))
    #expect(!TargetReview.isSofter(1e12, than: 1e12 + 1, sign: 1))
    // A ≤ target is softer above the standard.
    #expect(TargetReview.isSofter(2, than: 1, sign: -1))
    #expect(!TargetReview.isSofter(1, than: 2, sign: -1))
  }
}
