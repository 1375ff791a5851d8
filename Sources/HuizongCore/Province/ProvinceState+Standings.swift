/// Where regions stand in a month: each one's places among its parent's children and in its peer
/// groups, how many are ranked, and its gaps. A batch that changes a region's standing without
/// changing its figure (a sibling overtook it, a group member displaced it, its parent's growth
/// moved its gap) logs that region's figure too, so that its subscribers hear of it (PROTOCOL.md
/// v1.2: "an office subscribed to its own region learns it lost first place").
extension ProvinceState {
    public struct Standing: Sendable, Hashable {
        /// Among the parent's children: places by level and by growth, how many, the gap.
        var rank: Int?, yoyRank: Int?, of = 0, gap: ExactDecimal?
        /// In each peer group, by its code: the same.
        var groups: [String: RankPosition] = [:]
    }

    /// The standing of every region whose place the figures at `keys` can move: for each key's
    /// region and each of its ancestors, its parent's children in that month, and its peer groups'
    /// members. Only the month itself: a streak moves only when the month's place does.
    public func standings(around keys: some Sequence<FigureKey>) -> [FigureKey: Standing] {
        var out: [FigureKey: Standing] = [:]
        var parentsDone = Set<FigureKey>(), groupsDone = Set<FigureKey>()
        for key in keys {
            guard let ind = catalog[key.indicator] else { continue }
            var region = key.region
            while let parent = tree[region]?.parent {
                let whole = FigureKey(region: parent, period: key.period, indicator: key.indicator)
                if parentsDone.insert(whole).inserted {
                    let ranked = Ranking.rank((tree.children[parent] ?? []).compactMap { rankedChild($0, key.period, ind) }, better: ind.better)
                    let parentYoy = shownYoy(whole)
                    for r in ranked {
                        let k = FigureKey(region: r.region, period: key.period, indicator: key.indicator)
                        out[k, default: Standing()].rank = r.rank
                        out[k, default: Standing()].yoyRank = r.yoyRank
                        out[k, default: Standing()].of = ranked.count
                        out[k, default: Standing()].gap = Ranking.gap(r.yoy, parentYoy)
                    }
                }
                for group in groups.of(region) {
                    guard groupsDone.insert(FigureKey(region: group.code, period: key.period, indicator: key.indicator)).inserted else { continue }
                    let month = [group.members.compactMap { rankedChild($0, key.period, ind) }]
                    for member in group.members {
                        guard let g = Ranking.groupRank(of: member, in: group, months: month, better: ind.better) else { continue }
                        out[FigureKey(region: member, period: key.period, indicator: key.indicator), default: Standing()].groups[group.code] = g.position
                    }
                }
                region = parent
            }
        }
        return out
    }

    /// The figures whose standing differs between two readings, but for those the changes at
    /// `keys` log anyway: their own regions' and their ancestors' (logged when the parents are
    /// written, with their new aggregates). In a stable order.
    public func moved(from before: [FigureKey: Standing], to after: [FigureKey: Standing], around keys: some Sequence<FigureKey>) -> [FigureKey] {
        var logged = Set<FigureKey>()
        for key in keys {
            logged.insert(key)
            for a in tree.ancestors(of: key.region) { logged.insert(FigureKey(region: a, period: key.period, indicator: key.indicator)) }
        }
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] && !logged.contains($0) }
            .sorted { ($0.region, $0.period, $0.indicator) < ($1.region, $1.period, $1.indicator) }
    }
}
