import Foundation
import HuizongProtocol
import Testing

/// Linhai's 1–10月 2022 figures from the seed report, as PROTOCOL.md's example.
func linhaiOctober(id: String = "s1", key: String = "331082-2022-10-r1", revision: Int = 1, valueAdded: String = "218.64") -> String {
    #"{"type":"submit","id":"\#(id)","key":"\#(key)","region":"331082","period":"2022-10","revision":\#(revision),"figures":[{"indicator":"ind_value_added","ytd":"\#(valueAdded)","yoy":"5.2"},{"indicator":"ind_output","ytd":"957.7","month":"87.5","yoy":"8.3"},{"indicator":"tax_per_mu","num":"96600","den":"2000"}]}"#
}

@Suite(.timeLimit(.minutes(2))) struct SubmissionTests {
    @Test func submissionOverTheUnixSocketIsCommittedExactly() async throws {
        try await withServer() { server in
            let client = try await server.client(office: "331082")
            let ack = try await client.request(linhaiOctober())
            #expect(ack.type == "ack")
            #expect(ack["id"]?.string == "s1")
            #expect(ack["status"]?.string == "accepted")
            #expect(ack["revision"] == .number("1"))

            // Acknowledged means committed: another connection sees it at once, digit for digit.
            let rows = try server.sql("""
                SELECT indicator, ytd::text, month::text, yoy::text, num::text, den::text
                FROM figures WHERE region = '331082' AND period = '2022-10-01' ORDER BY indicator
                """)
            #expect(rows == [
                ["ind_output", "957.7", "87.5", "8.3", nil, nil],
                ["ind_value_added", "218.64", nil, "5.2", nil, nil],
                ["tax_per_mu", nil, nil, nil, "96600", "2000"],
            ])
            #expect(try server.sql("SELECT office, key, revision FROM submissions") == [["331082", "331082-2022-10-r1", "1"]])
        }
    }

    @Test func submissionOverTCPIsCommitted() async throws {
        try await withServer() { server in
            let client = try await server.client(office: "330902", tcp: true)
            let ack = try await client.request(#"{"type":"submit","id":"t","key":"dinghai-2023-11","region":"330902","period":"2023-11","revision":1,"figures":[{"indicator":"ship_output","ytd":101.3,"yoy":"12.5"},{"indicator":"above_scale_firms","value":"412"}]}"#)
            #expect(ack["status"]?.string == "accepted")
            #expect(try server.sql("SELECT indicator, ytd::text, value::text FROM figures WHERE region = '330902' ORDER BY indicator")
                    == [["above_scale_firms", nil, "412"], ["ship_output", "101.3", nil]])
        }
    }

    @Test func queryReadsBackWhatWasWritten() async throws {
        try await withServer() { server in
            let client = try await server.client(office: "331082")
            // Pipelined: the query is sent before the ack arrives and must still see the submission.
            try await client.send(linhaiOctober())
            try await client.send(#"{"type":"query","id":"q","region":"331082","period":"2022-10"}"#)
            #expect(try await client.receive()["status"]?.string == "accepted")
            let result = try await client.receive()
            #expect(result.type == "result")
            let figures = result["figures"]?.array ?? []
            #expect(figures.count == 3)
            #expect(figures.first { $0["indicator"]?.string == "ind_value_added" }?["value"]?.string == "218.64")
            #expect(figures.first { $0["indicator"]?.string == "tax_per_mu" }?["value"]?.string == "48.3")
        }
    }

    @Test func duplicatesStaleRevisionsAndReusedKeys() async throws {
        try await withServer() { server in
            let client = try await server.client(office: "331082")
            #expect(try await client.request(linhaiOctober())["status"]?.string == "accepted")

            // The same key and content again: nothing new is stored.
            let again = try await client.request(linhaiOctober(id: "s2"))
            #expect(again.type == "ack")
            #expect(again["status"]?.string == "duplicate")
            #expect(try server.sql("SELECT count(*) FROM submissions") == [["1"]])

            // The same key with other content.
            let reused = try await client.request(linhaiOctober(id: "s3", valueAdded: "218.65"))
            #expect(reused.code == "key_reused")

            // A new key but not a later revision.
            let stale = try await client.request(linhaiOctober(id: "s4", key: "late", valueAdded: "218.70"))
            #expect(stale.code == "stale_revision")
            #expect(stale["retryable"] == .bool(false))

            // Revision 2 replaces the figure and keeps the history: who, when, old, new.
            let revised = try await client.request(linhaiOctober(id: "s5", key: "331082-2022-10-r2", revision: 2, valueAdded: "218.70"))
            #expect(revised["status"]?.string == "accepted")
            #expect(try server.sql("SELECT ytd::text FROM figures WHERE region = '331082' AND indicator = 'ind_value_added'") == [["218.70"]])
            #expect(try server.sql("""
                SELECT indicator, field, old_value, new_value, office, changed_at IS NOT NULL FROM figure_history ORDER BY submission_id, ordinal
                """) == [["ind_value_added", "ytd", "218.64", "218.70", "331082", "t"]])

            // Revision 1 arriving late never overwrites revision 2.
            let late = try await client.request(linhaiOctober(id: "s6", key: "r1-late", revision: 1, valueAdded: "1"))
            #expect(late.code == "stale_revision")
            #expect(try server.sql("SELECT ytd::text FROM figures WHERE region = '331082' AND indicator = 'ind_value_added'") == [["218.70"]])
        }
    }

    @Test func referenceAndPeriodErrors() async throws {
        try await withServer(now: { 1_700_000_000 }) { server in  // 2023-11-15 in China
            let admin = try await server.client(office: "root", role: .admin)
            func submit(_ region: String, _ period: String, _ indicator: String = "ind_output") async throws -> JSON {
                try await admin.request(#"{"type":"submit","id":"x","key":"\#(region)\#(period)\#(indicator)","region":"\#(region)","period":"\#(period)","revision":1,"figures":[{"indicator":"\#(indicator)","ytd":"1"}]}"#)
            }
            #expect(try await submit("999999", "2023-11").code == "unknown_region")
            #expect(try await submit("331082", "2023-12").code == "future_period")
            #expect(try await submit("331082", "2023-11")["status"]?.string == "accepted")
            #expect(try await submit("331082", "2023-1").code == "bad_period")
            let unknown = try await submit("331082", "2023-10", "gdp")
            #expect(unknown.code == "unknown_indicator")
            #expect(unknown["errors"]?[0]?["path"]?.string == "figures[0].indicator")
            #expect(try server.sql("SELECT count(*) FROM figures") == [["1"]])
        }
    }

    @Test func pipelinedSubmissionsAreAnsweredInOrder() async throws {
        try await withServer() { server in
            let client = try await server.client(office: "331082")
            var lines = ""
            for month in 1...10 {
                let m = month < 10 ? "0\(month)" : "\(month)"
                lines += #"{"type":"submit","id":"m\#(month)","key":"2022-\#(m)","region":"331082","period":"2022-\#(m)","revision":1,"figures":[{"indicator":"ind_output","ytd":"\#(month * 95).7"}]}"# + "\n"
                lines += #"{"type":"ping","id":"p\#(month)"}"# + "\n"
            }
            try await client.sendBytes(Array(lines.utf8))  // all at once, without waiting
            for month in 1...10 {
                let ack = try await client.receive()
                #expect(ack["id"]?.string == "m\(month)")
                #expect(ack["status"]?.string == "accepted")
                #expect(try await client.receive()["id"]?.string == "p\(month)")
            }
            #expect(try server.sql("SELECT count(*) FROM figures WHERE region = '331082'") == [["10"]])
        }
    }
}
