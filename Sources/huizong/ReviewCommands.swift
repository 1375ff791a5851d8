import ArgumentParser
import HuizongClient
import HuizongProtocol

/// 审核 (PROTOCOL.md v1.2): the city bureau approves a county's month or returns it with a reason.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Approve a region's month, or return it with a note (offices above the region, or admin).",
        discussion: """
            While approved, submissions for that region and month are refused (period_approved); after a
            return, the region's next accepted revision makes the month 待审核 again.
            Examples:
              huizong review approve 330902 2023-11 --office 330900
              huizong review return 330902 2023-11 --note '工业投资与项目库不符，请核实' --office 330900
            """)

    @Argument(help: "approve or return.") var action: String
    @OptionGroup var month: RegionMonth
    @Option(help: "Why (required to return; kept with the review).") var note: String?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard action == "approve" || action == "return" else { throw ValidationError("the action is approve or return, not \(action)") }
        if action == "return", note?.contains(where: { !$0.isWhitespace }) != true {
            throw ValidationError("退回须注明原因：give --note")
        }
    }

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "review")
        month.write(into: &w)
        w.string("action", action)
        if let note { w.string("note", note) }
        try client.run(w) { answer in
            let state = reviewLabel(answer.member("state")?.text)
            let changed = answer.member("changed")?.text == "true"
            print("\(month.region) \(month.period)：\(state)" + (changed ? "" : "（未变）")
                  + (answer.member("note")?.text.map { "，\($0)" } ?? ""))
        }
    }
}

struct ReviewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "List every review (approve, return) of a region and everything under it in a month, oldest first.",
        discussion: "Example: huizong reviews 330900 2023-11 --office 330900")

    @OptionGroup var month: RegionMonth
    @OptionGroup var client: ClientOptions

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "reviews")
        month.write(into: &w)
        try client.run(w) { answer in
            printObjects(answer.member("reviews"), columns: ["region", "period", "action", "by", "at", "note"])
        }
    }
}

/// 已审核 / 待审核 / 已退回 / 未报送, as the report and the tables show a review state.
func reviewLabel(_ state: String?) -> String {
    switch state {
    case "approved"?: "已审核"
    case "submitted"?: "待审核"
    case "returned"?: "已退回"
    case "none"?: "未报送"
    default: "-"
    }
}

struct OutliersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outliers",
        abstract: "List the month's flagged figures under a region: outliers against their own 24 months (异常值) and figures outside their bounds (超出范围).",
        discussion: "Example: huizong outliers 331000 2023-11 --office 331000")

    @OptionGroup var month: RegionMonth
    @OptionGroup var client: ClientOptions

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "outliers")
        month.write(into: &w)
        try client.run(w) { answer in
            printTable(["region", "indicator", "field", "value", "flag", "median", "score", "min", "max"],
                       (answer.member("figures")?.elements ?? []).map { f in
                           ["region", "indicator", "field", "value"].map { f.member($0)?.text ?? "-" }
                               + [f.member("code")?.text == "outlier" ? "异常值" : "超出范围"]
                               + ["median", "score", "min", "max"].map { f.member($0)?.text ?? "-" }
                       })
        }
    }
}

struct BoundsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounds",
        abstract: "Set the bounds of a field of a region's indicator: a figure outside them is accepted with a warning (offices above the region).",
        discussion: """
            --min/--max set a side, --clear-min/--clear-max remove it; a side not named is kept.
            Example: huizong bounds 331082 ind_output --field month --min 10 --max 50 --office 331000
            """)

    @Argument(help: "Region code.") var region: String
    @Argument(help: "Indicator code.") var indicator: String
    @Option(help: "ytd, month, value or yoy.") var field: String
    @Option(help: "Lower bound.") var min: String?
    @Option(help: "Upper bound.") var max: String?
    @Flag(help: "Remove the lower bound.") var clearMin = false
    @Flag(help: "Remove the upper bound.") var clearMax = false
    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard ["ytd", "month", "value", "yoy"].contains(field) else { throw ValidationError("--field is ytd, month, value or yoy") }
        if clearMin && min != nil || clearMax && max != nil { throw ValidationError("give a side's value or clear it, not both") }
        if min == nil && max == nil && !clearMin && !clearMax { throw ValidationError("give --min, --max, --clear-min or --clear-max") }
    }

    func run() throws {
        var w = JSONObjectWriter()
        w.string("type", "bounds")
        w.string("region", region)
        w.string("indicator", indicator)
        w.string("field", field)
        if let min { w.string("min", min) } else if clearMin { w.null("min") }
        if let max { w.string("max", max) } else if clearMax { w.null("max") }
        try client.run(w) { answer in
            print("\(region) \(indicator) \(field)：[\(answer.member("min")?.text ?? "-∞"), \(answer.member("max")?.text ?? "+∞")]")
        }
    }
}
