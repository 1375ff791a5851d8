import Foundation
import HuizongCore
import HuizongProtocol
import Testing

/// Data quality (PROTOCOL.md v1.2): outliers against a county's own 24 months, and bounds.
@Suite(.timeLimit(.minutes(3))) struct QualityTests {
    /// Months of a history that varies: 10, 11, 12, 13, 14, 10, …
    static func month(_ i: Int) -> Int { 10 + i % 5 }

    /// Linhai reports 规上工业总产值 as ytd only, from 2021-01 to 2023-10: 34 months.
    static func reportHistory(_ client: TestClient) async throws -> [Int: Int] {
        var ytdAt: [Int: Int] = [:]  // by index of the month from 2021-01
        var ytd = 0
        for i in 0..<34 {
            let (year, m) = (2021 + i / 12, i % 12 + 1)
            ytd = (m == 1 ? 0 : ytd) + month(i)
            ytdAt[i] = ytd
            let ack = try await client.request(submitLine("h\(i)", "331082", String(format: "%d-%02d", year, m), [("ind_output", ["ytd": "\(ytd)"])]))
            #expect(ack["status"]?.string == "accepted" && ack["warnings"]?.array.isEmpty == true, "\(ack)")
        }
        return ytdAt
    }

    /// The modified z-score, computed here independently in floating point.
    static func expected(_ x: Double, _ history: [Double]) -> (median: Double, score: Double) {
        func median(_ v: [Double]) -> Double {
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let m = median(history)
        let mad = median(history.map { abs($0 - m) })
        return (m, 0.6745 * (x - m) / mad)
    }

    @Test func aMonthFarFromTheCountysOwnHistoryIsFlagged() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let ytd = try await Self.reportHistory(linhai)
            // 2023-11: a month of 100 where 10–14 is usual.
            let history = (10..<34).map { Double(Self.month($0)) }
            let (median, score) = Self.expected(100, history)
            let line = submitLine("nov", "331082", "2023-11", [("ind_output", ["ytd": "\(ytd[33]! + 100)"])])
            let dry = try await linhai.request(line.replacingOccurrences(of: #""revision":1"#, with: #""revision":1,"dry_run":true"#))
            #expect(dry["status"]?.string == "valid" && dry["warnings"]?.array.first?["code"]?.string == "outlier", "\(dry)")
            let ack = try await linhai.request(line)
            let warning = try #require(ack["warnings"]?.array.first, "\(ack)")
            #expect(ack["status"]?.string == "accepted" && warning["code"]?.string == "outlier" && warning["path"]?.string == "figures[0].month")
            #expect(warning["median"]?.string == String(format: "%g", median), "\(warning)")
            #expect(warning["score"]?.string == String(format: "%.1f", score), "\(warning) vs \(score)")
            #expect(warning["message"]?.string?.contains("规上工业总产值") == true)
            let figure = try await linhai.request(query("331082", "2023-11", indicator: "ind_output")).figure("331082", "ind_output")
            #expect(figure?["flags"]?.array.map { $0.string } == ["outlier"], "\(String(describing: figure))")

            let taizhou = try await server.client(office: "331000", role: .city)
            let listed = try await taizhou.request(#"{"type":"outliers","id":"o","region":"331000","period":"2023-11"}"#)
            let entry = try #require(listed["figures"]?.array.first, "\(listed)")
            #expect(entry["region"]?.string == "331082" && entry["indicator"]?.string == "ind_output" && entry["field"]?.string == "month")
            #expect(entry["value"]?.string == "100" && entry["code"]?.string == "outlier" && entry["score"]?.string == String(format: "%.1f", score))
            #expect(entry["min"] == .null && entry["max"] == .null)
            // Another county may not read Linhai's; the revision that corrects it clears the flag.
            let wenling = try await server.client(office: "331081")
            #expect(try await wenling.request(#"{"type":"outliers","id":"o","region":"331082","period":"2023-11"}"#).code == "forbidden")
            let fixed = try await linhai.request(submitLine("nov2", "331082", "2023-11", revision: 2, [("ind_output", ["ytd": "\(ytd[33]! + 12)"])]))
            #expect(fixed["warnings"]?.array.isEmpty == true, "\(fixed)")
            #expect(try await linhai.request(query("331082", "2023-11", indicator: "ind_output")).figure("331082", "ind_output")?["flags"]?.array.isEmpty == true)
            #expect(try await taizhou.request(#"{"type":"outliers","id":"o","region":"331000","period":"2023-11"}"#)["figures"]?.array.isEmpty == true)
        }
    }

    @Test func tooShortAHistoryFlagsNothing() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            for m in 1...7 {
                _ = try await linhai.request(submitLine("s\(m)", "331082", String(format: "2023-%02d", m), [("above_scale_firms", ["value": "\(100 + m % 3)"])]))
            }
            // Seven known values: fewer than eight, nothing is judged.
            let ack = try await linhai.request(submitLine("s8", "331082", "2023-08", [("above_scale_firms", ["value": "900"])]))
            #expect(ack["warnings"]?.array.isEmpty == true, "\(ack)")
            // Eight: a stock's value is judged.
            let next = try await linhai.request(submitLine("s9", "331082", "2023-09", [("above_scale_firms", ["value": "5000"])]))
            #expect(next["warnings"]?.array.first?["code"]?.string == "outlier" && next["warnings"]?.array.first?["path"]?.string == "figures[0].value",
                    "\(next)")
        }
    }

    @Test func boundsWarnAndAreSetOnlyFromAbove() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let taizhou = try await server.client(office: "331000", role: .city)
            let set = #"{"type":"bounds","id":"b","region":"331082","indicator":"ind_output","field":"ytd","min":"10","max":"50"}"#
            #expect(try await linhai.request(set).code == "forbidden")
            #expect(try await taizhou.request(#"{"type":"bounds","id":"b","region":"331000","indicator":"ind_output","field":"ytd","min":"1"}"#).code == "forbidden")
            #expect(try await taizhou.request(#"{"type":"bounds","id":"b","region":"331082","indicator":"ind_output","field":"nope","min":"1"}"#).code == "bad_request")
            #expect(try await taizhou.request(#"{"type":"bounds","id":"b","region":"331082","indicator":"nope","field":"ytd","min":"1"}"#).code == "unknown_indicator")
            let answer = try await taizhou.request(set)
            #expect(answer.type == "bounds_set" && answer["min"]?.string == "10" && answer["max"]?.string == "50", "\(answer)")
            let ack = try await linhai.request(submitLine("a", "331082", "2023-03", [("ind_output", ["ytd": "60"])]))
            let warning = try #require(ack["warnings"]?.array.first, "\(ack)")
            #expect(ack["status"]?.string == "accepted" && warning["code"]?.string == "outside_bounds" && warning["path"]?.string == "figures[0].ytd")
            #expect(warning["min"]?.string == "10" && warning["max"]?.string == "50")
            #expect(try await linhai.request(query("331082", "2023-03", indicator: "ind_output")).figure("331082", "ind_output")?["flags"]?.array.map { $0.string } == ["outside_bounds"])
            // Absent keeps, null removes.
            let lowered = try await taizhou.request(#"{"type":"bounds","id":"b","region":"331082","indicator":"ind_output","field":"ytd","max":null}"#)
            #expect(lowered["min"]?.string == "10" && lowered["max"] == .null, "\(lowered)")
            #expect(try await linhai.request(submitLine("b", "331082", "2023-04", [("ind_output", ["ytd": "70"])]))["warnings"]?.array.isEmpty == true)
            let below = try await linhai.request(submitLine("c", "331082", "2022-06", [("ind_output", ["ytd": "5"])]))
            #expect(below["warnings"]?.array.contains { $0["code"]?.string == "outside_bounds" } == true, "\(below)")
            let listed = try await taizhou.request(#"{"type":"outliers","id":"o","region":"331000","period":"2023-03"}"#)
            #expect(listed["figures"]?.array.first?["code"]?.string == "outside_bounds" && listed["figures"]?.array.first?["max"]?.string == "50", "\(listed)")
            #expect(try server.sql("SELECT min, max, set_by FROM bounds") == [["10", nil, "331000"]])
        }
    }

    @Test func aBoundSetOnOneDaemonIsEnforcedByTheOther() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: conninfo) { a in
            try await withServer(conninfo: conninfo) { b in
                let onB = try await b.client(office: "331082")
                #expect(try await onB.request(submitLine("a", "331082", "2023-03", [("ind_output", ["ytd": "60"])]))["warnings"]?.array.isEmpty == true)
                let taizhou = try await a.client(office: "331000", role: .city)
                _ = try await taizhou.request(#"{"type":"bounds","id":"b","region":"331082","indicator":"ind_output","field":"ytd","max":"50"}"#)
                let ack = try await onB.request(submitLine("b", "331082", "2023-04", [("ind_output", ["ytd": "70"])]))
                #expect(ack["warnings"]?.array.first?["code"]?.string == "outside_bounds", "\(ack)")
            }
        }
    }
}
