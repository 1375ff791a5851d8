import HuizongCore
import HuizongPostgres

/// The SQL around `Reconciler.consolidate`: lock and read what the parents being recomputed need,
/// then store their aggregates and conflict changes. Both run inside the writer's transaction, so a
/// parent's aggregate always follows the figures committed with it.
public enum ConsolidationStore {
    public struct Parent: Hashable, Sendable {
        public let region: String
        public let period: Period
    }

    public static func parents(of keys: Set<FigureKey>) -> [Parent] {
        Set(keys.map { Parent(region: $0.region, period: $0.period) })
            .sorted { ($0.region, $0.period) < ($1.region, $1.period) }
    }

    /// Four statements: lock each parent and period (in one global order, so two daemons never
    /// deadlock; the lock is what makes the read below see the other daemon's committed children),
    /// then read figures, children's aggregates and live conflicts.
    public static func lockAndRead(_ parents: [Parent]) -> [Statement] {
        let regions = PGText.array(parents.map(\.region))
        let periods = PGText.array(parents.map { $0.period.firstDay })
        return [
            Statement("""
                SELECT count(pg_advisory_xact_lock(hashtextextended('huizong/' || k, 0)))
                FROM (SELECT k FROM unnest($1::text[]) WITH ORDINALITY AS u (k, o) ORDER BY o) s
                """, [PGText.array(parents.map { "\($0.region)/\($0.period)" })]),
            Statement("""
                WITH p AS (SELECT * FROM unnest($1::text[], $2::date[]) AS u (region, period)),
                r AS (SELECT p.region AS code, p.period FROM p
                      UNION SELECT c.code, p.period FROM p JOIN regions c ON c.parent = p.region)
                SELECT f.region, to_char(f.period, 'YYYY-MM'), f.indicator, f.ytd::text, f.month::text,
                       f.yoy::text, f.value::text, f.num::text, f.den::text
                FROM r CROSS JOIN LATERAL (SELECT * FROM figures f WHERE f.region = r.code AND f.period = r.period) f
                """, [regions, periods]),
            Statement("""
                SELECT a.region, to_char(a.period, 'YYYY-MM'), a.indicator, a.amount::text,
                       a.amount_tolerance::text, a.den::text, a.den_tolerance::text, a.yoy::text,
                       a.own IS NOT NULL OR a.status <> 'partial'
                FROM unnest($1::text[], $2::date[]) AS p (region, period)
                JOIN regions c ON c.parent = p.region
                CROSS JOIN LATERAL (SELECT * FROM aggregates a WHERE a.region = c.code AND a.period = p.period) a
                """, [regions, periods]),
            Statement("""
                SELECT c.id, c.region, to_char(c.period, 'YYYY-MM'), c.indicator, c.kind, c.own::text,
                       c.sum::text, c.action
                FROM unnest($1::text[], $2::date[]) AS p (region, period)
                CROSS JOIN LATERAL (SELECT * FROM conflicts c
                                    WHERE c.region = p.region AND c.period = p.period AND c.state <> 'closed') c
                """, [regions, periods]),
        ]
    }

    /// The inputs from the results of `lockAndRead`'s last three statements.
    public static func inputs(_ results: [QueryResult], catalog: Catalog) -> ConsolidationInputs {
        var inputs = ConsolidationInputs()
        func key(_ row: [String?], _ r: Int, _ p: Int, _ i: Int) -> FigureKey? {
            guard let period = Period(row[p]!), catalog[row[i]!] != nil else { return nil }
            return FigureKey(region: row[r]!, period: period, indicator: row[i]!)
        }
        for row in results[0].rows {
            guard let k = key(row, 0, 1, 2) else { continue }
            let d = { (i: Int) in row[i].flatMap { ExactDecimal($0) } }
            inputs.figures[k] = FigureInput(indicator: k.indicator, ytd: d(3), month: d(4), yoy: d(5), value: d(6), num: d(7), den: d(8))
        }
        for row in results[1].rows {
            guard let k = key(row, 0, 1, 2) else { continue }
            let d = { (i: Int) in row[i].flatMap { ExactDecimal($0) } }
            var amounts: [Amount] = []
            if let a = d(3), let t = d(4) { amounts.append(Amount(value: a, tolerance: t)) }
            if let a = d(5), let t = d(6) { amounts.append(Amount(value: a, tolerance: t)) }
            guard !amounts.isEmpty else { continue }
            inputs.consolidated[k] = Consolidated(region: k.region, amounts: amounts, yoy: d(7), isFinal: row[8] == "t")
        }
        for row in results[2].rows {
            guard let id = Int64(row[0]!), let k = key(row, 1, 2, 3), let kind = ConflictKind(rawValue: row[4]!),
                  let own = ExactDecimal(row[5]!), let sum = ExactDecimal(row[6]!) else { continue }
            inputs.conflicts[k, default: []].append(
                ConflictRecord(id: id, kind: kind, own: own, sum: sum, resolution: row[7].flatMap(ConflictSide.init)))
        }
        return inputs
    }

