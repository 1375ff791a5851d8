import HuizongCore
import HuizongPostgres

/// Reading stored figures back, exactly as written.
public enum FigureStore {
    /// A region's own figures for one period (all indicators, or one).
    public static func figures(_ c: Connection, region: String, period: Period, indicator: String?,
                               catalog: Catalog) throws -> [StoredFigure] {
        let rows = try c.execute("""
            SELECT f.indicator, f.ytd::text, f.month::text, f.yoy::text, f.value::text, f.num::text, f.den::text,
                   f.note, s.revision, s.office, to_char(s.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00')
            FROM figures f JOIN submissions s ON s.id = f.submission_id
            WHERE f.region = $1 AND f.period = $2::date AND ($3::text IS NULL OR f.indicator = $3)
            ORDER BY f.indicator
            """, [region, period.firstDay, indicator]).rows
        return rows.compactMap { r in
            guard let ind = catalog[r[0]!] else { return nil }
            let d = { (i: Int) in r[i].flatMap { ExactDecimal($0) } }
            let figure = FigureInput(indicator: ind.code, ytd: d(1), month: d(2), yoy: d(3), value: d(4),
                                     num: d(5), den: d(6), note: r[7])
            return StoredFigure(region: region, period: period, kind: ind.kind, figure: figure,
                                revision: Int(r[8]!) ?? 0, office: r[9]!, updatedAt: r[10]!)
        }
    }
}
