import HuizongCore
import HuizongPostgres

/// The SQL of a province's state: reading some years of it in one snapshot, and the statements a
/// writing transaction sends — every value in binary format, every table written once per
/// transaction, nothing read before deciding.
public enum ProvinceStore {
    /// Reads `years` of the province into `state` in one round trip and one snapshot. Returns the
    /// province's version, how far its consolidation got (what the state's decisions rest on), and
    /// the years whose parents a transaction left behind (to be read and written again).
    public static func load(_ c: Connection, into state: inout ProvinceState, years: [Int]) throws
        -> (version: Int64, consolidated: Int64, pending: [Int]) {
        let codes = state.tree.subtree(of: state.province)
        let regions = Column.texts(codes.count) { codes[$0] }
        let from = Period(year: years.min()!, month: 1)!, to = Period(year: years.max()! + 1, month: 1)!
        let range: [PGValue] = [regions, .date(from), .date(to)]
        let statements = [
            Statement("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
            Statement("SELECT version, consolidated, pending_years FROM province_versions WHERE province = $1", binary: [.text(state.province)]),
            Statement("""
                SELECT id, office, key, content_hash, region, period, revision, received_at FROM submissions
                WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date ORDER BY id
                """, binary: range),
            Statement("""
                SELECT region, period, indicator, ytd, month, yoy, value, num, den, note, estimate, submission_id, year_estimate FROM figures
                WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date
                """, binary: range),
            Statement("SELECT region, period, revision FROM region_periods WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date",
                      binary: range),
            Statement("SELECT region, period FROM period_locks WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date",
                      binary: range),
            Statement("""
                SELECT region, year, indicator, ytd, yoy, share, share_of FROM targets
                WHERE region = ANY($1::text[]) AND year >= $2::integer AND year <= $3::integer
                """, binary: [regions, .int4(Int32(years.min()!)), .int4(Int32(years.max()!))]),
            Statement("""
                SELECT id, region, period, indicator, kind, own, sum, action FROM conflicts
                WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date AND state <> 'closed'
                """, binary: range),
            Statement("SELECT region, period, indicator FROM aggregates WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date",
                      binary: range),
            Statement("SELECT region, indicator, field, min, max FROM bounds WHERE region = ANY($1::text[])", binary: [regions]),
            Statement("""
                SELECT region, period, indicator, array_agg(code ORDER BY code) FROM figure_flags
                WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date GROUP BY region, period, indicator
                """, binary: range),
            Statement("""
                SELECT DISTINCT ON (region, period) region, period, action, office, at, note, revision FROM reviews
                WHERE region = ANY($1::text[]) AND period >= $2::date AND period < $3::date ORDER BY region, period, id DESC
                """, binary: range),
            Statement("COMMIT"),
        ]
        var version: (Int64, Int64, [Int]) = (0, 0, [])
        let catalog = state.catalog
        try c.pipelineResults(statements) { statement, row in
            switch statement {
            case 1:
                version = (try row.int64(0) ?? 0, try row.int64(1) ?? 0, try row.int32Array(2)?.compactMap { $0.map(Int.init) } ?? [])
            case 2:
                state.load(submission: try row.int64(0) ?? 0, office: try row.required(1), key: try row.required(2), hash: row.bytea(3) ?? [],
                           region: try row.required(4), period: try row.period(5)!, revision: try row.int(6) ?? 0,
                           receivedAt: Timestamp(microseconds: try row.timestamptz(7) ?? 0))
            case 3:
                let indicator = try row.required(2)
                guard catalog[indicator] != nil else { return }
                let f = FigureInput(indicator: indicator, ytd: try row.decimal(3), month: try row.decimal(4), yoy: try row.decimal(5),
                                    value: try row.decimal(6), num: try row.decimal(7), den: try row.decimal(8), note: row.text(9),
                                    estimate: try row.bool(10) ?? false, yearEstimate: try row.decimal(12))
                state.load(figure: f, region: try row.required(0), period: try row.period(1)!, submission: try row.int64(11) ?? 0)
            case 4:
                state.load(revision: try row.int(2) ?? 0, region: try row.required(0), period: try row.period(1)!)
            case 5:
                state.load(lockOf: try row.required(0), period: try row.period(1)!)
            case 6:
                state.load(targets: TargetSet(level: try row.decimal(3), growth: try row.decimal(4), share: try row.decimal(5), shareOf: row.text(6)),
                           region: try row.required(0), year: try row.int(1) ?? 0, indicator: try row.required(2))
            case 7:
                guard let kind = ConflictKind(rawValue: try row.required(4)), let own = try row.decimal(5), let sum = try row.decimal(6) else {
                    throw UnreadableValue(column: "conflicts \(try row.int64(0) ?? 0)", text: "kind or sides")
                }
                let key = FigureKey(region: try row.required(1), period: try row.period(2)!, indicator: try row.required(3))
                state.load(conflict: ConflictRecord(id: try row.int64(0) ?? 0, kind: kind, own: own, sum: sum,
                                                    resolution: row.text(7).flatMap(ConflictSide.init)), key: key)
            case 8:
                state.load(aggregateAt: FigureKey(region: try row.required(0), period: try row.period(1)!, indicator: try row.required(2)))
            case 9:
                guard let field = BoundedField(rawValue: try row.required(2)) else { return }
                state.load(bound: Bound(min: try row.decimal(3), max: try row.decimal(4)),
                           key: BoundKey(region: try row.required(0), indicator: try row.required(1), field: field))
            case 10:
                let codes = (try row.textArray(3) ?? []).compactMap { $0.flatMap(QualityCode.init) }
                state.load(quality: codes, region: try row.required(0), period: try row.period(1)!, indicator: try row.required(2))
            case 11:
                guard let action = ReviewAction(rawValue: try row.required(2)) else {
                    throw UnreadableValue(column: "reviews.action", text: row.text(2) ?? "")
                }
                state.load(review: ReviewRecord(action: action, office: try row.required(3), at: Timestamp(microseconds: try row.timestamptz(4) ?? 0),
                                                note: row.text(5), revision: try row.int(6) ?? 0),
                           region: try row.required(0), period: try row.period(1)!)
            default:
                break
            }
        }
        return version
    }

    /// `n` submission ids from the sequence, handed out ahead so that a batch needs no read.
    public static func reserveSubmissionIDs(_ c: Connection, _ n: Int) throws -> [Int64] {
        var ids: [Int64] = []
        ids.reserveCapacity(n)
        try c.query(Statement("SELECT nextval('submissions_id_seq') FROM generate_series(1, $1::integer)", binary: [.int4(Int32(n))])) { row in
            if let id = try row.int64(0) { ids.append(id) }
        }
        return ids
    }

    /// Claims the province's next version (its row lock orders every writer of it until COMMIT);
    /// fails with SQLSTATE HZ409 if `expected` is no longer current.
    /// - Parameter years: the years whose parents this transaction leaves behind (when it does not
    ///   consolidate): a daemon recovering the province reads them.
    public static func claim(_ province: String, expected: Int64, consolidated: Bool, years: Set<Int> = []) -> Statement {
        Statement("SELECT huizong_claim($1::text, $2::bigint, $3::boolean, $4::integer[])",
                  binary: [.text(province), .int8(expected), .bool(consolidated), Column.int32s(years.count) { years.sorted()[$0] }])
    }

    /// Provinces whose parents were left behind by a transaction at least `age` ago, with the years
    /// to read: a daemon died between a commit and the flush that was to follow it.
    public static func behind(_ c: Connection, olderThan age: Duration) throws -> [(province: String, years: [Int])] {
        var out: [(String, [Int])] = []
        try c.query(Statement("""
            SELECT province, pending_years FROM province_versions
            WHERE consolidated < version AND claimed_at <= now() - make_interval(secs => $1::double precision / 1000)
            """, binary: [.int8(Int64(age.components.seconds * 1000 + age.components.attoseconds / 1_000_000_000_000_000))])) { row in
            let years = try row.int32Array(1)?.compactMap { $0.map(Int.init) } ?? []
            out.append((try row.required(0), years))
        }
        return out
    }

    /// Checks that the province is still at `expected` (waiting for a writer that holds it); fails
    /// with SQLSTATE HZ409 if not. For decisions that write nothing.
    public static func check(_ province: String, expected: Int64) -> Statement {
        Statement("SELECT huizong_check($1::text, $2::bigint)", binary: [.text(province), .int8(expected)], binaryResults: false)
    }

    public static let staleState = "HZ409"

    // MARK: Submissions

    /// The submissions, their revisions and figures. A submission's history (the fields it replaced)
    /// is four arrays on its row, grouped here from one flat list.
    public static func writes(_ w: SubmissionWrites) -> [Statement] {
        guard !w.submissions.isEmpty else { return [] }
        let subs = w.submissions
        var changeOf = PGArray(of: .int4), indicators = PGArray(of: .text), fields = PGArray(of: .text)
        var olds = PGArray(of: .text), news = PGArray(of: .text)
        for (i, s) in subs.enumerated() {
            for c in s.changes {
                changeOf.append(int32: Int32(i + 1))
                indicators.append(text: c.indicator)
                fields.append(text: c.field)
                olds.append(text: c.old)
                news.append(text: c.new)
            }
        }
        var statements = [
            Statement("""
                WITH ch AS (
                    SELECT c.sub, array_agg(c.indicator ORDER BY c.o) AS indicators, array_agg(c.field ORDER BY c.o) AS fields,
                           array_agg(c.old ORDER BY c.o) AS olds, array_agg(c.new ORDER BY c.o) AS news
                    FROM unnest($9::integer[], $10::text[], $11::text[], $12::text[], $13::text[])
                         WITH ORDINALITY AS c (sub, indicator, field, old, new, o)
                    GROUP BY c.sub)
                INSERT INTO submissions (id, office, key, region, period, revision, content_hash, received_at,
                                         changed_indicators, changed_fields, old_values, new_values)
                SELECT u.id, u.office, u.key, u.region, u.period, u.revision, u.hash, u.at, ch.indicators, ch.fields, ch.olds, ch.news
                FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[], $6::integer[], $7::bytea[], $8::timestamptz[])
                     WITH ORDINALITY AS u (id, office, key, region, period, revision, hash, at, o)
                LEFT JOIN ch ON ch.sub = u.o
                """, binary: [
                    Column.int64s(subs.count) { subs[$0].id }, Column.texts(subs.count) { subs[$0].office },
                    Column.texts(subs.count) { subs[$0].key }, Column.texts(subs.count) { subs[$0].region },
                    Column.dates(subs.count) { subs[$0].period }, Column.int32s(subs.count) { subs[$0].revision },
                    Column.byteas(subs.count) { subs[$0].hash }, Column.timestamps(subs.count) { subs[$0].receivedAt },
                    changeOf.value(), indicators.value(), fields.value(), olds.value(), news.value(),
                ], binaryResults: false),
            Statement("""
                INSERT INTO region_periods (region, period, revision, submission_id)
                SELECT * FROM unnest($1::text[], $2::date[], $3::integer[], $4::bigint[])
                ON CONFLICT (region, period) DO UPDATE SET revision = EXCLUDED.revision, submission_id = EXCLUDED.submission_id
                """, binary: [
                    Column.texts(w.revisions.count) { w.revisions[$0].region }, Column.dates(w.revisions.count) { w.revisions[$0].period },
                    Column.int32s(w.revisions.count) { w.revisions[$0].revision }, Column.int64s(w.revisions.count) { w.revisions[$0].submission },
                ], binaryResults: false),
        ]
        let new = w.figures.filter(\.isNew), replaced = w.figures.filter { !$0.isNew }
        if !new.isEmpty {
            statements.append(Statement("INSERT INTO figures (\(figureColumns)) SELECT * FROM unnest(\(figureArrays))",
                                        binary: figureParameters(new), binaryResults: false))
        }
        if !replaced.isEmpty {
            // A listed figure replaces the stored one whole: an upsert, whose conflict check is an index
            // probe per row (an UPDATE … FROM's join may become a scan under a generic plan).
            statements.append(Statement("""
                INSERT INTO figures (\(figureColumns)) SELECT * FROM unnest(\(figureArrays))
                ON CONFLICT (region, period, indicator) DO UPDATE SET ytd = EXCLUDED.ytd, month = EXCLUDED.month,
                    yoy = EXCLUDED.yoy, value = EXCLUDED.value, num = EXCLUDED.num, den = EXCLUDED.den, note = EXCLUDED.note,
                    submission_id = EXCLUDED.submission_id, estimate = EXCLUDED.estimate, year_estimate = EXCLUDED.year_estimate
                """, binary: figureParameters(replaced), binaryResults: false))
        }
        let cleared = w.figures.filter(\.hadFlags)
        if !cleared.isEmpty {
            statements.append(Statement("""
                DELETE FROM figure_flags f USING unnest($1::text[], $2::date[], $3::text[]) AS k (region, period, indicator)
                WHERE f.region = k.region AND f.period = k.period AND f.indicator = k.indicator
                """, binary: [Column.texts(cleared.count) { cleared[$0].key.region }, Column.dates(cleared.count) { cleared[$0].key.period },
                              Column.texts(cleared.count) { cleared[$0].key.indicator }], binaryResults: false))
        }
        let flags = w.figures.flatMap { row in row.flags.map { (row.key, $0) } }
        if !flags.isEmpty {
            let n = flags.count
            statements.append(Statement("""
                INSERT INTO figure_flags (region, period, indicator, code, field, value, median, score, min, max)
                SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[],
                                     $8::numeric[], $9::numeric[], $10::numeric[])
                """, binary: [Column.texts(n) { flags[$0].0.region }, Column.dates(n) { flags[$0].0.period },
                              Column.texts(n) { flags[$0].0.indicator }, Column.texts(n) { flags[$0].1.code.rawValue },
                              Column.texts(n) { flags[$0].1.field }, Column.numerics(n) { flags[$0].1.value },
                              Column.numerics(n) { flags[$0].1.median }, Column.numerics(n) { flags[$0].1.score },
                              Column.numerics(n) { flags[$0].1.min }, Column.numerics(n) { flags[$0].1.max }], binaryResults: false))
        }
        return statements
    }

    static let figureColumns = "region, period, indicator, ytd, month, yoy, value, num, den, note, submission_id, estimate, year_estimate"
    static let figureArrays = """
        $1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], \
        $9::numeric[], $10::text[], $11::bigint[], $12::boolean[], $13::numeric[]
        """

    static func figureParameters(_ rows: [SubmissionWrites.FigureRow]) -> [PGValue] {
        let n = rows.count
        return [
            Column.texts(n) { rows[$0].key.region }, Column.dates(n) { rows[$0].key.period }, Column.texts(n) { rows[$0].key.indicator },
            Column.numerics(n) { rows[$0].figure.ytd }, Column.numerics(n) { rows[$0].figure.month }, Column.numerics(n) { rows[$0].figure.yoy },
            Column.numerics(n) { rows[$0].figure.value }, Column.numerics(n) { rows[$0].figure.num }, Column.numerics(n) { rows[$0].figure.den },
            Column.texts(n) { rows[$0].figure.note }, Column.int64s(n) { rows[$0].submission }, Column.bools(n) { rows[$0].figure.estimate },
            Column.numerics(n) { rows[$0].figure.yearEstimate },
        ]
    }

    // MARK: Consolidation

    /// The flush: conflicts closed (before any opens again on the same figure), moved and opened —
    /// each a statement of its own, they are rare — then every dirty parent's aggregate in one
    /// upsert. The statements that open conflicts return their ids, in `w.opened`'s order.
    public static func writes(_ w: ConsolidationWrites) -> (statements: [Statement], openedFrom: Int) {
        var statements: [Statement] = []
        for c in w.closed {
            statements.append(Statement("""
                UPDATE conflicts SET state = 'closed', closed_at = $2, child_regions = coalesce(child_regions, $3::text[]),
                    child_values = coalesce(child_values, $4::numeric[]), child_yoys = coalesce(child_yoys, $5::numeric[])
                WHERE id = $1
                """, binary: [.int8(c.id), .timestamp(c.at)] + children(c.children), binaryResults: false))
        }
        for m in w.moved {
            statements.append(Statement("UPDATE conflicts SET own = $2, sum = $3 WHERE id = $1",
                                        binary: [.int8(m.id), .numeric(m.own), .numeric(m.sum)], binaryResults: false))
        }
        let openedFrom = statements.count
        for o in w.opened {
            let closed = o.closed
            statements.append(Statement("""
                INSERT INTO conflicts (region, period, indicator, kind, own, sum, state, opened_at, closed_at,
                                       child_regions, child_values, child_yoys)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11::numeric[], $12::numeric[])
                RETURNING id
                """, binary: [.text(o.key.region), .date(o.key.period), .text(o.key.indicator), .text(o.kind.rawValue), .numeric(o.own),
                              .numeric(o.sum), .text(closed == nil ? "open" : "closed"), .timestamp(o.openedAt),
                              closed.map { .timestamp($0.at) } ?? .null(.timestamptz)]
                    + (closed.map { children($0.children) } ?? [.null(.textArray), .null(.numericArray), .null(.numericArray)])))
        }
        if !w.aggregates.isEmpty { statements.append(aggregates(w.aggregates)) }
        return (statements, openedFrom)
    }

    private static func children(_ list: [ConflictView.Child]) -> [PGValue] {
        [Column.texts(list.count) { list[$0].region }, Column.numerics(list.count) { list[$0].value },
         Column.numerics(list.count) { list[$0].yoy }]
    }

    /// What readers see of each parent: its value and growth, its own figure and its children's sum,
    /// a ratio's numerator and denominator, how many children reported of how many, its status.
    static func aggregates(_ rows: [ConsolidationWrites.AggregateRow]) -> Statement {
        let n = rows.count
        let a = rows.map(\.aggregate)
        func amount(_ i: Int, _ k: Int) -> ExactDecimal? {
            guard let amounts = a[i].consolidated?.amounts, amounts.count > k else { return nil }
            return amounts[k].value
        }
        return Statement("""
            INSERT INTO aggregates (region, period, indicator, value, yoy, own, own_yoy, sum, sum_yoy, amount, den,
                                    reported, expected, status, estimate, year_estimate)
            SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[],
                                 $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::integer[], $13::integer[],
                                 $14::text[], $15::boolean[], $16::numeric[])
            ON CONFLICT (region, period, indicator) DO UPDATE SET
                value = EXCLUDED.value, yoy = EXCLUDED.yoy, own = EXCLUDED.own, own_yoy = EXCLUDED.own_yoy, sum = EXCLUDED.sum,
                sum_yoy = EXCLUDED.sum_yoy, amount = EXCLUDED.amount, den = EXCLUDED.den, reported = EXCLUDED.reported,
                expected = EXCLUDED.expected, status = EXCLUDED.status, estimate = EXCLUDED.estimate,
                year_estimate = EXCLUDED.year_estimate, updated_at = now()
            """, binary: [
                Column.texts(n) { rows[$0].key.region }, Column.dates(n) { rows[$0].key.period }, Column.texts(n) { rows[$0].key.indicator },
                Column.numerics(n) { a[$0].value }, Column.numerics(n) { a[$0].yoy },
                Column.numerics(n) { a[$0].reconciliation.own?.value }, Column.numerics(n) { a[$0].reconciliation.own?.yoy },
                Column.numerics(n) { a[$0].reconciliation.sum?.value }, Column.numerics(n) { a[$0].reconciliation.sum?.yoy },
                Column.numerics(n) { amount($0, 0) }, Column.numerics(n) { amount($0, 1) },
                Column.int32s(n) { a[$0].reconciliation.reported }, Column.int32s(n) { a[$0].reconciliation.expected },
                Column.texts(n) { a[$0].status.rawValue }, Column.bools(n) { a[$0].consolidated?.estimate ?? false },
                Column.numerics(n) { a[$0].yearEstimate },
            ], binaryResults: false)
    }

    // MARK: Governance

    public static func lock(region: String, period: Period, locked: Bool, office: String, at: Timestamp) -> [Statement] {
        [
            locked
                ? Statement("INSERT INTO period_locks (region, period, locked_by, locked_at) VALUES ($1, $2, $3, $4)",
                            binary: [.text(region), .date(period), .text(office), .timestamp(at)], binaryResults: false)
                : Statement("DELETE FROM period_locks WHERE region = $1 AND period = $2", binary: [.text(region), .date(period)], binaryResults: false),
            Statement("INSERT INTO lock_history (region, period, action, office, at) VALUES ($1, $2, $3, $4, $5)",
                      binary: [.text(region), .date(period), .text(locked ? "lock" : "unlock"), .text(office), .timestamp(at)], binaryResults: false),
        ]
    }

    /// A field's bounds as they now stand (none left: the row goes).
    public static func bound(_ key: BoundKey, _ b: Bound, office: String, at: Timestamp) -> Statement {
        b.isEmpty
            ? Statement("DELETE FROM bounds WHERE region = $1 AND indicator = $2 AND field = $3",
                        binary: [.text(key.region), .text(key.indicator), .text(key.field.rawValue)], binaryResults: false)
            : Statement("""
                INSERT INTO bounds (region, indicator, field, min, max, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (region, indicator, field) DO UPDATE SET min = EXCLUDED.min, max = EXCLUDED.max,
                    set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
                """, binary: [.text(key.region), .text(key.indicator), .text(key.field.rawValue), .numeric(b.min), .numeric(b.max),
                              .text(office), .timestamp(at)], binaryResults: false)
    }

    public static func review(region: String, period: Period, _ r: ReviewRecord) -> Statement {
        Statement("INSERT INTO reviews (region, period, action, office, at, note, revision) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                  binary: [.text(region), .date(period), .text(r.action.rawValue), .text(r.office), .timestamp(r.at), .text(r.note),
                           .int4(Int32(r.revision))], binaryResults: false)
    }

