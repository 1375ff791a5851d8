import CoreMetrics
import Dispatch
import HuizongCore

/// What the daemon counts, through swift-metrics: huizongd bootstraps a Prometheus registry and
/// serves it (`--metrics`); anywhere else (tests, tools) these go to the no-op backend. Metrics are
/// made once and kept: a submission costs a few atomic additions, not a lookup.
public enum ServerMetrics {
    static let outcomes: [String: Counter] = {
        let names = ["accepted", "duplicate", "valid"] + ErrorCode.allCases.map(\.rawValue)
        return Dictionary(uniqueKeysWithValues: names.map { ($0, Counter(label: "huizong_submissions_total", dimensions: [("outcome", $0)])) })
    }()
    static let ackLatency = Timer(label: "huizong_ack_seconds", preferredDisplayUnit: .seconds)
    static let figuresStored = Counter(label: "huizong_figures_stored_total")
    static let batchSize = Recorder(label: "huizong_batch_submissions", aggregate: true)
    static let commitLatency = Timer(label: "huizong_commit_seconds", preferredDisplayUnit: .seconds)
    static let rolledBack = Counter(label: "huizong_batches_rolled_back_total")
    static let slowConsumerCuts = Counter(label: "huizong_slow_consumer_cuts_total")

    /// Makes every series now, so that a scrape lists them at zero before their first event.
    public static func prepare() {
        _ = (outcomes.count, ackLatency, figuresStored, batchSize, commitLatency, rolledBack, slowConsumerCuts)
    }

    /// A submission's answer: accepted, duplicate, valid (dry run) or the error code.
    static func submission(_ outcome: String, since start: UInt64? = nil) {
        outcomes[outcome]?.increment()
        if let start { ackLatency.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds &- start)) }
    }
}
