import Foundation
import Testing
@testable import HuizongProtocol

/// Tests/Fixtures/JSONTestSuite, a copy of ../shared/testdata/JSONTestSuite.
let suiteDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/JSONTestSuite")

func suiteFiles(_ prefix: String) throws -> [URL] {
    let dir = suiteDirectory
    return try FileManager.default.contentsOfDirectory(atPath: dir.path)
        .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
        .map { dir.appendingPathComponent($0) }
}

@Suite struct JSONParserTests {
    @Test func everyMustRejectCaseIsRejected() throws {
        let files = try suiteFiles("n_")
        try #require(files.count == 188)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(throws: JSONError.self, "\(file.lastPathComponent)") { try JSONParser.parse(bytes) }
        }
    }

    @Test func everyMustAcceptCaseIsAccepted() throws {
        let files = try suiteFiles("y_")
        try #require(files.count == 95)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(throws: Never.self, "\(file.lastPathComponent)") { _ = try JSONParser.parse(bytes) }
        }
    }

    @Test func implementationDefinedCasesNeverCrash() throws {
        for file in try suiteFiles("i_") {
            _ = try? JSONParser.parse([UInt8](try Data(contentsOf: file)))
        }
    }

    @Test func numbersKeepTheirLiteralText() throws {
        let json = try JSONParser.parse(#"{"a":218.64,"b":-0.10,"c":1e400,"d":"x"}"#)
        guard case .object(let m) = json else { Issue.record("not an object"); return }
        #expect(m.map(\.value) == [.number("218.64"), .number("-0.10"), .number("1e400"), .string("x")])
    }

    @Test func stringsDecodeEscapesAndUnicode() throws {
        #expect(try JSONParser.parse(#""\u4e34\u6d77 \"\\\/\n""#) == .string("临海 \"\\/\n"))
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(throws: JSONError.self) { try JSONParser.parse(#""\ud83d""#) }
        #expect(throws: JSONError.self) { try JSONParser.parse([0x22, 0xff, 0x22]) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect(throws: Never.self) { _ = try JSONParser.parse(ok) }
    }
}

@Suite struct WriterTests {
    @Test func escapesWhatMustBeEscaped() throws {
        var w = JSONObjectWriter()
        w.string("s", "引号\"反斜杠\\换行\n\u{1}")
        w.int("n", 3)
        w.bool("b", true)
        w.null("z")
        let text = String(decoding: w.finish(), as: UTF8.self)
        #expect(text == #"{"s":"引号\"反斜杠\\换行\n\u0001","n":3,"b":true,"z":null}"#)
        #expect(try JSONParser.parse(text) != .null)
    }
}
