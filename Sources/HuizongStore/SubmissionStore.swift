import HuizongCore
import HuizongPostgres

/// Reads about submissions: who reported when (completeness). The writes are `ProvinceStore`'s.
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
}
