import Foundation
import ZIPFoundation

/// One cell to write. A number is its exact decimal text ("218.64", "-3.5"), written as it is (never
/// through Double) and shown with `decimals` places, the precision it was reported with.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(String, decimals: Int)
    case empty
}

/// A minimal .xlsx workbook that Excel, WPS and LibreOffice open: inline strings, one number format
/// per count of decimals, an optional bold and frozen header row, columns as wide as their text
/// (a Chinese character counting two).
public struct XLSXWorkbook: Sendable {
    struct Sheet: Sendable {
        let name: String
        let rows: [[XLSXCell]]
        let header: Bool
    }
    private var sheets: [Sheet] = []

    public init() {}

    /// The names the sheets will have, in order.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// Adds a sheet; its name is made one Excel accepts (see `sheetName`) and returned.
    @discardableResult
    public mutating func addSheet(name: String, rows: [[XLSXCell]], header: Bool = true) -> String {
        let name = Self.sheetName(name, taken: sheetNames)
        sheets.append(Sheet(name: name, rows: rows, header: header))
        return name
    }

    /// The .xlsx file. Throws for more rows or columns than Excel has.
    public func data() throws -> [UInt8] {
        let sheets = self.sheets.isEmpty ? [Sheet(name: "Sheet1", rows: [], header: false)] : self.sheets
        for s in sheets {
            guard s.rows.count <= XLSX.maxRows else { throw XLSXError("sheet \(s.name) has more than \(XLSX.maxRows) rows") }
            guard s.rows.allSatisfy({ $0.count <= XLSX.maxColumns }) else {
                throw XLSXError("sheet \(s.name) has more than \(XLSX.maxColumns) columns")
            }
        }
        // Style 0 is plain, 1 the bold header, 2 + i a number with decimals[i] places.
        var decimals: [Int] = []
        for s in sheets {
            for row in s.rows {
                for case .number(_, let d) in row where !decimals.contains(Self.places(d)) { decimals.append(Self.places(d)) }
            }
        }
        decimals.sort()
        let styleOf = Dictionary(uniqueKeysWithValues: decimals.enumerated().map { ($1, 2 + $0) })

        let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var parts: [(String, String)] = []
        parts.append(("[Content_Types].xml", head + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="\#(type).sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="\#(type).styles+xml"/>"#
            + sheets.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="\#(type).worksheet+xml"/>"# }.joined()
            + "</Types>"))
        parts.append(("_rels/.rels", head + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#))
        parts.append(("xl/workbook.xml", head + #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
            + sheets.enumerated().map { i, s in #"<sheet name="\#(Self.escape(s.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"# }.joined()
            + "</sheets></workbook>"))
        parts.append(("xl/_rels/workbook.xml.rels", head + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(rel)/styles" Target="styles.xml"/></Relationships>"#))
        let font = #"<sz val="11"/><name val="Calibri"/><family val="2"/>"#
        parts.append(("xl/styles.xml", head + #"<styleSheet xmlns="\#(main)">"#
            + (decimals.isEmpty ? "" : #"<numFmts count="\#(decimals.count)">"#
                + decimals.map { #"<numFmt numFmtId="\#(164 + $0)" formatCode="\#(Self.format($0))"/>"# }.joined() + "</numFmts>")
            + #"<fonts count="2"><font>\#(font)</font><font><b/>\#(font)</font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="\#(2 + decimals.count)"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            + decimals.map { #"<xf numFmtId="\#(164 + $0)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"# }.joined()
            + #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#))
        for (i, s) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", head + Self.worksheet(s, selected: i == 0, styleOf: styleOf)))
        }
        return try Self.zip(parts.map { ($0, Array($1.utf8)) })
    }

    static func worksheet(_ sheet: Sheet, selected: Bool, styleOf: [Int: Int]) -> String {
        var xml = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0""#
            + (selected ? #" tabSelected="1""# : "") + ">"
            + (sheet.header && sheet.rows.count > 1 ? #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"# : "")
            + #"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#
        // Widths in characters of the default font: the widest cell's, within 8...60.
        var widths: [Int] = []
        for row in sheet.rows {
            if row.count > widths.count { widths += repeatElement(0, count: row.count - widths.count) }
            for (c, cell) in row.enumerated() {
                switch cell {
                case .text(let t): widths[c] = max(widths[c], displayWidth(t))
                case .number(let n, _): widths[c] = max(widths[c], n.count)
                case .empty: break
                }
            }
        }
        if !widths.isEmpty {
            xml += "<cols>" + widths.enumerated().map { c, w in
                #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(min(max(w + 2, 8), 60))" customWidth="1"/>"#
            }.joined() + "</cols>"
        }
        let columns = (0..<widths.count).map { XLSX.Cells.name($0 + 1) }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() where row.contains(where: { $0 != .empty }) {
            let bold = sheet.header && r == 0
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = columns[c] + String(r + 1)
                switch cell {
                case .empty: continue
                case .number(let n, let d) where isDecimal(n):
                    xml += #"<c r="\#(ref)" s="\#(bold ? 1 : styleOf[places(d)]!)"><v>\#(n)</v></c>"#
                case .text(let t), .number(let t, _):  // a "number" that is no decimal is kept as text
                    // Excel holds at most 32,767 characters in a cell and calls a file with more corrupt.
                    let text = escape(cut(t, 32_767), cell: true)
                    xml += #"<c r="\#(ref)" t="inlineStr"\#(bold ? #" s="1""# : "")><is><t xml:space="preserve">\#(text)</t></is></c>"#
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// A name Excel accepts: none of []:*?/\ (each becomes _), no apostrophe at either end, not
    /// empty, not "History" (reserved), at most 31 characters, unique ignoring case (" (2)" added).
    static func sheetName(_ wanted: String, taken: [String]) -> String {
        func trim(_ s: String) -> String {
            var s = Substring(s)
            while let f = s.first, f == "'" || f == " " { s = s.dropFirst() }
            while let l = s.last, l == "'" || l == " " { s = s.dropLast() }
            return String(s)
        }
        var name = String(String.UnicodeScalarView(wanted.unicodeScalars.map {
            "[]:*?/\\".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF ? "_" : $0
        }))
        name = trim(cut(trim(name), 31))
        if name.isEmpty { name = "Sheet" }
        if name.lowercased() == "history" { name += "_" }
        var candidate = name
        var n = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            let suffix = " (\(n))"
            candidate = cut(name, 31 - suffix.count) + suffix
            n += 1
        }
        return candidate
    }

    /// At most `limit` UTF-16 units (as Excel counts), cut between characters.
    static func cut(_ s: String, _ limit: Int) -> String {
        guard s.utf16.count > limit else { return s }
        var out = "", units = 0
        for ch in s {
            units += ch.utf16.count
            if units > limit { break }
            out.append(ch)
        }
        return out
    }

    static func places(_ decimals: Int) -> Int { min(max(decimals, 0), 30) }  // Excel shows at most 30
    static func format(_ decimals: Int) -> String { decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }

    /// -?digits(.digits)?: what a <v> may hold without Excel calling the file corrupt.
    static func isDecimal(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        let parts = u.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }

    /// Columns a text takes: two for a CJK (wide) character, one otherwise; the longest line counts.
    static func displayWidth(_ s: String) -> Int {
        var widest = 0, width = 0
        for u in s.unicodeScalars {
            if u == "\n" { widest = max(widest, width); width = 0; continue }
            switch u.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                 0xFFE0...0xFFE6, 0x20000...0x3FFFD: width += 2
            default: width += 1
            }
        }
        return max(widest, width)
    }

    /// Text as XML 1.0 holds it: & < > " escaped, CR kept as &#13; (a parser would turn it into LF),
    /// characters XML forbids replaced by U+FFFD; in a cell also a literal "_x0041_" kept from being
    /// read as OOXML's escape of "A" (its "_" written _x005F_).
    static func escape(_ s: String, cell: Bool = false) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "_") || $0 == 0xEF }) else { return s }  // 0xEF: U+FFFE, U+FFFF
        let u = Array(s.unicodeScalars)
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for (i, c) in u.enumerated() {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(c)
            case "_" where cell && i + 6 < u.count && u[i + 1] == "x" && u[i + 6] == "_"
                && u[(i + 2)..<(i + 6)].allSatisfy({ $0.properties.isASCIIHexDigit }):
                out += "_x005F_"
            default:
                if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// The parts as a zip archive, deflated, dated 2000-01-01 so that the same workbook gives the same bytes.
    static func zip(_ parts: [(String, [UInt8])]) throws -> [UInt8] {
        let date = Date(timeIntervalSince1970: 946_684_800)
        do {
            let archive = try Archive(accessMode: .create)
            for (path, bytes) in parts {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw XLSXError("the workbook could not be zipped") }
            return [UInt8](data)
        } catch let error as XLSXError {
            throw error
        } catch {
            throw XLSXError("the workbook could not be zipped: \(error)")
        }
    }
}
