import ArgumentParser
import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import HuizongWorkload
import Logging

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the benchmarks of BENCHMARKS.md against baselines measured in the same run.",
        discussion: """
            Starts a fresh PostgreSQL cluster in --workdir and a real huizongd process on it, then:

            1. bulk ingest: the national-year workload over the Unix socket from --connections pipelining connections; baseline: COPY of the same figure rows into the same table from psql, in a fresh database of the same schema;

            2. per-submission: --clients connections each sending one submission at a time for --seconds; baseline: pgbench with as many clients running huizong_submit, the daemon's own per-submission SQL;

            3. the daemon's peak RSS during (1);

            4. fan-out: --subscribers connections subscribed to one city while a county under it sends --fan-out-rounds submissions one at a time, 50 ms apart; latency from sending each submission to the city's event arriving at every subscriber (no baseline; the goal is p99 ≤ 50 ms).

            Prints a Markdown table for BENCHMARKS.md. Progress goes to standard error.
            """
    )

    @Option(help: "Scratch directory (emptied first).")
    var workdir = "/tmp/huizong-bench"

    @Option(help: "Pipelining connections for the bulk ingest.")
    var connections = 16

    @Option(help: "Connections (and pgbench clients) for the per-submission run.")
    var clients = 64

    @Option(help: "Seconds of each per-submission run.")
    var seconds = 15

    @Option(help: "Only the first N counties (and their cities and provinces); default all.")
    var limit: Int?

    @Option(help: "Submissions a bulk connection may have unacknowledged.")
    var window = 512

    @Option(help: "The daemon's --batch-max (submissions per commit at most); default the daemon's.")
    var batchMax: Int?

    @Option(help: "Subscribers of the fan-out run, all on one city.")
    var subscribers = 1000

    @Option(help: "Submissions of the fan-out run, one at a time, 50 ms apart.")
    var fanOutRounds = 40

    @Option(help: "Year of the workload.")
    var year = 2023

    @Option(help: "Seed of the workload.")
    var seed: UInt64 = 20_231_130

    func run() throws {
        let bench = try BenchRun(options: self)
        defer { bench.tearDown() }
        try bench.execute()
    }
}

/// One benchmark run: owns the scratch cluster and the daemon process.
final class BenchRun {
    let o: Bench
    let cluster: EmbeddedCluster
    let conninfo: String
    var daemon: pid_t?
    var logger = Logger(label: "bench")

    init(options: Bench) throws {
        o = options
        logger.logLevel = .warning
        try? FileManager.default.removeItem(atPath: options.workdir)
        try FileManager.default.createDirectory(atPath: options.workdir, withIntermediateDirectories: true)
        cluster = EmbeddedCluster(directory: URL(fileURLWithPath: options.workdir + "/cluster"))
        progress("starting a fresh PostgreSQL cluster in \(options.workdir)/cluster")
        // Always the scratch cluster, never a HUIZONG_DATABASE from the environment.
        let info = try cluster.start(logger: logger)
        conninfo = try Bootstrap.open(conninfo: info, dataDirectory: cluster.directory.path, schema: nil, logger: logger).conninfo
    }

    func tearDown() {
        stopDaemon()
        try? cluster.stop()
    }

    func stopDaemon() {
        guard let pid = daemon else { return }
        kill(pid, SIGTERM)
        _ = try? ChildProcess.wait(pid)
        daemon = nil
    }

    func execute() throws {
        let c = try Connection(conninfo)
        let regions = try ReferenceStore.regions(c)
        let catalog = try ReferenceStore.catalog(c)
        var clock = Stopwatch()
        let workload = NationalYear(regions: regions, catalog: catalog, year: o.year, seed: o.seed, limit: o.limit)
        progress("generated \(workload.submissions.count) submissions, \(workload.figureCount) figures in \(clock.lap()) s")
        let token = try OfficeStore.add(c, code: "bench", role: .admin, region: nil)

        let socket = o.workdir + "/huizongd.sock"
        try startDaemon(socket: socket)
        let ingest = try bulkIngest(workload, socket: socket, token: token)
        let rss = peakRSS()
        let counties = workload.submissions.prefix(o.clients * 12).map(\.region)
        let perRegions = Array(Set(counties)).sorted().prefix(o.clients)
        let template = workload.submissions[0]
        let single = try perSubmission(Array(perRegions), template: template, socket: socket, token: token)
        let county = template.region
        let fan = try fanOut(city: regions.ancestors(of: county).first ?? county, county: county, template: template,
                             socket: socket, token: token)
        stopDaemon()

        let copy = try copyBaseline(workload)
        let pgbench = try pgbenchBaseline(Array(perRegions), template: template)
        report(workload: workload, ingest: ingest, rss: rss, single: single, copy: copy, pgbench: pgbench, fan: fan)
    }

