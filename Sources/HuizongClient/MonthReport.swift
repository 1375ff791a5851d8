import HuizongCore
import HuizongProtocol

/// The consolidated month of a region as a page a city bureau prints (the seeds' 完成情况表): every
/// indicator with value, growth, own figure against the sum, target progress and light; each child's
/// figures with its ranks; open conflicts; who has not reported; a bar chart of the children. One
/// self-contained HTML file: no scripts, no network, print-friendly CSS.
///
/// Built from the daemon's answers as they came (`query` with children, `conflicts`, `completeness`,
/// `catalog`, `regions`), so the page shows exactly what any client would read.
public struct MonthReport: Sendable {
    public var region: String
    public var period: Period
    public var figures: JSON
    public var conflicts: JSON
    public var completeness: JSON
    public var catalog: JSON
    public var regions: JSON
    /// The `outliers` answer (PROTOCOL v1.2), for the section of flagged figures; null leaves it out.
    public var outliers: JSON
    /// The indicator of the bar chart (default: 规上工业增加值 if the children have it, else the first).
    public var chartIndicator: String?
    /// When the figures were read, as the page states it.
    public var generatedAt: String

    public init(region: String, period: Period, figures: JSON, conflicts: JSON, completeness: JSON, catalog: JSON, regions: JSON,
                outliers: JSON = .null, chartIndicator: String? = nil, generatedAt: String) {
        self.region = region
        self.period = period
        self.figures = figures
        self.conflicts = conflicts
        self.completeness = completeness
        self.catalog = catalog
        self.regions = regions
        self.outliers = outliers
        self.chartIndicator = chartIndicator
        self.generatedAt = generatedAt
    }

    struct Indicator {
        let code, name, unit, kind: String
        var better = "higher"
    }

