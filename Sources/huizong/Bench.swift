import ArgumentParser
import Foundation
import HuizongDatabase
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import HuizongWorkload
import Logging
import Synchronization

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the benchmarks of BENCHMARKS.md against baselines measured in the same run.",
        discussion: """
            Starts a fresh PostgreSQL cluster in --workdir and a real huizongd process (the release build next to this one) on it, then, in this order:

            1. per-submission on an empty database: --clients connections each sending one submission (20 figures) at a time for --seconds;

            2. bulk ingest: the national-year workload over the Unix socket from --connections pipelining connections, with the daemon's peak RSS;

            3. per-submission again (a database holding the national year), then a fixed-rate run at half that rate (latency from each submission's scheduled time, so a stall cannot hide);

            4. fan-out: --subscribers connections subscribed to one city while a county under it sends --fan-out-rounds submissions, 50 ms apart; latency from sending to the event at each subscriber;

            5. with --years N > 1: N − 1 more national years, then per-submission once more, and the time of completeness and of query with children for a province;

            5b. per-submission with --idle connections held open, bracketed by the same run without them just before and just after (the ratio is to their mean); last, so that its runs do not weigh on the others;

            6. baselines, each in a fresh database of the same cluster: COPY of the same figure rows from psql into a table with the same columns and primary key and no foreign key or trigger, and into the real figures table; pgbench with --clients clients running the essential SQL of a submission (insert it, upsert its figures, write their history).

            Latencies are HdrHistograms. Prints a Markdown table for BENCHMARKS.md; progress goes to standard error.

            --phases runs some of them (names: empty, bulk, year, fixed, idle, fan-out, growth, baselines).

            Example: huizong bench --seconds 15 --workdir /tmp/hzb
            """
    )

    @Option(help: "Scratch directory (emptied first).")
    var workdir = "/tmp/huizong-bench"

    @Option(help: "Pipelining connections for the bulk ingest.")
    var connections = 16

    @Option(help: "Connections (and pgbench clients) for the per-submission runs.")
    var clients = 64

    @Option(help: "Seconds of each per-submission run (and of pgbench).")
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

    @Option(help: "Idle connections held open during the last per-submission run of phase 3 (0: skip).")
    var idle = 5000

    @Option(help: "National years stored before the growth run (1: no growth run).")
    var years = 1

    @Option(help: "Year of the workload (with --years N: the last of N).")
    var year = 2023

    @Option(help: "Seed of the workload.")
    var seed: UInt64 = 20_231_130

    @Option(help: ArgumentHelp("Phases to run, comma-separated, of: \(BenchPhase.allCases.map(\.rawValue).joined(separator: ", ")) (default all). The bulk ingest also runs (and is reported) whenever a later phase needs the national year.",
                               valueName: "list"))
    var phases: String?

    @Option(name: .customLong("postgres-setting"),
            help: ArgumentHelp("A line for the scratch cluster's settings, e.g. \"shared_preload_libraries = 'auto_explain'\" (repeatable).",
                               valueName: "setting"))
    var postgresSettings: [String] = []

    func validate() throws {
        _ = try selectedPhases()
    }

    func selectedPhases() throws -> Set<BenchPhase> {
        guard let phases else { return Set(BenchPhase.allCases) }
        return Set(try phases.split(separator: ",").map { name in
            guard let p = BenchPhase(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown phase \"\(name)\"; phases are \(BenchPhase.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return p
        })
    }

    func run() throws {
        let bench = try BenchRun(options: self)
        defer { bench.tearDown() }
        try bench.execute()
    }
}

/// The phases of a run, in the order they run.
enum BenchPhase: String, CaseIterable {
    case empty, bulk, year, fixed, idle, fanOut = "fan-out", growth, baselines
}

