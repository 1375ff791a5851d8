import HuizongCore
import HuizongPostgres

/// What a view shows beyond its own row (PROTOCOL.md v1.1): the region's rank among its parent's
/// children with its streaks, and month on month. Both are read when a view is read — for a query
/// or an event being composed, never on the write path — from the stored figures of the region's
/// siblings in the year up to the period (a parent's children, not every region) and of the
/// region's two previous months: two queries for any number of views, each row a lookup by key.
enum RankStore {
    static func enrich(_ c: Connection, _ views: inout [AggregateView?], tree: RegionTree, catalog: Catalog, groups: PeerGroups) throws {
        try ranks(c, &views, tree: tree, catalog: catalog, peerGroups: groups)
        try monthOnMonth(c, &views)
    }

    private struct Group: Hashable {
        let parent: String
        let indicator: String
        let year: Int
    }

    private static func ranks(_ c: Connection, _ views: inout [AggregateView?], tree: RegionTree, catalog: Catalog, peerGroups: PeerGroups) throws {
        var last: [Group: Int] = [:]
        for case let v? in views {
            guard let parent = tree[v.region]?.parent else { continue }
            let g = Group(parent: parent, indicator: v.indicator, year: v.period.year)
            last[g] = max(last[g] ?? 0, v.period.month)
        }
        guard !last.isEmpty else { return }
        let groups = Array(last.keys)
        let rows = try c.execute("""
            SELECT g.o, extract(month FROM m.period)::integer, ch.code, \(FigureStore.childColumns)
            FROM unnest($1::text[], $2::text[], $3::date[], $4::date[]) WITH ORDINALITY AS g (parent, indicator, first, last, o)
            JOIN regions ch ON ch.parent = g.parent
            CROSS JOIN LATERAL generate_series(g.first, g.last, interval '1 month') AS m (period)
            LEFT JOIN LATERAL (SELECT * FROM aggregates a
                               WHERE a.region = ch.code AND a.period = m.period::date AND a.indicator = g.indicator OFFSET 0) a ON true
            LEFT JOIN LATERAL (SELECT * FROM figures f
                               WHERE f.region = ch.code AND f.period = m.period::date AND f.indicator = g.indicator OFFSET 0) f ON true
            WHERE a.region IS NOT NULL OR f.region IS NOT NULL
            """, [PGText.array(groups.map(\.parent)), PGText.array(groups.map(\.indicator)),
                  PGText.array(groups.map { Period(year: $0.year, month: 1)!.firstDay }),
                  PGText.array(groups.map { Period(year: $0.year, month: last[$0]!)!.firstDay })]).rows
        // Per group, per month (1…12), the children as reported then; then each month's ranks, once.
        var children: [[[Ranking.Child]]] = groups.map { _ in Array(repeating: [Ranking.Child](), count: 13) }
        for r in rows {
            guard let o = Int(r[0] ?? ""), let month = Int(r[1] ?? ""), (1...12).contains(month),
                  let ind = catalog[groups[o - 1].indicator] else { continue }
            children[o - 1][month].append(try FigureStore.child(r, at: 2, ind))
        }
        let places = zip(groups, children).map { g, months in
            months.map { Ranking.places($0, better: catalog[g.indicator]?.better ?? .higher) }
        }
        let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
        for i in views.indices {
            guard let v = views[i], let parent = tree[v.region]?.parent,
                  let g = index[Group(parent: parent, indicator: v.indicator, year: v.period.year)] else { continue }
            views[i]?.rank = Ranking.position(of: v.region, parent: parent, places: places[g][1...v.period.month])
        }
        try gaps(c, &views, tree: tree)
        try groupRanks(c, &views, catalog: catalog, groups: peerGroups)
    }

    /// The place of each ranked view's region in each peer group it belongs to (the groups of the
    /// reference snapshot the caller reads with), from the members' stored figures of the year up
    /// to the period: one query for every (group, indicator, year).
    private static func groupRanks(_ c: Connection, _ views: inout [AggregateView?], catalog: Catalog, groups: PeerGroups) throws {
        let ranked = views.indices.filter { views[$0]?.rank != nil }
        guard !ranked.isEmpty, !groups.isEmpty else { return }
        struct Key: Hashable {
            let group: String
            let indicator: String
            let year: Int
        }
        var last: [Key: Int] = [:]
        for i in ranked {
            let v = views[i]!
            for g in groups.of(v.region) {
                let k = Key(group: g.code, indicator: v.indicator, year: v.period.year)
                last[k] = max(last[k] ?? 0, v.period.month)
            }
        }
        guard !last.isEmpty else { return }
        let keys = Array(last.keys)
        var pairGroup: [String?] = [], pairRegion: [String?] = []
        for (o, k) in keys.enumerated() {
            for m in groups[k.group]?.members ?? [] { pairGroup.append(String(o + 1)); pairRegion.append(m) }
        }
        let rows = try c.execute("""
            SELECT g.o, extract(month FROM m.period)::integer, pm.region, \(FigureStore.childColumns)
            FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS g (indicator, first, last, o)
            JOIN unnest($4::integer[], $5::text[]) AS pm (o, region) ON pm.o = g.o
            CROSS JOIN LATERAL generate_series(g.first, g.last, interval '1 month') AS m (period)
            LEFT JOIN LATERAL (SELECT * FROM aggregates a
                               WHERE a.region = pm.region AND a.period = m.period::date AND a.indicator = g.indicator OFFSET 0) a ON true
            LEFT JOIN LATERAL (SELECT * FROM figures f
                               WHERE f.region = pm.region AND f.period = m.period::date AND f.indicator = g.indicator OFFSET 0) f ON true
            WHERE a.region IS NOT NULL OR f.region IS NOT NULL
            """, [PGText.array(keys.map(\.indicator)), PGText.array(keys.map { Period(year: $0.year, month: 1)!.firstDay }),
                  PGText.array(keys.map { Period(year: $0.year, month: last[$0]!)!.firstDay }), PGText.array(pairGroup), PGText.array(pairRegion)]).rows
        var children: [[[Ranking.Child]]] = keys.map { _ in Array(repeating: [Ranking.Child](), count: 13) }
        for r in rows {
            guard let o = Int(r[0] ?? ""), let month = Int(r[1] ?? ""), (1...12).contains(month),
                  let ind = catalog[keys[o - 1].indicator] else { continue }
            children[o - 1][month].append(try FigureStore.child(r, at: 2, ind))
        }
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        for i in ranked {
            let v = views[i]!
            let better = catalog[v.indicator]?.better ?? .higher
            views[i]!.rank!.groups = groups.of(v.region).compactMap { g in
                guard let k = index[Key(group: g.code, indicator: v.indicator, year: v.period.year)] else { return nil }
                return Ranking.groupRank(of: v.region, in: g, months: Array(children[k][1...v.period.month]), better: better)
            }
        }
    }


