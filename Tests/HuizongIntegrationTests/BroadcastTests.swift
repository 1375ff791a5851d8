import Foundation
import HuizongCore
import HuizongProtocol
import Testing

extension TestClient {
    /// The next `count` events (replies of other kinds are not expected here).
    func events(_ count: Int) async throws -> [JSON] {
        var out: [JSON] = []
        while out.count < count {
            let line = try await receive()
            guard line.type == "aggregate" else { throw TestFailure("expected an event, got \(line)") }
            out.append(line)
        }
        return out
    }
}

func seq(_ event: JSON) -> Int64 {
    if case .number(let t)? = event["seq"] { return Int64(t) ?? -1 }
    return -1
}

@Suite(.timeLimit(.minutes(2))) struct BroadcastTests {
    @Test func aCitySeesItsDistrictsFillInInCommitOrderWithRankings() async throws {
        try await withServer { server in
            let city = try await server.client(office: "330900", role: .city)
            let subscribed = try await city.request(#"{"type":"subscribe","id":"w1","region":"330900"}"#)
            #expect(subscribed.type == "subscribed" && subscribed["id"]?.string == "w1", "\(subscribed)")
            let start = seq(subscribed)
            #expect(start >= 0)

            try await ReconciliationTests().reportDistricts(server, [("330902", "120.31", "26.0"), ("330903", "120.31", "28.0"),
                                                                    ("330921", "60.02", "27.5")])
            // Each district: its own figure, then the city's (the province is outside the subscription).
            let events = try await city.events(6)
            #expect(events.map { $0["region"]?.string } == ["330902", "330900", "330903", "330900", "330921", "330900"])
            #expect(events.map(seq) == events.map(seq).sorted() && Set(events.map(seq)).count == 6)
            #expect(events.allSatisfy { seq($0) > start })
            let last = events[5]
            #expect(last["value"]?.string == "300.64" && last["status"]?.string == "partial")
            #expect(last["reported"] == .number("3") && last["expected"] == .number("4"))
            // Ties share a rank: 120.31 twice, then 60.02 third.
            let ranking = last["ranking"]?.array ?? []
            #expect(ranking.map { $0["region"]?.string } == ["330902", "330903", "330921"])
            #expect(ranking.map { $0["rank"] } == [.number("1"), .number("1"), .number("3")])
            #expect(ranking.map { $0["yoy_rank"] } == [.number("3"), .number("1"), .number("2")])  // 26.0, 28.0, 27.5
            #expect(events[0]["ranking"]?.array.isEmpty == true)  // a district has no children
        }
    }

    @Test func sinceResumesWithoutAGapOrADuplicate() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let taizhou = try await server.client(office: "331000", role: .city)
            _ = try await taizhou.request(#"{"type":"subscribe","id":"w","region":"331000"}"#)
            _ = try await linhai.request(submitLine("a", "331082", "2023-01", [("exports", ["ytd": "1.0"])]))
            let first = try await taizhou.events(2)
            await taizhou.close()

            // Missed while away.
            _ = try await linhai.request(submitLine("b", "331082", "2023-02", [("exports", ["ytd": "2.0"])]))
            _ = try await linhai.request(submitLine("c", "331082", "2023-03", [("exports", ["ytd": "3.0"])]))

            let again = try await server.client(office: "331000-again", role: .city, region: "331000")
            let resumed = try await again.request(#"{"type":"subscribe","id":"w2","region":"331000","since":\#(seq(first[1]))}"#)
            #expect(resumed.type == "subscribed")
            let replayed = try await again.events(4)
            #expect(replayed.map { $0["period"]?.string } == ["2023-02", "2023-02", "2023-03", "2023-03"])
            #expect(replayed.map { $0["region"]?.string } == ["331082", "331000", "331082", "331000"])
            #expect(replayed.map(seq) == replayed.map(seq).sorted() && seq(replayed[0]) > seq(first[1]))
            // Then live, after the replay, nothing twice (the province's events are outside the scope).
            _ = try await linhai.request(submitLine("d", "331082", "2023-04", [("exports", ["ytd": "4.0"])]))
            let live = try await again.events(2)
            #expect(live.map { $0["period"]?.string } == ["2023-04", "2023-04"])
            #expect(seq(live[0]) > seq(replayed[3]))
        }
    }

    @Test func aSlowSubscriberIsCutOffAndAFastOneIsNot() async throws {
        try await withServer(subscriberQueue: 200) { server in
            let slow = try await server.client(office: "330000", role: .province)
            _ = try await slow.request(#"{"type":"subscribe","id":"slow","region":"330000"}"#)
            try await slow.setReading(false)
            let fast = try await server.client(office: "330000-fast", role: .province, region: "330000")
            _ = try await fast.request(#"{"type":"subscribe","id":"fast","region":"330000"}"#)

            let linhai = try await server.client(office: "331082")
            let indicators = ["ind_output", "industrial_investment", "digital_core_revenue", "retail_sales", "exports",
                              "industrial_power", "burden_reduction", "new_5g_stations"]
            var expected = 0
            // Over a megabyte of events: more than the socket buffers hold, so the slow one backs up.
            for year in 2020...2025 {
                for month in 1...12 {
                    let figures = indicators.map { ($0, ["ytd": "\(month * 10)"] as KeyValuePairs<String, String>) }
                    let ack = try await linhai.request(submitLine("m\(year)-\(month)", "331082", String(format: "\(year)-%02d", month), figures))
                    #expect(ack["status"]?.string == "accepted", "\(ack)")
                    expected += indicators.count * 3  // Linhai, Taizhou, Zhejiang
                }
            }
            // The fast subscriber got every event, in order; the acks never waited for the slow one.
            let events = try await fast.events(expected)
            #expect(events.map(seq) == events.map(seq).sorted())

            try await slow.setReading(true)
            var last: JSON?
            var received: [Int64] = []
            while let line = try? await slow.receive(timeout: .seconds(5)) {
                if line.type == "aggregate" { received.append(seq(line)) }
                last = line
            }
            #expect(last?.code == "slow_consumer", "\(String(describing: last).prefix(600))")
            // v1.2: `since` is the last event it was sent whole; what was not begun was dropped,
            // and a new subscription from there misses nothing.
            guard case .number(let text)? = last?["since"], let since = Int64(text) else { throw TestFailure("no since in \(String(describing: last))") }
            #expect(since == received.last ?? since && received.count < expected, "\(since) after \(received.suffix(3))")
            let again = try await server.client(office: "330000-again", role: .province, region: "330000")
            _ = try await again.request(#"{"type":"subscribe","id":"again","region":"330000","since":\#(since)}"#)
            let rest = try await again.events(expected - received.count)
            #expect(rest.map(seq) == Array((since + 1)...(since + Int64(rest.count))), "\(rest.prefix(2))")
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct RestartTests {
    @Test func sinceResumesAcrossADaemonRestart() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        var lastSeen: Int64 = 0
        try await withServer(conninfo: conninfo) { first in
            let taizhou = try await first.client(office: "331000", role: .city)
            _ = try await taizhou.request(#"{"type":"subscribe","id":"w","region":"331000"}"#)
            let linhai = try await first.client(office: "331082")
            _ = try await linhai.request(submitLine("a", "331082", "2023-01", [("exports", ["ytd": "1.0"])]))
            lastSeen = seq(try await taizhou.events(2)[1])
            _ = try await linhai.request(submitLine("b", "331082", "2023-02", [("exports", ["ytd": "2.0"])]))
        }
        // A new daemon on the same database: the subscriber comes back with the last seq it saw.
        try await withServer(conninfo: conninfo) { second in
            let token = try second.addOffice("331000-b", role: .city, region: "331000")
            let taizhou = try await second.unixClient()
            _ = try await taizhou.request(#"{"type":"hello","id":"h","office":"331000-b","token":"\#(token)"}"#)
            let subscribed = try await taizhou.request(#"{"type":"subscribe","id":"w","region":"331000","since":\#(lastSeen)}"#)
            #expect(seq(subscribed) > lastSeen)
            let missed = try await taizhou.events(2)
            #expect(missed.map { $0["period"]?.string } == ["2023-02", "2023-02"])
            #expect(missed.map { $0["region"]?.string } == ["331082", "331000"])
            #expect(seq(missed[0]) > lastSeen && seq(missed[1]) <= seq(subscribed))
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct TwoDaemonTests {
    @Test func aSubscriberOnOneDaemonSeesWhatWasSubmittedToTheOther() async throws {
        let conninfo = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: conninfo) { a in
            try await withServer(conninfo: conninfo) { b in
                let watcher = try await b.client(office: "331000", role: .city)
                _ = try await watcher.request(#"{"type":"subscribe","id":"w","region":"331000"}"#)
                let linhai = try await a.client(office: "331082")
                let wenling = try await b.client(office: "331081")
                for month in 1...3 {
                    let p = String(format: "2023-%02d", month)
                    #expect(try await linhai.request(submitLine("l\(month)", "331082", p, [("exports", ["ytd": "\(month).0"])]))["status"]?.string == "accepted")
                    #expect(try await wenling.request(submitLine("w\(month)", "331081", p, [("exports", ["ytd": "\(month).5"])]))["status"]?.string == "accepted")
                }
                let events = try await watcher.events(12)
                #expect(events.map(seq) == events.map(seq).sorted() && Set(events.map(seq)).count == 12)
                #expect(events.map { $0["region"]?.string } == Array(repeating: ["331082", "331000", "331081", "331000"], count: 3).flatMap { $0 })
                #expect(events.last?["value"]?.string == "6.5" && events.last?["reported"] == .number("2"))
            }
        }
    }
}
