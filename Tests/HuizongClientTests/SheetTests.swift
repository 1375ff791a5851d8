import HuizongCore
import Testing
@testable import HuizongClient

/// Reading a clerk's CSV: encodings as Excel writes them, quoting, Chinese headers and names, rows
/// grouped into submissions with keys that do not depend on row order.
struct SheetTests {
    let names = Names(indicators: [("ind_value_added", "规上工业增加值"), ("ind_output", "规上工业总产值"), ("exports", "外贸出口总额")],
                      regions: [("331000", "台州市", nil), ("331082", "临海市", "331000"), ("331002", "椒江区", "331000"),
                                ("330100", "杭州市", nil), ("330102", "上城区", "330100"), ("330300", "温州市", nil), ("330302", "上城区", "330300")])

    func plan(_ csv: String, file: String = "a.csv") throws -> Plan {
        Plan([try Sheet(records: try CSV.parse(csv), names: names, file: file)])
    }

    @Test func utf8WithAndWithoutBOMAndGB18030DecodeToTheSameText() throws {
        let text = "地区,指标\n临海市,规上工业增加值\n"
        let utf8 = Array(text.utf8)
        #expect(try TextDecoding.decode(utf8).text == text)
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + utf8).text == text)
        // 临海市 in GB18030 (GBK range) as Excel on Chinese Windows saves it.
        let gb: [UInt8] = [0xC1, 0xD9, 0xBA, 0xA3, 0xCA, 0xD0]
        let decoded = try TextDecoding.decode(gb)
        #expect(decoded.text == "临海市" && decoded.encoding == .gb18030)
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode([0xFF, 0xFE, 0x34, 0x00]) }
        #expect(throws: TextDecoding.Failure.self) { try TextDecoding.decode([0xC1, 0xD9], as: .utf8) }
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaksKeepTheirLine() throws {
        let records = try CSV.parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z\nlast,\"\"")
        #expect(records == [
            .init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["x, y", "say \"hi\""]),
            .init(line: 4, fields: ["two\nlines", "z"]), .init(line: 6, fields: ["last", ""]),
        ])
        #expect(throws: CSV.Failure.self) { try CSV.parse("a,\"open\nb") }
        #expect(throws: CSV.Failure.self) { try CSV.parse("\"a\"b,c") }
        #expect(CSV.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }

    @Test func chineseHeadersAndNamesBecomeOneSubmissionPerRegionAndPeriod() throws {
        let csv = """
            地区,时期,指标,本年累计,同比增长(%),备注,预计
            临海市,2022年10月,规上工业增加值,218.64,5.2,,
            临海市,2022-10,规上工业总产值,"1,957.7",8.3%,含船舶,否
            331002,2022/10,外贸出口总额,12.5,-1.8,,是
            """
        let sheet = try plan(csv)
        #expect(sheet.errors.isEmpty)
        #expect(sheet.submissions.map { "\($0.region) \($0.period) \($0.rows.count)" } == ["331082 2022-10 2", "331002 2022-10 1"])
        let request = String(decoding: sheet.submissions[0].request(), as: UTF8.self)
        #expect(request.contains(#""figures":[{"indicator":"ind_value_added","ytd":"218.64","yoy":"5.2"},{"indicator":"ind_output","ytd":"1957.7","yoy":"8.3","note":"含船舶"}]"#), "\(request)")
        #expect(request.contains(#""revision":1"#))
        #expect(String(decoding: sheet.submissions[1].request(), as: UTF8.self).contains(#""estimate":true"#))
    }

    @Test func theKeyFollowsTheContentNotTheRowOrder() throws {
        let a = try plan("region,period,indicator,ytd\n331082,2022-10,ind_output,957.7\n331082,2022-10,ind_value_added,218.64\n")
        let b = try plan("region,period,indicator,ytd\n331082,2022-10,ind_value_added,218.64\n331082,2022-10,ind_output,957.7\n")
        let c = try plan("region,period,indicator,ytd\n331082,2022-10,ind_value_added,218.65\n331082,2022-10,ind_output,957.7\n")
        #expect(a.submissions[0].key == b.submissions[0].key)
        #expect(a.submissions[0].key != c.submissions[0].key)
        // Another revision of the same content is another key (the daemon hashes the revision too).
        #expect(String(decoding: a.submissions[0].request(revision: 2), as: UTF8.self).contains(a.submissions[0].key) == false)
    }

    @Test func aBadRowHoldsBackItsWholeSubmissionAndSaysWhy() throws {
        let csv = """
            region,period,indicator,ytd
            临海市,2022-10,规上工业增加值,218.64
            临海市,2022-10,规上工业利润,10
            上城区,2022-10,规上工业增加值,1
            椒江区,2022-13,规上工业增加值,1
            椒江区,2022-11,规上工业增加值,
            椒江区,2022-12,规上工业增加值,5
            """
        let sheet = try plan(csv)
        // 椒江区's December is held back too: its line 5 has a month that cannot be read.
        #expect(sheet.submissions.isEmpty)
        #expect(sheet.errors.map { "\($0.line) \($0.code)" } == ["2 held_back", "3 unknown_indicator", "4 ambiguous_region", "5 bad_period", "6 required", "7 held_back"])
        #expect(sheet.errors[2].message.contains("330102") && sheet.errors[2].message.contains("330302"))
        // A row whose month cannot be read holds back every month of its region in the file.
        let unreadable = try plan("region,period,indicator,ytd\n331082,2022-10,ind_output,1\n331082,十月,ind_value_added,1\n331002,2022-10,ind_output,1\n")
        #expect(unreadable.submissions.map(\.region) == ["331002"])
        #expect(unreadable.errors.map { "\($0.line) \($0.code)" } == ["2 held_back", "3 bad_period"])
        #expect(sheet.errors[0].message.contains("第 3 行"))
        let qualified = try plan("region,period,indicator,ytd\n温州市上城区,2022-10,ind_output,1\n")
        #expect(qualified.submissions.map(\.region) == ["330302"])
    }

    @Test func reportColumnsAreReadBackAndAcceptedRowsSkipped() throws {
        let csv = "地区,时期,指标,累计,状态,错误代码,原因,行号\n临海市,2022-10,规上工业增加值,218.64,已接受,yoy_mismatch,x,a.csv:2\n临海市,2022-11,规上工业增加值,240,拒收,ytd_decreasing,y,a.csv:3\n"
        let sheet = try Sheet(records: try CSV.parse(csv), names: names, file: "r.csv")
        #expect(sheet.skipped == 1 && Plan([sheet]).submissions.count == 1 && sheet.ignoredColumns.isEmpty)
        #expect(throws: CSV.Failure.self) { try Sheet(records: try CSV.parse("地区,指标,累计\n临海市,规上工业增加值,1\n"), names: names, file: "x.csv") }
    }

    @Test func periodsAsClerksWriteThem() {
        for (text, month) in [("2023-11", "2023-11"), ("2023-1", "2023-01"), ("2023年11月", "2023-11"), ("2023/11", "2023-11"),
                              ("202311", "2023-11"), ("2023-11-30", "2023-11"), ("2023/11/1", "2023-11"), ("2023年 1月", "2023-01"),
                              ("2023年1-11月", "2023-11"), ("2023年1—11月", "2023-11"), ("2023.10", "2023-10"), ("2023年11月30日", "2023-11")] {
            #expect(Period.parse(text)?.description == month, "\(text)")
        }
        // Refused rather than guessed: Excel's 2023.10 as the number 2023.1; a range not from January;
        // mixed separators; a day that is not one.
        for text in ["2023", "11月", "2023-13", "23-11", "", "2023.1", "2023年3-11月", "2023-11/30", "2023-11-32"] {
            #expect(Period.parse(text) == nil, "\(text)")
        }
    }

    @Test func rowsOfOneMonthInTwoFilesAreOneSubmission() throws {
        let industry = try Sheet(records: try CSV.parse("地区,时期,指标,累计\n临海市,2022-10,规上工业增加值,218.64\n"), names: names, file: "工业.csv")
        let exports = try Sheet(records: try CSV.parse("地区,时期,指标,累计\n临海市,2022-10,外贸出口总额,12.5\n临海市,2022-10,规上工业增加值,1\n"),
                                names: names, file: "外贸.csv")
        let twice = Plan([industry, exports])
        #expect(twice.submissions.isEmpty)
        #expect(twice.errors.map { "\($0.file):\($0.line) \($0.code)" } == ["外贸.csv:2 held_back", "外贸.csv:3 duplicate_indicator", "工业.csv:2 held_back"])
        #expect(twice.errors[1].message.contains("工业.csv 第 2 行"))
        let once = Plan([industry, try Sheet(records: try CSV.parse("地区,时期,指标,累计\n临海市,2022-10,外贸出口总额,12.5\n"), names: names, file: "外贸.csv")])
        #expect(once.submissions.count == 1 && once.submissions[0].rows.map(\.file) == ["工业.csv", "外贸.csv"])
    }

    @Test func aRowWiderThanItsHeaderIsRefused() throws {
        // An unquoted thousands separator shifts every cell after it.
        let p = try plan("region,period,indicator,ytd,yoy\n331082,2023-11,ind_output,1,234.5,8.3\n331082,2023-11,ind_value_added,2,3\n")
        #expect(p.submissions.isEmpty)
        #expect(p.errors.map(\.code) == ["extra_cells", "held_back"])
        // A template with both 地区 and 地区代码: the code wins.
        let both = try plan("地区,地区代码,时期,指标,累计\n上城区,330302,2022-10,ind_output,1\n")
        #expect(both.submissions.map(\.region) == ["330302"])
    }
}

