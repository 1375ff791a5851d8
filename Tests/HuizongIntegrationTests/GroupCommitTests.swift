import Foundation
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import Testing

func submitLine(id: String, key: String, region: String, period: String = "2023-06", revision: Int = 1, ytd: String = "10.5") -> String {
    #"{"type":"submit","id":"\#(id)","key":"\#(key)","region":"\#(region)","period":"\#(period)","revision":\#(revision),"figures":[{"indicator":"ind_output","ytd":"\#(ytd)"}]}"#
}

@Suite(.timeLimit(.minutes(3))) struct GroupCommitTests {
    /// Sixteen connections pipelining at once: every submission is acknowledged and stored, and the
    /// writer committed many of them per transaction.
    @Test func concurrentSubmissionsShareCommits() async throws {
        try await withServer() { server in
            let counties = try server.sql("SELECT code FROM regions WHERE parent = '330100' ORDER BY code LIMIT 16").map { $0[0]! }
            try #require(counties.count >= 10)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for county in counties {
                    group.addTask {
                        let client = try await server.client(office: county)
                        var lines: [UInt8] = []
                        for month in 1...12 {
                            let m = month < 10 ? "0\(month)" : "\(month)"
                            lines += Array(submitLine(id: "\(month)", key: "\(county)-\(m)", region: county, period: "2022-\(m)").utf8) + [0x0A]
                        }
                        try await client.sendBytes(lines)
                        for month in 1...12 {
                            let ack = try await client.receive()
                            #expect(ack["id"]?.string == "\(month)" && ack["status"]?.string == "accepted", "\(ack)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let total = counties.count * 12
            #expect(try server.sql("SELECT count(*) FROM submissions") == [[String(total)]])
            let stats = server.writer.stats
            #expect(stats.accepted == total)
            #expect(stats.largestBatch > 1, "no two submissions shared a commit: \(stats)")
            #expect(stats.batches < total)
        }
    }

    /// A statement that fails in the database rolls its whole transaction back; the writer then
    /// retries the batch one by one, so only the guilty submission fails.
    @Test func oneFailingSubmissionFailsAlone() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        // A region the server knows whose rows the database refuses (a constraint added behind the
        // daemon's back; the reference data itself stays as it is, so no reload hides the fault).
        let c = try Connection(conninfo)
        try c.execute("INSERT INTO regions (code, name, parent, level) VALUES ('330999', '测试区', '330900', 'county')")
        try await withServer(conninfo: conninfo) { server in
            try c.execute("ALTER TABLE submissions ADD CONSTRAINT refuse_330999 CHECK (region <> '330999')")

            let admin = try await server.client(office: "root", role: .admin)
            let batch = [
                submitLine(id: "a", key: "a", region: "330902"),
                submitLine(id: "b", key: "b", region: "330999"),
                submitLine(id: "c", key: "c", region: "330903"),
            ].joined(separator: "\n") + "\n"
            try await admin.sendBytes(Array(batch.utf8))
            let a = try await admin.receive(), b = try await admin.receive(), cc = try await admin.receive()
            #expect(a["status"]?.string == "accepted")
            #expect(b.code == "internal_error", "\(b)")
            #expect(cc["status"]?.string == "accepted")
            #expect(try server.sql("SELECT key FROM submissions ORDER BY key") == [["a"], ["c"]])
        }
    }

    /// The database drops the writer's connection: a connection found closed before it is used is
    /// replaced at once; one lost while a write is in flight tells the client `unavailable`
    /// (retryable). Either way nothing is half-stored, and the same key goes through exactly once.
    @Test func lostConnectionIsHealedOrUnavailable() async throws {
        try await withServer() { server in
            let client = try await server.client(office: "331082")
            #expect(try await client.request(linhaiOctober(key: "first"))["status"]?.string == "accepted")

            let database = try server.sql("SELECT current_database()")[0][0]!
            _ = try TestCluster.shared.admin().execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [database])

            var replies: [JSON] = []
            for attempt in 0..<20 {
                let reply = try await client.request(submitLine(id: "r\(attempt)", key: "retry-me", region: "331082", period: "2022-11", ytd: "1000"))
                replies.append(reply)
                if reply["status"]?.string == "accepted" { break }
                #expect(reply.code == "unavailable" && reply["retryable"] == .bool(true), "\(reply)")
                try await Task.sleep(for: .milliseconds(300))
            }
            #expect(replies.last?["status"]?.string == "accepted", "\(replies)")
            #expect(try server.sql("SELECT count(*) FROM submissions WHERE key = 'retry-me'") == [["1"]])
        }
    }

    @Test func dryRunStoresNothing() async throws {
        try await withServer() { server in
            let client = try await server.client(office: "331082")
            let line = linhaiOctober().replacingOccurrences(of: #""type":"submit""#, with: #""type":"submit","dry_run":true"#)
            let reply = try await client.request(line)
            #expect(reply["status"]?.string == "valid")
            #expect(try server.sql("SELECT count(*) FROM submissions") == [["0"]])
            #expect(try await client.request(linhaiOctober())["status"]?.string == "accepted")
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct SchemaTests {
    @Test func migratingTwiceChangesNothing() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        let migrator = try Migrator(directory: repositoryRoot.appendingPathComponent("Schema/migrations"))
        let before = try c.execute("SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version").rows
        #expect(before.map { $0[0]! } == migrator.migrations.map(\.version))
        #expect(try migrator.migrate(c, logger: quietLogger).isEmpty)
        #expect(try c.execute("SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version").rows == before)
    }

    /// 0011 moves the history onto the submissions: every row of the old table must come out of
    /// the view as it went in.
    @Test func historySurvivesTheMoveOntoSubmissions() throws {
        let c = try Connection(try TestCluster.shared.newEmptyDatabase())
        let all = repositoryRoot.appendingPathComponent("Schema/migrations")
        let before = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: before, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: before) }
        for name in try FileManager.default.contentsOfDirectory(atPath: all.path) where name < "0011" {
            try FileManager.default.copyItem(at: all.appendingPathComponent(name), to: before.appendingPathComponent(name))
        }
        try Migrator(directory: before).migrate(c, logger: quietLogger)
        try c.runScript("""
            INSERT INTO offices (code, token_hash, role, region) VALUES ('331082', 'x', 'county', '331082');
            INSERT INTO submissions (id, office, key, region, period, revision, content_hash) VALUES
                (1, '331082', 'k1', '331082', '2022-10-01', 1, '\\x00'),
                (2, '331082', 'k2', '331082', '2022-10-01', 2, '\\x01'),
                (3, '331082', 'k3', '331082', '2022-10-01', 3, '\\x02');
            INSERT INTO figure_history (region, period, indicator, field, old_value, new_value, office, submission_id) VALUES
                ('331082', '2022-10-01', 'ind_value_added', 'ytd', '218.64', '218.70', '331082', 2),
                ('331082', '2022-10-01', 'ind_value_added', 'note', NULL, '含"引号", 和\\反斜杠', '331082', 2),
                ('331082', '2022-10-01', 'exports', 'yoy', '1.5', '1.50', '331082', 3);
            """)
        let query = """
            SELECT region, period::text, indicator, field, old_value, new_value, office, submission_id::text
            FROM figure_history ORDER BY submission_id, indicator DESC, field DESC
            """
        let old = try c.execute(query).rows
        try Migrator(directory: all).migrate(c, logger: quietLogger)
        #expect(try c.execute(query).rows == old)
        #expect(old.count == 3)
        #expect(try c.execute("SELECT changed_indicators IS NULL FROM submissions ORDER BY id").rows == [["t"], ["f"], ["f"]])
    }

    @Test func referenceDataHoldsEveryRegionWithExplicitParents() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        #expect(try c.execute("SELECT level, count(*) FROM regions GROUP BY level ORDER BY level").rows
                == [["city", "342"], ["county", "2975"], ["province", "31"]])
        #expect(try c.execute("SELECT parent FROM regions WHERE code = '330902'").scalar == "330900")
        #expect(try c.execute("SELECT parent FROM regions WHERE code = '130171'").scalar == "130100")  // a development zone
        #expect(try c.execute("SELECT count(*) FROM regions WHERE level <> 'province' AND parent IS NULL").scalar == "0")
        let catalog = try ReferenceStore.catalog(c)
        for code in ["ind_value_added", "ind_output", "ship_output", "industrial_investment", "mfg_investment",
                     "tech_investment", "digital_core_revenue", "exports", "retail_sales", "industrial_power",
                     "burden_reduction", "new_5g_stations", "above_scale_firms", "tax_per_mu"] {
            #expect(catalog[code] != nil, "\(code)")
        }
        #expect(catalog["exports"]?.unit == "亿美元")
        #expect(catalog["tax_per_mu"]?.kind == .ratio)
        #expect(catalog["above_scale_firms"]?.kind == .stock)
        #expect(catalog.parts.contains(.init(part: "ship_output", whole: "ind_output")))
    }
}
