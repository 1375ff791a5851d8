import Foundation
import HuizongCore
import HuizongProtocol
import Testing

private func review(_ region: String, _ period: String, _ action: String, note: String? = nil) -> String {
    let n = note.map { #","note":"\#($0)""# } ?? ""
    return #"{"type":"review","id":"v","region":"\#(region)","period":"\#(period)","action":"\#(action)"\#(n)}"#
}

/// Review of a month (审核, PROTOCOL.md v1.2): Zhoushan (330900) reviews Dinghai (330902).
@Suite(.timeLimit(.minutes(2))) struct ReviewTests {
    @Test func approveRefusesSubmissionsUntilReturnedAndAResubmissionMakesItSubmittedAgain() async throws {
        try await withServer { server in
            let dinghai = try await server.client(office: "330902")
            let zhoushan = try await server.client(office: "330900", role: .city)
            #expect(try await zhoushan.request(review("330902", "2023-11", "approve")).code == "nothing_to_review")
            #expect(try await dinghai.request(submitLine("d1", "330902", "2023-11", [("exports", ["ytd": "12.50"])]))["status"]?.string == "accepted")
            let submitted = try await zhoushan.request(query("330902", "2023-11", indicator: "exports")).figure("330902", "exports")
            #expect(submitted?["review"]?["state"]?.string == "submitted" && submitted?["review"]?["by"] == .null, "\(String(describing: submitted))")

            let approved = try await zhoushan.request(review("330902", "2023-11", "approve"))
            #expect(approved.type == "reviewed" && approved["state"]?.string == "approved" && approved["by"]?.string == "330900", "\(approved)")
            #expect(approved["changed"] == .bool(true) && approved["note"] == .null && approved["at"]?.string?.hasSuffix("+08:00") == true)
            #expect(try await zhoushan.request(review("330902", "2023-11", "approve"))["changed"] == .bool(false))

            // Approved: refused, dry runs too, naming the approving office; other months are not.
            let refused = try await dinghai.request(submitLine("d2", "330902", "2023-11", revision: 2, [("exports", ["ytd": "12.60"])]))
            #expect(refused.code == "period_approved" && refused["errors"]?.array.first?["path"]?.string == "period", "\(refused)")
            #expect(refused["message"]?.string?.contains("330900") == true)
            let dry = try await dinghai.request(submitLine("d3", "330902", "2023-11", revision: 2, dryRun: true, [("exports", ["ytd": "12.60"])]))
            #expect(dry.code == "period_approved")
            #expect(try await dinghai.request(submitLine("d4", "330902", "2023-10", [("exports", ["ytd": "11"])]))["status"]?.string == "accepted")
            // A lock is reported before the approval.
            _ = try await zhoushan.request(#"{"type":"lock","id":"l","region":"330900","period":"2023-11"}"#)
            #expect(try await dinghai.request(submitLine("d5", "330902", "2023-11", revision: 2, [("exports", ["ytd": "12.60"])])).code == "period_locked")
            _ = try await zhoushan.request(#"{"type":"unlock","id":"u","region":"330900","period":"2023-11"}"#)

            let city = try await zhoushan.request(query("330900", "2023-11", indicator: "exports")).figure("330900", "exports")
            #expect(city?["approved"] == .number("1"), "\(String(describing: city))")
            let seen = try await dinghai.request(query("330902", "2023-11", indicator: "exports")).figure("330902", "exports")
            #expect(seen?["review"]?["state"]?.string == "approved" && seen?["review"]?["by"]?.string == "330900")

            // Return: a note is required; then the month is returned, and a new revision submitted.
            #expect(try await zhoushan.request(review("330902", "2023-11", "return")).code == "bad_request")
            #expect(try await zhoushan.request(review("330902", "2023-11", "return", note: "  ")).code == "bad_request")
            let returned = try await zhoushan.request(review("330902", "2023-11", "return", note: "出口数与海关不符，请核实"))
            #expect(returned["state"]?.string == "returned" && returned["note"]?.string == "出口数与海关不符，请核实" && returned["changed"] == .bool(true))
            let back = try await dinghai.request(query("330902", "2023-11", indicator: "exports")).figure("330902", "exports")
            #expect(back?["review"]?["state"]?.string == "returned" && back?["review"]?["note"]?.string == "出口数与海关不符，请核实")
            #expect(try await zhoushan.request(query("330900", "2023-11", indicator: "exports")).figure("330900", "exports")?["approved"] == .number("0"))
            #expect(try await dinghai.request(submitLine("d6", "330902", "2023-11", revision: 2, [("exports", ["ytd": "12.60"])]))["status"]?.string == "accepted")
            let again = try await dinghai.request(query("330902", "2023-11", indicator: "exports")).figure("330902", "exports")
            #expect(again?["review"]?["state"]?.string == "submitted", "\(String(describing: again))")

            // The history, oldest first, for the city and everything under it.
            let list = try await zhoushan.request(#"{"type":"reviews","id":"h","region":"330900","period":"2023-11"}"#)
            #expect(list["reviews"]?.array.map { $0["action"]?.string ?? "" } == ["approve", "return"], "\(list)")
            #expect(list["reviews"]?.array.last?["note"]?.string == "出口数与海关不符，请核实")
            #expect(list["reviews"]?.array.first?["region"]?.string == "330902" && list["reviews"]?.array.first?["by"]?.string == "330900")
            #expect(try server.sql("SELECT action, office, revision FROM reviews ORDER BY id") == [["approve", "330900", "1"], ["return", "330900", "1"]])
        }
    }

    @Test func onlyAnOfficeAboveTheRegionReviews() async throws {
        try await withServer { server in
            let dinghai = try await server.client(office: "330902")
            _ = try await dinghai.request(submitLine("d1", "330902", "2023-11", [("exports", ["ytd": "12.5"])]))
            let zhoushan = try await server.client(office: "330900", role: .city)
            _ = try await zhoushan.request(submitLine("z1", "330900", "2023-11", [("exports", ["ytd": "40"])]))
            let taizhou = try await server.client(office: "331000", role: .city)
            let zhejiang = try await server.client(office: "330000", role: .province)
            let jiangsu = try await server.client(office: "320000", role: .province)
            let admin = try await server.client(office: "root", role: .admin)
            #expect(try await dinghai.request(review("330902", "2023-11", "approve")).code == "forbidden")   // a county
            #expect(try await zhoushan.request(review("330900", "2023-11", "approve")).code == "forbidden")  // its own region
            #expect(try await taizhou.request(review("330902", "2023-11", "approve")).code == "forbidden")   // another city
            #expect(try await jiangsu.request(review("330902", "2023-11", "approve")).code == "forbidden")   // another province
            #expect(try await dinghai.request(review("999999", "2023-11", "approve")).code == "unknown_region")
            #expect(try await zhejiang.request(review("330900", "2023-11", "approve"))["state"]?.string == "approved")
            #expect(try await zhejiang.request(review("330902", "2023-11", "approve"))["state"]?.string == "approved")
            #expect(try await admin.request(review("330902", "2023-11", "return", note: "重报"))["state"]?.string == "returned")
            // Reading the history needs read authority.
            #expect(try await taizhou.request(#"{"type":"reviews","id":"h","region":"330900","period":"2023-11"}"#).code == "forbidden")
            #expect(try await dinghai.request(#"{"type":"reviews","id":"h","region":"330902","period":"2023-11"}"#)["reviews"]?.array.count == 2)
            #expect(try server.sql("SELECT count(*) FROM reviews") == [["3"]])
        }
    }

    @Test func aReviewIsBroadcastAndCompletenessCountsTheApproved() async throws {
        try await withServer { server in
            let dinghai = try await server.client(office: "330902")
            let putuo = try await server.client(office: "330903")
            let zhoushan = try await server.client(office: "330900", role: .city)
            _ = try await dinghai.request(submitLine("d1", "330902", "2023-11", [("exports", ["ytd": "12.5"])]))
            _ = try await putuo.request(submitLine("p1", "330903", "2023-11", [("exports", ["ytd": "7.5"])]))
            let watcher = try await server.client(office: "330000", role: .province)
            _ = try await watcher.request(#"{"type":"subscribe","id":"w","region":"330000"}"#)
            _ = try await zhoushan.request(review("330902", "2023-11", "approve"))
            // Dinghai's figure, then Zhoushan's and Zhejiang's: each object says what changed.
            let events = try await watcher.events(3)
            #expect(events.map { $0["region"]?.string } == ["330902", "330900", "330000"], "\(events)")
            #expect(events[0]["review"]?["state"]?.string == "approved" && events[1]["approved"] == .number("1"))
            #expect(events[2]["approved"] == .number("0") && events[1]["review"]?["state"]?.string == "none")
            let c = try await zhoushan.request(#"{"type":"completeness","id":"c","region":"330900","period":"2023-11"}"#)
            #expect(c["approved"] == .number("1"), "\(c)")
            let children = Dictionary(uniqueKeysWithValues: (c["children"]?.array ?? []).map { ($0["region"]?.string ?? "", $0["review"]?.string ?? "") })
            #expect(children["330902"] == "approved" && children["330903"] == "submitted" && children["330921"] == "none")

            // By indicator (v1.2): each child by the first submission that listed it. 普陀 lists
            // 技改投资 only in its second revision: reported by that one, later than its first.
            let byExports = try await zhoushan.request(#"{"type":"completeness","id":"c","region":"330900","period":"2023-11","indicator":"exports"}"#)
            #expect(byExports["indicator"]?.string == "exports" && byExports["missing"] == .number("2"), "\(byExports)")
            let tech = #"{"type":"completeness","id":"c","region":"330900","period":"2023-11","indicator":"tech_investment"}"#
            #expect(try await zhoushan.request(tech)["missing"] == .number("4"))
            try await Task.sleep(for: .milliseconds(1100))  // a later second than the first submission's
            #expect(try await putuo.request(submitLine("p2", "330903", "2023-11", revision: 2, [("tech_investment", ["ytd": "3.5"])]))["status"]?.string == "accepted")
            let byTech = try await zhoushan.request(tech)
            let putuoByTech = byTech["children"]?.array.first { $0["region"]?.string == "330903" }
            let putuoOverall = c["children"]?.array.first { $0["region"]?.string == "330903" }
            #expect(byTech["missing"] == .number("3") && putuoByTech?["status"]?.string == "late", "\(byTech)")
            #expect((putuoByTech?["received_at"]?.string ?? "") > (putuoOverall?["received_at"]?.string ?? "~"), "\(byTech) vs \(c)")
            #expect(try await zhoushan.request(#"{"type":"completeness","id":"c","region":"330900","period":"2023-11","indicator":"nope"}"#).code == "unknown_indicator")
        }
    }

    @Test func aReviewOnOneDaemonIsEnforcedByTheOther() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: conninfo) { a in
            try await withServer(conninfo: conninfo) { b in
                let onB = try await b.client(office: "330902")
                #expect(try await onB.request(submitLine("d1", "330902", "2023-11", [("exports", ["ytd": "12.5"])]))["status"]?.string == "accepted")
                let zhoushan = try await a.client(office: "330900", role: .city)
                #expect(try await zhoushan.request(review("330902", "2023-11", "approve"))["state"]?.string == "approved")
                // b's state of the province is stale: its next write is refused by the version, re-read, refused.
                let refused = try await onB.request(submitLine("d2", "330902", "2023-11", revision: 2, [("exports", ["ytd": "12.6"])]))
                #expect(refused.code == "period_approved", "\(refused)")
            }
        }
    }
}

/// The v1.2 commands from the command line, the real `huizong` executable against a real daemon.
@Suite(.timeLimit(.minutes(3))) struct ReviewCommandTests {
    @Test func theCityBureauReviewsAndSetsBoundsFromTheCommandLine() async throws {
        try await withServer { server in
            let dinghai = try await server.client(office: "330902")
            _ = try await dinghai.request(submitLine("d1", "330902", "2023-11", [("ship_output", ["ytd": "120.31"])]))
            let dir = try TempDirectory()
            try Data(try server.addOffice("zhoushan-bureau", role: .city, region: "330900").utf8).write(to: dir.url("token"))
            let connect = ["--socket", server.socketPath, "--office", "zhoushan-bureau", "--token-file", dir.path("token")]

            let (noNote, noNoteOut) = try await runCLI(["review", "return", "330902", "2023-11"] + connect)
            #expect(noNote != 0 && noNoteOut.contains("--note"), "\(noNoteOut)")
            let (returned, returnedOut) = try await runCLI(["review", "return", "330902", "2023-11", "--note", "请核实"] + connect)
            #expect(returned == 0 && returnedOut.contains("已退回") && returnedOut.contains("请核实"), "\(returnedOut)")
            let (approved, approvedOut) = try await runCLI(["review", "approve", "330902", "2023-11"] + connect)
            #expect(approved == 0 && approvedOut.contains("已审核"), "\(approvedOut)")
            let (listed, list) = try await runCLI(["reviews", "330900", "2023-11"] + connect)
            #expect(listed == 0 && list.contains("return") && list.contains("approve") && list.contains("zhoushan-bureau"), "\(list)")
            let (queried, table) = try await runCLI(["query", "330902", "2023-11", "--indicator", "ship_output"] + connect)
            #expect(queried == 0 && table.contains("已审核"), "\(table)")
            let (complete, completeOut) = try await runCLI(["completeness", "330900", "2023-11"] + connect)
            #expect(complete == 0 && completeOut.contains("1 approved") && completeOut.contains("已审核"), "\(completeOut)")

            let (bounded, boundsOut) = try await runCLI(["bounds", "330903", "ship_output", "--field", "ytd", "--max", "50"] + connect)
            #expect(bounded == 0 && boundsOut.contains("[-∞, 50]"), "\(boundsOut)")
            let putuo = try await server.client(office: "330903")
            _ = try await putuo.request(submitLine("p1", "330903", "2023-11", [("ship_output", ["ytd": "101.24"])]))
            let (flagged, flaggedOut) = try await runCLI(["outliers", "330900", "2023-11"] + connect)
            #expect(flagged == 0 && flaggedOut.contains("超出范围") && flaggedOut.contains("101.24"), "\(flaggedOut)")
        }
    }
}
