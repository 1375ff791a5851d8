import HuizongProtocol

/// What became of every row of every file: counts, and the rows refused or warned with their file,
/// line, code and reason, as a table, JSON, or a CSV to correct and send again.
public struct SubmitReport: Sendable {
    public struct Line: Sendable {
        public let file: String
        public let line: Int
        public var region = "", period = "", indicator = ""
        public let status: Status
        public var code = ""
        public var message = ""
        /// The row's cells by the fields Huizong reads, as written (CSV rows only).
        public var fields: [String: String]? = nil

        /// The daemon's own words (English, naming the field and the numbers), when `message` (Chinese)
        /// had to leave them out: each message in one language.
        public var detail = ""

        public init(file: String, line: Int, region: String = "", period: String = "", indicator: String = "", status: Status,
                    code: String = "", message: String = "", detail: String = "", fields: [String: String]? = nil) {
            self.file = file
            self.line = line
            self.region = region
            self.period = period
            self.indicator = indicator
            self.status = status
            self.code = code
            self.message = message
            self.detail = detail
            self.fields = fields
        }
    }

    public enum Status: String, Sendable { case accepted, duplicate, valid, warned, refused }

    public let dryRun: Bool
    public let revise: Bool
    /// What a clerk does to send a stale month again (the CLI's flag, the console's checkbox).
    public let reviseHint: String
    public private(set) var rows = 0, accepted = 0, duplicate = 0, valid = 0, warned = 0, refused = 0, skipped = 0
    /// Rows that could not be sent at all (the daemon unreachable): also counted as refused.
    public private(set) var unsent = 0
    public private(set) var problems: [Line] = []

    public init(dryRun: Bool, revise: Bool, reviseHint: String = "改正后重新报送请加 --revise") {
        self.dryRun = dryRun
        self.revise = revise
        self.reviseHint = reviseHint
    }

    public var summary: String {
        var parts = ["\(accepted) accepted" + (warned > 0 ? " (\(warned) with warnings)" : "")]
        if valid > 0 { parts.append("\(valid) valid (dry run, nothing stored)") }
        parts.append("\(duplicate) duplicate")
        parts.append("\(refused) refused" + (unsent > 0 ? " (\(unsent) not sent: the daemon could not be reached)" : ""))
        if skipped > 0 { parts.append("\(skipped) skipped (marked 已接受 in a report)") }
        return "rows: \(rows) — " + parts.joined(separator: ", ")
            + "｜共 \(rows) 行：接受 \(accepted)（有警告 \(warned)），重复 \(duplicate)，拒收 \(refused)"
            + (valid > 0 ? "，试提交通过 \(valid)" : "") + (skipped > 0 ? "，跳过 \(skipped)" : "")
    }

    /// The summary in Chinese only (the console shows it).
    public var chineseSummary: String {
        "共 \(rows) 行：接受 \(accepted)（有警告 \(warned)），重复 \(duplicate)，拒收 \(refused)"
            + (unsent > 0 ? "（其中 \(unsent) 行未能发送）" : "") + (valid > 0 ? "，试提交通过 \(valid)" : "")
            + (skipped > 0 ? "，跳过 \(skipped)（报告中已标为已接受）" : "")
    }

    /// NDJSON lines refused before sending.
    public mutating func add(_ refusedLines: [Line]) {
        for l in refusedLines { rows += 1; refused += 1; problems.append(l) }
    }

    /// The CSV rows not sent: unreadable, or held back with one; and those a report marked as in.
    public mutating func add(plan: Plan, skipped: Int) {
        self.skipped += skipped
        for e in plan.errors {
            rows += 1
            refused += 1
            // What the row said, even where it could not be read (an unknown indicator's name).
            problems.append(Line(file: e.file, line: e.line, region: e.written["region"]?.trimmingSpaces ?? "",
                                 period: e.written["period"]?.trimmingSpaces ?? "", indicator: e.written["indicator"]?.trimmingSpaces ?? "",
                                 status: .refused, code: e.code, message: e.message.isEmpty ? Messages.explain(e.code) : e.message,
                                 fields: e.written))
        }
    }