/// One benchmark run: owns the scratch cluster and the daemon process.
final class BenchRun {
    let o: Bench
    let cluster: EmbeddedCluster
    let conninfo: String
    var daemon: pid_t?
    var logger = Logger(label: "bench")
    var socket: String { o.workdir + "/huizongd.sock" }

    init(options: Bench) throws {
        o = options
        logger.logLevel = .warning
        try? FileManager.default.removeItem(atPath: options.workdir)
        try FileManager.default.createDirectory(atPath: options.workdir, withIntermediateDirectories: true)
        cluster = EmbeddedCluster(directory: URL(fileURLWithPath: options.workdir + "/cluster"), settings: options.postgresSettings)
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
        var r = Results()
        let c = try Connection(conninfo)
        let regions = try ReferenceStore.regions(c)
        let catalog = try ReferenceStore.catalog(c)
        var clock = Stopwatch()
        let workload = NationalYear(regions: regions, catalog: catalog, year: o.year, seed: o.seed, limit: o.limit)
        r.workload = (workload.submissions.count, workload.figureCount)
        progress("generated \(workload.submissions.count) submissions, \(workload.figureCount) figures in \(clock.lap()) s")
        let token = try OfficeStore.add(c, code: "bench", role: .admin, region: nil)
        try startDaemon()

        // One region per connection for the per-submission runs; a template of 20 figures.
        let perRegions = Array(Array(Set(workload.submissions.map(\.region))).sorted().prefix(o.clients))
        let template = workload.submissions[0]
        let phases = try o.selectedPhases()
        if phases.contains(.empty) { r.singleEmpty = try perSubmission(perRegions, template: template, token: token, run: "empty") }
        if phases.contains(.bulk) || !phases.isDisjoint(with: [.year, .fixed, .idle, .fanOut, .growth]) {
            r.ingest = try bulkIngest(workload, token: token)
            r.rss = peakRSS()
        }
        if phases.contains(.year) || phases.contains(.fixed) {
            r.single = try perSubmission(perRegions, template: template, token: token, run: "year")
        }
        if phases.contains(.fixed) {
            r.fixed = try perSubmission(perRegions, template: template, token: token, run: "fixed", rate: r.single.perSecond / 2)
        }
        let county = template.region
        if phases.contains(.fanOut) {
            r.fan = try fanOut(city: regions.ancestors(of: county).first ?? county, county: county, template: template, token: token)
        }
        if phases.contains(.growth), o.years > 1 {
            for extra in 1..<o.years {
                let earlier = NationalYear(regions: regions, catalog: catalog, year: o.year - extra, seed: o.seed &+ UInt64(extra), limit: o.limit)
                progress("growth: national year \(o.year - extra)")
                _ = try bulkIngest(earlier, token: token)
            }
            r.singleGrown = try perSubmission(perRegions, template: template, token: token, run: "grown")
            r.provinceReads = try provinceReads(token: token, province: regions.ancestors(of: county).last ?? county)
        }
        if phases.contains(.idle), o.idle > 0 {
            // Last, so that its three runs of updates do not weigh on the phases before; bracketed by
            // the same run without idle connections just before and just after, on the same
            // database, so that neither its growth nor the machine's drift reads as their cost.
            r.idleBefore = try perSubmission(perRegions, template: template, token: token, run: "idle-before")
            let held = try holdIdle(o.idle, token: token)
            r.idle = try perSubmission(perRegions, template: template, token: token, run: "idle")
            r.idleHeld = held.count
            r.rssWithIdle = currentRSS()
            held.forEach { close($0.fd) }
            Thread.sleep(forTimeInterval: 1)  // the daemon has closed them
            r.idleAfter = try perSubmission(perRegions, template: template, token: token, run: "idle-after")
        }
        stopDaemon()

        if phases.contains(.baselines) {
            r.copyPlain = try copyBaseline(workload, plain: true)
            r.copyFigures = try copyBaseline(workload, plain: false)
            r.pgbench = try pgbenchBaseline(perRegions, template: template)
        }
        report(r)
    }

