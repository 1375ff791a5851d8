import HuizongCore
import HuizongPostgres

/// Reading figures back as readers see them, exactly as written.
public enum FigureStore {
    /// What readers see for the regions in one period: each parent's aggregate with its own figure,
    /// and each other region's own figure; in the order of `regions`, then by indicator.
    public static func aggregates(_ c: Connection, regions: [String], period: Period, indicator: String?,
                                  tree: RegionTree, catalog: Catalog, groups: PeerGroups) throws -> [AggregateView] {
        let indicators = indicator.map { [$0] } ?? catalog.indicators.keys.sorted()
        return try views(c, regions.flatMap { r in indicators.map { FigureKey(region: r, period: period, indicator: $0) } },
                         tree: tree, catalog: catalog, groups: groups).compactMap { $0 }
    }

    /// The view of each key, in order; nil where nothing is reported: the stored figures and
    /// aggregates (one query, a lookup by primary key per key), then ranks and month on month.
    public static func views(_ c: Connection, _ keys: [FigureKey], tree: RegionTree, catalog: Catalog, groups: PeerGroups) throws -> [AggregateView?] {
        var views = try stored(c, keys, catalog: catalog)
        try RankStore.enrich(c, &views, tree: tree, catalog: catalog, groups: groups)
        try ReviewStore.enrich(c, &views, tree: tree)
        return views
    }

    static func stored(_ c: Connection, _ keys: [FigureKey], catalog: Catalog) throws -> [AggregateView?] {
        guard !keys.isEmpty else { return [] }
        let rows = try c.execute("""
            SELECT a.region IS NOT NULL, a.value::text, a.yoy::text, a.own::text, a.sum::text, a.amount::text, a.den::text,
                   a.reported, a.expected, a.status,
                   (SELECT c.id FROM conflicts c WHERE c.region = k.region AND c.period = k.period
                        AND c.indicator = k.indicator AND c.state <> 'closed'
                    ORDER BY c.state = 'open' DESC, c.id LIMIT 1),
                   f.region IS NOT NULL, \(figureColumns),
                   f.note, s.revision, s.office,
                   to_char(s.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00'),
                   t.ytd::text, t.yoy::text,
                   EXISTS (WITH RECURSIVE up (code) AS (
                               SELECT k.region
                               UNION ALL
                               SELECT r.parent FROM regions r JOIN up ON r.code = up.code WHERE r.parent IS NOT NULL)
                           SELECT 1 FROM up JOIN period_locks l ON l.region = up.code AND l.period = k.period),
                   t.share::text, t.share_of,
                   CASE WHEN t.share_of IS NOT NULL THEN coalesce(
                       (SELECT w.value FROM aggregates w WHERE w.region = k.region AND w.period = k.period AND w.indicator = t.share_of),
                       (SELECT w.ytd FROM figures w WHERE w.region = k.region AND w.period = k.period AND w.indicator = t.share_of))::text END,
                   a.estimate, f.year_estimate::text, a.year_estimate::text,
                   array_to_string(ARRAY(SELECT DISTINCT g.code FROM figure_flags g WHERE g.region = k.region AND g.period = k.period
                                         AND g.indicator = k.indicator ORDER BY g.code), ',')
            FROM unnest($1::text[], $2::date[], $3::text[]) WITH ORDINALITY AS k (region, period, indicator, o)
            LEFT JOIN LATERAL (SELECT * FROM aggregates a
                               WHERE a.region = k.region AND a.period = k.period AND a.indicator = k.indicator OFFSET 0) a ON true
            LEFT JOIN LATERAL (SELECT * FROM figures f
                               WHERE f.region = k.region AND f.period = k.period AND f.indicator = k.indicator OFFSET 0) f ON true
            LEFT JOIN LATERAL (SELECT * FROM submissions s WHERE s.id = f.submission_id OFFSET 0) s ON true
            LEFT JOIN LATERAL (SELECT * FROM targets t WHERE t.region = k.region AND t.year = extract(year FROM k.period)::integer
                                                         AND t.indicator = k.indicator OFFSET 0) t ON true
            ORDER BY k.o
            """, [PGText.array(keys.map(\.region)), PGText.array(keys.map { $0.period.firstDay }),
                  PGText.array(keys.map(\.indicator))]).rows
        return try zip(keys, rows).map { key, r in
            guard let ind = catalog[key.indicator] else { return nil }
            let d = { (i: Int) throws in try decimal(r[i], "aggregate view column \(i) of \(key)") }
            var own: StoredFigure?
            if r[11] == "t" {
                var figure = try FigureInput(indicator: ind.code, row: r, from: 12)
                figure.note = r[19]
                figure.yearEstimate = try d(30)
                own = StoredFigure(region: key.region, period: key.period, kind: ind.kind, figure: figure,
                                   revision: Int(r[20] ?? "") ?? 0, office: r[21] ?? "", updatedAt: r[22] ?? "")
            }
            var view: AggregateView
            if r[0] == "t" {
                view = AggregateView(region: key.region, period: key.period, indicator: ind.code, kind: ind.kind, value: try d(1),
                                     yoy: try d(2), own: try d(3), sum: try d(4), num: ind.kind == .ratio ? try d(5) : nil, den: try d(6),
                                     reported: Int(r[7]!) ?? 0, expected: Int(r[8]!) ?? 0, status: r[9]!,
                                     conflict: r[10].flatMap { Int64($0) }, figure: own)
                view.estimate = r[29] == "t"
                let summed = try d(31)
                view.yearEstimate = own?.figure.yearEstimate ?? summed
            } else if let own {
                view = AggregateView(leaf: own)
            } else {
                return nil
            }
            view.locked = r[25] == "t"
            view.flags = (r[32] ?? "").split(separator: ",").map(String.init)
            let targets = TargetSet(level: try d(23), growth: try d(24), share: try d(26), shareOf: r[27])
            if !targets.isEmpty {
                let whole = try d(28)
                view.target = TargetProgress(targets: targets, kind: ind.kind, value: view.value, yoy: view.yoy,
                                             month: key.period.month, better: ind.better, yearEstimate: view.yearEstimate, shareParts: view.value.flatMap { v in whole.map { (v, $0) } })
            }
            return view
        }
    }

