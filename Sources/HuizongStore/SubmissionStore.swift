import HuizongCore
import HuizongPostgres

public struct OfficeKey: Hashable, Sendable {
    public let office: String
    public let key: String
    public init(office: String, key: String) { self.office = office; self.key = key }
}

public struct RegionYear: Hashable, Sendable {
    public let region: String
    public let year: Int
    public init(region: String, year: Int) { self.region = region; self.year = year }
}

public struct RegionPeriod: Hashable, Sendable {
    public let region: String
    public let period: Period
    public init(region: String, period: Period) { self.region = region; self.period = period }
}

/// What the writer must know about a batch before deciding each submission's fate: keys already
/// used, last revisions, and the version of each region's year it validates against.
public struct BatchContext: Sendable {
    public var keys: [OfficeKey: [UInt8]] = [:]
    public var revisions: [RegionPeriod: Int] = [:]
    public var versions: [RegionYear: Int64] = [:]
    /// Locked (region, period) pairs among the batch's regions and their ancestors.
    public var locks: Set<RegionPeriod> = []
    /// The stored figures the history rules consult (see `FigureSnapshot`).
    public var stored = FigureSnapshot()
    public init() {}
}

/// The outcome `huizong_submit` returns (see Schema/migrations/0001_core.sql).
public enum WriteStatus: String, Sendable {
    case accepted, duplicate
    case keyReused = "key_reused"
    case staleRevision = "stale_revision"
    case retry
}

public enum SubmissionStore {
    static let submitName = "huizong_submit"

    /// The per-submission SQL: the same statement `huizong bench` gives pgbench as its baseline.
    public static let submitSQL = """
        SELECT huizong_submit($1, $2, $3::bytea, $4, $5::date, $6::integer, $7::bigint, $8::text[],
                              $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[],
                              $14::numeric[], $15::text[])
        """

    /// Prepares the write statement on a new connection.
    public static func prepare(_ c: Connection) throws {
        try c.prepare(submitName, submitSQL)
    }

    /// Reads keys, revisions, versions, locks and the figures validation consults for a whole batch
    /// in one round trip, in one REPEATABLE READ transaction: one snapshot, so that a submission
    /// committed meanwhile by another daemon is seen whole (its key with its revision) or not at all.
    public static func context(_ c: Connection, for items: [(office: String, submission: Submission)],
                               catalog: Catalog, tree: RegionTree) throws -> BatchContext {
        let scopes = lockScopes(items.map(\.submission), tree: tree)
        let years = Set(items.map { RegionYear(region: $0.submission.region, year: $0.submission.period.year) })
        let periods = Set(items.map { RegionPeriod(region: $0.submission.region, period: $0.submission.period) })
        let reads = [
            Statement("""
                SELECT s.office, s.key, s.content_hash
                FROM unnest($1::text[], $2::text[]) AS k (office, key)
                JOIN submissions s ON s.office = k.office AND s.key = k.key
                """, [PGText.array(items.map { $0.office }), PGText.array(items.map { $0.submission.key })]),
            Statement("""
                SELECT rp.region, to_char(rp.period, 'YYYY-MM'), rp.revision
                FROM unnest($1::text[], $2::date[]) AS u (region, period)
                JOIN region_periods rp ON rp.region = u.region AND rp.period = u.period
                """, [PGText.array(periods.map { $0.region }), PGText.array(periods.map { $0.period.firstDay })]),
            Statement("""
                SELECT y.region, y.year, y.version
                FROM unnest($1::text[], $2::integer[]) AS u (region, year)
                JOIN region_years y ON y.region = u.region AND y.year = u.year
                """, [PGText.array(years.map { $0.region }), PGText.array(years.map { String($0.year) })]),
            Statement(storedFiguresSQL, [PGText.array(periods.map { $0.region }), PGText.array(periods.map { $0.period.firstDay })]),
            locksStatement(scopes),
        ]
        let outcomes: [Result<QueryResult, PostgresError>]
        do {
            let all = try c.pipeline([Statement("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")] + reads + [Statement("COMMIT")])
            outcomes = Array(all.dropFirst().prefix(reads.count))
            for case .failure(let e) in all where e.kind != .aborted { throw e }
        } catch {
            c.abandonTransaction()
            throw error
        }
        var context = BatchContext()
        for row in try outcomes[0].get().rows {
            context.keys[OfficeKey(office: row[0]!, key: row[1]!)] = PGText.bytes(fromBytea: row[2]!) ?? []
        }
        for row in try outcomes[1].get().rows {
            guard let p = Period(row[1]!), let r = Int(row[2]!) else { continue }
            context.revisions[RegionPeriod(region: row[0]!, period: p)] = r
        }
        for row in try outcomes[2].get().rows {
            guard let y = Int(row[1]!), let v = Int64(row[2]!) else { continue }
            context.versions[RegionYear(region: row[0]!, year: y)] = v
        }
        context.locks = locks(try outcomes[4].get())
        for row in try outcomes[3].get().rows {
            guard let p = Period(row[1]!), let ind = catalog[row[2]!] else { continue }
            context.stored[row[0]!, p, ind.code] = try FigureInput(indicator: ind.code, row: row, from: 3)
        }
        return context
    }

