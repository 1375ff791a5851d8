import Foundation
import HuizongCore
import HuizongWorkload
import Testing
@testable import HuizongProtocol

/// The pull decoder (`RequestDecoder`) against the tree decoder it replaced (`TreeRequestDecoder`):
/// for every input, authenticated or not, the same request field for field or the same error (id,
/// code, message, issues).
@Suite struct PullDecoderDifferentialTests {
    /// The number of lines that differ; the first few are recorded with both outcomes.
    @discardableResult
    static func differences(_ lines: [[UInt8]], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        var count = 0
        var outcomes: [String: Int] = [:]  // what the inputs reach, so that a run shows they reach more than bad_json
        for line in lines {
            for authenticated in [true, false] {
                let tree = DecodingOutcome(TreeRequestDecoder.decode(line, authenticated: authenticated))
                let pull = DecodingOutcome(RequestDecoder.decode(line, authenticated: authenticated))
                outcomes[pull.kind, default: 0] += 1
                guard tree != pull else { continue }
                count += 1
                if count <= 5 {
                    let shown = String(decoding: line.prefix(600), as: UTF8.self).debugDescription
                    Issue.record("\(what), authenticated \(authenticated): \(shown)\n-- tree:\n\(tree)-- pull:\n\(pull)",
                                 sourceLocation: sourceLocation)
                }
            }
        }
        let reached = outcomes.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("differential: \(lines.count) \(what), \(count) differences; outcomes (both modes): \(reached)")
        return count
    }

    static var suite: [(name: String, bytes: [UInt8])] {
        get throws { try DifferentialInputs.files(DifferentialInputs.testsDirectory.appendingPathComponent("Fixtures/JSONTestSuite")) }
    }

