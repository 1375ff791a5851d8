import ArgumentParser
import Foundation
import HuizongClient
import HuizongProtocol

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Send figures from CSV or NDJSON files; report what went in and, for every refused row, its line and reason.",
        discussion: """
            CSV (as Excel or WPS export it: UTF-8 with or without BOM, or GB18030) has a header row and one row per region, period and indicator. Columns, in English or Chinese: \(Sheet.headerHelp). Regions and indicators by code or by their Chinese name (临海市, 规上工业增加值). Rows of one region and period become one submission, sent whole or not at all; its key is derived from its content, so sending the same file again answers duplicate and counts nothing twice.

            A file whose first character is { (or named .ndjson/.jsonl) holds submit requests, one per line, sent as they are.

            Submissions are pipelined; `unavailable` (the database is down) is retried with backoff. A corrected file for a month already accepted is refused as stale_revision unless --revise, which sends it as the next revision. The report lists every refused or warned row with its line, code and reason (--report writes them as CSV, UTF-8 with BOM, to correct and send again: rows marked 已接受 are skipped). Exit status 0 only if every row went in.

            Example: huizong submit 临海2022年10月.csv --office 331082 --report 退回.csv
            """)

    @Argument(help: ArgumentHelp("CSV or NDJSON files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Check everything, store nothing (dry_run).")
    var dryRun = false

    @Flag(help: "Send a file whose months were accepted before as their next revision (it replaces what is stored).")
    var revise = false

    @Option(help: ArgumentHelp("Text encoding of CSV files: utf-8 or gb18030 (default: UTF-8 if valid, else GB18030).", valueName: "name"))
    var encoding: String?

    @Option(help: ArgumentHelp("Write the refused and warned rows, with their reasons, to this CSV file.", valueName: "path"))
    var report: String?

    @OptionGroup var client: ClientOptions

    func run() throws {
        let forced = try encoding.map { e -> TextDecoding.Encoding in
            guard let enc = TextDecoding.Encoding(rawValue: e.lowercased()) else { throw ValidationError("--encoding must be utf-8 or gb18030") }
            return enc
        }
        let session = try SubmitSession(client: client)
        var outcome = SubmitReport()
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            let (text, _) = try TextDecoding.decode(Array(data), as: forced)
            let jobs: [SubmitJob]
            if path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") || text.first(where: { !$0.isWhitespace }) == "{" {
                jobs = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
                    line.allSatisfy(\.isWhitespace) ? nil : SubmitJob(file: path, line: i + 1, raw: Array(line.utf8))
                }
            } else {
                let sheet = try Sheet(records: try CSV.parse(text), names: try session.names())
                if !sheet.ignoredColumns.isEmpty {
                    FileHandle.standardError.write(Data("\(path): columns not read: \(sheet.ignoredColumns.joined(separator: ", "))\n".utf8))
                }
                outcome.add(file: path, header: sheet.header, sheet: sheet)
                jobs = sheet.submissions.map { SubmitJob(file: path, planned: $0) }
            }
            let answered = try session.send(jobs, dryRun: dryRun, revise: revise, label: path)
            outcome.add(answered)
        }
        if client.json {
            print(String(decoding: outcome.json(), as: UTF8.self))
        } else {
            outcome.printProblems()
        }
        fflush(nil)  // the table (buffered stdout) before the summary (stderr)
        if let report { try outcome.writeCSV(report) }
        FileHandle.standardError.write(Data((outcome.summary + "\n").utf8))
        if outcome.refused > 0 { throw ExitCode(1) }
    }
}

/// One submission to send: a planned group of CSV rows, or an NDJSON line as written.
struct SubmitJob {
    let file: String
    var planned: Sheet.Planned?
    var line = 0
    var raw: [UInt8] = []
    var revision: Int?
    var answer: Answer?

    init(file: String, planned: Sheet.Planned) { self.file = file; self.planned = planned; revision = planned.revision }
    init(file: String, line: Int, raw: [UInt8]) { self.file = file; self.line = line; self.raw = raw }

    func request(dryRun: Bool) -> [UInt8] {
        guard let planned else { return raw }
        return planned.request(revision: revision, dryRun: dryRun)
    }

    var code: String? {
        guard let answer else { return nil }
        return answer.string("type") == "error" ? answer.string("code") : nil
    }

    /// "revision N is already accepted": the last revision a stale_revision names.
    var lastRevision: Int? {
        guard code == "stale_revision" else { return nil }
        for e in answer?.json.member("errors")?.elements ?? [] where e.member("path")?.text == "revision" {
            if let n = e.member("message")?.text?.split(separator: " ").compactMap({ Int($0) }).first { return n }
        }
        return nil
    }
}
