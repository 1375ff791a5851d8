import HuizongCore
import HuizongProtocol
import Testing

/// A submit line. Figures are (indicator, [field: value]) with values sent as JSON strings.
func submitLine(_ key: String, _ region: String, _ period: String, revision: Int = 1, dryRun: Bool = false,
                _ figures: [(String, KeyValuePairs<String, String>)]) -> String {
    let list = figures.map { indicator, fields in
        #"{"indicator":"\#(indicator)""# + fields.map { #","\#($0.key)":"\#($0.value)""# }.joined() + "}"
    }.joined(separator: ",")
    let dry = dryRun ? #","dry_run":true"# : ""
    return #"{"type":"submit","id":"\#(key)","key":"\#(key)","region":"\#(region)","period":"\#(period)","revision":\#(revision)\#(dry),"figures":[\#(list)]}"#
}

func query(_ region: String, _ period: String, indicator: String? = nil, children: Bool = false) -> String {
    let ind = indicator.map { #","indicator":"\#($0)""# } ?? ""
    return #"{"type":"query","id":"q","region":"\#(region)","period":"\#(period)"\#(ind),"children":\#(children)}"#
}

extension JSON {
    /// The figure of `region` in a result.
    func figure(_ region: String, _ indicator: String) -> JSON? {
        self["figures"]?.array.first { $0["region"]?.string == region && $0["indicator"]?.string == indicator }
    }
}

/// Zhoushan (330900) and its four districts, 规上船舶工业产值 1-11月 2023: the city reported 298.5 亿元,
/// +27.0 % (seed 001). The district figures are made up to agree within rounding: 298.45 亿元, and
/// growth from implied prior-year levels 27.002 %.
let zhoushanDistricts: [(String, String, String)] = [
    ("330902", "120.31", "26.0"), ("330903", "101.24", "28.0"), ("330921", "60.02", "27.5"), ("330922", "16.88", "26.5"),
]

@Suite(.timeLimit(.minutes(2))) struct ReconciliationTests {
    @discardableResult
    func reportDistricts(_ server: TestServer, _ districts: [(String, String, String)] = zhoushanDistricts) async throws -> [String: TestClient] {
        var clients: [String: TestClient] = [:]
        for (code, ytd, yoy) in districts {
            let client = try await server.client(office: code)
            let ack = try await client.request(submitLine("\(code)-2023-11", code, "2023-11", [("ship_output", ["ytd": ytd, "yoy": yoy])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            clients[code] = client
        }
        return clients
    }

    @Test func zhoushanShipOutputConsolidatesWithinRounding() async throws {
        try await withServer { server in
            try await reportDistricts(server, Array(zhoushanDistricts.prefix(2)))
            let city = try await server.client(office: "330900", role: .city)
            let partial = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(partial?["status"]?.string == "partial")
            #expect(partial?["reported"] == .number("2") && partial?["expected"] == .number("4"))
            #expect(partial?["value"]?.string == "221.55" && partial?["own"] == .null)

            try await reportDistricts(server, Array(zhoushanDistricts.dropFirst(2)))
            let ack = try await city.request(submitLine("330900-2023-11", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "27.0"])]))
            #expect(ack["status"]?.string == "accepted" && ack["warnings"]?.array.isEmpty == true, "\(ack)")

            let result = try await city.request(query("330900", "2023-11", indicator: "ship_output", children: true))
            let z = result.figure("330900", "ship_output")
            #expect(z?["value"]?.string == "298.5")
            #expect(z?["own"]?.string == "298.5")
            #expect(z?["sum"]?.string == "298.45")
            #expect(z?["status"]?.string == "complete")
            #expect(z?["reported"] == .number("4") && z?["expected"] == .number("4"))
            #expect(z?["conflict"] == .null)
            #expect(z?["yoy"]?.string == "27.0")
            #expect(result["figures"]?.array.count == 5)
            #expect(result.figure("330902", "ship_output")?["value"]?.string == "120.31")

            // The province adds up the city as the city reported it (one of its 11 cities).
            let zhejiang = try await server.client(office: "330000", role: .province)
            let province = try await zhejiang.request(query("330000", "2023-11", indicator: "ship_output")).figure("330000", "ship_output")
            #expect(province?["value"]?.string == "298.5")
            #expect(province?["status"]?.string == "partial")
            #expect(province?["reported"] == .number("1"))
        }
    }

    @Test func aConflictIsOpenedSeenResolvedAuditedAndClosedByARevision() async throws {
        try await withServer { server in
            var districts = zhoushanDistricts
            districts[3].1 = "10.88"  // six short: the sum is 292.45
            let counties = try await reportDistricts(server, districts)
            let city = try await server.client(office: "330900", role: .city)
            // A dry run rehearses the reconciliation and says what would happen, storing nothing.
            let rehearsal = try await city.request(submitLine("330900-2023-11", "330900", "2023-11", dryRun: true,
                                                              [("ship_output", ["ytd": "298.5", "yoy": "27.0"])]))
            #expect(rehearsal["status"]?.string == "valid")
            #expect(rehearsal["warnings"]?.array.map { $0["code"]?.string } == ["conflict_opened"], "\(rehearsal)")
            #expect(try server.sql("SELECT count(*) FROM conflicts") == [["0"]])
            #expect(try server.sql("SELECT own FROM aggregates WHERE region = '330900'") == [[nil]])

            let ack = try await city.request(submitLine("330900-2023-11", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "27.0"])]))
            #expect(ack["status"]?.string == "accepted")
            #expect(ack["warnings"]?.array.map { $0["code"]?.string } == ["conflict_opened"], "\(ack)")

            let disputed = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(disputed?["status"]?.string == "disputed")
            #expect(disputed?["value"]?.string == "298.5")
            let conflictID = try #require(disputed?["conflict"]?.string)

            let listed = try await city.request(#"{"type":"conflicts","id":"c1","region":"330900","period":"2023-11"}"#)
            #expect(listed.type == "conflicts" && listed["id"]?.string == "c1")
            let conflict = try #require(listed["conflicts"]?.array.first)
            #expect(conflict["id"]?.string == conflictID)
            #expect(conflict["kind"]?.string == "level" && conflict["state"]?.string == "open")
            #expect(conflict["own"]?.string == "298.5" && conflict["sum"]?.string == "292.45")
            #expect(conflict["indicator"]?.string == "ship_output" && conflict["region"]?.string == "330900")
            #expect(conflict["children"]?.array.map { $0["value"]?.string } == ["120.31", "101.24", "60.02", "10.88"])

            // A county may not resolve; nor may a city outside; unknown ids are named as such.
            let dinghai = counties["330902"]!
            let resolveLine = #"{"type":"resolve","id":"r1","conflict":"\#(conflictID)","action":"accept_sum","note":"嵊泗县数据经核实无误"}"#
            #expect(try await dinghai.request(resolveLine).code == "forbidden")
            let taizhou = try await server.client(office: "331000", role: .city)
            #expect(try await taizhou.request(resolveLine).code == "forbidden")
            #expect(try await city.request(#"{"type":"resolve","id":"r0","conflict":"999999","action":"accept_sum"}"#).code == "unknown_conflict")
            #expect(try server.sql("SELECT state FROM conflicts") == [["open"]])

            let resolved = try await city.request(resolveLine)
            #expect(resolved.type == "resolved" && resolved["id"]?.string == "r1", "\(resolved)")
            #expect(resolved["value"]?.string == "292.45" && resolved["status"]?.string == "resolved")
            #expect(resolved["conflict"]?["resolved_by"]?.string == "330900")
            let after = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(after?["status"]?.string == "resolved" && after?["value"]?.string == "292.45")
            #expect(after?["own"]?.string == "298.5")  // the own figure is kept, never overwritten
            // The province follows the resolution.
            let zhejiang = try await server.client(office: "330000", role: .province)
            #expect(try await zhejiang.request(query("330000", "2023-11", indicator: "ship_output")).figure("330000", "ship_output")?["value"]?.string == "292.45")
            let audit = try server.sql("SELECT state, action, note, resolved_by, resolved_at IS NOT NULL FROM conflicts")
            #expect(audit == [["resolved", "accept_sum", "嵊泗县数据经核实无误", "330900", "t"]])

            // Shengsi revises: the sides agree again and the conflict closes by itself.
            let shengsi = counties["330922"]!
            let revision = try await shengsi.request(submitLine("330922-2023-11-r2", "330922", "2023-11", revision: 2,
                                                                [("ship_output", ["ytd": "16.88", "yoy": "26.5"])]))
            #expect(revision["status"]?.string == "accepted")
            let closed = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(closed?["status"]?.string == "complete" && closed?["value"]?.string == "298.5" && closed?["conflict"] == .null)
            #expect(try server.sql("SELECT state, closed_at IS NOT NULL FROM conflicts") == [["closed", "t"]])
            #expect(try await city.request(resolveLine).code == "conflict_closed")
            #expect(try await zhejiang.request(query("330000", "2023-11", indicator: "ship_output")).figure("330000", "ship_output")?["value"]?.string == "298.5")
        }
    }

    @Test func aCountysNoteIsShownToTheCity() async throws {
        try await withServer { server in
            let daishan = try await server.client(office: "330921")
            let ack = try await daishan.request(#"{"type":"submit","id":"n","key":"n1","region":"330921","period":"2023-11","revision":1,"figures":[{"indicator":"ship_output","ytd":"60.02","yoy":"127.5","note":"新增大型船企投产，增速属实"}]}"#)
            #expect(ack["status"]?.string == "accepted")
            #expect(ack["warnings"]?.array.map { $0["code"]?.string } == ["growth_out_of_range"])
            let city = try await server.client(office: "330900", role: .city)
            let result = try await city.request(query("330900", "2023-11", indicator: "ship_output", children: true))
            #expect(result.figure("330921", "ship_output")?["note"]?.string == "新增大型船企投产，增速属实")
        }
    }

    @Test func aGrowthConflictOpensWhenTheCitysGrowthCannotComeFromItsDistricts() async throws {
        try await withServer { server in
            try await reportDistricts(server)
            let city = try await server.client(office: "330900", role: .city)
            _ = try await city.request(submitLine("330900-2023-11", "330900", "2023-11", [("ship_output", ["ytd": "298.5", "yoy": "35.0"])]))
            let z = try await city.request(query("330900", "2023-11", indicator: "ship_output")).figure("330900", "ship_output")
            #expect(z?["status"]?.string == "disputed")
            let list = try await city.request(#"{"type":"conflicts","id":"c","region":"330900"}"#)["conflicts"]?.array ?? []
            #expect(list.map { $0["kind"]?.string } == ["growth"])
            #expect(list.first?["own"]?.string == "35.0")
        }
    }

    @Test func theProvinceIsRightAtEveryLevelAndExact() async throws {
        try await withServer { server in
            // 0.1 + 0.2 in Zhoushan, 0.3 in Taizhou: no binary floating point anywhere.
            for (code, ytd) in [("330902", "0.1"), ("330903", "0.2"), ("331082", "0.3")] {
                let c = try await server.client(office: code)
                #expect(try await c.request(submitLine(code, code, "2023-11", [("exports", ["ytd": ytd])]))["status"]?.string == "accepted")
            }
            let admin = try await server.client(office: "root", role: .admin)
            let result = try await admin.request(query("330000", "2023-11", indicator: "exports", children: true))
            #expect(result.figure("330900", "exports")?["value"]?.string == "0.3")
            #expect(result.figure("331000", "exports")?["value"]?.string == "0.3")
            #expect(result.figure("330000", "exports")?["value"]?.string == "0.6")
            #expect(result.figure("330000", "exports")?["reported"] == .number("2"))
            #expect(try server.sql("SELECT sum::text FROM aggregates WHERE region = '330900'") == [["0.3"]])
        }
    }

    @Test func ratiosConsolidateAsSumOfNumeratorsOverSumOfDenominators() async throws {
        try await withServer { server in
            // Linhai's 亩均税收 48.3 万元/亩 = 96600 / 2000; Wenling 20 = 30000 / 1500.
            for (code, num, den) in [("331082", "96600", "2000"), ("331081", "30000", "1500")] {
                let c = try await server.client(office: code)
                #expect(try await c.request(submitLine(code, code, "2023-11", [("tax_per_mu", ["num": num, "den": den])]))["status"]?.string == "accepted")
            }
            let city = try await server.client(office: "331000", role: .city)
            let result = try await city.request(query("331000", "2023-11", indicator: "tax_per_mu", children: true))
            #expect(result.figure("331082", "tax_per_mu")?["value"]?.string == "48.3")
            let taizhou = result.figure("331000", "tax_per_mu")
            #expect(taizhou?["value"]?.string == "36.1714")  // 126600 / 3500, not 48.3 + 20
            #expect(taizhou?["num"]?.string == "126600" && taizhou?["den"]?.string == "3500")
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct HistoryValidationTests {
    @Test func linhaisMonthsAreCheckedAgainstWhatIsStored() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let september = submitLine("331082-2022-09", "331082", "2022-09", [("ind_output", ["ytd": "870.2", "yoy": "8.1"])])
            #expect(try await linhai.request(september)["status"]?.string == "accepted")
            let wrongMonth = try await linhai.request(submitLine("331082-2022-10-bad", "331082", "2022-10",
                                                                 [("ind_output", ["ytd": "957.7", "month": "97.5"])]))
            #expect(wrongMonth.code == "validation_failed")
            #expect(wrongMonth["errors"]?.array.first?["path"]?.string == "figures[0].month")
            #expect(wrongMonth["errors"]?.array.first?["message"]?.string?.contains("规上工业总产值") == true)
            let falling = try await linhai.request(submitLine("331082-2022-10-fall", "331082", "2022-10", [("ind_output", ["ytd": "800"])]))
            #expect(falling.code == "validation_failed")
            #expect(falling["errors"]?.array.first?["code"]?.string == "ytd_decreasing")
            let ok = try await linhai.request(submitLine("331082-2022-10", "331082", "2022-10",
                                                         [("ind_output", ["ytd": "957.7", "month": "87.5", "yoy": "8.3"]),
                                                          ("ind_value_added", ["ytd": "218.64", "yoy": "5.2"])]))
            #expect(ok["status"]?.string == "accepted", "\(ok)")
            // Part above the stored whole.
            let ships = try await linhai.request(submitLine("331082-2022-10-ship", "331082", "2022-10", revision: 2,
                                                            [("ship_output", ["ytd": "960.0"])]))
            #expect(ships["errors"]?.array.map { $0["code"]?.string } == ["part_exceeds_whole"])
            #expect(try server.sql("SELECT count(*) FROM submissions") == [["2"]])
            let back = try await linhai.request(query("331082", "2022-10", indicator: "ind_value_added"))
            #expect(back.figure("331082", "ind_value_added")?["value"]?.string == "218.64")
        }
    }

    @Test func pipelinedMonthsAreCheckedAgainstEachOther() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            try await linhai.send(submitLine("m4", "331082", "2023-04", [("ind_output", ["ytd": "400.0"])]))
            try await linhai.send(submitLine("m5", "331082", "2023-05", [("ind_output", ["ytd": "390.0"])]))
            try await linhai.send(submitLine("m5b", "331082", "2023-05", [("ind_output", ["ytd": "480.0", "month": "80.0"])]))
            #expect(try await linhai.receive()["status"]?.string == "accepted")
            #expect(try await linhai.receive().code == "validation_failed")
            #expect(try await linhai.receive()["status"]?.string == "accepted")
        }
    }

    @Test func nominalGrowthDisagreeingWithLastYearIsAcceptedWithAWarning() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            _ = try await linhai.request(submitLine("2022", "331082", "2022-10", [("exports", ["ytd": "100.0"])]))
            let ack = try await linhai.request(submitLine("2023", "331082", "2023-10", [("exports", ["ytd": "105.0", "yoy": "15.0"])]))
            #expect(ack["status"]?.string == "accepted")
            #expect(ack["warnings"]?.array.map { $0["code"]?.string } == ["yoy_mismatch"])
        }
    }

    @Test func wanYuanIsStoredAsYiYuanAndDollarsAreRefused() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let ack = try await linhai.request(submitLine("wan", "331082", "2022-10", [("ind_value_added", ["ytd": "2186400", "unit": "万元"])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            #expect(try server.sql("SELECT ytd::text FROM figures") == [["218.6400"]])
            let usd = try await linhai.request(submitLine("usd", "331082", "2022-11", [("ind_value_added", ["ytd": "30", "unit": "亿美元"])]))
            #expect(usd["errors"]?.array.first?["code"]?.string == "unit_mismatch")
        }
    }

    @Test func dryRunAppliesTheHistoryRulesAndStoresNothing() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            _ = try await linhai.request(submitLine("sep", "331082", "2022-09", [("ind_output", ["ytd": "870.2"])]))
            let bad = try await linhai.request(submitLine("oct", "331082", "2022-10", dryRun: true, [("ind_output", ["ytd": "800"])]))
            #expect(bad.code == "validation_failed")
            let good = try await linhai.request(submitLine("oct", "331082", "2022-10", dryRun: true, [("ind_output", ["ytd": "957.7", "month": "87.5"])]))
            #expect(good["status"]?.string == "valid")
            #expect(try server.sql("SELECT count(*) FROM figures") == [["1"]])
        }
    }
}
