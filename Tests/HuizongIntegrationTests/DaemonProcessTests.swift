import Foundation
import HuizongDatabase
import HuizongPostgres
import HuizongProtocol
import Testing

/// The built executables next to this test binary.
func executable(_ name: String) throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name),
        repositoryRoot.appendingPathComponent(".build/debug/\(name)"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw TestFailure("\(name) not built (looked in \(candidates.map(\.path)))")
    }
    return found
}

/// Runs a command to completion and returns its exit status and output (stdout and stderr).
func runCommand(_ program: URL, _ arguments: [String]) throws -> (Int32, String) {
    let output = "/tmp/huizong-test-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(output) }
    let status = try ChildProcess.run(program.path, arguments, outputPath: output)
    return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
}

/// The README's first command, for real: huizongd with no database configured initialises and runs
/// its own PostgreSQL cluster, migrates it and serves; huizong adds an office against it; a client
/// submits over the socket; SIGTERM stops the daemon and its cluster cleanly.
@Suite(.timeLimit(.minutes(3))) struct DaemonProcessTests {
    @Test func embeddedDefaultEndToEnd() async throws {
        let dataDir = URL(fileURLWithPath: "/tmp/huizong-daemon-test-\(getpid())")
        try? FileManager.default.removeItem(at: dataDir)
        defer { try? FileManager.default.removeItem(at: dataDir) }
        let socket = dataDir.appendingPathComponent("huizongd.sock").path

        let daemon = try ChildProcess.spawn(try executable("huizongd").path,
                                            ["--data-dir", dataDir.path, "--tcp", "", "--http", "", "--log-level", "warning"])
        var stopped = false
        defer { if !stopped { kill(daemon, SIGKILL); _ = try? ChildProcess.wait(daemon) } }

        var waited = 0
        while !FileManager.default.fileExists(atPath: socket) {
            try #require(ChildProcess.isRunning(daemon), "huizongd exited")
            try #require(waited < 600, "no socket after 60 s")
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }

        let (status, token) = try runCommand(try executable("huizong"),
                                             ["office", "add", "331082", "--role", "county", "--data-dir", dataDir.path])
        #expect(status == 0)
        let trimmed = String(token.split(separator: "\n").first { $0.hasPrefix("hz_") } ?? "")
        #expect(trimmed.hasPrefix("hz_") && trimmed.count == 67)

        let client = try await TestClient.unix(socket)
        #expect(try await client.request(#"{"type":"hello","id":"1","office":"331082","token":"\#(trimmed)"}"#).type == "welcome")
        #expect(try await client.request(linhaiOctober())["status"]?.string == "accepted")
        await client.close()

        let (listStatus, listing) = try runCommand(try executable("huizong"), ["office", "list", "--data-dir", dataDir.path])
        #expect(listStatus == 0 && listing.contains("331082\tcounty\t331082"))

        // The figure is in the daemon's own PostgreSQL.
        let cluster = EmbeddedCluster(directory: dataDir)
        #expect(try Connection(cluster.conninfo()).execute("SELECT ytd::text FROM figures WHERE indicator = 'ind_value_added'").scalar == "218.64")

        kill(daemon, SIGTERM)
        #expect(try ChildProcess.wait(daemon) == 0)
        stopped = true
        #expect(!FileManager.default.fileExists(atPath: socket))
        #expect(!FileManager.default.fileExists(atPath: dataDir.appendingPathComponent("pg/postmaster.pid").path))
    }
}

/// A huizongd process on its own embedded cluster in a fresh data directory, for the tests that
/// signal it.
final class DaemonProcess: Sendable {
    let dataDir: URL
    let pid: pid_t
    var socket: String { dataDir.appendingPathComponent("huizongd.sock").path }
    var postmasterPID: String { dataDir.appendingPathComponent("pg/postmaster.pid").path }

