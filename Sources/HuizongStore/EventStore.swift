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

    /// Deletes log rows older than the retention; returns how many. A `since` before them replays
    /// only what is left.
    public static func prune(_ c: Connection, olderThanDays days: Int) throws -> Int {
        try c.execute("DELETE FROM changes WHERE committed_at < now() - make_interval(days => $1::integer)",
                      [String(days)]).affected
    }

    /// Log rows after `after` (and at most `through`), in seq order.
    public static func changes(_ c: Connection, after: Int64, through: Int64?, limit: Int) throws -> [Change] {
        try c.execute("""
            SELECT seq, region, to_char(period, 'YYYY-MM'), indicator FROM changes
            WHERE seq > $1::bigint AND ($2::bigint IS NULL OR seq <= $2::bigint)
            ORDER BY seq LIMIT $3::integer
            """, [String(after), through.map(String.init), String(limit)]).rows.compactMap { r in
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
