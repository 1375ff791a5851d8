import Foundation
import HuizongProtocol
import NIOConcurrencyHelpers

/// Submissions pushed through real sockets by several pipelining connections, keeping track of what
/// was acknowledged: the clients of the crash and fault trials. A submission counts as acknowledged
/// when the daemon said `accepted` or `duplicate` (the latter after a resend whose original had in
/// fact committed). Everything else is to be sent again.
final class LoadDriver: Sendable {
    struct Submission: Sendable {
        let key: String
        let line: [UInt8]
    }

    let socket: String
    let office: String
    let token: String
    private let state = NIOLockedValueBox<(acknowledged: Set<String>, refused: [String: String], unavailable: Int)>(([], [:], 0))

    init(socket: String, office: String, token: String) {
        self.socket = socket
        self.office = office
        self.token = token
    }

    var acknowledged: Set<String> { state.withLockedValue { $0.acknowledged } }
    /// Refusals other than `unavailable` (key → code): none is expected.
    var refused: [String: String] { state.withLockedValue { $0.refused } }
    var unavailableAnswers: Int { state.withLockedValue { $0.unavailable } }

    /// Sends what is not acknowledged yet over `connections` connections, each pipelining up to
    /// `window` submissions, until every one is answered or the connection ends (the daemon died).
    func run(_ submissions: [Submission], connections: Int, window: Int = 64) async {
        let pending = submissions.filter { !acknowledged.contains($0.key) }
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<connections {
                let mine = pending.enumerated().filter { $0.offset % connections == n }.map(\.element)
                guard !mine.isEmpty else { continue }
                group.addTask { await self.drive(mine, window: window) }
            }
        }
    }

    private func drive(_ submissions: [Submission], window: Int) async {
        guard let client = try? await TestClient.unix(socket),
              (try? await client.request(#"{"type":"hello","office":"\#(office)","token":"\#(token)"}"#))?.type == "welcome"
        else { return }
        defer { Task { await client.close() } }
        var next = 0, answered = 0
        while answered < submissions.count {
            while next < submissions.count, next - answered < window {
                do { try await client.sendBytes(submissions[next].line + [0x0A]) } catch { return }
                next += 1
            }
            guard let reply = try? await client.receive(timeout: .seconds(60)) else { return }
            answered += 1
            let key = reply["key"]?.string ?? reply["id"]?.string ?? ""
            state.withLockedValue { s in
                switch (reply.type, reply["status"]?.string, reply.code) {
                case ("ack", "accepted"?, _), ("ack", "duplicate"?, _): s.acknowledged.insert(key)
                case (_, _, "unavailable"?): s.unavailable += 1
                default: s.refused[key] = reply.code ?? reply.type ?? "?"
                }
            }
        }
    }

    /// One submission per region and month: `exports` rising through the year, ids equal to keys.
    static func workload(regions: [String], months: ClosedRange<Int>, year: Int = 2023, tag: String) -> [Submission] {
        var out: [Submission] = []
        for month in months {
            for region in regions {
                let p = String(format: "\(year)-%02d", month)
                let key = "\(tag)-\(region)-\(p)"
                let line = #"{"type":"submit","id":"\#(key)","key":"\#(key)","region":"\#(region)","period":"\#(p)","revision":1,"figures":[{"indicator":"exports","ytd":"\#(month).\#(region.suffix(2))","yoy":"\#(month % 7).5"}]}"#
                out.append(Submission(key: key, line: Array(line.utf8)))
            }
        }
        return out
    }
}
