import Foundation
import HuizongClient
import HuizongProtocol
import Testing

/// The city bureau's commands, the real `huizong` executable against a real daemon: Zhoushan's
/// districts report 规上船舶工业产值, the city's own 310 disagrees with their 298.45, and the bureau
/// finds, resolves, targets, locks and reads it from the command line.
@Suite(.timeLimit(.minutes(3))) struct ReadCommandTests {
    @Test func theCityBureauWorksAMonthFromTheCommandLine() async throws {
        try await withServer { server in
            var districts: [String: TestClient] = [:]
            for (code, ytd, yoy) in zhoushanDistricts {
                let client = try await server.client(office: code)
                districts[code] = client
                let ack = try await client.request(submitLine("\(code)-2023-11", code, "2023-11", [("ship_output", ["ytd": ytd, "yoy": yoy])]))
                #expect(ack["status"]?.string == "accepted", "\(ack)")
            }
            let city = try await server.client(office: "330900", role: .city)
            _ = try await city.request(submitLine("330900-2023-11", "330900", "2023-11", [("ship_output", ["ytd": "310", "yoy": "27.0"])]))

            let dir = try TempDirectory()
            try Data(try server.addOffice("zhoushan-bureau", role: .city, region: "330900").utf8).write(to: dir.url("token"))
            let connect = ["--socket", server.socketPath, "--office", "zhoushan-bureau", "--token-file", dir.path("token")]

            let (listed, conflicts) = try await runCLI(["conflicts", "330900", "2023-11"] + connect)
            #expect(listed == 0 && conflicts.contains("ship_output") && conflicts.contains("310") && conflicts.contains("298.45") && conflicts.contains("open"), "\(conflicts)")
            let (_, json) = try await runCLI(["conflicts", "330900", "2023-11", "--json"] + connect)
            let answer = try JSONParser.parse(Array(json.split(separator: "\n")[0].utf8))
            let id = try #require(answer["conflicts"]?[0]?["id"]?.string, "\(json)")

            let (bad, badOut) = try await runCLI(["resolve", id] + connect)
            #expect(bad != 0 && badOut.contains("--accept-own"), "\(badOut)")
            let (resolved, resolvedOut) = try await runCLI(["resolve", id, "--accept-sum", "--note", "以区县合计为准"] + connect)
            #expect(resolved == 0 && resolvedOut.contains("298.45") && resolvedOut.contains("resolved"), "\(resolvedOut)")

            let (targeted, targetOut) = try await runCLI(["target", "330900", "2023", "ship_output", "--ytd", "320"] + connect)
            #expect(targeted == 0, "\(targetOut)")
            let (queried, table) = try await runCLI(["query", "330900", "2023-11", "--children", "--indicator", "ship_output"] + connect)
            #expect(queried == 0, "\(table)")
            let lines = table.split(separator: "\n")
            #expect(lines.first?.hasPrefix("region") == true && lines.count == 6, "\(table)")
            // Names where people read them, not codes.
            let zhoushan = try #require(lines.first { $0.hasPrefix("舟山市") }, "\(table)")
            #expect(zhoushan.contains("规上船舶工业产值") && zhoushan.contains("298.45") && zhoushan.contains("resolved")
                    && zhoushan.contains("4/4") && zhoushan.contains("93.3") && zhoushan.contains("绿"), "\(zhoushan)")
            #expect(lines.contains { $0.hasPrefix("定海区") && $0.contains("120.31") && $0.contains("1/4") }, "\(table)")

            let (locked, lockOut) = try await runCLI(["lock", "330900", "2023-11"] + connect)
            #expect(locked == 0 && lockOut.contains("locked"), "\(lockOut)")
            let refused = try await districts["330902"]!.request(submitLine("330902-2023-11-r2", "330902", "2023-11", revision: 2, [("ship_output", ["ytd": "121"])]))
            #expect(refused.code == "period_locked", "\(refused)")
            let (again, againOut) = try await runCLI(["lock", "330900", "2023-11"] + connect)
            #expect(again == 0 && againOut.contains("already"), "\(againOut)")
            #expect(try await runCLI(["unlock", "330900", "2023-11"] + connect).0 == 0)

            let (complete, completeOut) = try await runCLI(["completeness", "330900", "2023-11"] + connect)
            #expect(complete == 0 && completeOut.contains("定海区") && completeOut.split(separator: "\n").count == 6, "\(completeOut)")

            // The month as a page: the city's figures, each district ranked, the resolved conflict,
            // the chart; self-contained (no script, nothing fetched).
            let page = dir.path("舟山.html")
            let book = dir.path("舟山.xlsx")
            let (reported, reportOut) = try await runCLI(["report", "330900", "2023-11", "--html", page, "--xlsx", book] + connect)
            #expect(reported == 0, "\(reportOut)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            for expected in ["<title>舟山市 2023年1-11月 经济和信息化主要指标完成情况</title>", "<td class=\"l\">规上船舶工业产值</td>",
                             "<td>298.45</td>", "已裁定", "<span class=\"light green\">绿</span>", "<td class=\"l\">定海区</td><td>120.31</td><td>1</td>",
                             "<svg", ">120.31</text>", "四、待核冲突</h2>\n<p class=\"none\">无。</p>",
                             "<th>与上级增速差</th>", "<td class=\"l\">待审核</td>", "六、数据质量：异常值与超出范围</h2>\n<p class=\"none\">无。</p>"] {
                #expect(html.contains(expected), "\(expected) not in \(html)")
            }
            #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
            // The same sections as a workbook, the numbers as numbers.
            let workbook = try #require(FileManager.default.contents(atPath: book))
            #expect(try XLSX.sheetNames(Array(workbook)) == ["主要指标", "各地完成情况", "待核冲突", "报送情况", "数据质量"])
            let ranked = try XLSX.read(Array(workbook), sheet: "各地完成情况")
            #expect(ranked.contains { $0.count > 2 && $0[1] == "定海区" && $0[2] == "120.31" && $0.contains("待审核") }, "\(ranked)")

            // A county office may not read its city: the daemon's refusal, exit status 1.
            try Data(try server.addOffice("putuo-clerk", role: .county, region: "330903").utf8).write(to: dir.url("county"))
            let (forbidden, forbiddenOut) = try await runCLI(["query", "330900", "2023-11", "--socket", server.socketPath,
                                                             "--office", "putuo-clerk", "--token-file", dir.path("county")])
            #expect(forbidden == 1 && forbiddenOut.contains("forbidden"), "\(forbiddenOut)")
        }
    }
}
