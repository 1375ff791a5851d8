import Foundation
import Testing
@testable import HuizongClient

/// Tests/Fixtures/openpyxl.xlsx, made by Tests/Fixtures/make_openpyxl.py.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

/// A workbook of hand-written parts: one sheet per entry of `sheets` (name, sheetData content),
/// listed in that order in the workbook but stored as sheetN.xml in reverse, so that reading the
/// "first sheet" by file name would be caught.
func book(_ sheets: [(String, String)], strings: String? = nil, styles: String? = nil, workbookPr: String = "",
          hidden: Set<String> = []) throws -> [UInt8] {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let file = { (i: Int) in "sheet\(sheets.count - i).xml" }
    var parts: [(String, String)] = [
        ("_rels/.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        ("xl/workbook.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)">\#(workbookPr)<sheets>"#
            + sheets.enumerated().map { i, s in #"<sheet name="\#(s.0)" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"\#(hidden.contains(s.0) ? #" state="hidden""# : "")/>"# }.joined()
            + "</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(rel)/worksheet" Target="worksheets/\#(file($0))"/>"# }.joined()
            + #"<Relationship Id="rS" Type="\#(rel)/sharedStrings" Target="/xl/sharedStrings.xml"/>"#
            + #"<Relationship Id="rT" Type="\#(rel)/styles" Target="styles.xml"/></Relationships>"#),
    ]
    for (i, s) in sheets.enumerated() {
        parts.append(("xl/worksheets/\(file(i))", #"<worksheet xmlns="\#(main)"><sheetData>\#(s.1)</sheetData></worksheet>"#))
    }
    if let strings { parts.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(main)">\#(strings)</sst>"#)) }
    if let styles { parts.append(("xl/styles.xml", #"<styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"#)) }
    return try XLSXWorkbook.zip(parts.map { ($0, Array($1.utf8)) })
}

/// A zip of stored entries, written by hand: enough for ZIPFoundation to list (CRCs are not checked then).
func storedZip(_ entries: [(String, [UInt8])]) -> [UInt8] {
    func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    var out: [UInt8] = [], central: [UInt8] = []
    for (name, data) in entries {
        let offset = out.count
        let n = Array(name.utf8)
        let common = le(20, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + le(data.count, 4) + le(data.count, 4) + le(n.count, 2) + le(0, 2)
        out += [0x50, 0x4B, 0x03, 0x04] + common + n + data
        central += [0x50, 0x4B, 0x01, 0x02] + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + n
    }
    let start = out.count
    out += central
    out += [0x50, 0x4B, 0x05, 0x06] + le(0, 4) + le(entries.count, 2) + le(entries.count, 2) + le(central.count, 4) + le(start, 4) + le(0, 2)
    return out
}

/// Overwrites the declared uncompressed size of `name` in its local and central headers.
func lie(about name: String, size: Int, in zip: inout [UInt8]) {
    let n = Array(name.utf8)
    var at: [Int] = []
    for i in 0..<(zip.count - 46) where zip[i] == 0x50 && zip[i + 1] == 0x4B {
        if zip[i + 2] == 3, zip[i + 3] == 4, Array(zip[(i + 30)..<(i + 30 + n.count)]) == n { at.append(i + 22) }
        if zip[i + 2] == 1, zip[i + 3] == 2, Array(zip[(i + 46)..<(i + 46 + n.count)]) == n { at.append(i + 24) }
    }
    for a in at { for k in 0..<4 { zip[a + k] = UInt8(truncatingIfNeeded: size >> (8 * k)) } }
}

/// The workbook of which Tests/Fixtures/libreoffice.xlsx is LibreOffice's copy (Fixtures/README.md).
func libreOfficeSample() -> XLSXWorkbook {
    var w = XLSXWorkbook()
    w.addSheet(name: "报告/2023:11", rows: [
        [.text("地区"), .text("时期"), .text("指标"), .text("本年累计"), .text("同比增长(%)"), .text("原因")],
        [.text("临海市"), .text("2023-11"), .text("规上工业增加值"), .number("218.64", decimals: 2), .number("5.2", decimals: 1), .empty],
        [.text("椒江区"), .text("2023-11"), .text("规上工业总产值"), .number("1957.70", decimals: 2), .number("-3", decimals: 1),
         .text("未知指标“规上工业总产值”（填代码或目录中的名称）")],
        [.text("路桥区"), .text("2023-11"), .text("外贸出口总额"), .number("100", decimals: 0), .number("0.05", decimals: 3), .text("a & <b> \"c\" 'd'")],
        [],
        [.text("line1\nline2"), .text("1.50"), .text("_x0041_"), .number("-0.5", decimals: 2), .number("123456789012", decimals: 0), .text("ctl\u{7}char")],
    ])
    w.addSheet(name: "说明", rows: [[.text("第二页")]], header: false)
    return w
}

func message(_ body: () throws -> Any) -> String {
    do { _ = try body(); return "no error" } catch { return "\(error)" }
}

struct XLSXTests {
    @Test func numbersReadAsExcelsGeneralFormatShowsThem() {
        let cases: [(String, String)] = [
            ("218.63999999999999", "218.64"), ("1.5", "1.5"), ("100", "100"), ("1E-3", "0.001"), ("-3.5", "-3.5"),
            ("1234567890123456789", "1.23456789012346E+18"), ("0", "0"), ("-0", "0"), ("0.0", "0"), ("5.2000000000000002", "5.2"),
            ("0.1", "0.1"), ("123456789012345", "123456789012345"), ("999999999999999", "999999999999999"),
            ("999999999999999.9", "1E+15"), ("1E+15", "1E+15"), ("1.5E+16", "1.5E+16"), ("2.5e-10", "2.5E-10"),
            ("1e-9", "0.000000001"), ("0.30000000000000004", "0.3"), ("-0.000123456789012345678", "-0.000123456789012346"),
            ("1.0000000000000002", "1"), ("9.9999999999999995E-2", "0.1"), ("12345678901234.56789", "12345678901234.6"),
            ("45231", "45231"), (" 7 ", "7"), ("abc", "abc"), ("1E", "1E"), ("1.2.3", "1.2.3"), ("", ""), ("1E99999", "1E99999"),
        ]
        for (written, shown) in cases { #expect(XLSX.general(written) == shown, "\(written)") }
        #expect(XLSX.general("0.052", percent: true) == "5.2%")
        #expect(XLSX.general("-0.0149999999999999", percent: true) == "-1.49999999999999%")
        #expect(XLSX.general("1", percent: true) == "100%")
    }

    @Test func dateSerialsFollowExcelsCalendars() {
        #expect(XLSX.date("45231", date1904: false) == "2023-11-01")
        #expect(XLSX.date("45260.35416666666", date1904: false) == "2023-11-30 08:30:00")
        #expect(XLSX.date("1", date1904: false) == "1900-01-01")
        #expect(XLSX.date("59", date1904: false) == "1900-02-28")
        #expect(XLSX.date("60", date1904: false) == "1900-02-29")  // the leap day 1900 never had
        #expect(XLSX.date("61", date1904: false) == "1900-03-01")
        #expect(XLSX.date("2958465", date1904: false) == "9999-12-31")
        #expect(XLSX.date("0.5", date1904: false) == "12:00:00")
        #expect(XLSX.date("45231.99999999", date1904: false) == "2023-11-02")
        #expect(XLSX.date("0", date1904: true) == "1904-01-01")
        #expect(XLSX.date("43769", date1904: true) == "2023-11-01")
        #expect(XLSX.date("-1", date1904: false) == nil)
        #expect(XLSX.date("2958466", date1904: false) == nil)
    }

    @Test func formatCodesAreDatesPercentagesOrGeneral() {
        let kinds: [(String, XLSX.NumberKind)] = [
            (#"yyyy"年"m"月""#, .date), ("yyyy-mm-dd", .date), ("[h]:mm:ss", .date), ("[$-804]yyyy/m/d", .date), ("mmm-yy", .date),
            ("0.0%", .percent), ("0.00%;[Red]-0.00%", .percent), ("#,##0.00", .general), ("[Red]0.00", .general),
            (#"0.0"d""#, .general), (#"\d0"#, .general), ("General", .general), ("0.00E+00", .general), (#"0_m"#, .general),
        ]
        for (code, kind) in kinds { #expect(XLSX.Styles.kind(code: code) == kind, "\(code)") }
        #expect(XLSX.Styles.kind(14, [:]) == .date && XLSX.Styles.kind(57, [:]) == .date && XLSX.Styles.kind(31, [:]) == .date)
        #expect(XLSX.Styles.kind(9, [:]) == .percent && XLSX.Styles.kind(2, [:]) == .general && XLSX.Styles.kind(49, [:]) == .general)
    }

    @Test func whatTheWriterWritesTheReaderReadsBack() throws {
        var workbook = XLSXWorkbook()
        workbook.addSheet(name: "汇总", rows: [
            [.text("地区"), .text("时期"), .text("指标"), .text("本年累计"), .text("同比增长")],
            [.text("临海市"), .text("2023-11"), .text("规上工业增加值"), .number("218.64", decimals: 2), .number("-3.5", decimals: 1)],
            [.text("椒江区"), .empty, .text("a & <b> \"c\"\r\nd\tе"), .number("1957.70", decimals: 2), .text("1.50")],
            [],
            [.empty, .text("_x0041_ \u{1}\u{FFFF}")],
        ])
        workbook.addSheet(name: "汇总", rows: [[.number("12345678901234567890", decimals: 0), .number("1e5", decimals: 0)]], header: false)
        let bytes = try workbook.data()
        #expect(workbook.sheetNames == ["汇总", "汇总 (2)"])
        #expect(try XLSX.sheetNames(bytes) == ["汇总", "汇总 (2)"])
        #expect(try XLSX.read(bytes) == [
            ["地区", "时期", "指标", "本年累计", "同比增长"],
            ["临海市", "2023-11", "规上工业增加值", "218.64", "-3.5"],
            ["椒江区", "", "a & <b> \"c\"\r\nd\tе", "1957.7", "1.50"],
            [],
            ["", "_x0041_ \u{FFFD}\u{FFFD}"],
        ])
        // Numbers are written as given; one that is no decimal is kept as text.
        #expect(try XLSX.read(bytes, sheet: "汇总 (2)") == [["1.23456789012346E+19", "1e5"]])
        var zip = try XLSX.Zip(bytes, budget: 1 << 20)
        let sheet = String(decoding: try zip.read("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.contains(#"<c r="D2" s="4"><v>218.64</v></c>"#) && sheet.contains(#"<c r="E2" s="3"><v>-3.5</v></c>"#))
        #expect(sheet.contains(#"<pane ySplit="1""#) && sheet.contains(#"<col min="3" max="3" width="16" customWidth="1"/>"#))
        let styles = String(decoding: try zip.read("xl/styles.xml"), as: UTF8.self)
        #expect(styles.contains(#"<numFmt numFmtId="164" formatCode="0"/><numFmt numFmtId="165" formatCode="0.0"/><numFmt numFmtId="166" formatCode="0.00"/>"#))
        #expect(try workbook.data() == bytes)  // the same workbook, the same bytes
    }

    @Test func sheetNamesAreMadeOnesExcelAccepts() {
        #expect(XLSXWorkbook.sheetName("a[b]:c*d?e/f\\g", taken: []) == "a_b__c_d_e_f_g")
        #expect(XLSXWorkbook.sheetName("'quoted'", taken: []) == "quoted")
        #expect(XLSXWorkbook.sheetName("  ", taken: []) == "Sheet")
        #expect(XLSXWorkbook.sheetName("History", taken: []) == "History_")
        let long = String(repeating: "浙", count: 40)
        #expect(XLSXWorkbook.sheetName(long, taken: []) == String(repeating: "浙", count: 31))
        #expect(XLSXWorkbook.sheetName(long, taken: [String(repeating: "浙", count: 31)]) == String(repeating: "浙", count: 27) + " (2)")
        #expect(XLSXWorkbook.sheetName("Data", taken: ["data", "Data (2)"]) == "Data (3)")
    }

    @Test func sharedStringsJoinRichTextRunsAndLeaveOutPhoneticGuides() throws {
        let strings = """
            <si><t>地区</t></si>
            <si><r><rPr><b/></rPr><t>规上</t></r><r><t xml:space="preserve"> 工业 </t></r><rPh sb="0" eb="2"><t>きかく</t></rPh></si>
            <si><t>a_x000D_b &amp; _x005F_x0041_</t></si>
            <si><t/></si>
            """
        let bytes = try book([("S", #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>"#)],
                             strings: strings)
        #expect(try XLSX.read(bytes) == [["地区", "规上 工业 ", "a\rb & _x0041_"]])
        let bad = try book([("S", #"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#)], strings: strings)
        #expect(message { try XLSX.read(bad) } == "cell A1 refers to shared string 7 of 4")
    }

    @Test func cellTypesReadAsExcelShowsThem() throws {
        let bytes = try book([("S", """
            <row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
            <c r="D1" t="str"><f>A2&amp;"x"</f><v>1.50x</v></c><c r="E1" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r></is></c>\
            <c r="F1" t="n"><v>1E-3</v></c><c r="G1"><f>1+1</f><v>2</v></c><c r="H1" t="d"><v>2023-11-01T00:00:00</v></c><c r="I1" s="5"/></row>
            """)])
        #expect(try XLSX.read(bytes) == [["TRUE", "FALSE", "#DIV/0!", "1.50x", "内联", "0.001", "2", "2023-11-01"]])
    }

    @Test func namespacePrefixesAreIgnored() throws {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let bytes = try XLSXWorkbook.zip([
            ("xl/workbook.xml", #"<x:workbook xmlns:x="\#(main)" xmlns:r="\#(rel)"><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/worksheet" Target="/xl/worksheets/s.xml"/></Relationships>"#),
            ("xl/worksheets/s.xml", #"<x:worksheet xmlns:x="\#(main)"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>前缀</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#),
        ].map { ($0, Array($1.utf8)) })
        #expect(try XLSX.read(bytes) == [[], ["", "前缀"]])
    }

    @Test func datesPercentagesAndTheDate1904System() throws {
        let styles = #"<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="177" formatCode="0.00"/></numFmts>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>"#
            + #"<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="10"/><xf numFmtId="177"/></cellXfs>"#
        let row = #"<row r="1"><c r="A1" s="1"><v>45231</v></c><c r="B1" s="2"><v>45231.5</v></c><c r="C1" s="3"><v>0.052</v></c>"#
            + #"<c r="D1" s="4"><v>218.63999999999999</v></c><c r="E1"><v>45231</v></c><c r="F1" s="1"><v>-2</v></c></row>"#
        #expect(try XLSX.read(try book([("S", row)], styles: styles)) == [["2023-11-01", "2023-11-01 12:00:00", "5.2%", "218.64", "45231", "-2"]])
        #expect(try XLSX.read(try book([("S", row)], styles: styles, workbookPr: #"<workbookPr date1904="true"/>"#))[0][0] == "2027-11-02")
        #expect(try XLSX.read(try book([("S", row)], styles: styles, workbookPr: #"<workbookPr date1904="1"/>"#))[0][0] == "2027-11-02")
    }

    @Test func aSparseSheetIsPlacedByReference() throws {
        #expect(try XLSX.read(try book([("S", #"<row r="3"><c r="C3" t="inlineStr"><is><t>x</t></is></c></row>"#)])) == [[], [], ["", "", "x"]])
        // Rows and cells without references follow the previous ones; trailing empty cells and rows are dropped.
        let rows = #"<row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c><c r="F1" s="0"/></row><row r="4"><c r="AA4"><v>5</v></c></row>"#
            + #"<row><c r="B5"><v>6</v></c></row><row r="9"><c r="A9" s="1"/></row><row r="10"/>"#
        let read = try XLSX.read(try book([("S", rows)]))
        #expect(read.count == 5 && read[0] == ["1", "", "3", "4"] && read[1] == [] && read[3].count == 27 && read[3][26] == "5" && read[4] == ["", "6"])
    }

    @Test func theFirstVisibleSheetInWorkbookOrderOrOneByName() throws {
        let bytes = try book([("说明", #"<row r="1"><c r="A1"><v>0</v></c></row>"#), ("数据", #"<row r="1"><c r="A1"><v>1</v></c></row>"#),
                              ("备注", #"<row r="1"><c r="A1"><v>2</v></c></row>"#)], hidden: ["说明"])
        #expect(try XLSX.read(bytes) == [["1"]])
        #expect(try XLSX.read(bytes, sheet: "备注") == [["2"]])
        #expect(try XLSX.read(bytes, sheet: "说明") == [["0"]])
        #expect(message { try XLSX.read(bytes, sheet: "汇总") } == #"no sheet named "汇总"; the workbook has: 说明, 数据, 备注"#)
        let latin = try book([("Data", #"<row r="1"><c r="A1"><v>1</v></c></row>"#)])
        #expect(try XLSX.read(latin, sheet: "data") == [["1"]])
    }

    @Test func zipBombsAreRefused() throws {
        let big = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + String(repeating: " ", count: 2 << 20)
        var bytes = try book([("S", big)])
        #expect(bytes.count < 64 << 10)
        #expect(try XLSX.read(bytes) == [["1"]])
        // Declared honestly: refused before unpacking.
        #expect(message { try XLSX.read(bytes, maxUncompressed: 1 << 20) } == "refused: the workbook unpacks to more than 1 MiB (at xl/worksheets/sheet1.xml)")
        // Declared small: refused while unpacking, once the budget is spent.
        lie(about: "xl/worksheets/sheet1.xml", size: 100, in: &bytes)
        #expect(message { try XLSX.read(bytes, maxUncompressed: 1 << 20) } == "refused: the workbook unpacks to more than 1 MiB (at xl/worksheets/sheet1.xml)")
        // The budget is for all the parts read together.
        let two = try book([("S", #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)], strings: "<si><t>" + String(repeating: "x", count: 600 << 10) + "</t></si>",
                           styles: "<cellXfs>" + String(repeating: " ", count: 600 << 10) + "</cellXfs>")
        #expect(message { try XLSX.read(two, maxUncompressed: 1 << 20) }.hasPrefix("refused: the workbook unpacks to more than 1 MiB"))
        // Many entries.
        let many = storedZip((0...XLSX.maxEntries).map { ("f\($0)", [UInt8(ascii: "x")]) })
        #expect(message { try XLSX.read(many) } == "refused: more than 10000 entries in the zip archive")
        // A few bytes of XML asking for a cell far away in each of many rows.
        let far = (1...5000).map { #"<row r="\#($0)"><c r="XFD\#($0)"><v>1</v></c></row>"# }.joined()
        #expect(message { try XLSX.read(try book([("S", far)]), maxUncompressed: 1 << 20) } == "refused: the sheet has more than 262144 cells")
    }

    @Test func excelsLimitsAreKept() throws {
        #expect(message { try XLSX.read(try book([("S", #"<row r="1048577"><c r="A1048577"><v>1</v></c></row>"#)])) } == "refused: more than 1048576 rows")
        #expect(message { try XLSX.read(try book([("S", #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#)])) } == "refused: more than 16384 columns (cell XFE1)")
        #expect(message { try XLSX.read(try book([("S", #"<row r="1"><c r="ZZZZZZZZZZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#)])) }.hasPrefix("refused: more than 16384 columns"))
        let corner = try XLSX.read(try book([("S", #"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#)]))
        #expect(corner.count == 1_048_576 && corner.last?.count == 16_384 && corner.last?.last == "1")
        var wide = XLSXWorkbook()
        wide.addSheet(name: "S", rows: [Array(repeating: .text("x"), count: XLSX.maxColumns + 1)])
        #expect(message { try wide.data() } == "sheet S has more than 16384 columns")
    }

    @Test func hostileOrBrokenFilesGiveErrorsNotCrashes() throws {
        #expect(message { try XLSX.read(Array("地区,时期\n".utf8)) } == "not an .xlsx file: no zip archive found")
        #expect(message { try XLSX.read([]) } == "not an .xlsx file: no zip archive found")
        #expect(message { try XLSX.read([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]) }.hasPrefix("not an .xlsx file: an .xls file or a workbook with a password"))
        let noWorkbook = try XLSXWorkbook.zip([("a.txt", [1, 2, 3])])
        #expect(message { try XLSX.read(noWorkbook) } == "not an .xlsx file: xl/_rels/workbook.xml.rels is missing")
        let laughs = #"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>"#
        let withDTD = try XLSXWorkbook.zip([
            ("xl/workbook.xml", Array(#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="s.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="t.xml"/></Relationships>"#.utf8)),
            ("xl/s.xml", Array("<worksheet/>".utf8)), ("xl/t.xml", Array(laughs.utf8)),
        ])
        #expect(message { try XLSX.read(withDTD) } == "refused: xl/t.xml has a DOCTYPE")
        // libxml2 parses nesting without recursion, and so do the handlers: deep is only slow.
        let deep = String(repeating: "<x>", count: 100_000) + #"<row r="1"><c r="A1"><v>1</v></c></row>"# + String(repeating: "</x>", count: 100_000)
        #expect(try XLSX.read(try book([("S", deep)])) == [["1"]])
        #expect(message { try XLSX.read(try book([("S", "<row><c><v>1</c></row>")])) }.hasPrefix("xl/worksheets/sheet1.xml is not well-formed XML"))
        #expect(message { try XLSX.read(try book([("S", #"<row r="0"/>"#)])) } == #"a row numbered "0""#)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["XLSX_SAMPLE"] != nil))
    func writeTheLibreOfficeSample() throws {
        try Data(libreOfficeSample().data()).write(to: URL(fileURLWithPath: ProcessInfo.processInfo.environment["XLSX_SAMPLE"]!))
    }

    @Test func aFileWeWroteAsLibreOfficeSavedIt() throws {
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("libreoffice.xlsx")))
        let ours = try libreOfficeSample().data()
        #expect(try XLSX.sheetNames(bytes) == ["报告_2023_11", "说明"])
        for name in ["报告_2023_11", "说明"] { #expect(try XLSX.read(bytes, sheet: name) == XLSX.read(ours, sheet: name)) }
        #expect(try XLSX.read(bytes)[2] == ["椒江区", "2023-11", "规上工业总产值", "1957.7", "-3", "未知指标“规上工业总产值”（填代码或目录中的名称）"])
        #expect(try XLSX.read(bytes)[5] == ["line1\nline2", "1.50", "_x0041_", "-0.5", "123456789012", "ctl\u{FFFD}char"])
    }

    @Test func aFileWrittenByOpenpyxl() throws {
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("openpyxl.xlsx")))
        #expect(try XLSX.sheetNames(bytes) == ["数据", "备注"])
        #expect(try XLSX.read(bytes) == [
            ["地区", "时期", "指标", "本年累计", "同比增长"],
            ["临海市", "2023-11", "规上工业增加值", "218.64", "5.2"],
            ["椒江区", "2023-11-01", "规上工业总产值", "218.64", "1.50"],
            ["路桥区", "2023-11-30 08:30:00", "外贸出口总额", "100", "5.2%"],
            ["黄岩区", "2023-10-01", "规上工业增加值", "-3.5", "TRUE"],
            [],
            ["", "", "", "", "", "", "稀疏"],
        ])
        #expect(try XLSX.read(bytes, sheet: "备注") == [["说明"]])
    }
}