    public func html() -> String {
        let c = Content(self)
        let (indicators, shown, ownByIndicator, childIndicators, children, openConflicts, months, title) =
            (c.indicators, c.shown, c.ownByIndicator, c.childIndicators, c.children, c.openConflicts, c.months, c.title)
        func name(_ code: String) -> String { c.name(code) }

        var h = HTML()
        h.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
        h.text(title)
        h.raw("</title><style>\(Self.css)</style></head><body>\n<h1>")
        h.text(title)
        h.raw("</h1>\n<p class=\"meta\">")
        h.text("数据读取于 \(generatedAt)；累计值为 \(months)，期末值为 \(period.month) 月末。")
        let onTime = completeness.member("on_time")?.text ?? "0", late = completeness.member("late")?.text ?? "0"
        let missing = completeness.member("missing")?.text ?? "0"
        h.text(" 下级报送：按时 \(onTime)，迟报 \(late)，未报 \(missing)（截止 \(completeness.member("deadline")?.text ?? "-")）。")
        if !openConflicts.isEmpty { h.raw(" <strong class=\"warn\">"); h.text("待核冲突 \(openConflicts.count) 项，见第四部分。"); h.raw("</strong>") }
        h.raw("</p>\n")

        // 一、本级主要指标
        h.raw("<h2>一、主要指标</h2>\n<table class=\"main\"><thead><tr>")
        for c in Self.mainColumns {
            h.raw("<th>"); h.text(c); h.raw("</th>")
        }
        h.raw("</tr></thead><tbody>\n")
        for code in shown {
            let info = indicators[code] ?? Indicator(code: code, name: code, unit: "", kind: "flow")
            let f = ownByIndicator[code]
            let target = f?.member("target")
            let disputed = f?.member("status")?.text == "disputed"
            h.raw(disputed ? "<tr class=\"disputed\">" : "<tr>")
            h.cell(info.name + (f?.member("estimate")?.text == "true" ? "（预计）" : ""), left: true)
            h.cell(info.unit, left: true)
            h.cell(f?.member("value")?.text)
            h.cell(f?.member("yoy")?.text)
            h.cell(f?.member("own")?.text)
            h.cell(f?.member("sum")?.text)
            h.cell(f.map { "\($0.member("reported")?.text ?? "0")/\($0.member("expected")?.text ?? "0")" })
            h.cell(Self.status[f?.member("status")?.text ?? ""] ?? f?.member("status")?.text, left: true)
            h.cell(target.flatMap { t in t.member("ytd")?.text ?? t.member("yoy")?.text.map { "增长 \($0)%" } ?? t.member("share")?.text.map { "占比 \($0)%" } })
            h.cell(target.flatMap { $0.member("progress")?.text ?? $0.member("actual")?.text })
            h.cell(target?.member("time_progress")?.text)
            h.light(target?.member("light")?.text)
            h.cell(Self.projected(f))
            h.raw("</tr>\n")
        }
        if shown.isEmpty { h.raw("<tr><td colspan=\"13\" class=\"none\">本月尚无数据</td></tr>\n") }
        h.raw("</tbody></table>\n")

        // 二、各地完成情况
        h.raw("<h2>二、各地完成情况</h2>\n")
        if childIndicators.isEmpty { h.raw("<p class=\"none\">下级尚无数据。</p>\n") }
        for code in childIndicators {
            let info = indicators[code] ?? Indicator(code: code, name: code, unit: "", kind: "flow")
            let rows = c.childRows(code)
            h.raw("<section class=\"block\"><h3>")
            h.text("\(info.name)（\(info.unit)）")
            h.raw("</h3><table><thead><tr>")
            for column in Self.childColumns { h.raw("<th>"); h.text(column); h.raw("</th>") }
            h.raw("</tr></thead><tbody>\n")
            for f in rows {
                let disputed = f.member("status")?.text == "disputed" || f.member("conflict")?.text != nil
                h.raw(disputed ? "<tr class=\"disputed\">" : "<tr>")
                h.cell(name(f.member("region")?.text ?? "") + (f.member("estimate")?.text == "true" ? "（预计）" : "") + (disputed ? " ⚠" : ""), left: true)
                h.cell(f.member("value")?.text)
                h.cell(f.member("rank")?.member("value")?.text)
                h.cell(f.member("yoy")?.text)
                h.cell(f.member("rank")?.member("yoy")?.text)
                h.cell(f.member("rank")?.member("gap")?.text)
                h.light(f.member("target")?.member("light")?.text)
                h.cell(Self.review(f.member("review")), left: true)
                h.raw("</tr>\n")
            }
            h.raw("</tbody></table></section>\n")
        }

        // 三、柱状图
        let chart = chartIndicator ?? (childIndicators.contains("ind_value_added") ? "ind_value_added" : childIndicators.first)
        if let chart {
            let info = indicators[chart] ?? Indicator(code: chart, name: chart, unit: "", kind: "flow")
            // Rank 1 first: the largest, or for an indicator where lower is better (能耗), the smallest.
            let lowerIsBetter = info.better == "lower"
            let bars: [(String, ExactDecimal)] = children.filter { $0.member("indicator")?.text == chart }.compactMap { f in
                guard let v = f.member("value")?.text.flatMap({ ExactDecimal($0) }), let code = f.member("region")?.text else { return nil }
                return (name(code), v)
            }.sorted { lowerIsBetter ? $0.1 < $1.1 : $0.1 > $1.1 }
            h.raw("<h2>三、")
            h.text("\(info.name)各地对比（\(info.unit)）")
            h.raw("</h2>\n")
            h.raw(bars.isEmpty ? "<p class=\"none\">下级尚无该指标的数据。</p>\n" : Self.barChart(bars))
        }

        // 四、待核冲突
        h.raw("<h2>四、待核冲突</h2>\n")
        if openConflicts.isEmpty {
            h.raw("<p class=\"none\">无。</p>\n")
        } else {
            h.raw("<table><thead><tr><th>编号</th><th>地区</th><th>指标</th><th>类型</th><th>本级数</th><th>下级合计</th><th>登记时间</th></tr></thead><tbody>\n")
            for c in openConflicts {
                h.raw("<tr class=\"disputed\">")
                h.cell(c.member("id")?.text, left: true)
                h.cell(name(c.member("region")?.text ?? ""), left: true)
                h.cell(indicators[c.member("indicator")?.text ?? ""]?.name ?? c.member("indicator")?.text, left: true)
                h.cell(c.member("kind")?.text == "growth" ? "增速" : "总量", left: true)
                h.cell(c.member("own")?.text)
                h.cell(c.member("sum")?.text)
                h.cell(c.member("opened_at")?.text, left: true)
                h.raw("</tr>\n")
            }
            h.raw("</tbody></table>\n")
        }

        // 五、报送情况
        h.raw("<h2>五、报送情况</h2>\n<table><thead><tr><th>地区</th><th>情况</th><th>收到时间</th><th>审核</th></tr></thead><tbody>\n")
        for c in completeness.member("children")?.elements ?? [] {
            let status = c.member("status")?.text ?? ""
            h.raw(status == "missing" ? "<tr class=\"missing\">" : "<tr>")
            h.cell(c.member("name")?.text ?? name(c.member("region")?.text ?? ""), left: true)
            h.cell(["on_time": "按时", "late": "迟报", "missing": "未报"][status] ?? status, left: true)
            h.cell(c.member("received_at")?.text, left: true)
            h.cell(Self.reviewStates[c.member("review")?.text ?? ""] ?? c.member("review")?.text, left: true)
            h.raw("</tr>\n")
        }
        h.raw("</tbody></table>\n")

        // 六、数据质量
        if outliers != .null {
            let flagged = outliers.member("figures")?.elements ?? []
            h.raw("<h2>六、数据质量：异常值与超出范围</h2>\n")
            if flagged.isEmpty {
                h.raw("<p class=\"none\">无。</p>\n")
            } else {
                h.raw("<table><thead><tr>")
                for column in Self.flagColumns { h.raw("<th>"); h.text(column); h.raw("</th>") }
                h.raw("</tr></thead><tbody>\n")
                for row in Self.flagRows(flagged, c) {
                    h.raw("<tr>")
                    for (i, cell) in row.enumerated() { h.cell(cell, left: i < 3 || i == 4) }
                    h.raw("</tr>\n")
                }
                h.raw("</tbody></table>\n")
            }
        }
        h.raw("<p class=\"foot\">")
        h.text("汇总：Huizong。“⚠”为本级数与下级合计不符、待核；亮灯：绿 完成进度不低于时间进度，黄 落后 5 个百分点以内，红 落后更多。")
        h.raw("</p>\n</body></html>\n")
        return h.out
    }

