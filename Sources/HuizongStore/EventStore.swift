import HuizongCore
import HuizongPostgres

/// The change log (`changes`): written last in every writing transaction, read back as events by
/// the broadcaster and by replays. A row holds one (region, period) of one transaction; its
/// indicators are events numbered seq_first … seq_last.
public enum EventStore {
    public struct Change: Sendable {
        public let seq: Int64
        public let key: FigureKey
        public init(seq: Int64, key: FigureKey) {
            self.seq = seq
            self.key = key
        }
    }

    /// The last seq committed, on a connection of its own (a daemon starting).
    public static func latest(conninfo: String) throws -> Int64 { try latest(try Connection(conninfo)) }

    /// The last seq committed.
    public static func latest(_ c: Connection) throws -> Int64 {
        Int64(try c.execute("SELECT seq FROM change_counter").scalar ?? "0") ?? 0
    }

    /// The highest seq pruned from the log: a `since` below it cannot be replayed whole.
    public static func horizon(_ c: Connection) throws -> Int64 {
        Int64(try c.execute("SELECT pruned_through FROM change_log_horizon").scalar ?? "0") ?? 0
    }

    /// Deletes one chunk of log rows older than the retention (oldest first, at most `chunk`) and
    /// moves the horizon past them, in one transaction; returns how many rows. Call it until it
    /// returns 0: small chunks keep every lock and every transaction short.
    public static func pruneChunk(_ c: Connection, olderThanDays days: Int, chunk: Int = 5000) throws -> Int {
        try c.transaction {
            let deleted = try c.execute("""
                WITH gone AS (
                    DELETE FROM changes WHERE seq_last IN (
                        SELECT seq_last FROM changes WHERE committed_at < now() - make_interval(days => $1::integer)
                        ORDER BY seq_last LIMIT $2::integer)
                    RETURNING seq_last)
                UPDATE change_log_horizon SET pruned_through = greatest(pruned_through, (SELECT max(seq_last) FROM gone))
                WHERE EXISTS (SELECT 1 FROM gone)
                RETURNING (SELECT count(*) FROM gone)
                """, [String(days), String(chunk)])
            return Int(deleted.scalar ?? "0") ?? 0
        }
    }

    /// Deletes every log row older than the retention, chunk by chunk; returns how many rows.
    public static func prune(_ c: Connection, olderThanDays days: Int) throws -> Int {
        var total = 0
        while true {
            let n = try pruneChunk(c, olderThanDays: days)
            total += n
            if n == 0 { return total }
        }
    }

    /// The events after `after` (and at most `through`), in seq order, from at most `rows` log rows;
    /// only those of `regions` when given (filtered in SQL: a replay for one city never reads the
    /// rest of the country's log). `reached` is how far the rows read cover the log.
    public static func changes(_ c: Connection, after: Int64, through: Int64?, rows limit: Int,
                               regions: [String]? = nil) throws -> (events: [Change], reached: Int64?) {
        let rows = try c.execute("""
            SELECT seq_first, seq_last, region, to_char(period, 'YYYY-MM'), indicators::text FROM changes
            WHERE seq_last > $1::bigint AND ($2::bigint IS NULL OR seq_first <= $2::bigint)
              AND ($4::text[] IS NULL OR region = ANY($4::text[]))
            ORDER BY seq_last LIMIT $3::integer
            """, [String(after), through.map(String.init), String(limit), regions.map(PGText.array)]).rows
        var events: [Change] = []
        for r in rows {
            guard let first = Int64(r[0]!), let period = Period(r[3]!) else { continue }
            for (i, indicator) in PGText.textArray(r[4]!).enumerated() {
                let seq = first + Int64(i)
                guard seq > after, through.map({ seq <= $0 }) ?? true, let indicator else { continue }
                events.append(Change(seq: seq, key: FigureKey(region: r[2]!, period: period, indicator: indicator)))
            }
        }
        let reached = rows.count < limit ? through : rows.last.flatMap { Int64($0[1]!) }.map { min($0, through ?? $0) }
        return (events, reached)
    }

    public static let notifyChannel = "huizong_changes"

    /// Each change as an event: the figure as readers see it now, and its children's ranking. Two
    /// queries for the whole list.
    public static func compose(_ c: Connection, _ changes: [Change], tree: RegionTree, catalog: Catalog, groups: PeerGroups) throws -> [AggregateEvent] {
        guard !changes.isEmpty else { return [] }
        let keys = Array(Set(changes.map(\.key)))
        let views = Dictionary(uniqueKeysWithValues: zip(keys, try FigureStore.views(c, keys, tree: tree, catalog: catalog, groups: groups)))
        let children = try FigureStore.children(c, of: keys, catalog: catalog)
        return changes.compactMap { change in
            guard let view = views[change.key] ?? nil else { return nil }
            return AggregateEvent(seq: change.seq, view: view,
                                  ranking: Ranking.rank(children[change.key] ?? [], better: catalog[change.key.indicator]?.better ?? .higher))
        }
    }
}
