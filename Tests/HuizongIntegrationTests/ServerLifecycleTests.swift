import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
@testable import HuizongServer
import HuizongStore
import NIOPosix
import Testing

/// Issue 8, finding 12 and the probes of the release build: sessions, sockets and stopping.
@Suite(.timeLimit(.minutes(2))) struct ServerLifecycleTests {
    /// A second server on the path of a live one once took the socket over (and the first deleted
    /// it on exit). It refuses to start, and the first keeps serving.
    @Test func aLiveServersUnixSocketIsNotTakenOver() async throws {
        try await withServer { first in
            var configuration = ServerConfiguration(unixSocketPath: first.socketPath)
            configuration.tcpHost = nil
            let second = Server(configuration: configuration, services: first.services, group: .singletonMultiThreadedEventLoopGroup, logger: quietLogger)
            await #expect(throws: (any Error).self) { _ = try await second.bind() }
            let client = try await first.unixClient()
            #expect(try await client.request(#"{"type":"ping"}"#).type == "pong")
        }
    }

    /// A stale socket file (no one listening: what a crashed daemon leaves) is replaced.
    @Test func aStaleSocketFileIsReplaced() async throws {
        let path = "/tmp/hzt-stale-\(getpid()).sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in path.utf8.enumerated() { raw[i] = b } }
        unlink(path)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        close(fd)  // the file stays, nobody listens
        #expect(FileManager.default.fileExists(atPath: path))
        let server = try await TestServer.start(unixSocketPath: path)
        let client = try await TestClient.unix(path)
        #expect(try await client.request(#"{"type":"ping"}"#).type == "pong")
        await client.close()
        await server.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A server removes only its own socket file at exit: once the first daemon's file had been
    /// taken over by a second one, the first deleted the second's on exit.
    @Test func aServerRemovesOnlyItsOwnSocketFile() async throws {
        let path = "/tmp/hzt-own-\(getpid()).sock"
        let first = try await TestServer.start(unixSocketPath: path)
        unlink(path)  // an operator (or a tmp cleaner) removed it; a second daemon takes the path
        let second = try await TestServer.start(unixSocketPath: path)
        await first.stop()
        #expect(FileManager.default.fileExists(atPath: path))
        let client = try await TestClient.unix(path)
        #expect(try await client.request(#"{"type":"ping"}"#).type == "pong")
        await client.close()
        await second.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Probe: after PostgreSQL restarted, the first hello on a connection it had closed answered
    /// `unavailable` (16–20 s later). A read that finds its connection dead retries once on a fresh one.
    @Test func aStaleDatabaseConnectionIsReplacedAtOnce() async throws {
        let proxy = try FaultyProxy()
        defer { proxy.stop() }
        let database = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: proxy.conninfo(database: database), databaseTimeout: .seconds(5)) { server in
            let token = try server.addOffice("331082", role: .county)
            for _ in 0..<3 {  // every reader thread has a connection now
                let c = try await server.unixClient()
                #expect(try await c.request(#"{"type":"hello","office":"331082","token":"\#(token)"}"#).type == "welcome")
            }
            proxy.mode = .down  // PostgreSQL restarts: every connection is gone…
            try await Task.sleep(for: .milliseconds(200))
            proxy.mode = .forwarding  // …and it is back
            let clock = ContinuousClock()
            for _ in 0..<3 {
                let c = try await server.unixClient()
                let start = clock.now
                let reply = try await c.request(#"{"type":"hello","office":"331082","token":"\#(token)"}"#)
                #expect(reply.type == "welcome", "\(reply)")
                #expect(clock.now - start < .seconds(2))
            }
        }
    }

    /// Finding 12: a resolution of a conflict that closed meanwhile once committed anyway and
    /// broadcast events for nothing. It is refused, and nothing is logged.
    @Test func resolvingAConflictClosedMeanwhileWritesNothing() async throws {
        try await withServer { server in
            var districts = zhoushanDistricts
            districts[3].1 = "10.88"
            let counties = try await ReconciliationTests().reportDistricts(server, districts)
            let city = try await server.client(office: "330900", role: .city)
            _ = try await city.request(submitLine("330900-2023-11", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "27.0"])]))
            let listed = try await city.request(#"{"type":"conflicts","id":"c","region":"330900"}"#)
            let id = try #require(Int64(listed["conflicts"]?[0]?["id"]?.string ?? ""))
            let view = try #require(try ConflictStore.find(try Connection(server.conninfo), id: id))
            // Shengsi's revision makes the sides agree: the conflict closes by itself.
            _ = try await counties["330922"]!.request(submitLine("330922-r2", "330922", "2023-11", revision: 2,
                                                                  [("ship_output", ["ytd": "16.88", "yoy": "26.5"])]))
            #expect(try server.sql("SELECT state FROM conflicts") == [["closed"]])
            let logged = try server.sql("SELECT count(*) FROM changes")
            // The resolution, read as open before the revision, reaches the writer after it.
            let outcome = await server.writer.resolve(view, action: .sum, note: nil, office: "330900")
            guard case .success(.closed) = outcome else { Issue.record("\(outcome)"); return }
            #expect(try server.sql("SELECT count(*) FROM changes") == logged)
            #expect(try server.sql("SELECT state, action FROM conflicts") == [["closed", nil]])
        }
    }

    /// A revoked office's live sessions once went on. They end at once, with a last line saying why.
    @Test func revokingAnOfficeEndsItsSessions() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let other = try await server.client(office: "331081")
            try OfficeStore.revoke(try Connection(server.conninfo), code: "331082")
            let last = try await linhai.receive(timeout: .seconds(10))
            #expect(last.code == "unauthenticated", "\(last)")
            for _ in 0..<50 where linhai.isOpen { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!linhai.isOpen)
            #expect(try await other.request(#"{"type":"ping"}"#).type == "pong")
        }
    }

    /// A failed second hello once kept the first identity.
    @Test func aFailedSecondHelloForgetsTheFirst() async throws {
        try await withServer { server in
            let client = try await server.client(office: "331082")
            #expect(try await client.request(#"{"type":"hello","office":"331082","token":"wrong"}"#).code == "unauthenticated")
            #expect(try await client.request(submitLine("k", "331082", "2023-01", [("exports", ["ytd": "1.0"])])).code == "unauthenticated")
            #expect(try server.sql("SELECT count(*) FROM submissions") == [["0"]])
        }
    }

    /// `conflicts` lists bigserial ids; `resolve` once refused any id of 10⁹ or more as bad_request.
    @Test func resolveTakesEveryIdConflictsCanList() async throws {
        try await withServer { server in
            let city = try await server.client(office: "330900", role: .city)
            let reply = try await city.request(#"{"type":"resolve","id":"r","conflict":"4000000000","action":"accept_sum"}"#)
            #expect(reply.code == "unknown_conflict", "\(reply)")
            #expect(try await city.request(#"{"type":"resolve","id":"r","conflict":9000000000000000000,"action":"accept_sum"}"#).code == "unknown_conflict")
        }
    }

    /// Completeness is read through an index, not a scan of every submission.
    @Test func completenessReadsAnIndex() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        try c.execute("INSERT INTO offices (code, region, role, token_hash) VALUES ('x', '330902', 'county', '\\x00')")
        try c.execute("""
            INSERT INTO submissions (office, key, region, period, revision, content_hash)
            SELECT 'x', 'k' || g, '330902', make_date(2000 + g % 20, 1 + g % 12, 1), g, '\\x00' FROM generate_series(1, 20000) g
            """)
        try c.execute("ANALYZE submissions")
        let plan = try c.execute("EXPLAIN " + SubmissionStore.firstReceivedSQL, ["{330902,330903}", "2010-03-01", "infinity"])
            .rows.map { $0[0] ?? "" }.joined(separator: "\n")
        #expect(!plan.contains("Seq Scan on submissions"), "\(plan)")
    }
}
