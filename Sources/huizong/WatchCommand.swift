import ArgumentParser
import Foundation
import HuizongClient
import HuizongCore
import HuizongProtocol

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow a region's consolidated table live (subscribe): redrawn in place on a terminal, one line per change otherwise.",
        discussion: """
            Shows the month's figures of the region and every region under it: value, growth, status (⚠ a conflict open), reported/expected, rank, target light. Without PERIOD it follows the latest month anything changed in. A dropped connection (or a daemon that stops) is reconnected with backoff and resumed with since: no change is missed or shown twice. Ctrl-C ends it.

            Example: huizong watch 330900 2023-11 --office 330900
            """)

    @Argument(help: "Region code.") var region: String
    @Argument(help: "Month, YYYY-MM (default: the latest month that changes).") var period: String?
    @Option(help: ArgumentHelp("Only this indicator (code).", valueName: "code")) var indicator: String?
    @OptionGroup var client: ClientOptions

    func run() throws {
        if let period, Period(period) == nil { throw ValidationError("the period must be YYYY-MM") }
        var table = WatchTable(region: region, period: period, terminal: isatty(1) == 1)
        var since: Int64?
        var backoff = 0.5
        while true {
            do {
                // Reads wait 30 s at most; a quiet connection is pinged, and one that stays silent is lost.
                let c = try client.connect(readTimeout: 30)
                if table.names.isEmpty { table.names = try catalogNames(c) }
                if table.regionNames.isEmpty { table.regionNames = try regionNames(c, region) }
                if let period = table.period { try table.load(try query(c, period)) }
                var w = JSONObjectWriter()
                w.string("type", "subscribe")
                w.string("region", region)
                if let indicator { w.string("indicator", indicator) }
                if let since { w.int64("since", since) }
                let answer = try c.request(w.finish())
                if answer.string("code") == "since_expired" { since = nil; continue }  // re-read above, then live
                guard answer.string("type") == "subscribed" else {
                    throw CLIError("subscribe: \(answer.string("code") ?? "?"): \(answer.string("message") ?? "")")
                }
                if since == nil, let seq = answer.string("seq").flatMap(Int64.init) { since = seq }
                backoff = 0.5
                if !table.terminal { FileHandle.standardError.write(Data("subscribed to \(region) after seq \(since ?? 0)\n".utf8)) }
                table.draw(status: "subscribed")
                var pinged = false
                while true {
                    let line: [UInt8]
                    do {
                        guard let l = try c.readLine() else { throw CLIError("the daemon closed the connection") }
                        line = l
                        pinged = false
                    } catch is TimedOut where !pinged {
                        try c.send(Array(#"{"type":"ping"}"#.utf8) + [0x0A])
                        pinged = true
                        continue
                    }
                    let event = try JSONParser.parse(line)
                    switch event.member("type")?.text {
                    case "aggregate":
                        if let seq = event.member("seq")?.text.flatMap(Int64.init) { since = max(since ?? 0, seq) }
                        let month = event.member("period")?.text
                        if table.period == nil || (month.map { $0 > table.period! } ?? false) {
                            table.period = month
                            if let month { try table.load(try query(c, month)) }  // the rest of the new month
                        }
                        table.apply(event)
                        table.draw(status: "seq \(since ?? 0)")
                    case "closing":
                        throw CLIError("the daemon is stopping")
                    case "error":
                        throw CLIError("\(event.member("code")?.text ?? "error"): \(event.member("message")?.text ?? "")")
                    default:
                        continue  // pong, or a reply to the query pipelined behind events
                    }
                }
            } catch let e as ExitCode {
                throw e
            } catch {
                if let e = error as? CLIError, e.description.hasPrefix("hello refused") { throw e }
                FileHandle.standardError.write(Data("\(error); reconnecting in \(backoff) s (resuming after seq \(since ?? 0))\n".utf8))
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 30)
            }
        }
    }

    /// The month's figures now, read before the stream so that the table starts full.
    private func query(_ c: LineClient, _ month: String) throws -> JSON {
        var w = JSONObjectWriter()
        w.string("type", "query")
        w.string("region", region)
        w.string("period", month)
        if let indicator { w.string("indicator", indicator) }
        w.bool("children", true)
        // Events may arrive before the result: they are applied, and the result is taken when it comes.
        try c.send(w.finish() + [0x0A])
        while true {
            guard let line = try c.readLine() else { throw CLIError("the daemon closed the connection") }
            let answer = try JSONParser.parse(line)
            switch answer.member("type")?.text {
            case "result": return answer
            case "error": throw CLIError("query: \(answer.member("code")?.text ?? "?"): \(answer.member("message")?.text ?? "")")
            default: continue
            }
        }
    }
}

