import Testing
@testable import HuizongCore

/// The pure rules of PROTOCOL.md v1.2: frequencies, lower-is-better targets, the gap, review states.
@Suite struct V12RulesTests {
    @Test func aQuarterlyIndicatorIsDueOnlyAtAQuartersEnd() {
        let quarterly = Catalog(indicators: [Indicator(code: "below_scale_value_added", name: "规下工业增加值", unit: "亿元", kind: .flow, frequency: .quarterly),
                                             Indicator(code: "yearly_thing", name: "年报指标", unit: "亿元", kind: .flow, frequency: .yearly)], parts: [])
        func check(_ indicator: String, _ period: String) -> Verdict {
            Validator(catalog: quarterly).validate(Submission(key: "k", region: "331082", period: Period(period)!, revision: 1,
                                                              figures: [FigureInput(indicator: indicator, yoy: d("7.0"))]))
        }
        for month in ["2022-03", "2022-06", "2022-09", "2022-12"] { #expect(check("below_scale_value_added", month).isAccepted) }
        let early = check("below_scale_value_added", "2022-04")
        #expect(early.code == .validationFailed && early.errors.map(\.code) == ["not_due"] && early.errors.first?.path == "figures[0].indicator")
        #expect(early.errors.first?.message.contains("规下工业增加值") == true)
        #expect(check("yearly_thing", "2022-12").isAccepted && check("yearly_thing", "2022-11").errors.map(\.code) == ["not_due"])
    }

    @Test func aLowerIsBetterTargetIsACeiling() {
        func level(_ value: String, month: Int, kind: IndicatorKind = .flow) -> Light? {
            TargetProgress(targets: TargetSet(level: d("100")), kind: kind, value: d(value), yoy: nil, month: month, better: .lower).light
        }
        // A flow: at or below time progress green, within 5 points above yellow, beyond red.
        #expect(level("50", month: 6) == .green && level("40", month: 6) == .green)
        #expect(level("55", month: 6) == .yellow && level("55.01", month: 6) == .red)
        // A ratio (能耗 0.52 吨标准煤/万元 as a ceiling): against 100 % of the target.
        #expect(level("100", month: 6, kind: .ratio) == .green && level("105", month: 6, kind: .ratio) == .yellow)
        #expect(level("105.1", month: 6, kind: .ratio) == .red)
        // "下降3%": green at or below −3, yellow within a point above, red beyond.
        func growth(_ yoy: String) -> Light? {
            TargetProgress(targets: TargetSet(growth: d("-3")), kind: .ratio, value: nil, yoy: d(yoy), month: 6, better: .lower).light
        }
        #expect(growth("-3.5") == .green && growth("-3") == .green && growth("-2") == .yellow && growth("-1.9") == .red)
        // The same figures with higher-is-better are the other way round.
        #expect(TargetProgress(targets: TargetSet(level: d("100")), kind: .flow, value: d("40"), yoy: nil, month: 6).light == .red)
    }

    @Test func theGapIsTheGrowthAboveTheParentsToOneDecimal() {
        #expect(Ranking.gap(d("8.3"), d("6.7")) == d("1.6"))
        #expect(Ranking.gap(d("5.25"), d("5.2")) == d("0.1"))     // 0.05 half away from zero
        #expect(Ranking.gap(d("5.15"), d("5.2")) == d("-0.1"))    // −0.05 half away from zero
        #expect(Ranking.gap(nil, d("5.2")) == nil && Ranking.gap(d("5.2"), nil) == nil)
    }

    @Test func aMonthsReviewStateFollowsItsLastActionAndRevision() {
        let at = Timestamp(microseconds: 0)
        #expect(ReviewStatus(revision: nil, last: nil).state == .none)
        #expect(ReviewStatus(revision: 1, last: nil).state == .submitted)
        let approve = ReviewRecord(action: .approve, office: "330900", at: at, note: nil, revision: 1)
        let approved = ReviewStatus(revision: 1, last: approve)
        #expect(approved.state == .approved && approved.by == "330900" && approved.at == "2000-01-01T08:00:00+08:00")
        let back = ReviewRecord(action: .return, office: "330900", at: at, note: "请核实", revision: 1)
        #expect(ReviewStatus(revision: 1, last: back).state == .returned && ReviewStatus(revision: 1, last: back).note == "请核实")
        #expect(ReviewStatus(revision: 2, last: back) == ReviewStatus(state: .submitted))
    }
}

@Suite struct OutlierRuleTests {
    /// The integer fast path decides as the exact decimal formula does, on random histories with
    /// mixed scales, ties and values right at the threshold.
    @Test func theFastPathAgreesWithTheExactFormula() {
        var rng = SystemRandomNumberGenerator()
        var flagged = 0
        for _ in 0..<5000 {
            let n = Int.random(in: 8...24, using: &rng)
            let history = (0..<n).map { _ in ExactDecimal(significand: Int128(Int.random(in: 900...1100, using: &rng)), scale: Int.random(in: 0...2, using: &rng)) }
            let x = ExactDecimal(significand: Int128(Int.random(in: 0...4000, using: &rng)), scale: Int.random(in: 0...2, using: &rng))
            let m = Outliers.median(history)!
            let mad = Outliers.median(history.map { ($0 - m).magnitude })!
            let exact = mad > .zero && (x - m).multiplied(by: ExactDecimal(significand: 6745, scale: 4))!.magnitude > ExactDecimal(significand: 35, scale: 1).multiplied(by: mad)!
            #expect((Outliers.judge(x, history: history) != nil) == exact, "\(x) against \(history)")
            if exact { flagged += 1 }
        }
        #expect(flagged > 100)
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(Outliers.median([d("1"), d("2"), d("3"), d("4")]) == d("2.5"))
        #expect(Outliers.median([d("10.1"), d("10.2")])?.description == "10.15")
        #expect(Outliers.median([d("10"), d("12")])?.description == "11")
        #expect(Outliers.judge(d("100"), history: Array(repeating: d("10"), count: 12)) == nil)  // MAD zero
    }
}