    /// The first accepted submission of each region for a period, and whether it came by the deadline.
    public static func firstReceived(_ c: Connection, regions: [String], period: Period, deadline: String? = nil)
        throws -> [String: (at: String, onTime: Bool)] {
        let rows = try c.execute(firstReceivedSQL, [PGText.array(regions), period.firstDay, deadline ?? "infinity"]).rows
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0]!, (at: $0[1]!, onTime: $0[2] == "t")) })
    }

    /// The first submission of each region ($1) for a period ($2), and whether it came by $3: one
    /// index lookup per region (submissions_region_period).
    public static let firstReceivedSQL = """
        SELECT u.region, to_char(f.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00'), f.at <= $3::timestamptz
        FROM unnest($1::text[]) AS u (region)
        CROSS JOIN LATERAL (SELECT min(received_at) AS at FROM submissions s
                            WHERE s.region = u.region AND s.period = $2::date) f
        WHERE f.at IS NOT NULL
        """

    /// Every (region, period) whose lock would refuse one of the submissions: each region itself and
    /// its ancestors, in the submission's period.
    public static func lockScopes(_ submissions: [Submission], tree: RegionTree) -> [RegionPeriod] {
        Array(Set(submissions.flatMap { s in
            ([s.region] + tree.ancestors(of: s.region)).map { RegionPeriod(region: $0, period: s.period) }
        }))
    }

    public static func locksStatement(_ scopes: [RegionPeriod]) -> Statement {
        Statement("""
            SELECT l.region, to_char(l.period, 'YYYY-MM')
            FROM unnest($1::text[], $2::date[]) AS u (region, period)
            CROSS JOIN LATERAL (SELECT * FROM period_locks l WHERE l.region = u.region AND l.period = u.period) l
            """, [PGText.array(scopes.map(\.region)), PGText.array(scopes.map { $0.period.firstDay })])
    }

    public static func locks(_ result: QueryResult) -> Set<RegionPeriod> {
        Set(result.rows.compactMap { r in Period(r[1]!).map { RegionPeriod(region: r[0]!, period: $0) } })
    }

    /// Every join is a LATERAL lookup by primary key: with figures in the millions, a hash join over a
    /// sequential scan (what the planner picks for an unnest it cannot estimate) costs a hundred times
    /// more.
    ///
    /// Per (region, period): every figure of that month and of the same month a year earlier, and per
    /// indicator the nearest earlier and later month of the year with a ytd. Enough for every rule in
    /// HistoryRules.swift, without reading whole years.
    static let storedFiguresSQL = """
        WITH req AS (SELECT DISTINCT region, period FROM unnest($1::text[], $2::date[]) AS u (region, period)),
        wanted AS (
            SELECT n.region, n.period, n.indicator FROM req CROSS JOIN LATERAL (
                SELECT f.region, f.period, f.indicator FROM figures f
                WHERE f.region = req.region AND f.period IN (req.period, (req.period - interval '1 year')::date)) n
            UNION
            SELECT n.region, n.period, n.indicator FROM req CROSS JOIN LATERAL (
                SELECT DISTINCT ON (f.indicator) f.region, f.period, f.indicator FROM figures f
                WHERE f.region = req.region AND f.ytd IS NOT NULL
                  AND f.period >= date_trunc('year', req.period)::date AND f.period < req.period
                ORDER BY f.indicator, f.period DESC) n
            UNION
            SELECT n.region, n.period, n.indicator FROM req CROSS JOIN LATERAL (
                SELECT DISTINCT ON (f.indicator) f.region, f.period, f.indicator FROM figures f
                WHERE f.region = req.region AND f.ytd IS NOT NULL
                  AND f.period > req.period AND f.period < (date_trunc('year', req.period) + interval '1 year')::date
                ORDER BY f.indicator, f.period) n
        )
        SELECT f.region, to_char(f.period, 'YYYY-MM'), f.indicator, \(figureColumns)
        FROM wanted w CROSS JOIN LATERAL (
            SELECT * FROM figures f
            WHERE f.region = w.region AND f.period = w.period AND f.indicator = w.indicator) f
        """

    /// The write of one validated submission.
    public static func statement(office: String, submission s: Submission, hash: [UInt8], expectedVersion: Int64) -> Statement {
        let f = s.figures
        func column(_ get: (FigureInput) -> ExactDecimal?) -> String { PGText.array(f.map { get($0)?.description }) }
        return Statement(prepared: submitName, [
            office, s.key, PGText.bytea(hash), s.region, s.period.firstDay, String(s.revision), String(expectedVersion),
            PGText.array(f.map { $0.indicator }),
            column(\.ytd), column(\.month), column(\.yoy), column(\.value), column(\.num), column(\.den),
            PGText.array(f.map { $0.note }),
        ])
    }

    /// The outcome `huizong_submit` returned.
    public static func status(_ result: QueryResult) throws(PostgresError) -> WriteStatus {
        guard let text = result.scalar, let status = WriteStatus(rawValue: text) else {
            throw PostgresError(.statement, "huizong_submit returned \(result.scalar ?? "NULL")")
        }
        return status
    }
}
