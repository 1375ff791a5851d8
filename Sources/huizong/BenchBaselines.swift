import Foundation
import HuizongDatabase
import HuizongCore
import HuizongPostgres
import HuizongStore
import HuizongWorkload

/// The baselines, each measured in a fresh database of the same cluster, in the same run.
extension BenchRun {
    /// A new database of the same schema and reference data, on the same (running) cluster.
    func freshDatabase(_ name: String) throws -> String {
        let info = try EmbeddedCluster(directory: cluster.directory, database: name, settings: o.postgresSettings).start(logger: logger)
        return try Bootstrap.open(conninfo: info, dataDirectory: cluster.directory.path, schema: nil, logger: logger).conninfo
    }

    /// COPY of the same figure rows from psql, into a plain table with the same columns and primary
    /// key and no foreign key or trigger (the floor of storing those rows), or into `figures` itself.
    func copyBaseline(_ workload: NationalYear, plain: Bool) throws -> Double {
        let info = try freshDatabase(plain ? "copyplain" : "copyfigures")
        let table = plain ? "figures_plain" : "figures"
        if plain {
            try Connection(info).execute("""
                CREATE TABLE figures_plain (region text NOT NULL, period date NOT NULL, indicator text NOT NULL, ytd numeric,
                    month numeric, yoy numeric, value numeric, num numeric, den numeric, note text, submission_id bigint NOT NULL,
                    PRIMARY KEY (region, period, indicator))
                """)
        }
        let csv = o.workdir + "/figures.csv"
        if !FileManager.default.fileExists(atPath: csv) {
            var text = ""
            text.reserveCapacity(workload.figureCount * 80)
            for s in workload.submissions {
                for f in s.figures {
                    text += "\(s.region),\(s.period.firstDay),\(f.indicator)"
                    for field in FigureInput.numericFields { text += "," + (field.get(f)?.description ?? "") }
                    text += ",1\n"
                }
            }
            try text.write(toFile: csv, atomically: false, encoding: .utf8)
        }
        progress("COPY baseline: \(workload.figureCount) rows into \(table) from psql")
        let started = Date()
        try runTool("/usr/bin/psql", [info, "-v", "ON_ERROR_STOP=1", "-qc",
                                      "\\copy \(table) (region, period, indicator, ytd, month, yoy, value, num, den, submission_id) FROM '\(csv)' WITH (FORMAT csv)"])
        let seconds = Date().timeIntervalSince(started)
        let rows = try Connection(info).execute("SELECT count(*) FROM \(table)").scalar ?? "0"
        guard Int(rows) == workload.figureCount else { throw CLIError("COPY stored \(rows) rows, expected \(workload.figureCount)") }
        return seconds
    }

    /// pgbench with as many clients as the per-submission run, each writing revisions 1, 2, 3, … of
    /// its own region's month, as a hand-written client would with the essential SQL: insert the
    /// submission, write the history of its 20 figures, upsert them (their ytd moving on each time),
    /// in one transaction. The history goes to a table of one row per changed field, as the issue's
    /// baseline has it (the daemon keeps it as arrays on the submission's row).
    func pgbenchBaseline(_ regions: [String], template: Submission) throws -> Double {
        let info = try freshDatabase("pgbenchbase")
        let c = try Connection(info)
        _ = try OfficeStore.add(c, code: "bench", role: .admin, region: nil)
        try c.execute("""
            CREATE TABLE history_rows (id bigserial PRIMARY KEY, region text NOT NULL, period date NOT NULL, indicator text NOT NULL,
                field text NOT NULL, old_value text, new_value text, office text NOT NULL, submission_id bigint NOT NULL,
                changed_at timestamptz NOT NULL DEFAULT now())
            """)
        try c.execute("CREATE INDEX history_rows_figure ON history_rows (region, period, indicator)")
        func array(_ values: [String?]) -> String { "'" + PGText.array(values).replacingOccurrences(of: "'", with: "''") + "'" }
        let f = template.figures
        func column(_ get: (FigureInput) -> ExactDecimal?) -> String { array(f.map { get($0)?.description }) + "::numeric[]" }
        let region = "(ARRAY[\(regions.map { "'\($0)'" }.joined(separator: ","))])[:client_id + 1]"
        let script = """
            \\set n :n + 1
            BEGIN;
            INSERT INTO submissions (office, key, region, period, revision, content_hash)
                VALUES ('bench', 'pgb-' || :client_id || '-' || :n, \(region), '2001-01-01', :n, '\\x00');
            INSERT INTO history_rows (region, period, indicator, field, old_value, new_value, office, submission_id)
                SELECT f.region, f.period, f.indicator, 'ytd', f.ytd::text, (f.ytd + 0.01)::text, 'bench', currval('submissions_id_seq')
                FROM figures f WHERE f.region = \(region) AND f.period = '2001-01-01';
            INSERT INTO figures (region, period, indicator, ytd, month, yoy, value, num, den, submission_id)
                SELECT \(region), '2001-01-01', u.indicator, u.ytd + :n * 0.01, u.month, u.yoy, u.value, u.num, u.den,
                       currval('submissions_id_seq')
                FROM unnest(\(array(f.map(\.indicator)))::text[], \(column(\.ytd)), \(column(\.month)), \(column(\.yoy)),
                            \(column(\.value)), \(column(\.num)), \(column(\.den))) AS u (indicator, ytd, month, yoy, value, num, den)
                ON CONFLICT (region, period, indicator) DO UPDATE SET ytd = EXCLUDED.ytd, month = EXCLUDED.month, yoy = EXCLUDED.yoy,
                    value = EXCLUDED.value, num = EXCLUDED.num, den = EXCLUDED.den, submission_id = EXCLUDED.submission_id;
            END;

            """
        let path = o.workdir + "/submit.pgbench"
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        progress("pgbench baseline: \(regions.count) clients for \(o.seconds) s")
        let out = try runTool(Self.pgbenchPath(), ["-n", "-M", "prepared", "-c", String(regions.count), "-j", "2",
                                                   "-T", String(o.seconds), "-D", "n=0", "-f", path, info])
        let stored = try Connection(info).execute("SELECT count(*), (SELECT count(*) FROM history_rows) FROM submissions").rows.first ?? []
        progress("pgbench stored \(stored.first.flatMap { $0 } ?? "?") submissions, \(stored.last.flatMap { $0 } ?? "?") history rows")
        guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let tps = Double(line.dropFirst(6).prefix(while: { $0 != " " }))
        else { throw CLIError("no tps in pgbench output:\n\(out)") }
        return tps
    }

