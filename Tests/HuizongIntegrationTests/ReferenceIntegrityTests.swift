import Foundation
import HuizongCore
import HuizongPostgres
import HuizongStore
import Testing

/// Issue 9: the hot tables carry no foreign keys (migrations 0009 and 0013). What they guarded is
/// kept at the other end — a region, office or indicator that stored data refers to cannot be
/// deleted or recoded — and `huizong verify` finds rows written around the daemon.
@Suite(.timeLimit(.minutes(2))) struct ReferenceIntegrityTests {
    @Test func referencedCodesStayAndUnknownOnesAreReported() async throws {
        try await withServer { server in
            let county = try await server.client(office: "330902", region: "330902")
            let reply = try await county.request(submitLine("k1", "330902", "2023-11", [("exports", ["ytd": "12.5"])]))
            #expect(reply["status"]?.string == "accepted", "\(reply)")
            let c = try Connection(server.conninfo)
            #expect(try VerifyStore.unknownReferences(c).isEmpty)

            for statement in ["DELETE FROM regions WHERE code = '330902'", "UPDATE regions SET code = 'x330902' WHERE code = '330902'",
                              "DELETE FROM offices WHERE code = '330902'", "DELETE FROM indicators WHERE code = 'exports'"] {
                #expect(throws: PostgresError.self, "\(statement)") { try server.execute(statement) }
            }
            // Nothing refers to a county that never reported and has no office: it can still go.
            let unused = try server.sql("""
                SELECT code FROM regions r WHERE parent = '330900' AND code <> '330902'
                  AND NOT EXISTS (SELECT 1 FROM offices o WHERE o.region = r.code) ORDER BY code LIMIT 1
                """)[0][0]!
            try server.execute("DELETE FROM regions WHERE code = $1", [unused])

            try server.execute("""
                INSERT INTO submissions (office, key, region, period, revision, content_hash)
                VALUES ('ghost', 'g1', '330902', '2023-10-01', 1, '\\x00'), ('330902', 'g2', '999999', '2023-10-01', 1, '\\x00')
                """)
            let found = try VerifyStore.unknownReferences(c)
            #expect(found == ["1 row(s) of submissions name an unknown region, e.g. \"999999\"",
                              "1 row(s) of submissions name an unknown office, e.g. \"ghost\""], "\(found)")
            #expect(try VerifyStore.unknownReferences(c, period: Period(year: 2023, month: 11)).isEmpty)
        }
    }
}
