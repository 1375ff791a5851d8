import Foundation
import HuizongDatabase
import HuizongPostgres
import HuizongStore
import Testing

/// SIGHUP, as `systemctl reload` sends it, to the real daemon: the configuration file is read again
/// without dropping a connection, the reloadable settings change (a new connection gets the new line
/// limit), the others are named as waiting for a restart, a revoked office's session ends, systemd
/// is told RELOADING=1 with MONOTONIC_USEC and then READY=1; a bad file changes nothing. Its log goes
/// to "the journal" (JOURNAL_STREAM naming its stderr): every line carries its syslog priority.
@Suite(.timeLimit(.minutes(3))) struct ReloadTests {
    @Test func sighupReloadsTheConfigurationWithoutDroppingAConnection() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        let tokens = try ["331082", "331002"].map { try OfficeStore.add(try Connection(conninfo), code: $0, role: .county, region: $0) }
        let dir = try TempDirectory()
        let conf = dir.path("huizongd.conf"), socket = dir.path("huizongd.sock"), log = dir.path("daemon.log")
        try "log-level = info\nmax-line-bytes = 4096\n".write(toFile: conf, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: log, contents: nil)
        var info = stat()
        stat(log, &info)
        let notify = try NotifyListener(path: dir.path("notify"))
        defer { notify.stop() }
        let pid = try ChildProcess.spawn(try executable("huizongd").path,
                                         ["--database", conninfo, "--unix-socket", socket, "--tcp", "", "--http", "", "--config", conf],
                                         outputPath: log, environment: ["NOTIFY_SOCKET": notify.path, "JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"])
        defer { if ChildProcess.isRunning(pid) { kill(pid, SIGKILL); _ = try? ChildProcess.wait(pid) } }
        try await waitFor { notify.messages.contains { $0.hasPrefix("READY=1") } }
        // A reload at once after READY=1 (`systemctl start` then `reload`) reloads; it does not kill.
        kill(pid, SIGHUP)
        try await waitFor { completedReloads(notify.messages) >= 1 }
        #expect(ChildProcess.isRunning(pid))
        let reloads = completedReloads(notify.messages)

        func hello(_ i: Int) async throws -> TestClient {
            let c = try await TestClient.unix(socket)
            let code = ["331082", "331002"][i]
            let welcome = try await c.request(#"{"type":"hello","id":"h","office":"\#(code)","token":"\#(tokens[i])"}"#)
            #expect(welcome.type == "welcome", "\(welcome)")
            return c
        }
        let kept = try await hello(0), revoked = try await hello(1)
        // Revoked behind the daemon's back (no NOTIFY): the reload finds it.
        try Connection(conninfo).execute("UPDATE offices SET revoked_at = now() WHERE code = '331002'")
        try "log-level = debug\nmax-line-bytes = 200\nwriters = 4\n".write(toFile: conf, atomically: true, encoding: .utf8)
        kill(pid, SIGHUP)
        try await waitFor { completedReloads(notify.messages) > reloads }
        let reloading = try #require(notify.messages.first { $0.hasPrefix("RELOADING=1") })
        #expect(reloading.range(of: #"^RELOADING=1\nMONOTONIC_USEC=[0-9]+$"#, options: .regularExpression) != nil, "\(reloading)")

        let ended = try await revoked.receive()
        #expect(ended.code == "unauthenticated", "\(ended)")
        let long = String(repeating: "x", count: 300)
        #expect(try await kept.request(long).code == "bad_json", "a connection from before the reload keeps its limit")
        let fresh = try await TestClient.unix(socket)
        #expect(try await fresh.request(long).code == "line_too_long", "a new connection gets the new limit")

        try "max-line-bytes = 10\n".write(toFile: conf, atomically: true, encoding: .utf8)  // below the minimum
        kill(pid, SIGHUP)
        try await waitFor { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("reload refused") }
        #expect(try await kept.request(#"{"type":"ping"}"#).type == "pong")

        // STATUS= for systemctl status, renewed every 5 s.
        try await waitFor { notify.messages.contains { $0.hasPrefix("STATUS=") && $0.contains("connections") && $0.contains("submissions/s") } }

        kill(pid, SIGTERM)
        #expect(try await waitOffPool(pid) == 0)
        #expect(notify.messages.contains("STOPPING=1"))
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { $0.range(of: #"^<[2-7]>huizongd: "#, options: .regularExpression) != nil }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<5>huizongd: reloaded") && $0.contains("revoked-sessions-ended=331002") && $0.contains("max-line-bytes=200") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<4>huizongd: changed settings take effect at the next start") && $0.contains("writers") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<3>huizongd: reload refused") && $0.contains("max-line-bytes = 10") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<7>") }, "debug after the reload")
        for c in [kept, revoked, fresh] { await c.close() }
    }

    @Test func checkConfigNamesEverySettingAndItsSource() async throws {
        let dir = try TempDirectory()
        try "# a comment\nmax-queued = 100\ndatabase = \"host=/x password=secret dbname=y\"\n".write(toFile: dir.path("ok.conf"), atomically: true, encoding: .utf8)
        let (ok, out) = try await runDaemon(["--check-config", "--config", dir.path("ok.conf"), "--writers", "3"])
        #expect(ok == 0, "\(out)")
        #expect(out.contains("max-queued = 100    # file, reloadable") && out.contains("writers = 3    # flag") && out.contains("readers = 2    # default"), "\(out)")
        #expect(out.contains("password=…") && !out.contains("secret"), "\(out)")
        try "max-queued = 100\nbogus = 1\n".write(toFile: dir.path("bad.conf"), atomically: true, encoding: .utf8)
        let (bad, badOut) = try await runDaemon(["--check-config", "--config", dir.path("bad.conf")])
        #expect(bad == 1 && badOut.contains("bad.conf:2: unknown setting bogus"), "\(badOut)")
        let (missing, missingOut) = try await runDaemon(["--check-config", "--config", dir.path("absent.conf")])
        #expect(missing == 1 && missingOut.contains("cannot read"), "\(missingOut)")
    }
}

/// Reloads systemd was told of in full: a RELOADING=1 followed by a READY=1 (STATUS= lines every
/// 5 s may come between or after them).
func completedReloads(_ messages: [String]) -> Int {
    var done = 0, open = false
    for m in messages {
        if m.hasPrefix("RELOADING=1") { open = true } else if open, m.hasPrefix("READY=1") { done += 1; open = false }
    }
    return done
}

/// Polls `condition` every 50 ms for up to 30 s.
func waitFor(_ condition: () -> Bool) async throws {
    for _ in 0..<600 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TestFailure("condition not met within 30 s")
}
