import Foundation
import HuizongCore
import HuizongProtocol
import Testing

/// Peer groups (PROTOCOL.md v1.2): 山区26县 across two cities (Wenzhou's 永嘉 330324 and 文成 330328,
/// Lishui's 青田 331121 and 遂昌 331123), ranked together with their gap to the group's growth.
@Suite(.timeLimit(.minutes(2))) struct PeerGroupTests {
    static let add = #"{"type":"add_group","id":"g","code":"zj_mountain26","name":"山区26县","members":["330324","330328","331121","331123"]}"#

    /// `huizong group add|list`, the CLI an administrator and a bureau use.
    @Test func theGroupCommandsAddAndList() async throws {
        try await withServer { server in
            let dir = try TempDirectory()
            let token = try server.addOffice("root", role: .admin)
            try Data(token.utf8).write(to: dir.url("token"))
            let connect = ["--socket", server.socketPath, "--office", "root", "--token-file", dir.path("token")]
            let (added, addOut) = try await runCLI(["group", "add", "zj_mountain26", "--name", "山区26县", "330324", "330328", "331121"] + connect)
            #expect(added == 0 && addOut.contains("3 members"), "\(addOut)")
            let (listed, table) = try await runCLI(["group", "list"] + connect)
            #expect(listed == 0 && table.contains("zj_mountain26") && table.contains("山区26县") && table.contains("330324、330328、331121"), "\(table)")
            let (mixed, mixedOut) = try await runCLI(["group", "add", "x", "--name", "混合", "330300", "330324"] + connect)
            #expect(mixed != 0 && mixedOut.contains("bad_request"), "\(mixedOut)")
            // query shows the place among the group beside the parent's rank.
            let csv = dir.path("永嘉.csv")
            try Data("地区,时期,指标,本年累计,同比增长\n330324,2023-11,ind_output,100,10\n330328,2023-11,ind_output,50,5\n".utf8)
                .write(to: URL(fileURLWithPath: csv))
            let (sent, sentOut) = try await runCLI(["submit", csv] + connect)
            #expect(sent == 0, "\(sentOut)")
            let (queried, rows) = try await runCLI(["query", "330324", "2023-11"] + connect)
            #expect(queried == 0 && rows.contains("山区26县 1/2 (+1.7)"), "\(rows)")
        }
    }

    @Test func aGroupAcrossTwoCitiesIsRankedWithItsGap() async throws {
        try await withServer { server in
            let admin = try await server.client(office: "root", role: .admin)
            let yongjia = try await server.client(office: "330324")
            #expect(try await yongjia.request(Self.add).code == "forbidden")
            #expect(try await admin.request(#"{"type":"add_group","id":"g","code":"x","name":"混合","members":["330300","330324"]}"#).code == "bad_request")
            #expect(try await admin.request(#"{"type":"add_group","id":"g","code":"x","name":"未知","members":["999999"]}"#).code == "unknown_region")
            #expect(try await admin.request(#"{"type":"add_group","id":"g","code":"x","name":"重复","members":["330324","330324"]}"#).code == "bad_request")
            let added = try await admin.request(Self.add)
            #expect(added.type == "group" && added["members"]?.array.count == 4 && added["name"]?.string == "山区26县", "\(added)")
            let listed = try await yongjia.request(#"{"type":"groups","id":"l"}"#)
            #expect(listed["groups"]?.array.map { $0["code"]?.string } == ["zj_mountain26"], "\(listed)")

            let watcher = try await server.client(office: "330324-w", region: "330324")
            _ = try await watcher.request(#"{"type":"subscribe","id":"w","region":"330324"}"#)
            let figures: [(String, String, String)] = [("330328", "50", "5.0"), ("331121", "80", "20.0"), ("330324", "100", "10.0")]
            for (code, ytd, yoy) in figures {
                let client = code == "330324" ? yongjia : try await server.client(office: code)
                let ack = try await client.request(submitLine("k\(code)", code, "2023-11", [("ind_output", ["ytd": ytd, "yoy": yoy])]))
                #expect(ack["status"]?.string == "accepted", "\(ack)")
            }
            // The group's growth, computed here: Σ ytd / Σ implied prior − 1.
            let prior = 100 / 1.1 + 50 / 1.05 + 80 / 1.2
            let gap = 10.0 - (230 / prior - 1) * 100
            let mine = try #require(try await yongjia.request(query("330324", "2023-11", indicator: "ind_output")).figure("330324", "ind_output"))
            let group = try #require(mine["rank"]?["groups"]?.array.first, "\(mine)")
            #expect(group["group"]?.string == "zj_mountain26" && group["name"]?.string == "山区26县" && group["of"] == .number("3"))
            #expect(group["value"] == .number("1") && group["yoy"] == .number("2") && group["value_streak"] == .number("1"), "\(group)")
            #expect(group["gap"]?.string == String(format: "%.1f", gap), "\(group) vs \(gap)")
            // Its event says the same, composed by the writer.
            let event = try await watcher.events(1).first
            #expect(event?["rank"]?["groups"]?.array.first == group, "\(String(describing: event))")
            // A member sees its place, not the others' figures; the rank's gap to Wenzhou is there too.
            #expect(mine["rank"]?["gap"] != nil)

            // The members' figures: for an office whose region holds them all.
            let wenzhou = try await server.client(office: "330300", role: .city)
            let q = #"{"type":"query","id":"q","group":"zj_mountain26","period":"2023-11","indicator":"ind_output"}"#
            #expect(try await wenzhou.request(q).code == "forbidden")
            #expect(try await yongjia.request(q).code == "forbidden")
            let zhejiang = try await server.client(office: "330000", role: .province)
            let members = try await zhejiang.request(q)
            #expect(Set(members["figures"]?.array.compactMap { $0["region"]?.string } ?? []) == ["330324", "330328", "331121"], "\(members)")
            #expect(try await admin.request(q.replacingOccurrences(of: "zj_mountain26", with: "nope")).code == "unknown_group")
            // Replacing the group: 遂昌 and 青田 only.
            _ = try await admin.request(#"{"type":"add_group","id":"g","code":"zj_mountain26","name":"山区26县","members":["331121","331123"]}"#)
            let after = try await yongjia.request(query("330324", "2023-11", indicator: "ind_output")).figure("330324", "ind_output")
            #expect(after?["rank"]?["groups"]?.array.isEmpty == true, "\(String(describing: after))")
        }
    }

    @Test func anotherDaemonKnowsAGroupWithinFiveSeconds() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: conninfo) { a in
            try await withServer(conninfo: conninfo) { b in
                let admin = try await a.client(office: "root", role: .admin)
                _ = try await admin.request(Self.add)
                let onB = try await b.client(office: "330324")
                let deadline = ContinuousClock.now + .seconds(5)
                var known = false
                while !known, ContinuousClock.now < deadline {
                    known = try await onB.request(#"{"type":"groups","id":"l"}"#)["groups"]?.array.count == 1
                    if !known { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(known)
            }
        }
    }
}
