import HuizongCore
import HuizongPostgres

/// Reads about submissions: who reported when (completeness), period locks, and the stored figures
/// the rules consult. The writes are `BatchStore`'s.
public enum SubmissionStore {
    /// The first accepted submission of each region for a period, and whether it came by the deadline.
    public static func firstReceived(_ c: Connection, regions: [String], period: Period, deadline: String? = nil)
        throws -> [String: (at: String, onTime: Bool)] {
        let rows = try c.execute(firstReceivedSQL, [PGText.array(regions), period.firstDay, deadline ?? "infinity"]).rows
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0]!, (at: $0[1]!, onTime: $0[2] == "t")) })
    }

    /// The first submission of each region ($1) for a period ($2), and whether it came by $3: one
    /// index lookup per region (submissions_region_period).
    public static let firstReceivedSQL = """
        SELECT u.region, to_char(f.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00'), f.at <= $3::timestamptz
        FROM unnest($1::text[]) AS u (region)
        CROSS JOIN LATERAL (SELECT min(received_at) AS at FROM submissions s
                            WHERE s.region = u.region AND s.period = $2::date) f
        WHERE f.at IS NOT NULL
        """

    /// Every (region, period) whose lock would refuse one of the submissions: each region itself and
    /// its ancestors, in the submission's period.
    public static func lockScopes(_ submissions: [Submission], tree: RegionTree) -> [RegionPeriod] {
        Array(Set(submissions.flatMap { s in
            ([s.region] + tree.ancestors(of: s.region)).map { RegionPeriod(region: $0, period: s.period) }
        }))
    }

    public static func locksStatement(_ scopes: [RegionPeriod]) -> Statement {
        Statement("""
            SELECT l.region, to_char(l.period, 'YYYY-MM')
            FROM unnest($1::text[], $2::date[]) AS u (region, period)
            CROSS JOIN LATERAL (SELECT * FROM period_locks l WHERE l.region = u.region AND l.period = u.period OFFSET 0) l
            """, [PGText.array(scopes.map(\.region)), PGText.array(scopes.map { $0.period.firstDay })])
    }

    public static func locks(_ result: QueryResult) -> Set<RegionPeriod> {
        Set(result.rows.compactMap { r in Period(r[1]!).map { RegionPeriod(region: r[0]!, period: $0) } })
    }

    /// Per (region, period): every figure of that month and of the same month a year earlier, and per
    /// indicator the nearest earlier and later month of the year with a ytd. Enough for every rule in
    /// HistoryRules.swift, without reading whole years.
    ///
    /// Three branches that cannot overlap for one (region, period) (another year; strictly earlier;
    /// strictly later), each returning whole rows, so UNION ALL needs no deduplication and no second
    /// lookup; where two periods of one region overlap, a row read twice lands on the same key.
    /// Every lookup is a LATERAL index range scan behind OFFSET 0, so that the planner cannot flatten
    /// it: with figures in the millions, a hash join over a sequential scan (what it picks for an
    /// unnest it cannot estimate, and what a cached generic plan keeps) costs a hundred times more.
    static let storedFiguresSQL = """
        WITH req AS (SELECT DISTINCT region, period FROM unnest($1::text[], $2::date[]) AS u (region, period))
        SELECT f.region, to_char(f.period, 'YYYY-MM'), f.indicator, \(figureColumns) FROM req CROSS JOIN LATERAL (
            SELECT * FROM figures f
            WHERE f.region = req.region AND f.period IN (req.period, (req.period - interval '1 year')::date) OFFSET 0) f
        UNION ALL
        SELECT f.region, to_char(f.period, 'YYYY-MM'), f.indicator, \(figureColumns) FROM req CROSS JOIN LATERAL (
            SELECT DISTINCT ON (f.indicator) * FROM figures f
            WHERE f.region = req.region AND f.ytd IS NOT NULL
              AND f.period >= date_trunc('year', req.period)::date AND f.period < req.period
            ORDER BY f.indicator, f.period DESC) f
        UNION ALL
        SELECT f.region, to_char(f.period, 'YYYY-MM'), f.indicator, \(figureColumns) FROM req CROSS JOIN LATERAL (
            SELECT DISTINCT ON (f.indicator) * FROM figures f
            WHERE f.region = req.region AND f.ytd IS NOT NULL
              AND f.period > req.period AND f.period < (date_trunc('year', req.period) + interval '1 year')::date
            ORDER BY f.indicator, f.period) f
        """
}
