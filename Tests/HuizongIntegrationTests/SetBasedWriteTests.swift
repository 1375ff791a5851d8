import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Testing

/// Issue 9: a batch written set-based — every table once per batch, decisions made in Swift — leaves
/// the database exactly as the same submissions written one at a time: the same figures, history,
/// revisions, aggregates, conflicts and logged keys.
@Suite(.timeLimit(.minutes(3))) struct SetBasedWriteTests {
    /// Zhoushan and Taizhou: counties, then the cities' own figures (some disagreeing with their
    /// districts), revisions of counties (history, conflicts that close), a dry run, and submissions
    /// that are refused (a stale revision, a reused key, a rule against stored figures).
    static func workload(_ counties: [String]) -> [String] {
        var lines: [String] = []
        for (n, c) in counties.enumerated() {
            lines.append(submitLine("\(c)-r1", c, "2023-11", [("ship_output", ["ytd": "\(10 + n).5", "yoy": "\(n % 5).5"]),
                                                              ("tax_per_mu", ["num": "\(900 + n)", "den": "\(20 + n)"])]))
            lines.append(submitLine("\(c)-oct", c, "2023-10", [("ship_output", ["ytd": "\(9 + n).25"])]))
        }
        lines.append(submitLine("330900-r1", "330900", "2023-11", [("ship_output", ["ytd": "60.0", "yoy": "2.0"])]))
        lines.append(submitLine("331000-r1", "331000", "2023-11", [("ship_output", ["ytd": "999", "yoy": "9.9"])]))
        for (n, c) in counties.enumerated() where n % 3 == 0 {
            lines.append(submitLine("\(c)-r2", c, "2023-11", revision: 2, [("ship_output", ["ytd": "\(11 + n).5", "yoy": "\(n % 5).0", "note": "复核"])]))
        }
        lines.append(submitLine("\(counties[1])-dry", counties[1], "2023-11", revision: 7, dryRun: true, [("ship_output", ["ytd": "500"])]))
        lines.append(submitLine("\(counties[0])-r1", counties[0], "2023-11", revision: 1, [("ship_output", ["ytd": "1"])]))  // key reused
        lines.append(submitLine("\(counties[0])-stale", counties[0], "2023-11", revision: 1, [("ship_output", ["ytd": "1"])]))
        lines.append(submitLine("\(counties[2])-low", counties[2], "2023-12", [("ship_output", ["ytd": "0.5"])]))  // below November
        return lines
    }

    /// Everything the writes decide, in a comparable form (ids and times left out).
    static func state(_ server: TestServer) throws -> [[[String?]]] {
        try [
            server.sql("""
                SELECT f.region, f.period::text, f.indicator, f.ytd::text, f.month::text, f.yoy::text, f.value::text, f.num::text,
                       f.den::text, f.note, s.key FROM figures f JOIN submissions s ON s.id = f.submission_id ORDER BY 1, 2, 3
                """),
            server.sql("""
                SELECT h.region, h.period::text, h.indicator, h.field, h.old_value, h.new_value, h.office, s.key
                FROM figure_history h JOIN submissions s ON s.id = h.submission_id ORDER BY 1, 2, 3, 4, 8
                """),
            server.sql("SELECT key, region, period::text, revision, content_hash::text FROM submissions ORDER BY key"),
            server.sql("SELECT rp.region, rp.period::text, rp.revision, s.key FROM region_periods rp JOIN submissions s ON s.id = rp.submission_id ORDER BY 1, 2"),
            server.sql("""
                SELECT region, period::text, indicator, value::text, yoy::text, own::text, own_yoy::text, sum::text, sum_yoy::text,
                       amount::text, den::text, reported, expected, status, estimate::text
                FROM aggregates ORDER BY 1, 2, 3
                """),
            server.sql("""
                SELECT region, period::text, indicator, kind, own::text, sum::text, child_regions::text, child_values::text,
                       child_yoys::text, state FROM conflicts ORDER BY 1, 2, 3, 4, 10
                """),
            server.sql("SELECT DISTINCT region, period::text, unnest(indicators) FROM changes ORDER BY 1, 2, 3"),
        ]
    }

    @Test func oneBatchLeavesWhatOneAtATimeLeaves() async throws {
        var one: [[[String?]]] = [], batched: [[[String?]]] = []
        var replies: [[String]] = [[], []]
        try await withServer { server in
            let counties = try server.sql("SELECT code FROM regions WHERE parent IN ('330900', '331000') ORDER BY code").map { $0[0]! }
            let admin = try await server.client(office: "root", role: .admin)
            for line in Self.workload(counties) {
                let reply = try await admin.request(line)
                replies[0].append(reply["status"]?.string ?? reply.code ?? "?")
            }
            one = try Self.state(server)
        }
        try await withServer { server in
            let counties = try server.sql("SELECT code FROM regions WHERE parent IN ('330900', '331000') ORDER BY code").map { $0[0]! }
            let admin = try await server.client(office: "root", role: .admin)
            // Hold the writer on a first batch so that the whole workload waits and goes as one batch.
            let holder = try ProvinceHolder(server.conninfo, province: "330000")
            try await admin.send(submitLine("hold", "330106", "2001-01", [("exports", ["ytd": "1"])]))
            try await until { try holder.isWaitedFor() }
            let lines = Self.workload(counties)
            try await Self.queueBehindHeldWriter(lines, admin, server)
            try holder.release()
            _ = try await admin.receive()
            for _ in lines {
                let reply = try await admin.receive()
                replies[1].append(reply["status"]?.string ?? reply.code ?? "?")
            }
            // One batch, or two: the pipelined writer decides whatever had arrived while the held
            // transaction was in flight, and the rest after it.
            #expect(server.writer.stats.largestBatch >= (lines.count + 1) / 2, "largest batch \(server.writer.stats.largestBatch) of \(lines.count)")
            try server.execute("DELETE FROM submissions WHERE key = 'hold'")  // the holder's own row is not part of the comparison
            try server.execute("DELETE FROM figures WHERE period = '2001-01-01'")
            try server.execute("DELETE FROM aggregates WHERE period = '2001-01-01'")
            try server.execute("DELETE FROM region_periods WHERE period = '2001-01-01'")
            try server.execute("DELETE FROM changes WHERE period = '2001-01-01'")
            batched = try Self.state(server)
        }
        #expect(replies[0] == replies[1])
        #expect(replies[0].filter { $0 == "accepted" }.count > 30, "\(replies[0])")
        #expect(Set(replies[0]).isSuperset(of: ["accepted", "valid", "key_reused", "stale_revision", "validation_failed"]), "\(Set(replies[0]))")
        for (table, (a, b)) in ["figures", "history", "submissions", "revisions", "aggregates", "conflicts", "logged keys"].enumerated().map({ ($1, (one[$0], batched[$0])) }) {
            #expect(a == b, "\(table) differ: \(a.count) rows one at a time, \(b.count) in one batch; first difference \(zip(a, b).first { $0 != $1 } as Any)")
        }
        #expect(one[1].count > 5 && one[5].count > 0, "the workload wrote history and opened conflicts")
    }
}