    public mutating func add(_ jobs: [SubmitJob]) {
        for job in jobs {
            guard let answer = job.answer else { continue }
            let status: Status
            switch (answer.string("type"), answer.string("status")) {
            case ("ack", "accepted"?): status = .accepted
            case ("ack", "duplicate"?): status = .duplicate
            case ("ack", "valid"?): status = .valid
            default: status = .refused
            }
            // Errors and warnings that name a figure (figures[2].ytd) belong to its row.
            var byFigure: [Int: [(String, String)]] = [:]
            var general: [(String, String)] = []
            let issues = answer.json.member(status == .refused ? "errors" : "warnings")?.elements ?? []
            for issue in issues {
                let code = issue.member("code")?.text ?? "", message = issue.member("message")?.text ?? ""
                if let path = issue.member("path")?.text, path.hasPrefix("figures["),
                   let n = Int(path.dropFirst(8).prefix(while: \.isNumber)) {
                    byFigure[n, default: []].append((code, message))
                } else {
                    general.append((code, message))
                }
            }
            let top = status == .refused ? (answer.string("code") ?? "error", answer.string("message") ?? "") : nil
            let hint = top?.0 == "stale_revision" && !revise && job.planned != nil ? "（\(reviseHint)）" : ""
            // Chinese first, the daemon's English words apart: one language per message.
            func words(_ issues: [(String, String)]) -> (message: String, detail: String) {
                var message = issues.map { code, _ in
                    code == "stale_revision" ? Messages.explain(code) + job.lastRevision.map { "（已接受的修订号为 \($0)）" }.orEmpty
                                             : Messages.explain(code)
                }.joined(separator: "；")
                message += hint
                return (message, issues.map(\.1).filter { !$0.isEmpty }.joined(separator: "; "))
            }

            guard let planned = job.planned else {  // an NDJSON line: one row
                count(status, warned: !issues.isEmpty, unsent: ["not_sent", "unavailable"].contains(top?.0))
                if status == .refused || !issues.isEmpty {
                    let first = top ?? (issues.first?.member("code")?.text ?? "", issues.first?.member("message")?.text ?? "")
                    let (message, detail) = words([first])
                    problems.append(Line(file: job.file, line: job.line, status: status == .refused ? .refused : .warned,
                                         code: first.0, message: message, detail: detail))
                }
                continue
            }
            for (i, row) in planned.rows.enumerated() {
                let own = byFigure[i] ?? []
                let mine = own + (i == 0 ? general : [])  // a submission-wide warning is listed once
                count(status, warned: !mine.isEmpty, unsent: ["not_sent", "unavailable"].contains(top?.0))
                guard status == .refused || !mine.isEmpty else { continue }
                var line = Line(file: row.file, line: row.line, region: row.region, period: row.period.description,
                                indicator: row.indicator, status: status == .refused ? .refused : .warned,
                                fields: row.written)
                let listed = mine.isEmpty ? top.map { [$0] } ?? [] : mine
                line.code = listed.first?.0 ?? ""
                (line.message, line.detail) = words(listed)
                if let top, own.isEmpty, top.0 == "validation_failed" {
                    (line.message, line.detail) = ("同一提交的其他行未通过校验，整组未入库", "")
                }
                problems.append(line)
            }
        }
        problems.sort { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    private mutating func count(_ status: Status, warned w: Bool, unsent u: Bool) {
        rows += 1
        switch status {
        case .accepted, .warned: accepted += 1; if w { warned += 1 }
        case .duplicate: duplicate += 1
        case .valid: valid += 1; if w { warned += 1 }
        case .refused: refused += 1; if u { unsent += 1 }
        }
    }

    public func json() -> [UInt8] {
        var w = JSONObjectWriter()
        w.int("rows", rows)
        w.int("accepted", accepted)
        w.int("warned", warned)
        w.int("duplicate", duplicate)
        w.int("valid", valid)
        w.int("refused", refused)
        w.int("not_sent", unsent)
        w.int("skipped", skipped)
        w.array("problems", problems.map { p in
            var o = JSONObjectWriter()
            o.string("file", p.file)
            o.int("line", p.line)
            o.string("region", p.region.isEmpty ? nil : p.region)
            o.string("period", p.period.isEmpty ? nil : p.period)
            o.string("indicator", p.indicator.isEmpty ? nil : p.indicator)
            o.string("status", p.status.rawValue)
            o.string("code", p.code)
            o.string("message", p.message)
            o.string("detail", p.detail.isEmpty ? nil : p.detail)
            return o.finish()
        })
        return w.finish()
    }

    /// The columns of the report file, each a header `submit` reads back (its own last four it skips).
    public static let reportColumns: [(field: String, header: String)] = [
        ("region", "地区"), ("period", "时期"), ("indicator", "指标"), ("ytd", "本年累计"), ("month", "当月"), ("yoy", "同比增长"),
        ("value", "期末值"), ("num", "分子"), ("den", "分母"), ("unit", "计量单位"), ("note", "备注"), ("estimate", "预计"), ("revision", "修订"),
    ]

    /// The problem rows of CSV and Excel files, each with its cells as written under one set of
    /// columns (whatever its own file's were), then 状态, 错误代码, 原因, 详情, 行号: what a clerk corrects
    /// and sends again (rows marked 已接受 are skipped then). NDJSON lines are in the table only.
    public var correctionRows: [[String]] {
        let header = Self.reportColumns.map(\.header) + ["状态", "错误代码", "原因", "详情", "行号"]
        return [header] + problems.filter { $0.fields != nil }.map { p in
            let status = p.status == .refused ? "拒收" : dryRun ? "试提交有警告" : "已接受"
            return Self.reportColumns.map { p.fields?[$0.field] ?? "" } + [status, p.code, p.message, p.detail, "\(p.file):\(p.line)"]
        }
    }

    /// `correctionRows` as CSV, UTF-8 with a BOM so that Excel shows the Chinese.
    public var correctionCSV: String {
        "\u{FEFF}" + correctionRows.map { $0.map(CSV.field).joined(separator: ",") + "\r\n" }.joined()
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
