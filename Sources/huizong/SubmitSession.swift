import Foundation
import HuizongClient
import HuizongProtocol

/// The connection of `huizong submit`: names for the CSV reader, and pipelined sending that survives
/// a database outage (`unavailable` is retried with backoff) and a dropped connection (what was not
/// answered is sent again on a new one; the keys make that safe). Every request carries an id and
/// every answer must echo the one expected next: an answer is never pinned on the wrong row.
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
        let c = try connection()
        func ask(_ type: String) throws -> JSON {
            var w = JSONObjectWriter()
            w.string("type", type)
            let answer = try c.request(w.finish())
            guard answer.string("type") == type else { throw CLIError("\(type): \(answer.string("message") ?? answer.text)") }
            return answer.json
        }
        let names = Names(catalog: try ask("catalog"), regions: try ask("regions"))
        cachedNames = names
        return names
    }

    /// Sends every job and fills in its answer; a job left without one (the daemon unreachable after
    /// every retry) gets a `not_sent` answer of our own. With `revise`, a stale revision is sent
    /// again as the next one, unless the stored revision is this very content (then: duplicate).
    func send(_ jobs: [SubmitJob], dryRun: Bool, revise: Bool, label: String) -> [SubmitJob] {
        var jobs = jobs
        var progress = Progress(label: label, total: jobs.count)
        exchange(&jobs, indices: Array(jobs.indices), dryRun: dryRun, progress: &progress)
        progress.finish()
        if revise {
            var stale = jobs.indices.filter { jobs[$0].planned != nil && jobs[$0].lastRevision != nil }
            for i in stale { jobs[i].revision = jobs[i].lastRevision }
            var quiet = Progress(label: nil, total: 0)
            exchange(&jobs, indices: stale, dryRun: dryRun, progress: &quiet)
            stale = stale.filter { jobs[$0].lastRevision != nil }
            for i in stale { jobs[i].revision = jobs[i].lastRevision! + 1 }
            exchange(&jobs, indices: stale, dryRun: dryRun, progress: &quiet)
        }
        for i in jobs.indices where jobs[i].answer == nil {
            var w = JSONObjectWriter()
            w.string("type", "error")
            w.string("code", "not_sent")
            w.string("message", "未能发送或未收到答复（连接多次失败），请稍后用同一文件重新提交")
            let text = w.finish()
            jobs[i].answer = Answer(text: String(decoding: text, as: UTF8.self), json: (try? JSONParser.parse(text)) ?? .null)
        }
        return jobs
    }

    /// Sends the jobs at `indices` pipelined, retrying `unavailable` and lost connections with backoff.
    private func exchange(_ jobs: inout [SubmitJob], indices: [Int], dryRun: Bool, progress: inout Progress) {
        var pending = indices
        for attempt in 1...Self.attempts {
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
                    let json = try JSONParser.parse(line)
                    let expected = jobs[pending[answered]].id
                    // Answers come in request order; an error the daemon could not give an id (a
                    // line it could not read) is the answer to the request it stands for; a revoked
                    // office's farewell ends the command.
                    let anonymous = json.member("type")?.text == "error" && json.member("id").map { $0 == .null } ?? true
                    if anonymous, json.member("code")?.text == "unauthenticated" {
                        throw Revoked(message: json.member("message")?.text ?? "")
                    }
                    guard json.member("id")?.text == expected || anonymous else {
                        // Not the answer we wait for (the office revoked, a stray line): start over on a
                        // new connection; what was answered stands, the rest is sent again.
                        throw CLIError("unexpected line from the daemon instead of the answer to \(expected): \(String(decoding: line.prefix(200), as: UTF8.self))")
                    }
                    jobs[pending[answered]].answer = Answer(text: String(decoding: line, as: UTF8.self), json: json)
                    answered += 1
                    progress.advance()
                }
            } catch let e as Revoked {
                FileHandle.standardError.write(Data("the office was revoked: \(e.message)\n".utf8))
                return
            } catch {
                client = nil  // lost: what was not answered goes again on a new connection
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
            pending = pending[..<answered].filter { jobs[$0].code == "unavailable" } + pending[answered...]
            if pending.isEmpty || attempt == Self.attempts { return }
            let delay = 0.5 * Double(1 << (attempt - 1))
            FileHandle.standardError.write(Data("\(pending.count) submission(s) not stored yet; retrying in \(delay) s\n".utf8))
            Thread.sleep(forTimeInterval: delay)
        }
    }
}

struct Revoked: Error { let message: String }

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
