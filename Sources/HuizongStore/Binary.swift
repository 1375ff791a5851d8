import HuizongCore
import HuizongPostgres

/// The domain's values in PostgreSQL's binary format, and back.
extension PGArray {
    mutating func append(_ d: ExactDecimal?) {
        guard let d else { return appendNull() }
        append(numeric: d.significand, scale: d.scale)
    }

    mutating func append(_ p: Period) { append(date: p.daysSince2000) }
    mutating func append(_ t: Timestamp) { append(timestamptz: t.microseconds) }

}

/// One column of rows as an array parameter, element i given by a closure (typed, so that long
/// parameter lists type-check quickly).
enum Column {
    static func texts(_ n: Int, _ f: (Int) -> String?) -> PGValue {
        var a = PGArray(of: .text, capacity: n)
        for i in 0..<n { a.append(text: f(i)) }
        return a.value()
    }

    static func numerics(_ n: Int, _ f: (Int) -> ExactDecimal?) -> PGValue {
        var a = PGArray(of: .numeric, capacity: n)
        for i in 0..<n { a.append(f(i)) }
        return a.value()
    }

    static func dates(_ n: Int, _ f: (Int) -> Period) -> PGValue {
        var a = PGArray(of: .date, capacity: n)
        for i in 0..<n { a.append(f(i)) }
        return a.value()
    }

    static func int32s(_ n: Int, _ f: (Int) -> Int) -> PGValue {
        var a = PGArray(of: .int4, capacity: n)
        for i in 0..<n { a.append(int32: Int32(f(i))) }
        return a.value()
    }

    static func int64s(_ n: Int, _ f: (Int) -> Int64) -> PGValue {
        var a = PGArray(of: .int8, capacity: n)
        for i in 0..<n { a.append(int64: f(i)) }
        return a.value()
    }

    static func bools(_ n: Int, _ f: (Int) -> Bool) -> PGValue {
        var a = PGArray(of: .bool, capacity: n)
        for i in 0..<n { a.append(bool: f(i)) }
        return a.value()
    }

    static func byteas(_ n: Int, _ f: (Int) -> [UInt8]) -> PGValue {
        var a = PGArray(of: .bytea, capacity: n)
        for i in 0..<n { a.append(bytes: f(i)) }
        return a.value()
    }

    static func timestamps(_ n: Int, _ f: (Int) -> Timestamp) -> PGValue {
        var a = PGArray(of: .timestamptz, capacity: n)
        for i in 0..<n { a.append(f(i)) }
        return a.value()
    }
}

extension PGValue {
    static func numeric(_ d: ExactDecimal?) -> PGValue {
        guard let d else { return .null(.numeric) }
        return .numeric(significand: d.significand, scale: d.scale)
    }

    static func date(_ p: Period) -> PGValue { .date(days: p.daysSince2000) }
    static func timestamp(_ t: Timestamp) -> PGValue { .timestamptz(microseconds: t.microseconds) }
}

extension COPYBinary {
    mutating func numeric(_ d: ExactDecimal?) {
        guard let d else { return null() }
        numeric(d.significand, scale: d.scale)
    }
}

extension Row {
    /// A numeric column as an exact decimal with its stored scale; nil for NULL.
    func decimal(_ column: Int) throws -> ExactDecimal? {
        try numeric(column).map { ExactDecimal(significand: $0.significand, scale: $0.scale) }
    }

    func period(_ column: Int) throws -> Period? {
        guard let days = try date(column) else { return nil }
        guard let p = Period(daysSince2000: days) else { throw UnreadableValue(column: "date column \(column)", text: "\(days)") }
        return p
    }

    func required(_ column: Int) throws -> String {
        guard let s = text(column) else { throw UnreadableValue(column: "column \(column)", text: "NULL") }
        return s
    }
}
