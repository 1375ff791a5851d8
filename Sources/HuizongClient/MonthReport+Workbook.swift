import Foundation
import HuizongCore
import HuizongProtocol

/// The same 完成情况表 as an Excel workbook, one sheet per section of the page: numbers as numbers
/// with the decimals they were reported with, lights as words (绿/黄/红), Chinese headers.
extension MonthReport {
    public func workbook() -> XLSXWorkbook {
        let c = Content(self)
        var book = XLSXWorkbook()
        func number(_ text: String?) -> XLSXCell {
            guard let text, ExactDecimal(text) != nil else { return text.map { .text($0) } ?? .empty }
            let decimals = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
            return .number(text, decimals: decimals)
        }
        func text(_ s: String?) -> XLSXCell { s.map { .text($0) } ?? .empty }
        func light(_ s: String?) -> XLSXCell { text(s.flatMap { ["green": "绿", "yellow": "黄", "red": "红"][$0] }) }

        var main: [[XLSXCell]] = [Self.mainColumns.map { .text($0) }]
        for code in c.shown {
            let info = c.indicator(code), f = c.ownByIndicator[code], target = f?.member("target")
            main.append([
                text(info.name + (f?.member("estimate")?.text == "true" ? "（预计）" : "")), text(info.unit),
                number(f?.member("value")?.text), number(f?.member("yoy")?.text), number(f?.member("own")?.text), number(f?.member("sum")?.text),
                text(f.map { "\($0.member("reported")?.text ?? "0")/\($0.member("expected")?.text ?? "0")" }),
                text(Self.status[f?.member("status")?.text ?? ""] ?? f?.member("status")?.text),
                target.flatMap { t in t.member("ytd")?.text.map { number($0) } ?? t.member("yoy")?.text.map { .text("增长 \($0)%") }
                    ?? t.member("share")?.text.map { .text("占比 \($0)%") } } ?? .empty,
                number(target.flatMap { $0.member("progress")?.text ?? $0.member("actual")?.text }),
                number(target?.member("time_progress")?.text), light(target?.member("light")?.text), text(Self.projected(f)),
            ])
        }
        book.addSheet(name: "主要指标", rows: main)

        var ranks: [[XLSXCell]] = [(["指标"] + Self.childColumns + ["状态"]).map { .text($0) }]
        for code in c.childIndicators {
            let info = c.indicator(code)
            for f in c.childRows(code) {
                let disputed = f.member("status")?.text == "disputed" || f.member("conflict")?.text != nil
                ranks.append([text("\(info.name)（\(info.unit)）"),
                              text(c.name(f.member("region")?.text ?? "") + (f.member("estimate")?.text == "true" ? "（预计）" : "")),
                              number(f.member("value")?.text), number(f.member("rank")?.member("value")?.text), number(f.member("yoy")?.text),
                              number(f.member("rank")?.member("yoy")?.text), number(f.member("rank")?.member("gap")?.text),
                              light(f.member("target")?.member("light")?.text), text(Self.review(f.member("review"))),
                              text(disputed ? "⚠ 待核" : nil)])
            }
        }
        book.addSheet(name: "各地完成情况", rows: ranks)

        var open: [[XLSXCell]] = [["编号", "地区", "指标", "类型", "本级数", "下级合计", "登记时间"].map { .text($0) }]
        for x in c.openConflicts {
            open.append([text(x.member("id")?.text), text(c.name(x.member("region")?.text ?? "")),
                         text(c.indicators[x.member("indicator")?.text ?? ""]?.name ?? x.member("indicator")?.text),
                         text(x.member("kind")?.text == "growth" ? "增速" : "总量"), number(x.member("own")?.text), number(x.member("sum")?.text),
                         text(x.member("opened_at")?.text)])
        }
        book.addSheet(name: "待核冲突", rows: open)

        var reported: [[XLSXCell]] = [["地区", "情况", "收到时间", "审核"].map { .text($0) }]
        for x in completeness.member("children")?.elements ?? [] {
            let status = x.member("status")?.text ?? ""
            reported.append([text(x.member("name")?.text ?? c.name(x.member("region")?.text ?? "")),
                             text(["on_time": "按时", "late": "迟报", "missing": "未报"][status] ?? status), text(x.member("received_at")?.text),
                             text(Self.reviewStates[x.member("review")?.text ?? ""] ?? x.member("review")?.text)])
        }
        book.addSheet(name: "报送情况", rows: reported)
        if outliers != .null {
            let rows = Self.flagRows(outliers.member("figures")?.elements ?? [], c).map { row in
                row.enumerated().map { i, cell in [3, 5, 6].contains(i) ? number(cell) : text(cell) }
            }
            book.addSheet(name: "数据质量", rows: [Self.flagColumns.map { .text($0) }] + rows)
        }
        return book
    }
}

extension MonthReport {
    /// A moment as the page states when its figures were read: China Standard Time.
    public static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + "（北京时间）"
    }
}
