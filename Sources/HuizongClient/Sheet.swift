import HuizongCore
import HuizongProtocol

/// A clerk's spreadsheet, one row per region, period and indicator, turned into submissions: rows of
/// one region and period become one submission, whose key is derived from its content, so sending
/// the same file again answers `duplicate` instead of counting anything twice.
///
/// Columns are found by header, in English or as the bureau's tables write them (`Sheet.columns`);
/// regions and indicators by code or by their Chinese name in the catalog (`Names`).
public struct Sheet: Sendable {
    /// One row of the file as the daemon will see it, with the file line it came from.
    public struct Row: Sendable {
        public let line: Int
        public let cells: [String]
        public let region: String
        public let period: Period
        public let indicator: String
        /// Protocol fields of the figure (ytd, month, yoy, value, num, den, unit, note) as written.
        public let fields: [(name: String, value: String)]
        public let estimate: Bool
        public let revision: Int?
    }

    /// A row the file itself gets wrong: it is never sent.
    public struct RowError: Error, Sendable {
        public let line: Int
        public let cells: [String]
        public let code: String
        public let message: String
    }

    public struct Planned: Sendable {
        public let region: String
        public let period: Period
        public let revision: Int
        public let rows: [Row]
        public let key: String
        /// The submit request, without `id`.
        public func request(revision: Int? = nil, dryRun: Bool = false) -> [UInt8] {
            let r = revision ?? self.revision
            var w = JSONObjectWriter()
            w.string("type", "submit")
            w.string("key", Sheet.key(region: region, period: period, revision: r, rows: rows))
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

    public let header: [String]
    public private(set) var submissions: [Planned] = []
    /// Rows refused before sending: unreadable, or in a submission with such a row.
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
        "line": "-", "行号": "-", "code": "-", "错误代码": "-", "message": "-", "原因": "-",
    ]
    static let numeric: Set<String> = ["ytd", "month", "yoy", "value", "num", "den"]

    /// What a header cell names ("-" for a report's own columns), or nil.
    public static func columnName(_ header: String) -> String? { columns[normalize(header)] }

    static func normalize(_ header: String) -> String {
        var h = header.trimmingSpaces.lowercased()
        for junk in ["(%)", "（%）", "%", " ", "　"] { h = h.replacing(junk, with: "") }
        return h
    }

    /// Reads the records of a CSV file (the first is the header).
    public init(records: [CSV.Record], names: Names) throws {
        guard let first = records.first else { throw CSV.Failure(line: 1, message: "the file is empty") }
        header = first.fields
        var column: [String: Int] = [:]
        for (i, cell) in first.fields.enumerated() {
            guard let name = Self.columns[Self.normalize(cell)] else {
                if !cell.trimmingSpaces.isEmpty { ignoredColumns.append(cell) }
                continue
            }
            if name == "-" { continue }
            if column[name] != nil { throw CSV.Failure(line: first.line, message: "two columns mean \(name): \(cell)") }
            column[name] = i
        }
        for needed in ["region", "period", "indicator"] where column[needed] == nil {
            throw CSV.Failure(line: first.line, message: "no \(needed) column (headers: \(Sheet.headerHelp))")
        }
        guard !column.keys.filter(Self.numeric.contains).isEmpty else {
            throw CSV.Failure(line: first.line, message: "no figure column: ytd/累计, value/期末值, yoy/同比增长, num/分子 and den/分母, month/当月")
        }

        var groups: [String: [Row]] = [:]
        var order: [String] = []
        var badGroups: [String: RowError] = [:]
        for record in records.dropFirst() {
            func cell(_ name: String) -> String {
                guard let i = column[name], i < record.fields.count else { return "" }
                return record.fields[i].trimmingSpaces
            }
            if let status = column["status"].map({ _ in cell("status") }), ["accepted", "duplicate", "已接受", "重复"].contains(status) {
                skipped += 1
                continue
            }
            if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            do {
                let row = try Self.row(record, cell: cell, names: names)
                let group = "\(row.region)|\(row.period)"
                if groups[group] == nil { order.append(group) }
                groups[group, default: []].append(row)
            } catch let e as RowError {
                errors.append(e)
                // The rest of its submission is held back too (a submission goes whole or not at all);
                // its region and period are what the row says, if it can be read.
                let group = "\(names.region(cell("region")) ?? cell("region"))|\(Period.parse(cell("period"))?.description ?? cell("period"))"
                badGroups[group] = badGroups[group] ?? e
            }
        }
        for group in order {
            let rows = groups[group]!
            if let cause = badGroups[group] {
                for r in rows {
                    errors.append(RowError(line: r.line, cells: r.cells, code: "not_sent",
                                           message: "未提交：同一地区同一时期的第 \(cause.line) 行有误（\(cause.message)），整组须一并改正"))
                }
                continue
            }
            var seen: [String: Int] = [:]
            var duplicateIndicator: RowError? = nil
            for r in rows {
                if let earlier = seen[r.indicator] {
                    duplicateIndicator = RowError(line: r.line, cells: r.cells, code: "duplicate_indicator",
                                                  message: "指标 \(r.indicator) 在第 \(earlier) 行已填报（同一地区同一时期每个指标一行）")
                }
                seen[r.indicator] = r.line
            }
            let revisions = Set(rows.compactMap(\.revision))
            if let duplicateIndicator {
                errors.append(duplicateIndicator)
                for r in rows where r.line != duplicateIndicator.line {
                    errors.append(RowError(line: r.line, cells: r.cells, code: "not_sent", message: "未提交：第 \(duplicateIndicator.line) 行重复填报"))
                }
            } else if revisions.count > 1 {
                for r in rows {
                    errors.append(RowError(line: r.line, cells: r.cells, code: "bad_revision",
                                           message: "同一地区同一时期的修订号不一致：\(revisions.sorted())"))
                }
            } else {
                let first = rows[0]
                let revision = revisions.first ?? 1
                submissions.append(Planned(region: first.region, period: first.period, revision: revision, rows: rows,
                                           key: Self.key(region: first.region, period: first.period, revision: revision, rows: rows)))
            }
        }
        errors.sort { $0.line < $1.line }
    }

