import HuizongCore
import HuizongProtocol

/// A clerk's spreadsheet, one row per region, period and indicator. Columns are found by header, in
/// English or as the bureau's tables write them (`Sheet.columns`); regions and indicators by code or
/// by their Chinese name in the catalog (`Names`). `Plan` turns the rows of one or more files into
/// submissions.
public struct Sheet: Sendable {
    /// One readable row, with the file and line it came from.
    public struct Row: Sendable {
        public let file: String
        public let line: Int
        /// The row's cells by the fields Huizong reads (region, ytd …), as written.
        public let written: [String: String]
        public let region: String
        public let period: Period
        public let indicator: String
        /// Protocol fields of the figure (ytd, month, yoy, value, num, den, unit, note) as written.
        public let fields: [(name: String, value: String)]
        public let estimate: Bool
        public let revision: Int?
        var group: String { "\(region)|\(period)" }
    }

    /// A row that is not sent: unreadable, or in a submission with such a row.
    public struct RowError: Error, Sendable {
        public let file: String
        public let line: Int
        /// The row's cells by field, as written (for a report to correct and send again).
        public let written: [String: String]
        public let code: String
        public let message: String
        /// Region and period of the row, where they could be read: its submission is held back too.
        let group: String?
        /// Its region when only that could be read: every month of that region in its file is held back.
        var region: String? = nil
    }

    public let file: String
    public let header: [String]
    public private(set) var rows: [Row] = []
    public private(set) var errors: [RowError] = []
    /// Rows a previous report marked as already in (status accepted or duplicate): not sent again.
    public private(set) var skipped = 0
    /// Header cells that name no column Huizong reads.
    public private(set) var ignoredColumns: [String] = []

    /// Header names, lower-cased, without spaces and "(%)": English codes and the bureau's words.
    static let columns: [String: String] = [
        "region": "region", "地区": "region", "地区代码": "region", "区域": "region", "县市区": "region",
        "period": "period", "时期": "period", "月份": "period", "报告期": "period", "期别": "period",
        "indicator": "indicator", "指标": "indicator", "指标名称": "indicator", "指标代码": "indicator",
        "ytd": "ytd", "累计": "ytd", "本年累计": "ytd", "累计值": "ytd", "1-本月累计": "ytd",
        "month": "month", "当月": "month", "本月": "month", "当月值": "month",
        "yoy": "yoy", "同比增长": "yoy", "增长": "yoy", "增幅": "yoy", "增速": "yoy", "同比": "yoy", "比上年同期增长": "yoy",
        "value": "value", "期末值": "value", "数值": "value", "期末数": "value",
        "num": "num", "分子": "num", "den": "den", "分母": "den",
        "unit": "unit", "计量单位": "unit",
        "estimate": "estimate", "预计": "estimate", "是否预计": "estimate",
        "note": "note", "备注": "note", "说明": "note",
        "revision": "revision", "修订": "revision", "修订号": "revision",
        "status": "status", "状态": "status",
        // The columns a report adds: read back and ignored.
        "line": "-", "行号": "-", "code": "-", "错误代码": "-", "message": "-", "原因": "-", "detail": "-", "详情": "-",
    ]
    static let numeric: Set<String> = ["ytd", "month", "yoy", "value", "num", "den"]

    static func normalize(_ header: String) -> String {
        var h = header.trimmingSpaces.lowercased()
        for junk in ["(%)", "（%）", "%", " ", "　"] { h = h.replacing(junk, with: "") }
        return h
    }