    public static func target(region: String, year: Int, indicator: String, targets t: TargetSet, office: String, at: Timestamp) -> Statement {
        Statement("""
            INSERT INTO targets (region, year, indicator, ytd, yoy, share, share_of, set_by, set_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (region, year, indicator) DO UPDATE SET ytd = coalesce(EXCLUDED.ytd, targets.ytd),
                yoy = coalesce(EXCLUDED.yoy, targets.yoy), share = coalesce(EXCLUDED.share, targets.share),
                share_of = coalesce(EXCLUDED.share_of, targets.share_of), set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
            """, binary: [.text(region), .int4(Int32(year)), .text(indicator), .numeric(t.level), .numeric(t.growth), .numeric(t.share),
                          .text(t.shareOf), .text(office), .timestamp(at)], binaryResults: false)
    }

    /// Marks a conflict resolved, recording its children as they stood.
    public static func resolve(conflict id: Int64, action: ConflictSide, note: String?, office: String, at: Timestamp,
                               children list: [ConflictView.Child]) -> Statement {
        Statement("""
            UPDATE conflicts SET state = 'resolved', action = $2, note = $3, resolved_by = $4, resolved_at = $5,
                child_regions = coalesce(child_regions, $6::text[]), child_values = coalesce(child_values, $7::numeric[]),
                child_yoys = coalesce(child_yoys, $8::numeric[])
            WHERE id = $1 AND state <> 'closed'
            """, binary: [.int8(id), .text(action.rawValue), .text(note), .text(office), .timestamp(at)] + children(list), binaryResults: false)
    }

