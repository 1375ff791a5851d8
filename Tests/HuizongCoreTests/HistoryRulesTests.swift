import Testing
@testable import HuizongCore

/// The rules that consult stored figures: each with a case that passes and one that fails.
@Suite struct HistoryRulesTests {
    let validator = Validator(catalog: catalog)

    func stored(_ entries: (String, FigureInput)...) -> FigureSnapshot {
        var snapshot = FigureSnapshot()
        for (period, f) in entries { snapshot["331082", Period(period)!, f.indicator] = f }
        return snapshot
    }

    func check(_ figures: [FigureInput], period: String, _ snapshot: FigureSnapshot) -> Verdict {
        validator.validate(submission(figures, period: period), against: snapshot)
    }

    @Test func ytdMayNotFallBelowAnEarlierMonth() {
        let s = stored(("2022-08", FigureInput(indicator: "ind_output", ytd: d("770.2"))))
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("870.2"))], period: "2022-09", s).isAccepted)
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("770.2"))], period: "2022-09", s).isAccepted)
        let v = check([FigureInput(indicator: "ind_output", ytd: d("770.1"))], period: "2022-09", s)
        #expect(v.errors.map(\.code) == ["ytd_decreasing"])
        #expect(v.errors.first?.path == "figures[0].ytd")
        #expect(v.errors.first?.message.contains("规上工业总产值") == true)
        #expect(v.errors.first?.message.contains("770.2") == true)
    }

    @Test func ytdMayNotRiseAboveALaterMonth() {
        let s = stored(("2022-10", FigureInput(indicator: "ind_output", ytd: d("957.7"))))
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("870.2"))], period: "2022-09", s).isAccepted)
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("957.8"))], period: "2022-09", s).errors.map(\.code) == ["ytd_decreasing"])
    }

    @Test func ytdOfAnotherYearIsNotCompared() {
        let s = stored(("2021-12", FigureInput(indicator: "ind_output", ytd: d("1100"))))
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("80"))], period: "2022-01", s).isAccepted)
    }

    @Test func roundingAtDifferentPrecisionsIsTolerated() {
        // 770.2 and 770.16 can both be roundings of 770.16: no fall.
        let s = stored(("2022-08", FigureInput(indicator: "ind_output", ytd: d("770.2"))))
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("770.16"))], period: "2022-09", s).isAccepted)
        #expect(!check([FigureInput(indicator: "ind_output", ytd: d("770.14"))], period: "2022-09", s).isAccepted)
    }

    @Test func monthIsTheDifferenceOfYearToDates() {
        // Linhai: 1-10月 957.7, of which October 87.5, so 1-9月 was 870.2.
        let s = stored(("2022-09", FigureInput(indicator: "ind_output", ytd: d("870.2"))))
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("957.7"), month: d("87.5"))], period: "2022-10", s).isAccepted)
        let v = check([FigureInput(indicator: "ind_output", ytd: d("957.7"), month: d("88.5"))], period: "2022-10", s)
        #expect(v.errors.map(\.code) == ["month_mismatch"])
        #expect(v.errors.first?.path == "figures[0].month")
        #expect(v.errors.first?.message.contains("87.5") == true)
        // Without the previous month stored there is nothing to compare with.
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("957.7"), month: d("88.5"))], period: "2022-10", FigureSnapshot()).isAccepted)
    }

    @Test func partNotAboveWholeWithinTheSubmission() {
        let ok = [FigureInput(indicator: "ind_output", ytd: d("957.7")), FigureInput(indicator: "ship_output", ytd: d("298.5"))]
        #expect(check(ok, period: "2022-10", FigureSnapshot()).isAccepted)
        let bad = [FigureInput(indicator: "ind_output", ytd: d("957.7")), FigureInput(indicator: "ship_output", ytd: d("957.8"))]
        let v = check(bad, period: "2022-10", FigureSnapshot())
        #expect(v.errors.map(\.code) == ["part_exceeds_whole"])
        #expect(v.errors.first?.path == "figures[1].ytd")
        #expect(v.errors.first?.message.contains("规上船舶工业产值") == true)
    }

    @Test func partNotAboveWholeAgainstStoredFigures() {
        let s = stored(("2022-10", FigureInput(indicator: "ind_output", ytd: d("957.7"))))
        #expect(check([FigureInput(indicator: "ship_output", ytd: d("298.5"))], period: "2022-10", s).isAccepted)
        #expect(check([FigureInput(indicator: "ship_output", ytd: d("1000"))], period: "2022-10", s).errors.map(\.path) == ["figures[0].ytd"])
        // The whole revised below a stored part.
        let part = stored(("2022-10", FigureInput(indicator: "ship_output", ytd: d("298.5"))))
        let v = check([FigureInput(indicator: "ind_output", ytd: d("200"))], period: "2022-10", part)
        #expect(v.errors.map(\.code) == ["part_exceeds_whole"])
        #expect(v.errors.first?.path == "figures[0].ytd")
        // Both stored: not this submission's business.
        #expect(check([FigureInput(indicator: "exports", ytd: d("1"))], period: "2022-10", part).isAccepted)
    }

    @Test func nominalGrowthAgainstLastYearWarns() {
        let s = stored(("2021-10", FigureInput(indicator: "ind_output", ytd: d("884.3"))))
        // 957.7 / 884.3 − 1 = 8.30 %
        let ok = check([FigureInput(indicator: "ind_output", ytd: d("957.7"), yoy: d("8.3"))], period: "2022-10", s)
        #expect(ok.isAccepted && ok.warnings.isEmpty, "\(ok.warnings)")
        let off = check([FigureInput(indicator: "ind_output", ytd: d("957.7"), yoy: d("9.3"))], period: "2022-10", s)
        #expect(off.isAccepted)
        #expect(off.warnings.map(\.code) == ["yoy_mismatch"])
        #expect(off.warnings.first?.path == "figures[0].yoy")
    }

    @Test func comparablePriceGrowthIsNotCheckedAgainstLevels() {
        let s = stored(("2021-10", FigureInput(indicator: "ind_value_added", ytd: d("200"))))
        let v = check([FigureInput(indicator: "ind_value_added", ytd: d("218.64"), yoy: d("5.2"))], period: "2022-10", s)
        #expect(v.isAccepted && v.warnings.isEmpty)
    }

    @Test func snapshotAppliesSubmissionsInOrder() {
        var s = FigureSnapshot()
        s.apply(submission([FigureInput(indicator: "ind_output", ytd: d("870.2"))], period: "2022-09"))
        #expect(check([FigureInput(indicator: "ind_output", ytd: d("957.7"), month: d("87.5"))], period: "2022-10", s).isAccepted)
        #expect(!check([FigureInput(indicator: "ind_output", ytd: d("800"))], period: "2022-10", s).isAccepted)
    }
}