    // MARK: The daemon

    func startDaemon(socket: String) throws {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("huizongd")
        let batch = o.batchMax.map { ["--batch-max", String($0)] } ?? []
        let pid = try ChildProcess.spawn(exe.path, ["--database", conninfo, "--unix-socket", socket, "--tcp", "",
                                                    "--log-level", "warning"] + batch, outputPath: o.workdir + "/huizongd.log")
        daemon = pid
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: socket) {
            guard ChildProcess.isRunning(pid) else { throw CLIError("huizongd exited; see \(o.workdir)/huizongd.log") }
            usleep(100_000)
        }
        progress("huizongd running (pid \(pid))")
    }

    func peakRSS() -> Int {
        guard let pid = daemon,
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kb * 1024
    }

    func hello(_ client: LineClient, token: String) throws {
        try client.send(RequestEncoder.hello(id: "h", office: "bench", token: token))
        guard let reply = try client.readLine(), String(decoding: reply, as: UTF8.self).contains("\"welcome\"") else {
            throw CLIError("hello refused")
        }
    }

    // MARK: 1. Bulk ingest

    struct Ingest {
        var seconds: Double
        var accepted: Int
        var failures: [String]
    }

    /// Each connection takes every N-th region and sends that region's submissions in order, keeping
    /// up to `window` unacknowledged; a reader thread per connection counts the acks.
    func bulkIngest(_ workload: NationalYear, socket: String, token: String) throws -> Ingest {
        var perConnection = [[Submission]](repeating: [], count: o.connections)
        var slot: [String: Int] = [:]
        for s in workload.submissions {
            let i = slot[s.region] ?? (slot.count % o.connections)
            slot[s.region] = i
            perConnection[i].append(s)
        }
        let lines = perConnection.map { subs in subs.map { RequestEncoder.submit(id: nil, $0) } }
        let clients = try (0..<o.connections).map { _ in try LineClient(unixPath: socket) }
        for c in clients { try hello(c, token: token) }

        let total = workload.submissions.count
        let done = Counter()
        let results = Locked((accepted: 0, failures: [String]()))
        let group = DispatchGroup()
        let started = Date()
        for (i, client) in clients.enumerated() {
            let window = DispatchSemaphore(value: o.window)
            let mine = lines[i]
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var batch: [UInt8] = []
                for line in mine {
                    window.wait()
                    batch += line
                    if batch.count > 32_768 { try? client.send(batch); batch.removeAll(keepingCapacity: true) }
                }
                if !batch.isEmpty { try? client.send(batch) }
            }
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var ok = 0
                var bad: [String] = []
                for _ in 0..<mine.count {
                    guard let reply = try? client.readLine() else { bad.append("connection closed"); break }
                    window.signal()
                    if reply.count < 200, String(decoding: reply, as: UTF8.self).contains("\"accepted\"") { ok += 1 }
                    else if bad.count < 5 { bad.append(String(decoding: reply.prefix(400), as: UTF8.self)) }
                    if done.increment() % 2000 == 0 { progress("  ingest: \(done.value)/\(total) acknowledged") }
                }
                results.mutate { $0.accepted += ok; $0.failures += bad }
            }
        }
        group.wait()
        let (accepted, failures) = results.value
        let seconds = Date().timeIntervalSince(started)
        progress("bulk ingest: \(accepted)/\(total) accepted in \(String(format: "%.2f", seconds)) s")
        return Ingest(seconds: seconds, accepted: accepted, failures: failures)
    }

    // MARK: 2. Per-submission

    struct Single {
        var count: Int
        var seconds: Double
        var latencies: [Double]  // milliseconds, sorted
        var failures: [String]
        var perSecond: Double { Double(count) / seconds }
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
    }

    /// One region per connection, period 2001-01, revisions 1, 2, 3, … each sent after the previous ack.
    func perSubmission(_ regions: [String], template: Submission, socket: String, token: String) throws -> Single {
        let clients = try regions.map { _ in try LineClient(unixPath: socket) }
        for c in clients { try hello(c, token: token) }
        let deadline = Date().addingTimeInterval(Double(o.seconds))
        let results = Locked((latencies: [Double](), failures: [String]()))
        let group = DispatchGroup()
        let started = Date()
        for (client, region) in zip(clients, regions) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var mine: [Double] = []
                var bad: [String] = []
                var revision = 0
                while Date() < deadline {
                    revision += 1
                    var s = template
                    s.region = region
                    s.period = Period(year: 2001, month: 1)!
                    s.revision = revision
                    s.key = "ps-\(region)-\(revision)"
                    let sent = DispatchTime.now().uptimeNanoseconds
                    guard (try? client.send(RequestEncoder.submit(id: nil, s))) != nil,
                          let reply = try? client.readLine() else { bad.append("connection lost"); break }
                    if String(decoding: reply, as: UTF8.self).contains("\"accepted\"") {
                        mine.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e6)
                    } else if bad.count < 3 {
                        bad.append(String(decoding: reply.prefix(300), as: UTF8.self))
                    }
                }
                results.mutate { $0.latencies += mine; $0.failures += bad }
            }
        }
        group.wait()
        let (latencies, failures) = results.value
        let result = Single(count: latencies.count, seconds: Date().timeIntervalSince(started),
                            latencies: latencies.sorted(), failures: failures)
        progress("per-submission: \(result.count) in \(String(format: "%.1f", result.seconds)) s")
        return result
    }

    // MARK: Baselines

    /// A new database of the same schema and reference data, on the same (running) cluster.
    func freshDatabase(_ name: String) throws -> String {
        let info = try EmbeddedCluster(directory: cluster.directory, database: name).start(logger: logger)
        return try Bootstrap.open(conninfo: info, dataDirectory: cluster.directory.path, schema: nil, logger: logger).conninfo
    }

    /// COPY of the same figure rows into the same table, from psql.
    func copyBaseline(_ workload: NationalYear) throws -> Double {
        let info = try freshDatabase("copybase")
        let csv = o.workdir + "/figures.csv"
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
        progress("COPY baseline: \(workload.figureCount) rows from psql")
        let started = Date()
        try runTool("/usr/bin/psql", [info, "-v", "ON_ERROR_STOP=1", "-qc",
                                      "\\copy figures (region, period, indicator, ytd, month, yoy, value, num, den, submission_id) FROM '\(csv)' WITH (FORMAT csv)"])
        let seconds = Date().timeIntervalSince(started)
        let rows = try Connection(info).execute("SELECT count(*) FROM figures").scalar ?? "0"
        guard Int(rows) == workload.figureCount else { throw CLIError("COPY stored \(rows) rows, expected \(workload.figureCount)") }
        return seconds
    }

    /// pgbench with as many clients as the per-submission run, each calling huizong_submit for its own
    /// region with revisions 1, 2, 3, … (pgbench keeps `n` per client across transactions).
    func pgbenchBaseline(_ regions: [String], template: Submission) throws -> Double {
        let info = try freshDatabase("pgbenchbase")
        _ = try OfficeStore.add(try Connection(info), code: "bench", role: .admin, region: nil)
        func array(_ values: [String?]) -> String { "'" + PGText.array(values).replacingOccurrences(of: "'", with: "''") + "'" }
        let f = template.figures
        func column(_ get: (FigureInput) -> ExactDecimal?) -> String { array(f.map { get($0)?.description }) + "::numeric[]" }
        let script = """
            \\set n :n + 1
            SELECT huizong_submit('bench', 'pgb-' || :client_id::text || '-' || :n::text, '\\x00'::bytea,
                (ARRAY[\(regions.map { "'\($0)'" }.joined(separator: ","))])[:client_id::int + 1], '2001-01-01'::date,
                :n::int, :n::bigint - 1, \(array(f.map(\.indicator)))::text[], \(column(\.ytd)), \(column(\.month)),
                \(column(\.yoy)), \(column(\.value)), \(column(\.num)), \(column(\.den)), \(array(f.map(\.note)))::text[]);

            """
        let path = o.workdir + "/submit.pgbench"
        try script.write(toFile: path, atomically: false, encoding: .utf8)
        progress("pgbench baseline: \(regions.count) clients for \(o.seconds) s")
        let out = try runTool(Self.pgbenchPath(), ["-n", "-M", "prepared", "-c", String(regions.count), "-j", "2",
                                                   "-T", String(o.seconds), "-D", "n=0", "-f", path, info])
        let accepted = try Connection(info).execute("SELECT count(*) FROM submissions").scalar ?? "0"
        progress("pgbench stored \(accepted) submissions")
        guard let line = out.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") }),
              let tps = Double(line.dropFirst(6).prefix(while: { $0 != " " }))
        else { throw CLIError("no tps in pgbench output:\n\(out)") }
        return tps
    }

    static func pgbenchPath() -> String {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pgbench") { return "/usr/bin/pgbench" }
        return (try? EmbeddedCluster.binDirectory().appendingPathComponent("pgbench").path) ?? "pgbench"
    }

    /// Runs a tool to completion (signals reset, see ChildProcess); its output, or an error with it.
    @discardableResult
    func runTool(_ path: String, _ arguments: [String]) throws -> String {
        let output = o.workdir + "/tool.out"
        try? FileManager.default.removeItem(atPath: output)
        let status = try ChildProcess.run(path, arguments, outputPath: output)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw CLIError("\(path) failed (exit \(status)):\n\(text)") }
        return text
    }

    // MARK: Report

    func report(workload: NationalYear, ingest: Ingest, rss: Int, single: Single, copy: Double, pgbench: Double, fan: FanOut) {
        let f1 = { (x: Double) in String(format: "%.1f", x) }
        let f2 = { (x: Double) in String(format: "%.2f", x) }
        let subs = workload.submissions.count
        print("""
            | measure | Huizong | baseline (same run) | ratio | goal |
            |---|---|---|---|---|
            | bulk ingest: \(subs) submissions, \(workload.figureCount) figures, \(o.connections) pipelining connections | \(f2(ingest.seconds)) s (\(Int(Double(ingest.accepted) / ingest.seconds)) submissions/s), \(ingest.accepted) accepted | COPY of the same rows from psql: \(f2(copy)) s | \(f1(ingest.seconds / copy))× the COPY time | ≤ 1.5× |
            | per-submission: \(single.latencies.isEmpty ? 0 : o.clients) connections, one submission at a time, \(o.seconds) s | \(Int(single.perSecond)) submissions/s; ack latency p50 \(f1(single.percentile(0.5))) ms, p99 \(f1(single.percentile(0.99))) ms | pgbench, \(o.clients) clients, huizong_submit: \(Int(pgbench)) tps | \(f2(single.perSecond / pgbench))× pgbench | ≥ 1.5× |
            | peak RSS of huizongd during the bulk ingest | \(rss / 1_048_576) MiB | | | ≤ 256 MiB |
            | fan-out: \(fan.subscribers) subscribers on one city, \(fan.rounds) submissions; send → event at each subscriber | p50 \(f1(fan.percentile(0.5))) ms, p99 \(f1(fan.percentile(0.99))) ms, \(fan.missing) events missing | | | p99 ≤ 50 ms |
            """)
        for failure in ingest.failures + single.failures { print("failure: \(failure)") }
    }
}

/// A value shared by the driver's threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    func mutate(_ body: (inout Value) -> Void) { lock.lock(); body(&stored); lock.unlock() }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

struct Stopwatch {
    private var last = Date()
    mutating func lap() -> String {
        let now = Date()
        defer { last = now }
        return String(format: "%.2f", now.timeIntervalSince(last))
    }
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