/// Aliases and the nearest name (issue 18: 规上工业产值 in the seeds, 规上工业总产值 in the catalog).
@Suite struct IndicatorNameTests {
    let names = Names(indicators: [("ind_value_added", "规上工业增加值"), ("ind_output", "规上工业总产值"), ("exports", "外贸出口总额"),
                                   ("tax_per_mu", "规上工业亩均税收")],
                      regions: [("331082", "临海市", "331000")], aliases: ["ind_output": ["规上工业产值"], "nope": ["x"]])

    @Test func anAliasNamesItsIndicator() {
        #expect(names.indicator("规上工业产值") == "ind_output")
        #expect(names.indicator(" 规上工业产值 ") == "ind_output")
        #expect(names.indicator("x") == nil, "an alias of an indicator the catalog does not hold is ignored")
    }

    @Test func theNearestNameIsSuggestedOnlyWhenItIsClearlyNearest() {
        #expect(names.nearestIndicator(to: "规上工业总产量") == "规上工业总产值")
        #expect(names.nearestIndicator(to: "外贸出口") == "外贸出口总额")
        #expect(names.nearestIndicator(to: "亩均税收") == "规上工业亩均税收")
        #expect(names.nearestIndicator(to: "社会消费品零售总额") == nil)
        #expect(names.nearestIndicator(to: "规上工业") == nil, "contained in several names: no single suggestion")
        #expect(Names.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}

/// Every code the daemon answers with has a Chinese reason for the clerk's report (one language).
@Suite struct MessagesTests {
    @Test func everyErrorCodeHasAChineseReason() {
        let missing = ErrorCode.allCases.map(\.rawValue).filter { Messages.chinese[$0] == nil }
            + ["outlier", "outside_bounds", "yoy_mismatch", "growth_out_of_range", "conflict_opened", "ytd_decreasing", "negative"]
                .filter { Messages.chinese[$0] == nil }
        #expect(missing.isEmpty, "no Chinese reason for \(missing)")
    }
}
