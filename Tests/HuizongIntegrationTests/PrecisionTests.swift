import HuizongProtocol
import Testing

/// Issue 8, finding 1: whatever the daemon writes it must read back. Figures with 12 decimals (whose
/// rounding tolerance has 13) and 万元 converted to 亿元 once made the running sums unreadable, so a
/// county was counted twice and sums went wrong without an error.
@Suite(.timeLimit(.minutes(2))) struct PrecisionTests {
    /// Zhoushan's four districts write 12 decimals; one revises twice; the city's sum stays the exact
    /// sum of the latest figures, with four children reported, and the database agrees.
    @Test func twelveDecimalsConsolidateExactlyAcrossRevisions() async throws {
        try await withServer { server in
            let values = ["330902": "120.123456789012", "330903": "101.000000000001", "330921": "60.5", "330922": "16.999999999999"]
            var clients: [String: TestClient] = [:]
            for (code, ytd) in values.sorted(by: { $0.key < $1.key }) {
                let client = try await server.client(office: code)
                clients[code] = client
                let ack = try await client.request(submitLine("\(code)-r1", code, "2023-11", [("ship_output", ["ytd": ytd, "yoy": "1.5"])]))
                #expect(ack["status"]?.string == "accepted", "\(ack)")
            }
            for (revision, ytd) in [(2, "121.000000000007"), (3, "122.100000000009")] {
                let ack = try await clients["330902"]!.request(submitLine("330902-r\(revision)", "330902", "2023-11", revision: revision,
                                                                           [("ship_output", ["ytd": ytd, "yoy": "1.5"])]))
                #expect(ack["status"]?.string == "accepted", "\(ack)")
            }
            // 122.100000000009 + 101.000000000001 + 60.5 + 16.999999999999 = 300.600000000009
            let city = try await server.client(office: "330900", role: .city)
            let figure = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(figure?["value"]?.string == "300.600000000009", "\(String(describing: figure))")
            #expect(figure?["reported"] == .number("4"))
            #expect(figure?["status"]?.string == "complete")
            #expect(try server.sql("SELECT sum(ytd)::text FROM figures WHERE indicator = 'ship_output'") == [["300.600000000009"]])
            #expect(try server.sql("SELECT sum::text, reported FROM aggregates WHERE region = '330900'") == [["300.600000000009", "4"]])

            // The city reports that sum to two decimals: within rounding, no conflict, and a revision
            // by a district afterwards still finds and updates the same aggregate row.
            let own = try await city.request(submitLine("330900-r1", "330900", "2023-11", [("ship_output", ["ytd": "300.60"])]))
            #expect(own["status"]?.string == "accepted" && own["warnings"]?.array.isEmpty == true, "\(own)")
            let late = try await clients["330922"]!.request(submitLine("330922-r2", "330922", "2023-11", revision: 2,
                                                                       [("ship_output", ["ytd": "16.999999999998", "yoy": "1.5"])]))
            #expect(late["status"]?.string == "accepted", "\(late)")
            let after = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(after?["sum"]?.string == "300.600000000008")
            #expect(after?["status"]?.string == "complete" && after?["reported"] == .number("4"))
            #expect(try server.sql("SELECT count(*) FROM conflicts") == [["0"]])
        }
    }

    /// Bounds are checked after conversion to the catalog's unit: 8 decimals of 万元 are 12 of 亿元
    /// and are kept; 9 would be 13 and are refused, with the field named and nothing stored.
    @Test func boundsAreCheckedAfterUnitConversion() async throws {
        try await withServer { server in
            let county = try await server.client(office: "330902")
            let refused = try await county.request(submitLine("k1", "330902", "2023-11", [("ship_output", ["ytd": "12.123456789", "unit": "万元"])]))
            #expect(refused.code == "bad_request", "\(refused)")
            #expect(refused["errors"]?[0]?["path"]?.string == "figures[0].ytd")
            #expect(try server.sql("SELECT count(*) FROM figures") == [["0"]])

            let kept = try await county.request(submitLine("k2", "330902", "2023-11", [("ship_output", ["ytd": "12.12345678", "unit": "万元"])]))
            #expect(kept["status"]?.string == "accepted", "\(kept)")
            #expect(try server.sql("SELECT ytd::text FROM figures") == [["0.001212345678"]])
            let city = try await server.client(office: "330900", role: .city)
            let figure = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(figure?["value"]?.string == "0.001212345678" && figure?["reported"] == .number("1"))
        }
    }
}
