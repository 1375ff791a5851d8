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
        var stored: [FigureKey: StoredRow] = [:]
        for row in try c.execute("""
            SELECT region, to_char(period, 'YYYY-MM'), indicator, value::text, yoy::text, own::text, own_yoy::text, sum::text,
                   sum_yoy::text, amount::text, den::text, reported, expected, status, estimate FROM aggregates WHERE \(filter)
            """, p).rows {
            guard let k = key(row, catalog) else { continue }
            let d = { (i: Int) throws in try decimal(row[i], "aggregates column \(i) of \(k)") }
            stored[k] = StoredRow(values: [try d(3), try d(4), try d(5), try d(6), try d(7), try d(8), try d(9), try d(10)],
                                  reported: Int(row[11] ?? "") ?? -1, expected: Int(row[12] ?? "") ?? -1, status: row[13] ?? "",
                                  estimate: row[14] == "t")
        }
        let expected = Recomputation.aggregates(tree: tree, catalog: catalog, figures: figures, conflicts: conflicts)

        var out: [Difference] = []
        for (k, e) in expected {
            guard let s = stored[k] else {
                out.append(Difference(key: k, what: "no aggregate stored; expected \(e.aggregate.value?.description ?? "none")"))
                continue
            }
            let a = e.aggregate, r = a.reconciliation
            let amounts = a.consolidated?.amounts ?? []
            let recomputed = [a.value, a.yoy, r.own?.value, r.own?.yoy, r.sum?.value, r.sum?.yoy,
                              amounts.first?.value, amounts.count > 1 ? amounts[1].value : nil]
            for (name, (x, y)) in zip(["value", "yoy", "own", "own_yoy", "sum", "sum_yoy", "amount", "den"], zip(s.values, recomputed)) where x != y {
                out.append(Difference(key: k, what: "\(name) \(x?.description ?? "none"), recomputed \(y?.description ?? "none")"))
            }
            if s.reported != r.reported || s.expected != r.expected {
                out.append(Difference(key: k, what: "\(s.reported) of \(s.expected) reported, recomputed \(r.reported) of \(r.expected)"))
            }
            if s.status != a.status.rawValue {
                out.append(Difference(key: k, what: "status \(s.status), recomputed \(a.status.rawValue)"))
            }
            if s.estimate != (a.consolidated?.estimate ?? false) {
                out.append(Difference(key: k, what: "estimate \(s.estimate), recomputed \(a.consolidated?.estimate ?? false)"))
            }
            let live = Set((conflicts[k] ?? []).map(\.kind))
            let disputed = Set(r.disputes.map(\.kind))
            if live != disputed {
                out.append(Difference(key: k, what: "live conflicts \(live.map(\.rawValue).sorted()), recomputed disputes \(disputed.map(\.rawValue).sorted())"))
            }
        }
        for (k, s) in stored where expected[k] == nil && s.reported > 0 {
            out.append(Difference(key: k, what: "an aggregate over \(s.reported) children is stored where nothing reported"))
        }
        return out.sorted { ($0.key.region, $0.key.period, $0.key.indicator) < ($1.key.region, $1.key.period, $1.key.indicator) }
    }

    /// An aggregate row as stored: value, yoy, own, own_yoy, sum, sum_yoy, amount, den, and the rest.
    private struct StoredRow {
        let values: [ExactDecimal?]
        let reported: Int
        let expected: Int
        let status: String
        let estimate: Bool
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
}