    /// Each ranked view's gap to its parent's growth as the parent's view shows it (its aggregate's,
    /// else its own figure's): one query, a lookup by key per parent.
    private static func gaps(_ c: Connection, _ views: inout [AggregateView?], tree: RegionTree) throws {
        let ranked = views.indices.filter { views[$0]?.rank != nil }
        guard !ranked.isEmpty else { return }
        let keys = ranked.map { i in views[i]!.rank!.parent }
        let rows = try c.execute("""
            SELECT CASE WHEN a.region IS NOT NULL THEN a.yoy ELSE f.yoy END::text
            FROM unnest($1::text[], $2::date[], $3::text[]) WITH ORDINALITY AS k (region, period, indicator, o)
            LEFT JOIN LATERAL (SELECT a.region, a.yoy FROM aggregates a
                               WHERE a.region = k.region AND a.period = k.period AND a.indicator = k.indicator OFFSET 0) a ON true
            LEFT JOIN LATERAL (SELECT f.yoy FROM figures f
                               WHERE f.region = k.region AND f.period = k.period AND f.indicator = k.indicator OFFSET 0) f ON true
            ORDER BY k.o
            """, [PGText.array(keys), PGText.array(ranked.map { views[$0]!.period.firstDay }),
                  PGText.array(ranked.map { views[$0]!.indicator })]).rows
        for (i, r) in zip(ranked, rows) {
            views[i]!.rank!.gap = Ranking.gap(views[i]!.yoy, try decimal(r[0], "parent's growth for the gap"))
        }
    }

    /// A flow's month figure: as sent, or ytd(M) − ytd(M−1) (January's is its ytd).
    private static func monthOnMonth(_ c: Connection, _ views: inout [AggregateView?]) throws {
        let flows = views.indices.filter { views[$0]?.kind == .flow }
        guard !flows.isEmpty else { return }
        let keys = flows.map { views[$0]! }
        let rows = try c.execute("""
            SELECT k.o, j.n, coalesce(a.value, f.ytd)::text, CASE WHEN a.region IS NULL THEN f.month END::text
            FROM unnest($1::text[], $2::date[], $3::text[]) WITH ORDINALITY AS k (region, period, indicator, o)
            CROSS JOIN generate_series(0, 2) AS j (n)
            LEFT JOIN LATERAL (SELECT a.region, a.value FROM aggregates a
                               WHERE a.region = k.region AND a.period = (k.period - make_interval(months => j.n))::date
                                 AND a.indicator = k.indicator OFFSET 0) a ON true
            LEFT JOIN LATERAL (SELECT f.ytd, f.month FROM figures f
                               WHERE f.region = k.region AND f.period = (k.period - make_interval(months => j.n))::date
                                 AND f.indicator = k.indicator OFFSET 0) f ON true
            """, [PGText.array(keys.map(\.region)), PGText.array(keys.map { $0.period.firstDay }),
                  PGText.array(keys.map(\.indicator))]).rows
        var ytd = Array(repeating: [ExactDecimal?](repeating: nil, count: 3), count: keys.count)
        var month = ytd
        for r in rows {
            guard let o = Int(r[0] ?? ""), let n = Int(r[1] ?? ""), (0...2).contains(n) else { continue }
            ytd[o - 1][n] = try decimal(r[2], "ytd for month on month")
            month[o - 1][n] = try decimal(r[3], "month for month on month")
        }
        for (o, i) in flows.enumerated() {
            var period = keys[o].period
            var months: [ExactDecimal?] = []
            for n in 0...1 {
                if let m = month[o][n] {
                    months.append(m)
                } else if period.month == 1 {
                    months.append(ytd[o][n])
                } else if let now = ytd[o][n], let before = ytd[o][n + 1] {
                    months.append(now - before)
                } else {
                    months.append(nil)
                }
                period = period.previous ?? Period(year: period.year - 1, month: 12)!
            }
            views[i]?.mom = Ranking.monthOnMonth(months[0], months[1])
        }
    }
}