    // MARK: The daemon

    func startDaemon() throws {
        let exe = Migrator.executableURL().deletingLastPathComponent().appendingPathComponent("huizongd")
        let batch = o.batchMax.map { ["--batch-max", String($0)] } ?? []
        let pid = try ChildProcess.spawn(exe.path, ["--database", conninfo, "--unix-socket", socket, "--tcp", "",
                                                    "--log-level", "warning"] + batch, outputPath: o.workdir + "/huizongd.log")
        daemon = pid
        for _ in 0..<600 where (try? LineClient(unixPath: socket)) == nil {
            guard ChildProcess.isRunning(pid) else { throw CLIError("huizongd exited; see \(o.workdir)/huizongd.log") }
            usleep(100_000)
        }
        progress("huizongd running (pid \(pid))")
    }

    /// The daemon's peak resident memory so far (VmHWM), in bytes.
    func peakRSS() -> Int { procStatus("VmHWM:") }
    func currentRSS() -> Int { procStatus("VmRSS:") }

    private func procStatus(_ field: String) -> Int {
        guard let pid = daemon,
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
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

    /// `count` connections that said hello and then say nothing.
    func holdIdle(_ count: Int, token: String) throws -> [LineClient] {
        progress("holding \(count) idle connections")
        var raised = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised)
        raised.rlim_cur = raised.rlim_max
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised)
        var held: [LineClient] = []
        held.reserveCapacity(count)
        for _ in 0..<count {
            let c = try LineClient(unixPath: socket)
            try hello(c, token: token)
            held.append(c)
        }
        return held
    }

    /// `completeness` and `query … children` for a province, each timed over the socket.
    func provinceReads(token: String, province: String) throws -> (completeness: Double, query: Double) {
        let client = try LineClient(unixPath: socket)
        try hello(client, token: token)
        func time(_ line: String) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            try client.send(Array(line.utf8) + [0x0A])
            guard let reply = try client.readLine(), !String(decoding: reply.prefix(200), as: UTF8.self).contains("\"error\"") else {
                throw CLIError("\(line) failed")
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        let period = "\(o.year)-06"
        _ = try time(#"{"type":"completeness","region":"\#(province)","period":"\#(period)"}"#)  // warm
        return (try time(#"{"type":"completeness","region":"\#(province)","period":"\#(period)"}"#),
                try time(#"{"type":"query","region":"\#(province)","period":"\#(period)","children":true}"#))
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
}

/// Everything a run measured.
struct Results {
    var workload = (submissions: 0, figures: 0)
    var ingest = BenchRun.Ingest(seconds: 0, accepted: 0, failures: [])
    var rss = 0
    var singleEmpty = BenchRun.Single.none
    var single = BenchRun.Single.none
    var fixed = BenchRun.Single.none
    var idle = BenchRun.Single.none
    var idleBefore = BenchRun.Single.none
    var idleAfter = BenchRun.Single.none
    var idleHeld = 0
    var rssWithIdle = 0
    var singleGrown: BenchRun.Single?
    var provinceReads: (completeness: Double, query: Double)?
    var fan = BenchRun.FanOut(subscribers: 0, rounds: 0, latencies: .init(highestTrackableValue: 60_000_000), missing: 0,
                              acks: .init(highestTrackableValue: 60_000_000))
    var copyPlain = 0.0
    var copyFigures = 0.0
    var pgbench = 0.0
}

/// A value shared by the driver's threads.
final class Locked<Value>: Sendable {
    private let stored: Mutex<Value>
    init(_ value: sending Value) { stored = Mutex(value) }
    func mutate(_ body: (inout sending Value) -> Void) { stored.withLock { body(&$0) } }
    var value: Value { stored.withLock { copy $0 } }
}

final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() -> Int { count.add(1, ordering: .relaxed).newValue }
    var value: Int { count.load(ordering: .relaxed) }
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
