import HuizongProtocol

/// One answer line, parsed, with its text kept for --json.
public struct Answer: Sendable {
    public let text: String
    public let json: JSON
    public init(text: String, json: JSON) { self.text = text; self.json = json }
    public init(line: [UInt8]) { self.init(text: String(decoding: line, as: UTF8.self), json: (try? JSONParser.parse(line)) ?? .null) }
    public func string(_ key: String) -> String? { json.member(key)?.text }
}

/// One submission to send: a planned group of CSV rows, or an NDJSON line as written.
public struct SubmitJob: Sendable {
    public var planned: Plan.Planned?
    public var file = ""
    public var line = 0
    /// The NDJSON line as written, with `id` added if it had none.
    public var raw: [UInt8] = []
    /// The id its answer must carry.
    public var id = ""
    public var revision: Int?
    public var answer: Answer?

    public init(planned: Plan.Planned) { self.planned = planned; revision = planned.revision }
    public init(file: String, line: Int, raw: [UInt8], id: String) { self.file = file; self.line = line; self.raw = raw; self.id = id }

    /// The submit requests of an NDJSON text, split on newline bytes (a CRLF file too). A line that
    /// is not a JSON object of type submit is refused here and never sent (a hello or a subscribe
    /// would change what the connection's answers mean), as is one the daemon would answer without
    /// its id (an id that is not a string of at most 128 characters, a line over the daemon's limit).
    /// A line without an id gets one, and with `dryRun` a `"dry_run":true`, added after its brace.
    public static func lines(of text: String, file: String, dryRun: Bool) -> (jobs: [SubmitJob], refused: [SubmitReport.Line]) {
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

    public func request(dryRun: Bool) -> [UInt8] {
        guard let planned else { return raw }
        return planned.request(revision: revision, dryRun: dryRun, id: id)
    }

    public var code: String? {
        guard let answer else { return nil }
        return answer.string("type") == "error" ? answer.string("code") : nil
    }

    /// "revision N is already accepted": the last revision a stale_revision names.
    public var lastRevision: Int? {
        guard code == "stale_revision" else { return nil }
        for e in answer?.json.member("errors")?.elements ?? [] where e.member("path")?.text == "revision" {
            if let n = e.member("message")?.text?.split(separator: " ").compactMap({ Int($0) }).first { return n }
        }
        return nil
    }
}
