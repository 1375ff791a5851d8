import CLibPQ

/// Rows of a result, copied out of libpq as text so the `PGresult` can be cleared at once.
/// NULL is `nil`, never "" (libpq returns "" for NULL; `PQgetisnull` tells them apart).
/// `numeric` stays text: it becomes an exact decimal in the caller, never a `Double`.
public struct QueryResult: Sendable {
    public let columns: [String]
    public let rows: [[String?]]
    /// Rows affected by INSERT/UPDATE/DELETE, from `PQcmdTuples`.
    public let affected: Int

    public init(columns: [String], rows: [[String?]], affected: Int) {
        self.columns = columns
        self.rows = rows
        self.affected = affected
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// The single value of a one-row, one-column result.
    public var scalar: String? { rows.first?.first ?? nil }

    /// Copies the result and clears it: after this call `result` must not be touched. Rows in binary
    /// format go to `rows` instead, one at a time, and are not copied.
    static func consume(_ result: OpaquePointer, rows handler: (Row) -> Void = { _ in }) throws(PostgresError) -> QueryResult {
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_PIPELINE_SYNC:
            break
        case PGRES_PIPELINE_ABORTED:
            throw PostgresError(.aborted, "skipped: an earlier statement of the pipeline failed")
        default:
            throw statementError(result)
        }
        let nFields = Int(PQnfields(result))
        let nRows = Int(PQntuples(result))
        if PQbinaryTuples(result) == 1 {
            for r in 0..<nRows { handler(Row(result: result, index: Int32(r))) }
            return QueryResult(columns: [], rows: [], affected: Int(String(cString: PQcmdTuples(result))) ?? nRows)
        }
        var columns: [String] = []
        columns.reserveCapacity(nFields)
        for c in 0..<nFields { columns.append(String(cString: PQfname(result, Int32(c)))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(nRows)
        for r in 0..<nRows {
            var row: [String?] = []
            row.reserveCapacity(nFields)
            for c in 0..<nFields {
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    row.append(nil)
                } else {
                    let length = Int(PQgetlength(result, Int32(r), Int32(c)))
                    let value = UnsafeRawPointer(PQgetvalue(result, Int32(r), Int32(c))!).assumingMemoryBound(to: UInt8.self)
                    row.append(String(decoding: UnsafeBufferPointer(start: value, count: length), as: UTF8.self))
                }
            }
            rows.append(row)
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return QueryResult(columns: columns, rows: rows, affected: affected)
    }

    static func statementError(_ result: OpaquePointer) -> PostgresError {
        let message = String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        return PostgresError(.statement, message, sqlState: state)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == " " { s = s.dropLast() }
        return String(s)
    }
}
