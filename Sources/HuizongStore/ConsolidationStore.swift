import HuizongCore
import HuizongPostgres

/// The SQL around `Reconciler.consolidate`: lock and read what the parents being recomputed need,
/// then store their aggregates and conflict changes. Both run inside the writer's transaction, so a
/// parent's aggregate always follows the figures committed with it.
public enum ConsolidationStore {
    /// A (region, period) to lock, or a parent to read.
    public struct Parent: Hashable, Sendable {
        public let region: String
        public let period: Period
        public init(region: String, period: Period) {
            self.region = region
            self.period = period
        }
    }

    public static func parents(of keys: Set<FigureKey>) -> [Parent] {
        ordered(Set(keys.map { Parent(region: $0.region, period: $0.period) }))
    }

    /// Sorted by region, then month.
    public static func ordered(_ parents: Set<Parent>) -> [Parent] {
        parents.sorted { ($0.region, $0.period) < ($1.region, $1.period) }
    }

    /// Locks each (region, period), and each (region, year) a submission writes, in one statement
    /// and one global order, so two transactions never deadlock: every writing transaction takes
    /// all its locks here, before it touches any row. Holding a parent's lock is what makes a later
    /// read see other daemons' committed changes under it; holding a region's year is what lets
    /// its row locks (`region_years`) never wait on another writer.
    public static func lock(_ pairs: [Parent], years: [RegionYear] = []) -> Statement {
        let keys = Set(pairs.map { "\($0.region)/\($0.period)" } + years.map { "\($0.region)/\($0.year)" }).sorted()
        return Statement("""
            SELECT count(pg_advisory_xact_lock(hashtextextended('huizong/' || k, 0)))
            FROM (SELECT k FROM unnest($1::text[]) WITH ORDINALITY AS u (k, o) ORDER BY o) s
            """, [PGText.array(keys)])
    }

    /// BEGIN; the locks of `parents` (and of `alsoLock`); the parents' own figures, aggregates and
    /// live conflicts: a transaction that recomputes parents, up to its decisions (`commit` ends it).
    public static func begin(_ c: Connection, parents: [Parent], alsoLock: [Parent] = []) throws -> ConsolidationInputs {
        let results = try c.pipelineResults([Statement("BEGIN"), lock(parents + alsoLock)] + (parents.isEmpty ? [] : read(parents)))
        return parents.isEmpty ? ConsolidationInputs() : try inputs(Array(results.suffix(3)), catalog: nil)
    }

    /// `first` statements, then the recomputed parents and their conflicts, the change log, COMMIT.
    public static func commit(_ c: Connection, _ first: [Statement], results: [ConsolidationResult], logged: [FigureKey]) throws -> [QueryResult] {
        let statements = first + (closes(results).map { [$0] } ?? []) + writes(results)
            + (EventStore.append(logged).map { [$0] } ?? []) + [Statement("COMMIT")]
        return Array(try c.pipelineResults(statements).prefix(first.count))
    }

    /// Three statements, after `lock`: the parents' own figures, their aggregates and their live
    /// conflicts. Only the parents' own rows: their children enter as differences.
    public static func read(_ parents: [Parent]) -> [Statement] {
        let regions = PGText.array(parents.map(\.region))
        let periods = PGText.array(parents.map { $0.period.firstDay })
        return [
            Statement("""
                SELECT f.region, to_char(f.period, 'YYYY-MM'), f.indicator, \(figureColumns)
                FROM unnest($1::text[], $2::date[]) AS p (region, period)
                CROSS JOIN LATERAL (SELECT * FROM figures f WHERE f.region = p.region AND f.period = p.period OFFSET 0) f
                """, [regions, periods]),
            Statement("""
                SELECT \(aggregateColumns)
                FROM unnest($1::text[], $2::date[]) AS p (region, period)
                CROSS JOIN LATERAL (SELECT * FROM aggregates a WHERE a.region = p.region AND a.period = p.period OFFSET 0) a
                """, [regions, periods]),
            Statement("""
                SELECT c.id, c.region, to_char(c.period, 'YYYY-MM'), c.indicator, c.kind, c.own::text,
                       c.sum::text, c.action
                FROM unnest($1::text[], $2::date[]) AS p (region, period)
                CROSS JOIN LATERAL (SELECT * FROM conflicts c
                                    WHERE c.region = p.region AND c.period = p.period AND c.state <> 'closed' OFFSET 0) c
                """, [regions, periods]),
        ]
    }

