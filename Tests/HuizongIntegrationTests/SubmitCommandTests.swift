import Foundation
import HuizongProtocol
import Testing

/// `huizong submit`, the real executable against a real daemon and PostgreSQL, as a clerk uses it:
/// a CSV with Chinese names saved by Excel on Chinese Windows (GB18030), sent again by mistake, a
/// bad row found and reported by line, a corrected month sent as a revision.
@Suite(.timeLimit(.minutes(3))) struct SubmitCommandTests {
    static let linhai = """
        地区,时期,指标,本年累计,同比增长(%),备注
        临海市,2022年9月,规上工业增加值,196.15,5.0,
        临海市,2022年9月,规上工业总产值,869.2,8.0,
        临海市,2022年10月,规上工业增加值,218.64,5.2,
        临海市,2022年10月,规上工业总产值,957.7,8.3,"含船舶, 医化"

        """

    @Test func aClerksCSVGoesInOnceAndABadRowIsReportedByItsLine() async throws {
        try await withServer { server in
            let dir = try TempDirectory()
            let token = try server.addOffice("331082", role: .county, region: "331082")
            try Data(token.utf8).write(to: dir.url("token"))
            let connect = ["--socket", server.socketPath, "--office", "331082", "--token-file", dir.path("token")]

            let file = dir.path("临海.csv")
            try Data(try gb18030(Self.linhai)).write(to: URL(fileURLWithPath: file))
            let (status, out) = try await runCLI(["submit", file] + connect)
            #expect(status == 0, "\(out)")
            #expect(out.contains("rows: 4 — 4 accepted, 0 duplicate, 0 refused"), "\(out)")
            #expect(try server.sql("SELECT period::text, indicator, ytd::text, yoy::text, coalesce(note, '') FROM figures WHERE region = '331082' ORDER BY 1, 2") == [
                ["2022-09-01", "ind_output", "869.2", "8.0", ""], ["2022-09-01", "ind_value_added", "196.15", "5.0", ""],
                ["2022-10-01", "ind_output", "957.7", "8.3", "含船舶, 医化"], ["2022-10-01", "ind_value_added", "218.64", "5.2", ""],
            ])

            // The same file again: nothing counted twice.
            let (again, againOut) = try await runCLI(["submit", file, "--json"] + connect)
            #expect(again == 0)
            let summary = try #require(againOut.split(separator: "\n").first { $0.hasPrefix("{") })
            #expect(try JSONParser.parse(Array(summary.utf8))["problems"]?.array.isEmpty == true)
            #expect(summary.contains(#""accepted":0,"#) && summary.contains(#""duplicate":4,"#), "\(againOut)")
            #expect(try server.sql("SELECT count(*) FROM submissions WHERE region = '331082'") == [["2"]])

            // November lower than October, and a misspelt indicator: both refused, by line.
            let bad = dir.path("bad.csv")
            try Data("""
                region,period,indicator,ytd,yoy
                331082,2022-11,ind_value_added,200.00,5.1
                331082,2022-12,规上工业利润,10,1

                """.utf8).write(to: URL(fileURLWithPath: bad))
            let report = dir.path("退回.csv")
            let (refused, refusedOut) = try await runCLI(["submit", bad, "--report", report] + connect)
            #expect(refused == 1, "\(refusedOut)")
            #expect(refusedOut.contains("bad.csv:2") && refusedOut.contains("ytd_decreasing") && refusedOut.contains("累计值小于前一月"), "\(refusedOut)")
            #expect(refusedOut.contains("bad.csv:3") && refusedOut.contains("unknown_indicator"), "\(refusedOut)")
            // An alias in the file (the seeds' 规上工业产值) is the catalog's 规上工业总产值; a near miss
            // is refused with the name it was probably meant to be.
            let aliasFile = dir.path("alias.csv")
            try Data("地区,时期,指标,本年累计\n临海市,2022年9月,规上工业产值,869.2\n临海市,2022年9月,规上工业总产量,1\n".utf8).write(to: URL(fileURLWithPath: aliasFile))
            let (_, aliasOut) = try await runCLI(["submit", aliasFile, "--dry-run"] + connect)
            #expect(aliasOut.contains("alias.csv:3") && aliasOut.contains("您是否指“规上工业总产值”？"), "\(aliasOut)")
            #expect(!aliasOut.contains("alias.csv:2,") && aliasOut.contains("held_back"), "row 2 read (held back only with row 3): \(aliasOut)")
            // The unknown indicator's row says what it said (region, period, the name as written).
            let unknownRow = try #require(refusedOut.split(separator: "\n").first { $0.contains("bad.csv:3") })
            #expect(unknownRow.contains("331082") && unknownRow.contains("2022-12") && unknownRow.contains("规上工业利润"), "\(unknownRow)")
            let reportBytes = try #require(FileManager.default.contents(atPath: report))
            #expect(reportBytes.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM, so that Excel reads UTF-8")
            let reportText = String(decoding: reportBytes.dropFirst(3), as: UTF8.self)
            #expect(reportText.hasPrefix("地区,时期,指标,本年累计,当月,同比增长,期末值,分子,分母,计量单位,备注,预计,修订,状态,错误代码,原因,详情,行号\r\n"), "\(reportText)")
            #expect(reportText.contains("331082,2022-11,ind_value_added,200.00,,5.1,,,,,,,,拒收,ytd_decreasing,"), "\(reportText)")
            #expect(reportText.contains("331082,2022-12,规上工业利润,10,,1,,,,,,,,拒收,unknown_indicator,"), "\(reportText)")
            #expect(try server.sql("SELECT count(*) FROM figures WHERE region = '331082' AND period >= '2022-11-01'") == [["0"]])

            // October corrected: refused as stale without --revise, then the next revision with it,
            // and the corrected file sent again is a duplicate.
            let fixed = dir.path("fixed.csv")
            try Data("地区,时期,指标,累计,同比增长\n临海市,2022-10,规上工业增加值,218.65,5.2\n临海市,2022-10,规上工业总产值,957.7,8.3\n".utf8)
                .write(to: URL(fileURLWithPath: fixed))
            let (stale, staleOut) = try await runCLI(["submit", fixed] + connect)
            #expect(stale == 1 && staleOut.contains("stale_revision") && staleOut.contains("--revise"), "\(staleOut)")
            // One language per message: the reason in Chinese with the revision in it, the daemon's
            // English words in their own column.
            #expect(staleOut.contains("该地区该时期已有更新的修订（已接受的修订号为 1）（改正后重新报送请加 --revise）"), "\(staleOut)")
            #expect(!staleOut.contains("修订：331082"), "\(staleOut)")
            let (revised, revisedOut) = try await runCLI(["submit", fixed, "--revise"] + connect)
            #expect(revised == 0 && revisedOut.contains("2 accepted"), "\(revisedOut)")
            #expect(try server.sql("SELECT revision::text FROM region_periods WHERE region = '331082' AND period = '2022-10-01'") == [["2"]])
            #expect(try server.sql("SELECT ytd::text FROM figures WHERE region = '331082' AND period = '2022-10-01' AND indicator = 'ind_value_added'") == [["218.65"]])
            let (twice, twiceOut) = try await runCLI(["submit", fixed, "--revise"] + connect)
            #expect(twice == 0 && twiceOut.contains("2 duplicate"), "\(twiceOut)")
            #expect(try server.sql("SELECT revision::text FROM region_periods WHERE region = '331082' AND period = '2022-10-01'") == [["2"]])

            // NDJSON saved on Windows (CRLF), one line with an id and one without, and a line that is
            // not a submission: the two are answered each on its own line, the third never sent.
            let ndjson = dir.path("december.ndjson")
            let december = submitLine("nd-12", "331082", "2022-12", [("ind_value_added", ["ytd": "260.1", "yoy": "5.0"])])
            let november = submitLine("nd-11", "331082", "2022-11", [("ind_value_added", ["ytd": "240.2", "yoy": "5.1"])])
                .replacingOccurrences(of: #""id":"nd-11","#, with: "")
            try Data((november + "\r\n" + december + "\r\n{\"type\":\"hello\",\"office\":\"x\",\"token\":\"y\"}\r\n").utf8)
                .write(to: URL(fileURLWithPath: ndjson))
            let (nd, ndOut) = try await runCLI(["submit", ndjson] + connect)
            #expect(nd == 1 && ndOut.contains("rows: 3 — 2 accepted") && ndOut.contains("december.ndjson:3") && ndOut.contains("not_submit"), "\(ndOut)")
            #expect(try server.sql("SELECT period::text FROM figures WHERE region = '331082' AND period >= '2022-11-01' ORDER BY 1") == [["2022-11-01"], ["2022-12-01"]])

            // --dry-run reaches NDJSON lines too: checked, nothing stored.
            let january = dir.path("january.ndjson")
            try Data((submitLine("nd-2301", "331082", "2023-01", [("ind_value_added", ["ytd": "20.1"])]) + "\n").utf8)
                .write(to: URL(fileURLWithPath: january))
            let (ndDry, ndDryOut) = try await runCLI(["submit", january, "--dry-run"] + connect)
            #expect(ndDry == 0 && ndDryOut.contains("1 valid"), "\(ndDryOut)")
            #expect(try server.sql("SELECT count(*) FROM figures WHERE region = '331082' AND period = '2023-01-01'") == [["0"]])

            // A dry run checks and stores nothing.
            let dryFile = dir.path("dry.csv")
            try Data("region,period,indicator,ytd\n331082,2022-12,ind_value_added,230\n".utf8).write(to: URL(fileURLWithPath: dryFile))
            let (dry, dryOut) = try await runCLI(["submit", dryFile, "--dry-run", "--revise"] + connect)
            #expect(dry == 1 && dryOut.contains("ytd_decreasing"), "\(dryOut)")
            #expect(try server.sql("SELECT ytd::text FROM figures WHERE region = '331082' AND period = '2022-12-01'") == [["260.1"]])

            // The daemon gone: nothing can be sent, every row says so, exit status 2.
            let (gone, goneOut) = try await runCLI(["submit", fixed, "--socket", dir.path("nobody.sock"), "--office", "331082", "--token-file", dir.path("token")])
            #expect(gone == 2 && goneOut.contains("cannot connect"), "\(goneOut)")
        }
    }
}

/// A scratch directory removed when the test is done with it.
final class TempDirectory {
    let url: URL
    var path: String { url.path }
    init() throws {
        url = URL(fileURLWithPath: "/tmp/hz-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func url(_ name: String) -> URL { url.appendingPathComponent(name) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs the huizong executable on a thread of its own (not the test's cooperative pool).
func runCLI(_ arguments: [String]) async throws -> (Int32, String) {
    let program = try executable("huizong")
    return try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try runCommand(program, arguments) }) }.start()
    }
}

/// UTF-8 text as GB18030 bytes, the way Excel saves CSV on Chinese Windows.
func gb18030(_ text: String) throws -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")
    guard cd != iconv_t(bitPattern: -1) else { throw TestFailure("no GB18030 in iconv") }
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let n = input.withUnsafeMutableBufferPointer { i in
        output.withUnsafeMutableBufferPointer { o in
            var ip: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(i.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var op: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(o.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var il = i.count, ol = o.count
            _ = iconv(cd, &ip, &il, &op, &ol)
            return o.count - ol
        }
    }
    let bytes = Array(output[..<n])
    guard String(validating: bytes, as: UTF8.self) == nil else { throw TestFailure("not GB18030: valid UTF-8") }
    return bytes
}