    static func pgbenchPath() -> String {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pgbench") { return "/usr/bin/pgbench" }
        return (try? EmbeddedCluster.binDirectory().appendingPathComponent("pgbench").path) ?? "pgbench"
    }

    // MARK: Report

    func report(_ r: Results) {
        let f1 = { (x: Double) in String(format: "%.1f", x) }
        let f2 = { (x: Double) in String(format: "%.2f", x) }
        func single(_ s: Single) -> String {
            "\(Int(s.perSecond)) submissions/s; ack p50 \(f1(s.ms(50))) ms, p99 \(f1(s.ms(99))) ms"
        }
        func ratio(_ x: Double, _ y: Double) -> String { y > 0 ? "\(f2(x / y))×" : "—" }
        var rows = """
            | measure | Huizong | baseline (same run) | ratio | goal |
            |---|---|---|---|---|
            """
        if r.ingest.seconds > 0 {
            rows += "\n| 1. bulk ingest: \(r.workload.submissions) submissions, \(r.workload.figures) figures, \(o.connections) pipelining connections | \(f2(r.ingest.seconds)) s (\(Int(Double(r.ingest.accepted) / r.ingest.seconds)) submissions/s), \(r.ingest.accepted) accepted | COPY of the same rows from psql into a plain keyed table: \(f2(r.copyPlain)) s; into `figures`: \(f2(r.copyFigures)) s | \(ratio(r.ingest.seconds, r.copyPlain)) / \(ratio(r.ingest.seconds, r.copyFigures)) the COPY time | ≤ 1.5× (plain) |"
        }
        if r.single.count > 0 {
            rows += "\n| 2. per-submission: \(o.clients) connections, one submission (20 figures) at a time, \(o.seconds) s, on the national year | \(single(r.single)) | pgbench, \(o.clients) clients, the essential SQL: \(Int(r.pgbench)) tps | \(ratio(r.single.perSecond, r.pgbench)) pgbench | ≥ 1.5× |"
        }
        if r.fixed.count > 0 {
            rows += "\n| 2. fixed rate at half that: \(Int(r.single.perSecond / 2))/s for \(o.seconds) s | \(single(r.fixed)) (from the scheduled send) | | | p99 ≤ 10 ms |"
        }
        if r.fan.subscribers > 0 {
            rows += "\n| 3. fan-out: \(r.fan.subscribers) subscribers on one city, \(r.fan.rounds) submissions 50 ms apart; send → event at each | p50 \(f1(r.fan.ms(50))) ms, p99 \(f1(r.fan.ms(99))) ms, \(r.fan.missing) missing (the publisher's own acks: p50 \(f1(Double(r.fan.acks.valueAtPercentile(50)) / 1000)) ms, p99 \(f1(Double(r.fan.acks.valueAtPercentile(99)) / 1000)) ms) | | | p99 ≤ 50 ms |"
        }
        if r.rss > 0 {
            rows += "\n| 4. peak RSS of huizongd during the bulk ingest | \(r.rss / 1_048_576) MiB | | | ≤ 256 MiB |"
        }
        if r.singleEmpty.count > 0 {
            rows += "\n| per-submission on an empty database | \(single(r.singleEmpty)) | pgbench: \(Int(r.pgbench)) tps | \(ratio(r.singleEmpty.perSecond, r.pgbench)) pgbench | |"
        }
        if r.idleHeld > 0 {
            let solo = (r.idleBefore.perSecond + r.idleAfter.perSecond) / 2
            rows += "\n| per-submission with \(r.idleHeld) idle connections held | \(single(r.idle)); RSS \(r.rssWithIdle / 1_048_576) MiB | the same run without them just before and after: \(Int(r.idleBefore.perSecond))/s and \(Int(r.idleAfter.perSecond))/s (mean \(Int(solo))/s) | \(ratio(r.idle.perSecond, solo)) | within 10 % |"
        }
        if let grown = r.singleGrown {
            rows += "\n| 5. per-submission with \(o.years) national years stored | \(single(grown)) | on an empty database: \(Int(r.singleEmpty.perSecond))/s | \(ratio(grown.perSecond, r.singleEmpty.perSecond)) | within 10 % |"
        }
        if let reads = r.provinceReads {
            rows += "\n| 5. a province's completeness / query with children, \(o.years) years stored | \(f1(reads.completeness)) ms / \(f1(reads.query)) ms | | | |"
        }
        print(rows)
        for failure in r.ingest.failures + r.single.failures + r.fixed.failures + r.idle.failures + r.idleBefore.failures + r.idleAfter.failures { print("failure: \(failure)") }
    }
}