    /// What the page and the workbook show, read once from the answers.
    struct Content {
        let indicators: [String: Indicator]
        let names: [String: String]
        let ownByIndicator: [String: JSON]
        let children: [JSON]
        let childIndicators: [String]
        let shown: [String]
        let openConflicts: [JSON]
        let months: String
        let title: String

        init(_ r: MonthReport) {
            indicators = Dictionary(r.catalog.member("indicators")?.elements.compactMap { i -> (String, Indicator)? in
                guard let code = i.member("code")?.text else { return nil }
                return (code, Indicator(code: code, name: i.member("name")?.text ?? code, unit: i.member("unit")?.text ?? "",
                                        kind: i.member("kind")?.text ?? "flow", better: i.member("better")?.text ?? "higher"))
            } ?? [], uniquingKeysWith: { a, _ in a })
            let order = r.catalog.member("indicators")?.elements.compactMap { $0.member("code")?.text } ?? []
            var names: [String: String] = [:]
            for region in r.regions.member("regions")?.elements ?? [] {
                if let code = region.member("code")?.text { names[code] = region.member("name")?.text ?? code }
            }
            self.names = names
            let all = r.figures.member("figures")?.elements ?? []
            let own = all.filter { $0.member("region")?.text == r.region }
            let children = all.filter { $0.member("region")?.text != r.region && $0.member("rank")?.member("parent")?.text == r.region }
            self.children = children
            let ownByIndicator = Dictionary(own.compactMap { f in f.member("indicator")?.text.map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
            self.ownByIndicator = ownByIndicator
            let childIndicators = order.filter { code in children.contains { $0.member("indicator")?.text == code } }
            self.childIndicators = childIndicators
            shown = order.filter { ownByIndicator[$0] != nil || childIndicators.contains($0) }
            openConflicts = (r.conflicts.member("conflicts")?.elements ?? []).filter { $0.member("state")?.text == "open" }
            months = r.period.month == 1 ? "1月" : "1-\(r.period.month)月"
            title = "\(names[r.region] ?? r.region) \(r.period.year)年\(months) 经济和信息化主要指标完成情况"
        }

        func name(_ code: String) -> String { names[code] ?? code }

        func indicator(_ code: String) -> Indicator { indicators[code] ?? Indicator(code: code, name: code, unit: "", kind: "flow") }

        /// The children's figures of one indicator in rank order.
        func childRows(_ code: String) -> [JSON] {
            children.filter { $0.member("indicator")?.text == code }
                .sorted { (Int($0.member("rank")?.member("value")?.text ?? "") ?? Int.max, $0.member("region")?.text ?? "")
                    < (Int($1.member("rank")?.member("value")?.text ?? "") ?? Int.max, $1.member("region")?.text ?? "") }
        }
    }

    static let mainColumns = ["指标", "单位", "本年累计/期末", "同比增长(%)", "本级数", "下级合计", "报送", "状态", "年度目标", "完成进度(%)",
                              "时间进度(%)", "亮灯", "预计全年完成(%)"]
    static let childColumns = ["地区", "本年累计/期末", "位次", "同比增长(%)", "增速位次", "与上级增速差", "亮灯", "审核"]
    static let flagColumns = ["地区", "指标", "项", "数值", "类型", "历史中位数", "偏离分数", "设定范围"]
    static let reviewStates = ["approved": "已审核", "submitted": "待审核", "returned": "已退回", "none": "未报送"]

    /// 已审核 / 待审核 / 已退回（退回理由）of a figure's `review` object.
    static func review(_ r: JSON?) -> String? {
        guard let state = r?.member("state")?.text else { return nil }
        let label = reviewStates[state] ?? state
        if state == "returned", let note = r?.member("note")?.text { return "\(label)（\(note)）" }
        return label
    }

    /// The completion the year's estimate (预计全年) would give, with its light, when the office gave one.
    static func projected(_ f: JSON?) -> String? {
        guard let p = f?.member("target")?.member("projected")?.text else { return nil }
        let light = ["green": "绿", "yellow": "黄", "red": "红"][f?.member("target")?.member("projected_light")?.text ?? ""]
        return p + (light.map { "（\($0)）" } ?? "")
    }

    /// The rows of the flagged figures, in the order the daemon gave them.
    static func flagRows(_ flagged: [JSON], _ c: Content) -> [[String?]] {
        let fields = ["ytd": "本年累计", "month": "当月", "value": "期末值", "yoy": "同比增长"]
        return flagged.map { f in
            let range = (f.member("min")?.text, f.member("max")?.text)
            return [c.name(f.member("region")?.text ?? ""), c.indicator(f.member("indicator")?.text ?? "").name,
                    fields[f.member("field")?.text ?? ""] ?? f.member("field")?.text, f.member("value")?.text,
                    f.member("code")?.text == "outlier" ? "异常值" : "超出范围", f.member("median")?.text, f.member("score")?.text,
                    range.0 == nil && range.1 == nil ? nil : "[\(range.0 ?? "-∞"), \(range.1 ?? "+∞")]"]
        }
    }

    static let status = ["complete": "完整", "partial": "部分报送", "disputed": "⚠ 待核（不符）", "resolved": "已裁定"]

    /// Horizontal bars, largest first, scaled to the largest value; labels and values as text.
    static func barChart(_ bars: [(String, ExactDecimal)]) -> String {
        let rowHeight = 26, labelWidth = 120, barWidth = 440, valueWidth = 110
        let width = labelWidth + barWidth + valueWidth, height = bars.count * rowHeight + 10
        let maxValue = bars.map { Double($0.1.description) ?? 0 }.max() ?? 0
        var svg = "<svg class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">\n"
        for (i, (label, value)) in bars.enumerated() {
            let y = 5 + i * rowHeight
            let length = maxValue > 0 ? max(1, Int((Double(value.description) ?? 0) / maxValue * Double(barWidth))) : 1
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(HTML.escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 8)\" fill=\"#3b6ea5\"/>"
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 17)\">\(HTML.escape(value.description))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static let css = """
        body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei","SimSun",sans-serif;margin:24px;color:#111;font-size:14px}
        h1{font-size:20px;text-align:center;margin:0 0 6px}h2{font-size:16px;margin:18px 0 6px;border-bottom:1px solid #999}
        h3{font-size:14px;margin:10px 0 4px}.meta,.foot{color:#444;font-size:12px}.warn{color:#a00}.none{color:#666}
        table{border-collapse:collapse;width:100%;margin-bottom:6px}th,td{border:1px solid #777;padding:3px 6px;text-align:right;white-space:nowrap}
        th{background:#eee;text-align:center}td.l{text-align:left}tr.disputed td{background:#fff1e0}tr.missing td{color:#a00}
        .light::before{content:"●";margin-right:3px}.green::before{color:#1a7f37}.yellow::before{color:#c9a200}.red::before{color:#c62828}
        .block{break-inside:avoid;page-break-inside:avoid}svg.chart text{font-size:12px;font-family:inherit}
        @page{size:A4;margin:14mm}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
        """
}

/// An HTML string built in order, text escaped.
struct HTML {
    var out = ""
    mutating func raw(_ s: String) { out += s }
    mutating func text(_ s: String) { out += Self.escape(s) }
    mutating func cell(_ s: String?, left: Bool = false) {
        out += left ? "<td class=\"l\">" : "<td>"
        out += Self.escape(s ?? "-")
        out += "</td>"
    }
    mutating func light(_ name: String?) {
        switch name {
        case "green"?: out += "<td class=\"l\"><span class=\"light green\">绿</span></td>"
        case "yellow"?: out += "<td class=\"l\"><span class=\"light yellow\">黄</span></td>"
        case "red"?: out += "<td class=\"l\"><span class=\"light red\">红</span></td>"
        default: out += "<td class=\"l\">-</td>"
        }
    }
    static func escape(_ s: String) -> String {
        var r = ""
        r.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&#39;"
            default: r.append(c)
            }
        }
        return r
    }
}
