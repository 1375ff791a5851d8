import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import NIOCore

extension SubmissionWriter {
    /// Sets a region's annual target for an indicator and logs an event for each of its periods of
    /// that year, so that subscribers see the new progress and light.
    func setTarget(_ t: TargetRequest, office: String, on eventLoop: EventLoop) -> EventLoopFuture<Result<Void, Error>> {
        var level: String?, growth: String?
        switch t.target {
        case .level(let x): level = x.description
        case .growth(let x): growth = x.description
        }
        let upsert = Statement("""
            INSERT INTO targets (region, year, indicator, ytd, yoy, set_by) VALUES ($1, $2::integer, $3, $4::numeric, $5::numeric, $6)
            ON CONFLICT (region, year, indicator) DO UPDATE SET ytd = EXCLUDED.ytd, yoy = EXCLUDED.yoy,
                set_by = EXCLUDED.set_by, set_at = now()
            """, [t.region, String(t.year), t.indicator, level, growth, office])
        let log = ConsolidationStore.log(with: """
            WITH p AS (SELECT period FROM aggregates WHERE region = $1 AND indicator = $3
                           AND period >= make_date($2::integer, 1, 1) AND period < make_date($2::integer + 1, 1, 1)
                       UNION
                       SELECT period FROM figures WHERE region = $1 AND indicator = $3
                           AND period >= make_date($2::integer, 1, 1) AND period < make_date($2::integer + 1, 1, 1)),
            k AS (SELECT $1::text AS region, period, $3::text AS indicator, period AS o FROM p)
            """, [t.region, String(t.year), t.indicator])
        return job(on: eventLoop) { connection in
            try Self.rollbackOnError(try connection.pipeline([Statement("BEGIN"), upsert] + log + [Statement("COMMIT")]), connection)
        }
    }

    /// Locks or unlocks a region's period, under the advisory lock every writing transaction for
    /// that region or below takes: a submission commits either before the lock or not at all.
    /// Returns whether anything changed (locking a locked period changes nothing).
    func setLock(region: String, period: Period, locked: Bool, office: String, on eventLoop: EventLoop) -> EventLoopFuture<Result<Bool, Error>> {
        // One statement: change the lock, record it, and (only if it changed) log every figure of the
        // region and everything under it in that period, whose `locked` it changes.
        let change = locked
            ? "INSERT INTO period_locks (region, period, locked_by) VALUES ($1, $2::date, $3) ON CONFLICT DO NOTHING RETURNING region"
            : "DELETE FROM period_locks WHERE region = $1 AND period = $2::date RETURNING region"
        let statements = ConsolidationStore.log(with: """
            WITH RECURSIVE changed AS (\(change)),
            history AS (INSERT INTO lock_history (region, period, action, office)
                        SELECT $1, $2::date, $4, $3 FROM changed RETURNING 1),
            down (code) AS (SELECT region FROM changed UNION ALL SELECT r.code FROM regions r JOIN down ON r.parent = down.code),
            figures_under AS (SELECT a.region, a.indicator FROM down JOIN aggregates a ON a.region = down.code AND a.period = $2::date
                              UNION
                              SELECT f.region, f.indicator FROM down JOIN figures f ON f.region = down.code AND f.period = $2::date),
            k AS (SELECT region, $2::date AS period, indicator, region || '/' || indicator AS o FROM figures_under)
            """, [region, period.firstDay, office, locked ? "lock" : "unlock"], alsoSelect: "(SELECT count(*) FROM changed)")
        let pair = ConsolidationStore.Parent(region: region, period: period)
        return job(on: eventLoop) { connection in
            let outcomes = try connection.pipeline([Statement("BEGIN"), ConsolidationStore.lock([pair])] + statements + [Statement("COMMIT")])
            try Self.rollbackOnError(outcomes, connection)
            return try outcomes[3].get().scalar == "1"
        }
    }
}