extension SetBasedWriteTests {
    /// Many new figures in a few big batches (binary arrays, one INSERT per table): every value and
    /// note reads back exactly (tabs, newlines and backslashes in notes included), and every parent
    /// equals its recomputation.
    @Test func aBigBatchOfNewFiguresReadsBackExactly() async throws {
        try await withServer { server in
            let counties = try server.sql("SELECT code FROM regions WHERE parent IN ('330100', '330200', '330300') ORDER BY code").map { $0[0]! }
            let admin = try await server.client(office: "root", role: .admin)
            let holder = try ProvinceHolder(server.conninfo, province: "330000")
            try await admin.send(submitLine("hold", "330106", "2001-01", [("exports", ["ytd": "1"])]))
            try await until { try holder.isWaitedFor() }
            let indicators = ["ind_output", "ind_value_added", "industrial_investment", "exports", "retail_sales", "burden_reduction",
                              "digital_core_revenue", "industrial_power", "rd_expense", "ind_revenue"]
            var lines: [String] = []
            for (n, c) in counties.enumerated() {
                for month in 1...2 {
                    let figures = indicators.enumerated().map { i, ind -> (String, KeyValuePairs<String, String>) in
                        (ind, ["ytd": "\(month * 100_000 + n * 100 - i).\(i)\(n % 10)", "note": #"第\#(i)项\t制表\n换行\\反斜杠"#])
                    }
                    lines.append(submitLine("\(c)-\(month)", c, "2023-0\(month)", figures))
                }
            }
            try #require(lines.count * indicators.count >= 512)
            try await Self.queueBehindHeldWriter(lines, admin, server)
            try holder.release()
            for _ in 0...lines.count {
                let ack = try await admin.receive()
                #expect(ack["status"]?.string == "accepted", "\(ack)")
            }
            // The writer decides its next batch while one is in flight: what had arrived while the
            // held one waited goes as one batch, the rest as the next — one of them at least half.
            #expect(server.writer.stats.largestBatch >= lines.count / 2)
            let notes = try server.sql("SELECT DISTINCT note FROM figures WHERE period >= '2023-01-01'")
            #expect(notes.count == indicators.count && notes.allSatisfy { $0[0]?.contains("\t制表\n换行\\反斜杠") == true }, "\(notes)")
            let sample = try server.sql("SELECT ytd::text FROM figures WHERE region = $1 AND period = '2023-02-01' AND indicator = 'exports'", [counties[3]])
            #expect(sample == [["\(200_000 + 3 * 100 - 3).33"]])
            #expect(try server.sql("SELECT count(*) FROM figures WHERE period >= '2023-01-01'") == [[String(lines.count * indicators.count)]])
            let c = try Connection(server.conninfo)
            let differences = try VerifyStore.differences(c, tree: server.services.regions, catalog: server.services.catalog)
            #expect(differences.isEmpty, "\(differences.prefix(5))")
        }
    }
}

extension SetBasedWriteTests {
    /// Sends `lines` at once while the writer is held by a lock, and waits (bounded) until every one
    /// has been decoded and handed to the writer behind it, so that they make one batch (or two: the
    /// pipelined writer may already have taken the first few to decide while the held one is in
    /// flight, so the writer's queue alone does not say it — the admitted submissions do).
    static func queueBehindHeldWriter(_ lines: [String], _ admin: TestClient, _ server: TestServer) async throws {
        try await admin.sendBytes(Array(lines.joined(separator: "\n").utf8) + [0x0A])
        let admission = server.services.admission
        let deadline = ContinuousClock.now + .seconds(20)
        while admission.inUse < lines.count + 1, ContinuousClock.now < deadline {  // and the held one
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(admission.inUse >= lines.count + 1, "only \(admission.inUse - 1) of \(lines.count) admitted")
    }
}
