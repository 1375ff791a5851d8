import HuizongCore
import HuizongPostgres

/// Reads of data quality (PROTOCOL.md v1.2): the flagged figures of regions in a period. The
/// writes are `ProvinceStore`'s (flags with the figures, bounds as a governance change).
public enum QualityStore {
    public static func flagged(_ c: Connection, regions: [String], period: Period) throws -> [(region: String, indicator: String, flag: QualityFlag)] {
        try c.execute("""
            SELECT region, indicator, code, field, value::text, median::text, score::text, min::text, max::text FROM figure_flags
            WHERE region = ANY($1::text[]) AND period = $2::date ORDER BY region, indicator, code, field
            """, [PGText.array(regions), period.firstDay]).rows.compactMap { r in
            guard let code = r[2].flatMap(QualityCode.init), let value = try decimal(r[4], "figure_flags.value") else { return nil }
            return (r[0]!, r[1]!, QualityFlag(code: code, field: r[3]!, value: value, median: try decimal(r[5], "figure_flags.median"),
                                              score: try decimal(r[6], "figure_flags.score"), min: try decimal(r[7], "figure_flags.min"),
                                              max: try decimal(r[8], "figure_flags.max")))
        }
    }
}
