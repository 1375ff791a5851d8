import Foundation
import HuizongCore
import HuizongProtocol
import Testing

/// Issue 8: every request type × every role × regions inside and outside the office's authority.
/// What is allowed succeeds; what is not is `forbidden` and leaves no trace: nothing written, read,
/// resolved, locked, targeted or streamed outside authority.
@Suite(.timeLimit(.minutes(3))) struct AuthorityMatrixTests {
    enum Access { case read, submit, govern }

    struct Probe: Sendable {
        let name: String
        let access: Access
        /// The request line for a region (and a conflict id there, for resolve); `n` grows.
        let line: @Sendable (_ region: String, _ conflict: String, _ n: Int) -> String
        /// The reply type when allowed.
        let allowedType: String
    }

    static let probes: [Probe] = [
        Probe(name: "submit", access: .submit, line: { r, _, n in submitLine("m-\(r)-\(n)", r, "2023-01", revision: n, [("exports", ["ytd": "1.0"])]) }, allowedType: "ack"),
        Probe(name: "dry_run", access: .submit, line: { r, _, n in submitLine("d-\(r)-\(n)", r, "2023-01", revision: n, dryRun: true, [("exports", ["ytd": "1.0"])]) }, allowedType: "ack"),
        Probe(name: "query", access: .read, line: { r, _, _ in query(r, "2023-11", children: true) }, allowedType: "result"),
        Probe(name: "conflicts", access: .read, line: { r, _, _ in #"{"type":"conflicts","id":"c","region":"\#(r)"}"# }, allowedType: "conflicts"),
        Probe(name: "completeness", access: .read, line: { r, _, _ in #"{"type":"completeness","id":"c","region":"\#(r)","period":"2023-11"}"# }, allowedType: "completeness"),
        Probe(name: "subscribe", access: .read, line: { r, _, _ in #"{"type":"subscribe","id":"s","region":"\#(r)"}"# }, allowedType: "subscribed"),
        Probe(name: "target", access: .govern, line: { r, _, _ in #"{"type":"target","id":"t","region":"\#(r)","year":2023,"indicator":"exports","ytd":"100"}"# }, allowedType: "target_set"),
        Probe(name: "lock", access: .govern, line: { r, _, _ in #"{"type":"lock","id":"l","region":"\#(r)","period":"2022-01"}"# }, allowedType: "locked"),
        Probe(name: "unlock", access: .govern, line: { r, _, _ in #"{"type":"unlock","id":"u","region":"\#(r)","period":"2022-01"}"# }, allowedType: "unlocked"),
        Probe(name: "resolve", access: .govern, line: { _, c, _ in #"{"type":"resolve","id":"r","conflict":"\#(c)","action":"accept_own"}"# }, allowedType: "resolved"),
    ]

    /// Written out by hand (not computed with the code under test): which regions each office may
    /// submit for, read, and govern (lock, resolve, set targets for). The admin may do everything.
    static let zhejiang: Set<String> = ["330902", "330903", "330900", "331082", "331000", "330000"]
    static let expected: [String: [Access: Set<String>]] = [
        "330902": [.submit: ["330902"], .read: ["330902"], .govern: []],
        "330900": [.submit: ["330900"], .read: ["330902", "330903", "330900"], .govern: ["330902", "330903", "330900"]],
        "330000": [.submit: ["330000"], .read: zhejiang, .govern: zhejiang],
        "root2": [.submit: [], .read: [], .govern: []],
    ]

    /// A snapshot of everything a forbidden request could have touched.
    static func trace(_ server: TestServer) throws -> [[String?]] {
        try server.sql("""
            SELECT (SELECT count(*) FROM submissions), (SELECT count(*) FROM figures), (SELECT count(*) FROM targets),
                   (SELECT count(*) FROM period_locks), (SELECT count(*) FROM lock_history),
                   (SELECT count(*) FROM conflicts WHERE state = 'resolved'), (SELECT count(*) FROM changes)
            """)
    }

    @Test func everyRequestEveryRoleInsideAndOutside() async throws {
        try await withServer { server in
            // Conflicts to resolve: Zhoushan's and Taizhou's own figures disagree with their districts.
            let admin = try await server.client(office: "root", role: .admin)
            var conflictOf: [String: String] = [:]
            for (city, counties) in [("330900", ["330902", "330903", "330921", "330922"]),
                                     ("331000", try server.sql("SELECT code FROM regions WHERE parent = '331000'").map { $0[0]! })] {
                for c in counties { _ = try await admin.request(submitLine("x-\(c)", c, "2023-11", [("ship_output", ["ytd": "10"])])) }
                _ = try await admin.request(submitLine("x-\(city)", city, "2023-11", [("ship_output", ["ytd": "999"])]))
                let listed = try await admin.request(#"{"type":"conflicts","id":"c","region":"\#(city)"}"#)
                conflictOf[city] = try #require(listed["conflicts"]?[0]?["id"]?.string)
            }
            let tree = server.services.regions
            let offices: [Office] = [
                Office(code: "330902", region: "330902", role: .county),
                Office(code: "330900", region: "330900", role: .city),
                Office(code: "330000", region: "330000", role: .province),
                Office(code: "root2", region: nil, role: .admin),
            ]
            // Own region, a sibling, the parent, another city's county, another city, the province,
            // another province and one of its districts.
            let regions = ["330902", "330903", "330900", "331082", "331000", "330000", "110000", "110101"]
            var checked = 0
            for office in offices {
                let client = try await server.client(office: office.code, role: office.role, region: office.region)
                for probe in Self.probes {
                    for region in regions {
                        // A resolve acts on a conflict: Zhoushan's for regions in Zhoushan, else Taizhou's.
                        let conflictRegion = tree.isWithin(region, "330900") ? "330900" : "331000"
                        if probe.access == .govern, probe.name == "resolve", region != conflictRegion { continue }
                        let allowed = Self.expected[office.code]![probe.access]!.contains(region) || office.role == .admin
                        let before = try Self.trace(server)
                        checked += 1
                        var reply = try await client.request(probe.line(region, conflictOf[conflictRegion]!, checked))
                        while reply.type == "aggregate" {  // this office's subscriptions: only what it may read
                            #expect(office.mayRead(reply["region"]?.string ?? "", in: tree), "\(office.code) was sent \(reply)")
                            reply = try await client.receive()
                        }
                        if allowed {
                            #expect(reply.type == probe.allowedType, "\(office.code) \(probe.name) \(region): \(reply)")
                        } else {
                            #expect(reply.code == "forbidden", "\(office.code) \(probe.name) \(region) should be forbidden: \(reply)")
                            #expect(try Self.trace(server) == before, "\(office.code) \(probe.name) \(region) left a trace")
                        }
                    }
                }
                // Nothing is streamed outside the subscription: a submission in another province
                // reaches none of the subscriptions above (the pong comes first).
                _ = try await admin.request(submitLine("far-\(office.code)", "110101", "2023-02", [("exports", ["ytd": "1.0"])]))
                var line = try await client.request(#"{"type":"ping","id":"after"}"#)
                while line.type == "aggregate" {
                    let r = line["region"]?.string ?? ""
                    #expect(office.mayRead(r, in: tree), "\(office.code) was sent an event of \(r)")
                    line = try await client.receive()
                }
                #expect(line.type == "pong")
            }
            #expect(checked > 250)
        }
    }
}
