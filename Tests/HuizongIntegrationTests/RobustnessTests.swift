import Foundation
import Synchronization
import HuizongProtocol
import Testing

let jsonSuite = repositoryRoot.appendingPathComponent("Tests/Fixtures/JSONTestSuite")

@Suite(.timeLimit(.minutes(3))) struct RobustnessTests {
    /// Every must-reject document of JSONTestSuite, sent as a line, is answered `bad_json`, and the
    /// connection still answers a ping afterwards. A document with a newline inside is several lines;
    /// each non-blank one gets its own `bad_json`.
    @Test func jsonTestSuiteRejectsAreBadJSONAndTheConnectionLives() async throws {
        try await withServer() { server in
            let client = try await server.unixClient()
            let files = try FileManager.default.contentsOfDirectory(atPath: jsonSuite.path).filter { $0.hasPrefix("n_") }.sorted()
            try #require(files.count == 188)
            for name in files {
                var bytes = [UInt8](try Data(contentsOf: jsonSuite.appendingPathComponent(name)))
                if bytes.last == 0x0A { bytes.removeLast() }
                let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                    .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
                try await client.sendBytes(bytes + [0x0A])
                for _ in lines {
                    let reply = try await client.receive()
                    #expect(reply.code == "bad_json", "\(name): \(reply)")
                    #expect(reply["id"] == .null)
                }
                let pong = try await client.request(#"{"type":"ping","id":"\#(name)"}"#)
                #expect(pong.type == "pong" && pong["id"]?.string == name, "after \(name): \(pong)")
            }
        }
    }

    @Test func hostileInputGetsAClearErrorAndTheConnectionLives() async throws {
        try await withServer(maxLineBytes: 4096) { server in
            let client = try await server.client(office: "331082")
            let injection = #"331082'); DELETE FROM figures; --"#
            let cases: [(String, [UInt8])] = [
                ("line_too_long", Array(#"{"type":"ping","pad":""#.utf8) + [UInt8](repeating: 0x61, count: 10_000) + Array(#""}"#.utf8)),
                ("bad_json", [0x7B, 0xFF, 0xFE, 0x7D]),  // invalid UTF-8
                ("bad_json", [UInt8](repeating: UInt8(ascii: "["), count: 4000)),
                ("bad_request", Array(#"{"type":"submit","key":"k","region":"331082","period":"2022-10","revision":1,"figures":[{"indicator":"ind_output","ytd":1e999}]}"#.utf8)),
                ("bad_request", Array(#"{"type":"submit","key":"k","region":"331082","period":"2022-10","revision":99999999999,"figures":[]}"#.utf8)),
                ("unknown_region", Array(#"{"type":"submit","key":"\#(injection)","region":"\#(injection)","period":"2022-10","revision":1,"figures":[{"indicator":"ind_output","ytd":"1"}]}"#.utf8)),
                ("unknown_indicator", Array(#"{"type":"submit","key":"\#(injection)","region":"331082","period":"2022-10","revision":1,"figures":[{"indicator":"\#(injection)","ytd":"1"}]}"#.utf8)),
                ("bad_period", Array(#"{"type":"query","region":"331082","period":"\#(injection)"}"#.utf8)),
                ("bad_request", Array(#"{"type":"\#(injection)"}"#.utf8)),
                ("bad_json", Array("\u{0}".utf8)),
            ]
            for (expected, line) in cases {
                try await client.sendBytes(line + [0x0A])
                let reply = try await client.receive()
                #expect(reply.code == expected, "\(reply)")
                #expect(try await client.request(#"{"type":"ping"}"#).type == "pong")
            }
            // A line exactly at the limit is still read.
            let filler = String(repeating: "x", count: 4096 - #"{"type":"ping","id":""}"#.utf8.count)
            #expect(try await client.request(#"{"type":"ping","id":"\#(filler)"}"#).code == "bad_request")  // id over 128 characters
            // A key with quotes and SQL is stored as the string it is.
            let ack = try await client.request(#"{"type":"submit","id":"i","key":"\#(injection)","region":"331082","period":"2022-10","revision":1,"figures":[{"indicator":"ind_output","ytd":"1","note":"\#(injection)"}]}"#)
            #expect(ack["status"]?.string == "accepted")
            #expect(try server.sql("SELECT key FROM submissions") == [[injection]])
            #expect(try server.sql("SELECT note FROM figures") == [[injection]])
        }
    }

    /// Stopping the server with clients still connected (one mid-pipeline) ends every session:
    /// a reply task waiting on a cancelled connection once hung the shutdown.
    @Test(.timeLimit(.minutes(1))) func stopsWithClientsStillConnected() async throws {
        let server = try await TestServer.start()
        _ = try server.addOffice("331082", role: .county)
        let token = try server.addOffice("330902", role: .county)
        let idle = try await TestClient.unix(server.socketPath)  // not the server's: stop() must not close it
        #expect(try await idle.request(#"{"type":"ping"}"#).type == "pong")
        let busy = try await TestClient.tcp(port: server.tcpPort)
        #expect(try await busy.request(#"{"type":"hello","office":"330902","token":"\#(token)"}"#).type == "welcome")
        try await busy.send(submitLine(id: "1", key: "k1", region: "330902"))
        try await busy.send(submitLine(id: "2", key: "k2", region: "330902", period: "2023-07"))
        // stop() returns only once every session has ended; wait for it with a deadline, so that a
        // regression fails here instead of hanging the whole run.
        let stopped = StopFlag()
        Task { await server.stop(); stopped.value.store(true, ordering: .releasing) }
        for _ in 0..<100 where !stopped.value.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(100)) }
        let done = stopped.value.load(ordering: .acquiring)
        try #require(done, "the server did not stop within 10 s with clients connected")
        await #expect(throws: TestFailure.self) { _ = try await idle.receive(timeout: .seconds(5)) }
        await idle.close()
        await busy.close()
    }

    @Test func blankLinesAreKeepAlives() async throws {
        try await withServer() { server in
            let client = try await server.unixClient()
            try await client.sendBytes(Array("\n\r\n  \n{\"type\":\"ping\",\"id\":\"after\"}\r\n".utf8))
            #expect(try await client.receive()["id"]?.string == "after")
        }
    }
}

final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)
}
