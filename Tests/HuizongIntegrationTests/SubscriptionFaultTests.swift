import Foundation
import HuizongCore
import HuizongPostgres
import HuizongProtocol
@testable import HuizongServer
import HuizongStore
import Testing

/// Issue 8: subscriptions under faults and abuse (findings 4, 7, 10).
@Suite(.timeLimit(.minutes(2))) struct SubscriptionFaultTests {
    /// Finding 4: subscribing while PostgreSQL is down once hung the connection for good (the reply
    /// was never completed). It is `unavailable`, the connection stays usable, and a subscription
    /// made after PostgreSQL is back works.
    @Test func subscribingWhileTheDatabaseIsDownIsUnavailable() async throws {
        let proxy = try FaultyProxy()
        defer { proxy.stop() }
        let database = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: proxy.conninfo(database: database), databaseTimeout: .seconds(2)) { server in
            let city = try await server.client(office: "331000", role: .city)
            proxy.mode = .down
            let clock = ContinuousClock()
            let start = clock.now
            let refused = try await city.request(#"{"type":"subscribe","id":"w","region":"331000"}"#)
            #expect(refused.code == "unavailable" && refused["retryable"] == .bool(true) && refused["id"]?.string == "w", "\(refused)")
            #expect(clock.now - start < .seconds(10))
            #expect(try await city.request(#"{"type":"ping","id":"p"}"#).type == "pong")

            proxy.mode = .forwarding
            var subscribed: JSON?
            for _ in 0..<40 {
                let reply = try await city.request(#"{"type":"subscribe","id":"w2","region":"331000"}"#)
                if reply.type == "subscribed" { subscribed = reply; break }
                #expect(reply.code == "unavailable", "\(reply)")
                try await Task.sleep(for: .milliseconds(250))
            }
            try #require(subscribed != nil, "no subscription after the database came back")
            let linhai = try await server.client(office: "331082")
            let ack = try await linhai.request(submitLine("a", "331082", "2023-01", [("exports", ["ytd": "1.0"])]))
            #expect(ack["status"]?.string == "accepted", "\(ack)")
            #expect(try await city.events(2).map { $0["region"]?.string } == ["331082", "331000"])
        }
    }

    /// Finding 7: a replay from `since: 0` over a long log once composed every row on the one
    /// broadcast thread, whatever the subscriber's region: live events stopped for everyone. The
    /// log is filtered in SQL and replayed off that thread; a live subscriber meanwhile gets its
    /// event at once.
    @Test func aLongReplayDoesNotHoldUpLiveEvents() async throws {
        // 120,000 log rows of other regions, as a busy deployment's 90 days would hold.
        let conninfo = try TestCluster.shared.newDatabase()
        let c = try Connection(conninfo)
        try c.execute("""
            INSERT INTO changes (seq_first, seq_last, region, period, indicators)
            SELECT (n - 1) * 4 + 1, n * 4, region, period, inds FROM (
                SELECT r.code AS region, make_date(2022, m, 1) AS period, row_number() OVER () AS n,
                       ARRAY(SELECT code FROM indicators ORDER BY code LIMIT 4) AS inds
                FROM regions r CROSS JOIN generate_series(1, 12) m
                WHERE r.level = 'county' AND r.code NOT LIKE '33%' LIMIT 30000) rows
            """)
        try c.execute("UPDATE change_counter SET seq = (SELECT max(seq_last) FROM changes)")
        try await withServer(conninfo: conninfo) { server in
            let live = try await server.client(office: "331000", role: .city)
            _ = try await live.request(#"{"type":"subscribe","id":"live","region":"331000"}"#)
            let replaying = try await server.client(office: "330900", role: .city)
            try await replaying.send(#"{"type":"subscribe","id":"old","region":"330900","since":0}"#)
            try await Task.sleep(for: .milliseconds(100))

            let linhai = try await server.client(office: "331082")
            let clock = ContinuousClock()
            let sent = clock.now
            #expect(try await linhai.request(submitLine("a", "331082", "2023-01", [("exports", ["ytd": "1.0"])]))["status"]?.string == "accepted")
            _ = try await live.events(2)
            let waited = clock.now - sent
            #expect(waited < .milliseconds(1500), "a live event waited \(waited) behind someone else's replay")
            let subscribed = try await replaying.receive(timeout: .seconds(60))
            #expect(subscribed.type == "subscribed", "\(subscribed)")
        }
    }

    /// Finding 7: subscribing twice on one connection once sent every line twice.
    @Test func subscribingTwiceOnOneConnectionSendsEachEventOnce() async throws {
        try await withServer { server in
            let city = try await server.client(office: "331000", role: .city)
            #expect(try await city.request(#"{"type":"subscribe","id":"a","region":"331000"}"#).type == "subscribed")
            #expect(try await city.request(#"{"type":"subscribe","id":"b","region":"331000"}"#).type == "subscribed")
            #expect(try await city.request(#"{"type":"subscribe","id":"c","region":"331082"}"#).type == "subscribed")
            let linhai = try await server.client(office: "331082")
            _ = try await linhai.request(submitLine("a", "331082", "2023-01", [("exports", ["ytd": "1.0"])]))
            _ = try await linhai.request(submitLine("b", "331082", "2023-02", [("exports", ["ytd": "2.0"])]))
            let events = try await city.events(4)
            #expect(Set(events.map(seq)).count == 4, "\(events.map(seq))")
            #expect(try await city.request(#"{"type":"ping","id":"p"}"#).type == "pong", "an event was sent twice")
        }
    }

    /// Finding 7: a `since` older than the log once replayed silently from wherever the log began;
    /// it is `since_expired`. A `since` at or after the pruned point replays what is left.
    @Test func aSinceOlderThanTheLogIsExpired() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            for m in 1...3 {
                _ = try await linhai.request(submitLine("m\(m)", "331082", "2023-0\(m)", [("exports", ["ytd": "\(m).0"])]))
            }
            let pruned = try EventStore.prune(try Connection(server.conninfo), olderThanDays: 0)
            #expect(pruned == 9)  // Linhai, Taizhou, Zhejiang × 3
            _ = try await linhai.request(submitLine("m4", "331082", "2023-04", [("exports", ["ytd": "4.0"])]))
            let city = try await server.client(office: "331000", role: .city)
            let expired = try await city.request(#"{"type":"subscribe","id":"w","region":"331000","since":2}"#)
            #expect(expired.code == "since_expired" && expired["retryable"] == .bool(false), "\(expired)")
            let resumed = try await city.request(#"{"type":"subscribe","id":"w","region":"331000","since":9}"#)
            #expect(resumed.type == "subscribed", "\(resumed)")
            #expect(try await city.events(2).map { $0["period"]?.string } == ["2023-04", "2023-04"])
        }
    }

    /// Finding 7: a `since` ahead of this daemon's broadcaster (the client saw the event from
    /// another daemon first) once replayed the events up to it a second time.
    @Test func aSinceAheadOfTheBroadcasterIsNotSentTwice() async throws {
        let proxy = try FaultyProxy()
        defer { proxy.stop() }
        let conninfo = try TestCluster.shared.newDatabase()
        try await withServer(conninfo: conninfo) { a in
            try await withServer(conninfo: conninfo, hubConninfo: proxy.conninfo(database: conninfo)) { b in
                let linhai = try await a.client(office: "331082")
                _ = try await linhai.request(submitLine("m1", "331082", "2023-01", [("exports", ["ytd": "1.0"])]))
                let m1 = Int64(try a.sql("SELECT seq FROM change_counter")[0][0]!)!
                try await waitFor { b.services.hub.position >= m1 }  // b's broadcaster has seen m1
                proxy.mode = .frozen  // and sees nothing more for now
                let watcher = try await a.client(office: "331000", role: .city)
                _ = try await watcher.request(#"{"type":"subscribe","id":"w","region":"331000"}"#)
                _ = try await linhai.request(submitLine("m2", "331082", "2023-02", [("exports", ["ytd": "2.0"])]))
                let seen = try await watcher.events(2)
                await watcher.close()

                let again = try await b.client(office: "331000-b", role: .city, region: "331000")
                try await again.send(#"{"type":"subscribe","id":"w","region":"331000","since":\#(seq(seen[1]))}"#)
                try await Task.sleep(for: .milliseconds(200))
                proxy.mode = .forwarding
                #expect(try await again.receive(timeout: .seconds(30)).type == "subscribed")
                _ = try await linhai.request(submitLine("m3", "331082", "2023-03", [("exports", ["ytd": "3.0"])]))
                let next = try await again.events(2)
                #expect(next.map { $0["period"]?.string } == ["2023-03", "2023-03"], "events up to since were sent again: \(next)")
            }
        }
    }

    /// Finding 10: a subscriber cut off as a slow consumer once kept its socket; replies to its own
    /// requests were dropped silently. A client that does not read within the grace is disconnected.
    @Test func aSlowConsumerIsDisconnected() async throws {
        try await withServer(subscriberQueue: 50, slowConsumerGrace: .milliseconds(500)) { server in
            let slow = try await server.client(office: "330000", role: .province)
            _ = try await slow.request(#"{"type":"subscribe","id":"slow","region":"330000"}"#)
            try await slow.setReading(false)
            let linhai = try await server.client(office: "331082")
            let indicators = ["ind_output", "industrial_investment", "digital_core_revenue", "retail_sales", "exports",
                              "industrial_power", "burden_reduction", "new_5g_stations"]
            for year in 2020...2023 {
                for month in 1...12 {
                    let figures = indicators.map { ($0, ["ytd": "\(month * 10)"] as KeyValuePairs<String, String>) }
                    _ = try await linhai.request(submitLine("m\(year)-\(month)", "331082", String(format: "\(year)-%02d", month), figures))
                }
            }
            for _ in 0..<100 where slow.isOpen { try await Task.sleep(for: .milliseconds(100)) }
            #expect(!slow.isOpen, "the slow consumer's connection is still open")
        }
    }
}