    /// An aggregate row as the writer reads it back: its key, what its parent adds up, the running
    /// sums over its children, its status (column 20), and the estimate flags.
    static let aggregateColumns = """
        a.region, to_char(a.period, 'YYYY-MM'), a.indicator, a.amount::text, a.amount_tolerance::text,
        a.den::text, a.den_tolerance::text, a.yoy::text, a.final, a.sum_amount::text,
        a.sum_amount_tolerance::text, a.sum_den::text, a.sum_den_tolerance::text, a.amount_scales::text,
        a.den_scales::text, a.sum_prior::text, a.with_growth, a.yoy_scales::text, a.final_children,
        a.reported, a.status, a.estimate, a.estimate_children
        """

    /// One row of `aggregateColumns`.
    static func storedAggregate(_ row: [String?], _ k: FigureKey) throws -> StoredAggregate {
        let d = { (i: Int) throws in try decimal(row[i], "aggregates column \(i) of \(k)") }
        let ints = { (i: Int) in row[i].map { PGText.textArray($0).map { Int($0 ?? "") ?? 0 } } }
        func amounts(_ pairs: [(Int, Int)]) throws -> [Amount] {
            try pairs.compactMap { v, t in
                guard let value = try d(v) else { return nil }
                guard let tolerance = try d(t) else { throw UnreadableValue(column: "aggregates tolerance of \(k)", text: "NULL") }
                return Amount(value: value, tolerance: tolerance)
            }
        }
        let consolidated = try amounts([(3, 4), (5, 6)])
        var sums = ChildSums()
        sums.amounts = try amounts([(9, 10), (11, 12)])
        sums.amountScales = [ints(13), ints(14)].compactMap { $0 }.prefix(sums.amounts.count).map { $0 }
        sums.prior = try d(15) ?? .zero
        sums.withGrowth = Int(row[16]!) ?? 0
        sums.yoyScales = ints(17) ?? sums.yoyScales
        sums.final = Int(row[18]!) ?? 0
        sums.reported = Int(row[19]!) ?? 0
        sums.estimates = Int(row[22] ?? "") ?? 0
        return StoredAggregate(
            sums: sums,
            consolidated: consolidated.isEmpty ? nil : Consolidated(region: k.region, amounts: consolidated, yoy: try d(7),
                                                                    isFinal: row[8] == "t", estimate: row[21] == "t"))
    }

    /// The inputs from the results of `read`. Every number must read back: a running sum that
    /// silently restarted from nothing would count a child twice.
    public static func inputs(_ results: [QueryResult], catalog: Catalog?) throws -> ConsolidationInputs {
        var inputs = ConsolidationInputs()
        func key(_ row: [String?], _ r: Int, _ p: Int, _ i: Int) -> FigureKey? {
            guard let period = Period(row[p]!), catalog.map({ $0[row[i]!] != nil }) ?? true else { return nil }
            return FigureKey(region: row[r]!, period: period, indicator: row[i]!)
        }
        for row in results[0].rows {
            guard let k = key(row, 0, 1, 2) else { continue }
            inputs.own[k] = try FigureInput(indicator: k.indicator, row: row, from: 3)
        }
        for row in results[1].rows {
            guard let k = key(row, 0, 1, 2) else { continue }
            inputs.stored[k] = try storedAggregate(row, k)
        }
        for row in results[2].rows {
            guard let id = Int64(row[0]!), let k = key(row, 1, 2, 3), let kind = ConflictKind(rawValue: row[4]!) else { continue }
            guard let own = try decimal(row[5], "conflicts.own"), let sum = try decimal(row[6], "conflicts.sum") else {
                throw UnreadableValue(column: "conflicts \(id)", text: "NULL")
            }
            inputs.conflicts[k, default: []].append(
                ConflictRecord(id: id, kind: kind, own: own, sum: sum, resolution: row[7].flatMap(ConflictSide.init)))
        }
        return inputs
    }

