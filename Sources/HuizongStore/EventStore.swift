import HuizongCore
import HuizongPostgres

/// The change log read back as events.
public enum EventStore {
    public struct Change: Sendable {
        public let seq: Int64
        public let key: FigureKey
    }

    public static func latest(_ c: Connection) throws -> Int64 {
        Int64(try c.execute("SELECT coalesce(max(seq), 0) FROM changes").scalar ?? "0") ?? 0
    }

    /// The highest seq pruned from the log: a `since` below it cannot be replayed whole.
    public static func horizon(_ c: Connection) throws -> Int64 {
        Int64(try c.execute("SELECT pruned_through FROM change_log_horizon").scalar ?? "0") ?? 0
    }

    /// Deletes one chunk of log rows older than the retention (oldest first, at most `chunk`) and
    /// moves the horizon past them, in one transaction; returns how many. Call it until it returns 0:
    /// small chunks keep every lock and every transaction short.
    public static func pruneChunk(_ c: Connection, olderThanDays days: Int, chunk: Int = 5000) throws -> Int {
        try c.transaction {
            let deleted = try c.execute("""
                WITH gone AS (
                    DELETE FROM changes WHERE seq IN (
                        SELECT seq FROM changes WHERE committed_at < now() - make_interval(days => $1::integer)
                        ORDER BY seq LIMIT $2::integer)
                    RETURNING seq)
                UPDATE change_log_horizon SET pruned_through = greatest(pruned_through, (SELECT max(seq) FROM gone))
                WHERE EXISTS (SELECT 1 FROM gone)
                RETURNING (SELECT count(*) FROM gone)
                """, [String(days), String(chunk)])
            return Int(deleted.scalar ?? "0") ?? 0
        }
    }

    /// Deletes every log row older than the retention, chunk by chunk; returns how many.
    public static func prune(_ c: Connection, olderThanDays days: Int) throws -> Int {
        var total = 0
        while true {
            let n = try pruneChunk(c, olderThanDays: days)
            total += n
            if n == 0 { return total }
        }
    }

    /// Log rows after `after` (and at most `through`), in seq order; only those of `regions` when
    /// given (filtered in SQL: a replay for one city never reads the rest of the country's log).
    public static func changes(_ c: Connection, after: Int64, through: Int64?, limit: Int,
                               regions: [String]? = nil) throws -> [Change] {
        try c.execute("""
            SELECT seq, region, to_char(period, 'YYYY-MM'), indicator FROM changes
            WHERE seq > $1::bigint AND ($2::bigint IS NULL OR seq <= $2::bigint)
              AND ($4::text[] IS NULL OR region = ANY($4::text[]))
            ORDER BY seq LIMIT $3::integer
            """, [String(after), through.map(String.init), String(limit), regions.map(PGText.array)]).rows.compactMap { r in
            guard let seq = Int64(r[0]!), let period = Period(r[2]!) else { return nil }
            return Change(seq: seq, key: FigureKey(region: r[1]!, period: period, indicator: r[3]!))
        }
    }

    /// Each change as an event: the figure as readers see it now, and its children's ranking. Two
    /// queries for the whole list.
    public static func compose(_ c: Connection, _ changes: [Change], catalog: Catalog) throws -> [AggregateEvent] {
        guard !changes.isEmpty else { return [] }
        let keys = Array(Set(changes.map(\.key)))
        let views = Dictionary(uniqueKeysWithValues: zip(keys, try FigureStore.views(c, keys, catalog: catalog)))
        let children = try FigureStore.children(c, of: keys, catalog: catalog)
        return changes.compactMap { change in
            guard let view = views[change.key] ?? nil else { return nil }
            return AggregateEvent(seq: change.seq, view: view, ranking: Ranking.rank(children[change.key] ?? []))
        }
    }
}
