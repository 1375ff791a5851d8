import Foundation
import HuizongClient
import HuizongProtocol

/// The connection of `huizong submit`: names for the CSV reader, and pipelined sending that survives
/// a database outage (`unavailable` is retried with backoff) and a dropped connection (what was not
/// answered is sent again on a new one; the keys make that safe).
final class SubmitSession {
    let options: ClientOptions
    private var client: LineClient?
    private var cachedNames: Names?
    /// Requests in flight at once: enough to keep the daemon's writer batching, few enough that
    /// neither side's socket buffer fills while the other waits.
    static let window = 64
    static let attempts = 6

    init(client options: ClientOptions) throws {
        self.options = options
        client = try options.connect()
    }

    private func connection() throws -> LineClient {
        if let client { return client }
        let c = try options.connect()
        client = c
        return c
    }

    func names() throws -> Names {
        if let cachedNames { return cachedNames }
        func list(_ type: String, _ member: String) throws -> [(code: String, name: String, parent: String?)] {
            var w = JSONObjectWriter()
            w.string("type", type)
            let answer = try connection().request(w.finish())
            guard answer.string("type") != "error" else { throw CLIError("\(type): \(answer.string("message") ?? "")") }
            return (answer.json.member(member)?.elements ?? []).compactMap { o in
                guard let code = o.member("code")?.text, let name = o.member("name")?.text else { return nil }
                return (code, name, o.member("parent")?.text)
            }
        }
        let names = Names(indicators: try list("catalog", "indicators").map { ($0.code, $0.name) }, regions: try list("regions", "regions"))
        cachedNames = names
        return names
    }

    /// Sends every job and fills in its answer; with `revise`, a stale revision is sent again as the
    /// next one — unless the stored revision is this very content, which then answers duplicate.
    func send(_ jobs: [SubmitJob], dryRun: Bool, revise: Bool, label: String) throws -> [SubmitJob] {
        var jobs = jobs
        var progress = Progress(label: label, total: jobs.count)
        try exchange(&jobs, indices: Array(jobs.indices), dryRun: dryRun, progress: &progress)
        progress.finish()
        if revise {
            // The stored revision may be this content: sent at that revision, it answers duplicate.
            var stale = jobs.indices.filter { jobs[$0].planned != nil && jobs[$0].lastRevision != nil }
            for i in stale { jobs[i].revision = jobs[i].lastRevision }
            var quiet = Progress(label: nil, total: 0)
            try exchange(&jobs, indices: stale, dryRun: dryRun, progress: &quiet)
            stale = stale.filter { jobs[$0].lastRevision != nil }
            for i in stale { jobs[i].revision = jobs[i].lastRevision! + 1 }
            try exchange(&jobs, indices: stale, dryRun: dryRun, progress: &quiet)
        }
        return jobs
    }

    /// Sends the jobs at `indices` pipelined, retrying `unavailable` and lost connections with backoff.
    private func exchange(_ jobs: inout [SubmitJob], indices: [Int], dryRun: Bool, progress: inout Progress) throws {
        var pending = indices
        var attempt = 0
        while !pending.isEmpty {
            var answered = 0
            do {
                let c = try connection()
                var next = 0
                while answered < pending.count {
                    while next < pending.count, next - answered < Self.window {
                        try c.send(jobs[pending[next]].request(dryRun: dryRun) + [0x0A])
                        next += 1
                    }
                    guard let line = try c.readLine() else { throw CLIError("the daemon closed the connection") }
                    let text = String(decoding: line, as: UTF8.self)
                    jobs[pending[answered]].answer = Answer(text: text, json: (try? JSONParser.parse(line)) ?? .null)
                    answered += 1
                    progress.advance()
                }
            } catch {
                client = nil  // lost: what was not answered goes again on a new connection
                if attempt + 1 >= Self.attempts { throw error }
                FileHandle.standardError.write(Data("\(error); retrying\n".utf8))
            }
            let retry = pending[..<answered].filter { jobs[$0].code == "unavailable" } + pending[answered...]
            if retry.isEmpty { return }
            attempt += 1
            if attempt >= Self.attempts { return }  // the last answers (unavailable) stand in the report
            let delay = 0.5 * Double(1 << (attempt - 1))
            FileHandle.standardError.write(Data("\(retry.count) submission(s) not stored yet (database unavailable); retrying in \(delay) s\n".utf8))
            Thread.sleep(forTimeInterval: delay)
            pending = retry
        }
    }
}

/// A progress bar on a terminal, a line at every tenth when stderr is a file or a pipe.
struct Progress {
    let label: String?
    let total: Int
    private var done = 0
    private var lastTenth = 0
    private let terminal = isatty(2) == 1

    init(label: String?, total: Int) {
        self.label = label
        self.total = total
    }

    mutating func advance() {
        guard let label, total > 0, done < total else { return }  // a retry answers again: not counted twice
        done += 1
        if terminal {
            let width = 30
            let filled = done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
        } else if done * 10 / total > lastTenth || done == total {
            lastTenth = done * 10 / total
            FileHandle.standardError.write(Data("\(label): \(done)/\(total) submissions answered\n".utf8))
        }
    }

    func finish() {
        if terminal, label != nil, total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
