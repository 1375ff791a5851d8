import HuizongCore
import HuizongProtocol
import Testing

/// 预计全年 and lower-is-better targets (PROTOCOL.md v1.2), with the seeds' figures: Zhoushan's
/// 规上船舶工业产值 1-11月 298.5 亿元, "预计全年实现320亿元", against a 300 亿元 target; an energy-intensity
/// ceiling of 0.52 吨标准煤/万元.
@Suite(.timeLimit(.minutes(2))) struct ForecastTests {
    @Test func zhoushansYearEstimateAgainstItsTarget() async throws {
        try await withServer { server in
            let zhoushan = try await server.client(office: "330900", role: .city)
            let target = #"{"type":"target","id":"t","region":"330900","year":2023,"indicator":"ship_output","ytd":"300"}"#
            #expect(try await zhoushan.request(target).type == "target_set")
            // Below its own ytd: refused, nothing stored.
            let below = try await zhoushan.request(submitLine("z0", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "27.0", "year_estimate": "298.4"])]))
            #expect(below.code == "validation_failed" && below["errors"]?.array.first?["code"]?.string == "estimate_below_ytd", "\(below)")
            #expect(below["errors"]?.array.first?["path"]?.string == "figures[0].year_estimate")
            // Only a flow has one.
            let stock = try await zhoushan.request(submitLine("z00", "330900", "2023-11", [("above_scale_firms", ["value": "900", "year_estimate": "950"])]))
            #expect(stock.code == "bad_request", "\(stock)")
            let ack = try await zhoushan.request(submitLine("z1", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "27.0", "year_estimate": "320"])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            let city = try #require(try await zhoushan.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output"))
            #expect(city["year_estimate"]?.string == "320", "\(city)")
            #expect(city["target"]?["projected"]?.string == "106.7" && city["target"]?["projected_light"]?.string == "green", "\(city)")
            // 285 of 300 is 95.0: yellow (within 5 points includes 5); 284.9 is red.
            _ = try await zhoushan.request(submitLine("z2", "330900", "2023-11", revision: 2, [("ship_output", ["ytd": "260", "year_estimate": "285"])]))
            let yellow = try await zhoushan.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(yellow?["target"]?["projected"]?.string == "95.0" && yellow?["target"]?["projected_light"]?.string == "yellow")
            // A revision that lists the figure without it clears it.
            _ = try await zhoushan.request(submitLine("z3", "330900", "2023-11", revision: 3, [("ship_output", ["ytd": "298.5", "yoy": "27.0"])]))
            let cleared = try await zhoushan.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(cleared?["year_estimate"] == .null && cleared?["target"]?["projected"] == .null && cleared?["target"]?["projected_light"] == .null,
                    "\(String(describing: cleared))")
            #expect(try server.sql("SELECT year_estimate FROM figures WHERE region = '330900'") == [[nil]])
        }
    }

    @Test func aParentsEstimateIsItsChildrensSumOnlyWhenEveryOneGaveOne() async throws {
        try await withServer { server in
            let dinghai = try await server.client(office: "330902")
            let putuo = try await server.client(office: "330903")
            let city = try await server.client(office: "330900", role: .city)
            let watcher = try await server.client(office: "330900-w", role: .city, region: "330900")
            _ = try await watcher.request(#"{"type":"subscribe","id":"w","region":"330900"}"#)
            _ = try await dinghai.request(submitLine("d1", "330902", "2023-11", [("ship_output", ["ytd": "120.31", "year_estimate": "131.5"])]))
            _ = try await putuo.request(submitLine("p1", "330903", "2023-11", [("ship_output", ["ytd": "101.24"])]))
            func cityEstimate() async throws -> JSON? {
                try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")?["year_estimate"]
            }
            #expect(try await cityEstimate() == .null)
            _ = try await putuo.request(submitLine("p2", "330903", "2023-11", revision: 2, [("ship_output", ["ytd": "101.24", "year_estimate": "110.25"])]))
            #expect(try await cityEstimate()?.string == "241.75")
            let events = try await watcher.events(6)
            #expect(events.last?["region"]?.string == "330900" && events.last?["year_estimate"]?.string == "241.75", "\(events.last.map { "\($0)" } ?? "")")
            // The province adds up its cities' the same way: Zhoushan is its only city reporting.
            let zhejiang = try await server.client(office: "330000", role: .province)
            #expect(try await zhejiang.request(query("330000", "2023-11", indicator: "ship_output")).figure("330000", "ship_output")?["year_estimate"]?.string == "241.75")
        }
    }

    @Test func anEnergyIntensityCeilingIsGreenBelowIt() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let taizhou = try await server.client(office: "331000", role: .city)
            _ = try await taizhou.request(#"{"type":"target","id":"t","region":"331082","year":2023,"indicator":"energy_intensity","ytd":"0.52","yoy":"-3"}"#)
            func light(_ key: String, _ revision: Int, _ value: String, _ yoy: String) async throws -> JSON? {
                let ack = try await linhai.request(submitLine(key, "331082", "2023-11", revision: revision, [("energy_intensity", ["value": value, "yoy": yoy])]))
                #expect(ack["status"]?.string == "accepted", "\(ack)")
                return try await linhai.request(query("331082", "2023-11", indicator: "energy_intensity")).figure("331082", "energy_intensity")?["target"]
            }
            let under = try await light("e1", 1, "0.50", "-3.5")
            #expect(under?["light"]?.string == "green" && under?["yoy_light"]?.string == "green", "\(String(describing: under))")
            let near = try await light("e2", 2, "0.54", "-2.0")   // 103.8 % of the ceiling; a point above the growth target
            #expect(near?["light"]?.string == "yellow" && near?["yoy_light"]?.string == "yellow", "\(String(describing: near))")
            let over = try await light("e3", 3, "0.55", "-1.9")   // 105.8 %
            #expect(over?["light"]?.string == "red" && over?["yoy_light"]?.string == "red", "\(String(describing: over))")
        }
    }
}
