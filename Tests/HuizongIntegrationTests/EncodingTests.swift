import HuizongPostgres
import Testing

/// Array literals are how every batch travels (one parameter per column): whatever a string holds,
/// PostgreSQL reads back the same elements, and our parser reads back what PostgreSQL writes.
@Suite struct EncodingTests {
    static let awkward: [String?] = ["plain", "with \"quotes\"", #"back\slash"#, "{braces}", "a,comma", "NULL", nil, "",
                                    " spaces ", "临海市", "第一行\n第二行\t", #"\"#, #"""#, "emoji 🙂"]

    @Test func arrayLiteralsRoundTripThroughPostgreSQL() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        let rows = try c.execute("SELECT e FROM unnest($1::text[]) WITH ORDINALITY AS u (e, o) ORDER BY o", [PGText.array(Self.awkward)]).rows
        #expect(rows.map { $0[0] } == Self.awkward)
        let back = try c.execute("SELECT $1::text[]::text", [PGText.array(Self.awkward)]).scalar!
        #expect(PGText.textArray(back) == Self.awkward)
    }

    @Test func integerArrayElementsReadBackAsWritten() throws {
        let c = try Connection(try TestCluster.shared.newDatabase())
        let arrays: [[Int]?] = [[1, 2], nil, [], [-3], [0, 12, 345_678]]
        let rows = try c.execute("SELECT e::integer[]::text FROM unnest($1::text[]) WITH ORDINALITY AS u (e, o) ORDER BY o",
                                 [PGText.intArrays(arrays)]).rows
        #expect(rows.map { $0[0] } == ["{1,2}", nil, "{}", "{-3}", "{0,12,345678}"])
    }
}
