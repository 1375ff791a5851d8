import CoreMetrics
import Foundation
import Synchronization

/// What the writers of a daemon report to everyone else: which provinces have parents not yet
/// written (a read on this daemon waits for them), and their counts (stats, metrics, status lines).
final class WriterRegistry: Sendable {
    private struct State {
        var dirty: Set<String> = []
        var stats = WriterStats()
    }

    private let state = Mutex(State())

    func mark(_ province: String, dirty: Bool) {
        state.withLock { s in
            if dirty { s.dirty.insert(province) } else { s.dirty.remove(province) }
        }
    }

    func isDirty(_ province: String) -> Bool { state.withLock { $0.dirty.contains(province) } }

    func record(batch size: Int, accepted: Int, figures: Int, nanoseconds: Int64) {
        StoreMetrics.batchSize.record(size)
        StoreMetrics.commitLatency.recordNanoseconds(nanoseconds)
        StoreMetrics.figuresStored.increment(by: figures)
        state.withLock { s in
            s.stats.batches += 1
            s.stats.accepted += accepted
            s.stats.largestBatch = max(s.stats.largestBatch, size)
            if accepted > 0 { s.stats.lastCommit = Date() }
        }
    }

    func recordRollback() {
        StoreMetrics.rolledBack.increment()
        state.withLock { $0.stats.rolledBack += 1 }
    }

    func recordStale() { state.withLock { $0.stats.stale += 1 } }

    var stats: WriterStats { state.withLock { $0.stats } }
}

public struct WriterStats: Sendable {
    /// Batches written (each one transaction).
    public var batches = 0
    /// Submissions accepted and committed.
    public var accepted = 0
    public var largestBatch = 0
    /// Batches a statement error rolled back (then tried again, whole or one by one).
    public var rolledBack = 0
    /// Batches decided on a province another daemon had written meanwhile: refused at their claim,
    /// before writing anything, and decided again on the province read afresh.
    public var stale = 0
    /// When the last batch that accepted something committed.
    public var lastCommit: Date?
}

/// The writers' series (swift-metrics; huizongd exports them): made once, at first use.
public enum StoreMetrics {
    static let figuresStored = Counter(label: "huizong_figures_stored_total")
    static let batchSize = Recorder(label: "huizong_batch_submissions", aggregate: true)
    static let commitLatency = Timer(label: "huizong_commit_seconds", preferredDisplayUnit: .seconds)
    static let rolledBack = Counter(label: "huizong_batches_rolled_back_total")

    /// Makes every series now, so that a scrape lists them at zero before their first event.
    public static func prepare() { _ = (figuresStored, batchSize, commitLatency, rolledBack) }
}
