import HuizongCore
import HuizongPostgres

/// The reference data the domain needs in memory: the region tree and the indicator catalog.
public enum ReferenceStore {
    public static func regions(_ c: Connection) throws -> RegionTree {
        let rows = try c.execute("SELECT code, name, parent, level FROM regions").rows
        return RegionTree(rows.compactMap { r in
            guard let level = RegionLevel(rawValue: r[3] ?? "") else { return nil }
            return Region(code: r[0]!, name: r[1]!, parent: r[2], level: level)
        })
    }

    public static func catalog(_ c: Connection) throws -> Catalog {
        let indicators = try c.execute("SELECT code, name, unit, kind, comparable_growth FROM indicators").rows.compactMap { r -> Indicator? in
            guard let kind = IndicatorKind(rawValue: r[3] ?? "") else { return nil }
            return Indicator(code: r[0]!, name: r[1]!, unit: r[2]!, kind: kind, comparableGrowth: r[4] == "t")
        }
        let parts = try c.execute("SELECT part, whole FROM indicator_parts").rows.map {
            Catalog.PartOf(part: $0[0]!, whole: $0[1]!)
        }
        return Catalog(indicators: indicators, parts: parts)
    }
}
