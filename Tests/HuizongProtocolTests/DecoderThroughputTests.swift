import Foundation
import Testing
@testable import HuizongProtocol

/// Submission lines of the benchmark's workload decoded by the tree decoder and by the pull decoder.
/// Only prints; run in a release build:
///   HUIZONG_DECODER_BENCH=1 swift test -c release --filter DecoderThroughputTests
@Suite(.enabled(if: ProcessInfo.processInfo.environment["HUIZONG_DECODER_BENCH"] != nil))
struct DecoderThroughputTests {
    @Test func submissionLines() {
        let lines = DifferentialInputs.workloadLines(cities: 30)
        let bytes = lines.reduce(0) { $0 + $1.count }
        let figures = lines.reduce(0) { total, line in
            guard case .success(let e) = RequestDecoder.decode(line), case .submit(let s, _) = e.request else { return total }
            return total + s.figures.count
        }
        let rounds = 20
        print("decoder throughput: \(lines.count) lines, \(figures) figures, \(bytes / lines.count) bytes a line, \(rounds) rounds")
        for (name, decode) in [("tree", TreeRequestDecoder.decode as ([UInt8], Bool) -> Result<Envelope, RequestError>),
                               ("pull", RequestDecoder.decode as ([UInt8], Bool) -> Result<Envelope, RequestError>)] {
            var best = Duration.seconds(1_000)
            for _ in 0..<3 {  // the best of three runs
                var decoded = 0
                let elapsed = ContinuousClock().measure {
                    for _ in 0..<rounds {
                        for line in lines {
                            if case .success(let e) = decode(line, true), case .submit(let s, _) = e.request { decoded += s.figures.count }
                        }
                    }
                }
                #expect(decoded == figures * rounds)
                best = min(best, elapsed)
            }
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            let mbps = Double(bytes * rounds) / seconds / 1e6
            let nsPerFigure = seconds * 1e9 / Double(figures * rounds)
            let nsPerLine = seconds * 1e9 / Double(lines.count * rounds)
            print("decoder throughput: \(name) \(String(format: "%.1f", mbps)) MB/s, \(String(format: "%.1f", nsPerFigure)) ns a figure, \(String(format: "%.0f", nsPerLine)) ns a line")
        }
    }
}
