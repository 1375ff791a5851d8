@testable import HuizongCore
import Testing

/// The writer's decisions, without a database (issue 16): a province's state decides a batch in
/// arrival order, each submission seeing the ones accepted before it, consolidates the parents in
/// memory, and says what to write.
@Suite struct ProvinceStateTests {
    static let now = Timestamp(microseconds: 755_000_000_000_000)  // 2023-12-05, a weekday at noon in Zhoushan
    static let november = Period(year: 2023, month: 11)!

    func state() -> ProvinceState {
        var s = ProvinceState(province: "330000", tree: zhejiang, catalog: catalog, version: 0)
        s.finishLoading(years: [2021, 2022, 2023], version: 0, consolidationBehind: false, at: Self.now)
        return s
    }

    func item(_ key: String, _ region: String, period: Period = november, revision: Int = 1, office: String? = nil, dryRun: Bool = false,
              _ figures: [FigureInput]) -> BatchItem {
        let s = Submission(key: key, region: region, period: period, revision: revision, figures: figures)
        return BatchItem(office: office ?? region, submission: s, hash: s.contentHash, warnings: [], dryRun: dryRun)
    }

    func ship(_ ytd: String, yoy: String? = nil, note: String? = nil) -> FigureInput {
        FigureInput(indicator: "ship_output", ytd: ExactDecimal(ytd)!, yoy: yoy.map { ExactDecimal($0)! }, note: note)
    }

    func decide(_ s: inout ProvinceState, _ items: [BatchItem], ids: [Int64] = Array(1...100)) -> ProvinceState.Decisions {
        var pool = ArraySlice(ids)
        return s.decide(items, ids: &pool, at: Self.now)
    }

