import HuizongCore

/// The figure columns every read of `figures` selects, in this order, as text (numeric keeps its
/// written scale that way).
let figureColumns = "f.ytd::text, f.month::text, f.yoy::text, f.value::text, f.num::text, f.den::text, f.estimate"

/// A value read back that does not parse: a fault of ours (the daemon wrote it), never skipped, since
/// a running sum that silently restarted from nothing would count a child twice.
public struct UnreadableValue: Error, CustomStringConvertible {
    public let column: String
    public let text: String
    public var description: String { "cannot read back \(column) = \(text.prefix(60))" }
}

/// A numeric column as the daemon wrote it: nil for NULL, a thrown error for anything unreadable.
func decimal(_ text: String?, _ column: @autoclosure () -> String) throws(UnreadableValue) -> ExactDecimal? {
    guard let text else { return nil }
    guard let d = ExactDecimal(stored: text) else { throw UnreadableValue(column: column(), text: text) }
    return d
}

/// A column that is never NULL, read as text (`PQgetisnull` says so; a nil here is a fault).
func required(_ text: String?, _ column: @autoclosure () -> String) throws(UnreadableValue) -> String {
    guard let text else { throw UnreadableValue(column: column(), text: "NULL") }
    return text
}

extension FigureInput {
    /// A figure from the seven `figureColumns` of a row, starting at `column`.
    init(indicator: String, row: [String?], from column: Int) throws(UnreadableValue) {
        let d = { (i: Int) throws(UnreadableValue) in try decimal(row[column + i], "figures.\(indicator)") }
        self.init(indicator: indicator, ytd: try d(0), month: try d(1), yoy: try d(2), value: try d(3), num: try d(4), den: try d(5),
                  estimate: row[column + 6] == "t")
    }
}