    init(dataDir: URL, fresh: Bool = true, arguments: [String] = [], environment: [String: String] = [:]) async throws {
        self.dataDir = dataDir
        if fresh { try? FileManager.default.removeItem(at: dataDir) }
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        pid = try ChildProcess.spawn(try executable("huizongd").path,
                                     ["--data-dir", dataDir.path, "--tcp", "", "--http", "", "--log-level", "warning"] + arguments,
                                     outputPath: dataDir.path + "/huizongd.log", environment: environment)
        for waited in 0... {
            if let c = try? await TestClient.unix(socket) {
                let pong = try? await c.request(#"{"type":"ping"}"#)
                await c.close()
                if pong?.type == "pong" { break }
            }
            guard ChildProcess.isRunning(pid) else {
                let log = (try? String(contentsOfFile: dataDir.path + "/huizongd.log", encoding: .utf8)) ?? ""
                throw TestFailure("huizongd exited: \(log.suffix(600))")
            }
            guard waited < 600 else { throw TestFailure("no socket after 60 s") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func office(_ code: String, role: String, region: String? = nil) throws -> String {
        let (status, out) = try runCommand(try executable("huizong"),
                                           ["office", "add", code, "--role", role, "--data-dir", dataDir.path] + (region.map { ["--region", $0] } ?? []))
        guard status == 0, let token = out.split(separator: "\n").first(where: { $0.hasPrefix("hz_") }) else {
            throw TestFailure("office add failed: \(out)")
        }
        return String(token)
    }

    /// Waits for the process to exit and returns its status (a signal shows as 128 + its number).
    func wait() throws -> Int32 { try ChildProcess.wait(pid) }

    /// After a crash: a new daemon on the same data directory. PostgreSQL may refuse to start for a
    /// moment after its postmaster was killed (its backends are still ending): tried a few times.
    static func restart(dataDir: URL) async throws -> DaemonProcess {
        for attempt in 1... {
            do { return try await DaemonProcess(dataDir: dataDir, fresh: false) } catch where attempt < 10 {
                try await Task.sleep(for: .seconds(1))
            }
        }
        preconditionFailure("unreachable")
    }

    /// The pid of the embedded cluster's postmaster, if it runs.
    func postmaster() -> pid_t? {
        (try? String(contentsOfFile: postmasterPID, encoding: .utf8))?.split(separator: "\n").first.flatMap { pid_t($0) }
    }

    func sql(_ query: String) throws -> [[String?]] {
        try Connection(EmbeddedCluster(directory: dataDir).conninfo()).execute(query).rows
    }
}

@Suite(.timeLimit(.minutes(5))) struct DaemonSignalTests {
    /// Probes of the release build: SIGTERM during a pipelined load once left 2,000–3,400 committed
    /// submissions unacknowledged, and clients connecting during shutdown crashed the daemon
    /// (SIGILL in NIOAsyncWriter's deinit), leaving the cluster running. Every submission sent
    /// before SIGTERM is answered, every answer is true, the daemon exits 0 and stops its cluster.
    @Test func sigtermAnswersEverythingItReceivedAndExitsCleanly() async throws {
        let daemon = try await DaemonProcess(dataDir: URL(fileURLWithPath: "/tmp/huizong-sigterm-\(getpid())"))
        defer { kill(daemon.pid, SIGKILL); try? FileManager.default.removeItem(at: daemon.dataDir) }
        let token = try daemon.office("root", role: "admin")
        let counties: [String] = try daemon.sql("SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 400").map { $0[0]! }

        let stop = StopFlag()
        let acked = StopFlag()
        let connections = 4
        let results = try await withThrowingTaskGroup(of: (sent: Int, sentBefore: Int, replies: [JSON]).self) { group in
            for n in 0..<connections {
                group.addTask {
                    let client = try await TestClient.unix(daemon.socket)
                    #expect(try await client.request(#"{"type":"hello","office":"root","token":"\#(token)"}"#).type == "welcome")
                    let mine = counties.enumerated().filter { $0.offset % connections == n }.map(\.element)
                    var sent = 0, sentBefore = -1
                    let reader = Task { () -> [JSON] in
                        var replies: [JSON] = []
                        while let line = try? await client.receive(timeout: .seconds(30)) {
                            if line.type == "ack" { acked.value.store(true, ordering: .releasing) }
                            replies.append(line)
                        }
                        return replies
                    }
                    outer: for month in 1...12 {
                        for county in mine {
                            if stop.value.load(ordering: .acquiring) { if sentBefore < 0 { sentBefore = sent }; break outer }
                            let p = String(format: "2023-%02d", month)
                            do {
                                try await client.send(submitLine("\(county)-\(p)", county, p, [("exports", ["ytd": "\(month).0"])]))
                            } catch { break outer }
                            sent += 1
                        }
                    }
                    if sentBefore < 0 { sentBefore = sent }
                    return (sent, sentBefore, await reader.value)
                }
            }
            // Clients keep connecting during the shutdown, as the probe did. The signal comes while
            // the load is in full flow: once the first acks are back (on a loaded machine that may
            // take longer than on an idle one), a little later.
            group.addTask {
                try await until(.seconds(60), "a first ack") { acked.value.load(ordering: .acquiring) }
                try await Task.sleep(for: .milliseconds(200))
                kill(daemon.pid, SIGTERM)
                stop.value.store(true, ordering: .releasing)
                while let c = try? await TestClient.unix(daemon.socket) { _ = try? await c.request(#"{"type":"ping"}"#); await c.close() }
                return (0, 0, [])
            }
            var all: [(sent: Int, sentBefore: Int, replies: [JSON])] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(try daemon.wait() == 0, "huizongd did not exit cleanly")
        #expect(!FileManager.default.fileExists(atPath: daemon.postmasterPID), "the embedded cluster is still running")

        // Every answer is true: what was acknowledged is stored, what was refused is not.
        let restarted = try await DaemonProcess(dataDir: daemon.dataDir, fresh: false)
        defer { kill(restarted.pid, SIGKILL) }
        let stored = Set(try restarted.sql("SELECT key FROM submissions").map { $0[0]! })
        var acknowledged = 0
        for r in results where r.sent > 0 {
            let acks = r.replies.filter { $0.type == "ack" }
            #expect(acks.count + r.replies.filter { $0.type == "error" }.count >= r.sentBefore,
                    "sent \(r.sentBefore) before SIGTERM, answered \(r.replies.count)")
            for ack in acks { #expect(stored.contains(ack["key"]?.string ?? ""), "acknowledged but not stored: \(ack)") }
            for e in r.replies where e.type == "error" { #expect(e.code == "unavailable", "\(e)") }
            acknowledged += acks.count
        }
        #expect(acknowledged > 0)
        kill(restarted.pid, SIGTERM)
        #expect(try restarted.wait() == 0)
    }

    /// Probe: after a `kill -9` of the daemon alone, the restarted daemon adopted the running cluster
    /// and then left it running on SIGTERM. It stops what it adopted.
    @Test func aRestartedDaemonStopsTheClusterItAdopted() async throws {
        let first = try await DaemonProcess(dataDir: URL(fileURLWithPath: "/tmp/huizong-adopt-\(getpid())"))
        defer { try? FileManager.default.removeItem(at: first.dataDir) }
        kill(first.pid, SIGKILL)
        _ = try first.wait()
        #expect(FileManager.default.fileExists(atPath: first.postmasterPID))  // the cluster outlived it
        let second = try await DaemonProcess(dataDir: first.dataDir, fresh: false)
        kill(second.pid, SIGTERM)
        #expect(try second.wait() == 0)
        #expect(!FileManager.default.fileExists(atPath: second.postmasterPID), "the adopted cluster was left running")
    }
}
