import HuizongCore

/// The SQL that reads a conflict's children as they stand (an open conflict's are not recorded:
/// they are read when it is listed).
enum ConsolidationStore {
    /// Every reporting child of the parent row named `u` (its region, period, indicator), as it stands in this
    /// transaction: a child that is a parent by its consolidated value, any other by its own figure.
    /// Each child is an index probe (OFFSET 0 keeps the lookups from being flattened into scans).
    static func childrenSQL(of u: String) -> String { childrenTemplate.replacingOccurrences(of: "PARENT.", with: "\(u).") }

    private static let childrenTemplate = """
        SELECT coalesce(array_agg(kid.code ORDER BY kid.code), '{}') AS regions,
               coalesce(array_agg(coalesce(a.value, f.ytd, f.value, round(f.num / nullif(f.den, 0), 4)) ORDER BY kid.code), '{}') AS values,
               coalesce(array_agg(coalesce(a.yoy, f.yoy) ORDER BY kid.code), '{}') AS yoys
        FROM regions kid
        LEFT JOIN LATERAL (SELECT a.region, a.value, a.yoy FROM aggregates a
                           WHERE a.region = kid.code AND a.period = PARENT.period AND a.indicator = PARENT.indicator OFFSET 0) a ON true
        LEFT JOIN LATERAL (SELECT f.region, f.ytd, f.value, f.num, f.den, f.yoy FROM figures f
                           WHERE f.region = kid.code AND f.period = PARENT.period AND f.indicator = PARENT.indicator OFFSET 0) f ON true
        WHERE kid.parent = PARENT.region AND (a.region IS NOT NULL OR f.region IS NOT NULL)
        """
}
