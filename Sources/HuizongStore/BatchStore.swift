import HuizongCore
import HuizongPostgres

/// The SQL of a batch, set-based: one round trip opens the transaction, takes every lock the batch
/// needs and reads everything its decisions depend on (`BatchContext`); the decisions are made in
/// Swift (`BatchPlan`); a second round trip writes each table once — submissions (with their
/// history), revisions, figures, aggregates, conflicts, the change log — and commits.
public enum BatchStore {
    /// BEGIN; the locks, in one statement and one global order (see `ConsolidationStore.lock`): the
    /// parents the batch recomputes, each submitting region's period and year; then the reads. Under
    /// those locks nothing read can change before COMMIT: every writer of a region takes its year's
    /// lock, every writer of a parent and every period lock take the (region, period) lock.
    /// The transaction stays open: `write` (or `abandonTransaction`) ends it.
    public static func read(_ c: Connection, _ items: [BatchItem], tree: RegionTree, catalog: Catalog) throws -> BatchContext {
        let submissions = items.map(\.submission)
        let parents = ConsolidationStore.ordered(Set(submissions.flatMap { s in
            Reconciler.affectedRegions(s.region, tree: tree).map { ConsolidationStore.Parent(region: $0, period: s.period) }
        }))
        let periods = Set(submissions.map { RegionPeriod(region: $0.region, period: $0.period) })
        let years = Set(submissions.map { RegionYear(region: $0.region, year: $0.period.year) })
        let lock = ConsolidationStore.lock(parents + periods.map { ConsolidationStore.Parent(region: $0.region, period: $0.period) },
                                           years: Array(years))
        let toWrite = items.filter { !$0.dryRun }.count
        let reads = [
            // Every join is a LATERAL lookup by key behind OFFSET 0 (which keeps the planner from
            // flattening it into a join): a prepared statement's plan does not know how many elements
            // its arrays hold, and a hash join over a sequential scan of a table of millions is what
            // the planner would pick for an unnest it cannot estimate.
            Statement("""
                SELECT s.office, s.key, s.content_hash
                FROM unnest($1::text[], $2::text[]) AS k (office, key)
                CROSS JOIN LATERAL (SELECT * FROM submissions s WHERE s.office = k.office AND s.key = k.key OFFSET 0) s
                """, [PGText.array(items.map(\.office)), PGText.array(submissions.map(\.key))]),
            Statement("""
                SELECT rp.region, to_char(rp.period, 'YYYY-MM'), rp.revision
                FROM unnest($1::text[], $2::date[]) AS u (region, period)
                CROSS JOIN LATERAL (SELECT * FROM region_periods rp WHERE rp.region = u.region AND rp.period = u.period OFFSET 0) rp
                """, [PGText.array(periods.map(\.region)), PGText.array(periods.map { $0.period.firstDay })]),
            SubmissionStore.locksStatement(SubmissionStore.lockScopes(submissions, tree: tree)),
            Statement(SubmissionStore.storedFiguresSQL, [PGText.array(periods.map(\.region)), PGText.array(periods.map { $0.period.firstDay })]),
            Statement("SELECT nextval('submissions_id_seq') FROM generate_series(1, $1::integer)", [String(toWrite)]),
        ] + (parents.isEmpty ? [] : ConsolidationStore.read(parents))
        let results = Array(try c.pipelineResults([Statement("BEGIN"), lock] + reads).dropFirst(2))

        var context = BatchContext()
        for row in results[0].rows {
            context.keys[OfficeKey(office: row[0]!, key: row[1]!)] = PGText.bytes(fromBytea: row[2]!) ?? []
        }
        for row in results[1].rows {
            guard let p = Period(row[1]!), let r = Int(row[2]!) else { continue }
            context.revisions[RegionPeriod(region: row[0]!, period: p)] = r
        }
        context.locks = SubmissionStore.locks(results[2])
        for row in results[3].rows {
            guard let p = Period(row[1]!), let ind = catalog[row[2]!] else { continue }
            context.stored[row[0]!, p, ind.code] = try FigureInput(indicator: ind.code, row: row, from: 3)
        }
        context.ids = results[4].rows.compactMap { $0[0].flatMap { Int64($0) } }
        if !parents.isEmpty { context.parents = try ConsolidationStore.inputs(Array(results.suffix(3)), catalog: catalog) }
        return context
    }

    /// New figures at least this many go by COPY (a round trip of its own, paid back many times over
    /// by a bulk load); fewer go with the other writes.
    static let copyThreshold = 512

