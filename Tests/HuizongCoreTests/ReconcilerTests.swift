import Testing
@testable import HuizongCore

func child(_ region: String, _ ytd: String, yoy: String? = nil) -> Consolidated {
    Consolidated(region: region, figure: FigureInput(indicator: "ship_output", ytd: d(ytd), yoy: yoy.map(d)), kind: .flow)!
}

func flow(own: String?, yoy: String? = nil, _ children: [Consolidated], expected: Int? = nil) -> Reconciliation {
    Reconciler.reconcile(ReconcileInput(region: "330900", kind: .flow,
                                        own: own.map { FigureInput(indicator: "ship_output", ytd: d($0), yoy: yoy.map(d)) },
                                        children: children, expected: expected ?? children.count))
}

@Suite struct ReconcilerTests {
    @Test func zeroPointOnePlusZeroPointTwoIsExactlyZeroPointThree() {
        let r = flow(own: nil, [child("a", "0.1"), child("b", "0.2")])
        #expect(r.sum?.value?.description == "0.3")
        #expect(r.sum?.amounts[0].tolerance == d("0.1"))
    }

    @Test func withinRoundingIsComplete() {
        // Zhoushan's districts as written with two decimals; the city writes one.
        let kids = [child("330902", "120.31"), child("330903", "101.24"), child("330921", "60.02"), child("330922", "16.88")]
        let r = flow(own: "298.5", kids)
        #expect(r.sum?.value == d("298.45"))
        #expect(r.disputes.isEmpty)  // |298.5 − 298.45| = 0.05 ≤ 0.05 + 4 × 0.005
        let (a, changes) = Reconciler.settle(r, existing: [])
        #expect(a.status == .complete && changes.isEmpty)
        #expect(a.value?.description == "298.5")  // the city's own figure is what readers see
    }

    @Test func beyondRoundingIsDisputed() {
        let r = flow(own: "298.5", [child("330902", "120.31"), child("330903", "101.24"), child("330921", "60.02"), child("330922", "10.88")])
        #expect(r.disputes == [Dispute(kind: .level, own: d("298.5"), sum: d("292.45"))])
        let (a, changes) = Reconciler.settle(r, existing: [])
        #expect(a.status == .disputed)
        #expect(changes == [.open(Dispute(kind: .level, own: d("298.5"), sum: d("292.45")))])
    }

    @Test func toleranceBoundaryIsInclusive() {
        // tolerance 0.05 + 0.05 = 0.1: a difference of exactly 0.1 agrees, 0.11 does not.
        #expect(flow(own: "10.1", [child("a", "10.0")]).disputes.isEmpty)
        #expect(!flow(own: "10.11", [child("a", "10.00")]).disputes.isEmpty)
    }

    @Test func partialWithoutOwnFigureIsTheSum() {
        let r = flow(own: nil, [child("a", "1.5")], expected: 3)
        let (a, _) = Reconciler.settle(r, existing: [])
        #expect(a.status == .partial && a.value == d("1.5"))
        #expect(r.reported == 1 && r.expected == 3)
        // Own figure with missing children: no conflict can be judged yet.
        #expect(flow(own: "9", [child("a", "1.5")], expected: 3).disputes.isEmpty)
    }

    @Test func aPartialSumBelowIsNoGroundForAConflict() {
        // A city without its own figure and with a district missing is not final: the province waits.
        var city = child("330900", "100")
        city.isFinal = false
        let r = flow(own: "500", [city, child("331000", "200")])
        #expect(r.disputes.isEmpty && !r.isComplete)
        #expect(Reconciler.settle(r, existing: []).0.status == .partial)
        #expect(!flow(own: "500", [child("330900", "100"), child("331000", "200")]).disputes.isEmpty)
    }

    @Test func growthFromImpliedPriorLevels() {
        // 110 at +10 % and 105 at +5 %: prior 100 + 100, growth 215/200 − 1 = 7.5 %.
        let r = flow(own: nil, [child("a", "110", yoy: "10"), child("b", "105", yoy: "5")])
        #expect(r.sum?.yoy?.description == "7.5")
        #expect(r.sumYoyExact == d("7.5"))
        // A child without yoy: no aggregate growth.
        #expect(flow(own: nil, [child("a", "110", yoy: "10"), child("b", "105")]).sum?.yoy == nil)
    }

    @Test func ownGrowthBeyondToleranceOpensAGrowthConflict() {
        let kids = [child("a", "110", yoy: "10"), child("b", "105", yoy: "5")]
        #expect(flow(own: "215", yoy: "7.5", kids).disputes.isEmpty)
        #expect(flow(own: "215", yoy: "7.9", kids).disputes.isEmpty)  // 0.4 ≤ 0.05 + 0.5
        #expect(flow(own: "215", yoy: "8.1", kids).disputes.map(\.kind) == [.growth])
    }

    @Test func ratiosAreNeverSummed() {
        let kids = [("a", "96600", "2000"), ("b", "3400", "1000")].map {
            Consolidated(region: $0.0, figure: FigureInput(indicator: "tax_per_mu", num: d($0.1), den: d($0.2)), kind: .ratio)!
        }
        let r = Reconciler.reconcile(ReconcileInput(region: "p", kind: .ratio, own: nil, children: kids, expected: 2))
        #expect(r.sum?.value?.description == "33.3333")  // 100000 / 3000, not 48.3 + 3.4
        let whole = Reconciler.reconcile(ReconcileInput(region: "p", kind: .ratio, own: FigureInput(indicator: "tax_per_mu", num: d("100000"), den: d("3100")), children: kids, expected: 2))
        #expect(whole.disputes.map(\.kind) == [.level])
    }