    static func row(_ record: CSV.Record, cell: (String) -> String, names: Names) throws -> Row {
        func fail(_ code: String, _ message: String) -> RowError {
            RowError(line: record.line, cells: record.fields, code: code, message: message)
        }
        let regionText = cell("region")
        guard !regionText.isEmpty else { throw fail("required", "地区为空") }
        guard let region = names.region(regionText) else {
            let matches = names.regionCodes(named: regionText)
            throw matches.count > 1
                ? fail("ambiguous_region", "地区名称“\(regionText)”对应多个代码：\(matches.joined(separator: "、"))，请填代码或连同上级名称（如 舟山市普陀区）")
                : fail("unknown_region", "未知地区“\(regionText)”（填六位代码或目录中的名称）")
        }
        guard let period = Period.parse(cell("period")) else {
            throw fail("bad_period", "时期“\(cell("period"))”无法识别（写作 2023-11 或 2023年11月）")
        }
        let indicatorText = cell("indicator")
        guard let indicator = names.indicator(indicatorText) else {
            throw indicatorText.isEmpty ? fail("required", "指标为空") : fail("unknown_indicator", "未知指标“\(indicatorText)”（填代码或目录中的名称）")
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
        return Row(line: record.line, cells: record.fields, region: region, period: period, indicator: indicator,
                   fields: fields, estimate: estimate, revision: revision)
    }

    /// "f" + 24 hex digits of SHA-256 over the submission's content (rows in indicator order), so the
    /// same rows give the same key whatever their order in the file, and different rows another key.
    static func key(region: String, period: Period, revision: Int, rows: [Row]) -> String {
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

    public static let headerHelp = "region/地区, period/时期, indicator/指标, ytd/累计, month/当月, yoy/同比增长, value/期末值, num/分子, den/分母, unit/计量单位, estimate/预计, note/备注, revision/修订"
}

extension Period {
    /// 2023-11, 2023-1, 2023/11, 2023年11月, 202311, and a date in the month (2023-11-30, 2023/11/1).
    public static func parse(_ text: String) -> Period? {
        var runs: [String] = []
        var current = ""
        for c in text {
            if c.isASCII, c.isNumber { current.append(c) } else if !current.isEmpty { runs.append(current); current = "" }
        }
        if !current.isEmpty { runs.append(current) }
        if runs.count == 1, runs[0].count == 6 { return Period(year: Int(runs[0].prefix(4))!, month: Int(runs[0].suffix(2))!) }
        guard (2...3).contains(runs.count), runs[0].count == 4, (1...2).contains(runs[1].count) else { return nil }
        return Period(year: Int(runs[0])!, month: Int(runs[1])!)
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