    /// Reads the records of a CSV file (the first is the header). Throws only for the file as a
    /// whole (no header, a column missing); a bad row is an error of that row.
    public init(records: [CSV.Record], names: Names, file: String) throws {
        self.file = file
        guard let first = records.first else { throw CSV.Failure(line: 1, message: "the file is empty") }
        header = first.fields
        var column: [String: Int] = [:]
        var ignored: [String] = []
        for (i, cell) in first.fields.enumerated() {
            guard let name = Self.columns[Self.normalize(cell)] else {
                if !cell.trimmingSpaces.isEmpty { ignored.append(cell) }
                continue
            }
            if name == "-" { continue }
            if let earlier = column[name] {
                // A template with both 地区 and 地区代码 (or 指标名称 and 指标代码): the code wins.
                let isCode = { (h: String) in Self.normalize(h).hasSuffix("代码") }
                if isCode(cell) != isCode(first.fields[earlier]) {
                    if isCode(cell) { ignored.append(first.fields[earlier]); column[name] = i } else { ignored.append(cell) }
                    continue
                }
                throw CSV.Failure(line: first.line, message: "two columns mean \(name): \(first.fields[earlier]) and \(cell)")
            }
            column[name] = i
        }
        for needed in ["region", "period", "indicator"] where column[needed] == nil {
            throw CSV.Failure(line: first.line, message: "no \(needed) column (headers: \(Sheet.headerHelp))")
        }
        guard !column.keys.filter(Self.numeric.contains).isEmpty else {
            throw CSV.Failure(line: first.line, message: "no figure column: ytd/累计, value/期末值, yoy/同比增长, num/分子 and den/分母, month/当月")
        }
        ignoredColumns = ignored
        let width = first.fields.count

        for record in records.dropFirst() {
            func cell(_ name: String) -> String {
                guard let i = column[name], i < record.fields.count else { return "" }
                return record.fields[i].trimmingSpaces
            }
            if column["status"] != nil, ["accepted", "duplicate", "已接受", "重复"].contains(cell("status")) {
                skipped += 1
                continue
            }
            if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            let region = names.region(cell("region"))
            let group = region.flatMap { r in Period.parse(cell("period")).map { "\(r)|\($0)" } }
            let written = column.compactMapValues { $0 < record.fields.count ? record.fields[$0] : nil }
            let extra = record.fields.dropFirst(width).filter { !$0.trimmingSpaces.isEmpty }.count
            if extra > 0 {
                // Its figures were split at a comma: left out, for the clerk to write again from the original line.
                let kept = written.filter { ["region", "period", "indicator"].contains($0.key) }
                errors.append(RowError(file: file, line: record.line, written: kept, code: "extra_cells",
                                       message: "本行比表头多 \(extra) 个单元格：数字里的千位逗号要加引号或去掉（如 \"1,234.5\" 或 1234.5）；原行："
                                           + Self.quoted(record.fields.joined(separator: ",")),
                                       group: group, region: group == nil ? region : nil))
                continue
            }
            do {
                rows.append(try Self.row(record, written: written, file: file, cell: cell, names: names))
            } catch let e as RowError {
                errors.append(RowError(file: e.file, line: e.line, written: e.written, code: e.code, message: e.message, group: group,
                                       region: group == nil ? region : nil))
            }
        }
    }

    static func row(_ record: CSV.Record, written: [String: String], file: String, cell: (String) -> String, names: Names) throws -> Row {
        func fail(_ code: String, _ message: String) -> RowError {
            RowError(file: file, line: record.line, written: written, code: code, message: message, group: nil)
        }
        let regionText = cell("region")
        guard !regionText.isEmpty else { throw fail("required", "地区为空") }
        guard let region = names.region(regionText) else {
            let matches = names.regionCodes(named: regionText)
            throw matches.count > 1
                ? fail("ambiguous_region", "地区名称“\(Self.quoted(regionText))”对应多个代码：\(matches.joined(separator: "、"))，请填代码或连同上级名称（如 舟山市普陀区）")
                : fail("unknown_region", "未知地区“\(Self.quoted(regionText))”（填六位代码或目录中的名称）")
        }
        guard let period = Period.parse(cell("period")) else {
            throw fail("bad_period", "时期“\(cell("period"))”无法识别（写作 2023-11、2023年11月 或 2023年1-11月）")
        }
        let indicatorText = cell("indicator")
        guard let indicator = names.indicator(indicatorText) else {
            if indicatorText.isEmpty { throw fail("required", "指标为空") }
            let matches = names.indicatorCodes(named: indicatorText)
            throw matches.count > 1
                ? fail("ambiguous_indicator", "指标名称“\(Self.quoted(indicatorText))”对应多个代码：\(matches.joined(separator: "、"))，请填代码")
                : fail("unknown_indicator", "未知指标“\(Self.quoted(indicatorText))”（填代码或目录中的名称）"
                       + (names.nearestIndicator(to: indicatorText).map { "；您是否指“\($0)”？" } ?? ""))
        }
        var fields: [(String, String)] = []
        for name in ["ytd", "month", "yoy", "value", "num", "den"] {
            var v = cell(name)
            guard !v.isEmpty else { continue }
            v = v.replacing(",", with: "")  // 1,234.5 as a spreadsheet shows thousands
            if name == "yoy", v.hasSuffix("%") { v.removeLast() }
            fields.append((name, v))
        }
        guard !fields.isEmpty else { throw fail("required", "没有数值：累计、当月、同比增长、期末值、分子/分母至少填一项") }
        for name in ["unit", "note"] where !cell(name).isEmpty { fields.append((name, cell(name))) }
        let estimate: Bool
        switch cell("estimate").lowercased() {
        case "", "false", "no", "0", "否", "n": estimate = false
        case "true", "yes", "1", "是", "预计", "y": estimate = true
        default: throw fail("bad_estimate", "预计列只能填 是/否（true/false）：“\(cell("estimate"))”")
        }
        var revision: Int? = nil
        if !cell("revision").isEmpty {
            guard let r = Int(cell("revision")), r >= 1 else { throw fail("bad_revision", "修订号须为正整数：“\(cell("revision"))”") }
            revision = r
        }
        return Row(file: file, line: record.line, written: written, region: region, period: period, indicator: indicator,
                   fields: fields, estimate: estimate, revision: revision)
    }

