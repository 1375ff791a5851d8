import HuizongCore
import HuizongPostgres

/// `huizong verify`: every aggregate as stored, against a recomputation from scratch from the stored
/// figures (`Recomputation`). The incremental writer must never drift from it, whatever crashed.
public enum VerifyStore {
    public struct Difference: Sendable, CustomStringConvertible {
        public let key: FigureKey
        public let what: String
        public var description: String { "\(key.region) \(key.period) \(key.indicator): \(what)" }
    }

    /// Every difference, in key order; empty when the stored aggregates are exactly right.
    public static func differences(_ c: Connection, tree: RegionTree, catalog: Catalog, period: Period? = nil) throws -> [Difference] {
        let filter = "($1::date IS NULL OR period = $1::date)"
        let p = [period?.firstDay]
        var figures: [FigureKey: FigureInput] = [:]
        for row in try c.execute("SELECT f.region, to_char(f.period, 'YYYY-MM'), f.indicator, \(figureColumns) FROM figures f WHERE \(filter)", p).rows {
            guard let k = key(row, catalog) else { continue }
            figures[k] = try FigureInput(indicator: k.indicator, row: row, from: 3)
        }
        var conflicts: [FigureKey: [ConflictRecord]] = [:]
        for row in try c.execute("""
            SELECT region, to_char(period, 'YYYY-MM'), indicator, id, kind, own::text, sum::text, action
            FROM conflicts WHERE state <> 'closed' AND \(filter)
            """, p).rows {
            guard let k = key(row, catalog), let id = Int64(row[3]!), let kind = ConflictKind(rawValue: row[4]!),
                  let own = try decimal(row[5], "conflicts.own"), let sum = try decimal(row[6], "conflicts.sum") else { continue }
            conflicts[k, default: []].append(ConflictRecord(id: id, kind: kind, own: own, sum: sum, resolution: row[7].flatMap(ConflictSide.init)))
        }
        var stored: [FigureKey: (StoredAggregate, String)] = [:]
        for row in try c.execute("SELECT \(ConsolidationStore.aggregateColumns) FROM aggregates a WHERE \(filter)", p).rows {
            guard let k = key(row, catalog) else { continue }
            stored[k] = (try ConsolidationStore.storedAggregate(row, k), row[20] ?? "")
        }
        let expected = Recomputation.aggregates(tree: tree, catalog: catalog, figures: figures, conflicts: conflicts)

        var out: [Difference] = []
        for (k, e) in expected {
            guard let (s, status) = stored[k] else {
                out.append(Difference(key: k, what: "no aggregate stored; expected \(e.aggregate.value?.description ?? "none")"))
                continue
            }
            if !Consolidated.sameFigure(s.consolidated, e.aggregate.consolidated) {
                out.append(Difference(key: k, what: "consolidated \(show(s.consolidated)), recomputed \(show(e.aggregate.consolidated))"))
            }
            if s.sums != e.sums {
                out.append(Difference(key: k, what: "running sums \(s.sums.amounts.map(\.value)) over \(s.sums.reported) children, recomputed \(e.sums.amounts.map(\.value)) over \(e.sums.reported)"))
            }
            if status != e.aggregate.status.rawValue {
                out.append(Difference(key: k, what: "status \(status), recomputed \(e.aggregate.status.rawValue)"))
            }
            let live = Set((conflicts[k] ?? []).map(\.kind))
            let disputed = Set(e.aggregate.reconciliation.disputes.map(\.kind))
            if live != disputed {
                out.append(Difference(key: k, what: "live conflicts \(live.map(\.rawValue).sorted()), recomputed disputes \(disputed.map(\.rawValue).sorted())"))
            }
        }
        for (k, (s, _)) in stored where expected[k] == nil && s.sums.reported > 0 {
            out.append(Difference(key: k, what: "an aggregate over \(s.sums.reported) children is stored where nothing reported"))
        }
        return out.sorted { ($0.key.region, $0.key.period, $0.key.indicator) < ($1.key.region, $1.key.period, $1.key.indicator) }
    }

    /// Rows whose region, office or indicator is not in the reference tables: the hot tables carry no
    /// foreign keys (the daemon checks them before writing; migrations 0009 and 0013), so this is
    /// where a row written around the daemon would show. One line per kind of row, with a count and
    /// an example.
    public static func unknownReferences(_ c: Connection, period: Period? = nil) throws -> [String] {
        let filter = "($1::date IS NULL OR t.period = $1::date)"
        let checks = [
            ("submissions", "region", "NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = t.region)"),
            ("submissions", "office", "NOT EXISTS (SELECT 1 FROM offices o WHERE o.code = t.office)"),
            ("figures", "region", "NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = t.region)"),
            ("figures", "indicator", "NOT EXISTS (SELECT 1 FROM indicators i WHERE i.code = t.indicator)"),
            ("aggregates", "region", "NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = t.region)"),
            ("aggregates", "indicator", "NOT EXISTS (SELECT 1 FROM indicators i WHERE i.code = t.indicator)"),
        ]
        var out: [String] = []
        for (table, column, unknown) in checks {
            let row = try c.execute("SELECT count(*), min(t.\(column)) FROM \(table) t WHERE \(filter) AND \(unknown)",
                                    [period?.firstDay]).rows.first
            if let n = row?[0].flatMap({ Int($0) }), n > 0 {
                out.append("\(n) row(s) of \(table) name an unknown \(column), e.g. \"\(row?[1] ?? "")\"")
            }
        }
        return out
    }

    private static func key(_ row: [String?], _ catalog: Catalog) -> FigureKey? {
        guard let period = Period(row[1] ?? ""), let indicator = row[2], catalog[indicator] != nil, let region = row[0] else { return nil }
        return FigureKey(region: region, period: period, indicator: indicator)
    }

    private static func show(_ c: Consolidated?) -> String {
        guard let c else { return "none" }
        return c.amounts.map { "\($0.value)±\($0.tolerance)" }.joined(separator: "/") + (c.yoy.map { " yoy \($0)" } ?? "")
    }
}

extension Consolidated {
    /// Same amounts, tolerances and growth, numerically, and the same finality.
    static func sameFigure(_ a: Consolidated?, _ b: Consolidated?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.amounts == b.amounts && a.yoy == b.yoy && a.isFinal == b.isFinal && a.estimate == b.estimate
    }
}
