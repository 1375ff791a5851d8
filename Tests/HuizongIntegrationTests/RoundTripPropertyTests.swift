import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
import HuizongStore
import HuizongWorkload
import Testing

/// Issue 8: random figures of every precision the protocol allows (0–12 decimals, 万元 converted
/// to 亿元), written through the socket, stored in PostgreSQL, read back as text and consolidated
/// incrementally, then compared with a recomputation from scratch. Every figure reads back exactly
/// as sent, and every city's and province's aggregate equals its recomputation.
@Suite(.timeLimit(.minutes(3))) struct RoundTripPropertyTests {
    static let periods = ["2021-06", "2022-06", "2023-06"]  // one month a year: no ytd-order rule applies

    static func randomDecimal(_ random: inout SplitMix64, maxScale: Int) -> ExactDecimal {
        let scale = Int(random.next(below: UInt64(maxScale + 1)))
        let digits = 1 + Int(random.next(below: 12))
        var significand: Int128 = 0
        for _ in 0..<digits { significand = significand * 10 + Int128(random.next(below: 10)) }
        return ExactDecimal(significand: significand, scale: scale)
    }

    @Test(arguments: [1, 2, 3])
    func randomFiguresRoundTripAndConsolidateExactly(seed: Int) async throws {
        try await withServer { server in
            var random = SplitMix64(seed: UInt64(seed) &* 7919)
            let regions = try server.sql("""
                SELECT code FROM regions WHERE code IN ('330900', '331000') OR parent IN ('330900', '331000') ORDER BY code
                """).map { $0[0]! }
            let client = try await server.client(office: "root", role: .admin)
            var revision: [String: Int] = [:]
            var expected: [String: [String: String]] = [:]  // "region period indicator" → field → stored text
            var lines: [UInt8] = []
            var sent: [(key: String, fields: [String: String], storedKey: String)] = []
            for n in 0..<240 {
                let region = regions[Int(random.next(below: UInt64(regions.count)))]
                let period = Self.periods[Int(random.next(below: 3))]
                let rp = "\(region) \(period)"
                revision[rp, default: 0] += 1
                var figures: [(String, KeyValuePairs<String, String>)] = []
                var stored: [String: [String: String]] = [:]
                // A flow, sometimes in 万元 (8 decimals at most: 12 once in 亿元).
                let wan = random.next(below: 3) == 0
                let ytd = Self.randomDecimal(&random, maxScale: wan ? 8 : 12)
                let yoy = Self.randomDecimal(&random, maxScale: 3)
                if wan {
                    figures.append(("ind_output", ["ytd": ytd.description, "yoy": yoy.description, "unit": "万元"]))
                    stored["ind_output"] = ["ytd": UnitConversion.convert(ytd, from: "万元", to: "亿元")!.description, "yoy": yoy.description]
                } else {
                    figures.append(("ind_output", ["ytd": ytd.description, "yoy": yoy.description]))
                    stored["ind_output"] = ["ytd": ytd.description, "yoy": yoy.description]
                }
                // A ratio: numerator and denominator of any precision.
                var den = Self.randomDecimal(&random, maxScale: 12)
                if den.isZero { den = ExactDecimal(1) }
                let num = Self.randomDecimal(&random, maxScale: 12)
                figures.append(("tax_per_mu", ["num": num.description, "den": den.description]))
                stored["tax_per_mu"] = ["num": num.description, "den": den.description]
                let line = submitLine("k\(n)", region, period, revision: revision[rp]!, figures)
                lines += Array(line.utf8) + [0x0A]
                for (indicator, fields) in stored { sent.append(("k\(n)", fields, "\(rp) \(indicator)")) }
            }
            try await client.sendBytes(lines)
            var accepted: Set<String> = []
            for _ in 0..<240 {
                let ack = try await client.receive()
                if ack["status"]?.string == "accepted" { accepted.insert(ack["key"]?.string ?? "") }
                else { #expect(ack.code == "validation_failed", "\(ack)") }  // a growth or ratio rule may refuse
            }
            #expect(accepted.count > 200, "only \(accepted.count) of 240 accepted")
            for s in sent where accepted.contains(s.key) { expected[s.storedKey] = s.fields }

            // Read back as text: every figure exactly as sent (converted to the catalog's unit).
            let rows = try server.sql("""
                SELECT region || ' ' || to_char(period, 'YYYY-MM') || ' ' || indicator, ytd::text, yoy::text, num::text, den::text FROM figures
                """)
            #expect(rows.count == expected.count)
            for r in rows {
                let fields = expected[r[0]!] ?? [:]
                for (i, name) in [(1, "ytd"), (2, "yoy"), (3, "num"), (4, "den")] where fields[name] != nil || r[i] != nil {
                    #expect(r[i] == fields[name], "\(r[0]!) \(name): stored \(r[i] ?? "null"), sent \(fields[name] ?? "null")")
                }
            }
            // Every parent's aggregate equals its recomputation from scratch.
            let c = try Connection(server.conninfo)
            let differences = try VerifyStore.differences(c, tree: server.services.regions, catalog: server.services.catalog)
            #expect(differences.isEmpty, "\(differences.prefix(5))")
            #expect(try c.execute("SELECT count(*) FROM aggregates").scalar != "0")
            // The comparison sees a drift of one unit in the last place.
            try c.execute("""
                UPDATE aggregates SET sum = sum + 0.000000000001
                WHERE (region, period, indicator) = (SELECT region, period, indicator FROM aggregates WHERE region = '331000' AND sum IS NOT NULL LIMIT 1)
                """)
            #expect(try VerifyStore.differences(c, tree: server.services.regions, catalog: server.services.catalog).count == 1)
        }
    }
}
