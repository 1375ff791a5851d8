import HuizongCore
import HuizongPostgres

/// Annual targets: set (upserted) with an event for every period of the year the region has a figure
/// in, so that subscribers see the new progress.
public enum TargetStore {
    /// Sets the targets given, keeping the others of the same region, year and indicator (a level
    /// and a growth target may stand together).
    public static func set(region: String, year: Int, indicator: String, targets t: TargetSet, office: String) -> [Statement] {
        let upsert = Statement("""
            INSERT INTO targets (region, year, indicator, ytd, yoy, share, share_of, set_by)
            VALUES ($1, $2::integer, $3, $4::numeric, $5::numeric, $6::numeric, $7, $8)
            ON CONFLICT (region, year, indicator) DO UPDATE SET ytd = coalesce(EXCLUDED.ytd, targets.ytd),
                yoy = coalesce(EXCLUDED.yoy, targets.yoy), share = coalesce(EXCLUDED.share, targets.share),
                share_of = coalesce(EXCLUDED.share_of, targets.share_of), set_by = EXCLUDED.set_by, set_at = now()
            """, [region, String(year), indicator, t.level?.description, t.growth?.description, t.share?.description,
                  t.shareOf, office])
        let log = EventStore.append(with: """
            WITH p AS (SELECT period FROM aggregates WHERE region = $1 AND indicator = $3
                           AND period >= make_date($2::integer, 1, 1) AND period < make_date($2::integer + 1, 1, 1)
                       UNION
                       SELECT period FROM figures WHERE region = $1 AND indicator = $3
                           AND period >= make_date($2::integer, 1, 1) AND period < make_date($2::integer + 1, 1, 1)),
            k AS (SELECT $1::text AS region, period, $3::text AS indicator, period AS o FROM p)
            """, [region, String(year), indicator])
        return [upsert, log]
    }
}

/// Period locks: one statement changes the lock, records it, and (only if it changed) logs every
/// figure of the region and everything under it in that period, whose `locked` it changes. Its one
/// row says whether anything changed.
public enum LockStore {
    public static func set(region: String, period: Period, locked: Bool, office: String) -> Statement {
        let change = locked
            ? "INSERT INTO period_locks (region, period, locked_by) VALUES ($1, $2::date, $3) ON CONFLICT DO NOTHING RETURNING region"
            : "DELETE FROM period_locks WHERE region = $1 AND period = $2::date RETURNING region"
        return EventStore.append(with: """
            WITH RECURSIVE changed AS (\(change)),
            history AS (INSERT INTO lock_history (region, period, action, office)
                        SELECT $1, $2::date, $4, $3 FROM changed RETURNING 1),
            down (code) AS (SELECT region FROM changed UNION ALL SELECT r.code FROM regions r JOIN down ON r.parent = down.code),
            figures_under AS (SELECT a.region, a.indicator FROM down JOIN aggregates a ON a.region = down.code AND a.period = $2::date
                              UNION
                              SELECT f.region, f.indicator FROM down JOIN figures f ON f.region = down.code AND f.period = $2::date),
            k AS (SELECT region, $2::date AS period, indicator, region || '/' || indicator AS o FROM figures_under)
            """, [region, period.firstDay, office, locked ? "lock" : "unlock"], alsoSelect: "(SELECT count(*) FROM changed)")
    }
}