    @Test func jsonTestSuite() throws {
        let files = try Self.suite
        try #require(files.count >= 318)
        #expect(Self.differences(files.map(\.bytes), "JSONTestSuite files") == 0)
        // Every must-reject case is bad_json, every must-accept case is past the JSON check.
        for (name, bytes) in files where name.hasPrefix("n_") || name.hasPrefix("y_") {
            let outcome = DecodingOutcome(RequestDecoder.decode(bytes))
            let syntax = outcome.description.contains(#"error.message="not valid JSON"#)
            #expect(syntax == name.hasPrefix("n_"), "\(name): \(outcome)")
        }
    }

    /// The suite's values where a request reads them: skipped at the top level, as a figure's number,
    /// as an element after a figure, and as the value of a figure's unknown field.
    @Test func jsonTestSuiteInsideRequests() throws {
        let head = Array(#"{"type":"submit","key":"k","region":"1","period":"2022-10","revision":1,"#.utf8)
        var lines: [[UInt8]] = []
        for (_, value) in try Self.suite {
            lines.append(Array(#"{"type":"ping","x":"#.utf8) + value + Array("}".utf8))
            lines.append(head + Array(#""figures":[{"indicator":"x","ytd":"#.utf8) + value + Array("}]}".utf8))
            lines.append(head + Array(#""figures":[{"indicator":"x"},"#.utf8) + value + Array("]}".utf8))
            lines.append(head + Array(#""figures":[{"indicator":"x","zz":"#.utf8) + value + Array("}]}".utf8))
            lines.append(Array(#"{"#.utf8) + value + Array(#":1,"type":"ping"}"#.utf8))
        }
        #expect(Self.differences(lines, "JSONTestSuite values inside requests") == 0)
    }

    @Test func fuzzCorpusAndTheLinesOfTheTests() throws {
        let corpus = try DifferentialInputs.files(DifferentialInputs.testsDirectory.appendingPathComponent("Fuzz/corpus"))
        try #require(!corpus.isEmpty)
        #expect(Self.differences(corpus.map(\.bytes), "fuzz corpus files") == 0)
        let tests = try DifferentialInputs.linesOfTheTests()
        try #require(tests.count > 100)
        #expect(Self.differences(tests, "lines of the tests") == 0)
        #expect(Self.differences(DifferentialInputs.edgeCases.map { Array($0.utf8) }, "edge cases") == 0)
        #expect(Self.differences(DifferentialInputs.byteCases, "byte cases") == 0)
    }

    /// Every file of a directory named by HUIZONG_DIFFERENTIAL_CORPUS, e.g. what scripts/fuzz
    /// found (.build-fuzz/corpus).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUIZONG_DIFFERENTIAL_CORPUS"] != nil))
    func corpusOfTheEnvironment() throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HUIZONG_DIFFERENTIAL_CORPUS"]!)
        #expect(Self.differences(try DifferentialInputs.files(directory).map(\.bytes), "files of \(directory.path)") == 0)
    }

    @Test func workloadAndRealisticSubmissions() {
        let workload = DifferentialInputs.workloadLines(cities: 3)
        #expect(Self.differences(workload, "workload submission lines") == 0)
        #expect(workload.allSatisfy { !DecodingOutcome(RequestDecoder.decode($0)).isFailure })

        var random = SplitMix64(seed: 8_259)
        let realistic = (0..<3_000).map { _ in DifferentialInputs.realisticSubmit(&random) }
        #expect(Self.differences(realistic, "realistic submissions") == 0)
        // The generator is worth something only if most of its lines are requests.
        let decoded = realistic.filter { !DecodingOutcome(RequestDecoder.decode($0)).isFailure }.count
        #expect(decoded > realistic.count / 2, "\(decoded) of \(realistic.count) decoded")
    }

    @Test func mutations() throws {
        var random = SplitMix64(seed: 20_231_130)
        let corpus = try DifferentialInputs.files(DifferentialInputs.testsDirectory.appendingPathComponent("Fuzz/corpus")).map(\.bytes)
        let pool = DifferentialInputs.workloadLines(cities: 1).prefix(40) + (0..<300).map { _ in DifferentialInputs.realisticSubmit(&random) }
            + DifferentialInputs.edgeCases.map { Array($0.utf8) }.filter { $0.count < 10_000 } + DifferentialInputs.byteCases
            + (try DifferentialInputs.linesOfTheTests()) + corpus
        let pool2 = Array(pool)
        let mutated = (0..<40_000).map { _ in DifferentialInputs.mutate(pool2[Int(random.next(below: UInt64(pool2.count)))], pool: pool2, &random) }
        #expect(Self.differences(mutated, "mutated lines") == 0)
        let valid = pool2.filter { (try? JSONParser.parse($0)) != nil }
        let edited = (0..<20_000).compactMap { _ in TreeMutations.mutate(valid[Int(random.next(below: UInt64(valid.count)))], &random) }
        #expect(Self.differences(edited, "lines with members and values edited") == 0)
    }

    /// `ExactDecimal(utf8:limits:)` against HuizongCore's parser, significand and scale.
    @Test func decimalsFromBytesAgreeWithTheCoreParser() {
        var random = SplitMix64(seed: 38)
        let alphabet = Array("0123456789-+.eE ".utf8)
        var texts = ["0", "-0", "00", "0.0", "007", "1e400", "0e10000", "1e-16", "1E+2", "-", ".5", "5.", "1e", "",
                     String(repeating: "9", count: 38), String(repeating: "9", count: 39), "0." + String(repeating: "0", count: 37) + "1",
                     String(repeating: "1", count: 19), String(repeating: "1", count: 20), "18446744073709551615", "18446744073709551616",
                     String(repeating: "0", count: 64), String(repeating: "0", count: 65), "12345678901234567890.1234567890123456",
                     "0.000", "000.0012", "-0.0", "0000000000000000000000.5", "00000000000000000000001", "9999999999999999999",
                     "999999999999999999.9", "1234567890123456789.0", "-.5", "1..2", "1.2.3", "--1", "0.", "-0.00000000000000001"]
        // The plain form a figure takes, with leading zeros and lengths about the word and the bounds.
        for _ in 0..<50_000 {
            func digits(_ most: UInt64) -> String {
                let zeros = random.next(below: 4) == 0 ? String(repeating: "0", count: Int(random.next(below: 5))) : ""
                return zeros + String((0..<Int(1 + random.next(below: most))).map { _ in Character(String(random.next(below: 10))) })
            }
            var text = (random.next(below: 5) == 0 ? "-" : "") + digits(24)
            if random.next(below: 3) > 0 { text += "." + digits(19) }
            texts.append(text)
        }
        for _ in 0..<50_000 {
            let n = Int(random.next(below: 45))
            texts.append(String(decoding: (0..<n).map { i in
                // Mostly digits, so that many are numbers.
                random.next(below: 10) < 8 || i == 0 ? alphabet[Int(random.next(below: 10))] : alphabet[Int(random.next(below: UInt64(alphabet.count)))]
            }, as: UTF8.self))
        }
        var differences = 0
        for text in texts {
            for limits in [ExactDecimal.Limits.reported, .wire, .stored] {
                let core = ExactDecimal(text, limits: limits)
                var copy = text
                let bytes = copy.withUTF8 { ExactDecimal(utf8: UnsafeRawBufferPointer($0), limits: limits) }
                let same = core.map { c in bytes.map { $0.isIdentical(to: c) } ?? false } ?? (bytes == nil)
                if !same {
                    differences += 1
                    if differences <= 5 { Issue.record("\(text) \(limits): core \(String(describing: core)), bytes \(String(describing: bytes))") }
                }
            }
        }
        print("differential: \(texts.count) decimal texts × 3 limits, \(differences) differences")
        #expect(differences == 0)
    }
}