    @Test func resolutionDecidesWhatReadersSee() {
        let r = flow(own: "298.5", [child("a", "292.45")])
        let accepted = ConflictRecord(id: 7, kind: .level, own: d("298.5"), sum: d("292.45"), resolution: .sum)
        let (a, changes) = Reconciler.settle(r, existing: [accepted])
        #expect(a.status == .resolved && a.value == d("292.45") && changes.isEmpty)
        var own = accepted
        own.resolution = .own
        #expect(Reconciler.settle(r, existing: [own]).0.value == d("298.5"))
    }

    @Test func agreeingSidesCloseTheConflictByThemselves() {
        let open = ConflictRecord(id: 3, kind: .level, own: d("298.5"), sum: d("292.45"), resolution: nil)
        let (a, changes) = Reconciler.settle(flow(own: "298.5", [child("a", "298.45")]), existing: [open])
        #expect(a.status == .complete)
        #expect(changes == [.close(id: 3)])
    }

    @Test func movedSidesUpdateAnOpenConflictAndVoidAResolution() {
        let r = flow(own: "298.5", [child("a", "290")])
        let open = ConflictRecord(id: 3, kind: .level, own: d("298.5"), sum: d("292.45"), resolution: nil)
        #expect(Reconciler.settle(r, existing: [open]).1 == [.update(id: 3, Dispute(kind: .level, own: d("298.5"), sum: d("290")))])
        var resolved = open
        resolved.resolution = .sum
        let (a, changes) = Reconciler.settle(r, existing: [resolved])
        #expect(a.status == .disputed)
        #expect(changes == [.close(id: 3), .open(Dispute(kind: .level, own: d("298.5"), sum: d("290")))])
    }
}

@Suite struct RankingTests {
    @Test func tiesShareARankAndTheNextSkips() {
        let ranked = Ranking.rank([("a", d("10"), d("5.0")), ("b", d("20.0"), d("5")), ("c", d("20"), d("7.5")), ("d", d("5"), nil),
                                   ("e", nil, d("9"))])
        #expect(ranked.map(\.region) == ["b", "c", "a", "d", "e"])  // e reported a growth alone: last, ranked by growth only
        #expect(ranked.map(\.rank) == [1, 1, 3, 4, nil])
        #expect(ranked.map(\.yoyRank) == [3, 2, 3, nil, 1])
    }

    /// 单位工业增加值能耗: a fall is good news, so the smallest value and the lowest growth rank first.
    @Test func lowerIsBetterRanksTheSmallestFirst() {
        let ranked = Ranking.rank([("a", d("0.52"), d("-5")), ("b", d("0.40"), d("-12.4")), ("c", d("0.61"), d("-4.3"))], better: .lower)
        #expect(ranked.map(\.region) == ["b", "a", "c"])
        #expect(ranked.map(\.yoyRank) == [1, 2, 3])
    }

    /// "自3月起已经连续8个月居台州第一": the streak counts the months, ending at the period, that the
    /// region held the same rank; a month it did not report, or held another rank, ends it.
    @Test func streaksCountTheMonthsTheSameRankWasHeld() {
        func month(_ linhai: String?, _ other: String) -> [Ranking.Child] {
            [("331082", d("100"), linhai.map(d)), ("331002", d("200"), d(other))]
        }
        let months = [month("1", "2"), month("3", "2"), month("4", "2"), month("5", "5")]
        let p = Ranking.position(of: "331082", parent: "331000", months: months, better: .higher)
        #expect(p == RankPosition(parent: "331000", of: 2, value: 2, yoy: 1, valueStreak: 4, yoyStreak: 3))
        let gap = Ranking.position(of: "331082", parent: "331000", months: [month("3", "2"), [("331002", d("1"), nil)], month("4", "2")],
                                   better: .higher)
        #expect(gap?.yoyStreak == 1 && gap?.valueStreak == 1)
    }

    @Test func monthOnMonthRoundsHalfAwayFromZero() {
        #expect(Ranking.monthOnMonth(d("87.5"), d("80"))?.description == "9.4")   // 9.375
        #expect(Ranking.monthOnMonth(d("72.5"), d("80"))?.description == "-9.4")  // −9.375
        #expect(Ranking.monthOnMonth(d("1"), d("0")) == nil)
        #expect(Ranking.monthOnMonth(nil, d("1")) == nil)
    }
}

@Suite struct TargetTests {
    func light(_ value: String, of goal: String, month: Int) -> Light? {
        TargetProgress(targets: TargetSet(level: d(goal)), kind: .flow, value: d(value), yoy: nil, month: month).light
    }

    @Test func levelLightsAtTheBoundaries() {
        // November: time progress 91.666…%. 550 of 600 is exactly on time.
        #expect(light("550", of: "600", month: 11) == .green)
        #expect(light("549.99", of: "600", month: 11) == .yellow)
        #expect(light("520", of: "600", month: 11) == .yellow)   // exactly 5 points below
        #expect(light("519.99", of: "600", month: 11) == .red)
        let p = TargetProgress(targets: TargetSet(level: d("500")), kind: .flow, value: d("510"), yoy: nil, month: 11)
        #expect(p.progress?.description == "102.0" && p.timeProgress?.description == "91.7" && p.light == .green)
    }

    @Test func growthLights() {
        func growth(_ yoy: String) -> Light? { TargetProgress(targets: TargetSet(growth: d("10")), kind: .flow, value: nil, yoy: d(yoy), month: 6).light }
        // A growth target alone shows time progress as in v1, whatever the kind.
        #expect(TargetProgress(targets: TargetSet(growth: d("10")), kind: .stock, value: nil, yoy: d("9"), month: 6).timeProgress?.description == "50.0")
        #expect(growth("10.0") == .green)
        #expect(growth("9.99") == .yellow)
        #expect(growth("9") == .yellow)
        #expect(growth("8.9") == .red)
    }
}