/// Region codes to names: the region and everything under it the office may read.
func regionNames(_ c: LineClient, _ region: String) throws -> [String: String] {
    var w = JSONObjectWriter()
    w.string("type", "regions")
    w.string("region", region)
    var names: [String: String] = [:]
    for r in try c.request(w.finish()).json.member("regions")?.elements ?? [] {
        if let code = r.member("code")?.text, let name = r.member("name")?.text { names[code] = name }
    }
    return names
}

/// The consolidated table of one month, keyed by region and indicator.
struct WatchTable {
    let region: String
    var period: String?
    let terminal: Bool
    var names: [String: String] = [:]
    var regionNames: [String: String] = [:]
    private var rows: [String: JSON] = [:]
    private var order: [String] = []

    init(region: String, period: String?, terminal: Bool) {
        self.region = region
        self.period = period
        self.terminal = terminal
    }

    mutating func load(_ result: JSON) throws {
        for f in result.member("figures")?.elements ?? [] { store(f) }
    }

    mutating func apply(_ event: JSON) {
        guard event.member("period")?.text == period else { return }
        store(event)
        if !terminal { print(Self.line(event, names)); fflush(nil) }
    }

    private mutating func store(_ f: JSON) {
        let key = "\(f.member("region")?.text ?? "")|\(f.member("indicator")?.text ?? "")"
        if rows[key] == nil { order.append(key) }
        rows[key] = f
    }

    func draw(status: String) {
        guard terminal else { return }
        let sorted = order.sorted { a, b in
            let (ra, ia) = split(a), (rb, ib) = split(b)
            if (ra == region) != (rb == region) { return ra == region }
            return ia != ib ? ia < ib : ra < rb
        }
        print("\u{1B}[H\u{1B}[2J汇总 \(region) · \(period ?? "等待数据") · \(status)")
        printTable(["地区", "指标", "累计/期末", "同比%", "状态", "报送", "位次", "亮灯"], sorted.compactMap { rows[$0] }.map { f in
            let r = f.member("region")?.text ?? ""
            let rank = f.member("rank")
            let shown = regionNames[r].map { "\($0) \(r)" } ?? r
            return [r == region ? shown : "  " + shown, names[f.member("indicator")?.text ?? ""] ?? f.member("indicator")?.text ?? "",
                    f.member("value")?.text ?? "-", f.member("yoy")?.text ?? "-",
                    (f.member("conflict")?.text != nil || f.member("status")?.text == "disputed" ? "⚠ " : "") + (f.member("status")?.text ?? "-"),
                    f.member("expected")?.text.flatMap { $0 == "0" ? nil : "\(f.member("reported")?.text ?? "0")/\($0)" } ?? "-",
                    rank?.member("value")?.text.map { "\($0)/\(rank?.member("of")?.text ?? "?")" } ?? "-",
                    light(f.member("target")?.member("light")?.text)]
        })
        fflush(nil)
    }

    private func split(_ key: String) -> (String, String) {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false)
        return (String(parts[0]), String(parts.count > 1 ? parts[1] : ""))
    }

    /// One change as a line, for a pipe or a log.
    static func line(_ e: JSON, _ names: [String: String]) -> String {
        let indicator = e.member("indicator")?.text ?? ""
        return [e.member("seq")?.text ?? "-", e.member("region")?.text ?? "-", e.member("period")?.text ?? "-",
                indicator, names[indicator] ?? "", "value=\(e.member("value")?.text ?? "-")", "yoy=\(e.member("yoy")?.text ?? "-")",
                "status=\(e.member("status")?.text ?? "-")" + (e.member("conflict")?.text != nil ? " ⚠conflict" : ""),
                "reported=\(e.member("reported")?.text ?? "-")/\(e.member("expected")?.text ?? "-")"].joined(separator: " ")
    }
}
