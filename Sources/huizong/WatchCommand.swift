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

    /// An error that waiting and reconnecting will not mend: the command ends with it.
    struct Fatal: Error, CustomStringConvertible { let description: String }

    func run() throws {
        if let period, Period(period) == nil { throw ValidationError("the period must be YYYY-MM") }
        var w = Watcher(region: region, indicator: indicator, json: client.json,
                        table: WatchTable(region: region, period: period, terminal: isatty(1) == 1))
        var backoff = 0.5
        while true {
            do {
                let c: LineClient
                do {
                    // Reads wait 30 s at most; a quiet connection is pinged, one that stays silent is lost.
                    c = try client.connect(readTimeout: 30)
                } catch let e as Unreachable {
                    throw e  // retried below
                } catch {
                    throw Fatal(description: "\(error)")  // no office, no token, refused hello, a bad credentials file
                }
                try w.follow(c) { backoff = 0.5 }
            } catch let e as Fatal {
                FileHandle.standardError.write(Data("huizong watch: \(e)\n".utf8))
                throw ExitCode(1)
            } catch {
                FileHandle.standardError.write(Data("\(error); reconnecting in \(backoff) s (resuming after seq \(w.since ?? 0))\n".utf8))
                Thread.sleep(forTimeInterval: backoff)
                backoff = min(backoff * 2, 30)
            }
        }
    }
}

/// One watcher's state across connections: the table, and the seq it has shown everything up to.
struct Watcher {
    let region: String
    let indicator: String?
    let json: Bool
    var table: WatchTable
    var since: Int64?
    private var lastDraw = DispatchTime.now().uptimeNanoseconds

    init(region: String, indicator: String?, json: Bool, table: WatchTable) {
        self.region = region
        self.indicator = indicator
        self.json = json
        self.table = table
    }

    /// Subscribes (resuming after `since`), fills the table, then follows the stream until the
    /// connection fails. The subscription comes first and the query after it, so that nothing
    /// committed between the two is missed; a row an event changed while the query ran keeps the
    /// event's figures.
    mutating func follow(_ c: LineClient, connected: () -> Void) throws {
        if table.names.isEmpty { table.names = try c.indicatorNames() }
        if table.regionNames.isEmpty { table.regionNames = try c.regionNames(under: region) }
        var sub = JSONObjectWriter()
        sub.string("type", "subscribe")
        sub.string("id", "w")
        sub.string("region", region)
        if let indicator { sub.string("indicator", indicator) }
        if let since { sub.int64("since", since) }
        try c.send(sub.finish() + [0x0A])
        while true {  // the answer to subscribe (events cannot come before it)
            guard let line = try c.readLine() else { throw CLIError("the daemon closed the connection") }
            let answer = try JSONParser.parse(line)
            if answer.member("type")?.text == "subscribed" {
                if since == nil { since = answer.member("seq")?.text.flatMap(Int64.init) }
                break
            }
            if answer.member("type")?.text == "error" {
                let code = answer.member("code")?.text ?? "error"
                if code == "since_expired" || (code == "bad_request" && since != nil) {
                    // The log no longer (or not yet) holds what follows `since`: start again from now.
                    FileHandle.standardError.write(Data("huizong watch: \(code): resubscribing from now; changes before it are not shown one by one\n".utf8))
                    since = nil
                    var again = JSONObjectWriter()
                    again.string("type", "subscribe")
                    again.string("id", "w")
                    again.string("region", region)
                    if let indicator { again.string("indicator", indicator) }
                    try c.send(again.finish() + [0x0A])
                    continue
                }
                let retryable = answer.member("retryable")?.text == "true"
                let message = "subscribe: \(code): \(answer.member("message")?.text ?? "")"
                throw retryable ? CLIError(message) as any Error : WatchCommand.Fatal(description: message)
            }
        }
        connected()
        if !table.terminal && !json { FileHandle.standardError.write(Data("subscribed to \(region) after seq \(since ?? 0)\n".utf8)) }
        if let month = table.period { try refill(c, month) }
        draw(c, force: true)
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
            try handle(line, c)
        }
    }

    /// One line of the stream: an event is shown (and may start a new month), `closing` and errors
    /// end the connection; anything else (pong) is ignored.
    private mutating func handle(_ line: [UInt8], _ c: LineClient) throws {
        let event = try JSONParser.parse(line)
        switch event.member("type")?.text {
        case "aggregate":
            if let seq = event.member("seq")?.text.flatMap(Int64.init) {
                guard seq > (since ?? 0) else { return }  // already shown
                since = seq
            }
            if json { print(String(decoding: line, as: UTF8.self)); fflush(nil) }
            let month = event.member("period")?.text
            if let month, table.period == nil || month > table.period! {
                table.newMonth(month)
                table.apply(event, print: !json)
                try refill(c, month)  // the rest of the new month
            } else {
                table.apply(event, print: !json)
            }
            draw(c)
        case "closing":
            throw CLIError("the daemon is stopping")
        case "error":
            let message = "\(event.member("code")?.text ?? "error"): \(event.member("message")?.text ?? "")"
            if event.member("code")?.text == "unauthenticated" { throw WatchCommand.Fatal(description: message) }
            throw CLIError(message)
        default:
            return
        }
    }

    /// Reads the month's figures into the table; events arriving meanwhile are handled as they come.
    private mutating func refill(_ c: LineClient, _ month: String) throws {
        var w = JSONObjectWriter()
        w.string("type", "query")
        w.string("id", "q")
        w.string("region", region)
        w.string("period", month)
        if let indicator { w.string("indicator", indicator) }
        w.bool("children", true)
        try c.send(w.finish() + [0x0A])
        table.startQuery()
        while true {
            guard let line = try c.readLine() else { throw CLIError("the daemon closed the connection") }
            let answer = try JSONParser.parse(line)
            switch answer.member("type")?.text {
            case "result":
                table.load(answer)
                return
            case "error" where answer.member("id")?.text != "q":
                try handle(line, c)  // the stream's (slow_consumer, revoked), not the query's
            case "error":
                throw WatchCommand.Fatal(description: "query: \(answer.member("code")?.text ?? "?"): \(answer.member("message")?.text ?? "")")
            default:
                try handle(line, c)  // an event, applied now; the result does not overwrite it
            }
        }
    }

    /// Redraws a terminal at most every 200 ms while more lines are waiting, so that a burst or a
    /// replay does not redraw the whole table for each line.
    private mutating func draw(_ c: LineClient, force: Bool = false) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || !c.hasBufferedLine || now &- lastDraw > 200_000_000 else { return }
        lastDraw = now
        if !json { table.draw(status: "seq \(since ?? 0)") }
    }
}