    // MARK: The change log

    /// The log entries of a writing transaction, last before COMMIT: one row per (region, period), in
    /// the order of `keys`, numbered from the counter (whose row lock then orders the commits), and
    /// one NOTIFY of the highest seq and the daemon (`origin`) to every daemon's broadcaster. Its one row is the seq before the
    /// first entry: `keys[i]` is seq base + 1 + i.
    public static func log(_ keys: [FigureKey], origin: String) -> Statement? {
        guard !keys.isEmpty else { return nil }
        var order: [RegionPeriod] = []
        var indicators: [RegionPeriod: [String]] = [:]
        for k in keys {
            let rp = RegionPeriod(region: k.region, period: k.period)
            if indicators[rp] == nil { order.append(rp) }
            indicators[rp, default: []].append(k.indicator)
        }
        var first = PGArray(of: .int8), last = PGArray(of: .int8), offset: Int64 = 0
        for rp in order {
            first.append(int64: offset + 1)
            offset += Int64(indicators[rp]!.count)
            last.append(int64: offset)
        }
        return Statement("""
            WITH c AS (UPDATE change_counter SET seq = seq + $1::bigint RETURNING seq - $1::bigint AS base),
            ins AS (INSERT INTO changes (seq_first, seq_last, region, period, indicators)
                    SELECT c.base + u.first, c.base + u.last, u.region, u.period, u.indicators::text[]
                    FROM c, unnest($2::bigint[], $3::bigint[], $4::text[], $5::date[], $6::text[])
                         AS u (first, last, region, period, indicators)
                    RETURNING seq_last)
            SELECT (SELECT base FROM c), (SELECT pg_notify('\(EventStore.notifyChannel)', max(seq_last)::text || ':' || $7) FROM ins)
            """, binary: [
                .int8(offset), first.value(), last.value(),
                Column.texts(order.count) { order[$0].region }, Column.dates(order.count) { order[$0].period },
                Column.texts(order.count) { PGText.array(indicators[order[$0]]!) }, .text(origin),
            ])
    }
}
