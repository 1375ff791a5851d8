import Foundation
import HuizongPostgres
import Testing

/// Deploy/README.md's least-privilege role, for real: a daemon role with only the grants listed
/// there (no CREATE on the schema, no ownership) starts on an up-to-date database and does its work:
/// submit, query, lock and unlock (DELETE), target, the janitor's prune.
@Suite(.timeLimit(.minutes(2))) struct LeastPrivilegeTests {
    @Test func theDaemonRunsWithTheGrantsTheDeployGuideLists() async throws {
        let owner = try TestCluster.shared.newDatabase()
        let database = try #require(owner.split(separator: " ").first { $0.hasPrefix("dbname=") }?.dropFirst(7))
        let admin = try Connection(owner)
        try admin.execute("""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'huizong_daemon') THEN CREATE ROLE huizong_daemon LOGIN; END IF;
            END $$
            """)
        for grant in ["REVOKE ALL ON DATABASE \(database) FROM PUBLIC", "GRANT CONNECT ON DATABASE \(database) TO huizong_daemon",
                      "REVOKE CREATE ON SCHEMA public FROM PUBLIC", "GRANT USAGE ON SCHEMA public TO huizong_daemon",
                      "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO huizong_daemon",
                      "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO huizong_daemon",
                      "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO huizong_daemon"] {
            try admin.execute(grant)
        }
        let daemon = owner + " user=huizong_daemon"
        #expect(try Connection(daemon).execute("SELECT has_schema_privilege('public', 'CREATE')").rows == [["f"]])
        // What the daemon does at start: the migrator finds nothing to do.
        let migrator = try Migrator(directory: repositoryRoot.appendingPathComponent("Schema/migrations"))
        #expect(try migrator.migrate(try Connection(daemon), logger: quietLogger).isEmpty)

        try await withServer(conninfo: daemon) { server in
            let city = try await server.client(office: "330900", role: .city)
            let ack = try await city.request(submitLine("lp-1", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "27.0"])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            #expect(try await city.request(#"{"type":"lock","id":"l","region":"330900","period":"2023-11"}"#).type == "locked")
            #expect(try await city.request(#"{"type":"unlock","id":"u","region":"330900","period":"2023-11"}"#).type == "unlocked")
            let target = try await city.request(#"{"type":"target","id":"t","region":"330900","year":2023,"indicator":"ship_output","ytd":"320"}"#)
            #expect(target.type == "target_set", "\(target)")
            let q = try await city.request(query("330900", "2023-11", indicator: "ship_output"))
            #expect(q.figure("330900", "ship_output")?["value"]?.string == "298.5", "\(q)")
        }
    }
}