    /// The batch's writes and COMMIT: one pipeline; or, when there are many new figures, a pipeline
    /// of what comes before them, their COPY, and a pipeline of the rest. Throws the first statement
    /// error (the transaction is then aborted: the caller abandons it).
    public static func write(_ c: Connection, _ w: WriteSet) throws {
        let newFigures = w.figures.filter(\.isNew)
        let copied = newFigures.count >= copyThreshold ? newFigures : []
        let upserted = copied.isEmpty ? w.figures : w.figures.filter { !$0.isNew }
        var statements: [Statement] = []
        if !w.submissions.isEmpty {
            // Each submission's replaced fields are arrays on its row: a text[] of array literals,
            // one per submission, cast back element by element.
            let subs = w.submissions
            func changes(_ get: (WriteSet.Change) -> String?) -> String {
                PGText.array(subs.map { $0.changes.isEmpty ? nil : PGText.array($0.changes.map(get)) })
            }
            statements.append(Statement("""
                INSERT INTO submissions (id, office, key, region, period, revision, content_hash,
                                         changed_indicators, changed_fields, old_values, new_values)
                SELECT u.id, u.office, u.key, u.region, u.period, u.revision, u.hash,
                       u.indicators::text[], u.fields::text[], u.olds::text[], u.news::text[]
                FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[], $6::integer[], $7::bytea[],
                            $8::text[], $9::text[], $10::text[], $11::text[])
                     AS u (id, office, key, region, period, revision, hash, indicators, fields, olds, news)
                """, [PGText.array(subs.map { String($0.id) }), PGText.array(subs.map(\.office)),
                      PGText.array(subs.map(\.key)), PGText.array(subs.map(\.region)),
                      PGText.array(subs.map { $0.period.firstDay }), PGText.array(subs.map { String($0.revision) }),
                      PGText.array(subs.map { PGText.bytea($0.hash) }),
                      changes(\.indicator), changes(\.field), changes(\.old), changes(\.new)]))
            statements.append(Statement("""
                INSERT INTO region_periods (region, period, revision, submission_id)
                SELECT * FROM unnest($1::text[], $2::date[], $3::integer[], $4::bigint[])
                ON CONFLICT (region, period) DO UPDATE SET revision = EXCLUDED.revision, submission_id = EXCLUDED.submission_id
                """, [PGText.array(w.revisions.map(\.region)), PGText.array(w.revisions.map { $0.period.firstDay }),
                      PGText.array(w.revisions.map { String($0.revision) }), PGText.array(w.revisions.map { String($0.submission) })]))
        }
        if let closes = ConsolidationStore.closes(w.consolidated) { statements.append(closes) }  // before the figures move
        if !upserted.isEmpty {
            // A listed figure replaces the stored one whole. One upsert (its conflict check is an index
            // probe per row), rather than an UPDATE … FROM whose join the planner may turn into a scan.
            statements.append(Statement("""
                INSERT INTO figures (region, period, indicator, ytd, month, yoy, value, num, den, note, submission_id, estimate)
                SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[],
                                     $7::numeric[], $8::numeric[], $9::numeric[], $10::text[], $11::bigint[], $12::boolean[])
                ON CONFLICT (region, period, indicator) DO UPDATE SET ytd = EXCLUDED.ytd, month = EXCLUDED.month,
                    yoy = EXCLUDED.yoy, value = EXCLUDED.value, num = EXCLUDED.num, den = EXCLUDED.den, note = EXCLUDED.note,
                    submission_id = EXCLUDED.submission_id, estimate = EXCLUDED.estimate
                """, figureColumns(upserted)))
        }
        // The aggregates and conflicts (whose SQL reads the children's figures as written), then the
        // change log, whose counter row stays locked until COMMIT: every other writer's log waits
        // on it, so it comes last, after the COPY too.
        var last = ConsolidationStore.writes(w.consolidated)
        if let log = EventStore.append(w.logged) { last.append(log) }
        last.append(Statement("COMMIT"))
        guard !copied.isEmpty else { _ = try c.pipelineResults(statements + last); return }
        _ = try c.pipelineResults(statements)
        var rows = COPYText(capacity: copied.count * 96)
        for r in copied {
            rows.add(r.key.region); rows.add(r.key.period.firstDay); rows.add(r.key.indicator)
            for field in FigureInput.numericFields { rows.add(field.get(r.figure)?.description) }
            rows.add(r.figure.note); rows.add(String(r.submission)); rows.add(r.figure.estimate ? "t" : "f")
            rows.endRow()
        }
        try c.copyIn("COPY figures (region, period, indicator, ytd, month, yoy, value, num, den, note, submission_id, estimate) FROM STDIN",
                     rows.bytes)
        _ = try c.pipelineResults(last)
    }

    private static func figureColumns(_ rows: [WriteSet.FigureRow]) -> [String?] {
        func column(_ get: (FigureInput) -> ExactDecimal?) -> String { PGText.array(rows.map { get($0.figure)?.description }) }
        return [PGText.array(rows.map(\.key.region)), PGText.array(rows.map { $0.key.period.firstDay }), PGText.array(rows.map(\.key.indicator)),
                column(\.ytd), column(\.month), column(\.yoy), column(\.value), column(\.num), column(\.den),
                PGText.array(rows.map(\.figure.note)), PGText.array(rows.map { String($0.submission) }),
                PGText.array(rows.map { $0.figure.estimate ? "t" : "f" })]
    }
}
