import HuizongCore
import HuizongPostgres

/// Listing and resolving conflicts. A resolution runs in the writer's transaction (see
/// `SubmissionWriter.resolve`), because it changes the consolidated figure of the region and of
/// every ancestor.
public enum ConflictStore {
    /// A conflict's columns; an open one's children as they stand now (`children`), a resolved or
    /// closed one's as recorded then.
    static let columns = """
        c.id, c.region, to_char(c.period, 'YYYY-MM'), c.indicator, c.kind, c.own::text, c.sum::text,
        coalesce(c.child_regions, ch.regions)::text, coalesce(c.child_values, ch.values)::text,
        coalesce(c.child_yoys, ch.yoys)::text, c.state, c.action, c.note, c.resolved_by,
        to_char(c.resolved_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00'),
        to_char(c.opened_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00'),
        to_char(c.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00')
        """
    static let children = "LEFT JOIN LATERAL (\(ConsolidationStore.childrenSQL(of: "c"))) ch ON c.child_regions IS NULL"

    /// Conflicts of the given regions, in one period or all, oldest first.
    public static func list(_ c: Connection, regions: [String], period: Period?) throws -> [ConflictView] {
        try c.execute("""
            SELECT \(columns) FROM conflicts c \(children)
            WHERE c.region = ANY($1::text[]) AND ($2::date IS NULL OR c.period = $2::date)
            ORDER BY c.id
            """, [PGText.array(regions), period?.firstDay]).rows.compactMap { try view($0) }
    }

    public static func find(_ c: Connection, id: Int64) throws -> ConflictView? {
        try c.execute("SELECT \(columns) FROM conflicts c \(children) WHERE c.id = $1::bigint", [String(id)]).rows.compactMap { try view($0) }.first
    }

    /// Marks the conflict resolved if it is still live (it affects no row when it was closed
    /// meanwhile), recording its children as they stand.
    public static func resolve(id: Int64, action: ConflictSide, note: String?, office: String) -> Statement {
        Statement("""
            UPDATE conflicts c SET state = 'resolved', action = $2, note = $3, resolved_by = $4, resolved_at = now(),
                child_regions = coalesce(c.child_regions, ch.regions), child_values = coalesce(c.child_values, ch.values),
                child_yoys = coalesce(c.child_yoys, ch.yoys)
            FROM (SELECT * FROM conflicts WHERE id = $1::bigint) u
            CROSS JOIN LATERAL (\(ConsolidationStore.childrenSQL(of: "u"))) ch
            WHERE c.id = $1::bigint AND c.state <> 'closed'
            """, [String(id), action.rawValue, note, office])
    }

    static func view(_ r: [String?]) throws -> ConflictView? {
        guard let id = Int64(r[0]!), let period = Period(r[2]!) else { return nil }
        let regions = PGText.textArray(r[7]!)
        let values = PGText.textArray(r[8]!)
        let yoys = PGText.textArray(r[9]!)
        let children = try regions.indices.map { i in
            ConflictView.Child(region: regions[i] ?? "", value: try decimal(values[safe: i] ?? nil, "conflicts.child_values"),
                               yoy: try decimal(yoys[safe: i] ?? nil, "conflicts.child_yoys"))
        }
        return ConflictView(id: id, region: r[1]!, period: period, indicator: r[3]!, kind: r[4]!,
                            own: try decimal(r[5], "conflicts.own"), sum: try decimal(r[6], "conflicts.sum"),
                            children: children, state: r[10]!, action: r[11], note: r[12], resolvedBy: r[13],
                            resolvedAt: r[14], openedAt: r[15]!, closedAt: r[16])
    }

    /// Conflicts open now, over every region (the metrics gauge).
    public static func openCount(_ c: Connection) throws -> Int {
        Int(try c.execute("SELECT count(*) FROM conflicts WHERE state = 'open'").rows.first?.first.flatMap { $0 } ?? "0") ?? 0
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
