import Foundation

/// RFC 4180 CSV as spreadsheets write it: commas, fields in double quotes (a quote doubled inside),
/// quoted fields spanning lines, CRLF or LF. Each record keeps the file line it starts on, which is
/// what a clerk looks for when a row is refused. Linear in the input.
public enum CSV {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
        public init(line: Int, fields: [String]) { self.line = line; self.fields = fields }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [Unicode.Scalar] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedFieldEnded = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: field)
            fields.append(String(s))
            field.removeAll(keepingCapacity: true)
            quotedFieldEnded = false
        }
        func endRecord() {
            endField()
            // A blank line (one empty field) is no record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while let c = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.append("\"") } else { inQuotes = false; quotedFieldEnded = true; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                endField()
            case "\r":
                let next = scalars.next()
                if next != "\n" { pending = next }
                endRecord(); line += 1; recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            case "\"" where field.isEmpty && !quotedFieldEnded:
                inQuotes = true
            default:
                if quotedFieldEnded {
                    throw Failure(line: line, message: "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
                }
                field.append(c)
            }
        }
        if inQuotes { throw Failure(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedFieldEnded { endRecord() }
        return records
    }

    /// One field as CSV writes it: quoted when it holds a comma, a quote or a line break.
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
