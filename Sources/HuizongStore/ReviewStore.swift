import HuizongCore
import HuizongPostgres

/// Reads of review (PROTOCOL.md v1.2): each month's state as views show it, how many of a parent's
/// children are approved, and the history. The writes are `ProvinceStore.review`'s.
public enum ReviewStore {
    /// Fills `review` (regions with a parent) and `approved` (regions with children) of each view:
    /// one query for the distinct months the views are of.
    static func enrich(_ c: Connection, _ views: inout [AggregateView?], tree: RegionTree) throws {
        var months: [RegionPeriod] = []
        var seen = Set<RegionPeriod>()
        for case let v? in views where seen.insert(RegionPeriod(region: v.region, period: v.period)).inserted {
            months.append(RegionPeriod(region: v.region, period: v.period))
        }
        guard !months.isEmpty else { return }
        let found = try states(c, months, tree: tree)
        for i in views.indices {
            guard let v = views[i], let (status, approved) = found[RegionPeriod(region: v.region, period: v.period)] else { continue }
            if tree[v.region]?.parent != nil { views[i]!.review = status }
            if tree.children[v.region]?.isEmpty == false { views[i]!.approved = approved }
        }
    }

    /// Each month's review status and how many of the region's summed children are approved in it.
    public static func states(_ c: Connection, _ months: [RegionPeriod], tree: RegionTree) throws -> [RegionPeriod: (ReviewStatus, Int)] {
        let rows = try c.execute("""
            SELECT k.o, rp.revision, r.action, r.office, \(chinaTime("r.at")), r.note, r.revision,
                   (SELECT count(*) FROM regions ch
                    CROSS JOIN LATERAL (SELECT x.action FROM reviews x WHERE x.region = ch.code AND x.period = k.period
                                        ORDER BY x.id DESC LIMIT 1) last
                    WHERE ch.parent = k.region AND ch.in_sum AND last.action = 'approve')
            FROM unnest($1::text[], $2::date[]) WITH ORDINALITY AS k (region, period, o)
            LEFT JOIN region_periods rp ON rp.region = k.region AND rp.period = k.period
            LEFT JOIN LATERAL (SELECT * FROM reviews x WHERE x.region = k.region AND x.period = k.period
                               ORDER BY x.id DESC LIMIT 1) r ON true
            ORDER BY k.o
            """, [PGText.array(months.map(\.region)), PGText.array(months.map { $0.period.firstDay })]).rows
        var out: [RegionPeriod: (ReviewStatus, Int)] = [:]
        for (month, r) in zip(months, rows) {
            let revision = r[1].flatMap { Int($0) }
            var status = ReviewStatus(state: .none)
            if let revision {
                if let action = r[2].flatMap(ReviewAction.init), let seen = r[6].flatMap({ Int($0) }),
                   action == .approve || revision <= seen {
                    status = ReviewStatus(state: action == .approve ? .approved : .returned, by: r[3], at: r[4], note: r[5])
                } else {
                    status = ReviewStatus(state: .submitted)
                }
            }
            out[month] = (status, Int(r[7] ?? "") ?? 0)
        }
        return out
    }

    /// Every review action on the regions in a period, oldest first.
    public static func list(_ c: Connection, regions: [String], period: Period) throws -> [(region: String, action: String, by: String, at: String, note: String?)] {
        try c.execute("""
            SELECT region, action, office, \(chinaTime("at")), note FROM reviews
            WHERE region = ANY($1::text[]) AND period = $2::date ORDER BY id
            """, [PGText.array(regions), period.firstDay]).rows.map { ($0[0]!, $0[1]!, $0[2]!, $0[3]!, $0[4]) }
    }

    static func chinaTime(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS+08:00')"
    }
}
