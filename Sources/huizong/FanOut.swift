import Foundation
import HuizongCore
import HuizongProtocol
import Histogram

/// 3. Fan-out: many subscribers on one city while a county under it reports, one submission at a
/// time. Latency is from sending the submission to the city's event (for the submission's first
/// indicator; each submission makes one event per indicator and region) arriving at each subscriber,
/// so it includes the commit (an upper bound of commit-to-arrival, which the client cannot see).
extension BenchRun {
    struct FanOut {
        var subscribers: Int
        var rounds: Int
        /// Microseconds, one per subscriber per round.
        var latencies: Histogram<UInt64>
        var missing: Int
        /// The publisher's send → ack, microseconds: the commit's share of the latency.
        var acks: Histogram<UInt64>
        func ms(_ p: Double) -> Double { Double(latencies.valueAtPercentile(p)) / 1000 }
    }

    func fanOut(city: String, county: String, template: Submission, token: String) throws -> FanOut {
        let n = o.subscribers
        let rounds = o.fanOutRounds
        progress("fan-out: \(n) subscribers on \(city), \(rounds) submissions from \(county)")
        let clients = try (0..<n).map { _ in try LineClient(unixPath: socket) }
        for (i, c) in clients.enumerated() {
            do { try hello(c, token: token) } catch { throw CLIError("subscriber \(i): hello: \(error)") }
            try c.send(Array(#"{"type":"subscribe","id":"w","region":"\#(city)"}"#.utf8) + [0x0A])
            let reply: [UInt8]?
            do { reply = try c.readLine() } catch { throw CLIError("subscriber \(i): subscribe: \(error)") }
            guard let reply, String(decoding: reply, as: UTF8.self).contains("\"subscribed\"") else {
                throw CLIError("subscriber \(i): subscribe refused: \(String(decoding: (reply ?? []).prefix(300), as: UTF8.self))")
            }
        }
        // One thread polls every subscriber and counts, in the raw bytes, the city's events for this
        // run's period and one indicator (each figure of a submission is an event of its own): the
        // k-th one is round k. memchr and memcmp over each read, carrying a marker's length of bytes across reads,
        // keeps the reader far ahead of 600,000 lines a second (a line-by-line reader in Swift arrays
        // was not, and its lag was reported as the daemon's).
        let indicator = template.figures.first?.indicator ?? ""
        let marker = Array(#""region":"\#(city)","period":"2002-01","indicator":"\#(indicator)""#.utf8)
        let arrivals = Locked([[UInt64]](repeating: [], count: n))
        let done = Locked(false)
        let reader = Thread {
            var fds = clients.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            var carried = [[UInt8]](repeating: [], count: n)
            let keep = marker.count - 1
            var buffer = [UInt8](repeating: 0, count: keep + (1 << 16))
            while !done.value {
                guard poll(&fds, nfds_t(n), 100) > 0 else { continue }
                for i in 0..<n where fds[i].revents & Int16(POLLIN) != 0 {
                    let head = carried[i].count
                    buffer.replaceSubrange(0..<head, with: carried[i])  // the tail a marker may straddle
                    let got = buffer.withUnsafeMutableBytes { b in read(fds[i].fd, b.baseAddress! + head, b.count - head) }
                    guard got > 0 else { fds[i].fd = -1; continue }
                    let now = DispatchTime.now().uptimeNanoseconds
                    let total = head + got
                    let hits = buffer.withUnsafeBytes { b in
                        marker.withUnsafeBytes { m in
                            var count = 0
                            var at = b.baseAddress!
                            var left = total
                            // memchr for the marker's '-' (the period's, about once a line), memcmp
                            // of the whole marker around it. Looking for its first byte, a quote, the
                            // commonest byte of JSON, cost this reader most of a core, taken from the
                            // daemon it measures.
                            let pivot = m.firstIndex(of: UInt8(ascii: "-")) ?? 0
                            while left >= m.count, let found = memchr(at + pivot, Int32(m[pivot]), left - m.count + 1) {
                                let start = UnsafeRawPointer(found) - pivot
                                let skip = start - at
                                if memcmp(start, m.baseAddress!, m.count) == 0 {
                                    count += 1
                                    at += skip + m.count
                                    left -= skip + m.count
                                } else {
                                    at += skip + 1
                                    left -= skip + 1
                                }
                            }
                            return count
                        }
                    }
                    carried[i] = Array(buffer[max(0, total - keep)..<total])
                    if hits > 0 { arrivals.mutate { $0[i] += Array(repeating: now, count: hits) } }
                }
            }
        }
        reader.start()

        let publisher = try LineClient(unixPath: socket)
        try hello(publisher, token: token)
        // Events of earlier runs still on their way are not ours: let them pass, then count.
        Thread.sleep(forTimeInterval: 1)
        progress("fan-out: \(n) subscribed; sending")
        arrivals.mutate { $0 = [[UInt64]](repeating: [], count: n) }
        var sent: [UInt64] = []
        var acks = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        for round in 1...rounds {
            var s = template
            s.region = county
            s.period = Period(year: 2002, month: 1)!
            s.revision = round
            s.key = "fan-\(round)"
            sent.append(DispatchTime.now().uptimeNanoseconds)
            try publisher.send(RequestEncoder.submit(id: nil, s))
            guard let ack = try publisher.readLine(), String(decoding: ack, as: UTF8.self).contains("\"accepted\"") else {
                throw CLIError("fan-out submission refused")
            }
            _ = acks.record((DispatchTime.now().uptimeNanoseconds - sent[sent.count - 1]) / 1000)
            Thread.sleep(forTimeInterval: 0.05)
        }
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, arrivals.value.contains(where: { $0.count < rounds }) { Thread.sleep(forTimeInterval: 0.05) }
        done.mutate { $0 = true }
        var latencies = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var missing = 0
        for times in arrivals.value {
            missing += max(0, rounds - times.count)
            for (k, t) in times.prefix(rounds).enumerated() { _ = latencies.record(t > sent[k] ? (t - sent[k]) / 1000 : 0) }
        }
        let result = FanOut(subscribers: n, rounds: rounds, latencies: latencies, missing: missing, acks: acks)
        progress("fan-out: p50 \(String(format: "%.1f", result.ms(50))) ms, p99 \(String(format: "%.1f", result.ms(99))) ms, \(missing) missing; "
                 + "the publisher's acks p50 \(String(format: "%.1f", Double(acks.valueAtPercentile(50)) / 1000)) ms, p99 \(String(format: "%.1f", Double(acks.valueAtPercentile(99)) / 1000)) ms")
        return result
    }
}