    /// A cell quoted in a message: at most 64 characters, so that a message costs no more than its
    /// words whatever the cell holds.
    static func quoted(_ text: String) -> String { text.count > 64 ? String(text.prefix(64)) + "…" : text }

    public static let headerHelp = "region/地区, period/时期, indicator/指标, ytd/累计, month/当月, yoy/同比增长, value/期末值, num/分子, den/分母, unit/计量单位, estimate/预计, note/备注, revision/修订"
}

/// The submissions of one or more sheets: rows of one region and period, in whichever file they
/// are, become one submission (工业.csv and 投资.csv of one county and month go together), sent whole
/// or not at all. Its key is derived from its content, so sending the same files again answers
/// `duplicate` instead of counting anything twice.
public struct Plan: Sendable {
    public struct Planned: Sendable {
        public let region: String
        public let period: Period
        public let revision: Int
        public let rows: [Sheet.Row]
        public var key: String { Plan.key(region: region, period: period, revision: revision, rows: rows) }

        /// The submit request.
        public func request(revision: Int? = nil, dryRun: Bool = false, id: String? = nil) -> [UInt8] {
            let r = revision ?? self.revision
            var w = JSONObjectWriter()
            w.string("type", "submit")
            if let id { w.string("id", id) }
            w.string("key", Plan.key(region: region, period: period, revision: r, rows: rows))
            w.string("region", region)
            w.string("period", period.description)
            w.int("revision", r)
            if dryRun { w.bool("dry_run", true) }
            w.array("figures", rows.map { row in
                var f = JSONObjectWriter()
                f.string("indicator", row.indicator)
                for (name, value) in row.fields { f.string(name, value) }
                if row.estimate { f.bool("estimate", true) }
                return f.finish()
            })
            return w.finish()
        }
    }

    public private(set) var submissions: [Planned] = []
    /// Every row not sent, of every sheet, in file and line order.
    public private(set) var errors: [Sheet.RowError] = []

