import ArgumentParser
import Foundation
import HuizongClient
import HuizongProtocol

/// The city bureau's daily commands: each one request of the protocol, answered as a table (or as
/// the daemon sent it with --json).

/// A region and a month, the positional arguments of most read commands and of lock/unlock.
struct RegionMonth: ParsableArguments {
    @Argument(help: "Region code.") var region: String
    @Argument(help: "Month, YYYY-MM.") var period: String

    func write(into w: inout JSONObjectWriter) {
        w.string("region", region)
        w.string("period", period)
    }
}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Show a region's figures for a month: value, growth, own vs sum, rank, target and light.",
        discussion: "Example: huizong query 330900 2023-11 --children --office 330900")

    @OptionGroup var month: RegionMonth
    @Flag(help: "Also every region under it.") var children = false
    @Option(help: ArgumentHelp("Only this indicator (code).", valueName: "code")) var indicator: String?
    @OptionGroup var client: ClientOptions

    func run() throws {
        let c = try client.connect()
        let names = try c.indicatorNames()
        // People read names (永嘉县), not codes; a region the office cannot list keeps its code.
        let regions = (try? c.regionNames(under: month.region)) ?? [:]
        var w = JSONObjectWriter()
        w.string("type", "query")
        month.write(into: &w)
        if let indicator { w.string("indicator", indicator) }
        w.bool("children", children)
        try client.show(try c.request(w.finish())) { answer in
            printTable(["region", "indicator", "value", "yoy", "status", "reported", "rank", "gap", "groups", "target", "progress", "light",
                        "projected", "review", "flags"],
                       answer.member("figures")?.elements.map { f in
                           let t = f.member("target"), r = f.member("rank")
                           let status = (f.member("status")?.text ?? "-") + (f.member("conflict")?.text != nil ? " ⚠" : "")
                               + (f.member("estimate")?.text == "true" ? " 预计" : "") + (f.member("locked")?.text == "true" ? " 🔒" : "")
                           let code = f.member("region")?.text ?? "-"
                           return [regions[code] ?? code,
                                   names[f.member("indicator")?.text ?? ""] ?? f.member("indicator")?.text ?? "-",
                                   f.member("value")?.text ?? "-", f.member("yoy")?.text ?? "-", status,
                                   "\(f.member("reported")?.text ?? "-")/\(f.member("expected")?.text ?? "-")",
                                   r?.member("value")?.text.map { "\($0)/\(r?.member("of")?.text ?? "?")" } ?? "-",
                                   r?.member("gap")?.text ?? "-",
                                   // 山区26县 3/26 (+4.1): the place among each peer group, and the gap to its growth
                                   (r?.member("groups")?.elements ?? []).map { g in
                                       "\(g.member("name")?.text ?? g.member("group")?.text ?? "") \(g.member("value")?.text ?? "-")/\(g.member("of")?.text ?? "?")"
                                           + (g.member("gap")?.text.map { " (\($0.hasPrefix("-") ? "" : "+")\($0))" } ?? "")
                                   }.joined(separator: "；").nonEmpty ?? "-",
                                   t?.member("ytd")?.text ?? t?.member("yoy")?.text.map { "+\($0)%" } ?? t?.member("share")?.text.map { "\($0)%" } ?? "-",
                                   t?.member("progress")?.text ?? t?.member("actual")?.text ?? "-",
                                   light(t?.member("light")?.text),
                                   t?.member("projected")?.text.map { "\($0) \(light(t?.member("projected_light")?.text))" } ?? "-",
                                   f.member("review").map { reviewLabel($0.member("state")?.text) }
                                       ?? f.member("approved")?.text.map { "已审核 \($0)" } ?? "-",
                                   WatchTable.flags(f)]
                       } ?? [])
        }
    }
}

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "List the conflicts between regions' own figures and the sums of their parts, oldest first.",
        discussion: "Example: huizong conflicts 330900 2023-11 --office 330900")

    @Argument(help: "Region code (the region and everything under it).") var region: String
    @Argument(help: "Month, YYYY-MM (default: every month).") var period: String?
    @OptionGroup var client: ClientOptions

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "conflicts")
        w.string("region", region)
        if let period { w.string("period", period) }
        try client.run(w) { answer in
            printObjects(answer.member("conflicts"), columns: ["id", "region", "period", "indicator", "kind", "own", "sum", "state", "action", "note"])
        }
    }
}

struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve a conflict: readers see the region's own figure or the sum of its parts (city offices and above).",
        discussion: "Example: huizong resolve 17 --accept-sum --note '以区县合计为准' --office 330900")

    @Argument(help: "Conflict id, as `huizong conflicts` lists it.") var conflict: String
    @Flag(help: "Keep the region's own figure.") var acceptOwn = false
    @Flag(help: "Take the sum of its parts.") var acceptSum = false
    @Option(help: "Why (kept in the audit trail).") var note: String?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard acceptOwn != acceptSum else { throw ValidationError("give exactly one of --accept-own and --accept-sum") }
    }

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "resolve")
        w.string("conflict", conflict)
        w.string("action", acceptOwn ? "accept_own" : "accept_sum")
        if let note { w.string("note", note) }
        try client.run(w) { answer in
            print("conflict \(conflict) resolved: readers now see \(answer.member("value")?.text ?? "-") (\(answer.member("status")?.text ?? "-"))")
        }
    }
}

struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Lock a month of a region and everything under it: submissions are refused with period_locked.",
        discussion: "Example: huizong lock 330900 2023-11 --office 330900")
    @OptionGroup var month: RegionMonth
    @OptionGroup var client: ClientOptions
    func run() throws { try setLock(client, "lock", month) }
}

struct UnlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Unlock a month locked with `huizong lock`.",
        discussion: "Example: huizong unlock 330900 2023-11 --office 330900")
    @OptionGroup var month: RegionMonth
    @OptionGroup var client: ClientOptions
    func run() throws { try setLock(client, "unlock", month) }
}

private func setLock(_ client: ClientOptions, _ type: String, _ month: RegionMonth) throws {
    var w = JSONObjectWriter()
    w.string("type", type)
    month.write(into: &w)
    try client.run(w) { answer in
        let changed = answer.member("changed")?.text == "true"
        print("\(month.region) \(month.period) \(type)ed" + (changed ? "" : " already; nothing changed"))
    }
}

struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Set a region's annual target for an indicator: a level, a growth, or a share of another indicator.",
        discussion: "Example: huizong target 330900 2023 ship_output --ytd 320 --yoy 30 --office 330900")

    @Argument(help: "Region code.") var region: String
    @Argument(help: "Year.") var year: Int
    @Argument(help: "Indicator code.") var indicator: String
    @Option(help: "Level target (a flow's year total, a stock's or a ratio's end-of-year level).") var ytd: String?
    @Option(help: "Growth target in percent.") var yoy: String?
    @Option(help: "Share target in percent of --of's ytd.") var share: String?
    @Option(help: ArgumentHelp("The indicator a share is of.", valueName: "code")) var of: String?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard ytd != nil || yoy != nil || share != nil else { throw ValidationError("give --ytd, --yoy or --share (with --of)") }
        guard (share == nil) == (of == nil) else { throw ValidationError("--share and --of go together") }
    }

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "target")
        w.string("region", region)
        w.int("year", year)
        w.string("indicator", indicator)
        if let ytd { w.string("ytd", ytd) }
        if let yoy { w.string("yoy", yoy) }
        if let share { w.string("share", share) }
        if let of { w.string("of", of) }
        try client.run(w) { _ in print("target of \(region) \(year) \(indicator) set") }
    }
}

struct CompletenessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completeness",
        abstract: "Who under a region reported a month on time, late, or not at all (by one indicator with --indicator).",
        discussion: "Example: huizong completeness 330900 2023-11 --indicator tech_investment --office 330900")
    @OptionGroup var month: RegionMonth
    @Option(help: ArgumentHelp("Judge each child by the first submission that listed this indicator.", valueName: "code"))
    var indicator: String?
    @OptionGroup var client: ClientOptions

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "completeness")
        month.write(into: &w)
        if let indicator { w.string("indicator", indicator) }
        try client.run(w) { answer in
            print("deadline \(answer.member("deadline")?.text ?? "-"): \(answer.member("on_time")?.text ?? "0") on time, \(answer.member("late")?.text ?? "0") late, \(answer.member("missing")?.text ?? "0") missing, \(answer.member("approved")?.text ?? "0") approved")
            printTable(["region", "name", "status", "received_at", "review"], (answer.member("children")?.elements ?? []).map { c in
                [c.member("region")?.text ?? "-", c.member("name")?.text ?? "-",
                 ["on_time": "按时", "late": "迟报", "missing": "未报"][c.member("status")?.text ?? ""] ?? "-",
                 c.member("received_at")?.text ?? "-", reviewLabel(c.member("review")?.text)]
            })
        }
    }
}

/// A light as a terminal shows it.
func light(_ name: String?) -> String {
    switch name {
    case "green": return "● 绿"
    case "yellow": return "● 黄"
    case "red": return "● 红"
    default: return "-"
    }
}

extension String {
    /// Nil for the empty string (a table shows "-" instead).
    var nonEmpty: String? { isEmpty ? nil : self }
}
