import Testing
@testable import HuizongCore
import HuizongWorkload

@Suite struct WorkloadTests {
    let fullCatalog = Catalog(indicators: [
        Indicator(code: "ind_value_added", name: "规上工业增加值", unit: "亿元", kind: .flow, comparableGrowth: true),
        Indicator(code: "ind_output", name: "规上工业总产值", unit: "亿元", kind: .flow),
        Indicator(code: "ship_output", name: "规上船舶工业产值", unit: "亿元", kind: .flow),
        Indicator(code: "high_tech_value_added", name: "高新技术产业增加值", unit: "亿元", kind: .flow),
        Indicator(code: "industrial_investment", name: "工业投资", unit: "亿元", kind: .flow),
        Indicator(code: "mfg_investment", name: "制造业投资", unit: "亿元", kind: .flow),
        Indicator(code: "new_5g_stations", name: "新增5G基站", unit: "个", kind: .flow),
        Indicator(code: "above_scale_firms", name: "规上工业企业数", unit: "家", kind: .stock),
        Indicator(code: "tax_per_mu", name: "规上工业亩均税收", unit: "万元/亩", kind: .ratio),
    ])

    @Test func sameSeedSameWorkload() {
        let a = NationalYear(regions: zhejiang, catalog: fullCatalog, seed: 7)
        let b = NationalYear(regions: zhejiang, catalog: fullCatalog, seed: 7)
        let c = NationalYear(regions: zhejiang, catalog: fullCatalog, seed: 8)
        #expect(a.submissions.map(\.contentHash) == b.submissions.map(\.contentHash))
        #expect(a.submissions.map(\.contentHash) != c.submissions.map(\.contentHash))
        // 4 counties (and a zone) × 12 months, then 2 cities × 12, then 1 province × 12.
        #expect(a.submissions.count == (4 + 2 + 1) * 12)
        #expect(a.figureCount == a.submissions.count * 9)
    }

    @Test func everySubmissionPassesValidationAndPartsStayBelowWholes() {
        let w = NationalYear(regions: zhejiang, catalog: fullCatalog)
        let validator = Validator(catalog: fullCatalog)
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

    @Test func parentsReportTheSumOfTheirParts() {
        let w = NationalYear(regions: zhejiang, catalog: fullCatalog)
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
