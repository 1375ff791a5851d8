import HuizongCore
import HuizongPostgres
import Testing

/// Issue 16: values cross libpq in PostgreSQL's binary format. Each is checked against the server
/// itself: what we send reads back as PostgreSQL prints it, and what it sends decodes to the value.
@Suite struct BinaryFormatTests {
    static let numbers = [
        "0", "0.00", "1.50", "-1.50", "218.64", "218.640", "0.000000000001", "10000", "100000000", "9999.9999", "-0.0001",
        "12345.6789", "123456789012345678.123456789012", "-987654321098765432.1", "0.5", "1", "100", "0.10", "3.14159",
        "99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001", "1234567890123456789012.5",
    ]

    @Test func numericsKeepTheirScaleBothWays() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        for text in Self.numbers {
            let d = try #require(ExactDecimal(stored: text), "\(text)")
            // Sent binary, printed by the server.
            let printed = try c.execute(Statement("SELECT $1::numeric::text", binary: [.numeric(significand: d.significand, scale: d.scale)],
                                                  binaryResults: false)).scalar
            #expect(printed == text, "sent \(text), server printed \(printed ?? "NULL")")
            // Parsed by the server, received binary.
            var received: (Int128, Int)?
            try c.query(Statement("SELECT $1::text::numeric", binary: [.text(text)])) { row in received = try row.numeric(0) }
            #expect(received?.0 == d.significand && received?.1 == d.scale, "\(text) came back as \(String(describing: received))")
        }
    }

    @Test func arraysOfEveryTypeRoundTrip() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        var texts = PGArray(of: .text), numerics = PGArray(of: .numeric), ints = PGArray(of: .int8), dates = PGArray(of: .date)
        var bools = PGArray(of: .bool), bytes = PGArray(of: .bytea), small = PGArray(of: .int4)
        let words: [String?] = ["定海区", nil, #"a "quoted", back\slash"#, "", "{brace}", "NULL"]
        for w in words { texts.append(text: w) }
        for n in Self.numbers { let d = ExactDecimal(stored: n)!; numerics.append(numeric: d.significand, scale: d.scale) }
        numerics.appendNull()
        for i in [Int64.min, -1, 0, 42, Int64.max] { ints.append(int64: i) }
        let periods = [Period(year: 2000, month: 1)!, Period(year: 2023, month: 11)!, Period(year: 1999, month: 12)!, Period(year: 2024, month: 2)!]
        for p in periods { dates.append(date: p.daysSince2000) }
        bools.append(bool: true); bools.append(bool: false); bools.appendNull()
        bytes.append(bytes: [0, 1, 255]); bytes.append(bytes: [])
        small.append(int32: 7)
        let rows = try c.execute(Statement("""
            SELECT $1::text[]::text, $2::numeric[]::text, $3::int8[]::text, $4::date[]::text, $5::bool[]::text, $6::bytea[]::text,
                   $7::int4[]::text, cardinality($8::text[])
            """, binary: [texts.value(), numerics.value(), ints.value(), dates.value(), bools.value(), bytes.value(), small.value(),
                          PGArray(of: .text).value()], binaryResults: false)).rows[0]
        #expect(rows[0] == #"{定海区,NULL,"a \"quoted\", back\\slash","","{brace}","NULL"}"#)
        #expect(rows[1] == "{" + Self.numbers.joined(separator: ",") + ",NULL}")
        #expect(rows[2] == "{-9223372036854775808,-1,0,42,9223372036854775807}")
        #expect(rows[3] == "{2000-01-01,2023-11-01,1999-12-01,2024-02-01}")
        #expect(rows[4] == "{t,f,NULL}")
        #expect(rows[5] == #"{"\\x0001ff","\\x"}"#)
        #expect(rows[6] == "{7}")
        #expect(rows[7] == "0")
        // And back: arrays the server sends, decoded.
        try c.query(Statement("SELECT $1::text[], $2::numeric[], $3::date", binary: [texts.value(), numerics.value(), .date(days: periods[1].daysSince2000)])) { row in
            #expect(try row.textArray(0) == words)
            let decoded = try row.numericArray(1)!.map { $0.map { ExactDecimal(significand: $0.significand, scale: $0.scale).description } }
            #expect(decoded == Self.numbers + [nil])
            #expect(try row.date(2).flatMap(Period.init(daysSince2000:)) == periods[1])
        }
    }

    @Test func binaryCopyLoadsWhatItWrites() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        try c.execute("CREATE TEMP TABLE t (region text, period date, ytd numeric, n bigint, ok boolean, at timestamptz)")
        var copy = COPYBinary()
        for (i, n) in Self.numbers.enumerated() {
            let d = ExactDecimal(stored: n)!
            copy.startRow(fields: 6)
            copy.text(i % 2 == 0 ? "33090\(i % 10)" : nil)
            copy.date(Period(year: 2023, month: 1 + i % 12)!.daysSince2000)
            copy.numeric(d.significand, scale: d.scale)
            copy.int64(Int64(i))
            copy.bool(i % 3 == 0)
            copy.timestamptz(Int64(i) * 1_000_000)
        }
        #expect(try c.copyIn("COPY t FROM STDIN (FORMAT binary)", copy.finish()) == Self.numbers.count)
        let rows = try c.execute("SELECT ytd::text, region, to_char(period, 'YYYY-MM'), ok::text, extract(epoch FROM at - '2000-01-01 00:00:00+00')::bigint FROM t ORDER BY n").rows
        #expect(rows.map { $0[0] } == Self.numbers)
        #expect(rows[1][1] == nil && rows[2][1] == "330902" && rows[13][2] == "2023-02" && rows[3][3] == "true" && rows[4][4] == "4")
    }

    @Test func periodsAreDaysSince2000() {
        #expect(Period(year: 2000, month: 1)!.daysSince2000 == 0)
        #expect(Period(year: 2000, month: 3)!.daysSince2000 == 60)  // a leap year's February
        #expect(Period(year: 1999, month: 12)!.daysSince2000 == -31)
        for y in [1900, 1999, 2000, 2023, 2100, 9999] {
            for m in 1...12 {
                let p = Period(year: y, month: m)!
                #expect(Period(daysSince2000: p.daysSince2000) == p)
            }
        }
    }
}
