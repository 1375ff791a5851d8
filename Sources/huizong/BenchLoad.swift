import Foundation
import HuizongCore
import HuizongProtocol
import HuizongWorkload
import Histogram

/// The benchmark's clients: the bulk ingest and the per-submission runs.
extension BenchRun {
    struct Ingest {
        var seconds: Double
        var accepted: Int
        var failures: [String]
    }

    /// Each connection takes every N-th region and sends that region's submissions in order, keeping
    /// up to `window` unacknowledged; a reader thread per connection counts the acks.
    func bulkIngest(_ workload: NationalYear, token: String) throws -> Ingest {
        var perConnection = [[Submission]](repeating: [], count: o.connections)
        var slot: [String: Int] = [:]
        for s in workload.submissions {
            let i = slot[s.region] ?? (slot.count % o.connections)
            slot[s.region] = i
            perConnection[i].append(s)
        }
        let lines = perConnection.map { subs in subs.map { RequestEncoder.submit(id: nil, $0) } }
        let clients = try (0..<o.connections).map { _ in try LineClient(unixPath: socket) }
        for c in clients { try hello(c, token: token) }

        let total = workload.submissions.count
        let done = Counter()
        let results = Locked((accepted: 0, failures: [String]()))
        let group = DispatchGroup()
        let started = Date()
        for (i, client) in clients.enumerated() {
            let window = DispatchSemaphore(value: o.window)
            let mine = lines[i]
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var batch: [UInt8] = []
                for line in mine {
                    window.wait()
                    batch += line
                    if batch.count > 32_768 { try? client.send(batch); batch.removeAll(keepingCapacity: true) }
                }
                if !batch.isEmpty { try? client.send(batch) }
            }
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var ok = 0
                var bad: [String] = []
                for _ in 0..<mine.count {
                    guard let reply = try? client.readLine() else { bad.append("connection closed"); break }
                    window.signal()
                    // An ack may carry warnings (an outlier of the workload's random months): accepted still.
                    if String(decoding: reply.prefix(160), as: UTF8.self).contains("\"status\":\"accepted\"") { ok += 1 }
                    else if bad.count < 5 { bad.append(String(decoding: reply.prefix(400), as: UTF8.self)) }
                    if done.increment() % 5000 == 0 { progress("  ingest: \(done.value)/\(total) acknowledged") }
                }
                results.mutate { $0.accepted += ok; $0.failures += bad }
            }
        }
        group.wait()
        let (accepted, failures) = results.value
        let seconds = Date().timeIntervalSince(started)
        progress("bulk ingest: \(accepted)/\(total) accepted in \(String(format: "%.2f", seconds)) s")
        return Ingest(seconds: seconds, accepted: accepted, failures: failures)
    }

    /// The template's figures for a region, month and revision, every level moved on a little (so
    /// each revision replaces 20 figures and writes their history, as pgbench's baseline does), and
    /// growing month by month (ytd never falls).
    static func revised(_ template: Submission, region: String, month: Int, revision: Int, run: String) -> Submission {
        var s = template
        s.region = region
        s.period = Period(year: 2001, month: month)!
        s.revision = revision
        s.key = "ps-\(run)-\(region)-\(revision)"
        let step = ExactDecimal(significand: Int128(month) * 100_000_000 + Int128(revision), scale: 2)
        let whole = ExactDecimal(month * 1_000_000 + revision)  // counts stay whole
        s.figures = template.figures.map { f in
            var f = f
            f.month = nil
            f.ytd = f.ytd.map { $0 + ($0.scale == 0 ? whole : step) }
            f.num = f.num.map { $0 + ExactDecimal(revision) }
            return f
        }
        return s
    }

    struct Single {
        var count: Int
        var seconds: Double
        /// Acknowledgement latency in microseconds.
        var latencies: Histogram<UInt64>
        var failures: [String]
        var perSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }
        /// Milliseconds at percentile `p` (0–100).
        func ms(_ p: Double) -> Double { Double(latencies.valueAtPercentile(p)) / 1000 }
        static let none = Single(count: 0, seconds: 0, latencies: Histogram(highestTrackableValue: 60_000_000), failures: [])
    }

    /// One region per connection, revisions 1, 2, 3, … of one month (a fresh month per run), each
    /// replacing the region's 20 figures. Closed loop (each sent after the previous ack) unless
    /// `rate` is given: then every connection sends on a fixed schedule, and latency runs from the
    /// scheduled time, so that a stall counts against every submission it delays.
    func perSubmission(_ regions: [String], template: Submission, token: String, run: String, rate: Double? = nil) throws -> Single {
        let clients = try regions.map { _ in try LineClient(unixPath: socket) }
        for c in clients { try hello(c, token: token) }
        let month = ["empty": 1, "year": 2, "fixed": 3, "grown": 4, "idle-before": 5, "idle": 6, "idle-after": 7][run] ?? 8
        let interval = rate.map { UInt64(Double(regions.count) / $0 * 1e9) }  // nanoseconds between one connection's sends
        let end = DispatchTime.now().uptimeNanoseconds + UInt64(o.seconds) * 1_000_000_000
        let results = Locked((histogram: Histogram<UInt64>(highestTrackableValue: 60_000_000), count: 0, failures: [String]()))
        let group = DispatchGroup()
        let started = DispatchTime.now().uptimeNanoseconds
        for (n, (client, region)) in zip(clients, regions).enumerated() {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var mine = Histogram<UInt64>(highestTrackableValue: 60_000_000)
                var count = 0
                var bad: [String] = []
                var revision = 0
                // Connections start spread over one interval, not all at once.
                var next = started + (interval.map { $0 * UInt64(n) / UInt64(regions.count) } ?? 0)
                while true {
                    if interval != nil {
                        let now = DispatchTime.now().uptimeNanoseconds
                        if next >= end { break }
                        if next > now { usleep(UInt32((next - now) / 1000)) }
                    } else if DispatchTime.now().uptimeNanoseconds >= end { break }
                    revision += 1
                    let s = Self.revised(template, region: region, month: month, revision: revision, run: run)
                    let sent = interval == nil ? DispatchTime.now().uptimeNanoseconds : next
                    guard (try? client.send(RequestEncoder.submit(id: nil, s))) != nil,
                          let reply = try? client.readLine() else { bad.append("connection lost"); break }
                    if String(decoding: reply.prefix(120), as: UTF8.self).contains("\"accepted\"") {
                        _ = mine.record((DispatchTime.now().uptimeNanoseconds - sent) / 1000)
                        count += 1
                    } else if bad.count < 3 {
                        bad.append(String(decoding: reply.prefix(300), as: UTF8.self))
                    }
                    if let interval { next += interval }
                }
                results.mutate { $0.histogram.add(mine); $0.count += count; $0.failures += bad }
            }
        }
        group.wait()
        let (histogram, count, failures) = results.value
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let result = Single(count: count, seconds: seconds, latencies: histogram, failures: failures)
        progress("per-submission (\(run)\(rate.map { ", \(Int($0))/s" } ?? "")): \(count) in \(String(format: "%.1f", seconds)) s, "
                 + "p50 \(String(format: "%.1f", result.ms(50))) ms, p99 \(String(format: "%.1f", result.ms(99))) ms")
        return result
    }
}
