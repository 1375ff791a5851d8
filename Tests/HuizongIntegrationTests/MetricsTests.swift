import Foundation
import HuizongDatabase
import HuizongPostgres
import HuizongStore
import Testing

/// `--metrics`: the real daemon's Prometheus endpoint, scraped over HTTP as Prometheus would. Every
/// line parses as the text format, and the counters move with what was done.
@Suite(.timeLimit(.minutes(2))) struct MetricsTests {
    @Test func theScrapeParsesAndTheCountersMove() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        let token = try OfficeStore.add(try Connection(conninfo), code: "331082", role: .county, region: "331082")
        let dir = try TempDirectory()
        let socket = dir.path("huizongd.sock"), port = try freePort()
        let pid = try ChildProcess.spawn(try executable("huizongd").path,
                                         ["--database", conninfo, "--unix-socket", socket, "--tcp", "", "--http", "", "--metrics", "127.0.0.1:\(port)",
                                          "--log-level", "warning"], outputPath: dir.path("daemon.log"))
        defer { if ChildProcess.isRunning(pid) { kill(pid, SIGKILL); _ = try? ChildProcess.wait(pid) } }
        try await waitFor { FileManager.default.fileExists(atPath: socket) }

        let client = try await TestClient.unix(socket)
        #expect(try await client.request(#"{"type":"hello","id":"h","office":"331082","token":"\#(token)"}"#).type == "welcome")
        let line = submitLine("m-1", "331082", "2022-10", [("ind_value_added", ["ytd": "218.64", "yoy": "5.2"])])
        #expect(try await client.request(line)["status"]?.string == "accepted")
        #expect(try await client.request(line)["status"]?.string == "duplicate")
        let bad = try await client.request(submitLine("m-2", "331082", "2022-11", [("ind_value_added", ["ytd": "-1"])]))
        #expect(bad.code == "validation_failed", "\(bad)")

        let (status, body) = try await httpGet(port: port, path: "/metrics")
        #expect(status == 200, "\(body)")
        // Every series says what it is (`promtool check metrics` wants a HELP for each TYPE).
        let types = body.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        let helped = Set(body.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }.map { $0.split(separator: " ")[2] })
        #expect(!types.isEmpty && types.allSatisfy(helped.contains), "no HELP for \(types.filter { !helped.contains($0) })")
        var samples: [String: Double] = [:]
        for line in body.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") { continue }
            let match = line.wholeMatch(of: /([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})?) (-?[0-9.]+(?:e[+-]?[0-9]+)?|\+Inf|-Inf|NaN)/)
            let sample = try #require(match, "not Prometheus text format: \(line)")
            samples[String(sample.1)] = Double(sample.2)
        }
        #expect(samples[#"huizong_submissions_total{outcome="accepted"}"#] == 1, "\(body)")
        #expect(samples[#"huizong_submissions_total{outcome="duplicate"}"#] == 1)
        #expect(samples[#"huizong_submissions_total{outcome="validation_failed"}"#] == 1)
        #expect(samples["huizong_figures_stored_total"] == 1)
        #expect((samples["huizong_commit_seconds_count"] ?? 0) >= 1 && (samples["huizong_ack_seconds_count"] ?? 0) == 2)
        #expect((samples["huizong_batch_submissions_count"] ?? 0) >= 1)
        #expect(samples["huizong_connections"] == 1 && samples["huizong_subscribers"] == 0 && samples["huizong_writer_queue"] == 0)
        #expect(samples.keys.contains("huizong_open_conflicts"))
        #expect(samples["huizong_database_reconnects_total"] == 0 && samples[#"huizong_submissions_total{outcome="stale_revision"}"#] == 0,
                "every series is there before its first event")
        #expect(try await httpGet(port: port, path: "/other").0 == 404)

        await client.close()
        kill(pid, SIGTERM)
        #expect(try await waitOffPool(pid) == 0)
    }
}

/// A plain HTTP/1.1 GET on a blocking socket of its own (off the cooperative pool), read to the end.
func httpGet(port: Int, path: String) async throws -> (Int, String) {
    let response: [UInt8] = try await withCheckedThrowingContinuation { continuation in
        Thread {
            continuation.resume(with: Result {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var tv = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(port).bigEndian
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else { throw TestFailure("cannot connect to the metrics port") }
                let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
                _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
                var out: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if n <= 0 { break }
                    out += chunk[0..<n]
                }
                return out
            })
        }.start()
    }
    let text = String(decoding: response, as: UTF8.self)
    guard let headEnd = text.range(of: "\r\n\r\n"), let status = Int(text.split(separator: " ").dropFirst().first ?? "") else {
        throw TestFailure("not an HTTP response: \(text.prefix(200))")
    }
    return (status, String(text[headEnd.upperBound...]))
}
