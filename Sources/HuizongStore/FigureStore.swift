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
}
