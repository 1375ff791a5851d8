import HuizongCore
import HuizongPostgres

/// Reads about submissions: who reported when (completeness). The writes are `ProvinceStore`'s.
public enum SubmissionStore {
    /// The first accepted submission of each region for a period, and whether it came by the deadline.
    public static func firstReceived(_ c: Connection, regions: [String], period: Period, deadline: String? = nil, indicator: String? = nil)
        throws -> [String: (at: String, onTime: Bool)] {
        let rows = try indicator.map { i in
            try c.execute(firstListedSQL, [PGText.array(regions), period.firstDay, deadline ?? "infinity", i]).rows
        } ?? c.execute(firstReceivedSQL, [PGText.array(regions), period.firstDay, deadline ?? "infinity"]).rows
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

    /// The same by the first submission that listed indicator $4: when its figure was first received
    /// (migration 0021); one primary-key lookup per region.
    public static let firstListedSQL = """
        SELECT u.region, to_char(f.first_received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00'),
               f.first_received_at <= $3::timestamptz
        FROM unnest($1::text[]) AS u (region)
        JOIN figures f ON f.region = u.region AND f.period = $2::date AND f.indicator = $4
        """
}