    /// Each parent's children that reported, with the level and growth their rankings use.
    public static func children(_ c: Connection, of keys: [FigureKey], catalog: Catalog)
        throws -> [FigureKey: [Ranking.Child]] {
        guard !keys.isEmpty else { return [:] }
        let rows = try c.execute("""
            SELECT k.region, to_char(k.period, 'YYYY-MM'), k.indicator, ch.code, \(childColumns)
            FROM unnest($1::text[], $2::date[], $3::text[]) AS k (region, period, indicator)
            JOIN regions ch ON ch.parent = k.region
            LEFT JOIN LATERAL (SELECT * FROM aggregates a
                               WHERE a.region = ch.code AND a.period = k.period AND a.indicator = k.indicator OFFSET 0) a ON true
            LEFT JOIN LATERAL (SELECT * FROM figures f
                               WHERE f.region = ch.code AND f.period = k.period AND f.indicator = k.indicator OFFSET 0) f ON true
            WHERE a.region IS NOT NULL OR f.region IS NOT NULL
            """, [PGText.array(keys.map(\.region)), PGText.array(keys.map { $0.period.firstDay }),
                  PGText.array(keys.map(\.indicator))]).rows
        var out: [FigureKey: [Ranking.Child]] = [:]
        for r in rows {
            guard let period = Period(r[1]!), let ind = catalog[r[2]!] else { continue }
            out[FigureKey(region: r[0]!, period: period, indicator: ind.code), default: []].append(try child(r, at: 3, ind))
        }
        return out
    }

    /// A child as rankings see it, selected after its code by `childColumns` from its aggregate `a`
    /// (a parent's consolidated figure) and its own figure `f`.
    static let childColumns = "a.value::text, a.yoy::text, f.ytd::text, f.value::text, f.num::text, f.den::text, f.yoy::text"

    /// The child whose code is column `at` of a row: its aggregate's level and growth, else its own
    /// figure's headline level and growth.
    static func child(_ r: [String?], at code: Int, _ ind: Indicator) throws -> Ranking.Child {
        let d = { (i: Int) throws in try decimal(r[code + i], "child figure column \(i) of \(r[code] ?? "")") }
        let figure = FigureInput(indicator: ind.code, ytd: try d(3), value: try d(4), num: try d(5), den: try d(6))
        return (r[code]!, try d(1) ?? Growth.level(of: figure, ind.kind), try d(2) ?? d(7))
    }
}
