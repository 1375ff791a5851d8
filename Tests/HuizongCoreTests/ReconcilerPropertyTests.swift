import Testing
@testable import HuizongCore
import HuizongWorkload

/// Random hierarchies with random precisions, filled in by random updates in random order and
/// random batches, consolidated by the writer's state, checked after every batch against a plain
/// recomputation from scratch in integer millionths.
@Suite struct ReconcilerPropertyTests {
    struct World {
        var tree: RegionTree
        var figures: [String: ExactDecimal] = [:]  // region → ytd as written
    }

    static func randomTree(_ random: inout SplitMix64) -> RegionTree {
        var regions = [Region(code: "P", name: "P", parent: nil, level: .province)]
        for c in 0..<Int(1 + random.next(below: 4)) {
            let city = "C\(c)"
            regions.append(Region(code: city, name: city, parent: "P", level: .city))
            for k in 0..<Int(random.next(below: 5)) {  // a city may have no districts (Dongguan)
                regions.append(Region(code: "\(city)K\(k)", name: "k", parent: city, level: .county))
            }
        }
        return RegionTree(regions)
    }

    static func randomFigure(_ random: inout SplitMix64) -> ExactDecimal {
        ExactDecimal(significand: Int128(random.next(below: 100_000)), scale: Int(random.next(below: 4)))
    }

    /// The reference: value, tolerance (both in millionths), status, computed by recursion. A parent
    /// is complete when every child reported and none of them is a partial sum.
    static func reference(_ w: World, _ region: String) -> (value: Int128, tolerance: Int128, status: String, final: Bool)? {
        func micro(_ x: ExactDecimal) -> Int128 { x.significand * ExactDecimal.powerOfTen(6 - x.scale) }
        func half(_ x: ExactDecimal) -> Int128 { 5 * ExactDecimal.powerOfTen(5 - x.scale) }
        let kids = w.tree.children[region] ?? []
        let own = w.figures[region]
        if kids.isEmpty { return own.map { (micro($0), half($0), "complete", true) } }
        let reported = kids.compactMap { reference(w, $0) }
        var sum: Int128 = 0, tolerance: Int128 = 0
        for r in reported { sum += r.value; tolerance += r.tolerance }
        let complete = reported.count == kids.count && reported.allSatisfy(\.final)
        guard let own else { return reported.isEmpty ? nil : (sum, tolerance, complete ? "complete" : "partial", complete) }
        let gap = micro(own) > sum ? micro(own) - sum : sum - micro(own)
        let status = !complete ? "partial" : gap > half(own) + tolerance ? "disputed" : "complete"
        return (micro(own), half(own), status, true)
    }

    /// Updates go to a province's state in random batches, as the writer decides them; after every
    /// batch each parent, consolidated in memory from its children, equals the reference.
    @Test(arguments: 0..<200)
    func batchesMatchRecomputation(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 1)
        var world = World(tree: Self.randomTree(&random))
        let period = Period("2023-11")!
        var state = ProvinceState(province: "P", tree: world.tree, catalog: catalog, version: 0)
        let now = Timestamp(microseconds: 0)
        state.finishLoading(years: ProvinceState.years(for: period), version: 0, consolidationBehind: false, at: now)
        var revisions: [String: Int] = [:]
        var ids = ArraySlice(Array(Int64(1)...Int64(10_000)))
        let codes = world.tree.regions.keys.sorted()
        for _ in 0..<Int(1 + random.next(below: 12)) {
            var batch: [BatchItem] = []
            for _ in 0..<Int(1 + random.next(below: 4)) {
                let region = codes[Int(random.next(below: UInt64(codes.count)))]
                var value = Self.randomFigure(&random)
                // Parents often report the exact sum, rounded to fewer decimals, as real cities do.
                if world.tree.children[region] != nil, random.next(below: 2) == 0, let r = Self.reference(world, region) {
                    value = ExactDecimal(significand: r.value, scale: 6).rounded(to: Int(random.next(below: 3)))
                }
                world.figures[region] = value
                revisions[region, default: 0] += 1
                let s = Submission(key: "\(region)-\(revisions[region]!)", region: region, period: period, revision: revisions[region]!,
                                   figures: [FigureInput(indicator: "ind_output", ytd: value)])
                batch.append(BatchItem(office: region, submission: s, hash: s.contentHash, warnings: [], dryRun: false))
            }
            let decided = state.decide(batch, ids: &ids, at: now)
            #expect(decided.outcomes.allSatisfy { if case .accepted = $0 { true } else { false } }, "seed \(seed): \(decided.outcomes)")
            _ = state.flush()
            // After every batch, every parent agrees with the recomputation.
            for (parent, _) in world.tree.children {
                let key = FigureKey(region: parent, period: period, indicator: "ind_output")
                let expected = Self.reference(world, parent)
                let got = state.aggregate(key)?.consolidated
                #expect(got?.amounts[0].value == expected.map { ExactDecimal(significand: $0.value, scale: 6) }, "seed \(seed), \(parent)")
                #expect(got?.amounts[0].tolerance == expected.map { ExactDecimal(significand: $0.tolerance, scale: 6) }, "seed \(seed), \(parent)")
                // The sum is written with as many decimals as its most precise reporting part.
                if let sum = state.aggregate(key)?.reconciliation.sum?.amounts[0].value {
                    let parts = (world.tree.children[parent] ?? []).compactMap {
                        state.aggregate(FigureKey(region: $0, period: period, indicator: "ind_output"))?.consolidated?.amounts[0].value ?? world.figures[$0]
                    }
                    #expect(sum.scale == parts.map(\.scale).max(), "seed \(seed), \(parent)")
                }
                let open = state.view(key)?.conflict != nil
                #expect(open == (expected?.status == "disputed"), "seed \(seed), \(parent)")
            }
        }
    }
}
