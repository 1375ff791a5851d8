import Foundation
import HuizongCore
import HuizongWorkload
@testable import HuizongProtocol

/// Request lines for the differential tests: files, lines other tests use, edge cases of the order
/// in which errors are reported, the benchmark's workload, random realistic submissions, and
/// mutations of all of them. Deterministic: the same seed gives the same lines.
enum DifferentialInputs {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// Every file of a directory, by name.
    static func files(_ directory: URL) throws -> [(name: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().compactMap { name in
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
            return (name, [UInt8](try Data(contentsOf: url)))
        }
    }

    /// Every raw string literal that opens an object in the sources of every test target: the lines
    /// the tests send (interpolations, `\#(…)`, stay as written and make invalid JSON, inputs too).
    static func linesOfTheTests() throws -> [[UInt8]] {
        var out: [[UInt8]] = []
        let pattern = try NSRegularExpression(pattern: ##"#"(\{.*?)"#"##)
        for target in try FileManager.default.contentsOfDirectory(atPath: testsDirectory.path).sorted() {
            let directory = testsDirectory.appendingPathComponent(target).resolvingSymlinksInPath()
            let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "swift" else { continue }
                let text = try String(contentsOf: url, encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    guard let range = Range(match.range(at: 1), in: text) else { continue }
                    out.append(Array(text[range].utf8))
                }
            }
        }
        return out
    }

    /// Lines aimed at the order in which errors are found: fields out of order, a figure's failures
    /// in several fields, names twice (also as canonically equal Strings), bounds of lengths.
    static let edgeCases: [String] = {
        let head = #""type":"submit","key":"k","region":"1","period":"2022-10","revision":1"#
        func submit(_ figures: String, _ extra: String = "") -> String { "{\(head),\"figures\":\(figures)\(extra)}" }
        let cjk128 = String(repeating: "临", count: 128), cjk129 = String(repeating: "临", count: 129)
        let combining = String(repeating: "e\u{301}", count: 100)  // 100 characters, 300 bytes
        return [
            "", " ", "{}", "[]", "\"x\"", "1", "-", "null", "true", "{\"type\":\"ping\"} x", "{\"type\":\"ping\"}}",
            "{\"type\":\"ping\"}\r", " \t{\"type\" : \"ping\" , \"id\" : \"w\" }\r\n",
            #"{"figures":[{"indicator":"x","ytd":"1"}],"type":"submit","key":"k","region":"1","period":"2022-10","revision":1}"#,
            #"{"figures":[{"indicator":"x","ytd":"bad"}],"type":"submit","region":"1","period":"2022-10","revision":1}"#,
            #"{"figures":[{"indicator":"x","ytd":"bad"}],"type":"submit","key":"k","region":"1","period":"2022-10","revision":1}"#,
            #"{"figures":[{"indicator":"x"}],"dry_run":1,"type":"submit","key":"k","region":"1","period":"2022-10","revision":1}"#,
            #"{"figures":[{"indicator":"x","ytd":"bad"}],"dry_run":1,"type":"submit","key":"k","region":"1","period":"2022-10","revision":1}"#,
            #"{"figures":[{"indicator":"x","ytd":"1"}],"type":"query","region":"1","period":"2022-10"}"#,
            #"{"figures":[1,{"indicator":"x"}],"type":"submit","key":"k","region":"1","period":"2022-10","revision":1,"figures":[]}"#,
            submit(#"[{"ytd":true,"indicator":5}]"#), submit(#"[{"ytd":true,"indicator":null}]"#),
            submit(#"[{"yoy":"x","ytd":true,"indicator":"a"}]"#), submit(#"[{"estimate":1,"note":5,"unit":7,"indicator":"a"}]"#),
            submit(#"[{"ytd":"x","foo":1}]"#), submit(#"[{"foo":1,"ytd":"x","ytd":"y"}]"#), submit(#"[{"foo":1,"foo":2}]"#),
            submit(#"[{"foo":1,"bar":2,"indicator":"x"}]"#), submit(#"[{"indicator":"x","ytd":"1"},{"indicator":"y","foo":1},{"bar":1}]"#),
            submit("[{\"indicator\":\"x\",\"\u{e9}\":1,\"e\u{301}\":2}]"), submit(#"[{"indicator":"x","K":1,"\u212A":2}]"#),
            submit(#"[{"\u0069ndicator":"x","yt\u0064":"1.5","yt\u0064":"2"}]"#), submit(#"[{"indicator":"x","ytd\u0000":"1"}]"#),
            submit(#"[{"indicator":"x\u0000"}]"#), submit("[{\"indicator\":\"x\u{7f}\"}]"), submit(#"[{"indicator":"x\u007f"}]"#),
            submit(#"[{"indicator":"x","unit":"万\u0009元"}]"#), submit(#"[{"indicator":"x","note":"a\tb\nc\rd"}]"#),
            submit(#"[{"indicator":"x","note":"a\u0001"}]"#), submit("[{\"indicator\":\"x\",\"note\":\"a\u{7f}\"}]"),
            submit("[{\"indicator\":\"x\",\"note\":\"\(String(repeating: "说", count: 2000))\"}]"),
            submit("[{\"indicator\":\"x\",\"note\":\"\(String(repeating: "说", count: 2001))\"}]"),
            submit(#"[{"indicator":"x","ytd":1e400}]"#), submit(#"[{"indicator":"x","ytd":-0,"month":"-0.0","yoy":"007.50"}]"#),
            submit(#"[{"indicator":"x","ytd":"+1"}]"#), submit(#"[{"indicator":"x","ytd":" 1"}]"#), submit(#"[{"indicator":"x","ytd":"1e-16","month":"1e-17"}]"#),
            submit(#"[{"indicator":"x","ytd":"1e9999","month":"0e10000"}]"#), submit(#"[{"indicator":"x","ytd":"\u0031\u002e5"}]"#),
            submit("[{\"indicator\":\"x\",\"ytd\":\"\(String(repeating: "1", count: 65))\"}]"),
            submit("[{\"indicator\":\"x\",\"ytd\":\"\(String(repeating: "1", count: 22)).\(String(repeating: "9", count: 16))\"}]"),
            submit("[{\"indicator\":\"x\",\"ytd\":\"0.\(String(repeating: "0", count: 40))1\"}]"),
            submit("[{\"indicator\":\"x\",\"ytd\":\"\(String(repeating: "说", count: 50))\"}]"),
            submit(#"[{"indicator":"x","ytd":{},"month":[],"yoy":null,"value":false,"num":"1","den":2,"estimate":null}]"#),
            submit(#"[{"indicator":"x","estimate":true,"unit":null,"note":null}]"#), submit("[{}]"), submit("[[]]"), submit("[null]"),
            submit("{}"), submit("null"), submit("\"x\""), submit("[]", #","dry_run":true"#), submit("[]", #","dry_run":"yes""#),
            submit(#"[{"indicator":"x","ytd":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]"#),
            submit(#"[{"indicator":"x","ytd":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]"#),
            submit(#"[{"indicator":"x","ytd":"1"}]"#, #","a":1,"a":2,"id":"late""#), submit("[]", #","id":"x","key":"k2""#),
            #"{"type":"submit","type":"ping"}"#, #"{"id":5,"a":1,"a":1}"#, #"{"id":null,"type":"ping"}"#, #"{"id":"x","id":5,"type":"ping"}"#,
            "{\"type\":\"ping\",\"\u{e9}\":1,\"e\u{301}\":2}", #"{"type":"ping","K":1,"\u212A":2}"#,
            #"{"type":"ping","a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"a":10}"#,
            "{\"type\":\"ping\",\"id\":\"\(String(repeating: "x", count: 128))\"}", "{\"type\":\"ping\",\"id\":\"\(cjk128)\"}",
            "{\"type\":\"ping\",\"id\":\"\(cjk129)\"}", "{\"type\":\"ping\",\"id\":\"\(combining)\"}",
            "{\(head.replacingOccurrences(of: "\"k\"", with: "\"\(cjk128)\"")),\"figures\":[]}",
            "{\(head.replacingOccurrences(of: "\"k\"", with: "\"\(cjk129)\"")),\"figures\":[]}",
            #"{"type":"submit","key":"","region":"1","period":"2022-10","revision":1,"figures":[]}"#,
            #"{"type":"\u0073ubmit","key":"k","region":"1","period":"2022-10","revision":"+5","figures":[]}"#,
            #"{"type":"submit\u0000"}"#, #"{"type":5}"#, #"{"type":null}"#, #"{"type":"hello","office":"1"}"#,
            #"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":"0005","figures":[]}"#,
            #"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1.0,"figures":[]}"#,
            #"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1000000000,"figures":[]}"#,
            #"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":"１","figures":[]}"#,
            #"{"type":"submit","key":"k","region":"1","period":"2022-1","revision":1,"figures":[]}"#,
            #"{"type":"submit","key":"k","region":1,"period":"2022-10","revision":1,"figures":[]}"#,
            #"{"type":"conflicts","region":"1"}"#, #"{"type":"conflicts","region":"1","period":null}"#,
            #"{"type":"conflicts","region":"1","period":"x"}"#, #"{"type":"conflicts","region":"1","period":"2023-11"}"#,
            #"{"type":"subscribe","region":"1","since":-1}"#, #"{"type":"subscribe","region":"1","since":"18446744073709551616"}"#,
            #"{"type":"subscribe","region":"1","since":1.5}"#, #"{"type":"subscribe","region":"1","since":true}"#,
            #"{"type":"subscribe","region":"1","since":"7","indicator":"ind_output"}"#, #"{"type":"subscribe","region":"1","since":null}"#,
            #"{"type":"target","region":"1","year":2023,"indicator":"x","share":"60"}"#,
            #"{"type":"target","region":"1","year":1999,"indicator":"x","ytd":"1"}"#, #"{"type":"target","region":"1","year":2023,"indicator":"x","ytd":"0"}"#,
            #"{"type":"target","region":"1","year":2023,"indicator":"x"}"#, #"{"type":"target","region":"1","year":"2023","indicator":"x","share":"60","of":"y","yoy":-1.5}"#,
            #"{"type":"target","region":"1","year":2023,"indicator":"x","share":"100.0001","of":"y"}"#,
            #"{"type":"add_region","code":"ZONE1","name":"新区","parent":"330900","level":"county","in_sum":false}"#,
            #"{"type":"add_region","code":"ZONE-1","name":"新区","parent":"330900"}"#, #"{"type":"add_region","code":"Z","name":"","parent":"1"}"#,
            #"{"type":"add_region","code":"Z","name":"n","parent":"1","level":"town"}"#,
            #"{"type":"add_indicator","code":"mfg_output","name":"制造业产值","unit":"亿元","kind":"flow","better":"lower","frequency":"quarterly","part_of":"ind_output"}"#,
            #"{"type":"add_indicator","code":"Mfg","name":"n","unit":"u","kind":"flow"}"#, #"{"type":"add_indicator","code":"m","name":"n","unit":"u","kind":"level"}"#,
            #"{"type":"add_indicator","code":"m","name":"n","unit":"12345678901234567","kind":"flow"}"#,
            #"{"type":"add_alias","indicator":"ind_output","alias":" 规上工业产值 "}"#, #"{"type":"add_alias","indicator":"ind_output","alias":"  "}"#,
            #"{"type":"add_alias","indicator":"ind_output"}"#, #"{"type":"add_alias","indicator":1,"alias":"x"}"#,
            #"{"type":"add_alias","indicator":"ind_output","alias":"a\u001fb"}"#,
            #"{"type":"resolve","conflict":"0","action":"accept_own"}"#, #"{"type":"resolve","conflict":12,"action":"accept_all"}"#,
            #"{"type":"resolve","conflict":"9223372036854775807","action":"accept_sum","note":"ok\n"}"#,
            "{\"type\":\"resolve\",\"conflict\":1,\"action\":\"accept_sum\",\"note\":\"\(String(repeating: "说", count: 2001))\"}",
            #"{"type":"query","region":"1","period":"2023-11","children":true,"indicator":null}"#, #"{"type":"query","region":"1","period":"2023-11","children":"yes"}"#,
            #"{"type":"completeness","region":"1","period":"2023-11"}"#, #"{"type":"completeness","region":"1","period":"2023-11","indicator":"exports"}"#,
            #"{"type":"completeness","region":"1","period":"2023-11","indicator":7}"#, #"{"type":"catalog"}"#, #"{"type":"regions"}"#, #"{"type":"regions","region":5}"#,
            #"{"type":"lock","region":"1","period":"2023-11"}"#, #"{"type":"unlock","region":"1","period":"2023-11"}"#, #"{"type":"teleport"}"#,
            #"{"type":"ping","x":"\ud83d\ude00","y":"\ud83d","z":1}"#, #"{"type":"ping","x":"\ud83d\u0041"}"#, #"{"type":"ping","x":"\udc00"}"#,
            "{\"type\":\"ping\",\"x\":\"\u{1}\"}", #"{"type":"ping","x":"\x"}"#, #"{"type":"ping","x":"\u12"}"#, #"{"type":"ping","x":"\u12G4"}"#,
            #"{"type":"ping","x":01}"#, #"{"type":"ping","x":1.}"#, #"{"type":"ping","x":1e}"#, #"{"type":"ping","x":-}"#, #"{"type":"ping","x":tru}"#,
            #"{"type":"ping",}"#, #"{"type":"ping" "id":1}"#, #"{"type" "ping"}"#, #"{"type":"ping""#, #"{"type":"ping","x":[1,]}"#, #"{"type":"ping","x":[1 2]}"#,
            #"{"type":"ping","x":"abc"#, #"{"type":"ping","x":"\"#, #"{"type":"ping","x":"\u"#, #"{"type":"ping","x":"\ud800\"#,
            String(repeating: "[", count: 100_000), "{\"a\":" + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "}",
            "{\"a\":" + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}",
        ]
    }()

    /// Lines with invalid UTF-8 and raw control bytes, which string literals cannot spell.
    static let byteCases: [[UInt8]] = {
        let open = Array(#"{"type":"ping","x":""#.utf8), close = Array(#""}"#.utf8)
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xC3, 0x28], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF],
                              [0x80], [0x00], [0x1F], [0x7F], [0xE4, 0xB8, 0xB4], [0xF0, 0x9F, 0x98, 0x80]]
        var out: [[UInt8]] = []
        for b in bad {
            out.append(open + b + close)
            out.append(open + b + Array(#"\n"#.utf8) + close)  // through the escaped path
            out.append(open + Array(#"\n"#.utf8) + b + Array(#"\u0041"#.utf8) + close)
            out.append(open + Array("\\".utf8) + b + close)
            out.append(Array(#"{"type":"ping",""#.utf8) + b + Array(#"":1}"#.utf8))  // in a key
        }
        return out
    }()

    // MARK: The benchmark's workload

    /// The twenty indicators of the national year, with their kinds.
    static let catalog = Catalog(indicators: [
        ("ind_value_added", IndicatorKind.flow, "亿元"), ("ind_output", .flow, "亿元"), ("ship_output", .flow, "亿元"),
        ("industrial_investment", .flow, "亿元"), ("mfg_investment", .flow, "亿元"), ("tech_investment", .flow, "亿元"),
        ("digital_core_revenue", .flow, "亿元"), ("exports", .flow, "亿美元"), ("retail_sales", .flow, "亿元"),
        ("industrial_power", .flow, "万千瓦时"), ("burden_reduction", .flow, "亿元"), ("new_5g_stations", .flow, "个"),
        ("above_scale_firms", .stock, "家"), ("tax_per_mu", .ratio, "万元/亩"), ("export_delivery", .flow, "亿元"),
        ("new_product_output", .flow, "亿元"), ("high_tech_value_added", .flow, "亿元"), ("rd_expense", .flow, "亿元"),
        ("ind_revenue", .flow, "亿元"), ("value_added_per_mu", .ratio, "万元/亩"),
    ].map { Indicator(code: $0.0, name: $0.0, unit: $0.2, kind: $0.1) })

    /// A province of `cities` cities of ten counties each.
    static func regions(cities: Int) -> RegionTree {
        var list = [Region(code: "330000", name: "浙江省", parent: nil, level: .province)]
        for c in 1...cities {
            let city = String(format: "33%02d00", c)
            list.append(Region(code: city, name: city, parent: "330000", level: .city))
            for k in 1...10 { list.append(Region(code: String(format: "33%02d%02d", c, k), name: "县", parent: city, level: .county)) }
        }
        return RegionTree(list)
    }

    /// The national year's submission lines as the benchmark sends them (without the terminator).
    static func workloadLines(cities: Int) -> [[UInt8]] {
        NationalYear(regions: regions(cities: cities), catalog: catalog).submissions.map { s in
            Array(RequestEncoder.submit(id: s.key, s).dropLast())
        }
    }

    // MARK: Random realistic submissions

    /// A submission as a careful client or a clerk's tool might write it: every figure field, numbers
    /// as strings or JSON numbers, notes in Chinese with escapes, members in any order, spacing.
    static func realisticSubmit(_ random: inout SplitMix64) -> [UInt8] {
        func pick<T>(_ xs: [T]) -> T { xs[Int(random.next(below: UInt64(xs.count)))] }
        func chance(_ percent: UInt64) -> Bool { random.next(below: 100) < percent }
        func space() -> String { chance(15) ? pick([" ", "\t", "\r\n", "  "]) : "" }
        func string(_ s: String) -> String { "\"\(s)\"" }
        func decimal() -> String {
            // Mostly a figure's few digits; now and then near or past the bounds.
            let digits = chance(96) ? pick([1, 2, 3, 4, 5, 6, 9]) : pick([12, 18, 22, 23, 25])
            var int = String((0..<digits).map { _ in Character(String(random.next(below: 10))) })
            if chance(70) { int = String(int.drop { $0 == "0" }); if int.isEmpty { int = "0" } }
            var text = (chance(15) ? "-" : "") + int
            if chance(70) { text += "." + String((0..<(chance(96) ? pick([1, 2, 3, 4]) : pick([12, 16, 17]))).map { _ in Character(String(random.next(below: 10))) }) }
            if chance(3) { text += pick(["e", "E"]) + pick(["", "+", "-"]) + String(random.next(below: 20)) }
            // As a JSON number the grammar forbids leading zeros: such a text stays a string.
            return chance(55) || (int.count > 1 && int.hasPrefix("0")) ? string(text) : text
        }
        func shuffle(_ xs: inout [String]) {
            for i in xs.indices.reversed() { xs.swapAt(i, Int(random.next(below: UInt64(i + 1)))) }
        }
        func note() -> String {
            pick(["上报说明", #"含\"新增\"项目\n第二行"#, #"\u4e34\u6d77 \ud83d\ude00"#, "tab\\there", "", "预计数", #"a\\b\/c"#])
        }
        let codes = catalog.indicators.keys.sorted()
        var figures: [String] = []
        for _ in 0..<Int(1 + random.next(below: 24)) {
            var members = ["\"indicator\":" + space() + string(pick(codes))]
            for field in ["ytd", "month", "yoy", "value", "num", "den"] where chance(35) {
                members.append("\"\(field)\":\(space())\(chance(3) ? "null" : decimal())")
            }
            if chance(15) { members.append("\"note\":\(string(note()))") }
            if chance(15) { members.append("\"unit\":\(chance(5) ? "null" : string(pick(["万元", "亿元", "亿美元", "个", "万千瓦时", "\\u4e07\\u5143"])))") }
            if chance(15) { members.append("\"estimate\":\(pick(["true", "false", "null"]))") }
            if chance(30) { shuffle(&members) }
            figures.append("{" + space() + members.joined(separator: "," + space()) + space() + "}")
        }
        let period = "\(2020 + random.next(below: 6))-\(String(format: "%02d", 1 + random.next(below: 12)))"
        var members = [
            "\"type\":\"submit\"", "\"key\":\(string("k-\(random.next(below: 1_000_000))"))", "\"region\":\"3310\(random.next(below: 90) + 10)\"",
            "\"period\":\(string(period))", "\"revision\":\(chance(20) ? string(String(1 + random.next(below: 9))) : String(1 + random.next(below: 9)))",
            "\"figures\":[" + figures.joined(separator: "," + space()) + "]",
        ]
        if chance(60) { members.append("\"id\":\(string("s\(random.next(below: 1000))"))") }
        if chance(20) { members.append("\"dry_run\":\(pick(["true", "false"]))") }
        if chance(30) { shuffle(&members) }
        return Array((space() + "{" + members.joined(separator: "," + space()) + "}" + space()).utf8)
    }

    // MARK: Mutations

    /// Bytes that make or break JSON where they land.
    static let splices: [[UInt8]] = [
        "\"", "\\", "{", "}", "[", "]", ",", ":", " ", "null", "true", "-", "0", ".", "e", "1e400", "\\u0000", "\\ud800", "\\u",
        #""ytd":"1","#, #""indicator":"x","#, #""figures":[],"#, #""id":"x","#, #""id":5,"#, #""type":"ping","#, #""foo":1,"#,
        #"{"indicator":"x","ytd":"2"},"#, #""note":"说明","#, #""estimate":true,"#, "\u{7f}", "é",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x00], [0x1F], [0xE4, 0xB8]]

    /// One to three random edits of a line: a byte flipped or replaced, a cut, a deletion, an
    /// insertion of a token or of a piece of another line, a repeated range (names twice).
    static func mutate(_ line: [UInt8], pool: [[UInt8]], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = line
        func position() -> Int { Int(random.next(below: UInt64(bytes.count + 1))) }
        for _ in 0..<Int(1 + random.next(below: 3)) {
            switch random.next(below: 7) {
            case 0 where !bytes.isEmpty:
                bytes[Int(random.next(below: UInt64(bytes.count)))] ^= UInt8(1) << random.next(below: 8)
            case 1 where !bytes.isEmpty:
                bytes[Int(random.next(below: UInt64(bytes.count)))] = UInt8(truncatingIfNeeded: random.next())
            case 2:
                bytes.removeSubrange(position()...)
            case 3:
                let a = position(), b = position()
                bytes.removeSubrange(min(a, b)..<max(a, b))
            case 4:
                bytes.insert(contentsOf: splices[Int(random.next(below: UInt64(splices.count)))], at: position())
            case 5:
                let other = pool[Int(random.next(below: UInt64(pool.count)))]
                let a = Int(random.next(below: UInt64(other.count + 1))), b = Int(random.next(below: UInt64(other.count + 1)))
                bytes.insert(contentsOf: other[min(a, b)..<max(a, b)], at: position())
            default:
                let a = position(), b = position()
                bytes.insert(contentsOf: bytes[min(a, b)..<max(a, b)], at: max(a, b))
            }
        }
        return bytes
    }
}

/// Mutations that keep a line valid JSON, to reach the field rules rather than the syntax check:
/// members swapped, repeated, dropped or renamed, values replaced by values of every kind.
enum TreeMutations {
    static let names = ["type", "id", "key", "region", "period", "revision", "figures", "dry_run", "office", "token", "indicator",
                        "ytd", "month", "yoy", "value", "num", "den", "note", "unit", "estimate", "since", "year", "share", "of",
                        "conflict", "action", "code", "name", "parent", "level", "in_sum", "kind", "children", "foo", "Ytd", "é"]
    static let values: [JSON] = [
        .null, .bool(true), .bool(false), .number("0"), .number("-1"), .number("1.50"), .number("1e400"), .number("2023"),
        .number("12345678901234567890123"), .string(""), .string("x"), .string("2022-10"), .string("2022-13"), .string("submit"),
        .string("ping"), .string("hello"), .string("target"), .string("query"), .string("1.5"), .string("-0.00"), .string("+1"),
        .string("a\u{0}b"), .string("tab\there"), .string("说明"), .string(String(repeating: "x", count: 129)),
        .string("accept_own"), .string("county"), .array([]), .array([.object([])]), .object([]),
        .object([JSON.Member(key: "indicator", value: .string("x")), JSON.Member(key: "ytd", value: .string("1"))]),
    ]

    static func mutate(_ json: JSON, _ random: inout SplitMix64) -> JSON {
        func pick<T>(_ xs: [T]) -> T { xs[Int(random.next(below: UInt64(xs.count)))] }
        switch json {
        case .object(var members) where !members.isEmpty:
            let i = Int(random.next(below: UInt64(members.count)))
            switch random.next(below: 8) {
            case 0: members.swapAt(i, Int(random.next(below: UInt64(members.count))))
            case 1: members.insert(members[i], at: Int(random.next(below: UInt64(members.count + 1))))
            case 2: members.remove(at: i)
            case 3: members[i] = JSON.Member(key: pick(names), value: members[i].value)
            case 4: members[i] = JSON.Member(key: members[i].key, value: pick(values))
            case 5: members.insert(JSON.Member(key: pick(names), value: pick(values)), at: Int(random.next(below: UInt64(members.count + 1))))
            default: members[i] = JSON.Member(key: members[i].key, value: mutate(members[i].value, &random))  // deeper
            }
            return .object(members)
        case .array(var elements) where !elements.isEmpty:
            let i = Int(random.next(below: UInt64(elements.count)))
            switch random.next(below: 4) {
            case 0: elements.remove(at: i)
            case 1: elements[i] = pick(values)
            default: elements[i] = mutate(elements[i], &random)
            }
            return .array(elements)
        default:
            return pick(values)
        }
    }

    static func serialize(_ json: JSON, into out: inout [UInt8]) {
        switch json {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .number(let text): out += Array(text.utf8)
        case .string(let s): JSONObjectWriter.appendString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                serialize(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONObjectWriter.appendString(m.key, to: &out)
                out.append(UInt8(ascii: ":"))
                serialize(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// One to three edits of a line that parses; nil for one that does not.
    static func mutate(_ line: [UInt8], _ random: inout SplitMix64) -> [UInt8]? {
        guard var json = try? JSONParser.parse(line) else { return nil }
        for _ in 0..<Int(1 + random.next(below: 3)) { json = mutate(json, &random) }
        var out: [UInt8] = []
        serialize(json, into: &out)
        return out
    }
}
