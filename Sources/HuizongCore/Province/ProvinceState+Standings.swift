/// Where regions stand in a month: each one's places among its parent's children and in its peer
/// groups, how many are ranked, and its gaps. A batch that changes a region's standing without
/// changing its figure (a sibling overtook it, a group member displaced it, its parent's growth
/// moved its gap) logs that region's figure too, so that its subscribers hear of it (PROTOCOL.md
/// v1.2: "an office subscribed to its own region learns it lost first place").
extension ProvinceState {
    /// A ranking a change can move: a parent's children (or a peer group's members) in a month, for
    /// one indicator.
    public struct Ranked: Hashable, Sendable {
        let whole: String
        let period: Period
        let indicator: String
    }

    /// A region's place in one ranking: by level and by growth, how many are ranked, its gap.
    struct Place: Equatable, Sendable {
        let region: String
        let rank: Int?, yoyRank: Int?, of: Int
        let gap: ExactDecimal?
    }

    /// Every ranking a batch can move, as it stands: compared before and after the batch.
    public struct Standings: Sendable {
        var parents: [Ranked: [Place]] = [:]
        var groups: [Ranked: [Place]] = [:]
    }

    /// What a batch changes: each submission's region, month and indicators.
    public struct Change: Sendable {
        public let region: String
        public let period: Period
        public let indicators: [String]
        public init(region: String, period: Period, indicators: [String]) {
            self.region = region
            self.period = period
            self.indicators = indicators
        }
    }

    /// The rankings `changes` can move: for each changed region and each ancestor, its parent's
    /// children and its peer groups' members, in the month, for the indicators it changed. Grouped
    /// by month first, so that the cost follows the submissions, not their figures times the levels.
    func moveable(_ changes: [Change]) -> (parents: [RegionPeriod: Set<String>], groups: [RegionPeriod: Set<String>]) {
        var parents: [RegionPeriod: Set<String>] = [:], groupMonths: [RegionPeriod: Set<String>] = [:]
        var chains: [String: [String]] = [:]
        for change in changes {
            let chain = chains[change.region] ?? { let c = [change.region] + tree.ancestors(of: change.region); chains[change.region] = c; return c }()
            for (level, region) in chain.enumerated() where level + 1 < chain.count {
                parents[RegionPeriod(region: chain[level + 1], period: change.period), default: []].formUnion(change.indicators)
                for group in groups.of(region) {
                    groupMonths[RegionPeriod(region: group.code, period: change.period), default: []].formUnion(change.indicators)
                }
            }
        }
        return (parents, groupMonths)
    }

    /// Those rankings as they stand. Only the month itself: a streak moves only when its place does.
    public func standings(around changes: [Change]) -> Standings {
        let (parents, groupMonths) = moveable(changes)
        var out = Standings()
        out.parents.reserveCapacity(parents.values.reduce(0) { $0 + $1.count })
        for (whole, indicators) in parents {
            let children = tree.children[whole.region] ?? []
            for code in indicators {
                guard let ind = catalog[code] else { continue }
                let ranked = Ranking.rank(children.compactMap { rankedChild($0, whole.period, ind) }, better: ind.better)
                let parentYoy = shownYoy(FigureKey(region: whole.region, period: whole.period, indicator: code))
                out.parents[Ranked(whole: whole.region, period: whole.period, indicator: code)] = ranked.map {
                    Place(region: $0.region, rank: $0.rank, yoyRank: $0.yoyRank, of: ranked.count, gap: Ranking.gap($0.yoy, parentYoy))
                }
            }
        }
        for (month, indicators) in groupMonths {
            guard let group = groups.list.first(where: { $0.code == month.region }) else { continue }
            for code in indicators {
                guard let ind = catalog[code] else { continue }
                let members = [group.members.compactMap { rankedChild($0, month.period, ind) }]
                out.groups[Ranked(whole: group.code, period: month.period, indicator: code)] = group.members.compactMap { member in
                    Ranking.groupRank(of: member, in: group, months: members, better: ind.better).map {
                        Place(region: member, rank: $0.position.value, yoyRank: $0.position.yoy, of: $0.position.of, gap: $0.position.gap)
                    }
                }
            }
        }
        return out
    }

    /// The figures whose place differs between two readings, but for those the `changes` log
    /// anyway: their own regions' and their ancestors' (logged when the parents are written, with
    /// their new aggregates). In a stable order.
    public func moved(from before: Standings, to after: Standings, around changes: [Change]) -> [FigureKey] {
        var logged: [RegionPeriod: Set<String>] = [:]
        var chains: [String: [String]] = [:]
        for change in changes {
            let chain = chains[change.region] ?? { let c = [change.region] + tree.ancestors(of: change.region); chains[change.region] = c; return c }()
            for region in chain { logged[RegionPeriod(region: region, period: change.period), default: []].formUnion(change.indicators) }
        }
        var moved = Set<FigureKey>()
        for (old, new) in [(before.parents, after.parents), (before.groups, after.groups)] {
            for (ranking, places) in new {
                let was = old[ranking] ?? []
                let changed: [String]
                if was.count == places.count, zip(was, places).allSatisfy({ $0.region == $1.region }) {
                    // The same regions in the same (tree) order: compared in place, no lookup.
                    changed = zip(was, places).filter { $0 != $1 }.map(\.1.region)
                } else {
                    let earlier = Dictionary(was.map { ($0.region, $0) }, uniquingKeysWith: { a, _ in a })
                    let now = Set(places.map(\.region))
                    changed = places.filter { earlier[$0.region] != $0 }.map(\.region) + was.map(\.region).filter { !now.contains($0) }
                }
                for region in changed where logged[RegionPeriod(region: region, period: ranking.period)]?.contains(ranking.indicator) != true {
                    moved.insert(FigureKey(region: region, period: ranking.period, indicator: ranking.indicator))
                }
            }
        }
        return moved.sorted { ($0.region, $0.period, $0.indicator) < ($1.region, $1.period, $1.indicator) }
    }
}