@Suite struct UnitTests {
    @Test func wanYuanConvertsToYiYuanExactly() {
        let f = FigureInput(indicator: "ind_value_added", ytd: d("2186400"), unit: "万元").converted(to: "亿元")
        #expect(f?.ytd?.description == "218.6400")
        #expect(f?.unit == nil)
        #expect(FigureInput(indicator: "x", ytd: d("1.5"), unit: "亿元").converted(to: "万元")?.ytd?.description == "15000")
        #expect(FigureInput(indicator: "x", ytd: d("1.23456"), unit: "亿元").converted(to: "万元")?.ytd?.description == "12345.6")
    }

    @Test func currenciesAreNeverConverted() {
        #expect(FigureInput(indicator: "x", ytd: d("1"), unit: "亿美元").converted(to: "亿元") == nil)
        #expect(verdict(FigureInput(indicator: "ind_output", ytd: d("1"), unit: "亿美元")).errors.map(\.code) == ["unit_mismatch"])
        #expect(verdict(FigureInput(indicator: "ind_output", ytd: d("9577000"), unit: "万元")).isAccepted)
    }

    @Test func normalizedSubmissionCarriesCatalogUnits() {
        let s = submission([FigureInput(indicator: "ind_output", ytd: d("9577000"), month: d("875000"), unit: "万元")])
        let n = Validator(catalog: catalog).normalized(s)
        #expect(n.figures[0].ytd?.description == "957.7000")
        #expect(n.figures[0].month?.description == "87.5000")
    }
}

@Suite struct SnapshotTests {
    @Test func nearestAtTheEdgesOfTheYear() {
        var s = FigureSnapshot()
        s["1", Period("2022-06")!, "x"] = FigureInput(indicator: "x", ytd: d("6"))
        #expect(s.nearestYTD(region: "1", indicator: "x", Period("2022-12")!, before: false) == nil)
        #expect(s.nearestYTD(region: "1", indicator: "x", Period("2022-01")!, before: true) == nil)
        #expect(s.nearestYTD(region: "1", indicator: "x", Period("2022-12")!, before: true)?.period == Period("2022-06"))
        #expect(s.nearestYTD(region: "1", indicator: "x", Period("2022-01")!, before: false)?.ytd == d("6"))
    }
}
