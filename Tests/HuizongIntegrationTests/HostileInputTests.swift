import Foundation
import HuizongProtocol
import Testing

/// Issue 8: hostile input costs time in proportion to its size, before and after hello, and does not
/// hold anyone else up.
@Suite(.timeLimit(.minutes(2))) struct HostileInputTests {
    static func submitWithNumber(_ number: String) -> [UInt8] {
        Array(#"{"type":"submit","id":"big","key":"k","region":"330902","period":"2023-11","revision":1,"figures":[{"indicator":"ship_output","ytd":"#.utf8)
            + Array(number.utf8) + Array("}]}\n".utf8)
    }

    /// A number of 10⁶ leading zeros, or a literal of 10⁶ digits, is answered at once (it once cost
    /// 10 s of CPU), before hello with `unauthenticated` (the body is never decoded) and after hello
    /// with `bad_request`; another client's pings are answered meanwhile.
    @Test func hugeNumberLiteralsAreCheapBeforeAndAfterHello() async throws {
        try await withServer(maxLineBytes: 4 << 20) { server in
            // Leading zeros are not JSON, but clerks type them, so a string may carry them.
            let zeros = "\"" + String(repeating: "0", count: 1_000_000) + "1\""
            let digits = "1" + String(repeating: "7", count: 1_000_000)
            let stranger = try await server.unixClient()
            let county = try await server.client(office: "330902")
            let bystander = try await server.unixClient()
            let clock = ContinuousClock()
            // The baseline: a line of the same size that is merely not JSON, which costs one pass.
            let plain = Array(#"{"type":"ping","pad":""#.utf8) + [UInt8](repeating: UInt8(ascii: "7"), count: 1_000_001) + [0x0A]
            let baselineStart = clock.now
            try await county.sendBytes(plain)
            #expect(try await county.receive().code == "bad_json")
            let baseline = clock.now - baselineStart
            for number in [zeros, digits] {
                let start = clock.now
                try await stranger.sendBytes(Self.submitWithNumber(number))
                try await county.sendBytes(Self.submitWithNumber(number))
                // Pings from someone else while the two lines are being read.
                var worstPing = Duration.zero
                for _ in 0..<10 {
                    let t = clock.now
                    #expect(try await bystander.request(#"{"type":"ping"}"#).type == "pong")
                    worstPing = max(worstPing, clock.now - t)
                }
                #expect(try await stranger.receive().code == "unauthenticated")
                let refused = try await county.receive()
                #expect(refused.code == "bad_request", "\(refused)")  // too long to be a figure, however many zeros
                #expect(refused["errors"]?[0]?["path"]?.string == "figures[0].ytd")
                let elapsed = clock.now - start
                #expect(elapsed < baseline * 4 + .seconds(1), "two 1 MB numbers took \(elapsed); one 1 MB line \(baseline)")
                #expect(worstPing < .milliseconds(500), "a ping waited \(worstPing)")
            }
        }
    }
}

extension HostileInputTests {
    /// Finding 6: a NUL (or another control character) in a key or a note once reached libpq, which
    /// cut the C string short: the batch rolled back and the culprit got `internal_error` with SQL in
    /// the message. Now it is `bad_request` naming the field, and a good submission pipelined right
    /// behind it commits.
    @Test func nulAndControlCharactersAreBadRequests() async throws {
        try await withServer { server in
            let county = try await server.client(office: "330902")
            let cases = [
                (#"{"type":"submit","id":"a","key":"k\u0000x","region":"330902","period":"2023-11","revision":1,"figures":[{"indicator":"ship_output","ytd":"1"}]}"#, "key"),
                (#"{"type":"submit","id":"b","key":"k\u0007x","region":"330902","period":"2023-11","revision":1,"figures":[{"indicator":"ship_output","ytd":"1"}]}"#, "key"),
                (#"{"type":"submit","id":"c","key":"k2","region":"330902","period":"2023-11","revision":1,"figures":[{"indicator":"ship_output","ytd":"1","note":"a\u0000b"}]}"#, "figures[0].note"),
            ]
            var lines: [UInt8] = []
            for (line, _) in cases { lines += Array(line.utf8) + [0x0A] }
            lines += Array(submitLine("good", "330902", "2023-11", [("ship_output", ["ytd": "2", "note": #"第一行\n第二行\t制表"#])]).utf8) + [0x0A]
            try await county.sendBytes(lines)
            for (_, path) in cases {
                let reply = try await county.receive()
                #expect(reply.code == "bad_request", "\(reply)")
                #expect(reply["errors"]?[0]?["path"]?.string == path, "\(reply)")
                #expect(reply["message"]?.string?.contains("SQL") == false)
            }
            #expect(try await county.receive()["status"]?.string == "accepted")
            #expect(try server.sql("SELECT key, note FROM submissions JOIN figures ON submission_id = submissions.id")
                    == [["good", "第一行\n第二行\t制表"]])
            // Nothing was split: the good submission was never retried alone after a failed batch.
            #expect(try await county.request(#"{"type":"hello","office":"330902\u0000","token":"x"}"#).code == "bad_request")
        }
    }
}
