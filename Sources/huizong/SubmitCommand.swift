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

    /// The submit requests of an NDJSON text, split on newline bytes (a CRLF file too). A line that
    /// is not a JSON object of type submit is refused here and never sent (a hello or a subscribe
    /// would change what the connection's answers mean), as is one the daemon would answer without
    /// its id (an id that is not a string of at most 128 characters, a line over the daemon's limit).
    /// A line without an id gets one, and with `dryRun` a `"dry_run":true`, added after its brace.
    static func lines(of text: String, file: String, dryRun: Bool) -> (jobs: [SubmitJob], refused: [SubmitReport.Line]) {
        var jobs: [SubmitJob] = [], refused: [SubmitReport.Line] = []
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        for (i, slice) in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var bytes = Array(slice)
            if bytes.last == 0x0D { bytes.removeLast() }
            guard bytes.contains(where: { !isSpace($0) }) else { continue }
            let number = i + 1
            func refuse(_ code: String, _ message: String) {
                refused.append(.init(file: file, line: number, status: .refused, code: code, message: message))
            }
            guard bytes.count <= 1 << 20 else { refuse("line_too_long", "行长超过 1 MiB，未发送"); continue }
            guard let json = try? JSONParser.parse(bytes), json.member("type")?.text == "submit" else {
                refuse("not_submit", "不是提交请求（每行一个 {\"type\":\"submit\",…} 对象），未发送")
                continue
            }
            let givenID = json.member("id")
            if let givenID, !(givenID.isString && (givenID.text?.count ?? 0) <= 128) {
                refuse("bad_request", "id 须为不超过 128 个字符的字符串，未发送")
                continue
            }
            if dryRun, let d = json.member("dry_run"), d != .bool(true) {
                refuse("bad_request", "本行写明 dry_run 为 false，与 --dry-run 矛盾，未发送")
                continue
            }
            let id = givenID?.text ?? "line\(number)"
            var added = JSONObjectWriter()
            if givenID == nil { added.string("id", id) }
            if dryRun && json.member("dry_run") == nil { added.bool("dry_run", true) }
            let members = added.finish().dropFirst().dropLast()  // "id":"…","dry_run":true
            var raw = bytes
            if !members.isEmpty {
                // After the opening brace; a comma unless the object is empty.
                let brace = bytes.firstIndex(of: UInt8(ascii: "{"))!
                let rest = bytes[(brace + 1)...]
                let empty = rest.first(where: { !isSpace($0) }) == UInt8(ascii: "}")
                raw = Array(bytes[...brace]) + members + (empty ? [] : [UInt8(ascii: ",")]) + rest
            }
            jobs.append(SubmitJob(file: file, line: number, raw: raw, id: id))
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
