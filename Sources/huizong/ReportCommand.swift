import ArgumentParser
import Foundation
import HuizongClient
import HuizongCore
import HuizongProtocol

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a region's consolidated month as a printable HTML page (完成情况表), in Chinese, or as an Excel workbook.",
        discussion: """
            Every indicator with value, growth, own figure against the sum of the parts, target progress and light, and the completion its 预计全年 would give; each child's figures with its ranks, its gap to the parent's growth and its review state (已审核 / 待审核 / 已退回 with the reason); open conflicts; who reported on time, late or not at all; the month's flagged figures (异常值 against the region's own history with its median, 超出范围 with the bounds); an SVG bar chart of the children, rank 1 first. One self-contained file: no scripts, no network; print it from any browser (A4). scripts/check-report renders one in headless Chromium.

            --xlsx writes the same sections as an .xlsx workbook, one sheet each (主要指标, 各地完成情况, 待核冲突, 报送情况, 数据质量): numbers as numbers with the decimals they were reported with, lights as words (绿/黄/红); Excel, WPS and LibreOffice open it.

            Example: huizong report 330900 2023-11 --html 舟山2023年11月.html --xlsx 舟山2023年11月.xlsx --office 330900
            """)

    @Argument(help: "Region code (a city, or a province).") var region: String
    @Argument(help: "Month, YYYY-MM.") var period: String
    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "path")) var html: String?
    @Option(help: ArgumentHelp("The Excel workbook to write.", valueName: "path")) var xlsx: String?
    @Option(help: ArgumentHelp("Indicator of the bar chart (default: ind_value_added, else the first the children report).", valueName: "code"))
    var chart: String?
    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard html != nil || xlsx != nil else { throw ValidationError("give --html FILE, --xlsx FILE or both") }
    }

    func run() throws {
        guard let month = Period(period) else { throw ValidationError("the period must be YYYY-MM") }
        let c = try client.connect()
        func ask(_ type: String, _ fill: (inout JSONObjectWriter) -> Void = { _ in }) throws -> JSON {
            var w = JSONObjectWriter()
            w.string("type", type)
            fill(&w)
            let answer = try c.request(w.finish())
            if answer.string("type") == "error" {
                throw CLIError("\(type): \(answer.string("code") ?? "error"): \(answer.string("message") ?? "")")
            }
            return answer.json
        }
        let report = MonthReport(
            region: region, period: month,
            figures: try ask("query") { $0.string("region", region); $0.string("period", period); $0.bool("children", true) },
            conflicts: try ask("conflicts") { $0.string("region", region); $0.string("period", period) },
            completeness: try ask("completeness") { $0.string("region", region); $0.string("period", period) },
            catalog: try ask("catalog"),
            regions: try ask("regions") { $0.string("region", region) },
            outliers: try ask("outliers") { $0.string("region", region); $0.string("period", period) },
            chartIndicator: chart,
            generatedAt: MonthReport.stamp(Date()))
        if let html {
            try Data(report.html().utf8).write(to: URL(fileURLWithPath: html))
            FileHandle.standardError.write(Data("report of \(region) \(period) written to \(html)\n".utf8))
        }
        if let xlsx {
            try Data(try report.workbook().data()).write(to: URL(fileURLWithPath: xlsx))
            FileHandle.standardError.write(Data("workbook of \(region) \(period) written to \(xlsx)\n".utf8))
        }
    }
}
