import HuizongCore
import HuizongProtocol
import Testing

@Suite(.timeLimit(.minutes(2))) struct TargetIntegrationTests {
    @Test func zhoushansShipOutputAgainstItsAnnualTarget() async throws {
        try await withServer { server in
            // Seed 001: 1–11月 298.5 亿元, "预计全年实现规上船舶工业产值320亿元".
            try await ReconciliationTests().reportDistricts(server)
            let city = try await server.client(office: "330900", role: .city)
            _ = try await city.request(submitLine("330900-2023-11", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "27.0"])]))
            _ = try await city.request(#"{"type":"subscribe","id":"w","region":"330900"}"#)

            let dinghai = try await server.client(office: "dinghai-2", region: "330902")
            #expect(try await dinghai.request(#"{"type":"target","id":"t0","region":"330902","year":2023,"indicator":"ship_output","ytd":"100"}"#).code == "forbidden")
            let set = try await city.request(#"{"type":"target","id":"t1","region":"330900","year":2023,"indicator":"ship_output","ytd":"320"}"#)
            #expect(set.type == "target_set" && set["ytd"]?.string == "320", "\(set)")

            // The target change is broadcast for the city's November figure.
            let event = try #require(try await city.events(1).first)
            #expect(event["region"]?.string == "330900" && event["period"]?.string == "2023-11")
            let target = event["target"]
            #expect(target?["ytd"]?.string == "320")
            #expect(target?["progress"]?.string == "93.3")       // 298.5 / 320
            #expect(target?["time_progress"]?.string == "91.7")  // 11 / 12
            #expect(target?["light"]?.string == "green")

            // A growth target of 30 % against +27.0 %: more than a point short, red. v1.1: it stands
            // beside the level target, whose light stays green; the growth's is `yoy_light`.
            #expect(try await city.request(#"{"type":"target","id":"t2","region":"330900","year":2023,"indicator":"ship_output","yoy":"30"}"#).type == "target_set")
            let both = try await city.events(1).first?["target"]
            #expect(both?["light"]?.string == "green" && both?["yoy_light"]?.string == "red", "\(String(describing: both))")
            let q = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(q?["target"]?["ytd"]?.string == "320" && q?["target"]?["yoy"]?.string == "30" && q?["target"]?["yoy_light"]?.string == "red")
            #expect(try server.sql("SELECT ytd::text, yoy::text, set_by FROM targets") == [["320", "30", "330900"]])
        }
    }
}