    public init(_ sheets: [Sheet]) {
        var groups: [String: [Sheet.Row]] = [:]
        var order: [String] = []
        var held: [String: Sheet.RowError] = [:]
        var heldRegions: [String: Sheet.RowError] = [:]  // "file|region": a row whose month could not be read
        for sheet in sheets {
            for e in sheet.errors {
                errors.append(e)
                if let g = e.group, held[g] == nil { held[g] = e }
                if let r = e.region, heldRegions["\(e.file)|\(r)"] == nil { heldRegions["\(e.file)|\(r)"] = e }
            }
            for row in sheet.rows {
                if groups[row.group] == nil { order.append(row.group) }
                groups[row.group, default: []].append(row)
            }
        }
        func refuse(_ r: Sheet.Row, _ code: String, _ message: String) {
            errors.append(Sheet.RowError(file: r.file, line: r.line, written: r.written, code: code, message: message, group: r.group))
        }
        for group in order {
            let rows = groups[group]!
            if let cause = held[group] ?? rows.lazy.compactMap({ heldRegions["\($0.file)|\($0.region)"] }).first {
                for r in rows {
                    refuse(r, "held_back", "未提交：同一地区\(cause.group == nil ? "" : "同一时期")的 \(Self.place(cause.file, cause.line, r.file)) 有误（\(cause.message)），整组须一并改正")
                }
                continue
            }
            var seen: [String: Sheet.Row] = [:]
            var repeated: (Sheet.Row, Sheet.Row)? = nil
            for r in rows {
                if let earlier = seen[r.indicator], repeated == nil { repeated = (earlier, r) }
                seen[r.indicator] = r
            }
            let revisions = Set(rows.compactMap(\.revision))
            if let (earlier, again) = repeated {
                refuse(again, "duplicate_indicator", "指标 \(again.indicator) 已在 \(Self.place(earlier.file, earlier.line, again.file)) 填报（同一地区同一时期每个指标一行）")
                for r in rows where !(r.file == again.file && r.line == again.line) {
                    refuse(r, "held_back", "未提交：\(Self.place(again.file, again.line, r.file)) 重复填报")
                }
            } else if revisions.count > 1 {
                for r in rows { refuse(r, "bad_revision", "同一地区同一时期的修订号不一致：\(revisions.sorted())") }
            } else {
                submissions.append(Planned(region: rows[0].region, period: rows[0].period, revision: revisions.first ?? 1, rows: rows))
            }
        }
        errors.sort { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// "第 3 行", or "a.csv 第 3 行" when it is in another file.
    static func place(_ file: String, _ line: Int, _ from: String) -> String {
        file == from ? "第 \(line) 行" : "\(file) 第 \(line) 行"
    }

    /// "f" + 24 hex digits of SHA-256 over the submission's content (rows in indicator order), so the
    /// same rows give the same key whatever their order or file, and different rows another key.
    static func key(region: String, period: Period, revision: Int, rows: [Sheet.Row]) -> String {
        var text = "huizong-sheet|\(region)|\(period)|\(revision)"
        for r in rows.sorted(by: { $0.indicator < $1.indicator }) {
            text += "|\(r.indicator)"
            for (name, value) in r.fields { text += ";\(name)=\(value.utf8.count):\(value)" }
            if r.estimate { text += ";E" }
        }
        let hex = SHA256.hash(Array(text.utf8)).prefix(12).map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "f" + hex.joined()
    }
}

extension Period {
    /// A month as clerks write it: 2023-11, 2023-1, 2023/11, 2023.11, 2023年11月, 2023年1-11月 (year to
    /// date: the month is the last), 202311, or a date in the month (2023-11-30, 2023/11/1,
    /// 2023年11月30日). Refused rather than guessed: 2023.1 (Excel's 2023.10 as a number), a range not
    /// starting at 1, anything else.
    public static func parse(_ text: String) -> Period? {
        let t = text.trimmingSpaces.replacing(" ", with: "")
        func make(_ y: Substring, _ m: Substring) -> Period? { Int(y).flatMap { y in Int(m).flatMap { Period(year: y, month: $0) } } }
        if let m = t.wholeMatch(of: /(\d{4})[-\/](\d{1,2})/) { return make(m.1, m.2) }
        if let m = t.wholeMatch(of: /(\d{4})\.(\d{2})/) { return make(m.1, m.2) }
        if let m = t.wholeMatch(of: /(\d{4})年(\d{1,2})月?/) { return make(m.1, m.2) }
        if let m = t.wholeMatch(of: /(\d{4})年1[-－—~至](\d{1,2})月/) { return make(m.1, m.2) }
        if let m = t.wholeMatch(of: /(\d{4})(\d{2})/) { return make(m.1, m.2) }
        if let m = t.wholeMatch(of: /(\d{4})([-\/])(\d{1,2})\2(\d{1,2})/), let d = Int(m.4), (1...31).contains(d) { return make(m.1, m.3) }
        if let m = t.wholeMatch(of: /(\d{4})年(\d{1,2})月(\d{1,2})日/), let d = Int(m.3), (1...31).contains(d) { return make(m.1, m.2) }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "　" || $0 == "\u{FEFF}" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
