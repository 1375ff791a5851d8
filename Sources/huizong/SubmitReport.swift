import Foundation
import HuizongClient
import HuizongProtocol

/// What became of every row of every file: counts, and the rows refused or warned with their line,
/// code and reason, as a table, JSON or a CSV to correct and send again.
struct SubmitReport {
    struct Line {
        let file: String
        let line: Int
        var region = "", period = "", indicator = ""
        let status: Status
        var code = ""
        var message = ""
        var cells: [String] = []
    }

    enum Status: String { case accepted, duplicate, valid, warned, refused }

    private(set) var rows = 0, accepted = 0, duplicate = 0, valid = 0, warned = 0, refused = 0
    private(set) var problems: [Line] = []
    /// Each CSV file's header, for the report file.
    private var headers: [String: [String]] = [:]

    var summary: String {
        var parts = ["\(accepted) accepted" + (warned > 0 ? " (\(warned) with warnings)" : "")]
        if valid > 0 { parts.append("\(valid) valid (dry run, nothing stored)") }
        parts.append("\(duplicate) duplicate")
        parts.append("\(refused) refused")
        return "rows: \(rows) — " + parts.joined(separator: ", ")
            + "｜共 \(rows) 行：接受 \(accepted)（有警告 \(warned)），重复 \(duplicate)，拒收 \(refused)"
            + (valid > 0 ? "，试提交通过 \(valid)" : "")
    }

    /// The rows the file itself got wrong: refused before sending.
    mutating func add(file: String, header: [String], sheet: Sheet) {
        headers[file] = header
        for e in sheet.errors {
            rows += 1
            refused += 1
            problems.append(Line(file: file, line: e.line, status: .refused, code: e.code,
                                 message: e.message.isEmpty ? Messages.explain(e.code) : e.message, cells: e.cells))
        }
    }

    mutating func add(_ jobs: [SubmitJob]) {
        for job in jobs {
            guard let answer = job.answer else { continue }
            let type = answer.string("type")
            let status: Status
            switch (type, answer.string("status")) {
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

            guard let planned = job.planned else {  // an NDJSON line: one row
                count(status, warned: !issues.isEmpty)
                if status == .refused || !issues.isEmpty {
                    let (code, message) = top ?? (issues.first?.member("code")?.text ?? "", issues.first?.member("message")?.text ?? "")
                    problems.append(Line(file: job.file, line: job.line, status: status == .refused ? .refused : .warned,
                                         code: code, message: Messages.explain(code) + "：" + message))
                }
                continue
            }
            for (i, row) in planned.rows.enumerated() {
                let own = byFigure[i] ?? []
                let mine = own + (i == 0 ? general : [])  // a submission-wide warning is listed once
                count(status, warned: !mine.isEmpty)
                guard status == .refused || !mine.isEmpty else { continue }
                var line = Line(file: job.file, line: row.line, region: row.region, period: row.period.description,
                                indicator: row.indicator, status: status == .refused ? .refused : .warned, cells: row.cells)
                if let (code, message) = mine.first.map({ $0 }) ?? top {
                    line.code = code
                    line.message = Messages.explain(code) + "：" + message
                    if let top, own.isEmpty, top.0 == "validation_failed" {
                        line.message = "同一提交的其他行未通过校验，整组未入库"
                    }
                }
                if mine.count > 1 { line.message += "；另 " + mine.dropFirst().map { Messages.explain($0.0) + "：" + $0.1 }.joined(separator: "；") }
                if top?.0 == "stale_revision" { line.message += "（改正后重新报送请加 --revise）" }
                problems.append(line)
            }
        }
        problems.sort { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    private mutating func count(_ status: Status, warned w: Bool) {
        rows += 1
        switch status {
        case .accepted, .warned: accepted += 1; if w { warned += 1 }
        case .duplicate: duplicate += 1
        case .valid: valid += 1; if w { warned += 1 }
        case .refused: refused += 1
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

    /// The problem rows of CSV files with their own cells, then 状态, 错误代码, 原因, 行号: UTF-8 with
    /// a BOM so that Excel shows the Chinese. Read back by `submit`, rows marked 已接受 are skipped.
    func writeCSV(_ path: String) throws {
        var out = "\u{FEFF}"
        var written = Set<String>()
        for p in problems {
            guard let header = headers[p.file] else { continue }
            let keep = header.indices.filter { !["status", "-"].contains(Sheet.columnName(header[$0]) ?? "") }
            if written.insert(p.file).inserted {
                out += (keep.map { header[$0] } + ["状态", "错误代码", "原因", "行号"]).map(CSV.field).joined(separator: ",") + "\r\n"
            }
            let cells = keep.map { $0 < p.cells.count ? p.cells[$0] : "" }
            out += (cells + [p.status == .refused ? "拒收" : "已接受", p.code, p.message, "\(p.file):\(p.line)"])
                .map(CSV.field).joined(separator: ",") + "\r\n"
        }
        try Data(out.utf8).write(to: URL(fileURLWithPath: path))
        FileHandle.standardError.write(Data("report of \(problems.count) row(s) written to \(path)\n".utf8))
    }
}
