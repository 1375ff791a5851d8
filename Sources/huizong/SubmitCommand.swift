import ArgumentParser
import Foundation
import HuizongClient
import HuizongProtocol

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Send figures from CSV, Excel (.xlsx) or NDJSON files; report what went in and, for every refused row, its line and reason.",
        discussion: """
            CSV (as Excel or WPS export it: UTF-8 with or without BOM, or GB18030) has a header row and one row per region, period and indicator. Columns, in English or Chinese: \(Sheet.headerHelp). Regions and indicators by code or by their Chinese name (临海市, 规上工业增加值). Rows of one region and period, in whichever of the files, become one submission, sent whole or not at all; its key is derived from its content, so sending the same files again answers duplicate and counts nothing twice.

            Excel workbooks (.xlsx, as Excel, WPS or LibreOffice save them): the first visible sheet, or --sheet NAME, with the same headers and rules as CSV. A number is read as Excel shows it in the General format, at most 15 significant digits (a cell stored as 218.63999999999999 is 218.64); a cell formatted as text keeps what was typed (1.50 stays 1.50; format the column as text to keep trailing zeros); a date cell reads as YYYY-MM-DD (a period typed as 2023-11 becomes 2023-11-01, read as November); a percentage cell keeps its % (5.2%). An old .xls is refused: save it as .xlsx.

            A file whose first character is { (or named .ndjson/.jsonl) holds submit requests, one per line, sent as they are.

            Every file is read before anything is sent. Submissions are pipelined; `unavailable` (the database is down) and a lost connection are retried with backoff. A corrected file for a month already accepted is refused as stale_revision unless --revise, which sends it as the next revision: the figures it lists replace the stored ones (figures of indicators it no longer lists stay as they are). The report lists every refused or warned row with its file, line, code and reason (--report writes them as CSV, UTF-8 with BOM, to correct and send again: rows marked 已接受 are skipped). Exit status: 0 if every row went in, 1 if a row was refused, 2 if some could not be sent at all (the daemon unreachable, or the database still down after every retry).

            Example: huizong submit 临海2022年10月.csv --office 331082 --report 退回.csv
            """)

    @Argument(help: ArgumentHelp("CSV or NDJSON files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Check everything, store nothing (dry_run).")
    var dryRun = false

    @Flag(help: "Send a month accepted before as its next revision (the figures listed replace the stored ones).")
    var revise = false

    @Option(help: ArgumentHelp("Text encoding of CSV files: utf-8 or gb18030 (default: UTF-8 if valid, else GB18030).", valueName: "name"))
    var encoding: String?

    @Option(help: ArgumentHelp("The sheet of .xlsx files to read (default: the first visible one).", valueName: "name"))
    var sheet: String?

    @Option(help: ArgumentHelp("Write the refused and warned rows of CSV and Excel files, with their reasons, to this CSV file.", valueName: "path"))
    var report: String?

    @OptionGroup var client: ClientOptions

    /// An Excel workbook by its name or its bytes (a zip; an old .xls is refused by the reader with
    /// its own message: save it as .xlsx).
    static func isExcel(_ path: String, _ bytes: [UInt8]) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") || bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
            || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }

    func run() throws {
        let forced = try encoding.map { e -> TextDecoding.Encoding in
            guard let enc = TextDecoding.Encoding(rawValue: e.lowercased()) else { throw ValidationError("--encoding must be utf-8 or gb18030") }
            return enc
        }
        let session: SubmitSession
        do {
            session = try SubmitSession(client: client)
        } catch let e as Unreachable {
            FileHandle.standardError.write(Data("\(e); nothing was sent\n".utf8))
            throw ExitCode(2)
        }
        // Every file is read and planned first: a bad file stops the command before anything is sent.
        var sheets: [Sheet] = []
        var lines: [SubmitJob] = []
        var outcome = SubmitReport(dryRun: dryRun, revise: revise)
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            let bytes = Array(data)
            if Self.isExcel(path, bytes) {
                do {
                    // Excel's row numbers kept (the report names them); blank rows dropped as CSV's are.
                    let records = try XLSX.read(bytes, sheet: sheet).enumerated().compactMap {
                        $0.element.isEmpty ? nil : CSV.Record(line: $0.offset + 1, fields: $0.element)
                    }
                    let sheet = try Sheet(records: records, names: try session.names(), file: path)
                    if !sheet.ignoredColumns.isEmpty {
                        FileHandle.standardError.write(Data("\(path): columns not read: \(sheet.ignoredColumns.joined(separator: ", "))\n".utf8))
                    }
                    sheets.append(sheet)
                } catch let e as XLSXError {
                    throw CLIError("\(path): \(e)")
                } catch let e as CSV.Failure {
                    throw CLIError("\(path): \(e)")
                }
                continue
            }
            let (text, _) = try TextDecoding.decode(bytes, as: forced)
            if path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") || text.first(where: { !$0.isWhitespace }) == "{" {
                let (jobs, refused) = SubmitJob.lines(of: text, file: path, dryRun: dryRun)
                lines += jobs
                outcome.add(refused)
            } else {
                do {
                    let sheet = try Sheet(records: try CSV.parse(text), names: try session.names(), file: path)
                    if !sheet.ignoredColumns.isEmpty {
                        FileHandle.standardError.write(Data("\(path): columns not read: \(sheet.ignoredColumns.joined(separator: ", "))\n".utf8))
                    }
                    sheets.append(sheet)
                } catch let e as CSV.Failure {
                    throw CLIError("\(path): \(e)")
                }
            }
        }
        let plan = Plan(sheets)
        outcome.add(plan: plan, skipped: sheets.reduce(0) { $0 + $1.skipped })
        var jobs = plan.submissions.map { SubmitJob(planned: $0) } + lines
        for i in jobs.indices where jobs[i].planned != nil { jobs[i].id = "j\(i + 1)" }
        let answered = session.send(jobs, dryRun: dryRun, revise: revise, label: files.count == 1 ? files[0] : "\(files.count) files")
        outcome.add(answered)

        if client.json {
            print(String(decoding: outcome.json(), as: UTF8.self))
        } else {
            outcome.printProblems()
        }
        fflush(nil)  // the table (buffered stdout) before the summary (stderr)
        if let report {
            try Data(outcome.correctionCSV.utf8).write(to: URL(fileURLWithPath: report))
            let rows = outcome.correctionRows.count - 1, left = outcome.problems.count - rows
            FileHandle.standardError.write(Data("report of \(rows) row(s) written to \(report)\(left > 0 ? "; \(left) NDJSON line(s) are in the table only" : "")\n".utf8))
        }
        FileHandle.standardError.write(Data((outcome.summary + "\n").utf8))
        if outcome.unsent > 0 { throw ExitCode(2) }
        if outcome.refused > 0 { throw ExitCode(1) }
    }
}

extension SubmitReport {
    /// The refused and warned rows as a table: the reason in Chinese, the daemon's words beside it.
    func printProblems() {
        guard !problems.isEmpty else { return }
        printTable(["file:line", "region", "period", "indicator", "status", "code", "reason", "detail"], problems.map {
            ["\($0.file):\($0.line)", $0.region, $0.period, $0.indicator, $0.status == .refused ? "拒收" : "警告", $0.code, $0.message, $0.detail]
        })
    }
}
