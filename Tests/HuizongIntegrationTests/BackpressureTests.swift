import Foundation
import HuizongPostgres
import HuizongProtocol
@testable import HuizongServer
import Testing

/// Issue 8, finding 11: the writer's queue had no bound, so pipelining clients could queue a million
/// submissions. Work queued is bounded across the daemon; past the bound, sockets are not read.
@Suite(.timeLimit(.minutes(2))) struct BackpressureTests {
    @Test func queuedSubmissionsAreBoundedAcrossConnections() async throws {
        try await withServer(maxQueuedSubmissions: 64) { server in
            let counties = try server.sql("SELECT code FROM regions WHERE parent = '330900' ORDER BY code").map { $0[0]! }
            // Hold the writer on its first batch (at its province's claim), so that everything after it waits.
            let holder = try ProvinceHolder(server.conninfo, province: "330000")
            let clients = try await (0..<4).asyncMap { n in try await server.client(office: "root\(n)", role: .admin) }
            try await clients[0].send(submitLine("hold", "330902", "2023-03", [("ship_output", ["ytd": "1"])]))
            try await until { try holder.isWaitedFor() }
            var total = 1
            for (n, client) in clients.enumerated() {
                var lines: [UInt8] = []
                for year in 2000...2020 {
                    for month in 1...12 {
                        let p = String(format: "\(year)-%02d", month)
                        let county = counties[n % counties.count]
                        lines += Array(submitLine("\(n)-\(p)", county, p, [("ind_output", ["ytd": "\(month)"])]).utf8) + [0x0A]
                    }
                }
                total += 21 * 12
                Task { try await client.sendBytes(lines) }  // more than the bound: blocks once it is reached
            }
            // The senders block once the bound is reached: wait for it, then the peak says whether it held.
            try await until(.seconds(20), "the bound being reached") { server.services.admission.inUse >= 64 }
            let admitted = server.services.admission.peak
            #expect(admitted <= 64, "\(admitted) submissions admitted past the bound of 64")
            #expect(admitted >= 32, "the bound was not reached: \(admitted)")
            try holder.release()
            var accepted = 0
            for (n, client) in clients.enumerated() {
                for _ in 0..<(n == 0 ? 21 * 12 + 1 : 21 * 12) {
                    let ack = try await client.receive(timeout: .seconds(60))
                    if ack["status"]?.string == "accepted" { accepted += 1 } else { Issue.record("\(ack)") }
                }
            }
            #expect(accepted == total)
            #expect(server.services.admission.peak <= 64)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
