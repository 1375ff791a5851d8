import Foundation
import HuizongClient
import HuizongProtocol

/// What became of every row of every file: counts, and the rows refused or warned with their file,
/// line, code and reason, as a table, JSON, or a CSV to correct and send again.
struct SubmitReport {
    struct Line {
        let file: String
        let line: Int
        var region = "", period = "", indicator = ""
        let status: Status
        var code = ""
        var message = ""
        /// The row's cells by the fields Huizong reads, as written (CSV rows only).
        var fields: [String: String]? = nil
    }

    enum Status: String { case accepted, duplicate, valid, warned, refused }

    let dryRun: Bool
    let revise: Bool
    private(set) var rows = 0, accepted = 0, duplicate = 0, valid = 0, warned = 0, refused = 0, skipped = 0
    /// Rows that could not be sent at all (the daemon unreachable): also counted as refused.
    private(set) var unsent = 0
    private(set) var problems: [Line] = []

    init(dryRun: Bool, revise: Bool) {
        self.dryRun = dryRun
        self.revise = revise
    }

    var summary: String {
        var parts = ["\(accepted) accepted" + (warned > 0 ? " (\(warned) with warnings)" : "")]
        if valid > 0 { parts.append("\(valid) valid (dry run, nothing stored)") }
        parts.append("\(duplicate) duplicate")
        parts.append("\(refused) refused" + (unsent > 0 ? " (\(unsent) not sent: the daemon could not be reached)" : ""))
        if skipped > 0 { parts.append("\(skipped) skipped (marked 已接受 in a report)") }
        return "rows: \(rows) — " + parts.joined(separator: ", ")
            + "｜共 \(rows) 行：接受 \(accepted)（有警告 \(warned)），重复 \(duplicate)，拒收 \(refused)"
            + (valid > 0 ? "，试提交通过 \(valid)" : "") + (skipped > 0 ? "，跳过 \(skipped)" : "")
    }

    /// NDJSON lines refused before sending.
    mutating func add(_ refusedLines: [Line]) {
        for l in refusedLines { rows += 1; refused += 1; problems.append(l) }
    }

    /// The CSV rows not sent: unreadable, or held back with one; and those a report marked as in.
    mutating func add(plan: Plan, skipped: Int) {
        self.skipped += skipped
        for e in plan.errors {
            rows += 1
            refused += 1
            problems.append(Line(file: e.file, line: e.line, status: .refused, code: e.code,
                                 message: e.message.isEmpty ? Messages.explain(e.code) : e.message, fields: e.written))
        }
    }

    mutating func add(_ jobs: [SubmitJob]) {
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
            let hint = top?.0 == "stale_revision" && !revise && job.planned != nil ? "（改正后重新报送请加 --revise）" : ""

            guard let planned = job.planned else {  // an NDJSON line: one row
                count(status, warned: !issues.isEmpty, unsent: ["not_sent", "unavailable"].contains(top?.0))
                if status == .refused || !issues.isEmpty {
                    let (code, message) = top ?? (issues.first?.member("code")?.text ?? "", issues.first?.member("message")?.text ?? "")
                    problems.append(Line(file: job.file, line: job.line, status: status == .refused ? .refused : .warned,
                                         code: code, message: Messages.explain(code) + "：" + message + hint))
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
                if let (code, message) = mine.first.map({ $0 }) ?? top {
                    line.code = code
                    line.message = Messages.explain(code) + "：" + message
                    if let top, own.isEmpty, top.0 == "validation_failed" { line.message = "同一提交的其他行未通过校验，整组未入库" }
                }
                if mine.count > 1 { line.message += "；另 " + mine.dropFirst().map { Messages.explain($0.0) + "：" + $0.1 }.joined(separator: "；") }
                line.message += hint
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

    func printProblems() {
        guard !problems.isEmpty else { return }
        printTable(["file:line", "region", "period", "indicator", "status", "code", "reason"], problems.map {
            ["\($0.file):\($0.line)", $0.region, $0.period, $0.indicator, $0.status == .refused ? "拒收" : "警告", $0.code, $0.message]
        })
    }

    func json() -> [UInt8] {
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
            return o.finish()
        })
        return w.finish()
    }

    /// The columns of the report file, each a header `submit` reads back (its own last four it skips).
    static let reportColumns: [(field: String, header: String)] = [
        ("region", "地区"), ("period", "时期"), ("indicator", "指标"), ("ytd", "本年累计"), ("month", "当月"), ("yoy", "同比增长"),
        ("value", "期末值"), ("num", "分子"), ("den", "分母"), ("unit", "计量单位"), ("note", "备注"), ("estimate", "预计"), ("revision", "修订"),
    ]

    /// The problem rows of CSV files, each with its cells as written under one set of columns
    /// (whatever its own file's were), then 状态, 错误代码, 原因, 行号; UTF-8 with a BOM so that
    /// Excel shows the Chinese. Sent again with `submit`, rows marked 已接受 are skipped.
    func writeCSV(_ path: String) throws {
        let csvRows = problems.filter { $0.fields != nil }
        var out = "\u{FEFF}" + (Self.reportColumns.map(\.header) + ["状态", "错误代码", "原因", "行号"]).map(CSV.field).joined(separator: ",") + "\r\n"
        for p in csvRows {
            let status = p.status == .refused ? "拒收" : dryRun ? "试提交有警告" : "已接受"
            let cells = Self.reportColumns.map { p.fields?[$0.field] ?? "" } + [status, p.code, p.message, "\(p.file):\(p.line)"]
            out += cells.map(CSV.field).joined(separator: ",") + "\r\n"
        }
        try Data(out.utf8).write(to: URL(fileURLWithPath: path))
        let left = problems.count - csvRows.count
        FileHandle.standardError.write(Data("report of \(csvRows.count) row(s) written to \(path)\(left > 0 ? "; \(left) NDJSON line(s) are in the table only" : "")\n".utf8))
    }
}
