import Testing
@testable import HuizongCore
import HuizongWorkload

@Suite struct WorkloadTests {
    @Test func sameSeedSameWorkload() {
        let a = NationalYear(regions: zhejiang, catalog: catalog, seed: 7)
        let b = NationalYear(regions: zhejiang, catalog: catalog, seed: 7)
        let c = NationalYear(regions: zhejiang, catalog: catalog, seed: 8)
        #expect(a.submissions.map(\.contentHash) == b.submissions.map(\.contentHash))
        #expect(a.submissions.map(\.contentHash) != c.submissions.map(\.contentHash))
        // 3 counties and a zone × 12 months, then 2 cities × 12, then 1 province × 12 (Beijing has no counties here).
        #expect(a.submissions.count == (4 + 2 + 1) * 12)
        #expect(a.figureCount == a.submissions.count * catalog.indicators.count)
    }

    @Test func everySubmissionPassesValidationAndPartsStayBelowWholes() {
        let w = NationalYear(regions: zhejiang, catalog: catalog)
        let validator = Validator(catalog: catalog)
        for s in w.submissions {
            let v = validator.validate(s)
            #expect(v.isAccepted, "\(s.key): \(v.errors)")
            let f = Dictionary(uniqueKeysWithValues: s.figures.map { ($0.indicator, $0) })
            #expect(f["ship_output"]!.ytd! <= f["ind_output"]!.ytd!)
            #expect(f["ind_value_added"]!.ytd! <= f["ind_output"]!.ytd!)
            #expect(f["high_tech_value_added"]!.ytd! <= f["ind_value_added"]!.ytd!)
            #expect(f["mfg_investment"]!.ytd! <= f["industrial_investment"]!.ytd!)
            #expect(f["new_5g_stations"]!.ytd!.scale == 0)
        }
    }

    @Test func theYearPassesTheHistoryRulesInSubmissionOrder() {
        let w = NationalYear(regions: zhejiang, catalog: catalog)
        let validator = Validator(catalog: catalog)
        var stored = FigureSnapshot()
        for s in w.submissions {
            let v = validator.validate(s, against: stored)
            #expect(v.isAccepted && v.warnings.isEmpty, "\(s.key): \(v.errors) \(v.warnings)")
            stored.apply(s)
        }
    }

    @Test func parentsReportTheSumOfTheirParts() {
        let w = NationalYear(regions: zhejiang, catalog: catalog)
        func ytd(_ region: String, _ month: Int) -> ExactDecimal? {
            w.submissions.first { $0.region == region && $0.period.month == month }?
                .figures.first { $0.indicator == "ind_output" }?.ytd
        }
        let kids = ["330902", "330903", "330971"].compactMap { ytd($0, 10) }
        #expect(kids.count == 3)
        #expect(ytd("330900", 10) == kids.reduce(ExactDecimal.zero, +))
        #expect(ytd("330000", 10) == ytd("330900", 10)! + ytd("331000", 10)!)
        // Year to date only grows.
        for month in 2...12 { #expect(ytd("330902", month)! > ytd("330902", month - 1)!) }
    }
}