    @Test func eachSubmissionSeesTheOnesAcceptedBeforeItInTheSameBatch() {
        var s = state()
        let d = decide(&s, [
            item("a", "330902", [ship("10.5")]),
            item("a", "330902", [ship("10.5")]),                       // the same key and content: a duplicate
            item("a", "330902", revision: 2, [ship("11")]),             // the same key, other content
            item("b", "330902", [ship("12")]),                          // revision 1 again: stale
            item("c", "330902", period: Period(year: 2023, month: 12)!, [ship("9")]),  // December below November
            item("d", "330902", revision: 2, [ship("10.50", note: "复核")]),
        ])
        #expect(d.outcomes.map(Self.code) == ["accepted", "duplicate", "key_reused", "stale_revision", "validation_failed", "accepted"])
        #expect(d.writes.submissions.map(\.key) == ["a", "d"])
        // The revision replaced the ytd as written (10.5 → 10.50) and added a note: its history.
        #expect(d.writes.submissions[1].changes.map { "\($0.field) \($0.old ?? "∅")→\($0.new ?? "∅")" } == ["ytd 10.5→10.50", "note ∅→复核"])
        // One figure row, the last written, new to the database; one revision row, the last.
        #expect(d.writes.figures.count == 1 && d.writes.figures[0].isNew && d.writes.figures[0].figure.ytd?.description == "10.50")
        #expect(d.writes.revisions.map(\.revision) == [2])
        // The county's figure is logged; its city and province are consolidated and left dirty.
        #expect(d.writes.logged.map(\.region) == ["330902"])
        #expect(s.dirty == [FigureKey(region: "330900", period: Self.november, indicator: "ship_output"),
                            FigureKey(region: "330000", period: Self.november, indicator: "ship_output")])
        #expect(s.aggregate(FigureKey(region: "330900", period: Self.november, indicator: "ship_output"))?.value?.description == "10.50")
    }

    @Test func aLockOnAnAncestorRefusesBeforeAnyOtherVerdict() {
        var s = state()
        #expect(s.setLock(region: "330900", period: Self.november, locked: true) == [])
        let d = decide(&s, [item("a", "330902", revision: 0, [ship("1")])])
        #expect(d.outcomes.map(Self.code) == ["period_locked"])
        #expect(s.setLock(region: "330900", period: Self.november, locked: true) == nil)  // locked already: nothing to write
        #expect(s.setLock(region: "330900", period: Self.november, locked: false) == [])
        #expect(decide(&s, [item("a", "330902", [ship("1")])]).outcomes.map(Self.code) == ["accepted"])
    }

    @Test func aConflictOpenedIsToldToEverySubmissionThatTouchedIt() {
        var s = state()
        _ = decide(&s, [item("d", "330902", [ship("10")]), item("p", "330903", [ship("20")]), item("z", "330971", [ship("0")])])
        // Every district reported: the city's own figure disagrees with their 30.
        let d = decide(&s, [item("city", "330900", office: "330900", [ship("35")])])
        guard case .accepted(_, let warnings)? = d.outcomes[0] else { Issue.record("\(d.outcomes)"); return }
        #expect(warnings.map(\.code) == ["conflict_opened"])
        let key = FigureKey(region: "330900", period: Self.november, indicator: "ship_output")
        #expect(s.aggregate(key)?.status == .disputed)
        let flush = s.flush()
        #expect(flush.opened.count == 1 && flush.opened[0].own.description == "35" && flush.opened[0].sum.description == "30")
        #expect(flush.logged.first == key && s.dirty.isEmpty)
        // The database's id replaces the provisional one; a revision that makes the sides agree closes it.
        s.assignConflictIDs([(flush.opened[0].provisional, 41)])
        #expect(s.view(key)?.conflict == 41)
        _ = decide(&s, [item("p2", "330903", revision: 2, [ship("25")])])
        let closing = s.flush()
        #expect(closing.closed.map(\.id) == [41])
        // Recorded with the children as they stood while it was disputed.
        #expect(closing.closed[0].children.map { "\($0.region) \($0.value?.description ?? "")" } == ["330902 10", "330903 20", "330971 0"])
    }

    @Test func aDryRunIsDecidedOnTopOfTheBatchAndLeavesNothing() {
        var s = state()
        _ = decide(&s, [item("d", "330902", [ship("10")]), item("z", "330971", [ship("0")]), item("city", "330900", office: "330900", [ship("30")])])
        let d = decide(&s, [item("p", "330903", [ship("20")]), item("dry", "330902", revision: 2, dryRun: true, [ship("15")])])
        guard case .valid(_, let warnings)? = d.outcomes[1] else { Issue.record("\(d.outcomes)"); return }
        // With 330903's 20 accepted before it, 15 + 20 disagrees with the city's 30.
        #expect(warnings.map(\.code) == ["conflict_opened"])
        #expect(d.writes.submissions.map(\.key) == ["p"])
        #expect(s.figure("330902", Self.november, "ship_output")?.ytd?.description == "10")
        #expect(s.revision("330902", Self.november) == 1)
    }

    @Test func submissionsBeyondTheIDsAtHandWaitForTheNextBatch() {
        var s = state()
        let d = decide(&s, [item("a", "330902", [ship("1")]), item("b", "330903", [ship("2")])], ids: [7])
        #expect(d.outcomes[0].map(Self.code) == "accepted" && d.outcomes[1] == nil)
        #expect(d.writes.submissions.map(\.id) == [7])
    }

    @Test func viewsComposedFromTheStateCarryRanksTargetsAndLocks() {
        var s = state()
        _ = decide(&s, [item("d", "330902", [ship("10", yoy: "5.0")]), item("p", "330903", [ship("20", yoy: "2.0")])])
        _ = s.setTargets(TargetSet(level: ExactDecimal("40")!), region: "330900", year: 2023, indicator: "ship_output")
        _ = s.setLock(region: "330900", period: Self.november, locked: true)
        let key = FigureKey(region: "330902", period: Self.november, indicator: "ship_output")
        let view = s.view(key)
        #expect(view?.rank?.value == 2 && view?.rank?.yoy == 1 && view?.rank?.of == 2 && view?.locked == true)
        let city = s.event(seq: 9, FigureKey(region: "330900", period: Self.november, indicator: "ship_output"))
        #expect(city?.view.value?.description == "30" && city?.view.target?.progress?.description == "75.0")
        #expect(city?.ranking.map(\.region) == ["330903", "330902"])
    }

    static func code(_ outcome: SubmitOutcome?) -> String {
        switch outcome {
        case .accepted?: return "accepted"
        case .duplicate?: return "duplicate"
        case .valid?: return "valid"
        case .rejected(let code, _, _)?: return code.rawValue
        case nil: return "later"
        }
    }
}