    /// Statements that store the results: one upsert of every aggregate, one statement per conflict
    /// change (conflicts are rare).
    public static func writes(_ results: [ConsolidationResult]) -> [Statement] {
        guard !results.isEmpty else { return [] }
        func column(_ get: (ConsolidationResult) -> ExactDecimal?) -> String { PGText.array(results.map { get($0)?.description }) }
        let r = { (x: ConsolidationResult) in x.aggregate.reconciliation }
        let amount = { (x: ConsolidationResult, i: Int) -> Amount? in
            guard let a = x.aggregate.consolidated?.amounts, a.count > i else { return nil }
            return a[i]
        }
        var statements = [Statement("""
            INSERT INTO aggregates (region, period, indicator, value, yoy, own, own_yoy, sum, sum_yoy, amount,
                                    amount_tolerance, den, den_tolerance, reported, expected, status)
            SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[],
                                 $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[],
                                 $12::numeric[], $13::numeric[], $14::integer[], $15::integer[], $16::text[])
            ON CONFLICT (region, period, indicator) DO UPDATE SET
                value = EXCLUDED.value, yoy = EXCLUDED.yoy, own = EXCLUDED.own, own_yoy = EXCLUDED.own_yoy,
                sum = EXCLUDED.sum, sum_yoy = EXCLUDED.sum_yoy, amount = EXCLUDED.amount,
                amount_tolerance = EXCLUDED.amount_tolerance, den = EXCLUDED.den, den_tolerance = EXCLUDED.den_tolerance,
                reported = EXCLUDED.reported, expected = EXCLUDED.expected, status = EXCLUDED.status, updated_at = now()
            """, [
                PGText.array(results.map(\.key.region)), PGText.array(results.map { $0.key.period.firstDay }),
                PGText.array(results.map(\.key.indicator)),
                column { $0.aggregate.value }, column { $0.aggregate.yoy },
                column { r($0).own?.value }, column { r($0).own?.yoy }, column { r($0).sum?.value }, column { r($0).sum?.yoy },
                column { amount($0, 0)?.value }, column { amount($0, 0)?.tolerance },
                column { amount($0, 1)?.value }, column { amount($0, 1)?.tolerance },
                PGText.array(results.map { String(r($0).reported) }), PGText.array(results.map { String(r($0).expected) }),
                PGText.array(results.map { $0.aggregate.status.rawValue }),
            ])]
        for result in results {
            let k = result.key
            let kids = [PGText.array(result.children.map(\.region)), PGText.array(result.children.map { $0.value?.description }),
                        PGText.array(result.children.map { $0.yoy?.description })]
            for change in result.changes {
                switch change {
                case .open(let d):
                    statements.append(Statement("""
                        INSERT INTO conflicts (region, period, indicator, kind, own, sum, child_regions, child_values,
                                               child_yoys, state)
                        VALUES ($1, $2::date, $3, $4, $5::numeric, $6::numeric, $7::text[], $8::numeric[], $9::numeric[], 'open')
                        """, [k.region, k.period.firstDay, k.indicator, d.kind.rawValue, d.own.description, d.sum.description] + kids))
                case .update(let id, let d):
                    statements.append(Statement("""
                        UPDATE conflicts SET own = $2::numeric, sum = $3::numeric, child_regions = $4::text[],
                                             child_values = $5::numeric[], child_yoys = $6::numeric[]
                        WHERE id = $1::bigint
                        """, [String(id), d.own.description, d.sum.description] + kids))
                case .close(let id):
                    statements.append(Statement("UPDATE conflicts SET state = 'closed', closed_at = now() WHERE id = $1::bigint",
                                                [String(id)]))
                }
            }
        }
        return statements
    }
}
