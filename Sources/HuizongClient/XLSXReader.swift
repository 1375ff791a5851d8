import Foundation
import HuizongCore
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// An .xlsx file that cannot be read, or is refused as too large.
public struct XLSXError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads one worksheet of an .xlsx file (as Excel, WPS, LibreOffice or openpyxl save it) as rows of
/// cell texts, each text as Excel shows it in the General format, so that a clerk's workbook reads
/// like the CSV file Excel would have saved.
///
/// - Rows and columns are placed by their references (row `r`, cell `r="C7"`): row i of the result
///   is the sheet's row i + 1, a skipped cell is "" and a skipped row is []. A row ends at its last
///   non-empty cell; trailing empty rows are dropped.
/// - Numbers: the written decimal rounded to 15 significant digits, trailing zeros removed, plain
///   for 1E-9 ≤ |x| < 1E+15 and scientific otherwise ("1.23456789012346E+18"). Rounding is done on
///   the decimal text, never through Double printing.
/// - A number styled as a date or time (built-in formats 14–22, 27–36, 45–47, 50–58, the last two
///   ranges being the East Asian date formats of Chinese Excel, or a custom format with y/m/d/h/s)
///   becomes "2023-11-01" or "2023-11-01 08:30:00"; one styled as a percentage (0%, 0.0% …) becomes
///   "5.2%" rather than "0.052", so a growth rate typed as 5.2% is not read as 0.052.
/// - Booleans are TRUE/FALSE, errors their text (#DIV/0!), formulas their cached result.
///
/// Hostile files are refused, not followed: at most `maxUncompressed` bytes are unpacked in all
/// (declared sizes are checked first and the bytes counted as they come, as a zip bomb lies about
/// its sizes), at most 10,000 zip entries, Excel's 1,048,576 rows and 16,384 columns, and no XML
/// with a DOCTYPE (so no entity expansion). The XML parser is libxml2's SAX parser, iterative and
/// with its own depth limit.
public enum XLSX {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    static let maxEntries = 10_000

    /// The cells of the first visible worksheet in workbook order, or of the sheet named `sheet`.
    public static func read(_ bytes: [UInt8], sheet: String? = nil, maxUncompressed: Int = 64 << 20) throws -> [[String]] {
        var zip = try Zip(bytes, budget: maxUncompressed)
        let book = try Book(&zip)
        let chosen = try book.sheet(named: sheet)
        let strings = try book.sharedStrings.map { try parse(zip.read($0), $0, SharedStrings()).strings } ?? []
        let styles = try book.styles.map { try parse(zip.read($0), $0, Styles()).kinds } ?? []
        // A cell far to the right costs memory for the empty cells before it: at most one cell (16
        // bytes) for 4 bytes of the budget, so a few bytes of XML cannot ask for gigabytes.
        let cells = Cells(strings: strings, styles: styles, date1904: book.date1904, maxCells: max(maxUncompressed / 4, XLSX.maxColumns))
        var rows = try parse(zip.read(chosen.path), chosen.path, cells).rows
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows
    }

    /// The names of the worksheets, in workbook order (hidden ones included).
    public static func sheetNames(_ bytes: [UInt8], maxUncompressed: Int = 64 << 20) throws -> [String] {
        var zip = try Zip(bytes, budget: maxUncompressed)
        return try Book(&zip).sheets.filter(\.isWorksheet).map(\.name)
    }

    // MARK: The zip archive

    /// The archive's entries by path, unpacked against one budget for the whole file.
    struct Zip {
        let archive: Archive
        var entries: [String: Entry] = [:]
        let limit: Int
        var budget: Int

