import Foundation
import HuizongDatabase
import HuizongPostgres
import Testing

/// `huizong watch`, the real executable (its output a file, so one line per change): it follows
/// Zhoushan's districts as they report; when its daemon stops, it reconnects to the next one on the
/// same socket and resumes with `since`, so a change committed while it was away is shown once and
/// nothing twice.
@Suite(.timeLimit(.minutes(3))) struct WatchCommandTests {
    @Test func itFollowsTheMonthAndResumesAcrossADaemonRestart() async throws {
        let first = try await TestServer.start()
        let (conninfo, socket) = (first.conninfo, first.socketPath)
        let dir = try TempDirectory()
        try Data(try first.addOffice("zhoushan-watch", role: .city, region: "330900").utf8).write(to: dir.url("token"))
        let tokens = try ["330902", "330903", "330921"].map { ($0, try first.addOffice($0, role: .county, region: $0)) }
        func submit(_ server: TestServer, _ i: Int) async throws {
            let (code, token) = tokens[i]
            let c = try await server.unixClient()
            #expect(try await c.request(#"{"type":"hello","id":"h","office":"\#(code)","token":"\#(token)"}"#).type == "welcome")
            let (_, ytd, yoy) = zhoushanDistricts[i]
            let ack = try await c.request(submitLine("\(code)-w", code, "2023-11", [("ship_output", ["ytd": ytd, "yoy": yoy])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
        }
        let output = dir.path("watch.out")
        let pid = try ChildProcess.spawn(try executable("huizong").path,
                                         ["watch", "330900", "2023-11", "--socket", socket, "--office", "zhoushan-watch", "--token-file", dir.path("token")],
                                         outputPath: output)
        defer { if ChildProcess.isRunning(pid) { kill(pid, SIGKILL); _ = try? ChildProcess.wait(pid) } }
        func lines() -> [Substring] { ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n") }
        func events(_ region: String) -> [Substring] { lines().filter { $0.split(separator: " ").dropFirst().first == Substring(region) } }

        try await waitFor { lines().contains { $0.hasPrefix("subscribed to 330900") } }
        try await submit(first, 0)
        try await waitFor { !events("330902").isEmpty && !events("330900").isEmpty }
        #expect(events("330902").first?.contains("2023-11 ship_output 规上船舶工业产值 value=120.31 yoy=26.0") == true, "\(lines())")
        #expect(events("330902").first?.contains("review=submitted flags=-") == true, "a county's review state on its line: \(lines())")

        // The daemon stops (the watcher is told closing); a change is committed by another daemon
        // on the same database meanwhile; a new daemon comes up on the same socket.
        await first.stop()
        let other = try await TestServer.start(conninfo: conninfo)
        try await submit(other, 1)
        let second = try await TestServer.start(conninfo: conninfo, unixSocketPath: socket)
        try await waitFor { !events("330903").isEmpty }
        #expect(lines().filter { $0.hasPrefix("subscribed to 330900 after seq") }.count == 2, "\(lines())")
        try await submit(second, 2)
        try await waitFor { !events("330921").isEmpty }

        let seqs = lines().compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(Set(seqs).count == seqs.count, "every change once: \(lines())")
        #expect(seqs == seqs.sorted(), "in seq order: \(seqs)")
        #expect(events("330900").last?.contains("reported=3/4") == true, "\(lines())")
        kill(pid, SIGTERM)
        _ = try await waitOffPool(pid)

        // What waiting cannot mend ends the command: a county may not watch its city.
        try Data(tokens[0].1.utf8).write(to: dir.url("county"))
        let (refused, refusedOut) = try await runCLI(["watch", "330900", "2023-11", "--socket", socket, "--office", "330902",
                                                      "--token-file", dir.path("county")])
        #expect(refused == 1 && refusedOut.contains("forbidden"), "\(refusedOut)")
        await other.stop()
        await second.stop()
    }
}
