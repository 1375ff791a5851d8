import HuizongCore
import HuizongProtocol
import Testing

@Suite(.timeLimit(.minutes(2))) struct LockTests {
    @Test func aLockedPeriodRefusesSubmissionsUnderItUntilUnlocked() async throws {
        try await withServer { server in
            let linhai = try await server.client(office: "331082")
            let taizhou = try await server.client(office: "331000", role: .city)
            // A county may not lock; a city may not lock another city.
            #expect(try await linhai.request(#"{"type":"lock","id":"l0","region":"331082","period":"2023-11"}"#).code == "forbidden")
            let zhoushan = try await server.client(office: "330900", role: .city)
            #expect(try await zhoushan.request(#"{"type":"lock","id":"l0","region":"331000","period":"2023-11"}"#).code == "forbidden")

            let watcher = try await server.client(office: "331000-w", role: .city, region: "331000")
            _ = try await watcher.request(#"{"type":"subscribe","id":"w","region":"331000"}"#)
            #expect(try await linhai.request(submitLine("early", "331082", "2023-11", [("retail_sales", ["ytd": "5.0"])]))["status"]?.string == "accepted")
            _ = try await watcher.events(2)
            let locked = try await taizhou.request(#"{"type":"lock","id":"l1","region":"331000","period":"2023-11"}"#)
            #expect(locked.type == "locked" && locked["changed"] == .bool(true), "\(locked)")
            // The lock is broadcast: every figure under it in that period, now locked.
            let events = try await watcher.events(2)
            #expect(Set(events.compactMap { $0["region"]?.string }) == ["331000", "331082"])
            #expect(events.allSatisfy { $0["locked"] == .bool(true) })
            #expect(try await taizhou.request(#"{"type":"lock","id":"l2","region":"331000","period":"2023-11"}"#)["changed"] == .bool(false))

            let refused = try await linhai.request(submitLine("nov", "331082", "2023-11", [("exports", ["ytd": "1.0"])]))
            #expect(refused.code == "period_locked" && refused["retryable"] == .bool(false), "\(refused)")
            #expect(refused["errors"]?.array.first?["path"]?.string == "period")
            // The city's own figures too, and not other periods.
            #expect(try await taizhou.request(submitLine("city", "331000", "2023-11", [("exports", ["ytd": "9.0"])])).code == "period_locked")
            #expect(try await linhai.request(submitLine("oct", "331082", "2023-10", [("exports", ["ytd": "0.9"])]))["status"]?.string == "accepted")
            #expect(try server.sql("SELECT count(*) FROM figures WHERE period = '2023-11-01'") == [["1"]])

            let unlocked = try await taizhou.request(#"{"type":"unlock","id":"u1","region":"331000","period":"2023-11"}"#)
            #expect(unlocked.type == "unlocked" && unlocked["changed"] == .bool(true))
            let after = try await watcher.events(4)  // October's two, then the unlock's two
            #expect(after.map { $0["period"]?.string } == ["2023-10", "2023-10", "2023-11", "2023-11"], "\(after)")
            #expect(after.allSatisfy { $0["locked"] == .bool(false) })
            #expect(try await linhai.request(submitLine("nov2", "331082", "2023-11", revision: 2, [("exports", ["ytd": "1.0"])]))["status"]?.string == "accepted")
            #expect(try server.sql("SELECT action, office FROM lock_history ORDER BY id") == [["lock", "331000"], ["unlock", "331000"]])
        }
    }

    @Test func aProvinceLockCoversEveryCityAndCounty() async throws {
        try await withServer { server in
            let zhejiang = try await server.client(office: "330000", role: .province)
            _ = try await zhejiang.request(#"{"type":"lock","id":"l","region":"330000","period":"2023-12"}"#)
            let dinghai = try await server.client(office: "330902")
            #expect(try await dinghai.request(submitLine("d", "330902", "2023-12", [("exports", ["ytd": "1"])])).code == "period_locked")
            // Another province is not affected.
            let beijing = try await server.client(office: "110101")
            #expect(try await beijing.request(submitLine("b", "110101", "2023-12", [("exports", ["ytd": "1"])]))["status"]?.string == "accepted")
        }
    }
}

@Suite(.timeLimit(.minutes(2))) struct CompletenessTests {
    @Test func whoReportedOnTimeLateOrNotAtAll() async throws {
        try await withServer { server in
            try await ReconciliationTests().reportDistricts(server, Array(zhoushanDistricts.prefix(3)))
            // The deadline for November 2023 is 2023-12-08 12:00 CST; set when each district reported.
            _ = try server.sql("UPDATE submissions SET received_at = '2023-12-08 12:00:00+08' WHERE region = '330902'")
            _ = try server.sql("UPDATE submissions SET received_at = '2023-12-08 12:00:01+08' WHERE region = '330903'")
            let city = try await server.client(office: "330900", role: .city)
            let c = try await city.request(#"{"type":"completeness","id":"c","region":"330900","period":"2023-11"}"#)
            #expect(c.type == "completeness" && c["deadline"]?.string == "2023-12-08T12:00:00+08:00", "\(c)")
            let status = (c["children"]?.array ?? []).map { [$0["region"]?.string, $0["status"]?.string] }
            #expect(status == [["330902", "on_time"], ["330903", "late"], ["330921", "late"], ["330922", "missing"]])
            #expect(c["on_time"] == .number("1") && c["late"] == .number("2") && c["missing"] == .number("1"))
            #expect(c["children"]?.array.first?["name"]?.string == "定海区")
            let dinghai = try await server.client(office: "dinghai-3", region: "330902")
            #expect(try await dinghai.request(#"{"type":"completeness","id":"c","region":"330900","period":"2023-11"}"#).code == "forbidden")
        }
    }
}
