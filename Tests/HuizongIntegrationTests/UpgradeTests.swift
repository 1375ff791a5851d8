import Foundation
import HuizongCore
import HuizongPostgres
import HuizongStore
import Testing

/// Issue 16: a database written by the release before the redesign (migrations up to 0014, running
/// sums in `aggregates`) upgrades at the daemon's start with nothing lost. The database is the one
/// `GoldenWorkloadTests` left when it was recorded with that release (`upgrade-0014.sql`).
@Suite(.timeLimit(.minutes(3))) struct UpgradeTests {
    @Test func aDatabaseOfTheReleaseBeforeUpgradesWithNothingLost() async throws {
        let conninfo = try TestCluster.shared.newEmptyDatabase()
        try Self.psql(conninfo, file: GoldenWorkloadTests.directory.appendingPathComponent("upgrade-0014.sql"))
        let c = try Connection(conninfo)
        #expect(try c.execute("SELECT max(version) FROM schema_migrations").scalar == "0014_room_for_updates")
        let before = try c.execute("SELECT count(*) FROM submissions").scalar
        let applied = try Migrator(directory: repositoryRoot.appendingPathComponent("Schema/migrations")).migrate(c, logger: quietLogger)
        #expect(applied.first == "0015_province_state", "\(applied)")

        try await withServer(conninfo: conninfo) { server in
            let tree = server.services.regions, catalog = server.services.catalog
            #expect(try VerifyStore.differences(c, tree: tree, catalog: catalog).isEmpty)
            #expect(try c.execute("SELECT count(*) FROM submissions").scalar == before)
            // Every read answers what it answered before the upgrade.
            let reader = try await server.client(office: "p2-330000", role: .province, region: "330000")
            let golden = try String(contentsOf: GoldenWorkloadTests.directory.appendingPathComponent("reads.txt"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            for (line, expected) in zip(GoldenWorkloadTests.reads, golden) {
                let answer = GoldenWorkloadTests.normalized(GoldenWorkloadTests.text(try await reader.request(line)))
                #expect(answer == expected, "\(line)")
            }
            // And the writer rebuilds the parents' sums from their children: a revision moves them right.
            let dinghai = try await server.client(office: "330902-new", region: "330902")
            let ack = try await dinghai.request(submitLine("after-upgrade", "330902", "2023-11", revision: 9, [("ship_output", ["ytd": "31.5"])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            #expect(try VerifyStore.differences(c, tree: tree, catalog: catalog).isEmpty)
            let city = try c.execute("SELECT value::text FROM aggregates WHERE region = '330900' AND period = '2023-11-01' AND indicator = 'ship_output'")
            let sum = try c.execute("""
                SELECT sum(ytd)::text FROM figures WHERE region IN ('330902', '330903', '330921', '330922')
                AND period = '2023-11-01' AND indicator = 'ship_output'
                """)
            #expect(try c.execute("SELECT sum::text FROM aggregates WHERE region = '330900' AND period = '2023-11-01' AND indicator = 'ship_output'").rows == sum.rows,
                    "city \(city.rows), children \(sum.rows)")
        }
    }

    /// Restores a plain-SQL dump with psql.
    static func psql(_ conninfo: String, file: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file.path, conninfo]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestFailure("psql failed restoring \(file.lastPathComponent): \(p.terminationStatus)") }
    }
}
