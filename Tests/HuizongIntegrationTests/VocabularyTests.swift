import Foundation
import HuizongCore
import HuizongProtocol
import Testing

/// PROTOCOL.md v1.1 over the socket, with the seeds' own figures: growth-only and estimated figures,
/// whole counts, ranks the ranked office sees with their streaks, month on month, level, growth,
/// stock and share targets, and reference data an administrator extends while daemons run.
@Suite(.timeLimit(.minutes(3))) struct VocabularyTests {
    /// Taizhou's nine county-level units, 规上工业增加值 2022. Seed: "自3月起已经连续8个月居台州第一".
    static let taizhou = ["331002", "331003", "331004", "331022", "331023", "331024", "331081", "331082", "331083"]

    @Test func linhaiHoldsFirstPlaceInGrowthEightMonthsRunning() async throws {
        try await withServer { server in
            var clients: [String: TestClient] = [:]
            for code in Self.taizhou { clients[code] = try await server.client(office: code) }
            for month in 1...10 {
                for (i, code) in Self.taizhou.enumerated() {
                    // Linhai (index 7) grows fastest from March; in January and February 椒江 does.
                    let linhaiFirst = month >= 3
                    let yoy = code == "331082" ? (linhaiFirst ? "17.3" : "14.0") : code == "331002" ? (linhaiFirst ? "12.0" : "15.0") : "\(5 + i).5"
                    let ytd = String(format: "%d.%d", 20 * month + i, month)
                    let ack = try await clients[code]!.request(submitLine("\(code)-2022-\(month)", code, String(format: "2022-%02d", month),
                                                                          [("ind_value_added", ["ytd": ytd, "yoy": yoy])]))
                    #expect(ack["status"]?.string == "accepted", "\(ack)")
                }
            }
            let linhai = clients["331082"]!
            let result = try await linhai.request(query("331082", "2022-10", indicator: "ind_value_added"))
            let rank = try #require(result.figure("331082", "ind_value_added")?["rank"])
            #expect(rank["parent"]?.string == "331000" && rank["of"] == .number("9"))
            #expect(rank["yoy"] == .number("1") && rank["yoy_streak"] == .number("8"), "\(rank)")
            #expect(rank["value"] == .number("2") && rank["value_streak"] == .number("10"), "\(rank)")  // 玉环 reports the largest ytd
            // Its rank does not reveal its siblings' figures: the answer holds Linhai's figure only.
            #expect(result["figures"]?.array.map { $0["region"]?.string } == ["331082"])
            #expect(try await linhai.request(query("331000", "2022-10")).code == "forbidden")
            // February: 椒江 first, Linhai second, one month so far at that place.
            let feb = try await linhai.request(query("331082", "2022-02", indicator: "ind_value_added")).figure("331082", "ind_value_added")
            #expect(feb?["rank"]?["yoy"] == .number("2") && feb?["rank"]?["yoy_streak"] == .number("2"))
        }
    }

    /// Seed: 永嘉 "外贸出口总额2.43亿美元，同比增长-1.8%" and "规下工业增加值增速为7.0%" (a growth alone).
    @Test func yongjiasExportsAndAGrowthOnlyFigure() async throws {
        try await withServer { server in
            let yongjia = try await server.client(office: "330324")
            let ack = try await yongjia.request(submitLine("yj-2022-03", "330324", "2022-03", [
                ("exports", ["ytd": "2.43", "yoy": "-1.8"]), ("below_scale_value_added", ["yoy": "7.0"]),
            ]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            let result = try await yongjia.request(query("330324", "2022-03"))
            let growthOnly = try #require(result.figure("330324", "below_scale_value_added"))
            #expect(growthOnly["yoy"]?.string == "7.0" && growthOnly["value"] == .null && growthOnly["ytd"] == .null)
            #expect(growthOnly["rank"]?["yoy"] == .number("1") && growthOnly["rank"]?["value"] == .null)
            #expect(result.figure("330324", "exports")?["value"]?.string == "2.43")
            #expect(result.figure("330324", "exports")?["yoy"]?.string == "-1.8")
            // Wenzhou counts the growth-only county as not reported for the level.
            let wenzhou = try await server.client(office: "330300", role: .city)
            let city = try await wenzhou.request(query("330300", "2022-03", indicator: "below_scale_value_added")).figure("330300", "below_scale_value_added")
            #expect(city == nil || (city?["reported"] == .number("0") && city?["value"] == .null), "\(String(describing: city))")
            #expect(try await wenzhou.request(query("330300", "2022-03", indicator: "exports")).figure("330300", "exports")?["reported"] == .number("1"))
            // A month without ytd is refused (it needs its year to date).
            let bad = try await yongjia.request(submitLine("yj-bad", "330324", "2022-04", [("exports", ["month": "0.8"])]))
            #expect(bad.code == "bad_request" && bad["errors"]?.array.first?["path"]?.string == "figures[0].ytd")
        }
    }

    /// Seed: 舟山 "预计完成工业投资510亿元" against its 500 亿元 target; estimates are carried up and a
    /// revision without the flag makes the figure final.
    @Test func zhoushansEstimateAgainstItsTarget() async throws {
        try await withServer { server in
            let city = try await server.client(office: "330900", role: .city)
            let ack = try await city.request(#"{"type":"submit","id":"z","key":"zs-2022-12","region":"330900","period":"2022-12","revision":1,"figures":[{"indicator":"industrial_investment","ytd":"510","estimate":true}]}"#)
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            #expect(try await city.request(#"{"type":"target","id":"t","region":"330900","year":2022,"indicator":"industrial_investment","ytd":"500"}"#).type == "target_set")
            var figure = try await city.request(query("330900", "2022-12", indicator: "industrial_investment")).figure("330900", "industrial_investment")
            #expect(figure?["estimate"] == .bool(true) && figure?["value"]?.string == "510")
            #expect(figure?["target"]?["progress"]?.string == "102.0" && figure?["target"]?["time_progress"]?.string == "100.0")
            #expect(figure?["target"]?["light"]?.string == "green")

            // A district's estimate makes the province's sum an estimate too.
            let dinghai = try await server.client(office: "330902")
            _ = try await dinghai.request(#"{"type":"submit","id":"d","key":"dh-2022-12","region":"330902","period":"2022-12","revision":1,"figures":[{"indicator":"exports","ytd":"80.1","estimate":true}]}"#)
            let province = try await server.client(office: "330000", role: .province)
            figure = try await province.request(query("330000", "2022-12", indicator: "exports")).figure("330000", "exports")
            #expect(figure?["estimate"] == .bool(true) && figure?["value"]?.string == "80.1", "\(String(describing: figure))")
            _ = try await dinghai.request(submitLine("dh-2022-12-r2", "330902", "2022-12", revision: 2, [("exports", ["ytd": "80.3"])]))
            figure = try await province.request(query("330000", "2022-12", indicator: "exports")).figure("330000", "exports")
            #expect(figure?["estimate"] == .bool(false) && figure?["value"]?.string == "80.3")
            #expect(try server.sql("SELECT estimate::text FROM figures WHERE region = '330902'") == [["false"]])
        }
    }

    /// Seed: 定海 "规上制造业突破580亿产值，占规上工业比重达60%以上".
    @Test func dinghaisLevelAndShareTargets() async throws {
        try await withServer { server in
            let city = try await server.client(office: "330900", role: .city)
            let set = try await city.request(#"{"type":"target","id":"t","region":"330902","year":2022,"indicator":"mfg_output","ytd":"580","share":"60","of":"ind_output"}"#)
            #expect(set.type == "target_set" && set["share"]?.string == "60" && set["of"]?.string == "ind_output", "\(set)")
            #expect(try await city.request(#"{"type":"target","id":"u","region":"330902","year":2022,"indicator":"mfg_output","share":"60","of":"no_such"}"#).code == "unknown_indicator")
            let dinghai = try await server.client(office: "330902")
            let ack = try await dinghai.request(submitLine("dh", "330902", "2022-12", [("mfg_output", ["ytd": "580.5"]), ("ind_output", ["ytd": "950.0"])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            let target = try await dinghai.request(query("330902", "2022-12", indicator: "mfg_output")).figure("330902", "mfg_output")?["target"]
            #expect(target?["ytd"]?.string == "580" && target?["progress"]?.string == "100.1" && target?["light"]?.string == "green")
            #expect(target?["share"]?.string == "60" && target?["actual"]?.string == "61.1" && target?["share_light"]?.string == "green", "\(String(describing: target))")
            // A part above its whole is refused: 规上制造业产值 ≤ 规上工业总产值.
            let bad = try await dinghai.request(submitLine("dh2", "330902", "2022-11", [("mfg_output", ["ytd": "960"]), ("ind_output", ["ytd": "950"])]))
            #expect(bad.code == "validation_failed", "\(bad)")
        }
    }

    @Test func aStockTargetIsAnEndOfYearLevel() async throws {
        try await withServer { server in
            let city = try await server.client(office: "330900", role: .city)
            // "规上工业企业将突破500家": in June, 480 firms are 96 % of it, yellow, whatever the month.
            _ = try await city.request(#"{"type":"target","id":"t","region":"330900","year":2022,"indicator":"above_scale_firms","ytd":"500"}"#)
            _ = try await city.request(submitLine("zs-firms", "330900", "2022-06", [("above_scale_firms", ["value": "480"])]))
            let target = try await city.request(query("330900", "2022-06", indicator: "above_scale_firms")).figure("330900", "above_scale_firms")?["target"]
            #expect(target?["progress"]?.string == "96.0" && target?["time_progress"] == .null && target?["light"]?.string == "yellow", "\(String(describing: target))")
        }
    }

    @Test func countsAreWholeNumbers() async throws {
        try await withServer { server in
            let dinghai = try await server.client(office: "330902")
            let refused = try await dinghai.request(submitLine("c", "330902", "2022-06", [("new_above_scale_firms", ["ytd": "3.5"])]))
            #expect(refused.code == "validation_failed" && refused["errors"]?.array.first?["code"]?.string == "not_integer", "\(refused)")
            #expect(try server.sql("SELECT count(*) FROM figures") == [["0"]])
            let accepted = try await dinghai.request(submitLine("c2", "330902", "2022-06", [("new_above_scale_firms", ["ytd": "3"])]))
            #expect(accepted["status"]?.string == "accepted")
        }
    }

    /// 单位工业增加值能耗 "下降12.4%…居全市第三位": smaller is better; a ratio given as its value alone
    /// is stored and shown but not consolidated.
    @Test func energyIntensityRanksTheLargestFallFirst() async throws {
        try await withServer { server in
            for (code, value, yoy) in [("330902", "0.41", "-5"), ("330903", "0.38", "-4.3"), ("330921", "0.52", "-12.4")] {
                let client = try await server.client(office: code)
                let ack = try await client.request(submitLine(code, code, "2022-10", [("energy_intensity", ["value": value, "yoy": yoy])]))
                #expect(ack["status"]?.string == "accepted", "\(ack)")
            }
            let daishan = try await server.client(office: "daishan", region: "330921")
            let rank = try await daishan.request(query("330921", "2022-10", indicator: "energy_intensity")).figure("330921", "energy_intensity")?["rank"]
            #expect(rank?["yoy"] == .number("1") && rank?["value"] == .number("3") && rank?["of"] == .number("3"), "\(String(describing: rank))")
            let city = try await server.client(office: "330900", role: .city)
            let aggregate = try await city.request(query("330900", "2022-10", indicator: "energy_intensity")).figure("330900", "energy_intensity")
            #expect(aggregate == nil || aggregate?["reported"] == .number("0"), "\(String(describing: aggregate))")
        }
    }

    @Test func monthOnMonthFromStoredYearToDate() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            for (month, ytd) in [(8, "810"), (9, "900")] {
                _ = try await linhai.request(submitLine("l\(month)", "331082", "2022-0\(month)", [("ind_output", ["ytd": ytd])]))
            }
            _ = try await linhai.request(submitLine("l10", "331082", "2022-10", [("ind_output", ["ytd": "1000", "month": "100"])]))
            let result = try await linhai.request(query("331082", "2022-10", indicator: "ind_output"))
            #expect(result.figure("331082", "ind_output")?["mom"]?.string == "11.1")  // 100 / 90 − 1
            let august = try await linhai.request(query("331082", "2022-08", indicator: "ind_output"))
            #expect(august.figure("331082", "ind_output")?["mom"] == .null)  // July unknown
        }
    }

    /// A development zone across districts reports and is ranked, but is neither in its city's sum nor
    /// expected by it; completeness does not wait for it.
    @Test func aFunctionalZoneOutsideTheSum() async throws {
        try await withServer { server in
            let admin = try await server.client(office: "admin", role: .admin)
            let county = try await server.client(office: "330902")
            #expect(try await county.request(#"{"type":"add_region","id":"r","code":"330951","name":"舟山经济开发区","parent":"330900","in_sum":false}"#).code == "forbidden")
            let added = try await admin.request(#"{"type":"add_region","id":"r","code":"330951","name":"舟山经济开发区","parent":"330900","in_sum":false}"#)
            #expect(added.type == "region_added" && added["region"]?["in_sum"] == .bool(false) && added["region"]?["level"]?.string == "county", "\(added)")

            let zone = try await server.client(office: "330951")
            #expect(try await zone.request(submitLine("z", "330951", "2022-10", [("ship_output", ["ytd": "50.0", "yoy": "30.0"])]))["status"]?.string == "accepted")
            #expect(try await county.request(submitLine("d", "330902", "2022-10", [("ship_output", ["ytd": "120.3", "yoy": "26.0"])]))["status"]?.string == "accepted")
            let city = try await server.client(office: "330900", role: .city)
            let aggregate = try await city.request(query("330900", "2022-10", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(aggregate?["value"]?.string == "120.3" && aggregate?["reported"] == .number("1") && aggregate?["expected"] == .number("4"), "\(String(describing: aggregate))")
            let rank = try await zone.request(query("330951", "2022-10", indicator: "ship_output")).figure("330951", "ship_output")?["rank"]
            #expect(rank?["of"] == .number("2") && rank?["yoy"] == .number("1"))
            let regions = try await city.request(#"{"type":"regions","id":"g","region":"330900"}"#)
            let listed = regions["regions"]?.array ?? []
            #expect(listed.map { $0["code"]?.string } == ["330900", "330902", "330903", "330921", "330922", "330951"])
            #expect(listed.last?["in_sum"] == .bool(false) && listed.first?["parent"]?.string == "330000")
            let completeness = try await city.request(#"{"type":"completeness","id":"c","region":"330900","period":"2022-10"}"#)
            #expect(completeness["children"]?.array.count == 4)
            // A county reads only its own region.
            let own = try await county.request(#"{"type":"regions","id":"g","region":"330900"}"#)
            #expect(own["regions"]?.array.map { $0["code"]?.string } == ["330902"])
        }
    }

    /// An indicator added at run time on one daemon is known to a second daemon on the same database
    /// within 5 seconds, without a restart.
    @Test func anIndicatorAddedAtRunTimeReachesASecondDaemon() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: conninfo) { first in
            try await withServer(conninfo: conninfo) { second in
                let admin = try await first.client(office: "admin", role: .admin)
                let county = try await second.client(office: "330902")
                let line = submitLine("n", "330902", "2022-10", [("software_it_revenue", ["ytd": "2.7", "yoy": "-7.44"])])
                #expect(try await county.request(line).code == "unknown_indicator")
                let added = try await admin.request(#"{"type":"add_indicator","id":"i","code":"software_it_revenue","name":"互联网及软件信息服务业主营业务收入","unit":"亿元","kind":"flow","part_of":"software_revenue"}"#)
                #expect(added.type == "indicator_added" && added["indicator"]?["part_of"]?.string == "software_revenue", "\(added)")
                #expect(try await admin.request(#"{"type":"add_indicator","id":"i","code":"ind_output","name":"x","unit":"亿元","kind":"flow"}"#)["errors"]?.array.first?["code"]?.string == "exists")
                let start = ContinuousClock.now
                var ack = try await county.request(line)
                while ack["status"]?.string != "accepted", ContinuousClock.now - start < .seconds(5) {
                    try await Task.sleep(for: .milliseconds(200))
                    ack = try await county.request(line)
                }
                #expect(ack["status"]?.string == "accepted", "\(ack)")
                let catalog = try await county.request(#"{"type":"catalog","id":"c"}"#)
                let entry = catalog["indicators"]?.array.first { $0["code"]?.string == "software_it_revenue" }
                #expect(entry?["name"]?.string == "互联网及软件信息服务业主营业务收入" && entry?["better"]?.string == "higher")
            }
        }
    }

    /// Issue 18: the seeds write 规上工业产值, the catalog 规上工业总产值. An alias (shipped, or added at
    /// run time by an admin) is in the catalog answer of every daemon within 5 s; a name another
    /// indicator bears is refused; a county may not add one.
    @Test func aliasesAreShippedAddedAtRunTimeAndNeverAmbiguous() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: conninfo) { first in
            try await withServer(conninfo: conninfo) { second in
                let admin = try await first.client(office: "admin", role: .admin)
                let county = try await second.client(office: "330902")
                func aliases(_ code: String) async throws -> [String] {
                    let catalog = try await county.request(#"{"type":"catalog","id":"c"}"#)
                    return (catalog["indicators"]?.array.first { $0["code"]?.string == code }?["aliases"]?.array ?? []).compactMap(\.string)
                }
                #expect(try await aliases("ind_output").contains("规上工业产值"))
                let added = try await admin.request(#"{"type":"add_alias","id":"a","indicator":"exports","alias":" 自营出口 "}"#)
                #expect(added["indicator"]?["aliases"]?.array.contains(.string("自营出口")) == true, "\(added)")
                let start = ContinuousClock.now
                while try await !aliases("exports").contains("自营出口"), ContinuousClock.now - start < .seconds(5) {
                    try await Task.sleep(for: .milliseconds(200))
                }
                #expect(try await aliases("exports").contains("自营出口"), "the second daemon knows it within 5 s")
                // Once only; never a name that means another indicator; never from a county.
                #expect(try await admin.request(#"{"type":"add_alias","id":"a","indicator":"exports","alias":"自营出口"}"#)["indicator"]?["aliases"]?.array.filter { $0 == .string("自营出口") }.count == 1)
                let taken = try await admin.request(#"{"type":"add_alias","id":"b","indicator":"exports","alias":"规上工业产值"}"#)
                #expect(taken.code == "bad_request" && taken["message"]?.string?.contains("ind_output") == true, "\(taken)")
                #expect(try await admin.request(#"{"type":"add_alias","id":"c","indicator":"nope","alias":"x"}"#).code == "unknown_indicator")
                #expect(try await county.request(#"{"type":"add_alias","id":"d","indicator":"exports","alias":"出口额"}"#).code == "forbidden")
                #expect(try first.sql("SELECT array_to_string(aliases, ',') FROM indicators WHERE code = 'exports'") == [["外贸出口,出口总额,自营出口"]])
            }
        }
    }

    @Test func theCatalogShipsTheSeedsIndicators() async throws {
        try await withServer { server in
            let county = try await server.client(office: "330902")
            let catalog = try await county.request(#"{"type":"catalog","id":"c"}"#)
            let byCode = Dictionary(uniqueKeysWithValues: (catalog["indicators"]?.array ?? []).compactMap { i in i["code"]?.string.map { ($0, i) } })
            #expect(byCode["ind_output"]?["name"]?.string == "规上工业总产值" && byCode["ind_output"]?["part_of"] == .null)
            #expect(byCode["ship_output"]?["part_of"]?.string == "ind_output")
            #expect(byCode["energy_intensity"]?["better"]?.string == "lower")
            #expect(byCode["below_scale_value_added"]?["frequency"]?.string == "quarterly")
            #expect(byCode["zero_land_tech_investment"]?["part_of"]?.string == "tech_investment")
            #expect(byCode.count >= 34)
            #expect(try await county.request(#"{"type":"query","id":"q","region":"330902","period":"2022-10","indicator":"nope"}"#).code == "unknown_indicator")
            #expect(try await county.request(#"{"type":"subscribe","id":"s","region":"330902","indicator":"nope"}"#).code == "unknown_indicator")
            // The fixed codes cannot be changed or removed, even in the database.
            #expect(throws: (any Error).self) { try server.execute("DELETE FROM indicators WHERE code = 'exports'") }
        }
    }

    @Test func aSubscriptionToOneIndicator() async throws {
        try await withServer { server in
            let city = try await server.client(office: "330900", role: .city)
            _ = try await city.request(#"{"type":"subscribe","id":"w","region":"330900","indicator":"exports"}"#)
            let dinghai = try await server.client(office: "330902")
            _ = try await dinghai.request(submitLine("d", "330902", "2022-10", [("ship_output", ["ytd": "120.3"]), ("exports", ["ytd": "80.1"])]))
            let events = try await city.events(2)  // Dinghai's and Zhoushan's exports; no ship_output
            #expect(events.map { $0["indicator"]?.string } == ["exports", "exports"], "\(events)")
            _ = try await dinghai.request(submitLine("d2", "330902", "2022-11", [("ship_output", ["ytd": "130.3"])]))
            _ = try await dinghai.request(submitLine("d3", "330902", "2022-11", revision: 2, [("exports", ["ytd": "88.1"])]))
            let next = try await city.events(2)
            #expect(next.map { $0["indicator"]?.string } == ["exports", "exports"] && next.allSatisfy { $0["period"]?.string == "2022-11" }, "\(next)")
        }
    }
}
