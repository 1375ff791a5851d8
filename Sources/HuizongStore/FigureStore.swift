import HuizongCore
import HuizongPostgres

/// Reading stored figures back, exactly as written.
public enum FigureStore {
    /// The regions' own figures for one period (all indicators, or one), in the order of `regions`
    /// and then by indicator, in one query.
    public static func figures(_ c: Connection, regions: [String], period: Period, indicator: String?,
                               catalog: Catalog) throws -> [StoredFigure] {
        let rows = try c.execute("""
            SELECT f.region, f.indicator, f.ytd::text, f.month::text, f.yoy::text, f.value::text, f.num::text,
                   f.den::text, f.note, s.revision, s.office,
                   to_char(s.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00')
            FROM unnest($1::text[]) WITH ORDINALITY AS r (region, position)
            JOIN figures f ON f.region = r.region
            JOIN submissions s ON s.id = f.submission_id
            WHERE f.period = $2::date AND ($3::text IS NULL OR f.indicator = $3)
            ORDER BY r.position, f.indicator
            """, [PGText.array(regions), period.firstDay, indicator]).rows
        return rows.compactMap { r in
            guard let ind = catalog[r[1]!] else { return nil }
            let d = { (i: Int) in r[i].flatMap { ExactDecimal($0) } }
            let figure = FigureInput(indicator: ind.code, ytd: d(2), month: d(3), yoy: d(4), value: d(5),
                                     num: d(6), den: d(7), note: r[8])
            return StoredFigure(region: r[0]!, period: period, kind: ind.kind, figure: figure,
                                revision: Int(r[9]!) ?? 0, office: r[10]!, updatedAt: r[11]!)
        }
    }

    /// What readers see for the regions in one period: each parent's aggregate with its own figure,
    /// and each other region's own figure; in the order of `regions`, then by indicator.
    public static func aggregates(_ c: Connection, regions: [String], period: Period, indicator: String?,
                                  catalog: Catalog) throws -> [AggregateView] {
        let own = try figures(c, regions: regions, period: period, indicator: indicator, catalog: catalog)
        let rows = try c.execute("""
            SELECT a.region, a.indicator, a.value::text, a.yoy::text, a.own::text, a.sum::text, a.amount::text,
                   a.den::text, a.reported, a.expected, a.status,
                   (SELECT c.id FROM conflicts c WHERE c.region = a.region AND c.period = a.period
                        AND c.indicator = a.indicator AND c.state <> 'closed'
                    ORDER BY c.state = 'open' DESC, c.id LIMIT 1)
            FROM unnest($1::text[]) AS r (region)
            JOIN aggregates a ON a.region = r.region
            WHERE a.period = $2::date AND ($3::text IS NULL OR a.indicator = $3)
            """, [PGText.array(regions), period.firstDay, indicator]).rows
        var byRegion: [String: [String: AggregateView]] = [:]
        for r in rows {
            guard let ind = catalog[r[1]!] else { continue }
            let d = { (i: Int) in r[i].flatMap { ExactDecimal($0) } }
            byRegion[r[0]!, default: [:]][ind.code] = AggregateView(
                region: r[0]!, period: period, indicator: ind.code, kind: ind.kind, value: d(2), yoy: d(3), own: d(4),
                sum: d(5), num: ind.kind == .ratio ? d(6) : nil, den: d(7), reported: Int(r[8]!) ?? 0,
                expected: Int(r[9]!) ?? 0, status: r[10]!, conflict: r[11].flatMap { Int64($0) }, figure: nil)
        }
        for f in own {
            if byRegion[f.region]?[f.indicator] != nil {
                byRegion[f.region]![f.indicator]!.figure = f
            } else {
                byRegion[f.region, default: [:]][f.indicator] = AggregateView(leaf: f)
            }
        }
        return regions.flatMap { region in (byRegion[region] ?? [:]).values.sorted { $0.indicator < $1.indicator } }
    }
}
