import HuizongCore
import HuizongPostgres

/// The reference data the domain needs in memory: the region tree and the indicator catalog.
public enum ReferenceStore {
    public static func regions(_ c: Connection) throws -> RegionTree {
        let rows = try c.execute("SELECT code, name, parent, level, in_sum FROM regions").rows
        return RegionTree(rows.compactMap { r in
            guard let level = RegionLevel(rawValue: r[3] ?? "") else { return nil }
            return Region(code: r[0]!, name: r[1]!, parent: r[2], level: level, inSum: r[4] != "f")
        })
    }

    public static func catalog(_ c: Connection) throws -> Catalog {
        let indicators = try c.execute("""
            SELECT code, name, unit, kind, comparable_growth, better, frequency, array_to_string(aliases, E'\\x1f') FROM indicators
            """).rows.compactMap { r -> Indicator? in
            guard let kind = IndicatorKind(rawValue: r[3] ?? "") else { return nil }
            return Indicator(code: r[0]!, name: r[1]!, unit: r[2]!, kind: kind, comparableGrowth: r[4] == "t",
                             better: Better(rawValue: r[5] ?? "") ?? .higher, frequency: Frequency(rawValue: r[6] ?? "") ?? .monthly,
                             aliases: (r[7] ?? "").split(separator: "\u{1F}").map(String.init))
        }
        let parts = try c.execute("SELECT part, whole FROM indicator_parts").rows.map {
            Catalog.PartOf(part: $0[0]!, whole: $0[1]!)
        }
        return Catalog(indicators: indicators, parts: parts)
    }

    /// Peer groups with their members in the order they were given.
    public static func groups(_ c: Connection) throws -> PeerGroups {
        let rows = try c.execute("""
            SELECT g.code, g.name, coalesce(array_to_string(ARRAY(SELECT m.region FROM peer_group_members m
                                                                  WHERE m.group_code = g.code ORDER BY m.position), ','), '')
            FROM peer_groups g
            """).rows
        return PeerGroups(rows.map { PeerGroup(code: $0[0]!, name: $0[1]!, members: ($0[2] ?? "").split(separator: ",").map(String.init)) })
    }

    /// A group added by an administrator, replacing one of the same code.
    public static func addGroup(_ c: Connection, _ g: PeerGroup) throws {
        try c.transaction {
            try c.execute("DELETE FROM peer_groups WHERE code = $1", [g.code])
            try c.execute("INSERT INTO peer_groups (code, name) VALUES ($1, $2)", [g.code, g.name])
            try c.execute("""
                INSERT INTO peer_group_members (group_code, region, position)
                SELECT $1, m.region, m.o FROM unnest($2::text[]) WITH ORDINALITY AS m (region, o)
                """, [g.code, PGText.array(g.members)])
        }
    }

    /// Bumped by every change of regions, indicators or their parts (a trigger, migration 0012).
    public static func version(_ c: Connection) throws -> Int64 {
        Int64(try c.execute("SELECT version FROM reference_version").rows.first?[0] ?? "") ?? 0
    }

    /// An indicator added by an administrator. Refused by the database when the code exists.
    public static func addIndicator(_ c: Connection, _ i: Indicator, partOf whole: String?) throws {
        try c.transaction {
            try c.execute("""
                INSERT INTO indicators (code, name, unit, kind, num_unit, den_unit, better, frequency)
                VALUES ($1, $2, $3, $4, NULL, NULL, $5, $6)
                """, [i.code, i.name, i.unit, i.kind.rawValue, i.better.rawValue, i.frequency.rawValue])
            if let whole { try c.execute("INSERT INTO indicator_parts (part, whole) VALUES ($1, $2)", [i.code, whole]) }
        }
    }

    /// Another name for an indicator (no-op if it already has it).
    public static func addAlias(_ c: Connection, indicator: String, alias: String) throws {
        // The session checks names as clients compare them; this guards two daemons racing.
        try c.execute("""
            UPDATE indicators SET aliases = aliases || $2::text WHERE code = $1 AND NOT ($2 = ANY (aliases))
              AND NOT EXISTS (SELECT 1 FROM indicators o WHERE o.code <> $1 AND (o.name = $2 OR o.code = $2 OR $2 = ANY (o.aliases)))
            """, [indicator, alias])
    }

    /// A region (a functional zone, a new district) added by an administrator under an existing parent.
    public static func addRegion(_ c: Connection, _ r: Region) throws {
        try c.execute("INSERT INTO regions (code, name, parent, level, in_sum) VALUES ($1, $2, $3, $4, $5)",
                      [r.code, r.name, r.parent, r.level.rawValue, r.inSum ? "t" : "f"])
    }
}