/// The consolidated table of one month, keyed by region and indicator.
struct WatchTable {
    let region: String
    var period: String?
    let terminal: Bool
    var names: [String: String] = [:]
    var regionNames: [String: String] = [:]
    private var rows: [String: JSON] = [:]

    init(region: String, period: String?, terminal: Bool) {
        self.region = region
        self.period = period
        self.terminal = terminal
    }

    /// Rows an event set while a query was on its way: the query's older figures do not replace them.
    private var touched: Set<String>? = nil

    mutating func newMonth(_ month: String) {
        period = month
        rows.removeAll()
    }

    mutating func startQuery() { touched = [] }

    mutating func load(_ result: JSON) {
        for f in result.member("figures")?.elements ?? [] where !(touched?.contains(Self.key(f)) ?? false) { store(f) }
        touched = nil
    }

    mutating func apply(_ event: JSON, print shown: Bool) {
        guard event.member("period")?.text == period else { return }
        store(event)
        touched?.insert(Self.key(event))
        if !terminal && shown { print(Self.line(event, names)); fflush(nil) }
    }

    static func key(_ f: JSON) -> String { "\(f.member("region")?.text ?? "")|\(f.member("indicator")?.text ?? "")" }

    private mutating func store(_ f: JSON) {
        let key = Self.key(f)
        rows[key] = f
    }

    func draw(status: String) {
        guard terminal else { return }
        // The region's own rows first, then by indicator and region.
        let sorted = rows.values.map { f in (f, f.member("region")?.text ?? "", f.member("indicator")?.text ?? "") }.sorted { a, b in
            if (a.1 == region) != (b.1 == region) { return a.1 == region }
            return a.2 != b.2 ? a.2 < b.2 : a.1 < b.1
        }.map(\.0)
        print("\u{1B}[H\u{1B}[2J汇总 \(region) · \(period ?? "等待数据") · \(status)")
        printTable(["地区", "指标", "累计/期末", "同比%", "状态", "报送", "位次", "增速差", "亮灯", "预计全年%", "审核", "标记"], sorted.map { f in
            let r = f.member("region")?.text ?? ""
            let rank = f.member("rank")
            let shown = regionNames[r].map { "\($0) \(r)" } ?? r
            return [r == region ? shown : "  " + shown, names[f.member("indicator")?.text ?? ""] ?? f.member("indicator")?.text ?? "",
                    f.member("value")?.text ?? "-", f.member("yoy")?.text ?? "-",
                    (f.member("conflict")?.text != nil || f.member("status")?.text == "disputed" ? "⚠ " : "") + (f.member("status")?.text ?? "-"),
                    f.member("expected")?.text.flatMap { $0 == "0" ? nil : "\(f.member("reported")?.text ?? "0")/\($0)" } ?? "-",
                    rank?.member("value")?.text.map { "\($0)/\(rank?.member("of")?.text ?? "?")" } ?? "-",
                    rank?.member("gap")?.text ?? "-",
                    light(f.member("target")?.member("light")?.text),
                    f.member("target")?.member("projected")?.text ?? "-",
                    f.member("review").map { reviewLabel($0.member("state")?.text) } ?? f.member("approved")?.text.map { "已审核 \($0)" } ?? "-",
                    Self.flags(f)]
        })
        fflush(nil)
    }

    /// 异常值 / 超出范围 / 预计 of a figure, as a bureau reads them.
    static func flags(_ f: JSON) -> String {
        var out = (f.member("flags")?.elements ?? []).compactMap { ["outlier": "异常值", "outside_bounds": "超出范围"][$0.text ?? ""] }
        if f.member("estimate")?.text == "true" { out.append("预计") }
        return out.isEmpty ? "-" : out.joined(separator: "、")
    }

    /// One change as a line, for a pipe or a log.
    static func line(_ e: JSON, _ names: [String: String]) -> String {
        let indicator = e.member("indicator")?.text ?? ""
        return [e.member("seq")?.text ?? "-", e.member("region")?.text ?? "-", e.member("period")?.text ?? "-",
                indicator, names[indicator] ?? "", "value=\(e.member("value")?.text ?? "-")", "yoy=\(e.member("yoy")?.text ?? "-")",
                "status=\(e.member("status")?.text ?? "-")" + (e.member("conflict")?.text != nil ? " ⚠conflict" : ""),
                "reported=\(e.member("reported")?.text ?? "-")/\(e.member("expected")?.text ?? "-")",
                "review=\(e.member("review")?.member("state")?.text ?? "-")", "flags=\(flags(e))"].joined(separator: " ")
    }
}
