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
        func ms(_ p: Double) -> Double { Double(latencies.valueAtPercentile(p)) / 1000 }
    }

    func fanOut(city: String, county: String, template: Submission, token: String) throws -> FanOut {
        let n = o.subscribers
        let rounds = o.fanOutRounds
        progress("fan-out: \(n) subscribers on \(city), \(rounds) submissions from \(county)")
        let clients = try (0..<n).map { _ in try LineClient(unixPath: socket) }
        for c in clients {
            try hello(c, token: token)
            try c.send(Array(#"{"type":"subscribe","id":"w","region":"\#(city)"}"#.utf8) + [0x0A])
            guard let reply = try c.readLine(), String(decoding: reply, as: UTF8.self).contains("\"subscribed\"") else {
                throw CLIError("subscribe refused")
            }
        }
        // One thread polls every subscriber; an arrival is the city's event, the k-th one for round k.
        // This run's period, and one indicator (each figure of a submission is an event of its own).
        let indicator = template.figures.first?.indicator ?? ""
        let marker = Array(#""region":"\#(city)","period":"2002-01","indicator":"\#(indicator)""#.utf8)
        let arrivals = Locked([[UInt64]](repeating: [], count: n))
        let done = Locked(false)
        let reader = Thread {
            var fds = clients.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            var pending = [[UInt8]](repeating: [], count: n)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while !done.value {
                guard poll(&fds, nfds_t(n), 100) > 0 else { continue }
                let now = DispatchTime.now().uptimeNanoseconds
                for i in 0..<n where fds[i].revents & Int16(POLLIN) != 0 {
                    let got = chunk.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                    guard got > 0 else { fds[i].fd = -1; continue }
                    pending[i] += chunk[0..<got]
                    var hits = 0
                    while let nl = pending[i].firstIndex(of: 0x0A) {
                        let head = pending[i][0..<min(nl, 120)]
                        if head.starts(with: Array(#"{"type":"aggregate""#.utf8)),
                           head.indices.contains(where: { head[$0...].starts(with: marker) }) { hits += 1 }
                        pending[i].removeFirst(nl + 1)
                    }
                    if hits > 0 { arrivals.mutate { $0[i] += Array(repeating: now, count: hits) } }
                }
            }
        }
        reader.start()

        let publisher = try LineClient(unixPath: socket)
        try hello(publisher, token: token)
        // Events of earlier runs still on their way are not ours: let them pass, then count.
        Thread.sleep(forTimeInterval: 1)
        arrivals.mutate { $0 = [[UInt64]](repeating: [], count: n) }
        var sent: [UInt64] = []
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
        let result = FanOut(subscribers: n, rounds: rounds, latencies: latencies, missing: missing)
        progress("fan-out: p50 \(String(format: "%.1f", result.ms(50))) ms, p99 \(String(format: "%.1f", result.ms(99))) ms, \(missing) missing")
        return result
    }
}