        init(_ bytes: [UInt8], budget: Int) throws {
            // An OLE compound file: an old .xls, or an .xlsx saved with a password (encrypted).
            if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
                throw XLSXError("not an .xlsx file: an .xls file or a workbook with a password; save it as .xlsx without a password")
            }
            do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
                throw XLSXError("not an .xlsx file: no zip archive found")
            }
            limit = budget
            self.budget = budget
            var count = 0
            for entry in archive {
                count += 1
                guard count <= XLSX.maxEntries else { throw XLSXError("refused: more than \(XLSX.maxEntries) entries in the zip archive") }
                if entry.type == .file { entries[entry.path] = entry }
            }
        }

        func has(_ path: String) -> Bool { entries[path] != nil }

        mutating func read(_ path: String) throws -> Data {
            guard let entry = entries[path] else { throw XLSXError("not an .xlsx file: \(path) is missing") }
            let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"
            let tooLarge = XLSXError("refused: the workbook unpacks to more than \(size) (at \(path))")
            guard entry.uncompressedSize <= UInt64(budget) else { throw tooLarge }
            var left = budget
            var data = Data()
            do {
                _ = try archive.extract(entry) { chunk in
                    left -= chunk.count
                    guard left >= 0 else { throw tooLarge }
                    data.append(chunk)
                }
            } catch let error as XLSXError {
                throw error
            } catch {
                throw XLSXError("\(path) cannot be unpacked: \(error)")
            }
            budget = left
            return data
        }
    }

    // MARK: The workbook: sheets, their parts, the date system

    struct Book {
        struct Sheet { let name: String; let path: String; let visible: Bool; let isWorksheet: Bool }
        var sheets: [Sheet] = []
        var sharedStrings: String?
        var styles: String?
        var date1904 = false

        init(_ zip: inout Zip) throws {
            // The workbook is where the package's relationships say (xl/workbook.xml in practice).
            var workbook = "xl/workbook.xml"
            if zip.has("_rels/.rels"),
               let office = try parse(zip.read("_rels/.rels"), "_rels/.rels", Relationships()).list
                   .first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbook = Self.resolve(office.target, from: "")
            }
            let directory = workbook.split(separator: "/").dropLast().joined(separator: "/")
            let relsPath = (directory.isEmpty ? "" : directory + "/") + "_rels/" + (workbook.split(separator: "/").last ?? "") + ".rels"
            let rels = try parse(zip.read(relsPath), relsPath, Relationships()).list
            let book = try parse(zip.read(workbook), workbook, WorkbookPart())
            date1904 = book.date1904
            var byID: [String: Relationships.Relationship] = [:]
            for r in rels { byID[r.id] = r }
            for s in book.sheets {
                guard let r = byID[s.id] else { throw XLSXError("not an .xlsx file: sheet \(s.name) has no part") }
                sheets.append(Sheet(name: s.name, path: Self.resolve(r.target, from: directory), visible: s.visible,
                                    isWorksheet: r.type.hasSuffix("/worksheet")))
            }
            sharedStrings = rels.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.resolve($0.target, from: directory) }
            styles = rels.first { $0.type.hasSuffix("/styles") }.map { Self.resolve($0.target, from: directory) }
            if let s = sharedStrings, !zip.has(s) { sharedStrings = nil }
            if let s = styles, !zip.has(s) { styles = nil }
        }

        /// The named sheet (exactly, else ignoring case as Excel does), or the first visible worksheet:
        /// a hidden sheet (a template's lookup table) is not what the clerk filled in.
        func sheet(named name: String?) throws -> Sheet {
            let worksheets = sheets.filter(\.isWorksheet)
            let list = worksheets.map(\.name).joined(separator: ", ")
            guard let name else {
                guard let first = worksheets.first(where: \.visible) ?? worksheets.first else { throw XLSXError("the workbook has no worksheet") }
                return first
            }
            guard let found = worksheets.first(where: { $0.name == name })
                ?? worksheets.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw XLSXError("no sheet named \"\(name)\"; the workbook has: \(list)")
            }
            return found
        }

        /// A relationship's target as a path in the archive: absolute ("/xl/…") or relative to `directory`.
        static func resolve(_ target: String, from directory: String) -> String {
            var parts = target.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
            for p in target.split(separator: "/") {
                if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(String(p)) }
            }
            return parts.joined(separator: "/")
        }
    }

    // MARK: XML parts, each read by a small state machine over SAX events

    /// Parses `data` with Foundation's SAX parser (libxml2) feeding `handler`; element and attribute
    /// names reach it without their namespace prefix (x:c is c, r:id is id).
    static func parse<H: XMLHandler>(_ data: Data, _ part: String, _ handler: H) throws -> H {
        // A DOCTYPE is never in an .xlsx part; refusing it rules out entity expansion (billion laughs).
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil { throw XLSXError("refused: \(part) has a DOCTYPE") }
        let delegate = SAX(handler)
        // From a stream, so that libxml2 gets the part in chunks: given all at once, its push parser
        // scans ahead quadratically and refuses a part over 10 MB ("huge input lookup").
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        // On Linux parse() can return true after an error (it recovers); the delegate keeps the first.
        let ok = parser.parse()
        if let error = delegate.error { throw error }
        if let error = delegate.xmlError ?? parser.parserError ?? (ok ? nil : NSError(domain: XMLParser.errorDomain, code: 0)) {
            let code = (error as NSError).code
            throw XLSXError("\(part) is not well-formed XML (line \(delegate.xmlErrorLine ?? parser.lineNumber), libxml2 error \(code))")
        }
        return handler
    }

    final class SAX: NSObject, XMLParserDelegate {
        let handler: any XMLHandler
        var error: Error?
        var xmlError: Error?
        var xmlErrorLine: Int?
        init(_ handler: any XMLHandler) { self.handler = handler }

        static func local(_ name: String) -> String {
            guard name.utf8.contains(UInt8(ascii: ":")), let colon = name.lastIndex(of: ":") else { return name }
            return String(name[name.index(after: colon)...])
        }
        func fail(_ parser: XMLParser, _ body: () throws -> Void) {
            guard error == nil else { return }
            do { try body() } catch { self.error = error; parser.abortParsing() }
        }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            var plain = attributes
            if attributes.keys.contains(where: { $0.utf8.contains(UInt8(ascii: ":")) }) {
                plain = [:]
                for (k, v) in attributes { plain[Self.local(k)] = v }
            }
            fail(parser) { try handler.start(Self.local(name), plain) }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            fail(parser) { try handler.end(Self.local(name)) }
        }
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard xmlError == nil else { return }
            xmlError = parseError
            xmlErrorLine = parser.lineNumber
            parser.abortParsing()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { handler.text(string) }
        func parser(_ parser: XMLParser, foundIgnorableWhitespace string: String) { handler.text(string) }
        func parser(_ parser: XMLParser, foundCDATA block: Data) { handler.text(String(decoding: block, as: UTF8.self)) }
    }

    /// _x000D_ and the like: how OOXML writes characters XML cannot hold (and _x005F_ a literal "_").
    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "_")) else { return s }
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < u.count {
            if u[i] == "_", i + 6 < u.count, u[i + 1] == "x", u[i + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(u[(i + 2)..<(i + 6)])), radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                i += 7
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(out)
    }

    final class Relationships: XMLHandler {
        struct Relationship { let id: String; let type: String; let target: String }
        var list: [Relationship] = []
        func start(_ name: String, _ a: [String: String]) throws {
            guard name == "Relationship", a["TargetMode"] != "External", let id = a["Id"], let type = a["Type"], let target = a["Target"] else { return }
            list.append(Relationship(id: id, type: type, target: target))
        }
    }

    final class WorkbookPart: XMLHandler {
        var sheets: [(name: String, id: String, visible: Bool)] = []
        var date1904 = false
        func start(_ name: String, _ a: [String: String]) throws {
            switch name {
            case "workbookPr": date1904 = a["date1904"] == "1" || a["date1904"] == "true"
            case "sheet":
                guard let sheetName = a["name"], let id = a["id"] else { throw XLSXError("not an .xlsx file: a sheet without a name or part") }
                sheets.append((sheetName, id, a["state"] == nil || a["state"] == "visible"))
            default: break
            }
        }
    }

    /// The text of a string item: its <t>, or its rich-text runs' <t> joined; phonetic guides (<rPh>) left out.
    final class SharedStrings: XMLHandler {
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        func start(_ name: String, _ a: [String: String]) throws {
            switch name {
            case "si": current = ""
            case "rPh": inPhonetic = true
            case "t": inText = !inPhonetic
            default: break
            }
        }
        func end(_ name: String) throws {
            switch name {
            case "si": strings.append(XLSX.unescape(current))
            case "rPh": inPhonetic = false
            case "t": inText = false
            default: break
            }
        }
        func text(_ s: String) { if inText { current += s } }
    }

    enum NumberKind { case general, date, percent }

    /// What each cell style (cellXfs, by index) makes of a number.
    final class Styles: XMLHandler {
        var custom: [Int: String] = [:]
        var kinds: [NumberKind] = []
        var inCellXfs = false
        func start(_ name: String, _ a: [String: String]) throws {
            switch name {
            case "numFmt": if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { custom[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: kinds.append(Self.kind(a["numFmtId"].flatMap { Int($0) } ?? 0, custom))
            default: break
            }
        }
        func end(_ name: String) throws { if name == "cellXfs" { inCellXfs = false } }

        static func kind(_ id: Int, _ custom: [Int: String]) -> NumberKind {
            if let code = custom[id] { return kind(code: code) }
            switch id {
            case 14...22, 27...36, 45...47, 50...58: return .date
            case 9, 10: return .percent
            default: return .general
            }
        }

        /// A date if it has y/m/d/h/s, a percentage if it has %, outside "quoted text", [colours and
        /// locales], \escaped characters and the _x (padding) and *x (fill) pairs.
        static func kind(code: String) -> NumberKind {
            var percent = false
            var quoted = false, bracket = false, skipNext = false
            for c in code.lowercased() {
                if skipNext { skipNext = false; continue }
                if quoted { if c == "\"" { quoted = false }; continue }
                if bracket { if c == "]" { bracket = false }; continue }
                switch c {
                case "\"": quoted = true
                case "[": bracket = true
                case "\\", "_", "*": skipNext = true
                case "y", "m", "d", "h", "s": return .date
                case "%": percent = true
                default: break
                }
            }
            return percent ? .percent : .general
        }
    }

    /// The worksheet's cells, placed by reference.
    final class Cells: XMLHandler {
        let strings: [String]
        let styles: [NumberKind]
        let date1904: Bool
        let maxCells: Int
        var cellCount = 0
        /// Bytes of shared strings the sheet may still refer to: a 25-byte reference can repeat a long
        /// string, so what references cost is charged (the unpacked budget again), not only the XML.
        var textLeft: Int
        var rows: [[String]] = []
        var row: [String] = []
        var rowNumber = 0, column = 0
        var inSheetData = false, inRow = false, inCell = false
        var type = "", style = 0
        var value = "", inline = ""
        var inValue = false, inInline = false, inText = false, inPhonetic = false

        init(strings: [String], styles: [NumberKind], date1904: Bool, maxCells: Int) {
            self.strings = strings
            self.styles = styles
            self.date1904 = date1904
            self.maxCells = maxCells
            textLeft = maxCells * 4
        }

        func start(_ name: String, _ a: [String: String]) throws {
            switch name {
            case "sheetData": inSheetData = true
            case "row" where inSheetData:
                let number = try a["r"].map { r in
                    guard let n = Int(r), n >= 1 else { throw XLSXError("a row numbered \"\(r)\"") }
                    return n
                } ?? rowNumber + 1
                guard number <= XLSX.maxRows else { throw XLSXError("refused: more than \(XLSX.maxRows) rows") }
                // Rows are in order in any file Excel wrote; one out of order or repeated is merged.
                if number > rows.count { rows.append(contentsOf: repeatElement([String](), count: number - rows.count)) }
                rowNumber = number
                row = rows[number - 1]
                column = 0
                inRow = true
            case "c" where inRow:
                column = try a["r"].map(Self.column) ?? column + 1
                guard column <= XLSX.maxColumns else { throw XLSXError("refused: more than \(XLSX.maxColumns) columns") }
                type = a["t"] ?? "n"
                style = a["s"].flatMap { Int($0) } ?? 0
                value = ""; inline = ""
                inCell = true
            case "v" where inCell: inValue = true
            case "is" where inCell: inInline = true
            case "rPh" where inInline: inPhonetic = true
            case "t" where inInline: inText = !inPhonetic
            default: break
            }
        }

        func end(_ name: String) throws {
            switch name {
            case "sheetData": inSheetData = false
            case "row" where inRow:
                rows[rowNumber - 1] = row
                inRow = false
            case "c" where inCell:
                inCell = false
                let text = try cellText()
                guard !text.isEmpty else { return }
                if column > row.count {
                    cellCount += column - row.count
                    guard cellCount <= maxCells else { throw XLSXError("refused: the sheet has more than \(maxCells) cells") }
                    row.append(contentsOf: repeatElement("", count: column - row.count))
                }
                row[column - 1] = text
            case "v": inValue = false
            case "is": inInline = false
            case "rPh": inPhonetic = false
            case "t": inText = false
            default: break
            }
        }

        func text(_ s: String) {
            if inValue { value += s } else if inText { inline += s }
        }

        /// The cell's text as Excel shows it (see `XLSX`).
        func cellText() throws -> String {
            switch type {
            case "s":
                guard !value.isEmpty else { return "" }
                guard let i = Int(value.trimmingCharacters(in: .whitespaces)), strings.indices.contains(i) else {
                    throw XLSXError("cell \(Self.name(column))\(rowNumber) refers to shared string \(value) of \(strings.count)")
                }
                textLeft -= strings[i].utf8.count
                guard textLeft >= 0 else { throw XLSXError("refused: the sheet repeats more text than its file holds (\(maxCells * 4) bytes)") }
                return strings[i]
            case "inlineStr": return XLSX.unescape(inline)
            case "str", "e": return XLSX.unescape(value)
            case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
            case "d": return value.hasSuffix("T00:00:00") ? String(value.dropLast(9)) : value.replacing("T", with: " ")
            default:
                guard !value.isEmpty else { return "" }
                switch styles.indices.contains(style) ? styles[style] : .general {
                case .date: return XLSX.date(value, date1904: date1904) ?? XLSX.general(value)
                case .percent: return XLSX.general(value, percent: true)
                case .general: return XLSX.general(value)
                }
            }
        }

        /// "C7" → 3: the letters of a cell reference (its row is the enclosing row's).
        static func column(_ ref: String) throws -> Int {
            var n = 0
            for u in ref.utf8 {
                let lower = u | 0x20
                guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { break }
                n = n * 26 + Int(lower - UInt8(ascii: "a")) + 1
                guard n <= XLSX.maxColumns else { throw XLSXError("refused: more than \(XLSX.maxColumns) columns (cell \(ref.prefix(20)))") }
            }
            guard n >= 1 else { throw XLSXError("a cell reference \"\(ref.prefix(20))\" has no column") }
            return n
        }

        static func name(_ column: Int) -> String {
            var n = column, s = ""
            while n > 0 { n -= 1; s = String(UnicodeScalar(UInt8(65 + n % 26))) + s; n /= 26 }
            return s
        }
    }

    // MARK: Numbers and dates as Excel shows them

    /// A number as Excel's General format shows it (see `XLSX`); text that is no number is kept as written.
    static func general(_ written: String, percent: Bool = false) -> String {
        var mantissa = Substring(written.trimmingCharacters(in: .whitespaces))
        // value = 0.d₁d₂…dₙ × 10^point, d₁ ≠ 0
        var point = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            // An exponent beyond ±9999 is no number a spreadsheet holds.
            guard let n = Int(mantissa[mantissa.index(after: e)...]), abs(n) < 10_000 else { return written }
            point = n
            mantissa = mantissa[..<e]
        }
        var negative = false
        if let sign = mantissa.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            mantissa = mantissa.dropFirst()
        }
        var digits: [UInt8] = []
        var afterPoint = false, anyDigit = false
        for b in mantissa.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                anyDigit = true
                if digits.isEmpty && b == UInt8(ascii: "0") {
                    if afterPoint { point -= 1 }
                } else {
                    digits.append(b)
                    if !afterPoint { point += 1 }
                }
            case UInt8(ascii: ".") where !afterPoint: afterPoint = true
            default: return written
            }
        }
        guard anyDigit else { return written }
        if percent { point += 2 }
        // 15 significant digits, half away from zero, on the decimal digits themselves.
        if digits.count > 15 {
            let up = digits[15] >= UInt8(ascii: "5")
            digits.removeSubrange(15...)
            if up {
                var i = 14
                while i >= 0 && digits[i] == UInt8(ascii: "9") { digits[i] = UInt8(ascii: "0"); i -= 1 }
                if i >= 0 { digits[i] += 1 } else { digits.insert(UInt8(ascii: "1"), at: 0); point += 1 }
            }
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        guard !digits.isEmpty else { return percent ? "0%" : "0" }
        let d = String(decoding: digits, as: UTF8.self)
        let text: String
        if (-8...15).contains(point) {  // 1E-9 ≤ |x| < 1E+15
            if point <= 0 {
                text = "0." + String(repeating: "0", count: -point) + d
            } else if point >= digits.count {
                text = d + String(repeating: "0", count: point - digits.count)
            } else {
                text = d.prefix(point) + "." + d.dropFirst(point)
            }
        } else {
            let e = point - 1
            text = d.prefix(1) + (digits.count > 1 ? "." + d.dropFirst() : "")
                + (e < 0 ? "E-" : "E+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
        }
        return (negative ? "-" : "") + text + (percent ? "%" : "")
    }

    /// A date serial as "YYYY-MM-DD", with " HH:MM:SS" when it has a time of day; a time alone
    /// (serial < 1 in the 1900 system) as "HH:MM:SS". Nil for what Excel cannot show as a date.
    static func date(_ written: String, date1904: Bool) -> String? {
        guard let serial = Double(written.trimmingCharacters(in: .whitespaces)), serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 { days += 1; seconds = 0 }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let time = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if !date1904 && days == 0 { return time }
        let day: String
        if date1904 {
            day = civil(daysFrom1970(1904, 1, 1) + days)
        } else if days == 60 {
            day = "1900-02-29"  // Lotus 1-2-3's leap day, kept by Excel: serial 60 exists
        } else {
            day = civil(daysFrom1970(1899, 12, days < 60 ? 31 : 30) + days)
        }
        return seconds == 0 ? day : day + " " + time
    }

    /// Days since 1970-01-01 (proleptic Gregorian), and back: the calendar `Period` already keeps.
    static func daysFrom1970(_ year: Int, _ month: Int, _ day: Int) -> Int { Int(Period.daysFromCivil(year, month, day)) }

    static func civil(_ days: Int) -> String {
        let (y, m, d) = Period.civilFromDays(Int64(days))
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}

/// What an XML part's reader does with the parser's events; names come without namespace prefix.
protocol XMLHandler: AnyObject {
    func start(_ name: String, _ attributes: [String: String]) throws
    func end(_ name: String) throws
    func text(_ s: String)
}

extension XMLHandler {
    func end(_ name: String) throws {}
    func text(_ s: String) {}
}
