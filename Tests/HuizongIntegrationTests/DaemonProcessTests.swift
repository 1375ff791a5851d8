import Foundation
import HuizongPostgres
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
                                            ["--data-dir", dataDir.path, "--tcp", "", "--log-level", "warning"])
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
