import ArgumentParser
import Foundation
import HuizongClient
import HuizongProtocol

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Send figures from CSV or NDJSON files; report what went in and, for every refused row, its line and reason.",
        discussion: """
            CSV (as Excel or WPS export it: UTF-8 with or without BOM, or GB18030) has a header row and one row per region, period and indicator. Columns, in English or Chinese: \(Sheet.headerHelp). Regions and indicators by code or by their Chinese name (临海市, 规上工业增加值). Rows of one region and period, in whichever of the files, become one submission, sent whole or not at all; its key is derived from its content, so sending the same files again answers duplicate and counts nothing twice.

            A file whose first character is { (or named .ndjson/.jsonl) holds submit requests, one per line, sent as they are.

            Every file is read before anything is sent. Submissions are pipelined; `unavailable` (the database is down) and a lost connection are retried with backoff. A corrected file for a month already accepted is refused as stale_revision unless --revise, which sends it as the next revision: the figures it lists replace the stored ones (figures of indicators it no longer lists stay as they are). The report lists every refused or warned row with its file, line, code and reason (--report writes them as CSV, UTF-8 with BOM, to correct and send again: rows marked 已接受 are skipped). Exit status: 0 if every row went in, 1 if a row was refused, 2 if some could not be sent at all (the daemon unreachable).

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

    @Option(help: ArgumentHelp("Write the refused and warned rows of CSV files, with their reasons, to this CSV file.", valueName: "path"))
    var report: String?

    @OptionGroup var client: ClientOptions

    func run() throws {
        let forced = try encoding.map { e -> TextDecoding.Encoding in
            guard let enc = TextDecoding.Encoding(rawValue: e.lowercased()) else { throw ValidationError("--encoding must be utf-8 or gb18030") }
            return enc
        }
        let session: SubmitSession
        do {
            session = try SubmitSession(client: client)
        } catch let e as CLIError where !e.description.hasPrefix("hello refused") {
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
            let (text, _) = try TextDecoding.decode(bytes, as: forced)
            if path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") || text.first(where: { !$0.isWhitespace }) == "{" {
                let (jobs, refused) = SubmitJob.lines(of: text, file: path)
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
        outcome.add(plan: plan, sheets: sheets)
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
        if let report { try outcome.writeCSV(report) }
        FileHandle.standardError.write(Data((outcome.summary + "\n").utf8))
        if outcome.unsent > 0 { throw ExitCode(2) }
        if outcome.refused > 0 { throw ExitCode(1) }
    }
}

/// One submission to send: a planned group of CSV rows, or an NDJSON line as written.
struct SubmitJob {
    var planned: Plan.Planned?
    var file = ""
    var line = 0
    /// The NDJSON line as written, with `id` added if it had none.
    var raw: [UInt8] = []
    /// The id its answer must carry.
    var id = ""
    var revision: Int?
    var answer: Answer?

    init(planned: Plan.Planned) { self.planned = planned; revision = planned.revision }
    init(file: String, line: Int, raw: [UInt8], id: String) { self.file = file; self.line = line; self.raw = raw; self.id = id }

    /// The submit requests of an NDJSON text, split on newline bytes (a CRLF file too); a line that
    /// is not a JSON object of type submit is refused here and never sent (a hello or a subscribe
    /// would change what the connection's answers mean).
    static func lines(of text: String, file: String) -> (jobs: [SubmitJob], refused: [SubmitReport.Line]) {
        var jobs: [SubmitJob] = [], refused: [SubmitReport.Line] = []
        for (i, slice) in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var bytes = Array(slice)
            if bytes.last == 0x0D { bytes.removeLast() }
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            let number = i + 1
            guard let json = try? JSONParser.parse(bytes), json.member("type")?.text == "submit" else {
                refused.append(.init(file: file, line: number, status: .refused, code: "not_submit",
                                     message: "不是提交请求（每行一个 {\"type\":\"submit\",…} 对象），未发送"))
                continue
            }
            if let id = json.member("id")?.text {
                jobs.append(SubmitJob(file: file, line: number, raw: bytes, id: id))
            } else {
                // An id of our own, so that its answer is known for certain: {"id":"line7", …
                let id = "line\(number)"
                var w = JSONObjectWriter()
                w.string("id", id)
                let prefix = w.finish().dropLast()  // {"id":"…"
                let rest = bytes.drop(while: { $0 == 0x20 || $0 == 0x09 }).dropFirst()  // after the opening brace
                let body = rest.drop(while: { $0 == 0x20 || $0 == 0x09 })
                jobs.append(SubmitJob(file: file, line: number, raw: Array(prefix) + (body.first == UInt8(ascii: "}") ? [] : [UInt8(ascii: ",")]) + Array(rest), id: id))
            }
        }
        return (jobs, refused)
    }

    func request(dryRun: Bool) -> [UInt8] {
        guard let planned else { return raw }
        return planned.request(revision: revision, dryRun: dryRun, id: id)
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