    /// Statements that store the results: one upsert of every aggregate, then one statement per
    /// conflict change (conflicts are rare), which records every child's figure as it now stands.
    public static func writes(_ results: [ConsolidationResult]) -> [Statement] {
        guard !results.isEmpty else { return [] }
        func column(_ get: (ConsolidationResult) -> ExactDecimal?) -> String { PGText.array(results.map { get($0)?.description }) }
        func ints(_ get: (ConsolidationResult) -> Int) -> String { PGText.array(results.map { String(get($0)) }) }
        func intArrays(_ get: (ConsolidationResult) -> [Int]?) -> String { PGText.intArrays(results.map(get)) }
        let r = { (x: ConsolidationResult) in x.aggregate.reconciliation }
        let amount = { (x: ConsolidationResult, i: Int) -> Amount? in
            guard let a = x.aggregate.consolidated?.amounts, a.count > i else { return nil }
            return a[i]
        }
        let summed = { (x: ConsolidationResult, i: Int) -> Amount? in x.sums.amounts.count > i ? x.sums.amounts[i] : nil }
        let scales = { (x: ConsolidationResult, i: Int) -> [Int]? in x.sums.amountScales.count > i ? x.sums.amountScales[i] : nil }
        var statements = [Statement("""
            INSERT INTO aggregates (region, period, indicator, value, yoy, own, own_yoy, sum, sum_yoy, amount,
                                    amount_tolerance, den, den_tolerance, final, sum_amount, sum_amount_tolerance,
                                    sum_den, sum_den_tolerance, amount_scales, den_scales, sum_prior, with_growth,
                                    yoy_scales, final_children, reported, expected, status, estimate, estimate_children)
            SELECT u.region, u.period, u.indicator, u.value, u.yoy, u.own, u.own_yoy, u.sum, u.sum_yoy, u.amount,
                   u.amount_tolerance, u.den, u.den_tolerance, u.final, u.sum_amount, u.sum_amount_tolerance, u.sum_den,
                   u.sum_den_tolerance, coalesce(u.amount_scales::integer[], '{}'), u.den_scales::integer[], u.sum_prior,
                   u.with_growth, u.yoy_scales::integer[], u.final_children, u.reported, u.expected, u.status,
                   u.estimate, u.estimate_children
            FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[],
                        $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[],
                        $14::boolean[], $15::numeric[], $16::numeric[], $17::numeric[], $18::numeric[], $19::text[],
                        $20::text[], $21::numeric[], $22::integer[], $23::text[], $24::integer[], $25::integer[],
                        $26::integer[], $27::text[], $28::boolean[], $29::integer[])
                 AS u (region, period, indicator, value, yoy, own, own_yoy, sum, sum_yoy, amount, amount_tolerance, den,
                       den_tolerance, final, sum_amount, sum_amount_tolerance, sum_den, sum_den_tolerance, amount_scales,
                       den_scales, sum_prior, with_growth, yoy_scales, final_children, reported, expected, status,
                       estimate, estimate_children)
            ON CONFLICT (region, period, indicator) DO UPDATE SET
                value = EXCLUDED.value, yoy = EXCLUDED.yoy, own = EXCLUDED.own, own_yoy = EXCLUDED.own_yoy,
                sum = EXCLUDED.sum, sum_yoy = EXCLUDED.sum_yoy, amount = EXCLUDED.amount,
                amount_tolerance = EXCLUDED.amount_tolerance, den = EXCLUDED.den, den_tolerance = EXCLUDED.den_tolerance,
                final = EXCLUDED.final, sum_amount = EXCLUDED.sum_amount, sum_amount_tolerance = EXCLUDED.sum_amount_tolerance,
                sum_den = EXCLUDED.sum_den, sum_den_tolerance = EXCLUDED.sum_den_tolerance,
                amount_scales = EXCLUDED.amount_scales, den_scales = EXCLUDED.den_scales, sum_prior = EXCLUDED.sum_prior,
                with_growth = EXCLUDED.with_growth, yoy_scales = EXCLUDED.yoy_scales,
                final_children = EXCLUDED.final_children, reported = EXCLUDED.reported, expected = EXCLUDED.expected,
                status = EXCLUDED.status, estimate = EXCLUDED.estimate, estimate_children = EXCLUDED.estimate_children,
                updated_at = now()
            """, [
                PGText.array(results.map(\.key.region)), PGText.array(results.map { $0.key.period.firstDay }),
                PGText.array(results.map(\.key.indicator)),
                column { $0.aggregate.value }, column { $0.aggregate.yoy },
                column { r($0).own?.value }, column { r($0).own?.yoy }, column { r($0).sum?.value }, column { r($0).sum?.yoy },
                column { amount($0, 0)?.value }, column { amount($0, 0)?.tolerance },
                column { amount($0, 1)?.value }, column { amount($0, 1)?.tolerance },
                PGText.array(results.map { ($0.aggregate.consolidated?.isFinal ?? false) ? "t" : "f" }),
                column { summed($0, 0)?.value }, column { summed($0, 0)?.tolerance },
                column { summed($0, 1)?.value }, column { summed($0, 1)?.tolerance },
                intArrays { scales($0, 0) }, intArrays { scales($0, 1) },
                column { $0.sums.prior }, ints { $0.sums.withGrowth }, intArrays { $0.sums.yoyScales },
                ints { $0.sums.final }, ints { r($0).reported }, ints { r($0).expected },
                PGText.array(results.map { $0.aggregate.status.rawValue }),
                PGText.array(results.map { ($0.aggregate.consolidated?.estimate ?? false) ? "t" : "f" }),
                ints { $0.sums.estimates },
            ])]
        // Conflicts opened and moved: their sides only (an open conflict's children are read as
        // they stand, see ConflictStore). Closing is `closes`, before the figures are written.
        var opened: [(FigureKey, Dispute)] = [], moved: [(Int64, Dispute)] = []
        for result in results {
            for change in result.changes {
                switch change {
                case .open(let d): opened.append((result.key, d))
                case .update(let id, let d): moved.append((id, d))
                case .close: break
                }
            }
        }
        if !moved.isEmpty {
            // Each row found by its id (an index probe behind LATERAL), then updated by its ctid: as
            // a join, the generic plan scanned the whole table, dead versions included, every batch.
            statements.append(Statement("""
                UPDATE conflicts c SET own = v.own, sum = v.sum
                FROM (SELECT x.ctid AS row, u.own, u.sum
                      FROM unnest($1::bigint[], $2::numeric[], $3::numeric[]) AS u (id, own, sum)
                      CROSS JOIN LATERAL (SELECT ctid FROM conflicts x WHERE x.id = u.id OFFSET 0) x) v
                WHERE c.ctid = v.row
                """, [PGText.array(moved.map { String($0.0) }), PGText.array(moved.map { $0.1.own.description }),
                      PGText.array(moved.map { $0.1.sum.description })]))
        }
        if !opened.isEmpty {
            statements.append(Statement("""
                INSERT INTO conflicts (region, period, indicator, kind, own, sum, state)
                SELECT u.region, u.period, u.indicator, u.kind, u.own, u.sum, 'open'
                FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::numeric[], $6::numeric[])
                     AS u (region, period, indicator, kind, own, sum)
                """, [PGText.array(opened.map(\.0.region)), PGText.array(opened.map { $0.0.period.firstDay }),
                      PGText.array(opened.map(\.0.indicator)), PGText.array(opened.map { $0.1.kind.rawValue }),
                      PGText.array(opened.map { $0.1.own.description }), PGText.array(opened.map { $0.1.sum.description })]))
        }
        return statements
    }

    /// Closes the conflicts the results close, recording each one's children as they stood while it
    /// was disputed: sent before the transaction writes any figure or aggregate.
    public static func closes(_ results: [ConsolidationResult]) -> Statement? {
        let closed = results.flatMap { r in r.changes.compactMap { if case .close(let id) = $0 { id } else { nil } } }
        guard !closed.isEmpty else { return nil }
        return Statement("""
            UPDATE conflicts c SET state = 'closed', closed_at = now(),
                child_regions = coalesce(c.child_regions, ch.regions), child_values = coalesce(c.child_values, ch.values),
                child_yoys = coalesce(c.child_yoys, ch.yoys)
            FROM conflicts u CROSS JOIN LATERAL (\(childrenSQL(of: "u"))) ch
            WHERE c.id = ANY($1::bigint[]) AND u.id = c.id
            """, [PGText.array(closed.map { String($0) })])
    }

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
