import Foundation
import HuizongCore
import HuizongProtocol
import Testing

/// Issue 16: the redesigned write path leaves what the old one left. One workload of every kind of
/// write — counties, cities' own figures agreeing and not, revisions that close conflicts, a
/// resolution, a lock, targets, estimates, growth-only and value-only figures, dry runs, and every
/// refusal — sent one request at a time with a subscriber draining every event in between, so that
/// what each step leaves is deterministic. Recorded once with the code before the redesign
/// (`HUIZONG_RECORD_GOLDEN=1`, commit 3fa96ce) in `Tests/Fixtures/golden/`: every reply, every event
/// (by step), the tables the writes decide, and what `query`, `conflicts` and `completeness` answer
/// at the end. The same run also dumped its database (`upgrade-0014.sql`), which `UpgradeTests`
/// upgrades with the current migrations.
@Suite(.timeLimit(.minutes(3))) struct GoldenWorkloadTests {
    static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures/golden")

    struct Step {
        let office: String
        let line: String
    }

    /// Every write, in order, with the office that sends it. `CONFLICT` in a resolve line stands for
    /// the id of Zhoushan's open level conflict on ind_output in 2023-11, read when it is sent.
    static let steps: [Step] = {
        var s: [Step] = []
        func add(_ office: String, _ line: String) { s.append(Step(office: office, line: line)) }
        let zhoushan = ["330902", "330903", "330921", "330922"]
        let taizhou = ["331002", "331003", "331082"]
        // Counties, three months each, flows with ytd, month and yoy, a stock, a ratio.
        for (n, c) in (zhoushan + taizhou).enumerated() {
            var ytd = 0
            for month in 9...11 {
                ytd += 10 + n
                add(c, submitLine("\(c)-\(month)", c, "2023-\(month < 10 ? "0" : "")\(month)", [
                    ("ship_output", ["ytd": "\(ytd).\(n)", "month": "\(10 + n).\(n)", "yoy": "\(n).5"]),
                    ("ind_output", ["ytd": "\(ytd * 3)", "yoy": "-\(n).25"]),
                    ("above_scale_firms", ["value": "\(40 + n)"]),
                    ("tax_per_mu", ["num": "\(900 + 10 * n)", "den": "\(20 + n)"]),
                ]))
            }
        }
        // Growth alone, a ratio's value alone, an estimate, a note.
        add("330902", submitLine("330902-vadd", "330902", "2023-10", revision: 2, [("ind_value_added", ["yoy": "17.3"])]))
        add("331082", #"{"type":"submit","id":"331082-est","key":"331082-est","region":"331082","period":"2023-11","revision":2,"figures":[{"indicator":"tech_investment","ytd":"4.50","yoy":"3.0","estimate":true,"note":"预计数"},{"indicator":"value_added_per_mu","value":"48.3"}]}"#)
        // Cities' own figures: Zhoushan's ship_output agrees with its districts, its output does
        // not (a level conflict, and a growth one); Taizhou's is partial (most counties missing).
        add("330900", submitLine("330900-11", "330900", "2023-11", [("ship_output", ["ytd": "138.6"]),
                                                                     ("ind_output", ["ytd": "999", "yoy": "1.0"])]))
        add("331000", submitLine("331000-11", "331000", "2023-11", [("ship_output", ["ytd": "999.9", "yoy": "9.9"]),
                                                                     ("above_scale_firms", ["value": "150"])]))
        add("330000", submitLine("330000-11", "330000", "2023-11", [("above_scale_firms", ["value": "300"])]))
        // Revisions: a month's history, and the same value written with another precision.
        add("331082", submitLine("331082-11-r3", "331082", "2023-11", revision: 3, [
            ("ship_output", ["ytd": "66.6", "month": "22.6", "yoy": "6.5"]),
        ]))
        add("330903", submitLine("330903-11-r2", "330903", "2023-11", revision: 2, [
            ("ship_output", ["ytd": "33.10", "month": "11.1", "yoy": "1.50"]),
            ("above_scale_firms", ["value": "41"]),
        ]))
        // Refusals: a dry run, a duplicate, a reused key, a stale revision, a rule against stored
        // figures, a part above its whole.
        add("330902", submitLine("330902-dry", "330902", "2023-11", revision: 5, dryRun: true, [("ship_output", ["ytd": "500"])]))
        add("330902", submitLine("330902-11", "330902", "2023-11", [
            ("ship_output", ["ytd": "30.0", "month": "10.0", "yoy": "0.5"]),
            ("ind_output", ["ytd": "90", "yoy": "-0.25"]),
            ("above_scale_firms", ["value": "40"]),
            ("tax_per_mu", ["num": "900", "den": "20"]),
        ]))
        add("330902", submitLine("330902-11", "330902", "2023-11", [("ship_output", ["ytd": "1"])]))
        add("330902", submitLine("330902-stale", "330902", "2023-11", [("ship_output", ["ytd": "1"])]))
        add("330902", submitLine("330902-12-low", "330902", "2023-12", [("ship_output", ["ytd": "0.5"])]))
        add("330921", submitLine("330921-12-part", "330921", "2023-12", [("ship_output", ["ytd": "900"]), ("ind_output", ["ytd": "800"])]))
        // Targets, a resolution, a lock that refuses, an unlock that lets it in.
        add("330900", #"{"type":"target","id":"t1","region":"330900","year":2023,"indicator":"ship_output","ytd":"320"}"#)
        add("331000", #"{"type":"target","id":"t2","region":"331082","year":2023,"indicator":"ship_output","yoy":"6.0"}"#)
        add("330900", #"{"type":"target","id":"t3","region":"330900","year":2023,"indicator":"ship_output","share":"30","of":"ind_output"}"#)
        add("330900", #"{"type":"resolve","id":"r1","conflict":"CONFLICT","action":"accept_sum","note":"以区县合计为准"}"#)
        add("330900", #"{"type":"lock","id":"l1","region":"330900","period":"2023-11"}"#)
        add("330922", submitLine("330922-11-r2", "330922", "2023-11", revision: 2, [("ship_output", ["ytd": "40.3"])]))
        add("330900", #"{"type":"lock","id":"l2","region":"330900","period":"2023-11"}"#)
        add("330900", #"{"type":"unlock","id":"l3","region":"330900","period":"2023-11"}"#)
        // Now it opens a conflict on ship_output.
        add("330922", submitLine("330922-11-r2", "330922", "2023-11", revision: 2, [("ship_output", ["ytd": "40.3"])]))
        // A revision after the resolution: the resolved conflict's sides move, it closes, a new one opens.
        add("330921", submitLine("330921-11-r2", "330921", "2023-11", revision: 2, [("ind_output", ["ytd": "120", "yoy": "2.5"])]))
        // Taizhou's own figure revised; a county's January (month must equal ytd).
        add("331000", submitLine("331000-11-r2", "331000", "2023-11", revision: 2, [("ship_output", ["ytd": "159.10", "yoy": "4.6"])]))
        add("331002", submitLine("331002-01", "331002", "2023-01", [("ship_output", ["ytd": "5.5", "month": "5.4"])]))
        return s
    }()

    /// The reads at the end, by a province office (it may read every region here).
    static let reads: [String] = [
        query("330000", "2023-11", children: true), query("330900", "2023-11", children: true),
        query("331000", "2023-11", children: true), query("330900", "2023-10", children: true),
        query("331082", "2023-11"), query("330902", "2023-10"),
        #"{"type":"conflicts","id":"c","region":"330000","period":"2023-11"}"#,
        #"{"type":"conflicts","id":"c","region":"331000"}"#,
        #"{"type":"completeness","id":"k","region":"330900","period":"2023-11"}"#,
    ]

    /// Every table the writes decide, as comparable text: ids and times left out.
    static let tables: [String] = [
        """
        SELECT f.region, f.period::text, f.indicator, f.ytd::text, f.month::text, f.yoy::text, f.value::text, f.num::text,
               f.den::text, f.note, f.estimate::text, s.key FROM figures f JOIN submissions s ON s.id = f.submission_id ORDER BY 1, 2, 3
        """,
        """
        SELECT h.region, h.period::text, h.indicator, h.field, h.old_value, h.new_value, h.office, s.key
        FROM figure_history h JOIN submissions s ON s.id = h.submission_id ORDER BY 8, h.ordinal
        """,
        "SELECT office, key, region, period::text, revision, content_hash::text FROM submissions ORDER BY office, key",
        "SELECT rp.region, rp.period::text, rp.revision, s.key FROM region_periods rp JOIN submissions s ON s.id = rp.submission_id ORDER BY 1, 2",
        """
        SELECT region, period::text, indicator, value::text, yoy::text, own::text, own_yoy::text, sum::text, sum_yoy::text,
               amount::text, den::text, reported, expected, status, estimate::text
        FROM aggregates ORDER BY 1, 2, 3
        """,
        """
        SELECT region, period::text, indicator, kind, own::text, sum::text, child_regions::text, child_values::text,
               child_yoys::text, state, action, note, resolved_by FROM conflicts ORDER BY 1, 2, 3, 4, 10, 5
        """,
        "SELECT region, period::text, locked_by FROM period_locks ORDER BY 1, 2",
        "SELECT region, period::text, action, office FROM lock_history ORDER BY id",
        "SELECT region, year, indicator, ytd::text, yoy::text, share::text, share_of, set_by FROM targets ORDER BY 1, 2, 3",
        "SELECT DISTINCT region, period::text, unnest(indicators) FROM changes ORDER BY 1, 2, 3",
    ]

    @Test func theWorkloadLeavesWhatTheWritePathBeforeTheRedesignLeft() async throws {
        try await withServer { server in
            var tokens: [String: String] = [:]
            for office in Set(Self.steps.map(\.office)) {
                let role: Role = office == "330000" ? .province : office.hasSuffix("00") ? .city : .county
                tokens[office] = try server.addOffice(office, role: role, region: office)
            }
            let reader = try await server.client(office: "p330000", role: .province, region: "330000")
            #expect(try await reader.request(#"{"type":"subscribe","id":"w","region":"330000"}"#).type == "subscribed")
            var clients: [String: TestClient] = [:]
            var replies: [String] = []
            var events: [String] = []
            var seen: Int64 = 0
            for (n, step) in Self.steps.enumerated() {
                if clients[step.office] == nil {
                    let c = try await server.unixClient()
                    let welcome = try await c.request(#"{"type":"hello","id":"h","office":"\#(step.office)","token":"\#(tokens[step.office]!)"}"#)
                    try #require(welcome.type == "welcome")
                    clients[step.office] = c
                }
                var line = step.line
                if line.contains("CONFLICT") {
                    let id = try server.sql("SELECT id FROM conflicts WHERE region = '330900' AND indicator = 'ind_output' AND kind = 'level' AND state = 'open'")
                    line = line.replacingOccurrences(of: "CONFLICT", with: try #require(id.first?[0]))
                }
                let reply = try await clients[step.office]!.request(line)
                replies.append("\(n) \(Self.normalized(Self.text(reply)))")
                // Every event of this step before the next one: each is composed from what the step left.
                let latest = Int64(try server.sql("SELECT seq FROM change_counter")[0][0]!)!
                var stepEvents: [String] = []
                while seen < latest {
                    let event = try await reader.receive()
                    try #require(event.type == "aggregate", "\(event)")
                    seen = Int64(try #require(event["seq"].flatMap(Self.number)))
                    stepEvents.append(Self.normalized(Self.text(event, dropping: ["seq"])))
                }
                events += stepEvents.sorted().map { "\(n) \($0)" }
            }
            var reads: [String] = []
            for line in Self.reads { reads.append(Self.normalized(Self.text(try await reader.request(line)))) }
            var state: [String] = []
            for sql in Self.tables {
                state.append("-- " + sql.split(separator: "\n")[0])
                state += try server.sql(sql).map { $0.map { $0 ?? "∅" }.joined(separator: " | ") }
            }
            let recorded = ["replies.txt": replies, "events.txt": events, "reads.txt": reads, "state.txt": state]
            if ProcessInfo.processInfo.environment["HUIZONG_RECORD_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
                for (name, lines) in recorded {
                    try (lines.joined(separator: "\n") + "\n").write(to: Self.directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
                }
                try Self.dump(server.conninfo, to: Self.directory.appendingPathComponent("upgrade-0014.sql"))
                return
            }
            for (name, lines) in recorded.sorted(by: { $0.key < $1.key }) {
                let golden = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
                    .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
                let missing = golden.filter { !lines.contains($0) }, extra = lines.filter { !golden.contains($0) }
                #expect(missing.isEmpty && extra.isEmpty && golden == lines,
                        "\(name): \(missing.count) lines missing, \(extra.count) new\nmissing:\n\(missing.prefix(8).joined(separator: "\n"))\nnew:\n\(extra.prefix(8).joined(separator: "\n"))")
            }
        }
    }

    /// A reply or event as text with its members in order, `dropping` some, and without what
    /// PROTOCOL.md v1.2 added after the recording (review, approved, the rank's gap, year_estimate, projected, flags): the golden
    /// files hold what the write path decided then, and v1.2 has its own tests.
    static func text(_ json: JSON, dropping: Set<String> = []) -> String {
        guard case .object(let members) = withoutV12(json) else { return "\(json)" }
        return String(decoding: JSONWriterForTests.object(members.filter { !dropping.contains($0.key) }), as: UTF8.self)
    }

    static func withoutV12(_ json: JSON) -> JSON {
        switch json {
        case .object(let members):
            return .object(members.filter { !["review", "approved", "gap", "year_estimate", "projected", "projected_light", "flags", "groups"].contains($0.key) }
                .map { JSON.Member(key: $0.key, value: withoutV12($0.value)) })
        case .array(let items): return .array(items.map(withoutV12))
        default: return json
        }
    }

    /// Ids the database hands out and times it stamps vary from run to run: replaced by placeholders.
    static func normalized(_ line: String) -> String {
        var s = line
        for (pattern, replacement) in [
            (#""(id|conflict)":"[0-9]+""#, #""$1":"N""#),
            (#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00"#, "TIME"),
        ] {
            s = s.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return s
    }

    static func number(_ json: JSON) -> Int? {
        if case .number(let t) = json { return Int(t) }
        return nil
    }

    /// `pg_dump` of the database, schema and data, as plain SQL that psql restores.
    static func dump(_ conninfo: String, to file: URL) throws {
        let tool = ["/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump"].first { FileManager.default.isExecutableFile(atPath: $0) }!
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["--no-owner", "--no-privileges", "--file", file.path, "--dbname", conninfo]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestFailure("pg_dump failed: \(p.terminationStatus)") }
    }
}

/// JSON back to text, members in the order they came (the test client parses replies into `JSON`).
enum JSONWriterForTests {
    static func object(_ members: [JSON.Member]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, m) in members.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += string(m.key)
            out.append(UInt8(ascii: ":"))
            out += value(m.value)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func value(_ v: JSON) -> [UInt8] {
        switch v {
        case .null: return Array("null".utf8)
        case .bool(let b): return Array((b ? "true" : "false").utf8)
        case .number(let t): return Array(t.utf8)
        case .string(let s): return string(s)
        case .array(let items):
            return [UInt8(ascii: "[")] + items.map(value).joined(separator: [UInt8(ascii: ",")]) + [UInt8(ascii: "]")]
        case .object(let members): return object(members)
        }
    }

    static func string(_ s: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
